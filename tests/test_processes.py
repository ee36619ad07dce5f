"""A plant of two processes with a loop, on the tiny background of ``small_system.py``.

The plant (annual basis, 1,000 t/yr of ingot sold, declared unit 1 t -> per-DU factor
0.001) has a casthouse (the product's process) and a smelter. The casthouse casts 1,100 t
a year, of which 100 t of runaround scrap goes back to the smelter: a loop.

Workbook, per year::

    cast  (1,100 t ingot): 1,100 t molten from smelt, 110 MWh electricity,
                            1e6 kg*km transport (stage raw_material_transport)
    smelt (1,100 t molten): 2,200 t alumina, 1,100 MWh electricity, 100 t ingot from
                            cast (the loop), soda ash 1 t x 0.4149 t CO2/t (direct)

Stored per run (the product's process makes one declared unit a run; out_cast =
1,100 x 0.001 = 1.1 declared units a year-per-DU, out_smelt = 1.1 t)::

                  cast     smelt          (columns: processes; rows: their products)
    ingot (DU)     1      -100x0.001/1.1 = -1/11
    molten (t)    -1        1
    alumina (kg)   0      2,200,000 x 0.001 / 1.1 = 2,000
    elec (kWh)   100      1,000
    truck (t*km)  10/11     0              (1e6 kg*km = 1,000 t*km x 0.001 / 1.1)
    CO2 (kg)       0      0.4149 / 1.1

Supply for one declared unit, M s = (1, 0): s_smelt = s_cast; s_cast (1 - 1/11) = 1, so
s_cast = s_smelt = 1.1. Every row's contribution is then its annual amount x 0.001 x its
unit score (GWP100, kg CO2 eq: alumina 1.670649/kg, elec 0.801298/kWh, truck 0.1298/t*km;
see test_small_system.py)::

    alumina   1.1 x 2,000 x 1.670649        = 3,675.4278
    smelt el. 1.1 x 1,000 x 0.801298        =   881.4278
    cast el.  1.1 x   100 x 0.801298        =    88.14278
    truck     1.1 x 10/11 x 0.1298          =     0.1298
    soda ash  1.1 x 0.4149 / 1.1            =     0.4149
    total                                   = 4,645.54308

By stage: raw_materials 3,675.4278; raw_material_transport 0.1298; production
881.4278 + 88.14278 + 0.4149 = 969.98548.
"""

from __future__ import annotations

import json
import re

import bw2data as bd
import pytest

from bw_alu.errors import CrossCheckFailed, WorkbookInvalid
from bw_alu.importer import import_plant
from bw_alu.indicators import indicators
from bw_alu.lcia import calculate_products
from bw_alu.project import activate
from bw_alu.results import dumps
from bw_alu.workbook.write import write_workbook

from .small_system import CO2, plant_sheets, tiny_background

PROJECT = "test-processes"
GWP = "GWP100 (IPCC 2021)"
REL = 1e-6  # float32 storage of amounts and factors (see test_small_system.py)
ALUMINA, ELEC, TRUCK = 1.670649, 0.801298, 0.1298


