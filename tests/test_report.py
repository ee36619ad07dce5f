"""``bw-alu report`` on the small system of ``small_system.py`` (hand values in
``test_small_system.py``): the tables of every format show the LCIA results as rounded
by the report's rule, and the output is reproducible.

GWP100 (IPCC 2021), kg CO2 eq per t::

    raw materials     alumina 3.341298 + scrap 0          = 3.341298   53.1217 %
    transport         alumina by road                      = 0.1298      2.0636 %
    production        electricity 2.403894 + soda ash 0.4149 = 2.818794 44.8147 %
    total                                                   = 6.289892

Rounded each on its own the shares give 53.12 + 2.06 + 44.81 = 99.99; largest
remainder gives the missing 0.01 to production (remainder .47): 44.82, total 100.00.
"""

from __future__ import annotations

import copy
import re
import zipfile
from decimal import Decimal

import docx
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.report import ReportOptionInvalid, render_reports, write_reports
from bw_alu.report.figures import cfp_figures
from bw_alu.report.rounding import apportion, fmt_value, shares
from bw_alu.results import COLUMNS, ProductResult
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-report"
GWP = "GWP100 (IPCC 2021)"
TOTAL = 6.289892
STAGES = {"raw_materials": 3.341298, "raw_material_transport": 0.1298, "production": 2.818794}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    bg = tiny_background(base / "tiny.json.gz")
    wb = write_workbook(base / "tiny_plant.xlsx", plant_sheets())
    import_plant(PROJECT, wb, background="tiny", background_file=bg)
    (result,) = calculate_products(PROJECT, ["tiny_plant"])
    out = base / "out"
    paths = write_reports(result, out)
    return {"result": result, "out": out, "paths": paths, "base": base}


def _docx_table(path, *headers: str):
    """The first table of the docx whose header row starts with ``headers``."""
    d = docx.Document(str(path))
    for t in d.tables:
        if [c.text for c in t.rows[0].cells[: len(headers)]] == list(headers):
            return [[c.text for c in r.cells] for r in t.rows]
    raise AssertionError(f"no table starting with {headers!r} in {path}")


def test_files_written(tiny):
    names = sorted(p.name for p in tiny["paths"])
    for kind in ("cfp", "epd"):
        for lang in ("zh", "en"):
            for fmt in ("md", "html", "xlsx", "docx"):
                assert f"tiny_plant_{kind}_{lang}.{fmt}" in names
    for chart in ("stages", "top_contributors", "boundary"):
        for lang in ("zh", "en"):
            for ext in ("png", "svg"):
                assert f"tiny_plant_{chart}_{lang}.{ext}" in names
    assert not [p for p in tiny["out"].iterdir() if p.name.startswith(".")]  # no temp files left


def test_shares_largest_remainder():
    naive = [round(100 * v / TOTAL, 2) for v in STAGES.values()]
    assert naive == [53.12, 2.06, 44.81] and round(sum(naive), 2) == 99.99
    got = shares(list(STAGES.values()), TOTAL)
    assert got == [Decimal("53.12"), Decimal("2.06"), Decimal("44.82")]
    assert sum(got) == Decimal("100.00")


def test_docx_cfp_stage_table(tiny):
    rows = _docx_table(tiny["out"] / "tiny_plant_cfp_en.docx", "Life-cycle stage")
    assert rows[0][1] == "kg CO2e per 1 t test ingot"
    # kg CO2e with 2 decimals: floors 3.34 + 0.12 + 2.81 = 6.27, two units short of the
    # rounded total 6.29; largest remainders .98 (transport) and .88 (production) get them
    assert rows[1:] == [
        ["Raw material acquisition", "3.34", "53.12"],
        ["Raw material transport", "0.13", "2.06"],
        ["Production", "2.82", "44.82"],
        ["Total", "6.29", "100.00"],
    ]
    assert f"{TOTAL:.2f}" == "6.29"
    zh = _docx_table(tiny["out"] / "tiny_plant_cfp_zh.docx", "生命周期阶段")
    assert [r[0] for r in zh[1:]] == ["原材料获取", "原材料运输", "产品生产", "合计"]
    assert [r[1:] for r in zh[1:]] == [r[1:] for r in rows[1:]]


