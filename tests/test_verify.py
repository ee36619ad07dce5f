"""``bw-alu verify`` on the small hand-computed system (``small_system.py``).

GWP100 (IPCC 2021) of the tiny plant, per declared unit (see test_small_system.py)::

    total 6.289892 = raw_materials 3.341298 (alumina 3.341298, scrap 0)
                   + raw_material_transport 0.1298 (alumina by road)
                   + production 2.818794 (electricity 2.403894, carbonate_decomposition: soda ash 0.4149)

Each test plants known errors in a copy of the plant's own results table and checks that
exactly those are found (the info findings of the plant itself, a proxy and a
burden-free row, are always there and never material).
"""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.errors import DeclaredFileInvalid
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.results import write_csv
from bw_alu.verify.declared import parse_number, read_declared
from bw_alu.verify.run import verify_result
from bw_alu.verify.units import unit_factor
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-verify"
GWP = "GWP100 (IPCC 2021)"
BASELINE_INFO = {"proxy-dataset", "burden-free"}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("verify")
    bg = tiny_background(base / "tiny.json.gz")
    wb = write_workbook(base / "tiny_plant.xlsx", plant_sheets())
    import_plant(PROJECT, wb, background="tiny", background_file=bg)
    (result,) = calculate_products(PROJECT, ["tiny_plant"])
    own = base / "own.csv"
    write_csv(result.table, own)
    return {"base": base, "bg": bg, "result": result, "own": own}


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path, rows, fields=None):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields or list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _find(rows, indicator, stage="", contributor=""):
    (row,) = [
        r
        for r in rows
        if (r["indicator"], r["stage"], r["contributor"]) == (indicator, stage, contributor)
    ]
    return row


def _line(rows, row) -> int:
    return rows.index(row) + 2


def _report(tiny, rows, tmp_path, tolerance=0.05, name="declared.csv", fields=None):
    path = _write(tmp_path / name, rows, fields)
    _, declared, has_share = read_declared(path)
    return verify_result(tiny["result"], path, declared, has_share, tolerance)


def _problems(report):
    """(code, severity, declared rows concerned) of every non-info finding."""
    return {
        (f.code, f.severity, tuple(x.get("declared_row") for x in f.rows))
        for f in report.findings
        if f.severity != "info"
    }


# --- the plant against its own results ----------------------------------------------


def test_own_results_give_no_finding(tiny, tmp_path):
    report = _report(tiny, _rows(tiny["own"]), tmp_path)
    assert _problems(report) == set()
    assert {f.code for f in report.findings} == BASELINE_INFO
    assert report.exit_status == 0
    assert {c.verdict for c in report.comparisons} == {"agrees"}
    assert any("lists no left-out items" in n for n in report.notes)


def test_cli_own_results_exit_0(tiny):
    res = CliRunner().invoke(main, ["verify", "--project", PROJECT, "--declared", str(tiny["own"])])
    assert res.exit_code == 0, res.output
    assert "no material finding" in res.output


# --- planted errors ------------------------------------------------------------------


def test_contribution_off_by_10_percent_is_material(tiny, tmp_path):
    rows = _rows(tiny["own"])
    alumina = _find(rows, GWP, "raw_materials", "alumina")
    alumina["score"] = repr(float(alumina["score"]) * 1.1)
    sub = _find(rows, GWP, "raw_materials")
    report = _report(tiny, rows, tmp_path)
    assert _problems(report) == {
        ("deviation", "material", (_line(rows, alumina),)),
        ("subtotal-sum", "material", (_line(rows, sub),)),  # the declaration no longer adds up
    }
    first = report.findings[0]
    assert first.code == "deviation" and first.id == "F01"
    assert first.numbers["rel_dev"] == pytest.approx(0.1, rel=1e-6)
    assert first.numbers["recomputed"] == pytest.approx(3.341298, rel=1e-6)
    assert report.exit_status == 1


def test_cli_contribution_off_by_10_percent_exit_1(tiny, tmp_path):
    rows = _rows(tiny["own"])
    alumina = _find(rows, GWP, "raw_materials", "alumina")
    alumina["score"] = repr(float(alumina["score"]) * 1.1)
    path = _write(tmp_path / "changed.csv", rows)
    res = CliRunner().invoke(
        main, ["verify", "--project", PROJECT, "--declared", str(path), "--format", "json"]
    )
    assert res.exit_code == 1, res.output
    data = json.loads(res.output)
    top = data["findings"][0]
    assert top["severity"] == "material" and top["code"] == "deviation"
    assert top["rows"] == [
        {
            "declared_row": _line(rows, alumina),
            "indicator": GWP,
            "stage": "raw_materials",
            "contributor": "alumina",
        }
    ]
    assert data["summary"]["exit_status"] == 1


