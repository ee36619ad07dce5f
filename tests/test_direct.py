"""Direct-emission calculators (issue 3), checked against hand computations.

Each item is built as the workbook reader builds it: one Param per row of the
``direct_emissions`` sheet, rows from 2 down, the value in column E and the item's
calculator cell in column B. The arithmetic of every expected number is written out
beside it; GWP100 values are AR6 as bw2io 0.9.17's IPCC 2021 method holds them (read
once and written here as literals).
"""

from __future__ import annotations

import csv
import json

import pytest

from bw_alu import direct
from bw_alu.direct import DirectContext, DirectItem, Param, check, compute, flow_names
from bw_alu.direct.flows import FLOWS
from bw_alu.direct.refrigerant_leakage import COMPOSITIONS
from bw_alu.errors import InvalidParameter, Location
from bw_alu.paths import METHODS_DIR

FILE = "plant.xlsx"
SHEET = "direct_emissions"
VALUE_COLUMN = "E (value)"

CO2 = FLOWS["CO2"].code
CF4 = FLOWS["CF4"].code
C2F6 = FLOWS["C2F6"].code
HFC32 = FLOWS["HFC-32"].code
HCFC22 = FLOWS["HCFC-22"].code
HFC125 = FLOWS["HFC-125"].code
HFC134A = FLOWS["HFC-134a"].code
HFC143A = FLOWS["HFC-143a"].code

# AR6 GWP100 as in bw2io 0.9.17's ('IPCC 2021', 'climate change', 'global warming
# potential (GWP100)'), read once from lcia_39_ecoinvent.zip.
GWP = {
    "CO2": 1.0,
    "CF4": 7380.0,
    "C2F6": 12400.0,
    "HFC-32": 771.0,
    "HCFC-22": 1960.0,
    "HFC-125": 3740.0,
    "HFC-134a": 1530.0,
    "HFC-143a": 5810.0,
}

PER_DU_1T = DirectContext(per_du=1.0, du_tonnes_al=1.0)  # plant A: workbook per 1 t ingot
# Plant B's study states no annual production; 80,000 t is a made-up example to show
# the scaling of annual amounts: per_du = 1 t / 80,000 t.
ANNUAL_B = 80_000.0
PER_DU_B = DirectContext(per_du=1.0 / ANNUAL_B, du_tonnes_al=1.0)


def item(label, calculator, *rows, first_row=2, unit_column=False):
    """A DirectItem from ``(name, value, unit)`` rows, the first at ``first_row``."""
    params = {}
    for i, (name, value, unit) in enumerate(rows):
        row = first_row + i
        params[name] = Param(
            name=name,
            value=value,
            unit=unit,
            source="study",
            location=Location(FILE, SHEET, row, VALUE_COLUMN),
            unit_location=Location(FILE, SHEET, row, "F (unit)") if unit_column else None,
        )
    return DirectItem(
        label=label,
        calculator=calculator,
        stage="production",
        params=params,
        location=Location(FILE, SHEET, first_row, "B (calculator)"),
    )


def diesel(label, kg):
    """Plant A's diesel rows with the study's own parameters (A.4.1)."""
    return item(
        label,
        "fuel_combustion",
        ("fuel", "diesel", None),
        ("consumption", kg, "kg"),
        ("ncv", 42.652, "GJ/t"),
        ("carbon_content", 0.0202, "tC/GJ"),
        ("oxidation_rate", 98.0, "%"),
    )


