"""End to end on the small system of ``small_system.py``: import, link, solve, contributions.

Hand derivation (IPCC 2021 GWP100, kg CO2 eq per unit of each activity)::

    truck   = 0.1 + 0.001 x 29.8                 = 0.1298          per t*km
    elec    = 0.8 + 0.01 x truck                 = 0.801298        per kWh
    alumina = 1.0 + 0.01 x 27 + 0.5 x elec       = 1.670649        per kg

Plant, annual basis, 1000 t/yr, declared unit 1 t -> per-DU factor 0.001:

    alumina   2 t/yr      -> 2000 kg x 0.001 = 2 kg        -> 2 x 1.670649 = 3.341298
    scrap     500 t/yr    -> burden-free                   -> 0
    transport 1e6 kg*km   -> 1000 t*km x 0.001 = 1 t*km    -> 0.1298
    elec      3 MWh/yr    -> 3000 kWh x 0.001 = 3 kWh      -> 3 x 0.801298 = 2.403894
    soda ash  1 t/yr x 0.4149 t CO2/t x 0.001 = 0.4149 kg CO2 -> 0.4149
    total                                                  = 6.289892
"""

from __future__ import annotations

import bw2data as bd
import pytest

from bw_alu.errors import UnknownUnit, UnlinkedExchange, WorkbookInvalid
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.project import activate
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-small"
# Brightway 2.5 stores exchange amounts and characterization factors as float32 in its
# processed arrays (bw_processing), e.g. 29.8 is held as 29.79999924: hand values agree to
# about 1e-7 relative, not to double precision.
REL = 1e-6


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("tiny")
    bg = tiny_background(base / "tiny.json.gz")
    wb = write_workbook(base / "tiny_plant.xlsx", plant_sheets())
    import_plant(PROJECT, wb, background="tiny", background_file=bg)
    (result,) = calculate_products(PROJECT, ["tiny_plant"])
    return {"bg": bg, "base": base, "result": result}


def _score(table, indicator, stage="", contributor=""):
    sel = table[
        (table.indicator == indicator) & (table.stage == stage) & (table.contributor == contributor)
    ]
    assert len(sel) == 1, (indicator, stage, contributor, sel)
    return float(sel.score.iloc[0])


def test_gwp100_total_and_contributions(tiny):
    t = tiny["result"].table
    gwp = "GWP100 (IPCC 2021)"
    assert _score(t, gwp) == pytest.approx(6.289892, rel=REL)
    assert _score(t, gwp, "raw_materials", "alumina") == pytest.approx(3.341298, rel=REL)
    assert _score(t, gwp, "raw_materials", "scrap") == 0.0
    assert _score(t, gwp, "raw_material_transport", "alumina by road") == pytest.approx(
        0.1298, rel=REL
    )
    assert _score(t, gwp, "production", "electricity") == pytest.approx(2.403894, rel=REL)
    assert _score(t, gwp, "production", "carbonate_decomposition: soda ash") == pytest.approx(
        0.4149, rel=REL
    )
    # production subtotal 2.403894 + 0.4149
    assert _score(t, gwp, "production") == pytest.approx(2.818794, rel=REL)


def test_gwp_split_fossil_biogenic(tiny):
    t = tiny["result"].table
    # biogenic: only CH4 non-fossil of alumina: 2 kg x 0.01 x 27 = 0.54
    assert _score(t, "GWP100 biogenic (IPCC 2021)") == pytest.approx(0.54, rel=REL)
    # fossil: 6.289892 - 0.54
    assert _score(t, "GWP100 fossil (IPCC 2021)") == pytest.approx(5.749892, rel=REL)


def test_acidification(tiny):
    # SO2 only from electricity: 0.002 kg x 1.31 = 0.00262 mol H+ eq per kWh;
    # alumina carries 0.5 kWh each: 2 x 0.5 x 0.00262 + 3 x 0.00262 = 0.01048
    t = tiny["result"].table
    assert _score(t, "Acidification") == pytest.approx(0.01048, rel=REL)


def test_table_adds_up(tiny):
    t = tiny["result"].table
    for ind in t.indicator.unique():
        block = t[t.indicator == ind]
        subs = block[(block.stage != "") & (block.contributor == "")]
        assert block[block.stage == ""].score.iloc[0] == pytest.approx(
            subs.score.sum(), rel=1e-12, abs=1e-300
        )
        for stage in subs.stage:
            contribs = block[(block.stage == stage) & (block.contributor != "")]
            assert subs[subs.stage == stage].score.iloc[0] == pytest.approx(
                contribs.score.sum(), rel=1e-12, abs=1e-300
            )
    assert len(t[t.stage == ""]) == 20


