"""Peak memory of importing a workbook with one ghost cell at XFD1048576 (issue 10).

Builds two copies of ``databases/plants/ingot_yunnan_2024.xlsx`` (about 12 KB) with one
extra cell at XFD1048576 in the inventory sheet: one whose declared dimension says
A1:XFD1048576, one whose dimension still says A1:P32 (so the streamed cell itself must
be refused). Each is imported by ``bw-alu import`` in its own process (a throw-away
BRIGHTWAY2_DIR) and that process's peak RSS is printed. The last line is JSON:
``{"file_bytes", "declared": {...}, "undeclared": {...}, "baseline": {...}}`` with each
run's ``exit``, ``peak_rss_mb`` and the first line of its error; the baseline is the
example without ghost cell, its sheet 'product' renamed so the import stops at
validation after reading every sheet.

    python scripts/ghost_cell_rss.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "databases" / "plants" / "ingot_yunnan_2024.xlsx"
SHEET = "xl/worksheets/sheet2.xml"  # the inventory sheet of the example
GHOST = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'

CHILD = """
import resource, sys
from bw_alu.cli import main
try:
    main([sys.argv[1], sys.argv[2], "--project", "ghost"], standalone_mode=False)
    code = 0
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
    code = 1
print("RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "EXIT", code)
"""


def build(path: Path, declared: bool | None) -> Path:
    """``declared`` None: no ghost, the sheet 'product' renamed (every sheet is read, then
    the import stops at validation: the baseline)."""
    with zipfile.ZipFile(EXAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if declared is None:
                if info.filename == "xl/workbook.xml":
                    data = data.replace(b'name="product"', b'name="product_renamed"')
            elif info.filename == SHEET:
                text = data.decode("utf-8").replace("</sheetData>", GHOST + "</sheetData>")
                if declared:
                    text = text.replace(
                        '<dimension ref="A1:P32"/>', '<dimension ref="A1:XFD1048576"/>'
                    )
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return path


def run(path: Path, bwdir: str) -> dict:
    env = {**os.environ, "BRIGHTWAY2_DIR": bwdir}
    # the import fails at validation, before any project is made
    p = subprocess.run(
        [sys.executable, "-c", CHILD, "import", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    last = [ln for ln in p.stdout.splitlines() if ln.startswith("RSS_KB")]
    rss_kb, code = (
        (int(last[-1].split()[1]), int(last[-1].split()[3])) if last else (0, p.returncode)
    )
    err = (p.stderr.strip().splitlines() or [""])[0]
    return {"exit": code, "peak_rss_mb": round(rss_kb / 1024, 1), "error": err[:300]}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bw-alu-ghost-") as tmp:
        t = Path(tmp)
        declared = build(t / "ghost_declared.xlsx", True)
        undeclared = build(t / "ghost_undeclared.xlsx", False)
        out = {"file_bytes": declared.stat().st_size}
        for name, path in (("declared", declared), ("undeclared", undeclared)):
            out[name] = run(path, str(t / "bw"))
            print(f"{name}: {out[name]}")
        # the same import of the example without ghost, stopped at validation
        out["baseline"] = run(build(t / "baseline.xlsx", None), str(t / "bw"))
        print(f"baseline (no ghost cell, sheet 'product' renamed): {out['baseline']}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
