"""CO2 from the oxidation of prebaked anode carbon, per tonne of aluminium.

E (t CO2/t Al) = A x (1 - S - Ash) x 44/12, with A the net anode carbon consumption
(tC/t-Al), S and Ash the anode's sulphur and ash fractions (中国电解铝生产企业温室气体
排放核算方法与报告指南(试行), anode consumption; GB/T 44905-2024).
"""

from __future__ import annotations

from .base import C_TO_CO2, PER_T_AL, Outcome, g
from .params import Reader, UnitFactors

NAME = "anode_consumption"
PARAMETERS = ("net_carbon_consumption", "sulphur", "ash")

PER_T_AL_UNITS: UnitFactors = {"tc/tal": 1.0, "tc/t": 1.0, "kgc/tal": 1e-3, "kgc/t": 1e-3}


def evaluate(r: Reader) -> Outcome | None:
    a = r.number("net_carbon_consumption", PER_T_AL_UNITS, "tC/t-Al")
    s = r.fraction("sulphur")
    ash = r.fraction("ash")
    if s is not None and ash is not None and s + ash > 1:
        r.fail(r.param("ash").location, "sulphur + ash exceed 1")
    if r.problems or a is None or s is None or ash is None:
        return None
    co2_t = a * (1 - s - ash) * C_TO_CO2
    formula = (
        "CO2 per t Al = A x (1 - S - Ash) x 44/12 = "
        f"{g(a)} tC/t-Al x (1 - {g(s)} - {g(ash)}) x 44/12 = {g(co2_t)} t CO2/t-Al"
    )
    return Outcome({"CO2": co2_t * 1000.0}, PER_T_AL, formula)
