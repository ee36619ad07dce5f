"""Unit parsing and conversion for inventory amounts.

Each unit belongs to one dimension and has a factor to that dimension's base unit.
Conversion is only allowed within a dimension, with one deliberate exception: water
given by mass (t) may be converted to volume (m3) and back at 1,000 kg/m3, because plant
records state water in tonnes while datasets are per cubic metre.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    symbol: str  # canonical spelling used in bw-alu output
    dimension: str
    factor: float  # multiply an amount in this unit by factor to get the dimension's base unit


_UNITS = [
    Unit("kg", "mass", 1.0),
    Unit("g", "mass", 1e-3),
    Unit("t", "mass", 1e3),
    Unit("kt", "mass", 1e6),
    Unit("kWh", "energy", 3.6),
    Unit("MWh", "energy", 3.6e3),
    Unit("GWh", "energy", 3.6e6),
    Unit("MJ", "energy", 1.0),
    Unit("GJ", "energy", 1e3),
    Unit("TJ", "energy", 1e6),
    Unit("m3", "volume", 1.0),
    Unit("l", "volume", 1e-3),
    Unit("10^4 m3", "volume", 1e4),
    Unit("t*km", "transport", 1.0),
    Unit("kg*km", "transport", 1e-3),
    Unit("km", "distance", 1.0),
    Unit("unit", "count", 1.0),
    Unit("m2", "area", 1.0),
    Unit("m2*a", "area_time", 1.0),
]
UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}

# Spellings seen in plant records, SimaPro exports and Brightway databases.
_ALIASES = {
    "kilogram": "kg",
    "kilograms": "kg",
    "千克": "kg",
    "公斤": "kg",
    "gram": "g",
    "克": "g",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "metric ton": "t",
    "吨": "t",
    "kilowatt hour": "kWh",
    "kwh": "kWh",
    "度": "kWh",
    "千瓦时": "kWh",
    "mwh": "MWh",
    "兆瓦时": "MWh",
    "gwh": "GWh",
    "megajoule": "MJ",
    "mj": "MJ",
    "gj": "GJ",
    "tj": "TJ",
    "cubic meter": "m3",
    "cubic metre": "m3",
    "m³": "m3",
    "nm3": "m3",
    "立方米": "m3",
    "方": "m3",
    "litre": "l",
    "liter": "l",
    "l": "l",
    "升": "l",
    "10^4 nm3": "10^4 m3",
    "10^4 m3": "10^4 m3",
    "万m3": "10^4 m3",
    "万nm3": "10^4 m3",
    "万立方米": "10^4 m3",
    "ton kilometer": "t*km",
    "tkm": "t*km",
    "t*km": "t*km",
    "t km": "t*km",
    "t.km": "t*km",
    "t·km": "t*km",
    "tonne kilometre": "t*km",
    "kgkm": "kg*km",
    "kg*km": "kg*km",
    "kg km": "kg*km",
    "kg.km": "kg*km",
    "kg·km": "kg*km",
    "kilometer": "km",
    "kilometre": "km",
    "公里": "km",
    "千米": "km",
    "p": "unit",
    "pcs": "unit",
    "piece": "unit",
    "item": "unit",
    "个": "unit",
    "square meter": "m2",
    "square meter-year": "m2*a",
}

WATER_DENSITY_KG_PER_M3 = 1000.0


class UnitError(ValueError):
    """Raised by this module; callers wrap it into an error that names the cell."""


def normalize(unit: str) -> str:
    """Canonical symbol of ``unit``; raises :class:`UnitError` if unknown."""
    if unit is None:
        raise UnitError("no unit given")
    text = str(unit).strip()
    if text in UNITS:
        return text
    key = " ".join(text.lower().split())
    if key in _ALIASES:
        return _ALIASES[key]
    for symbol in UNITS:
        if symbol.lower() == key:
            return symbol
    known = ", ".join(sorted(UNITS))
    raise UnitError(f"unknown unit {text!r} (known: {known})")


def dimension(unit: str) -> str:
    return UNITS[normalize(unit)].dimension


def factor(from_unit: str, to_unit: str, *, water: bool = False) -> float:
    """Multiply an amount in ``from_unit`` by this to get it in ``to_unit``."""
    a, b = UNITS[normalize(from_unit)], UNITS[normalize(to_unit)]
    if a.dimension == b.dimension:
        return a.factor / b.factor
    if water and {a.dimension, b.dimension} == {"mass", "volume"}:
        if a.dimension == "mass":  # kg -> m3
            return a.factor / WATER_DENSITY_KG_PER_M3 / b.factor
        return a.factor * WATER_DENSITY_KG_PER_M3 / b.factor
    raise UnitError(f"cannot convert {a.symbol} ({a.dimension}) to {b.symbol} ({b.dimension})")


def convert(amount: float, from_unit: str, to_unit: str, *, water: bool = False) -> float:
    return amount * factor(from_unit, to_unit, water=water)
