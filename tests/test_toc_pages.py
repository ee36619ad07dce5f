"""``bw-alu report --toc-pages``: the TOC's page numbers from LibreOffice's layout.

- The page of each heading is read from the PDF text, after the contents page.
- Without LibreOffice/pdftotext: one clear message, exit 2, nothing written.
- With them (skipped otherwise): the numbers written into the TOC are the pages on which
  the final document's headings fall when LibreOffice lays it out again.
"""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.errors import LayoutToolMissing
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.paths import PLANTS_DIR
from bw_alu.report import render_reports
from bw_alu.report.tocpages import pdf_pages, section_pages

PROJECT = "test-toc-pages"
PRODUCT = "ingot_yunnan_2024"


def test_section_pages_by_hand():
    # page 1 cover, page 2 contents (lists both titles), "1 Intro" heads page 3 and
    # "2 Results" page 5; a title inside running text on page 4 is not a heading line.
    pages = [
        "Report\n",
        "Contents\n1 Intro ..... \n2 Results ....\n",
        "  1  Intro\ntext\n",
        "see 2 Results below\n",
        "2 Results\n",
    ]
    assert section_pages(pages, ["1 Intro", "2 Results"]) == {"1 Intro": 3, "2 Results": 5}


@pytest.fixture(scope="module")
def result():
    import_plant(PROJECT, PLANTS_DIR / f"{PRODUCT}.xlsx")
    (r,) = calculate_products(PROJECT, [PRODUCT])
    return r


def test_missing_libreoffice_is_exit_2_and_writes_nothing(result, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(LayoutToolMissing, match="soffice"):
        render_reports(result, kinds=("cfp",), langs=("en",), formats=("docx",), toc_pages=True)
    out = tmp_path / "out"
    run = CliRunner().invoke(
        main,
        [
            "report",
            "--product",
            PRODUCT,
            "--kind",
            "cfp",
            "--lang",
            "en",
            "--format",
            "docx",
            "--toc-pages",
            "--output",
            str(out),
            "--project",
            PROJECT,
        ],
    )
    assert run.exit_code == 2, run.output
    assert "install_libreoffice.sh" in run.output and "Traceback" not in run.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice and pdftotext not installed (scripts/install_libreoffice.sh)",
)
def test_toc_numbers_match_the_final_layout(result):
    files = render_reports(result, kinds=("cfp",), langs=("en",), formats=("docx",), toc_pages=True)
    data = files[f"{PRODUCT}_cfp_en.docx"]
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    start = texts.index("Contents") + 1
    entries = dict(t.rsplit("\t", 1) for t in texts[start:] if "\t" in t)
    assert len(entries) == 10 and "8 Data quality" in entries
    # lay the final document out again: each heading is on the page its entry names
    again = section_pages(pdf_pages(data), list(entries))
    assert {k: str(v) for k, v in again.items()} == entries