def loop_sheets(pid: str = "loop_plant", *, allocation: str | None = None) -> dict:
    sheets = plant_sheets(pid)
    sheets["processes"] = [
        {
            "id": "cast",
            "name": "casthouse",
            "name_zh": "铸造",
            "reference_product": "ingot",
            "amount": 1100,
            "unit": "t",
            "stage": "production",
        },
        {
            "id": "smelt",
            "name": "smelter",
            "reference_product": "molten aluminium",
            "amount": 1100,
            "unit": "t",
            "stage": "production",
        },
    ]
    sheets["inventory"] = [
        {
            "stage": "raw_materials",
            "label": "alumina",
            "kind": "material",
            "amount": 2200,
            "unit": "t",
            "dataset": "Alumina, tiny",
            "process": "smelt",
        },
        {
            "stage": "production",
            "label": "molten aluminium",
            "kind": "material",
            "amount": 1100,
            "unit": "t",
            "dataset": "smelt",
            "process": "cast",
        },
        {
            "stage": "production",
            "label": "runaround scrap",
            "kind": "material",
            "amount": 100,
            "unit": "t",
            "dataset": "process:cast",
            "process": "smelt",
        },
        {
            "stage": "production",
            "label": "smelter electricity",
            "kind": "energy",
            "amount": 1100,
            "unit": "MWh",
            "dataset": "Electricity, tiny grid",
            "process": "smelt",
        },
        {
            "stage": "production",
            "label": "casthouse electricity",
            "kind": "energy",
            "amount": 110,
            "unit": "MWh",
            "dataset": "Electricity, tiny grid",
            "process": "cast",
        },
        {
            "stage": "raw_material_transport",
            "label": "transport",
            "kind": "transport",
            "amount": 1_000_000,
            "unit": "kg*km",
            "dataset": "Transport, tiny truck",
        },
    ]
    for row in sheets["direct_emissions"]:
        row["process"] = "smelt"
    if allocation:
        sheets["processes"][1]["allocation"] = allocation
        sheets["processes"][1]["price"] = 2000
        sheets["coproducts"] = [
            {
                "process": "smelt",
                "label": "dross",
                "label_zh": "铝渣",
                "amount": 50,
                "unit": "t",
                "price": 400,
            },
        ]
    return sheets


def _write(path, sheets):
    return write_workbook(path, sheets)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("processes")
    bg = tiny_background(base / "tiny.json.gz")

    def load(pid, sheets):
        wb = _write(base / f"{pid}.xlsx", sheets)
        import_plant(PROJECT, wb, background="tiny", background_file=bg)
        (result,) = calculate_products(PROJECT, [pid])
        return result

    return {"base": base, "bg": bg, "load": load}


@pytest.fixture(scope="module")
def loop(env):
    return env["load"]("loop_plant", loop_sheets())


def _score(table, indicator=GWP, stage="", contributor=""):
    sel = table[
        (table.indicator == indicator) & (table.stage == stage) & (table.contributor == contributor)
    ]
    assert len(sel) == 1, (indicator, stage, contributor, sel)
    return float(sel.score.iloc[0])


def test_loop_totals_rows_and_stages(loop):
    t = loop.table
    assert _score(t) == pytest.approx(4645.54308, rel=REL)
    assert _score(t, stage="raw_materials", contributor="alumina") == pytest.approx(
        3675.4278, rel=REL
    )
    assert _score(t, stage="production", contributor="smelter electricity") == pytest.approx(
        881.4278, rel=REL
    )
    assert _score(t, stage="production", contributor="casthouse electricity") == pytest.approx(
        88.14278, rel=REL
    )
    assert _score(t, stage="raw_material_transport", contributor="transport") == pytest.approx(
        0.1298, rel=REL
    )
    assert _score(
        t, stage="production", contributor="carbonate_decomposition: soda ash"
    ) == pytest.approx(0.4149, rel=REL)
    assert _score(t, stage="production") == pytest.approx(969.98548, rel=REL)
    # links between the plant's own processes carry no contribution of their own
    assert not (t.contributor == "molten aluminium").any()
    assert not (t.contributor == "runaround scrap").any()
    # rows add up exactly to the stage subtotals and those to the total
    for ind in t.indicator.unique():
        block = t[t.indicator == ind]
        subs = block[(block.stage != "") & (block.contributor == "")]
        assert block[block.stage == ""].score.iloc[0] == pytest.approx(
            subs.score.sum(), rel=1e-12, abs=1e-300
        )


def test_supply_and_cross_check(loop):
    # s_cast = s_smelt = 1.1 (see the module docstring); bw2calc's own LCA of the stored
    # product activity agrees with the sum of contributions.
    runs = {p["code"]: p["runs_per_du"] for p in loop.calculation["foreground"]["processes"]}
    assert runs == pytest.approx({"loop_plant": 1.1, "smelt": 1.1}, rel=REL)
    assert loop.calculation["bw2calc_closure_max_rel"] < 1e-9


