"""Fuzz ``bw-alu import`` with mutated copies of the example workbooks (issue 10).

    python scripts/fuzz.py [--cases N] [--seed S] [--progress K] [--keep DIR]

Each case takes one of ``databases/plants/*.xlsx`` and applies one to three mutations:
cell values and their types (numbers out of float32, booleans, formulas without cached
value, error values, dates, long or odd text), headers (renamed, duplicated, blanked),
sheets (renamed, near-duplicate names, removed, copied), bytes of the zip file (flipped,
cut, inserted) and bytes of one XML part (flipped, cut, repeated, a tag broken), then runs
``bw-alu import --replace`` in this process (click's ``standalone_mode=False``) into one
throw-away Brightway project (a temporary BRIGHTWAY2_DIR, set up once with the examples);
``--replace`` because every case is another file carrying an example's product_id, which
import would otherwise refuse after validating it (the write path would go untested).

Every case is one of: ``exit_0``; ``exit_2``; ``tracebacks`` (any other exception or
exit status); ``unlocated`` (an exit-2 message naming neither the file nor a sheet, row
or cell; also counted in exit_2); ``changed_after_failure`` (the project's databases,
their activity and exchange counts, or its methods differ after a failed import).
The last line printed is the JSON object of these counts; ``--progress K`` prints the
counts every K cases, and every traceback and unlocated case is printed with its seed.
A case is replayed with ``--seed S --only I``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
import traceback
import zipfile
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLANTS = REPO / "databases" / "plants"
PROJECT = "fuzz"

VALUES: list[object] = [
    None,
    "",
    " ",
    "x",
    "lots",
    -1,
    0,
    0.0,
    1,
    2.5,
    -1e-3,
    1e308,
    -1e308,
    1e-320,
    1e-39,
    4e38,
    10**40,
    "1e308",
    "inf",
    "-inf",
    "nan",
    "1,5",
    "1.5.3",
    True,
    False,
    "TRUE",
    "=1+1",
    "=A1",
    "#DIV/0!",
    "#N/A",
    "#REF!",
    datetime(2024, 2, 29),
    "2024-13-45",
    "x" * 300,
    "a" * 5000,
    "鋁",
    "\u202e",
    "kg",
    "t",
    "kWh",
    "km",
    "MJ",
    "m3",
    "per_declared_unit",
    "annual",
    "production",
    "material",
    "yes",
    "no",
    "con",
    "../x",
    "A" * 70,
    "1 t",
]
SHEET_NAMES = [
    " ",
    "Inventory ",
    "inventory ",
    "PRODUCT",
    "x",
    "product",
    "inventory",
    "direct_emissions",
    "processes",
    "coproducts",
    "left_out",
    "assumptions",
]


def _mutate_cells(wb, rng: random.Random, what: str) -> str:
    ws = rng.choice(wb.worksheets)
    max_row, max_col = max(ws.max_row, 1), max(ws.max_column, 1)
    if what == "header":
        col = rng.randint(1, max_col)
        choice = rng.random()
        if choice < 0.4:
            other = ws.cell(1, rng.randint(1, max_col)).value
            ws.cell(1, col, other)
            return f"header {ws.title}!{col} := copy {other!r}"
        value = rng.choice([None, "", "AMOUNT", " amount ", "x", "unit", "dataset", "value", 5])
        ws.cell(1, col, value)
        return f"header {ws.title}!{col} := {value!r}"
    row = rng.randint(2, max_row + 1) if max_row > 1 else 2
    col = rng.randint(1, max_col + 1)
    value = rng.choice(VALUES)
    if what == "type":
        old = ws.cell(row, col).value
        if isinstance(old, int | float) and not isinstance(old, bool):
            value = rng.choice([str(old), f" {old} ", str(old).replace(".", ","), bool(old)])
        elif isinstance(old, str):
            value = rng.choice([len(old), 0, True, datetime(2020, 1, 1), -len(old)])
    ws.cell(row, col, value)
    return f"cell {ws.title}!R{row}C{col} := {value!r}"[:160]


def _mutate_sheets(wb, rng: random.Random) -> str:
    ws = rng.choice(wb.worksheets)
    choice = rng.random()
    if choice < 0.3 and len(wb.worksheets) > 1:
        wb.remove(ws)
        return f"sheet {ws.title!r} removed"
    if choice < 0.6:
        copy = wb.copy_worksheet(ws)
        title = rng.choice([ws.title + " ", ws.title.upper(), " " + ws.title, ws.title + "2"])
        copy.title = title[:31]
        return f"sheet {ws.title!r} copied as {copy.title!r}"
    title = rng.choice(SHEET_NAMES)
    old = ws.title
    with contextlib.suppress(ValueError):
        ws.title = title
    return f"sheet {old!r} renamed {ws.title!r}"


def _mutate_bytes(data: bytearray, rng: random.Random) -> str:
    if not data:
        return "empty"
    choice = rng.random()
    if choice < 0.5:
        n = rng.randint(1, 8)
        for _ in range(n):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return f"{n} byte(s) flipped"
    if choice < 0.7:
        cut = rng.randrange(len(data))
        del data[cut:]
        return f"cut at {cut}"
    if choice < 0.85:
        at, n = rng.randrange(len(data)), rng.randint(1, 64)
        data[at:at] = bytes(rng.randrange(256) for _ in range(n))
        return f"{n} byte(s) inserted at {at}"
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 200))
    data[b:b] = data[a:b]
    return f"bytes {a}:{b} repeated"


def _mutate_xml(src: bytes, rng: random.Random) -> tuple[bytes, str]:
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(src)) as zin,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        infos = zin.infolist()
        target = rng.choice([i for i in infos if i.filename.endswith((".xml", ".rels"))])
        note = ""
        for info in infos:
            data = zin.read(info.filename)
            if info is target:
                text = bytearray(data)
                if rng.random() < 0.4:
                    s = text.decode("utf-8", "replace")
                    swaps = [
                        ("</row>", "</rw>"),
                        ('t="n"', 't="b"'),
                        ('t="inlineStr"', 't="e"'),
                        ("<v>", "<v>1e999"),
                        ('r="A', 'r="XFD'),
                        ("<f>", "<f>1/0"),
                        ('ref="A1:', 'ref="A1048576:'),
                        ("<sheet ", '<sheet name="x" '),
                        ("<c ", '<c t="s" '),
                        ("</t>", "</t><t>x</t>"),
                    ]
                    a, b = rng.choice(swaps)
                    text = bytearray(s.replace(a, b, rng.randint(1, 3)).encode("utf-8"))
                    note = f"{a!r}->{b!r}"
                else:
                    note = _mutate_bytes(text, rng)
                data = bytes(text)
            zout.writestr(info, data)
    return buf.getvalue(), f"xml {target.filename}: {note}"


KINDS = ("cell", "cell", "type", "header", "sheet", "zip", "xml")


def _fixed_times(data: bytes) -> bytes:
    """The saved workbook with its save time and the zip's member times fixed, so that a
    case's bytes (and so its byte mutations) are the same on every run."""
    import re

    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb">\d{4}-\d\d-\d\dT[^<]*<", b">2026-01-01T00:00:00Z<", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, body)
    return buf.getvalue()