def test_proxy_share_and_solver(tiny):
    r = tiny["result"]
    # alumina (proxy) own emissions: 2 kg x (1.0 + 0.01 x 27) = 2.54 of 6.289892
    assert r.proxy_share["GWP100 (IPCC 2021)"]["proxy"] == pytest.approx(2.54 / 6.289892, rel=REL)
    assert r.calculation["solver"]
    # the bw2calc solve of the product demand agrees with the sum of contributions
    assert r.calculation["bw2calc_closure_max_rel"] < 1e-12  # same float32 data, same solve
    # the tiny background emits CO2, CH4 and SO2 only: land use has no characterized flow
    uncovered = r.calculation["not_covered_indicators"]
    assert "Land use" in uncovered and "Acidification" not in uncovered


def test_setup_is_idempotent(tiny):
    from bw_alu.project import setup

    assert setup(PROJECT, background_file=tiny["bg"]) == []


def test_reimport_replaces(tiny):
    base = tiny["base"]
    sheets = plant_sheets()
    sheets["inventory"][0]["amount"] = 4  # alumina doubled: +3.341298
    wb = write_workbook(base / "tiny_plant_v2.xlsx", sheets)
    # Another file with the same product_id replaces it only when asked (issue 10).
    import_plant(PROJECT, wb, background="tiny", background_file=tiny["bg"], replace=True)
    (r,) = calculate_products(PROJECT, ["tiny_plant"])
    assert r.total("GWP100 (IPCC 2021)") == pytest.approx(6.289892 + 3.341298, rel=REL)
    # put the original back for the other tests' sake
    import_plant(
        PROJECT,
        base / "tiny_plant.xlsx",
        background="tiny",
        background_file=tiny["bg"],
        replace=True,
    )


def _db_snapshot():
    activate(PROJECT)
    db = bd.Database("tiny_plant")
    return sorted(
        (a["code"], tuple(sorted((e.input["code"], e["amount"]) for e in a.exchanges())))
        for a in db
    )


def test_failed_import_leaves_project_unchanged(tiny):
    before = _db_snapshot()
    sheets = plant_sheets()
    sheets["inventory"][0]["dataset"] = "No such dataset"
    sheets["inventory"][2]["dataset"] = "Neither this one"
    wb = write_workbook(tiny["base"] / "bad_link.xlsx", sheets)
    with pytest.raises(UnlinkedExchange) as err:
        import_plant(PROJECT, wb, background="tiny", background_file=tiny["bg"])
    msg = str(err.value)
    # every unlinked row is listed, with its sheet and row
    assert "sheet 'inventory', row 2, column 'G (dataset)'" in msg
    assert "sheet 'inventory', row 4, column 'G (dataset)'" in msg
    assert _db_snapshot() == before


def test_unit_mismatch_is_an_error(tiny):
    sheets = plant_sheets()
    sheets["inventory"][3]["unit"] = "t"  # electricity in tonnes
    wb = write_workbook(tiny["base"] / "bad_unit.xlsx", sheets)
    with pytest.raises(UnknownUnit) as err:
        import_plant(PROJECT, wb, background="tiny", background_file=tiny["bg"])
    assert "row 5, column 'F (unit)'" in str(err.value)
    assert "cannot convert t (mass) to kWh (energy)" in str(err.value)


def test_bad_cells_all_listed_before_anything_is_written(tiny):
    before = _db_snapshot()
    sheets = plant_sheets()
    sheets["inventory"][0]["amount"] = -1
    sheets["inventory"][1]["unit"] = "bananas"
    sheets["inventory"][2]["stage"] = "use"
    wb = write_workbook(tiny["base"] / "bad_cells.xlsx", sheets)
    with pytest.raises(WorkbookInvalid) as err:
        import_plant(PROJECT, wb, background="tiny", background_file=tiny["bg"])
    msg = str(err.value)
    assert "3 problem(s)" in msg
    assert "row 2, column 'E (amount)'" in msg
    assert "row 3, column 'F (unit)'" in msg and "unknown unit 'bananas'" in msg
    assert "row 4, column 'A (stage)'" in msg
    assert _db_snapshot() == before


def test_failed_first_import_leaves_no_project(tiny):
    from bw_alu.project import project_exists

    sheets = plant_sheets(product_id="never")
    sheets["inventory"][0]["dataset"] = "No such dataset"
    wb = write_workbook(tiny["base"] / "never.xlsx", sheets)
    assert not project_exists("test-fresh")
    with pytest.raises(UnlinkedExchange):
        import_plant("test-fresh", wb, background="tiny", background_file=tiny["bg"])
    assert not project_exists("test-fresh")