def test_stored_amounts_are_real(loop):
    """What Activity Browser shows: real amounts per unit of each process's product."""
    activate(PROJECT)
    product = bd.get_node(database="loop_plant", code="loop_plant")
    assert product["unit"] == "t"
    got = {(e.input["code"], e["type"]): e["amount"] for e in product.exchanges()}
    assert got == pytest.approx(
        {
            ("loop_plant", "production"): 1.0,
            ("smelt", "technosphere"): 1.0,  # 1,100 t molten / 1,100 t cast
            ("elec", "technosphere"): 100.0,  # 110,000 kWh / 1,100
            ("truck", "technosphere"): 10 / 11,  # 1,000 t*km / 1,100
        },
        rel=REL,
    )
    smelt = bd.get_node(database="loop_plant", code="smelt")
    got = {(e.input["code"], e["type"]): e["amount"] for e in smelt.exchanges()}
    assert got == pytest.approx(
        {
            ("smelt", "production"): 1.0,
            ("alumina", "technosphere"): 2000.0,  # 2,200,000 kg / 1,100 t
            ("loop_plant", "technosphere"): 1 / 11,  # 100 t ingot / 1,100 t, in declared units
            ("elec", "technosphere"): 1000.0,
            (CO2, "biosphere"): 0.4149 / 1.1,
        },
        rel=REL,
    )
    # the row behind each exchange rides on it
    alumina = next(e for e in smelt.technosphere() if e.input["code"] == "alumina")
    assert alumina["bw_alu"]["label"] == "alumina" and alumina["bw_alu"]["process"] == "smelt"


def test_rows_report_stored_amounts(loop):
    rows = {r["label"]: r for r in loop.rows}
    # per declared unit, from the graph: runs x amount
    assert rows["alumina"]["link"]["amount"] == pytest.approx(2200.0, rel=REL)
    assert rows["molten aluminium"]["link"]["amount"] == pytest.approx(1.1, rel=REL)
    assert rows["molten aluminium"]["link"]["match"] == "process"


def test_mass_allocation(env):
    """Dross (50 t/yr) beside 1,100 t molten, by mass: f_molten = 1,100 / 1,150 = 22/23.

    Every exchange of smelt is multiplied by 22/23, the loop included, so
    s_cast (1 - (22/23)/11) = 1 -> s_cast = 1 / (1 - 2/23) = 23/21 = s_smelt, and
    alumina = 23/21 x 2,000 x 22/23 x 1.670649 = 2,000 x 22/21 x 1.670649 = 3,500.407429
    smelter electricity = 1,000 x 22/21 x 0.801298 = 839.455048
    casthouse electricity = 23/21 x 100 x 0.801298 = 87.761210
    transport = 23/21 x 10/11 x 0.1298 = 0.129238
    soda ash = 23/21 x 22/23 x 0.4149/1.1 = 0.395143
    total = 3,500.407429 + 839.455048 + 87.761210 + 0.129238 + 0.395143 = 4,428.148068
    """
    r = env["load"]("loop_mass", loop_sheets("loop_mass", allocation="mass"))
    t = r.table
    assert _score(t, stage="raw_materials", contributor="alumina") == pytest.approx(
        3500.407429, rel=REL
    )
    assert _score(t, stage="production", contributor="smelter electricity") == pytest.approx(
        839.455048, rel=REL
    )
    assert _score(t, stage="production", contributor="casthouse electricity") == pytest.approx(
        87.761210, rel=REL
    )
    assert _score(
        t, stage="production", contributor="carbonate_decomposition: soda ash"
    ) == pytest.approx(0.395143, rel=1e-5)
    assert _score(t) == pytest.approx(4428.148068, rel=REL)
    smelt = next(p for p in r.meta["processes"] if p["id"] == "smelt")
    assert smelt["allocation"]["rule"] == "mass"
    assert smelt["allocation"]["factors"] == pytest.approx(
        {"molten aluminium": 22 / 23, "dross": 1 / 23}
    )
    # the dross is its own allocated process: 1/23 of smelt's exchanges per t of dross
    # (50 t/yr x 0.001 = 0.05 t per DU): alumina 2,200 kg x (1/23) / 0.05 = 1,913.043478 kg/t
    activate(PROJECT)
    dross = bd.get_node(database="loop_mass", code="smelt.coproduct-1")
    alumina = next(e for e in dross.technosphere() if e.input["code"] == "alumina")
    assert alumina["amount"] == pytest.approx(1913.043478, rel=REL)
    assert dross["bw_alu"]["allocation"]["factor"] == pytest.approx(1 / 23)
    # lcia --format json states the rule and the factors
    data = json.loads(dumps([r]))[0]
    assert data["meta"]["processes"][1]["allocation"]["rule"] == "mass"


