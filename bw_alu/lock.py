"""Locks that serialise the bw-alu processes writing to one data folder or project.

Two advisory locks (``fcntl.flock``; ``msvcrt.locking`` on Windows), released by the
kernel when a process ends, also after ``kill -9``:

- the *set-up lock*, ``<BRIGHTWAY2_DIR>/bw-alu-setup.lock``: held while bw2data first
  creates its data folder and while a project is created and first set up, so that
  two first-time commands into an empty folder leave one good project;
- the *project lock*, ``<project dir>/bw-alu.lock`` (beside the project's ``lci/``
  SQLite file): held by every command that writes to the project (import, batch,
  background add, repair, set-up).

A process waits for a lock at most ``--lock-timeout`` seconds (or
``BW_ALU_LOCK_TIMEOUT``; default :data:`DEFAULT_TIMEOUT`), then stops with
:class:`~bw_alu.errors.LockTimeout` naming the project and the lock file. Locks are
re-entrant within a process (an import's set-up and write run under the import's lock).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import LockTimeout, LockTimeoutInvalid

ENV_TIMEOUT = "BW_ALU_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 600.0
PROJECT_LOCK = "bw-alu.lock"
SETUP_LOCK = "bw-alu-setup.lock"
_POLL = 0.05

if sys.platform == "win32":  # pragma: no cover - the same lock with msvcrt's byte locks
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _note_holder(fd: int) -> None:
        pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _note_holder(fd: int) -> None:
        """Who holds it, for the message another process may print."""
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)


_held: dict[str, tuple[int, int]] = {}  # path -> (fd, depth)
_timeout: float | None = None  # set by --lock-timeout


def parse_timeout(value: str | float, origin: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = float("nan")
    if not seconds >= 0 or seconds == float("inf"):  # also rejects nan
        raise LockTimeoutInvalid(f"{origin} must be a number of seconds >= 0, got {value!r}")
    return seconds


def set_timeout(seconds: float | None) -> None:
    """The CLI's ``--lock-timeout`` (None: the environment's or the default)."""
    global _timeout
    _timeout = None if seconds is None else parse_timeout(seconds, "--lock-timeout")


def timeout() -> float:
    if _timeout is not None:
        return _timeout
    env = os.environ.get(ENV_TIMEOUT)
    if env not in (None, ""):
        return parse_timeout(env, ENV_TIMEOUT)
    return DEFAULT_TIMEOUT


def data_dir() -> Path:
    """The Brightway data folder, as bw2data chooses it (``BRIGHTWAY2_DIR``, else the
    platform's user data folder), without importing bw2data."""
    env = os.environ.get("BRIGHTWAY2_DIR")
    if env:
        return Path(env).absolute()
    from platformdirs import PlatformDirs

    return Path(PlatformDirs("Brightway3", "pylca").user_data_dir)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (held by process {text})" if text.isdigit() else ""


@contextlib.contextmanager
def file_lock(path: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block.

    ``what`` names the thing locked in the timeout message ("project 'x'").
    """
    key = os.path.abspath(path)
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    seconds = timeout() if wait is None else wait
    Path(key).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + seconds
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"{what} is locked by another bw-alu process{_holder(fd)}; waited "
                    f"{seconds:g} s for the lock file {key}. Try again when it has "
                    f"finished, or wait longer with --lock-timeout SECONDS (or "
                    f"{ENV_TIMEOUT})"
                )
            time.sleep(_POLL)
        _note_holder(fd)
    except BaseException:
        os.close(fd)
        raise
    _held[key] = (fd, 1)
    try:
        yield
    finally:
        fd, depth = _held[key]
        if depth > 1:  # pragma: no cover - an unbalanced exit; keep it held
            _held[key] = (fd, depth - 1)
        else:
            del _held[key]
            _unlock(fd)
            os.close(fd)


def held(path: Path) -> bool:
    """Whether this process holds the lock on ``path``."""
    return os.path.abspath(path) in _held


def setup_lock_path() -> Path:
    return data_dir() / SETUP_LOCK


def setup_lock() -> contextlib.AbstractContextManager[None]:
    """The data folder's set-up lock (first import of bw2data, creating a project)."""
    folder = data_dir()
    return file_lock(folder / SETUP_LOCK, f"the Brightway data folder {str(folder)!r}")


def project_lock_path(project: str) -> Path:
    """``<project dir>/bw-alu.lock``; the project must exist (bw2data names its folder)."""
    import bw2data as bd
    from bw2data.project import ProjectDataset

    dataset = ProjectDataset.get(ProjectDataset.name == project)
    return Path(bd.projects._project_dir(dataset)) / PROJECT_LOCK


def project_lock(project: str) -> contextlib.AbstractContextManager[None]:
    return file_lock(project_lock_path(project), f"project {project!r}")