def test_subtotal_not_summing(tiny, tmp_path):
    rows = _rows(tiny["own"])
    sub = _find(rows, GWP, "production")
    sub["score"] = "2.9"  # contributions 2.403894 + 0.4149 = 2.818794: +2.88 %
    report = _report(tiny, rows, tmp_path)
    # found by the arithmetic and by the recomputation; the total (which matches the
    # contributions) is not blamed a second time
    assert _problems(report) == {
        ("subtotal-sum", "minor", (_line(rows, sub),)),
        ("deviation", "minor", (_line(rows, sub),)),
    }
    f = next(f for f in report.findings if f.code == "subtotal-sum")
    assert f.numbers["sum_of_contributions"] == pytest.approx(2.818794, rel=1e-6)
    assert report.exit_status == 0


def test_wrong_unit(tiny, tmp_path):
    rows = _rows(tiny["own"])
    acid = _find(rows, "Acidification")
    acid["unit"] = "kg SO2 eq"
    report = _report(tiny, rows, tmp_path)
    assert _problems(report) == {("unit", "material", (_line(rows, acid),))}
    assert report.exit_status == 1


def test_total_off_by_3_percent_is_not_material(tiny, tmp_path):
    rows = _rows(tiny["own"])
    total = _find(rows, GWP)
    total["score"] = repr(float(total["score"]) * 1.03)
    report = _report(tiny, rows, tmp_path)
    assert _problems(report) == {
        ("deviation", "minor", (_line(rows, total),)),
        ("total-sum", "minor", (_line(rows, total),)),
    }
    assert report.exit_status == 0
    # a tighter threshold makes it material
    assert _report(tiny, rows, tmp_path, tolerance=0.02).exit_status == 1


def test_direct_row_inconsistent_with_its_parameters(tiny, tmp_path):
    rows = _rows(tiny["own"])
    soda = _find(rows, GWP, "production", "carbonate_decomposition: soda ash")
    soda["score"] = "414.9"  # t and kg mixed up
    for row in (_find(rows, GWP, "production"), _find(rows, GWP)):  # a declaration that adds up
        row["score"] = repr(float(row["score"]) - 0.4149 + 414.9)
    report = _report(tiny, rows, tmp_path)
    direct = [f for f in report.findings if f.code == "direct-not-from-parameters"]
    assert len(direct) == 1 and direct[0].severity == "material"
    assert direct[0].rows[0]["declared_row"] == _line(rows, soda)
    assert direct[0].numbers["kg_co2e_from_parameters"] == pytest.approx(0.4149, rel=1e-9)
    assert "t and kg mixed up" in direct[0].message
    assert "0.4149 t CO2/t" in direct[0].numbers["formula"]
    # the subtotal and total carry the same error: deviations, nothing else
    assert {f.code for f in report.findings if f.severity != "info"} == {
        "direct-not-from-parameters",
        "deviation",
    }


def test_all_planted_errors_at_once_are_each_found_in_order(tiny, tmp_path):
    rows = _rows(tiny["own"])
    _find(rows, GWP, "raw_materials", "alumina")["score"] = repr(3.341298 * 1.1)
    _find(rows, "Acidification")["unit"] = "kg SO2 eq"
    _find(rows, "Climate change")["score"] = repr(
        float(_find(rows, "Climate change")["score"]) * 1.03
    )
    report = _report(tiny, rows, tmp_path)
    sev = [f.severity for f in report.findings]
    assert sev == sorted(sev, key=["material", "minor", "info"].index)
    assert [f.id for f in report.findings] == [f"F{i:02d}" for i in range(1, len(sev) + 1)]
    assert report.exit_status == 1
    md = report.markdown()
    assert "| F01 | material |" in md and "## Declared vs recomputed" in md


def test_shares_scaled_units_subsets_and_unknown_rows(tiny, tmp_path):
    rows = [r for r in _rows(tiny["own"]) if r["indicator"] == GWP]
    total = float(_find(rows, GWP)["score"])
    for r in rows:  # declared in t CO2e with shares in %, rounded as a study would print them
        r["share"] = f"{100 * float(r['score']) / total:.1f}%"
        r["score"] = f"{float(r['score']) / 1000:.6f}"
        r["unit"] = "t CO2e"
    _find(rows, GWP, "production", "electricity")["share"] = "40.0%"  # is 38.2 %
    rows = [r for r in rows if r["contributor"] != "scrap"]  # a subset is fine (scrap is 0)
    extra = dict(rows[-1], contributor="aluminium fluoride", score="0.0001", share="1.6%")
    rows.append(extra)  # a row the study has that the workbook does not
    rows.append(dict(rows[0], indicator="GWP-luluc", unit="kg CO2 eq"))
    fields = list(rows[0])
    report = _report(tiny, rows, tmp_path, fields=fields)
    got = {(f.code, f.severity) for f in report.findings if f.code not in BASELINE_INFO}
    assert got == {
        ("unit-scaled", "info"),
        ("share", "minor"),
        ("not-in-model", "minor"),
        ("unknown-indicator", "minor"),
        ("subtotal-sum", "minor"),  # the extra row breaks the production sum
    }
    # the t CO2e values, converted, agree with the recomputation at their printed precision
    verdicts = {c.row.contributor: c.verdict for c in report.comparisons if c.row.indicator == GWP}
    assert verdicts["electricity"] == verdicts["alumina"] == "agrees"


