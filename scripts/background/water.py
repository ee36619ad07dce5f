"""Water consumption per dataset, written as "Water" evaporated to air (m3).

bw2io's ecoinvent LCIA 3.9 implementation of EF 3.1 "water use" characterizes only the
five "Water" flows to air (42.95 m3 world-eq per m3): consumption is measured as water
that leaves the basin by evaporation. USLCI reports water mostly as withdrawals, with
returns for some datasets and evaporation for few, so most datasets scored 0.

Per dataset (all amounts in m3 per the dataset's reference amount):

- ``withdrawn``: freshwater taken from nature: resource flows "Water" and "Water, fresh"
  in any non-saline context (saline withdrawals are not freshwater use);
- ``returned``: water given back to a freshwater body: "Water"/"Water, fresh" emitted
  to fresh surface, ground or unspecified water, and the GaBi-style pass-through
  co-products "Water (river water from technosphere, ...)" / "Water (groundwater from
  technosphere, ...)" (turbined and waste water of the Aluminum Association 2014
  datasets). Releases to the sea are not returns (AWARE counts them as consumption);
- ``evaporated``: "Water" already emitted to air by the dataset (it is kept and linked).

Consumption is ``withdrawn - returned`` (floored at 0) where the dataset reports
returns, else ``DEFAULT_CONSUMPTION_FRACTION x withdrawn``. Only the part not already
reported as evaporation is added, as "Water" to (air, unspecified):
``added = max(consumption - evaporated, 0)``, so a dataset with a closed water balance
(withdrawn = returned + evaporated) gets nothing twice. The withdrawal and release
flows stay mapped as before (they are ecoinvent flows and carry other indicators).
"""

from __future__ import annotations

from dataclasses import dataclass

# USGS, Estimated Use of Water in the United States in 1990 (Solley, Pierce & Perlman,
# 1993, USGS Circular 1081), "Industrial water use": consumptive use of freshwater for
# industrial purposes 3,330 Mgal/d, "14 percent of freshwater withdrawals and
# deliveries" (per-industry coefficients 3 to 80 %). USLCI datasets are U.S. industry,
# so the U.S. industrial average is the default where a dataset gives no returns.
DEFAULT_CONSUMPTION_FRACTION = 0.14
DEFAULT_SOURCE = (
    "USGS Circular 1081 (Solley et al. 1993), industrial water use 1990: consumptive use "
    "14 % of freshwater withdrawals and deliveries"
)

WITHDRAWAL_NAMES = ("Water", "Water, fresh")
# FEDEFL contexts (category, subCategory) of releases back to a freshwater body.
FRESH_RETURN_CONTEXTS = {
    ("emission", "water"),
    ("fresh water body", "river"),
    ("fresh water body", "lake"),
    ("water", "fresh water body"),
    ("water", "subterranean"),
    ("ground", "subterranean"),
    ("subterranean", "fresh water body"),
}
AIR_CONTEXTS = {
    ("emission", "air"),
    ("air", "stratosphere"),
    ("troposphere", "rural"),
    ("troposphere", "urban"),
    ("troposphere", "very high"),
    ("troposphere", "high"),
    ("troposphere", "low"),
    ("rural", "low"),
    ("urban", "low"),
    ("urban", "ground-level"),
}
# Pass-through water co-products (GaBi export) that go back to a freshwater body.
RETURN_COPRODUCTS = ("Water (river water from technosphere", "Water (groundwater from technosphere")


def _m3(amount: float, unit: str) -> float | None:
    return {"kg": amount / 1000.0, "m3": amount, "l": amount / 1000.0}.get(unit)


def _saline(category: str, subcategory: str) -> bool:
    return "saline" in category or "saline" in subcategory or "ocean" in subcategory


@dataclass(frozen=True)
class WaterBalance:
    withdrawn: float
    returned: float
    evaporated: float
    consumption: float
    added: float
    rule: str


def balance(process: dict) -> WaterBalance | None:
    """The water balance of one USLCI dataset, or None when it withdraws no freshwater."""
    withdrawn = returned = evaporated = 0.0
    for e in process["exchanges"]:
        ctx = (e["category"], e["subcategory"])
        m3 = _m3(e["amount"], e["unit"])
        if m3 is None:
            continue
        if e["group"] == "resource" and e["name"] in WITHDRAWAL_NAMES and not _saline(*ctx):
            withdrawn += m3
        elif e["group"] == "emission" and e["name"] in WITHDRAWAL_NAMES:
            if ctx in FRESH_RETURN_CONTEXTS:
                returned += m3
            elif ctx in AIR_CONTEXTS:
                evaporated += m3
        elif e["group"] == "coproduct" and e["name"].startswith(RETURN_COPRODUCTS):
            returned += m3
    if withdrawn <= 0.0:
        return None
    if returned > 0.0:
        consumption = max(withdrawn - returned, 0.0)
        rule = "withdrawn - returned (dataset reports returns)"
    else:
        consumption = DEFAULT_CONSUMPTION_FRACTION * withdrawn
        rule = f"default {DEFAULT_CONSUMPTION_FRACTION:.0%} of withdrawn (no returns reported)"
    added = max(consumption - evaporated, 0.0)
    return WaterBalance(withdrawn, returned, evaporated, consumption, added, rule)