PLANT_A = {
    "diesel forklifts": diesel("diesel, forklifts", 0.64),
    "diesel mould preheating": diesel("diesel, mould preheating", 0.001),
    "anode consumption": item(
        "anode consumption",
        "anode_consumption",
        ("net_carbon_consumption", 0.389, "tC/t-Al"),
        ("sulphur", 2.0, "%"),
        ("ash", 0.4, "%"),
    ),
    "anode effect": item(
        "anode effect",
        "anode_effect",
        ("cf4_factor", 0.02, "kg/t-Al"),
        ("c2f6_factor", 0.0011, "kg/t-Al"),
    ),
    "quicklime line": item(
        "carbonate, quicklime line",
        "carbonate_decomposition",
        ("carbonate", "quicklime_line", None),
        ("mass", 0.01779, "t"),
        ("factor", 0.4400, "t CO2/t"),
    ),
    "soda ash": item(
        "carbonate, soda ash",
        "carbonate_decomposition",
        ("carbonate", "soda_ash", None),
        ("mass", 0.00135, "t"),
        ("factor", 0.4149, "t CO2/t"),
    ),
}


def problems_of(it):
    return [(p.location.row, p.location.column, p.message) for p in check(it)]


# -- flows and factors -------------------------------------------------------------


@pytest.fixture(scope="module")
def biosphere3():
    """bw2io's ecoinvent 3.9 elementary flows as create_default_biosphere3 writes them."""
    from bw2io.importers import Ecospold2BiosphereImporter

    importer = Ecospold2BiosphereImporter()
    importer.apply_strategies(verbose=False)
    return {flow["code"]: flow for flow in importer.data}


def test_flow_codes_are_bw2io_biosphere3(biosphere3):
    for flow in FLOWS.values():
        data = biosphere3[flow.code]
        assert (data["name"], tuple(data["categories"])) == (flow.name, flow.categories)
        assert data["unit"] == "kilogram"


def test_every_flow_has_its_ipcc2021_gwp100():
    from bw_alu.lcia_data import IPCC_GWP100, cf_lookup

    cfs = cf_lookup(IPCC_GWP100)
    assert {key: cfs[flow.code] for key, flow in FLOWS.items()} == GWP


def test_flow_names_cover_every_flow():
    names = flow_names()
    assert names[CF4] == ("Methane, tetrafluoro-, R-14", ("air",))
    assert set(names) == {flow.code for flow in FLOWS.values()}
    for parts in COMPOSITIONS.values():
        assert set(parts) <= set(FLOWS)


def test_calculators_in_contract_order():
    assert direct.CALCULATORS == (
        "fuel_combustion",
        "anode_consumption",
        "anode_effect",
        "carbonate_decomposition",
        "refrigerant_leakage",
    )


# -- plant A (per 1 t remelting ingot, plants.md A.4) ------------------------------


def test_plant_a_diesel_forklifts():
    # 0.64 kg = 0.00064 t; 0.00064 t x 42.652 GJ/t = 0.02729728 GJ
    # x 0.0202 tC/GJ = 0.000551405056 tC; x 0.98 = 0.00054037695 tC
    # x 44/12 = 0.00198138217 t CO2 = 1.98138217 kg CO2
    result = compute(PLANT_A["diesel forklifts"], PER_DU_1T)
    assert result.flows == {CO2: pytest.approx(1.98138217, rel=1e-8)}
    assert result.audit["kg_co2e"] == pytest.approx(1.98138217, rel=1e-8)


def test_plant_a_diesel_mould_preheating():
    # 0.001 kg = 1e-6 t; 1e-6 x 42.652 x 0.0202 x 0.98 x 44/12 = 3.0959096e-6 t = 0.0030959096 kg
    result = compute(PLANT_A["diesel mould preheating"], PER_DU_1T)
    assert result.flows[CO2] == pytest.approx(0.00309590964, rel=1e-8)


def test_plant_a_anode_consumption():
    # A x (1 - S - Ash) x 44/12 = 0.389 x (1 - 0.02 - 0.004) x 44/12
    # = 0.389 x 0.976 x 3.666667 = 0.379664 x 3.666667 = 1.39210133 t CO2/t-Al = 1392.10133 kg
    result = compute(PLANT_A["anode consumption"], PER_DU_1T)
    assert result.flows == {CO2: pytest.approx(1392.1013333, rel=1e-9)}