def mutate(source: Path, rng: random.Random, out: Path, pool=KINDS) -> list[str]:
    """Write a mutated copy of ``source`` to ``out``; return what was done."""
    from openpyxl import load_workbook

    done: list[str] = []
    kinds = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
    structural = [k for k in kinds if k in ("cell", "type", "header", "sheet")]
    if structural:
        wb = load_workbook(source)
        for k in structural:
            done.append(_mutate_sheets(wb, rng) if k == "sheet" else _mutate_cells(wb, rng, k))
        wb.save(out)
        data = _fixed_times(out.read_bytes())
    else:
        data = source.read_bytes()
    for k in kinds:
        if k == "xml":
            try:
                data, note = _mutate_xml(data, rng)
            except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
                note = f"xml skipped ({exc})"
            done.append(note)
        elif k == "zip":
            b = bytearray(data)
            done.append("zip " + _mutate_bytes(b, rng))
            data = bytes(b)
    out.write_bytes(data)
    return done


def snapshot() -> tuple:
    """The project's databases with their activity and exchange counts, and its methods."""
    import bw2data as bd
    from bw2data.backends import ActivityDataset, ExchangeDataset
    from peewee import fn

    if bd.projects.current != PROJECT:
        bd.projects.set_current(PROJECT)
    acts = dict(
        ActivityDataset.select(ActivityDataset.database, fn.COUNT(ActivityDataset.id))
        .group_by(ActivityDataset.database)
        .tuples()
    )
    excs = dict(
        ExchangeDataset.select(ExchangeDataset.output_database, fn.COUNT(ExchangeDataset.id))
        .group_by(ExchangeDataset.output_database)
        .tuples()
    )
    return (
        tuple(sorted(bd.databases)),
        tuple(sorted(acts.items())),
        tuple(sorted(excs.items())),
        len(bd.methods),
        tuple(sorted(p.name for p in bd.projects)),
    )


