"""Render Word reports as a reader sees them: docx -> PDF (LibreOffice) -> PNG pages.

    python scripts/render_docx_png.py out/ingot/ingot_yunnan_2024_cfp_zh.docx [...] \
        [--outdir DIR] [--dpi 70] [--first 1] [--last 0]

Writes ``<stem>.pdf`` and ``<stem>-<page>.png`` into DIR (default: beside each docx) and
prints the page count of each PDF. Needs ``soffice`` and ``pdftoppm`` on the PATH:
``bash scripts/install_libreoffice.sh`` installs them (Debian/Ubuntu, root).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        sys.exit(f"{tool} not found: run `bash scripts/install_libreoffice.sh` first")
    return path


def to_pdf(docx: Path, outdir: Path) -> Path:
    soffice = _need("soffice")
    with tempfile.TemporaryDirectory() as profile:
        # A private profile: runs in parallel with (or without) a user's LibreOffice.
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return outdir / f"{docx.stem}.pdf"


def to_png(pdf: Path, outdir: Path, dpi: int, first: int, last: int) -> list[Path]:
    pdftoppm = _need("pdftoppm")
    cmd = [pdftoppm, "-png", "-r", str(dpi), "-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    subprocess.run([*cmd, str(pdf), str(outdir / pdf.stem)], check=True, timeout=300)
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))


def pages(pdf: Path) -> int:
    info = subprocess.run(
        [_need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docx", nargs="+", type=Path)
    ap.add_argument("--outdir", type=Path)
    ap.add_argument("--dpi", type=int, default=70)
    ap.add_argument("--first", type=int, default=1)
    ap.add_argument("--last", type=int, default=0, help="last page (0: all)")
    args = ap.parse_args()
    for docx in args.docx:
        outdir = args.outdir or docx.parent
        outdir.mkdir(parents=True, exist_ok=True)
        pdf = to_pdf(docx.resolve(), outdir.resolve())
        pngs = to_png(pdf, outdir, args.dpi, args.first, args.last)
        print(f"{docx.name}: {pages(pdf)} pages -> {pdf} ({len(pngs)} PNG)")


if __name__ == "__main__":
    main()
