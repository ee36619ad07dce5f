"""Page numbers for the Word report's table of contents, from LibreOffice's layout.

The docx's TOC is a field that Word fills in on opening (F9); its cached text lists the
section titles only. ``bw-alu report --toc-pages`` asks LibreOffice (headless) to lay the
document out as PDF, reads each section title's page from the PDF text (``pdftotext``),
and writes the numbers into the TOC's cached text, so the document shows them before any
update. LibreOffice and poppler are optional tools, installed by
``scripts/install_libreoffice.sh``; without them the option fails with
:class:`~bw_alu.errors.LayoutToolMissing` (exit 2) and nothing is written.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import LayoutToolMissing

TOOLS = ("soffice", "pdftotext")
TIMEOUT_S = 300


def check_tools() -> dict[str, str]:
    """The path of each tool; :class:`LayoutToolMissing` naming the missing ones."""
    found = {t: shutil.which(t) for t in TOOLS}
    missing = [t for t, p in found.items() if p is None]
    if missing:
        raise LayoutToolMissing(
            f"--toc-pages needs LibreOffice (soffice) and poppler (pdftotext) on the PATH; "
            f"missing: {', '.join(missing)}. Install them with "
            f"`bash scripts/install_libreoffice.sh` (Debian/Ubuntu, root), or leave out "
            f"--toc-pages (Word fills the table of contents on opening: F9)."
        )
    return {t: str(p) for t, p in found.items()}


def pdf_pages(docx: bytes) -> list[str]:
    """The text of each page of ``docx`` as LibreOffice lays it out."""
    tools = check_tools()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "profile"
        # A private profile: runs beside (or without) a user's LibreOffice.
        subprocess.run(
            [
                tools["soffice"],
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        pdf = Path(tmp) / "report.pdf"
        if not pdf.exists():
            raise LayoutToolMissing("LibreOffice wrote no PDF for the report (soffice failed)")
        out = subprocess.run(
            [tools["pdftotext"], "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        ).stdout.decode("utf-8", errors="replace")
    return out.split("\f")


def _norm(text: str) -> str:
    return "".join(text.split())


def section_pages(pages: list[str], titles: list[str]) -> dict[str, int]:
    """Page (1-based) of each section title: the table of contents is the first page with
    a line starting with the first title (the title alone, or followed by its leader and
    page number); each heading is the first later line that is exactly the title, in
    document order."""
    lines = [{_norm(x) for x in p.splitlines()} for p in pages]
    wanted = [_norm(t) for t in titles]
    toc = next(
        (i for i, p in enumerate(lines) if wanted and any(x.startswith(wanted[0]) for x in p)),
        None,
    )
    out: dict[str, int] = {}
    start = (toc + 1) if toc is not None else 0
    for title, key in zip(titles, wanted):
        for i in range(start, len(lines)):
            if key in lines[i]:  # the heading: a line that is the title
                out[title] = i + 1
                start = i
                break
    return out
