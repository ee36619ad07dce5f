"""bw-alu cbam: specific embedded emissions of the two example plants, by hand.

No Brightway project is needed: CBAM is computed from the plant workbook with the CFP's
own direct-emission calculators (bw_alu.direct), so the numbers below are derived from
the workbook parameters (shared/reference/plants.md) and the CBAM data of
databases/cbam/<product>/.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from bw_alu.cbam import cbam_result
from bw_alu.cli import main
from bw_alu.importer import compute_direct
from bw_alu.paths import DATABASES_DIR, PLANTS_DIR, ROOT
from bw_alu.workbook import load_plant

A = PLANTS_DIR / "ingot_yunnan_2024.xlsx"
B = PLANTS_DIR / "castrod_kunshan_2024.xlsx"
B_CBAM = DATABASES_DIR / "cbam" / "castrod_kunshan_2024"
B_ANNUAL_T = 43574.4  # assumption B-PROD of the plant B workbook

# Plant A, per t of ingot (the workbook is per declared unit = 1 t), CO2 in t:
#   diesel, forklifts   0.00064 t x 42.652 GJ/t x 0.0202 tC/GJ x 0.98 x 44/12 = 0.00198138
#   diesel, moulds      0.000001 t x 42.652 x 0.0202 x 0.98 x 44/12           = 0.00000310
#   anode consumption   0.389 x (1 - 0.02 - 0.004) x 44/12                    = 1.39210133
#   anode effect PFCs   the workbook's anode-effect emission factors, 0.02 kg CF4 and
#                       0.0011 kg C2F6 per t Al, at CBAM's GWP100 (methods/cbam_gwp.csv,
#                       IPCC AR5): (0.02 x 6630 + 0.0011 x 11100) / 1000 = 0.1326 + 0.01221
#                                                                          = 0.14481
#   carbonates          0.01779 t x 0.4400 + 0.00135 t x 0.4149               = 0.00838772
#   sum (all five source streams are in CBAM's scope)                         = 1.54728353
A_DIRECT = 1.5472835264
# The CFP converts the same PFC masses with IPCC AR6 (7380, 12400): 0.1476 + 0.01364 = 0.16124
A_PFC_CFP = 0.16124
A_PFC_CBAM = 0.14481
# Indirect: (2334.30 + 11572.22) kWh = 13.90652 MWh x 0.1073 t CO2/MWh (Yunnan 2022)
A_INDIRECT = 13.90652 * 0.1073  # = 1.492169596


def test_plant_a_direct_equals_cfp_direct_items_in_scope():
    r = cbam_result(A)
    assert r["see"]["attributed_direct"] == pytest.approx(A_DIRECT, rel=1e-9)
    # the CFP's own direct items (the import's audit), kg CO2e per t: all five in scope;
    # they differ from CBAM's only by the GWP of the two PFCs (AR6 in the CFP, AR5 here)
    cfp = compute_direct(load_plant(A))
    cfp_t = sum(x.audit["kg_co2e"] for x in cfp) / 1000
    assert cfp_t - A_PFC_CFP + A_PFC_CBAM == pytest.approx(A_DIRECT, rel=1e-9)
    by_label = {it["label"]: it for it in r["direct"]["items"]}
    pfc = by_label["anode effect PFCs"]
    assert pfc["t_co2e_per_t"] == pytest.approx(A_PFC_CBAM, rel=1e-9)
    assert {g["gas"]: g["kg_per_t"] for g in pfc["gases"]} == pytest.approx(
        {"CF4": 0.02, "C2F6": 0.0011}
    )
    assert {g["gas"]: g["gwp100"] for g in pfc["gases"]} == {"CF4": 6630.0, "C2F6": 11100.0}
    assert {g["gas"]: g["gwp100_cfp"] for g in pfc["gases"]} == {"CF4": 7380.0, "C2F6": 12400.0}
    assert by_label["anode consumption"]["t_co2e_per_t"] == pytest.approx(1.3921013333, rel=1e-9)
    assert all(it["scope"] == "in" for it in r["direct"]["items"])


def test_cbam_gwp_table_cites_its_source():
    from bw_alu.cbam import rules

    table = rules.gwp()
    assert {k: float(v["gwp100"]) for k, v in table.items()} == {
        "CO2": 1.0,
        "CF4": 6630.0,
        "C2F6": 11100.0,
    }
    for row in table.values():
        assert row["act"] and row["provision"] and row["status"] and row["source"]
    # the act's reference (2025/2547 Annex II point B.7.3 -> point G) read; point G's own
    # table not read: partly confirmed, and the status says what remains
    for gas in ("CF4", "C2F6"):
        assert table[gas]["status"].startswith("PARTLY CONFIRMED")
        assert "point G" in table[gas]["provision"] and "UNCONFIRMED" in table[gas]["status"]


def test_plant_a_indirect_and_counted():
    r = cbam_result(A)
    assert r["indirect"]["mwh_per_t"] == pytest.approx(13.90652, rel=1e-12)
    assert r["see"]["indirect"] == pytest.approx(A_INDIRECT, rel=1e-9)
    # definitive period: only direct emissions count for aluminium (rule R02)
    assert r["period"] == "definitive"
    assert r["see"]["counted"] == pytest.approx(A_DIRECT, rel=1e-9)
    assert r["see"]["total"] == pytest.approx(A_DIRECT + A_INDIRECT, rel=1e-9)


def test_plant_b_direct_leaves_out_refrigerants_and_cars():
    r = cbam_result(B)
    # CFP direct items of plant B per t: natural gas, gasoline (cars), R-32, R-22.
    # CBAM keeps natural gas only (cars: R12, refrigerants: R11):
    #   7,675,266 m3 = 767.5266 x 10^4 Nm3 x 389.31 GJ x 0.01532 tC/GJ x 0.99 x 44/12
    #   = 16,617.0676 t CO2 a year / 43,574.4 t = 0.381349 t CO2/t
    ng = 767.5266 * 389.31 * 0.01532 * 0.99 * 44 / 12 / B_ANNUAL_T
    assert r["see"]["attributed_direct"] == pytest.approx(ng, rel=1e-9)
    cfp = {x.label: x.audit["kg_co2e"] / 1000 for x in compute_direct(load_plant(B))}
    assert r["see"]["attributed_direct"] == pytest.approx(
        cfp["natural gas, melting and homogenising furnaces"], rel=1e-9
    )
    assert sum(cfp.values()) > r["see"]["attributed_direct"]  # the CFP counts more
    # data quality: the natural-gas NCV, carbon content and oxidation rate are guideline
    # defaults (methods/fuel_defaults.csv), not plant measurements
    ng_item = r["direct"]["items"][0]
    assert [x["name"] for x in ng_item["default_parameters"]] == [
        "ncv",
        "carbon_content",
        "oxidation_rate",
    ]
    scopes = {it["label"]: (it["scope"], it["rule"]) for it in r["direct"]["items"]}
    assert scopes["gasoline, company cars"] == ("out", "R12")
    assert scopes["R-32 leakage (air conditioning)"] == ("out", "R11")


def test_plant_b_indirect_and_precursors_from_supplier_data():
    r = cbam_result(B)
    # electricity: 9,542.96 MWh / 43,574.4 t = 0.2190038 MWh/t x 0.5617 = 0.1230144
    assert r["see"]["electricity_indirect"] == pytest.approx(
        9542.96 / B_ANNUAL_T * 0.5617, rel=1e-9
    )
    # precursors: (2,684.23 + 1,610.54) t / 43,574.4 t = 0.0985618 t per t of rod,
    # at the supplier's SEE 1.54728 (direct) and 1.49217 (indirect):
    m = (2684.23 + 1610.54) / B_ANNUAL_T
    assert r["see"]["precursors_direct"] == pytest.approx(m * 1.54728, rel=1e-9)  # 0.152503
    assert r["see"]["precursors_indirect"] == pytest.approx(m * 1.49217, rel=1e-9)  # 0.147071
    assert r["see"]["direct"] == pytest.approx(
        767.5266 * 389.31 * 0.01532 * 0.99 * 44 / 12 / B_ANNUAL_T + m * 1.54728, rel=1e-9
    )
    assert not r["flags"]["default_values_used"]
    assert r["activity_level_t"] == B_ANNUAL_T


def test_plant_b_supplier_figures_are_plant_a_results():
    # assumption B-CBAM-PREC: the precursors carry plant A's SEE, rounded to 5 decimals
    a = cbam_result(A)["see"]
    for x in cbam_result(B)["precursors"]:
        assert (x["see_direct"], x["see_indirect"]) == (
            round(a["direct"], 5),
            round(a["indirect"], 5),
        )


def _edit_csv(path: Path, row: int, **values: str) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[row].update(values)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture
def b_data(tmp_path):
    folder = tmp_path / "cbam"
    shutil.copytree(B_CBAM, folder)
    return folder


def test_precursor_with_default_value(b_data):
    # The A00 ingot switches to the committed default value of China for CN 7601
    # (methods/cbam_default_values.csv: 3.0 t CO2e/t direct = total, no indirect value for
    # aluminium, an Annex II good; Implementing Regulation (EU) 2025/2621 Annex I as replaced
    # by 2026/1740; the figure read in the Commission's default-values workbook through a
    # transcription that states its provenance, the OJ table not read) with the 2026
    # mark-up of 10 % (methods/cbam_default_markups.csv, rule R21, Annex I opening paragraph;
    # no import_year given -> 2026):
    #   A00 ingot: 2,684.23 t / 43,574.4 t = 0.0616011 t/t x 3.0 x 1.10 = 0.2032837 (direct)
    #              indirect: none given -> 0
    #   renewable-power ingot keeps supplier data:
    #              1,610.54 / 43,574.4 = 0.0369607 t/t x 1.54728 = 0.0571886 (direct)
    #                                                   x 1.49217 = 0.0551517 (indirect)
    _edit_csv(
        b_data / "cbam_precursors.csv", 0, data_source="default", see_direct="", see_indirect=""
    )
    r = cbam_result(B, cbam_data=b_data)
    a00, green = 2684.23 / B_ANNUAL_T, 1610.54 / B_ANNUAL_T
    assert r["see"]["precursors_direct"] == pytest.approx(
        a00 * 3.0 * 1.10 + green * 1.54728, rel=1e-9
    )
    assert r["see"]["precursors_indirect"] == pytest.approx(green * 1.49217, rel=1e-9)
    pre = r["precursors"][0]
    assert pre["direct_t_co2e_per_t"] == pytest.approx(0.2032837, rel=1e-6)
    assert pre["indirect_t_co2e_per_t"] == 0.0
    assert pre["default"]["direct_without_markup"] == 3.0
    assert pre["default"]["markup_pct"] == 10 and pre["default"]["import_year"] == 2026
    assert pre["default"]["status"].startswith("CONFIRMED (figure 3.0)")
    # whether the mark-up applies to a precursor inside the operator's SEE stays open (R21)
    assert "UNCONFIRMED" in pre["default"]["markup_status"]
    assert "x 3 x (1 + 10 %, import year 2026)" in pre["formula"]
    # cited by repository path (outputs are compared across machines), row of the table
    assert "methods/cbam_default_values.csv row 2" in pre["source"]
    assert str(ROOT) not in pre["source"]
    assert r["flags"]["default_values_used"]
    share = a00 * 3.0 * 1.10 / r["see"]["total"]
    assert r["flags"]["default_share_of_total"] == pytest.approx(share, rel=1e-9)
    assert r["flags"]["default_value_status"] == [
        f"CN 7601: {pre['default']['status']}; mark-up: {pre['default']['markup_status']}"
    ]


def test_cli_with_a_default_value_all_formats(b_data, tmp_path):
    # plant B with its A00 ingot at the default value: every writer shows it, with its
    # status; SEE direct = 0.3813493 (own) + 0.0616011 x 3.0 x 1.10 + 0.0369607 x 1.54728
    _edit_csv(
        b_data / "cbam_precursors.csv", 0, data_source="default", see_direct="", see_indirect=""
    )
    out = tmp_path / "out"
    args = ["cbam", "--product", "castrod_kunshan_2024", "--cbam-data", str(b_data)]
    res = CliRunner().invoke(
        main, [*args, "--lang", "both", "--output", str(out)], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    md_en = (out / "castrod_kunshan_2024_cbam_en.md").read_text(encoding="utf-8")
    md_zh = (out / "castrod_kunshan_2024_cbam_zh.md").read_text(encoding="utf-8")
    assert "| Status of a default value used | CN 7601: CONFIRMED (figure 3.0)" in md_en
    assert "| 所用缺省值的核实状态 | CN 7601: CONFIRMED (figure 3.0)" in md_zh
    # both precursor rows of the summary say how many precursors they sum, in the report's
    # language (plant B buys two: the A00 ingot and the renewable-power ingot)
    assert md_zh.count("2 种前体之和") == 2 and "precursor(s)" not in md_zh
    # formulas in Chinese: the calculators' general formula (as in the CFP report) and the
    # precursor lines' direct/indirect words
    assert "燃料燃烧排放 = 燃料消耗量 × 低位发热量" in md_zh and "| 化石燃料燃烧 |" in md_zh
    assert "（直接）" in md_zh and "（间接）" in md_zh and "(direct)" not in md_zh
    rows = list(load_workbook(out / "castrod_kunshan_2024_cbam_en.xlsx")["E_PurchPrec"].values)
    a00 = rows[1]
    assert a00[7] == pytest.approx(3.3, rel=1e-12)  # SEE direct with the 2026 mark-up
    assert a00[9] == pytest.approx(2684.23 / B_ANNUAL_T * 3.3, rel=1e-9)
    data = json.loads((out / "castrod_kunshan_2024_cbam.json").read_text(encoding="utf-8"))
    own = 767.5266 * 389.31 * 0.01532 * 0.99 * 44 / 12 / B_ANNUAL_T  # natural gas, as above
    assert data["see"]["direct"] == pytest.approx(
        own + 2684.23 / B_ANNUAL_T * 3.3 + 1610.54 / B_ANNUAL_T * 1.54728, rel=1e-9
    )


@pytest.mark.parametrize("year,markup", [(2027, 1.20), (2028, 1.30), (2031, 1.30)])
def test_default_value_markup_by_import_year(b_data, year, markup):
    # 10 % in 2026, 20 % in 2027, 30 % from 2028 on (R21); A00 ingot only:
    #   0.0616011 t/t x 3.0 x (1 + markup)
    _edit_csv(
        b_data / "cbam_precursors.csv", 0, data_source="default", see_direct="", see_indirect=""
    )
    with open(b_data / "cbam_installation.csv", "a", encoding="utf-8") as fh:
        fh.write(f"import_year,{year},test\n")
    r = cbam_result(B, cbam_data=b_data)
    assert r["precursors"][0]["direct_t_co2e_per_t"] == pytest.approx(
        2684.23 / B_ANNUAL_T * 3.0 * markup, rel=1e-9
    )


def test_reporting_period_rule_names_the_goods_it_serves(b_data):
    # R23 (Implementing Regulation (EU) 2025/2547 Article 13, Annex II point E(b)): the SEE
    # belongs to the goods produced in the reporting period. Plant B's workbook covers the
    # calendar year 2024 (product sheet) and its CBAM data name no import year -> 2026; with
    # import_year 2027 the flag says 2027, the period stays 2024.
    r = cbam_result(B, cbam_data=b_data)
    rule = r["flags"]["reporting_period_rule"]
    assert rule == {
        "see_serves_goods_produced": {"start": "2024-01-01", "end": "2024-12-31"},
        "import_year": 2026,
        "rule": "R23",
    }
    with open(b_data / "cbam_installation.csv", "a", encoding="utf-8") as fh:
        fh.write("import_year,2027,test\n")
    r = cbam_result(B, cbam_data=b_data)
    assert r["flags"]["reporting_period_rule"]["import_year"] == 2027
    assert r["flags"]["reporting_period_rule"]["see_serves_goods_produced"]["end"] == "2024-12-31"
    from bw_alu.cbam.writers import render_md

    md = render_md(r, "en")
    assert (
        "| Reporting period and goods (R23) | this SEE serves goods produced 2024-01-01 to "
        "2024-12-31; goods imported in 2027 but produced later" in md
    )
    assert "报告期与货物（R23）" in render_md(r, "zh")


def test_default_value_from_another_table(b_data, tmp_path):
    # --defaults: a user's own table (a made-up value, NOT an official figure), with an
    # indirect value, which carries the mark-up too:
    #   0.0616011 t/t x 3.0 x 1.10 (direct), 0.0616011 x 10.0 x 1.10 = 0.6776121 (indirect)
    _edit_csv(
        b_data / "cbam_precursors.csv", 0, data_source="default", see_direct="", see_indirect=""
    )
    table = tmp_path / "defaults.csv"
    table.write_text(
        "cn_code,country,direct,indirect,act,table,retrieved,status\n"
        "7601,CN,3.0,10.0,TEST TABLE (not an official value),test,2026-12-01,test\n",
        encoding="utf-8",
    )
    r = cbam_result(B, cbam_data=b_data, defaults=table)
    a00 = 2684.23 / B_ANNUAL_T
    assert r["precursors"][0]["indirect_t_co2e_per_t"] == pytest.approx(a00 * 10.0 * 1.10, rel=1e-9)
    assert r["precursors"][0]["direct_t_co2e_per_t"] == pytest.approx(a00 * 3.3, rel=1e-9)


def _run(args, tmp_path):
    runner = CliRunner()
    return runner.invoke(main, args, catch_exceptions=False)


def _run_b(cbam_data: Path, out: Path):
    """``bw-alu cbam`` of plant B with edited CBAM data."""
    args = ["cbam", "--product", "castrod_kunshan_2024", "--cbam-data", str(cbam_data)]
    return CliRunner().invoke(main, [*args, "--output", str(out)], catch_exceptions=False)


def test_default_missing_is_one_error_naming_the_cell(b_data, tmp_path):
    # A table whose row for the precursor is not filled: asking for it fails.
    _edit_csv(b_data / "cbam_precursors.csv", 0, data_source="default")
    table = tmp_path / "defaults.csv"
    table.write_text(
        "cn_code,country,direct,indirect,act,table,retrieved,status\n"
        "7601,CN,,,some act,Annex I,,NOT FILLED\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["cbam", "--product", "castrod_kunshan_2024", "--cbam-data", str(b_data)]
    res = CliRunner().invoke(
        main, [*args, "--defaults", str(table), "--output", str(out)], catch_exceptions=False
    )
    assert res.exit_code == 2
    assert "cbam_precursors" in res.output and "row 2" in res.output
    assert "data_source" in res.output and "NOT FILLED" in res.output
    assert "Traceback" not in res.output
    assert not out.exists()


def test_default_for_unlisted_country_is_one_error(b_data, tmp_path):
    # The committed table holds China only: a precursor from elsewhere names the cell.
    _edit_csv(b_data / "cbam_precursors.csv", 0, data_source="default", country="MZ")
    out = tmp_path / "out"
    res = _run_b(b_data, out)
    assert res.exit_code == 2
    assert "cbam_precursors" in res.output and "row 2" in res.output
    assert "no row for CN 76011000 from MZ" in res.output
    assert not out.exists()


def test_bad_import_year_names_the_cell(b_data, tmp_path):
    with open(b_data / "cbam_installation.csv", "a", encoding="utf-8") as fh:
        fh.write("import_year,2024,test\n")
    res = _run_b(b_data, tmp_path / "out")
    assert res.exit_code == 2 and "import_year" in res.output and "Traceback" not in res.output


def test_missing_precursor_origin_names_the_cell(b_data, tmp_path):
    _edit_csv(b_data / "cbam_precursors.csv", 1, country="")
    out = tmp_path / "out"
    res = _run_b(b_data, out)
    assert res.exit_code == 2
    assert "sheet 'cbam_precursors', row 3, column 'F (country)'" in res.output
    assert "no country of origin" in res.output
    assert not out.exists()


def test_electricity_source_without_factor_names_the_cell(b_data, tmp_path):
    _edit_csv(b_data / "cbam_electricity.csv", 0, emission_factor="")
    res = _run_b(b_data, tmp_path / "out")
    assert res.exit_code == 2
    assert "sheet 'cbam_electricity', row 2, column 'C (emission_factor)'" in res.output
    assert "has no emission factor" in res.output


def test_ppa_without_evidence_and_uncovered_electricity(b_data, tmp_path):
    _edit_csv(b_data / "cbam_electricity.csv", 0, source_type="ppa")
    res = _run_b(b_data, tmp_path / "out")
    assert res.exit_code == 2 and "needs its evidence" in res.output
    # an inventory electricity row with no cbam_electricity row is named too
    _edit_csv(b_data / "cbam_electricity.csv", 0, source_type="grid", inventory_label="x")
    with pytest.raises(Exception) as exc:
        cbam_result(B, cbam_data=b_data)
    assert "purchased electricity (East China grid)" in str(exc.value)
    assert "no row in sheet cbam_electricity" in str(exc.value)


def test_cli_writes_all_formats_in_both_languages(tmp_path):
    out = tmp_path / "out"
    res = _run(["cbam", "--product", "ingot_yunnan_2024", "--output", str(out)], tmp_path)
    assert res.exit_code == 0, res.output
    assert "SEE direct 1.547, SEE indirect 1.492" in res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "ingot_yunnan_2024_cbam.json",
        "ingot_yunnan_2024_cbam_en.md",
        "ingot_yunnan_2024_cbam_en.xlsx",
        "ingot_yunnan_2024_cbam_zh.md",
        "ingot_yunnan_2024_cbam_zh.xlsx",
    ]
    data = json.loads((out / "ingot_yunnan_2024_cbam.json").read_text(encoding="utf-8"))
    assert data["see"]["direct"] == pytest.approx(A_DIRECT, rel=1e-9)
    wb = load_workbook(out / "ingot_yunnan_2024_cbam_en.xlsx")
    assert wb.sheetnames == [
        "A_InstData",
        "B_EmInst",
        "D_Processes",
        "Electricity",
        "E_PurchPrec",
        "Summary_Products",
        "Rules",
    ]
    summary = list(wb["Summary_Products"].iter_rows(values_only=True))
    assert summary[1][4] == pytest.approx(A_DIRECT, rel=1e-9)  # SEE direct, a number
    assert summary[1][5] == pytest.approx(A_INDIRECT, rel=1e-9)
    md_en = (out / "ingot_yunnan_2024_cbam_en.md").read_text(encoding="utf-8")
    md_zh = (out / "ingot_yunnan_2024_cbam_zh.md").read_text(encoding="utf-8")
    assert "| SEE direct | 1.547 | 1.5473 + 0.0000 |" in md_en
    assert "13.9065 MWh/t x 0.1073 t CO2/MWh" not in md_en  # one row per inventory line:
    assert "2.3343 MWh/t x 0.1073 t CO2/MWh = 0.25047" in md_en
    assert "| 直接特定隐含排放 | 1.547 |" in md_zh
    # sources and rules are named in both languages
    assert "Announcement on the 2022 electricity CO2 emission factors" in md_en
    assert "## 数据与法规来源" in md_zh and "Regulation (EU) 2023/956" in md_zh
    assert "| R11 | 制冷剂（HFC/HCFC）泄漏不属 CBAM 铝行业温室气体范围 |" in md_zh
    # same result, same bytes
    again = tmp_path / "again"
    _run(["cbam", "--product", "ingot_yunnan_2024", "--output", str(again)], tmp_path)
    for p in out.iterdir():
        assert (again / p.name).read_bytes() == p.read_bytes(), p.name


def test_wrong_product_for_workbook(tmp_path):
    res = _run(
        ["cbam", "--product", "other", "--workbook", str(A), "--output", str(tmp_path / "o")],
        tmp_path,
    )
    assert res.exit_code == 2 and "not 'other'" in res.output


def test_rules_table_cites_every_rule_used():
    from bw_alu.cbam import rules

    table = rules.rules()
    used = {rid for _, rid in rules.CALCULATOR_SCOPE.values()}
    used |= {"R02", "R09", "R12", "R14", "R16", "R21", "R22", "R23"}
    assert used <= set(table)
    for row in table.values():
        assert row["act"] and row["provision"] and row["version implemented"], row["id"]


def test_transitional_period_counts_indirect_too(tmp_path):
    # Implementing Regulation (EU) 2023/1773: direct and indirect both reported and
    # counted; plant A: 1.5472835 + 1.4921696 = 3.0558831 t CO2e/t
    folder = tmp_path / "cbam"
    shutil.copytree(DATABASES_DIR / "cbam" / "ingot_yunnan_2024", folder)
    path = folder / "cbam_installation.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("period,definitive,", "period,transitional,"),
        encoding="utf-8",
    )
    r = cbam_result(A, cbam_data=folder)
    assert r["period"] == "transitional"
    assert r["see"]["counted"] == pytest.approx(A_DIRECT + A_INDIRECT, rel=1e-9)


def test_cbam_sheets_inside_the_plant_workbook(tmp_path):
    # The cbam_* sheets may sit in the plant workbook itself (here a CSV-folder workbook:
    # plant B's sheets plus its CBAM sheets); the plant reader ignores them, CBAM reads them.
    folder = tmp_path / "castrod_kunshan_2024"
    folder.mkdir()
    wb = load_workbook(B, read_only=True)
    for ws in wb.worksheets:
        with open(folder / f"{ws.title}.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(
                ["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)
            )
    wb.close()
    for f in B_CBAM.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    r = cbam_result(folder)
    assert r["cbam_data"] == "castrod_kunshan_2024"  # the workbook folder itself
    assert r["see"]["direct"] == pytest.approx(cbam_result(B)["see"]["direct"], rel=1e-12)


def test_multi_process_workbook_is_one_installation():
    # Plant A as anode supply -> electrolysis -> casthouse (sheet processes): CBAM sums the
    # installation's direct items and electricity over all processes and attributes them
    # to the one CBAM good (rule R18), so it equals the one-process workbook.
    multi = cbam_result(
        PLANTS_DIR / "ingot_yunnan_2024_processes.xlsx",
        cbam_data=DATABASES_DIR / "cbam" / "ingot_yunnan_2024",
    )
    assert multi["see"]["direct"] == pytest.approx(A_DIRECT, rel=1e-9)
    assert multi["see"]["indirect"] == pytest.approx(A_INDIRECT, rel=1e-9)
    assert multi["processes"] == ["casthouse", "electrolysis", "anode_supply"]
