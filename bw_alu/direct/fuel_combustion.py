"""Stationary and mobile fuel combustion: CO2 from a fuel's carbon.

CO2 (t) = consumption (t, or 10^4 Nm3 for gas) x NCV (GJ/t or GJ/10^4 Nm3)
          x carbon content (tC/GJ) x oxidation rate x 44/12
(中国电解铝生产企业温室气体排放核算方法与报告指南(试行), fuel combustion; GB/T 44905-2024.)
Defaults per fuel: ``methods/fuel_defaults.csv``.
"""

from __future__ import annotations

from ..units import UnitError, dimension, factor
from .base import C_TO_CO2, EXTENSIVE, Outcome, g
from .params import Reader, UnitFactors, quantity_unit
from .tables import cite, fuel_defaults

NAME = "fuel_combustion"
PARAMETERS = ("fuel", "consumption", "ncv", "carbon_content", "oxidation_rate")

FUELS = {
    **dict.fromkeys(("diesel", "diesel_oil", "柴油"), "diesel"),
    **dict.fromkeys(("gasoline", "petrol", "motor_gasoline", "汽油"), "gasoline"),
    **dict.fromkeys(("natural_gas", "ng", "天然气"), "natural_gas"),
    **dict.fromkeys(
        ("fuel_oil", "heavy_fuel_oil", "residual_fuel_oil", "燃料油", "重油"), "fuel_oil"
    ),
    **dict.fromkeys(("lpg", "liquefied_petroleum_gas", "液化石油气"), "lpg"),
    **dict.fromkeys(("coal", "bituminous_coal", "烟煤"), "coal"),
}
CARBON_CONTENT_UNITS: UnitFactors = {"tc/gj": 1.0, "kgc/gj": 1e-3, "tc/tj": 1e-3}


def parse_ncv_unit(unit: str | None) -> tuple[str, str]:
    """``"GJ/10^4 Nm3"`` -> ``("GJ", "10^4 m3")``: an energy per mass or volume."""
    top, sep, bottom = str(unit or "").partition("/")
    if not sep:
        raise UnitError(f"unit {unit!r} is not an energy per mass or volume (GJ/t, GJ/10^4 Nm3)")
    energy, per = quantity_unit(top), quantity_unit(bottom)
    if dimension(energy) != "energy" or dimension(per) not in ("mass", "volume"):
        raise UnitError(f"unit {unit!r} is not an energy per mass or volume (GJ/t, GJ/10^4 Nm3)")
    return energy, per


def evaluate(r: Reader) -> Outcome | None:
    fuel = r.choice("fuel", FUELS, "fuel")
    consumption = r.quantity("consumption", ("mass", "volume"))
    row = fuel_defaults().get(fuel) if fuel else None
    source = cite(row, "fuel_defaults.csv") if row else ""  # used only with a row

    # NCV, in GJ per ``per`` (the unit the consumption is converted to).
    ncv = per = None
    param = r.given("ncv")
    if param is not None:
        raw = r.raw_number(param)
        try:
            energy, per = parse_ncv_unit(param.unit)
        except UnitError as exc:
            r.fail_unit(param, str(exc))
            raw = None
        if raw is not None:
            ncv = raw[0] * factor(energy, "GJ")
            r.record_param(param, ncv, f"GJ/{per}")
    elif row is not None:
        energy, per = parse_ncv_unit(row["ncv_unit"])
        ncv = float(row["ncv"]) * factor(energy, "GJ")
        r.record("ncv", ncv, f"GJ/{per}", default_source=source)
    elif fuel is not None:
        r.fail_missing("ncv", f" (no default for fuel {fuel!r})")

    def default(column: str) -> tuple[float, str] | None:
        return (float(row[column]), source) if row else None

    # An unknown fuel is reported once, not again as missing parameters it would default.
    known = fuel is not None
    carbon = r.number(
        "carbon_content",
        CARBON_CONTENT_UNITS,
        "tC/GJ",
        default=default("carbon_content"),
        required=known,
    )
    oxidation = r.fraction("oxidation_rate", default=default("oxidation_rate"), required=known)

    amount = None
    if consumption is not None and per is not None:
        value, unit = consumption
        if dimension(unit) != dimension(per):
            r.fail_unit(
                r.param("consumption"),
                f"consumption in {unit} ({dimension(unit)}) cannot be used with an NCV per "
                f"{per} ({dimension(per)}); give the consumption in a {dimension(per)} unit "
                f"or an ncv per {dimension(unit)}",
            )
        else:
            amount = value * factor(unit, per)
            r.record_param(r.param("consumption"), amount, per)
    if r.problems or amount is None or ncv is None or carbon is None or oxidation is None:
        return None

    co2_t = amount * ncv * carbon * oxidation * C_TO_CO2
    notes = []
    written = str(r.param("consumption").unit or "").lower()
    if unit == "m3" and per == "10^4 m3" and "nm" not in written:
        notes.append("gas volume in m3 taken as Nm3 (the NCV is per normal cubic metre)")
    formula = (
        "CO2 = consumption x NCV x carbon content x oxidation rate x 44/12 = "
        f"{g(amount)} {per} x {g(ncv)} GJ/{per} x {g(carbon)} tC/GJ x {g(oxidation)} x 44/12 "
        f"= {g(co2_t)} t CO2"
    )
    return Outcome({"CO2": co2_t * 1000.0}, EXTENSIVE, formula, notes)