def run_import(path: Path) -> tuple[int | None, str, str | None]:
    """(exit status, stderr text, traceback or None) of ``bw-alu import PATH``."""
    from bw_alu.cli import main

    err, out = io.StringIO(), io.StringIO()
    code: int | None = 0
    tb = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            main(["import", str(path), "--project", PROJECT, "--replace"], standalone_mode=False)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 - what the fuzzer is looking for
            code = None
            tb = traceback.format_exc()
    return code, err.getvalue(), tb


def located(message: str, path: Path) -> bool:
    return path.name in message or "sheet '" in message or " row " in message


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--progress", type=int, default=0, help="print the counts every K cases")
    ap.add_argument("--only", type=int, default=None, help="run only case I (to replay it)")
    ap.add_argument("--keep", type=Path, default=None, help="copy failing cases here")
    ap.add_argument(
        "--kinds",
        default=",".join(dict.fromkeys(KINDS)),
        help="mutations to draw from (default: all; cell is drawn twice as often)",
    )
    args = ap.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="bw-alu-fuzz-")
    os.environ["BRIGHTWAY2_DIR"] = str(Path(tmp.name) / "bw")  # before bw2data is imported
    from bw_alu.project import ensure_data_dir

    pool = tuple(k for k in KINDS if k in args.kinds.split(",")) or KINDS

    ensure_data_dir()
    sources = sorted(PLANTS.glob("*.xlsx"))
    t0 = time.perf_counter()
    for src in sources:  # the project as a user has it: set up, the examples imported
        code, msg, tb = run_import(src)
        if code != 0:
            raise SystemExit(f"the example {src} does not import: {msg or tb}")
    print(f"set-up with {len(sources)} examples: {time.perf_counter() - t0:.0f} s", flush=True)

    counts = dict.fromkeys(
        ("cases", "exit_0", "exit_2", "tracebacks", "unlocated", "changed_after_failure"), 0
    )
    before = snapshot()
    work = Path(tmp.name)
    t0 = time.perf_counter()
    for i in range(args.cases):
        rng = random.Random(f"{args.seed}:{i}")
        if args.only is not None and i != args.only:
            continue
        src = rng.choice(sources)
        path = work / f"case{i:05d}_{src.stem}.xlsx"
        try:
            done = mutate(src, rng, path, pool)
        except Exception as exc:  # noqa: BLE001 - openpyxl cannot write some mutations
            done = [f"mutation failed: {type(exc).__name__}: {exc}"]
            path.write_bytes(src.read_bytes())
        code, msg, tb = run_import(path)
        counts["cases"] += 1
        label = f"case {i} (--seed {args.seed} --only {i}) {src.name}: {'; '.join(done)}"
        if code == 0:
            counts["exit_0"] += 1
            before = snapshot()
        elif code == 2:
            counts["exit_2"] += 1
            if not located(msg, path):
                counts["unlocated"] += 1
                print(f"UNLOCATED {label}\n  {msg.strip()[:400]}", flush=True)
            after = snapshot()
            if after != before:
                counts["changed_after_failure"] += 1
                print(f"CHANGED {label}\n  {before}\n  {after}", flush=True)
                before = after
        else:
            counts["tracebacks"] += 1
            print(f"TRACEBACK {label} (exit {code})\n{tb or msg}", flush=True)
            before = snapshot()
        if code != 0 and code != 2 and args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / path.name).write_bytes(path.read_bytes())
        path.unlink(missing_ok=True)
        if args.progress and counts["cases"] % args.progress == 0:
            rate = counts["cases"] / (time.perf_counter() - t0)
            print(f"progress {json.dumps(counts)} ({rate:.1f} cases/s)", flush=True)
    tmp.cleanup()
    print(json.dumps(counts), flush=True)
    return counts


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