def test_docx_contributions_add_up(tiny):
    rows = _docx_table(
        tiny["out"] / "tiny_plant_cfp_en.docx",
        "No.",
        "Life-cycle stage",
        "Inventory item",
        "Type",
        "kg CO2e per 1 t test ingot",
    )
    by_item = {r[2]: r for r in rows[1:] if r[0]}
    assert by_item["alumina"][4:] == ["3.34", "53.12"]
    assert by_item["scrap"][4:] == ["0.00", "0.00"]  # exactly zero
    # production 2.82: floors 2.40 + 0.41, one unit to soda ash (remainder .49 > .39)
    assert by_item["electricity"][4:] == ["2.40", "38.22"]
    assert by_item["carbonate decomposition: soda ash"][4:] == ["0.42", "6.60"]
    # every stage: items add up to the displayed subtotal; subtotals to the total
    subtotal_rows = [r for r in rows[1:] if r[2] == "Subtotal"]
    total_row = rows[-1]
    assert total_row[2] == "Total" and total_row[4:] == ["6.29", "100.00"]
    assert sum(Decimal(r[4]) for r in subtotal_rows) == Decimal(total_row[4])
    assert sum(Decimal(r[5]) for r in subtotal_rows) == Decimal("100.00")
    for sub in subtotal_rows:
        items = [r for r in rows[1:] if r[0] and r[1] == sub[1]]
        assert sum(Decimal(r[4]) for r in items) == Decimal(sub[4])
        assert sum(Decimal(r[5]) for r in items) == Decimal(sub[5])


def test_docx_ghg_split(tiny):
    rows = _docx_table(tiny["out"] / "tiny_plant_cfp_en.docx", "Origin")
    # fossil 5.749892, biogenic 0.54 (test_small_system), land use 0
    assert rows[1:] == [
        ["Fossil GHG emissions", "5.75"],
        ["Biogenic GHG emissions", "0.54"],
        ["Land use and land-use change", "0.00"],
        ["Total", "6.29"],
    ]