# --- the declared file itself --------------------------------------------------------


def test_malformed_declared_file_exit_2_naming_row_and_column(tiny, tmp_path):
    rows = _rows(tiny["own"])
    rows[1]["score"] = "n/a"
    rows[3]["kind"] = "fuel"
    path = _write(tmp_path / "bad.csv", rows)
    with pytest.raises(DeclaredFileInvalid) as err:
        read_declared(path)
    msg = str(err.value)
    assert "row 3, column 'G (score)'" in msg and "not a number: 'n/a'" in msg
    assert "row 5, column 'F (kind)'" in msg
    res = CliRunner().invoke(main, ["verify", "--project", PROJECT, "--declared", str(path)])
    assert res.exit_code == 2
    assert "row 3, column 'G (score)'" in res.output and "Traceback" not in res.output


def test_declared_file_needs_the_contract_columns(tmp_path):
    path = tmp_path / "few.csv"
    path.write_text("product,indicator,score\np,Climate change,1\n", encoding="utf-8")
    with pytest.raises(
        DeclaredFileInvalid,
        match=r"row 1: missing column\(s\) \['unit', 'stage', 'contributor', 'kind'\]",
    ):
        read_declared(path)
    two = tmp_path / "two.csv"
    two.write_text(
        "product,indicator,unit,stage,contributor,kind,score\n"
        "a,Climate change,kg CO2 eq,,,,1\nb,Climate change,kg CO2 eq,,,,2\n",
        encoding="utf-8",
    )
    with pytest.raises(DeclaredFileInvalid, match="2 products"):
        read_declared(two)
    assert read_declared(two, "b")[1][0].score.value == 2.0


def test_unknown_product_exit_2(tiny, tmp_path):
    rows = _rows(tiny["own"])
    for r in rows:
        r["product"] = "no_such_plant"
    path = _write(tmp_path / "other.csv", rows)
    res = CliRunner().invoke(main, ["verify", "--project", PROJECT, "--declared", str(path)])
    assert res.exit_code == 2 and "no_such_plant" in res.output


def test_parse_number_keeps_precision():
    assert parse_number("6.29").half_ulp == pytest.approx(0.005)
    assert parse_number("1.2e-3").half_ulp == pytest.approx(5e-5)
    assert parse_number("300").half_ulp == 0.0  # integers are exact
    assert parse_number("0.0").half_ulp == pytest.approx(0.05)
    p = parse_number("38.2%")
    assert p.percent and p.value == 38.2
    for bad in ("", "abc", "nan", "1,5", "inf"):
        with pytest.raises(ValueError):
            parse_number(bad)


@pytest.mark.parametrize(
    ("declared", "expected", "factor"),
    [
        ("kg CO2 eq", "kg CO2 eq", 1.0),
        ("kg CO2-eq", "kg CO2 eq", 1.0),
        ("kg CO2e/t", "kg CO2 eq", 1.0),
        ("t CO2e", "kg CO2 eq", 1000.0),
        ("kg CFC-11 eq", "kg CFC11 eq", 1.0),
        ("GJ", "MJ", 1000.0),
        ("m3 depriv", "m3 depriv.", 1.0),
        ("kg SO2 eq", "mol H+ eq", None),
        ("mol H+ eq", "kg CO2 eq", None),
    ],
)
def test_unit_factor(declared, expected, factor):
    assert unit_factor(declared, expected) == factor


# --- the study's inventory -----------------------------------------------------------


@pytest.fixture(scope="module")
def messy(tiny):
    """The tiny plant written the way plant B's study is: every gap a verifier notices."""
    sheets = plant_sheets("tiny_messy", annual_production_assumption="A1")
    inv = sheets["inventory"]
    inv[0]["dataset"] = "Alumina, tiny {GLO}| Alumina, tiny | Cut-off, U"
    inv[2].update(
        amount=50,
        unit="km",
        load_t=20,  # 0.05 km x 20 t = 1 t*km per DU
        dataset="Transport, tiny truck {GLO}| Transport, tiny truck | Cut-off, U",
    )
    inv[3]["dataset"] = "Electricity, tiny grid {GLO}| Electricity, tiny grid | APOS, S"
    inv[1]["amount"] = 386.5284
    inv.append(dict(inv[1], label="head and tail scrap"))
    sheets["left_out"] = [
        {"label": "packaging film", "mass": 15, "unit": "t", "precious": "no"},  # 1.5 %
        {"label": "silver contacts", "mass": 0.5, "unit": "t", "precious": "yes"},  # 0.05 %: fine
        {"label": "pallets", "mass": 40, "unit": "t", "precious": "no"},  # 4 %; 5.55 % in all
    ]
    wb = write_workbook(tiny["base"] / "tiny_messy.xlsx", sheets)
    import_plant(PROJECT, wb, background="tiny", background_file=tiny["bg"])
    (result,) = calculate_products(PROJECT, ["tiny_messy"])
    path = tiny["base"] / "messy_own.csv"
    write_csv(result.table, path)
    return {"result": result, "own": path}