def test_economic_allocation(env):
    """By value: molten 1,100 t x 2,000 = 2,200,000; dross 50 t x 400 = 20,000;
    f_molten = 2,200,000 / 2,220,000 = 110/111.
    s_cast = 1 / (1 - (110/111)/11) = 1 / (1 - 10/111) = 111/101;
    alumina = 111/101 x 2,000 x 110/111 x 1.670649 = 2,000 x 110/101 x 1.670649 = 3,639.036436
    """
    r = env["load"]("loop_value", loop_sheets("loop_value", allocation="economic"))
    assert _score(r.table, stage="raw_materials", contributor="alumina") == pytest.approx(
        3639.036436, rel=REL
    )
    smelt = next(p for p in r.meta["processes"] if p["id"] == "smelt")
    assert smelt["allocation"]["factors"]["molten aluminium"] == pytest.approx(110 / 111)


def test_cut_off_coproduct_carries_nothing(env):
    r = env["load"]("loop_cut", loop_sheets("loop_cut", allocation="cut-off"))
    assert _score(r.table) == pytest.approx(4645.54308, rel=REL)
    activate(PROJECT)
    dross = bd.get_node(database="loop_cut", code="smelt.coproduct-1")
    assert list(dross.technosphere()) == [] and list(dross.biosphere()) == []


def test_edits_with_bw2data_are_computed(env):
    """Change an amount and add an exchange with bw2data: lcia returns the new numbers.

    casthouse electricity 100 -> 200 kWh per run: +1.1 x 100 x 0.801298 = +88.14278;
    a hand-added 1 kg CO2 (fossil) per run of smelt: +1.1 x 1 x 1 = +1.1;
    total 4,645.54308 + 88.14278 + 1.1 = 4,734.78586.
    """
    env["load"]("loop_edit", loop_sheets("loop_edit"))
    activate(PROJECT)
    product = bd.get_node(database="loop_edit", code="loop_edit")
    exc = next(e for e in product.technosphere() if e.input["code"] == "elec")
    exc["amount"] = 200.0
    exc.save()
    smelt = bd.get_node(database="loop_edit", code="smelt")
    smelt.new_exchange(
        input=bd.get_node(database="biosphere3", code=CO2), amount=1.0, type="biosphere"
    ).save()
    (r,) = calculate_products(PROJECT, ["loop_edit"])
    assert _score(r.table) == pytest.approx(4734.78586, rel=REL)
    assert _score(
        r.table, stage="production", contributor="casthouse electricity"
    ) == pytest.approx(176.28556, rel=REL)
    added = r.table[
        (r.table.indicator == GWP) & r.table.contributor.str.startswith("Carbon dioxide, fossil")
    ]
    assert (
        len(added) == 1 and added.stage.iloc[0] == "production" and added.kind.iloc[0] == "direct"
    )
    assert float(added.score.iloc[0]) == pytest.approx(1.1, rel=REL)
    # bw2calc's own LCA of the edited product agrees
    assert r.calculation["bw2calc_closure_max_rel"] < 1e-9


