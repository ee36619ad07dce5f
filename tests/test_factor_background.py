"""``import --background-factors``: rows linked to datasets given only by per-unit impacts.

The tiny plant of ``small_system.py`` with alumina written in kg and a factor file that
gives alumina per t and the truck per t*km (the transport row is in kg*km)::

    dataset                unit  GWP100  fossil  biogenic  Climate change
    Alumina, tiny          t     1500    1400    100       1600
    Transport, tiny truck  t*km  0.2     0.2     0         -

Per declared unit (annual basis, 1000 t/yr, DU 1 t: x 0.001):

    alumina    2000 kg/yr -> 2 kg = 0.002 t   -> GWP100 0.002 x 1500 = 3.0   fossil 2.8  biogenic 0.2
    transport  1e6 kg*km  -> 1000 kg*km = 1 t*km -> 1 x 0.2 = 0.2       fossil 0.2  biogenic 0
    electricity (background, unchanged)        -> 2.403894 (all fossil: 2.4 CO2 + 0.000894 CH4)
    soda ash (direct, carbonate calculator)    -> 0.4149 (fossil CO2)
    GWP100 total = 3.0 + 0.2 + 2.403894 + 0.4149 = 6.018794; fossil 5.818794; biogenic 0.2

Indicators the file does not give for a factor-linked row (Climate change for the truck;
every other EF indicator and GWP100 land use for both rows) leave that row out of that
indicator and list the indicator in ``calculation["incomplete_indicators"]``; verify
reports declared rows that depend on them as ``not-recomputable``.
"""

from __future__ import annotations

import csv

import pytest

from bw_alu.errors import FactorFileInvalid
from bw_alu.importer import import_plant
from bw_alu.indicators import indicators
from bw_alu.lcia import calculate_products
from bw_alu.results import write_csv
from bw_alu.verify.declared import read_declared
from bw_alu.verify.run import verify_result
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-factor-background"
REL = 1e-6
GWP, FOSSIL, BIO, CC = (
    "GWP100 (IPCC 2021)",
    "GWP100 fossil (IPCC 2021)",
    "GWP100 biogenic (IPCC 2021)",
    "Climate change",
)
FACTORS = [
    ("Alumina, tiny", "t", GWP, 1500),
    ("Alumina, tiny", "t", FOSSIL, 1400),
    ("Alumina, tiny", "t", BIO, 100),
    ("Alumina, tiny", "t", CC, 1600),
    ("Transport, tiny truck", "t*km", GWP, 0.2),
    ("Transport, tiny truck", "t*km", FOSSIL, 0.2),
    ("Transport, tiny truck", "t*km", BIO, 0),
]


def _write_factors(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["dataset", "unit", "indicator", "value"])
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def plant(tmp_path_factory):
    base = tmp_path_factory.mktemp("factors")
    bg = tiny_background(base / "tiny.json.gz")
    sheets = plant_sheets("tiny_factors")
    sheets["inventory"][0].update(amount=2000, unit="kg")  # alumina in kg, factor per t
    wb = write_workbook(base / "tiny_factors.xlsx", sheets)
    factors = _write_factors(base / "factors.csv", FACTORS)
    import_plant(PROJECT, wb, background="tiny", background_file=bg, factors_file=factors)
    (result,) = calculate_products(PROJECT, ["tiny_factors"])
    return {"base": base, "bg": bg, "result": result}


def _score(table, indicator, stage="", contributor=""):
    sel = table[
        (table.indicator == indicator) & (table.stage == stage) & (table.contributor == contributor)
    ]
    assert len(sel) == 1, (indicator, stage, contributor)
    return float(sel.score.iloc[0])


def test_rows_link_to_factor_datasets_with_unit_conversion(plant):
    rows = {r["label"]: r["link"] for r in plant["result"].rows}
    assert rows["alumina"]["match"] == "factors"
    assert rows["alumina"]["unit"] == "t" and rows["alumina"]["amount"] == pytest.approx(0.002)
    assert rows["alumina by road"]["match"] == "factors"
    assert rows["alumina by road"]["unit"] == "t*km" and rows["alumina by road"][
        "amount"
    ] == pytest.approx(1.0)
    assert rows["electricity"]["match"] == "exact"  # not in the file: the background as before


