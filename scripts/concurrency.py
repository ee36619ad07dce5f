"""Trials of concurrent and interrupted bw-alu commands, as separate processes.

    python scripts/concurrency.py [--trials N] [--seed S]

Kinds of trial (each in its own copy of a data folder):

- ``imports``: two ``bw-alu import`` of different products (castrod_kunshan_2024 and
  ingot_yunnan_2024_processes) at once into a set-up project holding ingot_yunnan_2024.
  OK when both exit 0, the project then holds the three products, and ``lcia`` of all
  of them exits 0.
- ``setups``: two first-time ``bw-alu import`` (ingot_yunnan_2024, castrod_kunshan_2024)
  at once into an empty data folder. OK when both exit 0, the folder holds one project
  (besides bw2data's ``default``) with both products, and ``lcia`` exits 0.
- ``kills``: a first-time ``bw-alu import`` killed with SIGKILL after a random delay
  (0.5 s to 1.2 times the cold import's time). OK when ``bw-alu repair`` exits 0 (2 when
  the kill came before the project existed), the three LCI indexes are then in the
  project's SQLite file, the import run again exits 0 and ``lcia`` exits 0. Also counted:
  how many kills landed while the import ran, left a journal, or left bw2data's indexes
  dropped (the states the next command repairs).

Prints one line per trial, "kind: k/N ok" per kind, and last a JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANTS = ROOT / "databases" / "plants"
INGOT = PLANTS / "ingot_yunnan_2024.xlsx"
CASTROD = PLANTS / "castrod_kunshan_2024.xlsx"
PROCESSES = PLANTS / "ingot_yunnan_2024_processes.xlsx"
PROJECT = "conc"
INDEXES = {"activitydataset_key", "exchangedataset_input", "exchangedataset_output"}


def _env(data: Path) -> dict:
    env = dict(os.environ, BRIGHTWAY2_DIR=str(data), BW_ALU_LOCK_TIMEOUT="900")
    env.pop("BW_ALU_TEST_KILL_AT", None)
    return env


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "bw_alu", *args]


def _run(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        _cmd(*args), env=_env(data), capture_output=True, text=True, cwd=ROOT, timeout=1800
    )


def _start(data: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        _cmd(*args),
        env=_env(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _projects(data: Path) -> list[str]:
    db = data / "projects.db"
    if not db.exists():
        return []
    with sqlite3.connect(db) as con:
        return sorted(r[0] for r in con.execute("SELECT name FROM projectdataset"))


def _project_dir(data: Path) -> Path | None:
    files = [
        p for p in data.glob("*/lci/databases.db") if not p.parent.parent.name.startswith("default")
    ]
    return files[0].parent.parent if len(files) == 1 else None


def _indexes(data: Path) -> set[str] | None:
    """The bw2data indexes present in the project's LCI file (None: no such file)."""
    folder = _project_dir(data)
    if folder is None:
        return None
    with sqlite3.connect(folder / "lci" / "databases.db") as con:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {r[0] for r in rows} & INDEXES


def _dropped(data: Path) -> bool:
    """Activities stored but indexes missing: what bw2data's interrupted bulk write leaves
    (a new project has no indexes before its first write of 100+ activities)."""
    folder = _project_dir(data)
    if folder is None:
        return False
    with sqlite3.connect(folder / "lci" / "databases.db") as con:
        stored = con.execute("SELECT count(*) FROM activitydataset").fetchone()[0]
    return bool(stored) and _indexes(data) != INDEXES


def _journal_left(data: Path) -> bool:
    folder = _project_dir(data)
    return folder is not None and (folder / "bw-alu-journal.json").exists()


def _lcia_products(data: Path) -> tuple[int, set[str], str]:
    res = _run(data, "lcia", "--project", PROJECT, "--format", "csv")
    products = {line.split(",", 1)[0] for line in res.stdout.splitlines()[1:] if line}
    return res.returncode, products, res.stderr.strip()[-300:]


def _wait(*procs: subprocess.Popen) -> list[tuple[int, str]]:
    out = []
    for p in procs:
        _, err = p.communicate(timeout=1800)
        out.append((p.returncode, err.strip()[-300:]))
    return out


def trial_imports(template: Path, work: Path) -> tuple[bool, str]:
    data = work / "imports"
    shutil.copytree(template, data)
    a = _start(data, "import", str(CASTROD), "--project", PROJECT)
    b = _start(data, "import", str(PROCESSES), "--project", PROJECT)
    results = _wait(a, b)
    rc, products, err = _lcia_products(data)
    want = {"ingot_yunnan_2024", "castrod_kunshan_2024", "ingot_yunnan_2024_processes"}
    ok = all(r == 0 for r, _ in results) and rc == 0 and products == want
    return ok, f"exit {[r for r, _ in results]}, lcia {rc}, products {sorted(products)} {err}"