def test_docx_direct_emissions(tiny):
    # one table per emission type in the guideline's columns; amounts per declared unit:
    # 1 t soda ash a year x (1 t / 1000 t annual production) = 1 kg per t of product;
    # 1 kg x 0.4149 t CO2/t = 0.4149 kg CO2, shown as 0.41 kg CO2e (2 decimals)
    rows = _docx_table(tiny["out"] / "tiny_plant_cfp_en.docx", "Item", "Carbonate")
    assert rows[0][2:4] == ["Mass per declared unit (kg)", "Emission factor (t CO2/t)"]
    assert rows[1] == ["soda ash", "soda ash", "1", "0.4149", "0.4149", "0.41"]
    d = docx.Document(str(tiny["out"] / "tiny_plant_cfp_en.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "E = Σ AD_i × EF_i, where AD is the carbonate consumed" in text
    assert "per_du" not in text and "du_tonnes" not in text
    zh = docx.Document(str(tiny["out"] / "tiny_plant_cfp_zh.docx"))
    (table,) = [t for t in zh.tables if t.rows[0].cells[0].text == "排放项"]
    assert [c.text for c in table.rows[0].cells][1:4] == [
        "碳酸盐品种",
        "质量每声明单位（kg）",
        "排放因子（t CO2/t）",
    ]


def test_docx_epd_table(tiny):
    rows = _docx_table(tiny["out"] / "tiny_plant_epd_en.docx", "No.", "Impact category")
    assert rows[0][1:] == ["Impact category", "EN 15804+A2 code", "Unit", "Cradle to gate", "Notes"]
    assert len(rows) == 17
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Climate change"][2:5] == ["GWP-total", "kg CO2 eq", "6.290"]
    assert by_name["Acidification"][2:5] == ["AP", "mol H+ eq", "0.01048"]  # test_small_system
    totals = tiny["result"].totals()
    for name, row in by_name.items():
        assert row[4] == fmt_value(totals[name])


def test_epd_names_indicators_the_background_does_not_cover(tiny):
    # the tiny background emits CO2, CH4 and SO2 only: Land use (among others) is 0 and must
    # be called not covered; Acidification (SO2) is covered
    files = render_reports(tiny["result"], kinds=("epd",), langs=("en",), formats=("md",))
    (text,) = [v.decode() for k, v in files.items() if k.endswith(".md")]
    sentence = text.split("Not covered by the background")[1].split(".*")[0]
    assert "Land use" in sentence and "Acidification" not in sentence


def _sheet(wb, title: str):
    """The worksheet whose caption (cell A1) ends with ``title``."""
    (ws,) = [ws for ws in wb.worksheets if str(ws["A1"].value or "").endswith(title)]
    return ws


def test_xlsx_numbers_are_numbers(tiny):
    wb = openpyxl.load_workbook(tiny["out"] / "tiny_plant_cfp_en.xlsx")
    ws = _sheet(wb, "Carbon footprint by life-cycle stage")
    values = {ws.cell(r, 1).value: (ws.cell(r, 2), ws.cell(r, 3)) for r in range(4, 8)}
    for stage, label in (
        ("raw_materials", "Raw material acquisition"),
        ("raw_material_transport", "Raw material transport"),
        ("production", "Production"),
    ):
        kg, share = values[label]
        assert kg.data_type == "n" and isinstance(kg.value, float)
        assert kg.value == pytest.approx(STAGES[stage], abs=0.01)  # within one unit of 0.01
        assert share.data_type == "n"
        assert share.value == pytest.approx(100 * STAGES[stage] / TOTAL, abs=0.01)
        assert kg.number_format == "#,##0.00" and share.number_format == "#,##0.00"
    kg, share = values["Total"]
    assert kg.value == 6.29 and share.value == 100.0
    assert sum(values[k][1].value for k in values if k != "Total") == pytest.approx(100.0, abs=1e-9)
    epd = _sheet(openpyxl.load_workbook(tiny["out"] / "tiny_plant_epd_en.xlsx"), "EN 15804+A2)")
    cells = {epd.cell(r, 2).value: epd.cell(r, 5) for r in range(4, 20)}
    assert cells["Climate change"].data_type == "n" and cells["Climate change"].value == 6.29
    assert cells["Acidification"].value == pytest.approx(0.01048)


def _with_label(result: ProductResult, old: str, new: str) -> ProductResult:
    r = copy.deepcopy(result)
    r.table["contributor"] = r.table["contributor"].replace(old, new)
    for row in r.rows:
        if row["label"] == old:
            row["label"] = new
    return r


def test_xlsx_formula_like_text_is_text(tiny, tmp_path):
    r = _with_label(tiny["result"], "alumina", "=1+2")
    r = _with_label(r, "scrap", "-scrap credit")
    r.meta["assumptions"] = [{"id": "+A1", "text": "@SUM(A1)", "text_zh": None, "affects": "x"}]
    write_reports(r, tmp_path, kinds=("cfp",), langs=("en",), formats=("xlsx",))
    path = tmp_path / "tiny_plant_cfp_en.xlsx"
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    wb = openpyxl.load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value in {
                    "=1+2",
                    "-scrap credit",
                    "+A1",
                    "@SUM(A1)",
                }:
                    found[c.value] = c
    assert set(found) == {"=1+2", "-scrap credit", "+A1", "@SUM(A1)"}
    for c in found.values():
        assert c.data_type == "s" and c.quotePrefix


def test_md_html_byte_identical(tiny, tmp_path):
    again = write_reports(tiny["result"], tmp_path, formats=("md", "html", "csv"))
    for p in again:
        if p.suffix in {".md", ".html", ".svg", ".png"}:
            assert p.read_bytes() == (tiny["out"] / p.name).read_bytes(), p.name
    # Office files too: fixed zip times and document dates
    files = render_reports(tiny["result"], kinds=("cfp",), langs=("zh",), formats=("docx", "xlsx"))
    for name in ("tiny_plant_cfp_zh.docx", "tiny_plant_cfp_zh.xlsx"):
        assert files[name] == (tiny["out"] / name).read_bytes()


def test_charts(tiny):
    out = tiny["out"]
    for name in ("stages", "top_contributors"):
        png = (out / f"tiny_plant_{name}_zh.png").read_bytes()
        assert png.startswith(b"\x89PNG") and b"tIME" not in png
        svg = (out / f"tiny_plant_{name}_zh.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert "dc:date" not in svg
    html = (out / "tiny_plant_cfp_zh.html").read_text(encoding="utf-8")
    assert html.count("data:image/svg+xml;base64,") == 3  # boundary, stages, contributors
    assert "Noto Sans SC" in html and "原材料获取" in html
    md = (out / "tiny_plant_cfp_zh.md").read_text(encoding="utf-8")
    assert "![" in md and "tiny_plant_stages_zh.png" in md


def _synthetic(scores: dict[tuple[str, str], float]) -> ProductResult:
    """A result with GWP100 contributions ``{(stage, contributor): kg}`` (credits allowed)."""
    rows = []
    stages = list(dict.fromkeys(s for s, _ in scores))
    for ind in (
        GWP,
        "GWP100 fossil (IPCC 2021)",
        "GWP100 biogenic (IPCC 2021)",
        "GWP100 land use (IPCC 2021)",
    ):
        f = 1.0 if ind in (GWP, "GWP100 fossil (IPCC 2021)") else 0.0
        rows.append(("p", ind, "kg CO2 eq", "", "", "", f * sum(scores.values())))
        for st in stages:
            items = {c: v for (s, c), v in scores.items() if s == st}
            rows.append(("p", ind, "kg CO2 eq", st, "", "", f * sum(items.values())))
            rows += [("p", ind, "kg CO2 eq", st, c, "material", f * v) for c, v in items.items()]
    return ProductResult(
        "p", {"product": {"declared_unit": "1 t"}}, pd.DataFrame(rows, columns=COLUMNS), [], []
    )


def test_negative_contribution_and_t_co2e():
    r = _synthetic(
        {
            ("raw_materials", "a"): 1234.5678,
            ("raw_materials", "b"): 777.7777,
            ("production", "c"): 333.3333,
            ("production", "credit"): -100.1111,
        }
    )
    fig = cfp_figures(r, unit="t")
    assert fig.unit == "t CO2e" and fig.decimals == 4  # 2.2456 t
    assert fig.total_shown == Decimal("2.2456")
    assert sum(s.shown for s in fig.stages) == fig.total_shown
    assert sum(s.share for s in fig.stages) == Decimal("100.00")
    for s in fig.stages:
        assert sum(i.shown for i in s.items) == s.shown
        assert sum(i.share for i in s.items) == s.share
        for i in s.items:
            assert abs(float(i.shown) - i.exact) < 10**-fig.decimals
    credit = fig.stages[1].items[1]
    assert credit.shown == Decimal("-0.1001") and credit.share < 0
    files = render_reports(r, kinds=("cfp",), langs=("en",), formats=("md",), unit="t")
    assert "| -0.1001 |" in files["p_cfp_en.md"].decode()
    # the default unit: kg CO2e with 2 decimals
    kg = cfp_figures(r)
    assert kg.unit == "kg CO2e" and kg.decimals == 2 and kg.total_shown == Decimal("2245.57")


def test_rounding_helpers():
    assert fmt_value(1.2345e-6) == "1.23E-06"
    assert fmt_value(6.289892) == "6.290"
    assert fmt_value(123456.0) == "1.23E+05"
    assert fmt_value(0) == "0"
    assert apportion([0.5, 0.5], Decimal("1"), 0) == [Decimal("1"), Decimal("0")]  # ties: first
    assert apportion([-0.4, 1.4], Decimal("1"), 0) == [Decimal("0"), Decimal("1")]
    assert shares([1.0, -1.0], 0.0) is None  # share of a zero total is undefined


def test_unknown_option():
    with pytest.raises(ReportOptionInvalid, match="unknown report format 'pdf'"):
        render_reports(_synthetic({("production", "a"): 1.0}), formats=("pdf",))


def test_cli(tiny, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli"
    res = runner.invoke(
        main,
        [
            "report",
            "--product",
            "tiny_plant",
            "--project",
            PROJECT,
            "--kind",
            "cfp",
            "--lang",
            "en",
            "--format",
            "md",
            "--format",
            "xlsx",
            "--output",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    listed = [line for line in res.stdout.splitlines() if line.strip()]
    assert sorted(listed) == sorted(str(p) for p in out.iterdir())
    assert {p.name for p in out.iterdir()} == {
        "tiny_plant_cfp_en.md",
        "tiny_plant_cfp_en.xlsx",
        "tiny_plant_stages_en.png",
        "tiny_plant_stages_en.svg",
        "tiny_plant_top_contributors_en.png",
        "tiny_plant_top_contributors_en.svg",
        "tiny_plant_boundary_en.png",
        "tiny_plant_boundary_en.svg",
    }
    assert (out / "tiny_plant_cfp_en.md").read_bytes() == (
        tiny["out"] / "tiny_plant_cfp_en.md"
    ).read_bytes()

    bad = runner.invoke(
        main,
        ["report", "--product", "nope", "--project", PROJECT, "--output", str(tmp_path / "bad")],
    )
    assert bad.exit_code == 2
    assert "product 'nope' is not imported" in bad.stderr
    assert "Traceback" not in bad.output
    assert not (tmp_path / "bad").exists()

    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    res = runner.invoke(
        main,
        [
            "report",
            "--product",
            "tiny_plant",
            "--project",
            PROJECT,
            "--format",
            "md",
            "--output",
            str(blocker / "sub"),
        ],
    )
    assert res.exit_code == 2 and "cannot write reports to" in res.stderr


def test_cli_help():
    res = CliRunner().invoke(main, ["report", "--help"])
    assert res.exit_code == 0 and re.search(r"--kind \[epd\|cfp\|both\]", res.output)


def test_chinese_report_gives_the_formula_in_chinese(tiny):
    files = render_reports(tiny["result"], kinds=("cfp",), langs=("zh", "en"), formats=("md",))
    zh = next(v.decode() for k, v in files.items() if k.endswith("_zh.md"))
    en = next(v.decode() for k, v in files.items() if k.endswith("_en.md"))
    # the soda ash item: the formula in symbols and Chinese words, no code names
    assert "E = Σ AD_i × EF_i。AD：碳酸盐消耗量；EF：排放因子" in zh
    assert "碳酸盐消耗量" not in en and "E = Σ AD_i × EF_i, where AD" in en
    assert "per_du" not in zh + en and "mass x factor" not in zh


# -- layout: what a reader of the printed document gets --------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tables_with_section_width(d) -> list[tuple[object, int]]:
    """(table element, usable width of its section in twips) for every body table."""
    body = d.element.body
    sections = list(d.sections)
    out, pending, k = [], [], 0
    for child in body.iterchildren():
        if child.tag == f"{W}tbl":
            pending.append(child)
        sect = child.find(f"{W}pPr/{W}sectPr") if child.tag == f"{W}p" else None
        if sect is not None or child.tag == f"{W}sectPr":
            s = sections[k]
            usable = (s.page_width - s.left_margin - s.right_margin) // 635  # EMU -> twips
            out += [(t, usable) for t in pending]
            pending, k = [], k + 1
    return out


@pytest.mark.parametrize("name", ["tiny_plant_cfp_en.docx", "tiny_plant_cfp_zh.docx"])
def test_docx_layout(tiny, name):
    d = docx.Document(str(tiny["out"] / name))
    tables = _tables_with_section_width(d)
    assert len(tables) == len(d.tables)
    portrait, landscape = 0, 0
    for tbl, usable in tables[1:]:  # tables[0]: the cover's lines
        grid = [int(g.get(f"{W}w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        assert all(w > 0 for w in grid), "column widths set"
        assert sum(grid) <= usable + 2, "table within the page's text width"
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        first = tbl.findall(f"{W}tr")[0]
        assert first.find(f"{W}trPr/{W}tblHeader") is not None, "header row repeats"
        for tr in tbl.findall(f"{W}tr")[1:]:
            for tc in tr.findall(f"{W}tc"):
                text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
                if re.fullmatch(r"-?[\d,]+(\.\d+)?(E[+-]\d+)?", text):
                    assert tc.find(f"{W}tcPr/{W}noWrap") is not None, text
        landscape += usable > 10000
        portrait += usable <= 10000
    assert portrait and landscape  # the inventory and dataset tables go landscape
    footer = d.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    body = d.element.body.xml
    assert 'TOC \\o "1-2"' in body
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    prefix = "Table" if name.endswith("_en.docx") else "表"
    numbers = [
        int(re.match(rf"{prefix} (\d+)", c).group(1)) for c in captions if c.startswith(prefix)
    ]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == len(tables) - 1


def test_docx_cover_and_cfp_total(tiny):
    d = docx.Document(str(tiny["out"] / "tiny_plant_cfp_en.docx"))
    texts = [p.text for p in d.paragraphs]
    assert texts.index("Product carbon footprint report: test ingot") < texts.index("Contents")
    # the GWP100 total: 6.289892 kg CO2e per t -> "6.29" in a "kg CO2e" column
    rows = _docx_table(tiny["out"] / "tiny_plant_cfp_en.docx", "Life-cycle stage")
    assert rows[0][1].startswith("kg CO2e") and rows[-1][:2] == ["Total", "6.29"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_xlsx_widths_and_print_setup(tiny, lang):
    from bw_alu.report.textwidth import excel_width

    wb = openpyxl.load_workbook(tiny["out"] / f"tiny_plant_cfp_{lang}.xlsx")
    prefix = "T" if lang == "en" else "表"
    tables = [ws for ws in wb.worksheets if re.match(rf"{prefix}\d+ ", ws.title)]
    assert len(tables) >= 10
    assert wb.worksheets[0].title == ("report" if lang == "en" else "报告")
    for ws in tables:
        assert ws.print_area and ws.print_title_rows == "$3:$3"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        for cell in ws[4]:
            if cell.value is None:
                continue
            width = ws.column_dimensions[cell.column_letter].width
            # CJK-aware: a Chinese text needs two units a character (up to the wrap width)
            assert width >= min(excel_width(str(cell.value)), 60), (ws.title, cell.value)
    zh_stage = [ws for ws in tables if "碳足迹结论" in ws.title or "by life-c" in ws.title]
    assert zh_stage


def _previous_csv(result: ProductResult, tmp_path):
    """The totals of ``result`` with Climate change planted 12 % lower: current 6.289892
    (test_small_system), previous = current / 1.12, so the change is +12.00 %."""
    t = result.table
    prev = t[(t.stage == "") & (t.contributor == "")].copy()
    prev.loc[prev.indicator == "Climate change", "score"] /= 1.12
    path = tmp_path / "previous.csv"
    prev.to_csv(path, index=False)
    return path


def test_update_check_planted_rise(tiny, tmp_path):
    """A previous declaration 12 % lower in Climate change requires an update; the other
    indicators are equal (0.00 %)."""
    path = _previous_csv(tiny["result"], tmp_path)
    files = render_reports(
        tiny["result"], kinds=("epd",), langs=("en",), formats=("md",), previous=path
    )
    md = files["tiny_plant_epd_en.md"].decode()
    line = next(x for x in md.splitlines() if x.startswith("| Climate change | kg CO2 eq | 5.616"))
    assert line.endswith("| 6.290 | 12.00 | yes |")
    assert "| Acidification | mol H+ eq | 0.01048 | 0.01048 | 0.00 | no |" in md
    assert "the EPD must be updated" in md
    # the CLI: same option, and a bad file is exit 2 naming file, row and column
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,unit,stage,contributor,score\nClimate change,kg CO2 eq,,,abc\n")
    res = CliRunner().invoke(
        main,
        [
            "report",
            "--product",
            "tiny_plant",
            "--project",
            PROJECT,
            "--previous",
            str(bad),
            "--output",
            str(tmp_path / "o"),
        ],
    )
    assert res.exit_code == 2 and "row 2, column 'score'" in res.stderr
    assert not (tmp_path / "o").exists()


def test_verify_accepts_previous(tiny, tmp_path):
    """verify --previous adds the same update check (Climate change planted 12 % lower)."""
    import json

    from bw_alu.results import write_csv

    t = tiny["result"].table
    declared = tmp_path / "declared.csv"
    write_csv(t, declared)
    previous = _previous_csv(tiny["result"], tmp_path)
    args = [
        "verify",
        "--declared",
        str(declared),
        "--project",
        PROJECT,
        "--previous",
        str(previous),
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "| Climate change | kg CO2 eq | 5.616 | 6.290 | 12.00 | yes |" in res.stdout
    assert "the EPD must be updated" in res.stdout
    res = CliRunner().invoke(main, [*args, "--format", "json"])
    check = json.loads(res.stdout)["update_check"]
    assert check["update_required"] is True
    (cc,) = [x for x in check["indicators"] if x["indicator"] == "Climate change"]
    assert cc["change"] == pytest.approx(0.12, abs=1e-12)


def test_docx_short_tables_keep_together(tiny):
    # the EPD table (16 rows) must not split across pages: every row but the last keeps
    # with the next
    d = docx.Document(str(tiny["out"] / "tiny_plant_epd_en.docx"))
    (epd,) = [
        t for t in d.tables if t.rows[0].cells[1].text == "Impact category" and len(t.rows) == 17
    ]
    for row in epd.rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_dqr_table_per_row_and_weighted(tiny):
    """PEF DQR = (TeR + GeR + TiR + P) / 4 per row, weighted by |GWP100 contribution|.

    alumina (1, 2, 2, 1) -> 1.50 excellent; alumina by road (3, 3, 4, 2) -> 3.00 good;
    electricity (2, 3, 3, 2) -> 2.50 good; scrap unscored. Shares of |contributions| in
    the total 6.289892: 3.341298 -> 53.12 %, 0.1298 -> 2.06 %, 2.403894 -> 38.22 %;
    weighted: (1.5 x 3.341298 + 3.0 x 0.1298 + 2.5 x 2.403894) / (3.341298 + 0.1298 +
    2.403894) = 11.411082 / 5.874992 = 1.9423 -> 1.94 very good (over 93.40 % of it).
    """
    r = copy.deepcopy(tiny["result"])
    scores = {"alumina": (1, 2, 2, 1), "alumina by road": (3, 3, 4, 2), "electricity": (2, 3, 3, 2)}
    for row in r.rows:
        if row["label"] in scores:
            row["dq"] = dict(zip(("ter", "ger", "tir", "p"), scores[row["label"]]))
    files = render_reports(r, kinds=("cfp",), langs=("en",), formats=("md",))
    md = files["tiny_plant_cfp_en.md"].decode()
    assert "| 1 | alumina | 1 | 2 | 2 | 1 | 1.50 | excellent | 53.12 |" in md
    assert "| 4 | electricity | 2 | 3 | 3 | 2 | 2.50 | good | 38.22 |" in md
    assert (
        pytest.approx(1.9423, abs=1e-4)
        == (1.5 * 3.341298 + 3.0 * 0.1298 + 2.5 * 2.403894) / 5.874992
    )
    assert (
        "| **Weighted by contribution** |  |  |  |  | **1.94** | **very good** | **93.40** |" in md
    )


def test_optional_basic_fields_and_zh_companions(tiny):
    """Optional product-sheet fields show in the basic information and on the cover; a
    ``_zh`` companion replaces the English text in the Chinese report only."""
    r = copy.deepcopy(tiny["result"])
    r.meta["product"]["extra"] = {
        "credit_code": "91530000MA6K000000",
        "verifier": "Example Verification Ltd.",
        "verifier_zh": "示例核查有限公司",
        "report_number": "CFP-2025-001",
        "report_date": "2025-03-31",
        "boundary_zh": "从摇篮到大门",
    }
    files = render_reports(r, kinds=("cfp",), langs=("zh", "en"), formats=("md", "docx"))
    zh = files["tiny_plant_cfp_zh.md"].decode()
    en = files["tiny_plant_cfp_en.md"].decode()
    assert "| 统一社会信用代码 | 91530000MA6K000000 |" in zh
    assert "| 核查机构 | 示例核查有限公司 |" in zh and "| 报告编号 | CFP-2025-001 |" in zh
    assert "| 系统边界 | 从摇篮到大门 |" in zh
    assert "| Verifier | Example Verification Ltd. |" in en and "示例" not in en
    import io

    cover = docx.Document(io.BytesIO(files["tiny_plant_cfp_zh.docx"])).tables[0]
    assert ["报告编号", "CFP-2025-001"] in [[c.text for c in row.cells] for row in cover.rows]


def test_coal_is_named_as_the_fuel_its_default_parameters_are_for():
    # methods/fuel_defaults.csv's 'coal' row holds bituminous coal's (烟煤) NCV, carbon
    # content and oxidation rate, so the reports name it so, not raw coal (原煤)
    import csv

    from bw_alu.paths import METHODS_DIR
    from bw_alu.report import i18n

    with open(METHODS_DIR / "fuel_defaults.csv", encoding="utf-8", newline="") as fh:
        (coal,) = [r for r in csv.DictReader(fh) if r["fuel"] == "coal"]
    assert "烟煤" in coal["source"]
    assert i18n.value("coal", "zh") == "烟煤"
    assert i18n.value("coal", "en") == "coal (bituminous)"
