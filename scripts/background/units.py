"""Unit normalisation to the units the output format allows.

The contract of ``uslci_cn.json.gz`` allows only these activity units. Everything USLCI
uses is converted to one of them (amounts scaled), or the activity/exchange is left out
and counted in ``coverage.json``.
"""

from __future__ import annotations

ALLOWED = ("kg", "kWh", "MJ", "m3", "t*km", "unit", "l", "m2", "m2*a")

# unit -> (allowed unit, factor): amount_in_allowed = amount * factor
SAME_DIMENSION = {
    "kg": ("kg", 1.0),
    "g": ("kg", 1e-3),
    "mg": ("kg", 1e-6),
    "t": ("kg", 1000.0),
    "kWh": ("kWh", 1.0),
    "MWh": ("kWh", 1000.0),
    "Wh": ("kWh", 1e-3),
    "MJ": ("MJ", 1.0),
    "kJ": ("MJ", 1e-3),
    "GJ": ("MJ", 1000.0),
    "m3": ("m3", 1.0),
    "l": ("l", 1.0),
    "t*km": ("t*km", 1.0),
    "kg*km": ("t*km", 1e-3),
    "t*mi": ("t*km", 1.609344),
    "Item(s)": ("unit", 1.0),
    "unit": ("unit", 1.0),
    "m2": ("m2", 1.0),
    "m2*a": ("m2*a", 1.0),
}

# Conversions between allowed units of one physical dimension.
_BETWEEN = {
    ("m3", "l"): 1000.0,
    ("l", "m3"): 1e-3,
    ("kWh", "MJ"): 3.6,
    ("MJ", "kWh"): 1 / 3.6,
}

# Densities used only where a USLCI input is given in a volume and its provider in mass
# (or the reverse). kg per m3. Each is cited in databases/background/README.md.
DENSITY_KG_PER_M3 = {
    # USLCI's own figure: "Natural gas, combusted in industrial equipment, 1.357 m3/kg".
    "Natural gas, production mixture, to energy use": 1 / 1.357,
    "Natural gas, production mixture, to material use": 1 / 1.357,
    # Generic refined petroleum product, 0.85 kg/l (between gasoline 0.74 and diesel 0.84-0.85,
    # residual fuel oil 0.99); the flow is used only in a few plastics datasets.
    "Petroleum refined, to material use, at refinery": 850.0,
}


class UnitError(ValueError):
    """A unit cannot be normalised or converted."""


def normalise(unit: str) -> tuple[str, float]:
    """``(allowed unit, factor)`` for a USLCI unit; raises :class:`UnitError`."""
    try:
        return SAME_DIMENSION[unit]
    except KeyError:
        raise UnitError(f"unit {unit!r} has no allowed equivalent") from None


def convert(amount: float, unit: str, to_unit: str, product: str = "") -> float:
    """Convert ``amount`` in ``unit`` (any USLCI unit) to the allowed ``to_unit``."""
    base, factor = normalise(unit)
    value = amount * factor
    if base == to_unit:
        return value
    if (base, to_unit) in _BETWEEN:
        return value * _BETWEEN[(base, to_unit)]
    density = DENSITY_KG_PER_M3.get(product)
    if density is not None:
        volume_m3 = {"m3": 1.0, "l": 1e-3}
        if base in volume_m3 and to_unit == "kg":
            return value * volume_m3[base] * density
        if base == "kg" and to_unit in volume_m3:
            return value / density / volume_m3[to_unit]
    raise UnitError(f"cannot convert {unit!r} to {to_unit!r} for {product!r}")
