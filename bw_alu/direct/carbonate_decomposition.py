"""CO2 released by carbonates consumed in the process (limestone, soda ash, ...).

CO2 (t) = carbonate mass (t) x decomposition factor (t CO2/t) (中国电解铝生产企业温室
气体排放核算方法与报告指南(试行), carbonate decomposition; GB/T 44905-2024).
Stoichiometric default factors: ``methods/carbonate_factors.csv``; a plant's factor wins.
"""

from __future__ import annotations

from ..units import factor
from .base import EXTENSIVE, Outcome, g
from .params import Reader
from .tables import carbonate_factors, cite

NAME = "carbonate_decomposition"
PARAMETERS = ("carbonate", "mass", "factor")

CARBONATES = {
    **dict.fromkeys(("limestone", "caco3", "calcite", "calcium_carbonate", "石灰石"), "limestone"),
    **dict.fromkeys(("dolomite", "camg(co3)2", "白云石"), "dolomite"),
    **dict.fromkeys(("soda_ash", "na2co3", "sodium_carbonate", "纯碱", "碳酸钠"), "soda_ash"),
    **dict.fromkeys(("magnesite", "mgco3", "magnesium_carbonate", "菱镁矿"), "magnesite"),
    **dict.fromkeys(
        ("quicklime_line", "quicklime", "limestone_quicklime_line", "生石灰"),
        "quicklime_line",
    ),
}
FACTOR_UNITS = {None: 1.0, "tco2/t": 1.0, "t/t": 1.0, "kgco2/kg": 1.0, "kgco2/t": 1e-3}


def evaluate(r: Reader) -> Outcome | None:
    carbonate = r.choice("carbonate", CARBONATES, "carbonate")
    mass = r.quantity("mass", ("mass",))
    row = carbonate_factors().get(carbonate) if carbonate else None
    default = None
    if row is not None and row["factor"].strip():
        default = (float(row["factor"]), cite(row, "carbonate_factors.csv"))
    fct = None
    if carbonate is not None and default is None and "factor" not in r.item.params:
        r.fail_missing("factor", f" (no default for {carbonate!r}: give the plant's t CO2/t)")
    elif carbonate is not None or "factor" in r.item.params:
        fct = r.number("factor", FACTOR_UNITS, "t CO2/t", default=default)
    mass_t = None
    if mass is not None:
        mass_t = mass[0] * factor(mass[1], "t")
        r.record_param(r.param("mass"), mass_t, "t")
    if r.problems or mass_t is None or fct is None:
        return None
    co2_t = mass_t * fct
    formula = f"CO2 = mass x factor = {g(mass_t)} t x {g(fct)} t CO2/t = {g(co2_t)} t CO2"
    notes = []
    if carbonate == "quicklime_line":
        notes.append(
            "plant-reported factor for its limestone/quicklime line; quicklime (CaO) itself "
            "holds no carbonate, and the CO2 of lime burning is usually in the quicklime "
            "dataset already"
        )
    return Outcome({"CO2": co2_t * 1000.0}, EXTENSIVE, formula, notes)
