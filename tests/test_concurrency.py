"""Concurrent and interrupted writers, as real processes (``python -m bw_alu``).

Before the locks (issue 10): two imports of different products into one project lost
one in 3 of 5 trials, both exiting 0 (each process rewrote ``databases.json`` from the
copy it had read at start); two first-time set-ups into an empty data folder both
crashed; ``kill -9`` during a bulk write left the SQLite indexes dropped for good.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bw_alu.lock import project_lock, project_lock_path
from bw_alu.project import setup
from bw_alu.recovery import INDEXES, JOURNAL
from bw_alu.workbook.write import write_workbook

from .small_system import CO2, _act, plant_sheets, tiny_background

PROJECT = "test-conc"
REPO = Path(__file__).resolve().parent.parent
GWP = "GWP100 (IPCC 2021)"


def _env(**extra: str) -> dict:
    env = dict(os.environ, **extra)
    if "BW_ALU_TEST_KILL_AT" not in extra:
        env.pop("BW_ALU_TEST_KILL_AT", None)
    return env


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bw_alu", *args],
        env=env or _env(),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )


def _start(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        env=env or _env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def _products(project: str = PROJECT, env: dict | None = None) -> list[str]:
    code = f"import json; from bw_alu.project import products; print(json.dumps(products({project!r})))"
    res = subprocess.run(
        [sys.executable, "-c", code],
        env=env or _env(),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def _gwp_total(product: str) -> float:
    res = _cli("lcia", "--project", PROJECT, "--product", product, "--format", "csv")
    assert res.returncode == 0, res.stderr
    for row in csv.DictReader(io.StringIO(res.stdout)):
        if row["indicator"] == GWP and row["stage"] == "":
            return float(row["score"])
    raise AssertionError(res.stdout)


def _lci_file(project: str = PROJECT) -> Path:
    return project_lock_path(project).parent / "lci" / "databases.db"


def _indexes(project: str = PROJECT) -> set[str]:
    with sqlite3.connect(_lci_file(project)) as con:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {r[0] for r in rows} & set(INDEXES)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conc")
    setup(PROJECT, background_file=tiny_background(folder / "tiny.json.gz"), background="tiny")
    return folder


def _import(path: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return _cli("import", str(path), "--background", "tiny", "--project", PROJECT, *extra, env=env)


def test_concurrent_imports_of_different_products_both_land(base):
    for round_ in range(2):
        a = write_workbook(base / f"a{round_}.xlsx", plant_sheets(f"conc_a{round_}"))
        b = write_workbook(base / f"b{round_}.xlsx", plant_sheets(f"conc_b{round_}"))
        procs = [
            _start("-m", "bw_alu", "import", str(p), "--background", "tiny", "--project", PROJECT)
            for p in (a, b)
        ]
        outs = [p.communicate(timeout=600) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        assert {f"conc_a{round_}", f"conc_b{round_}"} <= set(_products())


def test_lock_timeout_is_a_clear_error(base):
    wb = write_workbook(base / "locked.xlsx", plant_sheets("conc_locked"))
    lock_file = project_lock_path(PROJECT)
    with project_lock(PROJECT):  # this process holds it; the command waits, then gives up
        res = _import(wb, "--lock-timeout", "1")
        res_env = _import(wb, env=_env(BW_ALU_LOCK_TIMEOUT="0.5"))
    for r in (res, res_env):
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr
        assert f"project {PROJECT!r} is locked by another bw-alu process" in r.stderr
        assert str(lock_file) in r.stderr
        assert f"(held by process {os.getpid()})" in r.stderr
    assert "conc_locked" not in _products()
    bad = _import(wb, env=_env(BW_ALU_LOCK_TIMEOUT="soon"))
    assert bad.returncode == 2 and "BW_ALU_LOCK_TIMEOUT must be a number" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_concurrent_first_time_setups_leave_one_good_project(base, tmp_path):
    """Two processes import into an empty data folder at once: one creates and sets up the
    project under the set-up lock, the other waits and then adds its product."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    env = _env(BRIGHTWAY2_DIR=str(fresh))
    tiny = base / "tiny.json.gz"
    procs = []
    for pid in ("first_a", "first_b"):
        wb = write_workbook(tmp_path / f"{pid}.xlsx", plant_sheets(pid))
        code = (
            "from pathlib import Path; from bw_alu.importer import import_plant; "
            f"import_plant('fresh', {str(wb)!r}, background='tiny', "
            f"background_file=Path({str(tiny)!r}))"
        )
        procs.append(_start("-c", code, env=env))
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with sqlite3.connect(fresh / "projects.db") as con:
        names = sorted(r[0] for r in con.execute("SELECT name FROM projectdataset"))
    assert names == ["default", "fresh"]
    assert _products("fresh", env=env) == ["first_a", "first_b"]