def test_plant_a_anode_effect():
    # CF4 0.02 kg/t-Al x 7380 = 147.6 kg CO2e; C2F6 0.0011 kg/t-Al x 12400 = 13.64 kg CO2e
    # total 161.24 kg CO2e per t Al; the flows are the gases, not CO2e
    result = compute(PLANT_A["anode effect"], PER_DU_1T)
    assert result.flows == {CF4: pytest.approx(0.02), C2F6: pytest.approx(0.0011)}
    gases = {gas["code"]: gas for gas in result.audit["gases"]}
    assert gases[CF4]["gwp100"] == 7380.0
    assert gases[CF4]["kg_co2e"] == pytest.approx(147.6)
    assert gases[C2F6]["gwp100"] == 12400.0
    assert gases[C2F6]["kg_co2e"] == pytest.approx(13.64)
    assert result.audit["kg_co2e"] == pytest.approx(161.24)


def test_plant_a_carbonates():
    # quicklime line: 0.01779 t x 0.4400 t CO2/t = 0.0078276 t = 7.8276 kg CO2
    # soda ash:       0.00135 t x 0.4149 t CO2/t = 0.000560115 t = 0.560115 kg CO2
    quicklime = compute(PLANT_A["quicklime line"], PER_DU_1T)
    soda = compute(PLANT_A["soda ash"], PER_DU_1T)
    assert quicklime.flows[CO2] == pytest.approx(7.8276)
    assert soda.flows[CO2] == pytest.approx(0.560115)
    # the plant's factors win over the stoichiometric defaults (soda ash 0.41523)
    assert [p["default"] for p in soda.audit["parameters"]] == [False, False, False]


def test_plant_a_total_direct():
    # 1.98138217 + 0.00309591 + 1392.10133333 + 161.24 + 7.8276 + 0.560115
    # = 1563.71352641 kg CO2e per t ingot (1402.47352641 kg of it fossil CO2)
    results = [compute(it, PER_DU_1T) for it in PLANT_A.values()]
    assert sum(r.audit["kg_co2e"] for r in results) == pytest.approx(1563.7135264, rel=1e-9)
    assert sum(r.flows.get(CO2, 0.0) for r in results) == pytest.approx(1402.4735264, rel=1e-9)


# -- plant B (annual amounts, plants.md B.1) ---------------------------------------


def test_plant_b_natural_gas_annual_scaled_per_tonne():
    # 7,675,266 m3 = 767.5266 x 10^4 Nm3 (m3 taken as Nm3)
    # x 389.31 GJ/10^4 Nm3 (default)      = 298,805.7806 GJ
    # x 0.01532 tC/GJ (default)           = 4,577.704559 tC
    # x 0.99 (default) x 44/12            = 16,617.06755 t CO2 per year
    # per t with the example 80,000 t/a: 16,617,067.55 kg / 80,000 = 207.7133444 kg CO2/t
    gas = item(
        "natural gas",
        "fuel_combustion",
        ("fuel", "natural gas", None),
        ("consumption", 7675266.0, "m3"),
    )
    annual = compute(gas, DirectContext(per_du=1.0, du_tonnes_al=1.0))
    assert annual.flows[CO2] == pytest.approx(16_617_067.55, rel=1e-9)
    per_t = compute(gas, PER_DU_B)
    assert per_t.flows[CO2] == pytest.approx(207.7133444, rel=1e-9)
    assert per_t.audit["scaling"] == {"basis": "per_du", "factor": 1.0 / ANNUAL_B}
    assert any("Nm3" in note for note in per_t.audit["notes"])
    defaults = {p["name"]: p["default"] for p in per_t.audit["parameters"]}
    assert defaults == {
        "fuel": False,
        "consumption": False,
        "ncv": True,
        "carbon_content": True,
        "oxidation_rate": True,
    }


