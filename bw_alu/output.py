"""Every file bw-alu writes for the user goes through here.

- Whole or not at all: the bytes go to a temporary file in the target's own directory,
  which is then renamed over the target (``os.replace``, atomic on one file system), so
  a failure or an interruption never leaves a half-written file, and another process
  never reads one.
- Never over anything but a regular file: a symlink, FIFO, device node, socket or
  directory at the target is refused (renaming over ``/dev/full`` as root would replace
  the device node with a file).
- The umask is honoured: a new file gets ``0o666 & ~umask`` (``mkstemp`` creates 0600);
  a file that is replaced keeps its permission bits.
- Optionally, an existing file is kept (``overwrite=False``, ``bw-alu template``).

Every failure is an :class:`~bw_alu.errors.OutputNotWritable` naming the path, which the
CLI turns into one message and exit status 2. Not done: ``fsync`` (the rename protects
against bw-alu failing, not against the machine losing power).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import OutputExists, OutputNotWritable

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back: there is no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path: Path, *, overwrite: bool = True) -> os.stat_result | None:
    """The stat of the regular file at ``path``, None when nothing is there.

    Raises OutputNotWritable for anything else at ``path`` (not followed: a symlink is
    refused even when it points to a regular file), OutputExists when ``overwrite`` is
    False and a file is there.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputNotWritable(f"cannot write {path}: {_reason(exc)}") from exc
    if not stat.S_ISREG(st.st_mode):
        kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
        raise OutputNotWritable(
            f"cannot write {path}: it is {kind}; bw-alu only replaces regular files"
        )
    if not overwrite:
        raise OutputExists(f"{path} exists; use --force to replace it")
    return st


def ensure_dir(path: Path) -> Path:
    """Create the folder ``path`` (and its parents) if missing; OutputNotWritable if not."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputNotWritable(f"cannot write to {path}: it exists and is not a folder") from exc
    except OSError as exc:
        raise OutputNotWritable(f"cannot write to {path}: {_reason(exc)}") from exc
    return path


def check_writable_dir(path: Path) -> Path:
    """Create the folder ``path`` if missing and prove a file can be created in it.

    For commands that write many files (``batch``): an unwritable destination stops them
    before any work, rather than after the calculation.
    """
    path = ensure_dir(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path, prefix=".bw-alu-probe.", suffix=".tmp")
    except OSError as exc:
        raise OutputNotWritable(f"cannot write to {path}: {_reason(exc)}") from exc
    os.close(fd)
    os.unlink(tmp)
    return path


def write_with(
    path: Path | str,
    write: Callable[[Path], object],
    *,
    overwrite: bool = True,
    parents: bool = False,
) -> Path:
    """Write ``path`` with ``write(temporary_path)``, then rename it into place.

    ``write`` may be any writer that takes a path (``DataFrame.to_csv``, openpyxl's
    ``Workbook.save``); it writes into a fresh empty file beside the target.
    """
    path = Path(path)
    if parents:
        ensure_dir(path.parent)
    existing = check_target(path, overwrite=overwrite)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputNotWritable(f"cannot write {path}: {_reason(exc)}") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~current_umask()
        os.chmod(tmp, mode)
        # Checked again just before the rename: something may have appeared meanwhile.
        check_target(path, overwrite=overwrite)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputNotWritable(f"cannot write {path}: {_reason(exc)}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_bytes(path: Path | str, data: bytes, **kwargs) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see :func:`write_with`)."""
    return write_with(path, lambda p: p.write_bytes(data), **kwargs)


def write_text(path: Path | str, text: str, **kwargs) -> Path:
    """Write ``text`` as UTF-8, line endings as given (no translation)."""
    return write_bytes(path, text.encode("utf-8"), **kwargs)