@pytest.mark.parametrize("point", ["journaled", "written"])
def test_killed_reimport_is_rolled_back(base, point):
    """A re-import killed after its journal, or after the new records are written, leaves
    the product as it was: the next command puts the old version back."""
    pid = f"kill_{point}"
    wb = base / f"{pid}.xlsx"
    write_workbook(wb, plant_sheets(pid))
    assert _import(wb).returncode == 0
    before = _gwp_total(pid)
    # The same file edited: twice the annual production halves the per-unit inventory.
    write_workbook(wb, plant_sheets(pid, annual_production=2000))
    killed = _import(wb, env=_env(BW_ALU_TEST_KILL_AT=point))
    assert killed.returncode == -9, killed.stderr
    assert (project_lock_path(PROJECT).parent / JOURNAL).exists()
    repaired = _cli("repair", "--project", PROJECT)
    assert repaired.returncode == 0, repaired.stderr
    assert f"repaired: restored database {pid!r}" in repaired.stdout
    assert not (project_lock_path(PROJECT).parent / JOURNAL).exists()
    assert _gwp_total(pid) == before
    assert _indexes() == set(INDEXES)
    # And the import, run again, lands (halved inventory: half the total, as derived above).
    assert _import(wb).returncode == 0
    assert _gwp_total(pid) == pytest.approx(before / 2, rel=1e-9)


def test_killed_first_import_leaves_no_product(base):
    wb = write_workbook(base / "kill_new.xlsx", plant_sheets("kill_new"))
    killed = _import(wb, env=_env(BW_ALU_TEST_KILL_AT="written"))
    assert killed.returncode == -9
    assert _cli("repair", "--project", PROJECT).returncode == 0
    assert "kill_new" not in _products()
    assert _import(wb).returncode == 0 and "kill_new" in _products()


def test_kill_with_indexes_dropped_is_repaired_on_open(base):
    """bw2data drops its three indexes while it writes 100+ activities: a process killed
    then leaves them missing. The next command that opens the project restores them and
    removes the half-written database."""
    wb = write_workbook(base / "after_kill.xlsx", plant_sheets("after_kill"))
    assert _import(wb).returncode == 0
    before = _gwp_total("after_kill")
    with gzip.open(base / "tiny.json.gz", "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    data["database"] = "big"
    data["activities"] += [
        _act(f"fill{i}", f"Filler {i}", "kg", (), [(CO2, 1.0)]) for i in range(120)
    ]
    big = base / "big.json.gz"
    with gzip.open(big, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    code = (
        "from pathlib import Path; from bw_alu.project import setup; "
        f"setup({PROJECT!r}, background_file=Path({str(big)!r}), background='big')"
    )
    proc = _start("-c", code, env=_env(BW_ALU_TEST_KILL_AT="indexes-dropped"))
    proc.communicate(timeout=600)
    assert proc.returncode == -9
    assert _indexes() == set()  # the failure: all three gone
    # A reader (lcia) opens the project: it takes the lock and repairs before reading.
    res = _cli("lcia", "--project", PROJECT, "--product", "after_kill", "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert "re-created the SQLite index(es)" in res.stderr
    assert "removed the half-written database 'big'" in res.stderr
    assert _indexes() == set(INDEXES)
    assert _gwp_total("after_kill") == before
    code = (
        f"from bw_alu.project import activate; activate({PROJECT!r}); "
        "import bw2data as bd; print('big' in bd.databases)"
    )
    check = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=600,
    )
    assert check.stdout.strip().splitlines()[-1] == "False"