def test_plant_b_gasoline():
    # 1 t x 43.070 GJ/t x 0.0189 tC/GJ x 0.98 x 44/12 = 2.92505598 t CO2 = 2925.05598 kg/a
    # per t (80,000 t/a): 0.0365631998 kg
    gasoline = item(
        "company cars", "fuel_combustion", ("fuel", "汽油", None), ("consumption", 1.0, "t")
    )
    assert compute(gasoline, DirectContext(1.0, 1.0)).flows[CO2] == pytest.approx(2925.05598)
    assert compute(gasoline, PER_DU_B).flows[CO2] == pytest.approx(2925.05598 / ANNUAL_B)


def test_plant_b_refrigerants():
    # 0.07 t = 70 kg HFC-32 per year; x 771 = 53,970 kg CO2e/a
    #   per t (80,000 t/a): 70 / 80,000 = 0.000875 kg HFC-32 = 0.674625 kg CO2e
    # 0.13 t = 130 kg HCFC-22 per year; x 1960 = 254,800 kg CO2e/a
    r32 = item(
        "R32 refill", "refrigerant_leakage", ("refrigerant", "R32", None), ("mass", 0.07, "t")
    )
    r22 = item(
        "R22 refill", "refrigerant_leakage", ("refrigerant", "R-22", None), ("mass", 0.13, "t")
    )
    annual = DirectContext(1.0, 1.0)
    assert compute(r32, annual).flows == {HFC32: pytest.approx(70.0)}
    assert compute(r32, annual).audit["kg_co2e"] == pytest.approx(53_970.0)
    assert compute(r22, annual).flows == {HCFC22: pytest.approx(130.0)}
    assert compute(r22, annual).audit["kg_co2e"] == pytest.approx(254_800.0)
    per_t = compute(r32, PER_DU_B)
    assert per_t.flows[HFC32] == pytest.approx(0.000875)
    assert per_t.audit["kg_co2e"] == pytest.approx(0.674625)


# -- other paths: defaults, units, blends, slope method ---------------------------


def test_fuel_defaults_match_the_study_for_diesel():
    # no ncv / carbon content / oxidation rate given: the guideline defaults, which are
    # the plant A study's values, so 0.64 kg diesel gives the same 1.98138217 kg CO2
    bare = item(
        "forklifts", "fuel_combustion", ("fuel", "diesel", None), ("consumption", 0.64, "kg")
    )
    result = compute(bare, PER_DU_1T)
    assert result.flows[CO2] == pytest.approx(1.98138217, rel=1e-8)
    ncv = next(p for p in result.audit["parameters"] if p["name"] == "ncv")
    assert ncv["default"] is True and "电解铝" in ncv["default_source"]


def test_gas_units_agree():
    # 1 x 10^4 Nm3 = 10,000 m3: 389.31 x 0.01532 x 0.99 x 44/12 = 21.65017 t CO2
    def gas(amount, unit):
        it = item(
            "gas", "fuel_combustion", ("fuel", "natural_gas", None), ("consumption", amount, unit)
        )
        return compute(it, PER_DU_1T).flows[CO2]

    expected = 389.31 * 0.01532 * 0.99 * 44 / 12 * 1000
    for amount, unit in [(1.0, "10^4 Nm3"), (1.0, "10^4Nm3"), (10_000.0, "Nm3"), (10_000.0, "m3")]:
        assert gas(amount, unit) == pytest.approx(expected)


def test_percent_written_in_the_value():
    # "98%" as text in the value cell equals 98 with unit % equals 0.98
    texts = item(
        "forklifts",
        "fuel_combustion",
        ("fuel", "Diesel", None),
        ("consumption", "0.64", "kg"),
        ("oxidation_rate", "98%", None),
    )
    assert compute(texts, PER_DU_1T).flows[CO2] == pytest.approx(1.98138217, rel=1e-8)