def trial_setups(work: Path) -> tuple[bool, str]:
    data = work / "setups"
    data.mkdir()
    a = _start(data, "import", str(INGOT), "--project", PROJECT)
    b = _start(data, "import", str(CASTROD), "--project", PROJECT)
    results = _wait(a, b)
    projects = _projects(data)
    rc, products, err = _lcia_products(data)
    ok = (
        all(r == 0 for r, _ in results)
        and projects == sorted(["default", PROJECT])
        and rc == 0
        and products == {"ingot_yunnan_2024", "castrod_kunshan_2024"}
    )
    errs = " | ".join(e for r, e in results if r)
    return ok, (
        f"exit {[r for r, _ in results]}, projects {projects}, lcia {rc}, "
        f"products {sorted(products)} {errs} {err}"
    )


def trial_kill(work: Path, delay: float) -> tuple[bool, str, dict]:
    data = work / "kills"
    data.mkdir()
    p = _start(data, "import", str(INGOT), "--project", PROJECT)
    time.sleep(delay)
    p.kill()  # SIGKILL
    p.communicate()
    dropped = _dropped(data)
    journal = _journal_left(data)
    repair = _run(data, "repair", "--project", PROJECT)
    if PROJECT not in _projects(data):
        # Killed before the project was created: nothing to repair (exit 2 naming it).
        repaired_ok = repair.returncode == 2
    else:
        repaired_ok = repair.returncode == 0 and _indexes(data) == INDEXES
    again = _run(data, "import", str(INGOT), "--project", PROJECT)
    rc, products, err = _lcia_products(data)
    ok = (
        repaired_ok
        and again.returncode == 0
        and _indexes(data) == INDEXES
        and rc == 0
        and products == {"ingot_yunnan_2024"}
    )
    detail = (
        f"killed after {delay:.1f} s (exit {p.returncode}), journal left: {journal}, "
        f"indexes dropped: {dropped}, repair {repair.returncode} {repair.stdout.strip()!r}, "
        f"import again {again.returncode} {again.stderr.strip()[-200:]}, lcia {rc} {err}"
    )
    return (
        ok,
        detail,
        {"killed_running": p.returncode == -9, "journal_left": journal, "indexes_dropped": dropped},
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--max-delay",
        type=float,
        default=None,
        help="Longest delay before the kill [default: the cold import's time].",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = Path(tempfile.mkdtemp(prefix="bw-alu-conc-"))
    template = base / "template"
    template.mkdir()
    t = time.perf_counter()
    res = _run(template, "import", str(INGOT), "--project", PROJECT)
    cold = time.perf_counter() - t
    if res.returncode != 0:
        sys.exit(f"set-up of the template project failed: {res.stderr}")
    max_delay = args.max_delay or 1.2 * cold
    print(
        f"template project set up in {cold:.1f} s; kills within 0.5-{max_delay:.1f} s", flush=True
    )
    counts = {"imports": 0, "setups": 0, "kills": 0}
    hits = {"killed_running": 0, "journal_left": 0, "indexes_dropped": 0}
    failures = []
    try:
        for n in range(1, args.trials + 1):
            for kind in counts:
                work = Path(tempfile.mkdtemp(dir=base))
                if kind == "imports":
                    ok, detail = trial_imports(template, work)
                elif kind == "setups":
                    ok, detail = trial_setups(work)
                else:
                    ok, detail, hit = trial_kill(work, rng.uniform(0.5, max_delay))
                    for k, v in hit.items():
                        hits[k] += v
                counts[kind] += ok
                if not ok:
                    failures.append({"kind": kind, "trial": n, "detail": detail})
                print(f"trial {n} {kind}: {'ok' if ok else 'FAILED'}: {detail}", flush=True)
                shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    for kind, k in counts.items():
        print(f"{kind}: {k}/{args.trials} ok")
    print(
        json.dumps(
            {
                "trials": args.trials,
                "seed": args.seed,
                "concurrent_imports_ok": counts["imports"],
                "first_time_setups_ok": counts["setups"],
                "kill_during_import_ok": counts["kills"],
                # of the kills: how many landed while the import ran, left a journal (rolled back
                # by the next command), left bw2data's indexes dropped (re-created on open)
                "kills": hits,
                "failures": failures,
            }
        )
    )


if __name__ == "__main__":
    main()