def test_every_indicator_the_file_gives_is_computed(plant):
    t = plant["result"].table
    assert _score(t, GWP, "raw_materials", "alumina") == pytest.approx(3.0, rel=1e-12)
    assert _score(t, GWP, "raw_material_transport", "alumina by road") == pytest.approx(
        0.2, rel=1e-12
    )
    assert _score(t, GWP, "production", "electricity") == pytest.approx(2.403894, rel=REL)
    # direct emissions still come from the calculator, characterized by the method
    assert _score(t, GWP, "production", "carbonate_decomposition: soda ash") == pytest.approx(
        0.4149, rel=REL
    )
    assert _score(t, GWP) == pytest.approx(6.018794, rel=REL)
    assert _score(t, FOSSIL) == pytest.approx(5.818794, rel=REL)
    assert _score(t, BIO) == pytest.approx(0.2, rel=REL)
    assert _score(t, CC, "raw_materials", "alumina") == pytest.approx(3.2, rel=1e-12)
    assert _score(t, CC, "production", "carbonate_decomposition: soda ash") == pytest.approx(
        0.4149, rel=REL
    )


def test_indicators_not_given_are_omitted_and_listed(plant):
    r = plant["result"]
    t = r.table
    expected = {i.label for i in indicators()} - {GWP, FOSSIL, BIO}
    assert set(r.calculation["incomplete_indicators"]) == expected
    # the truck row has no Climate change score at all (not a silent zero)
    block = t[(t.indicator == CC) & (t.contributor == "alumina by road")]
    assert block.empty
    # the rest of Climate change is there: background electricity, alumina, soda ash
    elec = _score(t, CC, "production", "electricity")
    assert elec > 2.4
    assert _score(t, CC) == pytest.approx(3.2 + elec + 0.4149, rel=REL)


def test_verify_reports_rows_of_incomplete_indicators(plant, tmp_path):
    r = plant["result"]
    path = tmp_path / "declared.csv"
    table = r.table.copy()
    # the study also declares the truck's Climate change (0.2, and its subtotal and total)
    cc = table.indicator == CC
    table.loc[cc & (table.stage == "raw_material_transport"), "score"] = 0.2
    table.loc[cc & (table.stage == ""), "score"] += 0.2
    extra = table[cc & (table.stage == "raw_material_transport")].copy()
    extra["contributor"], extra["kind"] = "alumina by road", "transport"
    table = __import__("pandas").concat([table, extra], ignore_index=True)
    write_csv(table, path)
    pid, rows, has_share = read_declared(path)
    report = verify_result(r, path, rows, has_share, 0.05)
    assert report.exit_status == 0
    codes = {f.code for f in report.findings if f.severity != "info"}
    assert codes == {"not-recomputable"}
    (cc_finding,) = [
        f for f in report.findings if f.code == "not-recomputable" and f.message.startswith(CC)
    ]
    concerned = {(x["stage"], x["contributor"]) for x in cc_finding.rows}
    # total, the transport subtotal and the truck row; alumina and production are compared
    assert concerned == {
        ("", ""),
        ("raw_material_transport", ""),
        ("raw_material_transport", "alumina by road"),
    }
    verdicts = {
        (c.row.indicator, c.row.stage, c.row.contributor): c.verdict for c in report.comparisons
    }
    assert verdicts[(CC, "raw_materials", "alumina")] == "agrees"
    assert verdicts[(CC, "production", "")] == "agrees"
    assert verdicts[(GWP, "", "")] == "agrees"
    # one not-recomputable finding per incomplete indicator that the declaration gives
    n = sum(f.code == "not-recomputable" for f in report.findings)
    assert n == len(r.calculation["incomplete_indicators"])


def test_malformed_factor_file_names_row_and_column(plant, tmp_path):
    bad = _write_factors(
        tmp_path / "bad.csv",
        [
            ("Alumina, tiny", "bananas", GWP, 1),
            ("Alumina, tiny", "t", "Nope", 1),
            ("Alumina, tiny", "t", GWP, "x"),
        ],
    )
    wb = plant["base"] / "tiny_factors.xlsx"
    with pytest.raises(FactorFileInvalid) as err:
        import_plant(PROJECT, wb, background="tiny", background_file=plant["bg"], factors_file=bad)
    msg = str(err.value)
    assert "row 2, column 'B (unit)'" in msg
    assert "row 3, column 'C (indicator)'" in msg
    assert "row 4, column 'D (value)'" in msg