def test_intensive_and_extensive_scaling():
    # DU = 2 t of aluminium from an annual workbook of 1000 t: per_du = 2/1000.
    # anode (per t Al) scales by 2: 1392.10133 x 2; carbonate (annual mass) by 0.002:
    # 10 t x 0.4400 = 4.4 t = 4400 kg per year x 0.002 = 8.8 kg per DU
    ctx = DirectContext(per_du=2.0 / 1000.0, du_tonnes_al=2.0)
    assert compute(PLANT_A["anode consumption"], ctx).flows[CO2] == pytest.approx(2784.2026667)
    carbonate = item(
        "lime",
        "carbonate_decomposition",
        ("carbonate", "quicklime_line", None),
        ("mass", 10.0, "t"),
        ("factor", 0.44, None),
    )
    assert compute(carbonate, ctx).flows[CO2] == pytest.approx(8.8)


def test_carbonate_default_factor_is_stoichiometric():
    # 1000 kg limestone x 44.009/100.086 = 1000 x 0.43971 = 439.71 kg CO2
    limestone = item(
        "limestone", "carbonate_decomposition", ("carbonate", "CaCO3", None), ("mass", 1000.0, "kg")
    )
    result = compute(limestone, PER_DU_1T)
    assert result.flows[CO2] == pytest.approx(439.71)
    factor = next(p for p in result.audit["parameters"] if p["name"] == "factor")
    assert factor["default"] is True and "carbonate_factors.csv" in factor["default_source"]


