"""Brightway project set-up (flows, methods, open background) and atomic product writes.

Library functions take the project name; :func:`activate` is the one place that touches
bw2data's process-global current project. Library entry points (import, calculate,
verify, batch, the :mod:`bw_alu.api` calls) run inside :func:`in_project` (or carry
:func:`restores_project`), which puts back the project that was current before.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from .errors import BackgroundInvalid, BiosphereMissing, ProjectNotReady
from .paths import BACKGROUND_DIR

DEFAULT_PROJECT = "bw-alu"
DEFAULT_BACKGROUND = "uslci_cn"
BIOSPHERE = "biosphere3"
BACKGROUND_FILE = BACKGROUND_DIR / "uslci_cn.json.gz"


class _ErrorsOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


def ensure_data_dir() -> None:
    """Prepare the environment before bw2data is first imported.

    Creates ``BRIGHTWAY2_DIR`` if it is set and missing (bw2data refuses a missing one), and
    routes Brightway's console feedback through the standard logging module at level
    WARNING+, so that ``lcia --format csv`` on stdout carries only the table.
    """
    path = os.environ.get("BRIGHTWAY2_DIR")
    if path:
        Path(path).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("BRIGHTWAY_NO_STRUCTLOG", "1")
    # bw2data sets this logger to INFO and writes to stdout while it is being imported, so
    # a filter (which survives its setLevel) keeps only errors.
    feedback = logging.getLogger("brightway-stdout-feedback")
    if not any(isinstance(f, _ErrorsOnly) for f in feedback.filters):
        feedback.addFilter(_ErrorsOnly())


def bw():
    """bw2data, imported. The first import in a process runs under the data folder's
    set-up lock: bw2data creates ``projects.db`` and its ``default`` project then, and
    two processes doing so at once into an empty folder crash."""
    ensure_data_dir()
    if "bw2data" not in sys.modules:
        from .lock import data_dir, setup_lock

        # Only until bw2data has initialised the folder once (the marker), so that a
        # command need not wait while another process sets up a new project.
        marker = data_dir() / ".bw-alu-initialised"
        if marker.exists():
            import bw2data  # noqa: F401
        else:
            with setup_lock():
                import bw2data  # noqa: F401

                marker.touch()
    import bw2data as bd

    return bd


def project_exists(project: str) -> bool:
    bd = bw()
    return project in bd.projects


def reload_metadata() -> None:
    """Re-read bw2data's metadata files (``databases.json``, ``methods.json``, ...) of
    the current project. bw2data reads them once per project switch and rewrites the
    whole file on every change, so a process that kept the copy it read before another
    process wrote would put the other's databases out of the registry again."""
    from bw2data import config

    for meta in config.metadata:
        meta.load()


def delete_project(project: str) -> None:
    """Remove ``project`` and its data directory (used to undo a failed first import)."""
    import bw2data as bd

    if project not in bd.projects:
        return
    if bd.projects.current == project:
        # bw2data refuses to delete the current (or the only) project; move to its default.
        bd.projects.set_current("default" if project != "default" else "bw-alu-empty")
    bd.projects.delete_project(project, delete_dir=True)


_checked: set[str] = set()


def activate(project: str) -> None:
    """Make ``project`` current. The first time a process opens a project, a journal left
    by an interrupted write or missing SQLite indexes are dealt with (under the lock)."""
    bd = bw()
    if bd.projects.current != project:
        bd.projects.set_current(project)
    if project not in _checked:
        _checked.add(project)
        from .recovery import needs_recovery

        if needs_recovery():
            with writing(project):
                pass  # writing() recovers once it holds the lock


@contextlib.contextmanager
def writing(project: str) -> Iterator[None]:
    """Hold ``project``'s lock (see :mod:`bw_alu.lock`) for the block, with bw2data's
    metadata re-read from disk and an interrupted earlier write rolled back; ``project``
    is current inside. A missing project is created under the data folder's set-up lock.
    Re-entrant: a nested call only checks the project is current."""
    from .lock import held, project_lock, project_lock_path, setup_lock

    bd = bw()
    if project in bd.projects and held(project_lock_path(project)):
        activate(project)
        yield
        return
    if project in bd.projects:
        with project_lock(project):
            if project in bd.projects:  # not deleted by its creator while we waited
                _opened(project)
                yield
                return
    with setup_lock():
        if project not in bd.projects:
            bd.projects.set_current(project)  # creates it
        with project_lock(project):
            _opened(project)
            yield


