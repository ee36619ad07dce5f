"""Refrigerant leakage: the mass refilled in a year is taken as the mass emitted.

Blends are split into their components by mass (ASHRAE Standard 34 compositions), so
each gas is emitted under its own elementary flow and characterized by the method.
"""

from __future__ import annotations

from ..units import factor
from .base import EXTENSIVE, Outcome, g
from .params import Reader

NAME = "refrigerant_leakage"
PARAMETERS = ("refrigerant", "mass")

# Refrigerant -> mass fraction of each component (keys of flows.FLOWS).
COMPOSITIONS: dict[str, dict[str, float]] = {
    "R-32": {"HFC-32": 1.0},
    "R-22": {"HCFC-22": 1.0},
    "R-125": {"HFC-125": 1.0},
    "R-134a": {"HFC-134a": 1.0},
    "R-143a": {"HFC-143a": 1.0},
    "R-410A": {"HFC-32": 0.50, "HFC-125": 0.50},
    "R-407C": {"HFC-32": 0.23, "HFC-125": 0.25, "HFC-134a": 0.52},
    "R-404A": {"HFC-125": 0.44, "HFC-143a": 0.52, "HFC-134a": 0.04},
    "R-507A": {"HFC-125": 0.50, "HFC-143a": 0.50},
}


def refrigerant_key(text: str) -> str:
    """``"R-410A"``, ``"r410a"``, ``"HFC-32"``, ``"HCFC 22"`` -> ``"410A"``, ``"32"``, ..."""
    key = "".join(text.upper().split()).replace("-", "").replace("_", "")
    for prefix in ("HCFC", "HFC", "R"):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


REFRIGERANTS = {refrigerant_key(name): name for name in COMPOSITIONS}


def evaluate(r: Reader) -> Outcome | None:
    refrigerant = r.choice("refrigerant", REFRIGERANTS, "refrigerant", key=refrigerant_key)
    mass = r.quantity("mass", ("mass",))
    mass_kg = None
    if mass is not None:
        mass_kg = mass[0] * factor(mass[1], "kg")
        r.record_param(r.param("mass"), mass_kg, "kg")
    if r.problems or refrigerant is None or mass_kg is None:
        return None
    parts = COMPOSITIONS[refrigerant]
    gases = {gas: mass_kg * share for gas, share in parts.items()}
    split = "; ".join(f"{gas} = {g(mass_kg)} kg x {g(share)}" for gas, share in parts.items())
    formula = f"emitted = refilled mass ({refrigerant}) split by mass fraction: {split}"
    return Outcome(gases, EXTENSIVE, formula)