def test_carbonate_table_derivation():
    with open(METHODS_DIR / "carbonate_factors.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["factor"]]
    assert {r["carbonate"] for r in rows} == {"limestone", "dolomite", "soda_ash", "magnesite"}
    for r in rows:
        stoichiometric = int(r["co2_per_formula_unit"]) * 44.009 / float(r["molar_mass"])
        assert float(r["factor"]) == pytest.approx(stoichiometric, abs=5e-6)


def test_refrigerant_blends():
    # R-407C, 10 kg: HFC-32 2.3 kg, HFC-125 2.5 kg, HFC-134a 5.2 kg
    # CO2e = 2.3 x 771 + 2.5 x 3740 + 5.2 x 1530 = 1773.3 + 9350 + 7956 = 19079.3 kg
    blend = item("AC", "refrigerant_leakage", ("refrigerant", "R-407C", None), ("mass", 10.0, "kg"))
    result = compute(blend, PER_DU_1T)
    assert result.flows == {
        HFC32: pytest.approx(2.3),
        HFC125: pytest.approx(2.5),
        HFC134A: pytest.approx(5.2),
    }
    assert result.audit["kg_co2e"] == pytest.approx(19079.3)
    for name, parts in COMPOSITIONS.items():
        assert sum(parts.values()) == pytest.approx(1.0), name
    assert COMPOSITIONS["R-404A"] == {"HFC-125": 0.44, "HFC-143a": 0.52, "HFC-134a": 0.04}
    r404a = item(
        "cold room", "refrigerant_leakage", ("refrigerant", "r404a", None), ("mass", 1.0, "kg")
    )
    assert compute(r404a, PER_DU_1T).flows[HFC143A] == pytest.approx(0.52)


def test_anode_effect_slope_method():
    # CWPB, 0.1 AE-min/cell-day: CF4 = 0.143 x 0.1 = 0.0143 kg/t-Al;
    # C2F6 = 0.0143 x 0.121 = 0.0017303 kg/t-Al (IPCC 2006 Table 4.16)
    # CO2e = 0.0143 x 7380 + 0.0017303 x 12400 = 105.534 + 21.45572 = 126.98972 kg
    slope = item(
        "AE", "anode_effect", ("anode_effect_minutes", 0.1, None), ("technology", "cwpb", None)
    )
    result = compute(slope, PER_DU_1T)
    assert result.flows == {CF4: pytest.approx(0.0143), C2F6: pytest.approx(0.0017303)}
    assert result.audit["kg_co2e"] == pytest.approx(126.98972)
    # plant-measured slope and ratio override the table (no technology needed)
    own = item(
        "AE",
        "anode_effect",
        ("anode_effect_minutes", 0.1, "AE-min/cell-day"),
        ("slope_cf4", 0.2, None),
        ("c2f6_cf4_ratio", 0.1, None),
    )
    assert compute(own, PER_DU_1T).flows == {CF4: pytest.approx(0.02), C2F6: pytest.approx(0.002)}


def test_audit_is_json_and_adds_up():
    result = compute(PLANT_A["anode effect"], PER_DU_1T)
    audit = json.loads(json.dumps(result.audit))
    assert set(audit) >= {
        "label",
        "calculator",
        "stage",
        "formula",
        "parameters",
        "gases",
        "kg_co2e",
    }
    assert audit["kg_co2e"] == pytest.approx(sum(g["kg"] * g["gwp100"] for g in audit["gases"]))
    assert audit["gases"][0] == {
        "name": "Methane, tetrafluoro-, R-14",
        "categories": ["air"],
        "code": CF4,
        "kg": 0.02,
        "gwp100": 7380.0,
        "kg_co2e": pytest.approx(147.6),
    }
    param = audit["parameters"][0]
    assert {"name", "value", "unit", "source", "default", "default_source"} <= set(param)
    assert (param["name"], param["value"], param["source"], param["default"]) == (
        "cf4_factor",
        0.02,
        "study",
        False,
    )


def test_every_fuel_alias_has_a_default_row():
    from bw_alu.direct.fuel_combustion import FUELS
    from bw_alu.direct.tables import anode_effect_slopes, fuel_defaults

    assert set(FUELS.values()) == set(fuel_defaults())
    assert set(anode_effect_slopes()) == {"CWPB", "SWPB", "VSS", "HSS"}


# -- errors: each names the row and column -----------------------------------------


def test_negative_mass():
    bad = item("R32", "refrigerant_leakage", ("refrigerant", "R-32", None), ("mass", -0.07, "t"))
    assert problems_of(bad) == [
        (3, VALUE_COLUMN, "item 'R32': parameter 'mass' is negative (-0.07)")
    ]
    with pytest.raises(InvalidParameter) as exc:
        compute(bad, PER_DU_1T)
    assert "row 3" in str(exc.value) and "column 'E (value)'" in str(exc.value)


def test_fraction_above_one():
    # sulphur 2 with no unit is 200 %: the author meant 2 % or 0.02
    bad = item(
        "anode",
        "anode_consumption",
        ("net_carbon_consumption", 0.389, "tC/t-Al"),
        ("sulphur", 2.0, None),
        ("ash", 0.004, None),
    )
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (3, VALUE_COLUMN)
    assert "'sulphur'" in message and "between 0 and 1" in message


def test_negative_fraction_and_percent_above_100():
    bad = item(
        "anode",
        "anode_consumption",
        ("net_carbon_consumption", 0.389, "tC/t-Al"),
        ("sulphur", -0.02, None),
        ("ash", 140.0, "%"),
    )
    assert [(row, "negative" in m or "between 0 and 1" in m) for row, _, m in problems_of(bad)] == [
        (3, True),
        (4, True),
    ]


def test_missing_parameter_points_at_the_item():
    bad = item(
        "anode",
        "anode_consumption",
        ("net_carbon_consumption", 0.389, "tC/t-Al"),
        ("sulphur", 0.02, None),
    )
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (2, "B (calculator)")
    assert "parameter 'ash' is missing" in message


def test_unknown_fuel_reported_once():
    bad = item("boiler", "fuel_combustion", ("fuel", "kerosene", None), ("consumption", 1.0, "t"))
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (2, VALUE_COLUMN)
    assert "unknown fuel 'kerosene'" in message and "diesel" in message


def test_unknown_carbonate_and_refrigerant():
    carbonate = item(
        "x", "carbonate_decomposition", ("carbonate", "chalk dust", None), ("mass", 1.0, "t")
    )
    refrigerant = item(
        "y", "refrigerant_leakage", ("refrigerant", "R-1234yf", None), ("mass", 1.0, "kg")
    )
    assert [(r, m) for r, _, m in problems_of(carbonate)] == [
        (
            2,
            "item 'x': unknown carbonate 'chalk dust' (known: dolomite, limestone, magnesite, quicklime_line, soda_ash)",
        )
    ]
    [(row, _, message)] = problems_of(refrigerant)
    assert row == 2 and "unknown refrigerant 'R-1234yf'" in message


def test_wrong_unit():
    bad = item(
        "forklifts", "fuel_combustion", ("fuel", "diesel", None), ("consumption", 0.64, "kWh")
    )
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (3, VALUE_COLUMN)
    assert "'consumption'" in message and "'kWh'" in message


def test_wrong_unit_points_at_the_unit_cell_when_known():
    bad = item(
        "anode",
        "anode_consumption",
        ("net_carbon_consumption", 0.389, "kg"),
        ("sulphur", 0.02, None),
        ("ash", 0.004, None),
        unit_column=True,
    )
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (2, "F (unit)")
    assert "tC/t-Al" in message


def test_liquid_fuel_by_volume_needs_an_ncv_per_volume():
    # diesel's default NCV is per t: litres cannot be converted without a density
    bad = item(
        "forklifts", "fuel_combustion", ("fuel", "diesel", None), ("consumption", 100.0, "l")
    )
    [(row, _, message)] = problems_of(bad)
    assert row == 3 and "NCV per t" in message
    ok = item(
        "forklifts",
        "fuel_combustion",
        ("fuel", "diesel", None),
        ("consumption", 100.0, "l"),
        ("ncv", 36.0, "MJ/l"),
    )
    # 100 l x 0.036 GJ/l = 3.6 GJ x 0.0202 x 0.98 x 44/12 = 0.26130 t CO2
    assert compute(ok, PER_DU_1T).flows[CO2] == pytest.approx(3.6 * 0.0202 * 0.98 * 44 / 12 * 1000)


def test_both_anode_effect_methods():
    bad = item(
        "AE",
        "anode_effect",
        ("cf4_factor", 0.02, "kg/t-Al"),
        ("c2f6_factor", 0.0011, "kg/t-Al"),
        ("anode_effect_minutes", 0.1, None),
        ("technology", "CWPB", None),
    )
    found = problems_of(bad)
    assert [(row, column) for row, column, _ in found] == [(4, VALUE_COLUMN), (5, VALUE_COLUMN)]
    assert all("both anode-effect methods" in message for _, _, message in found)


def test_unknown_parameter_lists_the_allowed_ones():
    bad = item(
        "soda",
        "carbonate_decomposition",
        ("carbonate", "soda_ash", None),
        ("mass", 1.35, "kg"),
        ("purity", 0.99, None),
    )
    [(row, _, message)] = problems_of(bad)
    assert row == 4
    assert "unknown parameter 'purity'" in message and "carbonate, mass, factor" in message


def test_quicklime_line_needs_the_plants_factor():
    bad = item(
        "lime", "carbonate_decomposition", ("carbonate", "quicklime_line", None), ("mass", 1.0, "t")
    )
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (2, "B (calculator)") and "'factor' is missing" in message


def test_unknown_calculator():
    bad = item("x", "flaring")
    [(row, column, message)] = problems_of(bad)
    assert (row, column) == (2, "B (calculator)") and "unknown calculator 'flaring'" in message


def test_every_problem_is_collected():
    bad = item(
        "boiler",
        "fuel_combustion",
        ("fuel", "diesel", None),
        ("consumption", -1.0, "t"),
        ("carbon_content", 0.0202, "kgC/t"),
        ("oxidation_rate", 1.2, None),
    )
    assert [row for row, _, _ in problems_of(bad)] == [3, 4, 5]
    with pytest.raises(InvalidParameter) as exc:
        compute(bad, PER_DU_1T)
    assert len(exc.value.problems) == 3