def _opened(project: str) -> None:
    import bw2data as bd

    from .recovery import recover

    _checked.add(project)
    if bd.projects.current != project:
        bd.projects.set_current(project)
    else:
        reload_metadata()
    for line in recover():
        _recovered.setdefault(project, []).append(line)
        logging.getLogger("bw_alu").warning("project %r: %s", project, line)


_recovered: dict[str, list[str]] = {}


def repair(project: str) -> list[str]:
    """``bw-alu repair``: under the project's lock, roll back a write that a killed
    process left half-done and re-create missing SQLite indexes; return what was done
    (also what opening the project in this process did already)."""
    if not project_exists(project):
        raise ProjectNotReady(f"project {project!r} does not exist")
    with in_project(project), writing(project):
        from .recovery import recover

        for line in recover():
            _recovered.setdefault(project, []).append(line)
    return _recovered.pop(project, [])


@contextlib.contextmanager
def in_project(project: str) -> Iterator[None]:
    """``project`` is bw2data's current project inside the block; afterwards (also after
    an error) the project that was current before is current again.

    A project that the block created (bw2data creates a project on switching to it) is
    deleted again when the block fails: a failed first import, or a calculation asked of
    a misspelt project, leaves no empty project behind.
    """
    bd = bw()
    before = bd.projects.current
    try:
        if project not in bd.projects:
            from .lock import project_lock, setup_lock

            # Created under the data folder's set-up lock, and the project's lock held
            # until the block ends: another process waits rather than writing into a
            # project that a failure here deletes again.
            with setup_lock():
                if project not in bd.projects:
                    bd.projects.set_current(project)
                    _checked.add(project)
                    with project_lock(project):
                        try:
                            yield
                        except BaseException:
                            delete_project(project)
                            raise
                    return
        activate(project)
        yield
    finally:
        if bd.projects.current != before and before in bd.projects:
            bd.projects.set_current(before)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def restores_project(f: Callable[Concatenate[str, _P], _R]) -> Callable[Concatenate[str, _P], _R]:
    """Run ``f(project, ...)`` inside :func:`in_project`: a library entry point taking the
    project name first leaves bw2data's current project as it found it."""

    @functools.wraps(f)
    def wrapper(project: str, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with in_project(project):
            return f(project, *args, **kwargs)

    return wrapper


@contextlib.contextmanager
def _quiet():
    """bw2io prints progress bars and strategy lists; keep the CLI's output clean."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


@restores_project
def setup(
    project: str,
    *,
    background_file: Path = BACKGROUND_FILE,
    background: str = DEFAULT_BACKGROUND,
) -> list[str]:
    """Make ``project`` ready offline; return what was done (empty when nothing was needed).

    With bw-alu's own background (``uslci_cn``) the project gets ``biosphere3``, the
    methods of ``methods/indicators.csv`` and the embedded background, each only if
    missing. With any other background (the user's ecoinvent, a release added with
    ``bw-alu background add``) nothing is written to the project's databases or
    methods: its biosphere and methods are checked, and a clear error names what is
    absent (see :mod:`bw_alu.biosphere`, :mod:`bw_alu.project_methods`).
    """
    with writing(project):
        return _setup(background_file, background)


def _setup(background_file: Path, background: str) -> list[str]:
    import bw2data as bd

    own = background_file != BACKGROUND_FILE or background == DEFAULT_BACKGROUND
    if background in bd.databases and not bd.databases[background].get("bw_alu_sha256"):
        own = False  # the user's database (their ecoinvent, a release added by them)
    if not own:
        from .biosphere import biosphere_name
        from .project_methods import resolve_methods

        resolve_methods(biosphere_name(background))  # raises naming what is missing
        _ensure_cf_cache()
        return []
    _precheck_flows(background_file)
    done = ensure_flows_and_methods()
    _ensure_cf_cache()
    done += _ensure_background(background_file)
    return done


def ensure_flows_and_methods() -> list[str]:
    """``biosphere3`` and bw-alu's methods in the current project, unless it has them."""
    import bw2data as bd

    from .recovery import journaled

    done = []
    if BIOSPHERE not in bd.databases:
        import bw2io as bi

        with journaled([BIOSPHERE]), _quiet():
            bi.create_default_biosphere3()
        done.append(f"{BIOSPHERE}: {len(bd.Database(BIOSPHERE))} elementary flows (ecoinvent 3.9)")
    done += _ensure_methods()
    return done


def _ensure_cf_cache() -> None:
    import bw2data as bd

    from .indicators import indicators
    from .lcia_data import IPCC_GWP100, use_cache, write_cache

    path = Path(bd.projects.dir) / "bw_alu_cf_cache.json"
    if not path.exists():
        write_cache(path, sorted({i.method for i in indicators()} | {IPCC_GWP100}))
    use_cache(path)


def _ensure_methods() -> list[str]:
    import bw2data as bd

    from .indicators import indicators
    from .recovery import journaled

    written: list[str] = []
    missing = [ind.method for ind in indicators() if ind.method not in bd.methods]
    if not missing:
        return []
    with journaled(methods=missing):
        for ind in indicators():
            _write_method(ind, written)
    return [f"methods: wrote {len(written)}"] if written else []


def _write_method(ind, written: list[str]) -> None:
    import bw2data as bd

    from .biosphere import flow_codes
    from .lcia_data import LCIA_ZIP, method_cfs, method_description, method_unit

    if ind.method in bd.methods:
        return
    # A project's own biosphere3 (another release's flow list) may lack flows of the
    # bundled 3.9 methods: write the factors of the flows it has, and register the
    # method only once the write succeeded, so a failure leaves no empty method.
    cfs = method_cfs(ind.method)
    present = flow_codes(BIOSPHERE, [code for code, _ in cfs])
    data = [((BIOSPHERE, code), cf) for code, cf in cfs if code in present]
    method = bd.Method(ind.method)
    try:
        method.register(
            unit=method_unit(ind.method),
            description=method_description(ind.method),
            source=f"bw2io {LCIA_ZIP.name} (ecoinvent LCIA implementation v3.9)",
            database=BIOSPHERE,
            bw_alu_dropped_flows=len(cfs) - len(data),
        )
        # bw2io#277: the JSON holds flow keys as lists; bw2data 4.8 wants tuples.
        method.write(data)
    except BaseException:
        if ind.method in bd.methods:
            method.deregister()
        raise
    written.append(" / ".join(ind.method))


def read_background(path: Path = BACKGROUND_FILE) -> dict:
    if not path.exists():
        raise BackgroundInvalid(f"embedded background missing: {path}")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _ensure_background(path: Path) -> list[str]:
    import bw2data as bd

    if not path.exists():
        raise BackgroundInvalid(f"embedded background missing: {path}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # Cheap check first: the same file was written before (no need to parse 700 KB of JSON).
    if any(m.get("bw_alu_sha256") == digest for m in bd.databases.values()):
        return []
    data = read_background(path)
    name = data["database"]
    records = {}
    for act in data["activities"]:
        key = (name, act["code"])
        exchanges = []
        for exc in act["exchanges"]:
            if exc["type"] == "production":
                exchanges.append({"type": "production", "input": key, "amount": exc["amount"]})
            elif exc["type"] == "technosphere":
                exchanges.append(
                    {"type": "technosphere", "input": (name, exc["input"]), "amount": exc["amount"]}
                )
            else:
                exchanges.append(
                    {
                        "type": "biosphere",
                        "input": (BIOSPHERE, exc["input"]),
                        "amount": exc["amount"],
                    }
                )
        record = {k: v for k, v in act.items() if k not in {"code", "exchanges"}}
        record.update({"type": "process", "exchanges": exchanges})
        records[key] = record
    from .recovery import journaled

    with journaled([name]):
        db = bd.Database(name)
        with _quiet():
            db.write(records, searchable=False)
        meta = bd.databases[name]
        meta.update(
            {
                "bw_alu_version": data["version"],
                "bw_alu_sha256": digest,
                "title": data.get("title", name),
                "notice": data.get("notice", ""),
                "depends": [BIOSPHERE],
            }
        )
        bd.databases[name] = meta
        bd.databases.flush()
    return [f"background {name}: {len(records)} activities ({data['version']})"]


def _precheck_flows(path: Path) -> None:
    """Before writing anything to a project that already has a ``biosphere3``: the
    embedded background must find all its flows there (a project's own biosphere3 may
    be another release's list). A biosphere3 bw-alu creates always has them."""
    import bw2data as bd

    from .biosphere import flow_codes

    if BIOSPHERE not in bd.databases or not path.exists():
        return
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if any(m.get("bw_alu_sha256") == digest for m in bd.databases.values()):
        return
    data = read_background(path)
    codes = {
        exc["input"]
        for act in data["activities"]
        for exc in act["exchanges"]
        if exc["type"] == "biosphere"
    }
    missing = codes - flow_codes(BIOSPHERE, sorted(codes))
    if missing:
        raise BiosphereMissing(
            f"the project's {BIOSPHERE!r} lacks {len(missing)} elementary flow(s) that the "
            f"open background {data['database']!r} uses (e.g. {sorted(missing)[0]}); it holds "
            "another flow list. Use --background with a database of this project, or a new "
            "project"
        )


@restores_project
def background_meta(project: str, name: str) -> dict:
    activate(project)
    import bw2data as bd

    if name not in bd.databases:
        raise ProjectNotReady(f"background database {name!r} is not in project {project!r}")
    meta = dict(bd.databases[name])
    from .biosphere import biosphere_name
    from .project_methods import resolve_methods

    biosphere = biosphere_name(name)
    return {
        "database": name,
        "title": meta.get("title", name),
        "version": meta.get("bw_alu_version", "") or meta.get("ecoinvent_version", ""),
        "notice": meta.get("notice", ""),
        # The project's background choice (issue 13): which databases and methods the
        # results rest on, so that a report can name them.
        "biosphere": biosphere,
        "ecoinvent_version": meta.get("ecoinvent_version") or _release_version(name),
        "system_model": meta.get("system_model") or _system_model(name),
        "methods": {label: list(m) for label, m in resolve_methods(biosphere).items()},
    }


def _release_version(name: str) -> str | None:
    """``ecoinvent-3.10-cutoff`` -> ``3.10`` (bw2io's ``import_ecoinvent_release`` naming)."""
    parts = name.split("-")
    if len(parts) >= 3 and parts[0] == "ecoinvent" and parts[1][:1].isdigit():
        return parts[1]
    return None


def _system_model(name: str) -> str | None:
    parts = name.split("-")
    if len(parts) >= 3 and parts[0] == "ecoinvent":
        return "-".join(parts[2:])
    return None


@restores_project
def products(project: str) -> list[str]:
    """Ids of the products imported into ``project`` (their databases are marked bw-alu products)."""
    activate(project)
    import bw2data as bd

    return sorted(n for n, m in bd.databases.items() if m.get("bw_alu_product"))


@restores_project
def write_product(project: str, name: str, records: dict, meta: dict) -> None:
    """Replace product database ``name`` atomically, under the project's lock: on any
    failure the old one is restored at once; a killed process leaves a journal from which
    the next process restores it (:mod:`bw_alu.recovery`)."""
    from .recovery import journaled, kill_point

    with writing(project):
        import bw2data as bd

        with journaled([name]):
            db = bd.Database(name)
            with _quiet():
                db.write(records, searchable=False)
            kill_point("written")
            stored = bd.databases[name]
            stored.update(meta)
            bd.databases[name] = stored
            bd.databases.flush()
