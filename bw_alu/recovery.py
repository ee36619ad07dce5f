"""Crash safety of project writes: a journal rolled back by the next process, and the
SQLite indexes restored on open.

Before a write changes a database or method of the project, :func:`journaled` records
in ``<project dir>/bw-alu-journal.json`` what it is about to change: each database
that is new (to be removed again) or replaced (its records and metadata saved beside
the journal), and each method that is new. The journal is removed when the write has
finished. A process killed in between (``kill -9``, a power cut) leaves the journal;
the next process that opens the project under its lock (:func:`recover`, run by every
writer and by ``bw-alu repair``, and by readers that find a journal) puts back what
the journal names, so the project is as it was before the interrupted command.

bw2data drops the three indexes of its LCI SQLite file during a write of 100 or more
activities and creates them afterwards, outside the write's transaction: a kill in
between leaves a project without them (every lookup then scans the tables).
:func:`missing_indexes` / :func:`restore_indexes` check and re-create them.

Test hook: ``BW_ALU_TEST_KILL_AT=journaled|written|indexes-dropped`` makes the process
kill itself (SIGKILL) at that point of a product write, so tests can interrupt a real
process at each point.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path

JOURNAL = "bw-alu-journal.json"
KILL_ENV = "BW_ALU_TEST_KILL_AT"
KILL_POINTS = ("journaled", "written", "indexes-dropped")

# bw2data 4.8's own statements (bw2data/backends/base.py, SQLiteBackend._add_indices).
INDEXES = {
    "activitydataset_key": 'CREATE UNIQUE INDEX IF NOT EXISTS "activitydataset_key" '
    'ON "activitydataset" ("database", "code")',
    "exchangedataset_input": 'CREATE INDEX IF NOT EXISTS "exchangedataset_input" '
    'ON "exchangedataset" ("input_database", "input_code")',
    "exchangedataset_output": 'CREATE INDEX IF NOT EXISTS "exchangedataset_output" '
    'ON "exchangedataset" ("output_database", "output_code")',
}


def kill_point(name: str) -> None:
    """The test hook: die here, as ``kill -9`` would, when asked to."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _install_index_hook() -> None:
    if os.environ.get(KILL_ENV) != "indexes-dropped":
        return
    from bw2data.backends.base import SQLiteBackend

    if getattr(SQLiteBackend._drop_indices, "_bw_alu_hook", False):
        return
    original = SQLiteBackend._drop_indices

    def dropped(self):
        original(self)
        kill_point("indexes-dropped")

    dropped._bw_alu_hook = True  # type: ignore[attr-defined]
    SQLiteBackend._drop_indices = dropped


def _folder() -> Path:
    import bw2data as bd

    return Path(bd.projects.dir)


def journal_path() -> Path:
    return _folder() / JOURNAL


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def journaled(databases: Iterable[str] = (), methods: Iterable[tuple] = ()) -> Iterator[None]:
    """Journal the write the block makes to ``databases`` and ``methods`` of the current
    project (whose lock the caller holds). A failure inside the block rolls it back at
    once; a killed process leaves the journal for :func:`recover`."""
    import bw2data as bd

    folder = _folder()
    entry: dict = {"pid": os.getpid(), "databases": {}, "methods": []}
    for i, name in enumerate(databases):
        if name in bd.databases:
            backup = folder / f"bw-alu-journal-{i}.pickle"
            saved = (dict(bd.Database(name).load()), dict(bd.databases[name]))
            _write_atomic(backup, pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))
            entry["databases"][name] = backup.name
        else:
            entry["databases"][name] = None
    entry["methods"] = [list(m) for m in methods if tuple(m) not in bd.methods]
    _write_atomic(folder / JOURNAL, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    _install_index_hook()
    kill_point("journaled")
    try:
        yield
    except BaseException:
        rollback(entry, folder)
        _clear(entry, folder)
        raise
    _clear(entry, folder)


def _clear(entry: dict, folder: Path) -> None:
    (folder / JOURNAL).unlink(missing_ok=True)
    for backup in entry["databases"].values():
        if backup:
            (folder / backup).unlink(missing_ok=True)


def rollback(entry: dict, folder: Path) -> list[str]:
    """Put back what the journal ``entry`` names; return what was done."""
    import bw2data as bd

    from .project import _quiet

    done = []
    for name, backup in entry["databases"].items():
        if backup is None:
            if name in bd.databases:
                del bd.databases[name]
                done.append(f"removed the half-written database {name!r}")
            continue
        with open(folder / backup, "rb") as fh:
            data, meta = pickle.load(fh)
        with _quiet():
            bd.Database(name).write(data, searchable=False)
        bd.databases[name] = meta
        bd.databases.flush()
        done.append(f"restored database {name!r} as it was before the interrupted write")
    for method in entry["methods"]:
        if tuple(method) in bd.methods:
            bd.Method(tuple(method)).deregister()
            done.append(f"removed the half-written method {' / '.join(method)}")
    return done


def missing_indexes() -> list[str]:
    """The bw2data LCI indexes absent from the current project's SQLite file."""
    from bw2data.backends import sqlite3_lci_db

    rows = sqlite3_lci_db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
    present = {r[0] for r in rows.fetchall()}
    return [name for name in INDEXES if name not in present]


def restore_indexes() -> list[str]:
    from bw2data.backends import sqlite3_lci_db

    missing = missing_indexes()
    if missing:
        with sqlite3_lci_db.transaction():
            for name in missing:
                sqlite3_lci_db.execute_sql(INDEXES[name])
    return missing


def needs_recovery() -> bool:
    """A journal left by an interrupted write, or indexes missing (cheap; no lock)."""
    return journal_path().exists() or bool(missing_indexes())


def recover() -> list[str]:
    """Roll back an interrupted write and restore the indexes of the current project.
    The caller holds the project's lock (so the journal is not a live write's)."""
    done = []
    path = journal_path()
    if path.exists():
        folder = path.parent
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entry = None  # written atomically, so only a foreign file gets here
        if entry:
            done += rollback(entry, folder)
            _clear(entry, folder)
        else:
            path.unlink(missing_ok=True)
    import bw2data as bd

    restored = restore_indexes()
    if restored and len(bd.databases):  # a new, empty project never had them: no news
        done.append(f"re-created the SQLite index(es) {', '.join(restored)}")
    return done