def test_inventory_findings(messy):
    _, rows, has_share = read_declared(messy["own"])
    report = verify_result(messy["result"], messy["own"], rows, has_share, 0.05)
    by_code = {}
    for f in report.findings:
        by_code.setdefault(f.code, []).append(f)
    assert {(c, f.severity) for c, fs in by_code.items() for f in fs} == {
        ("reference-flow-assumed", "material"),
        ("cut-off-item", "material"),
        ("cut-off-total", "material"),
        ("mixed-system-models", "minor"),
        ("transport-in-km", "minor"),  # 0.1298 of 6.29: 2 % of the climate total
        ("identical-amounts", "minor"),
        # the scrap row copied under another label: same process, stage, dataset, amount
        ("duplicate-rows", "minor"),
        ("mixed-process-types", "info"),
        ("proxy-dataset", "info"),
        ("substituted-dataset", "info"),
        ("burden-free", "info"),
    }
    assert len(by_code["cut-off-item"]) == 2
    items = {f.rows[0]["left_out"]: f.numbers["share"] for f in by_code["cut-off-item"]}
    assert items == {"packaging film": pytest.approx(0.015), "pallets": pytest.approx(0.04)}
    assert by_code["cut-off-total"][0].numbers["share"] == pytest.approx(0.0555)
    (mixed,) = by_code["mixed-system-models"]
    assert [r["label"] for r in mixed.rows] == ["electricity"] and "APOS" in mixed.message
    (km,) = by_code["transport-in-km"]
    assert km.rows[0]["load_t"] == 20 and km.numbers["climate_share"] == pytest.approx(
        0.1298 / 6.289892, rel=1e-5
    )
    (same,) = by_code["identical-amounts"]
    assert {r["label"] for r in same.rows} == {"scrap", "head and tail scrap"}
    assert "A1" in by_code["reference-flow-assumed"][0].message
    assert report.exit_status == 1
    # the declared numbers themselves all agree
    assert {c.verdict for c in report.comparisons} == {"agrees"}


def test_duplicate_rows_are_a_minor_finding(tiny):
    """An inventory row pasted twice (same process, stage, dataset, amount, unit) is
    counted twice by the import: verify names both rows (issue 10)."""
    sheets = plant_sheets("tiny_dup")
    inv = sheets["inventory"]
    inv.append(dict(inv[3]))  # electricity, 3 MWh, again
    wb = write_workbook(tiny["base"] / "tiny_dup.xlsx", sheets)
    import_plant(PROJECT, wb, background="tiny", background_file=tiny["bg"])
    (result,) = calculate_products(PROJECT, ["tiny_dup"])
    own = tiny["base"] / "dup_own.csv"
    write_csv(result.table, own)
    report = verify_result(result, own, *read_declared(own)[1:], 0.05)
    dups = [f for f in report.findings if f.code == "duplicate-rows"]
    assert len(dups) == 1 and dups[0].severity == "minor"
    (dup,) = dups
    # rows 5 and 6 of the sheet (header on row 1): the 4th inventory row and its copy
    assert [r["location"] for r in dup.rows] == [
        "tiny_dup.xlsx, sheet 'inventory', row 5",
        "tiny_dup.xlsx, sheet 'inventory', row 6",
    ]
    assert "row 5" in dup.message and "row 6" in dup.message and "'electricity'" in dup.message
    assert dup.numbers == {"count": 2, "amount": 3, "unit": "MWh"}
    # the plant without the copy has no such finding
    clean = verify_result(tiny["result"], tiny["own"], *read_declared(tiny["own"])[1:], 0.05)
    assert not [f for f in clean.findings if f.code == "duplicate-rows"]


def test_cli_output_file(tiny, tmp_path):
    out = tmp_path / "reports" / "verify.md"
    res = CliRunner().invoke(
        main, ["verify", "--project", PROJECT, "--declared", str(tiny["own"]), "--output", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "report written to" in res.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Verification of `tiny_plant`") and "180 agrees" in text
    assert not list(out.parent.glob(".*.tmp"))
