"""Perfluorocarbons (CF4, C2F6) from anode effects, per tonne of aluminium.

Two ways, one per item:
- emission factors: ``cf4_factor`` and ``c2f6_factor`` in kg per t Al (measured, or the
  guideline's per-t-Al figures);
- IPCC Tier 2 slope method (2006 IPCC Guidelines Vol. 3 Ch. 4, Eq. 4.25 and Table 4.16):
  CF4 (kg/t Al) = slope_CF4 x AE-minutes per cell-day; C2F6 = CF4 x F(C2F6/CF4), with
  slope and ratio per cell ``technology`` from ``methods/anode_effect_slope.csv``.
The gases are emitted as such, never as CO2e: every method characterizes them itself.
"""

from __future__ import annotations

from .base import PER_T_AL, Outcome, g
from .params import Reader, UnitFactors
from .tables import anode_effect_slopes, cite

NAME = "anode_effect"
FACTOR_PARAMETERS = ("cf4_factor", "c2f6_factor")
SLOPE_PARAMETERS = ("anode_effect_minutes", "technology", "slope_cf4", "c2f6_cf4_ratio")
PARAMETERS = FACTOR_PARAMETERS + SLOPE_PARAMETERS

KG_PER_T_AL: UnitFactors = {"kg/tal": 1.0, "kg/t": 1.0, "g/tal": 1e-3, "g/t": 1e-3}
AE_MINUTES: UnitFactors = {
    None: 1.0,
    "aemin/cellday": 1.0,
    "min/cellday": 1.0,
    "aeminutes/cellday": 1.0,
}
SLOPE_UNITS: UnitFactors = {None: 1.0, "(kgcf4/tal)/(aemin/cellday)": 1.0, "(kg/t)/(min/day)": 1.0}
RATIO_UNITS: UnitFactors = {None: 1.0, "kgc2f6/kgcf4": 1.0, "kg/kg": 1.0}
TECHNOLOGIES = {
    **dict.fromkeys(("cwpb", "centre_worked_prebake", "center_worked_prebake", "pfpb"), "CWPB"),
    **dict.fromkeys(("swpb", "side_worked_prebake"), "SWPB"),
    **dict.fromkeys(("vss", "vertical_stud_soderberg"), "VSS"),
    **dict.fromkeys(("hss", "horizontal_stud_soderberg"), "HSS"),
}


def evaluate(r: Reader) -> Outcome | None:
    params = r.item.params
    factor_given = [p for p in FACTOR_PARAMETERS if p in params]
    slope_given = [p for p in SLOPE_PARAMETERS if p in params]
    if factor_given and slope_given:
        for name in slope_given:  # point at every cell of the second method
            r.fail(
                params[name].location,
                f"both anode-effect methods given: {', '.join(factor_given)} (emission "
                f"factors) and {', '.join(slope_given)} (IPCC slope method); keep one",
            )
        return None
    if factor_given:
        return _factors(r)
    if slope_given:
        return _slope(r)
    r.fail_missing(
        "cf4_factor",
        " (give cf4_factor and c2f6_factor in kg/t-Al, or anode_effect_minutes and technology)",
    )
    return None


def _factors(r: Reader) -> Outcome | None:
    cf4 = r.number("cf4_factor", KG_PER_T_AL, "kg/t-Al")
    c2f6 = r.number("c2f6_factor", KG_PER_T_AL, "kg/t-Al")
    if r.problems or cf4 is None or c2f6 is None:
        return None
    formula = f"CF4 = {g(cf4)} kg/t-Al; C2F6 = {g(c2f6)} kg/t-Al (emission factors)"
    return Outcome({"CF4": cf4, "C2F6": c2f6}, PER_T_AL, formula)


def _slope(r: Reader) -> Outcome | None:
    minutes = r.number("anode_effect_minutes", AE_MINUTES, "AE-min/cell-day")
    row = None
    source = ""  # the defaults' citation, when a technology row gives them
    if "technology" in r.item.params:
        technology = r.choice("technology", TECHNOLOGIES, "cell technology")
        row = anode_effect_slopes().get(technology) if technology else None
        source = cite(row, "anode_effect_slope.csv") if row else ""
    elif not ("slope_cf4" in r.item.params and "c2f6_cf4_ratio" in r.item.params):
        r.fail_missing("technology", f" (one of {', '.join(sorted(set(TECHNOLOGIES.values())))})")
    slope = r.number(
        "slope_cf4",
        SLOPE_UNITS,
        "(kg CF4/t Al)/(AE-min/cell-day)",
        default=(float(row["slope_cf4"]), source) if row else None,
        required=False,
    )
    ratio = r.number(
        "c2f6_cf4_ratio",
        RATIO_UNITS,
        "kg C2F6/kg CF4",
        default=(float(row["c2f6_cf4_ratio"]), source) if row else None,
        required=False,
    )
    if r.problems or minutes is None or slope is None or ratio is None:
        return None
    cf4 = slope * minutes
    c2f6 = cf4 * ratio
    formula = (
        "CF4 = slope_CF4 x AEM; C2F6 = CF4 x F(C2F6/CF4) (IPCC 2006 Tier 2 slope) = "
        f"{g(slope)} x {g(minutes)} = {g(cf4)} kg CF4/t-Al; "
        f"{g(cf4)} x {g(ratio)} = {g(c2f6)} kg C2F6/t-Al"
    )
    return Outcome({"CF4": cf4, "C2F6": c2f6}, PER_T_AL, formula)