def test_gas_no_background_dataset_emits(env):
    """A plant emits a gas that no activity of the background exchanges (dinitrogen
    monoxide here: the tiny background emits CO2, CH4 and SO2 only). Its factor comes
    from the method itself, as bw2calc's matrices of the product have it.

    1 kg N2O per run of smelt, 1.1 runs per declared unit: +1.1 x CF, CF the IPCC 2021
    GWP100 factor of the flow read from the project's method below; total
    4,645.54308 + 1.1 x CF. bw2calc's own LCA of the product agrees.
    """
    env["load"]("loop_n2o", loop_sheets("loop_n2o"))
    activate(PROJECT)
    n2o = next(
        f
        for f in bd.Database("biosphere3")
        if f["name"] == "Dinitrogen monoxide" and tuple(f["categories"]) == ("air",)
    )
    method = next(ind.method for ind in indicators() if ind.label == GWP)
    cfs = {tuple(k) if not isinstance(k, int) else k: v for k, v, *_ in bd.Method(method).load()}
    cf = cfs.get(n2o.key, cfs.get(n2o.id))
    assert cf and cf > 100  # a greenhouse gas, characterized
    smelt = bd.get_node(database="loop_n2o", code="smelt")
    smelt.new_exchange(input=n2o, amount=1.0, type="biosphere").save()
    (r,) = calculate_products(PROJECT, ["loop_n2o"])
    assert _score(r.table) == pytest.approx(4645.54308 + 1.1 * cf, rel=REL)
    added = r.table[(r.table.indicator == GWP) & r.table.contributor.str.startswith("Dinitrogen")]
    assert float(added.score.iloc[0]) == pytest.approx(1.1 * cf, rel=REL)
    assert r.calculation["bw2calc_closure_max_rel"] < 1e-9


def test_cross_check_fails_when_database_changed_behind_bw2data(env):
    """An amount changed in SQLite directly: bw-alu reads the new graph, bw2calc the stale
    processed arrays; the cross-check must catch it."""
    import pickle

    from bw2data.backends import ExchangeDataset as ED

    env["load"]("loop_stale", loop_sheets("loop_stale"))
    activate(PROJECT)
    row = ED.get(
        (ED.output_code == "smelt")
        & (ED.output_database == "loop_stale")
        & (ED.input_code == "alumina")
    )
    data = pickle.loads(row.data) if isinstance(row.data, bytes) else dict(row.data)
    data["amount"] = 4000.0
    ED.update(data=data).where(ED.id == row.id).execute()
    with pytest.raises(CrossCheckFailed, match="loop_stale"):
        calculate_products(PROJECT, ["loop_stale"])


def test_process_problems_listed_at_once(env):
    sheets = loop_sheets("loop_bad")
    sheets["inventory"][0]["process"] = "refinery"  # unknown process
    sheets["processes"].append(
        {"id": "boiler", "name": "boiler", "amount": 1, "unit": "MJ"}
    )  # unused
    with pytest.raises(WorkbookInvalid) as err:
        env["load"]("loop_bad", sheets)
    msg = str(err.value)
    assert "unknown process 'refinery'" in msg
    assert "process 'boiler' is not used" in msg


def test_unsolvable_loop_is_an_error(env):
    """smelt takes back 1,200 t of the 1,100 t cast: s_cast (1 - 12/11) = 1 has no
    non-negative solution."""
    from bw_alu.errors import InputError

    sheets = loop_sheets("loop_neg")
    sheets["inventory"][2]["amount"] = 1200
    with pytest.raises(InputError, match="negative"):
        env["load"]("loop_neg", sheets)


def test_report_states_processes_and_allocation(env, tmp_path):
    from bw_alu.report import write_reports

    r = env["load"]("loop_mass", loop_sheets("loop_mass", allocation="mass"))
    write_reports(r, tmp_path, kinds=["cfp"], langs=["en", "zh"], formats=["md"])
    en = (tmp_path / "loop_mass_cfp_en.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\d+ )?Processes and allocation$", en, re.M)
    # 22/23 = 0.9565..., 1/23 = 0.0435
    assert "by mass" in en and "molten aluminium 0.9565; dross 0.0435" in en
    zh = (tmp_path / "loop_mass_cfp_zh.md").read_text(encoding="utf-8")
    assert "工序与分配" in zh and "质量分配" in zh
