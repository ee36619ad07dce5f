"""The audit record of one computed item: enough to recompute it by hand.

GWP100 values are read from IPCC 2021 in bw2io's bundled ecoinvent LCIA v3.9 (via
:mod:`bw_alu.lcia_data`), never retyped; the flows themselves stay uncharacterized.
"""

from __future__ import annotations

from typing import Any

from .base import Outcome, g
from .flows import FLOWS
from .model import DirectItem


def build(
    item: DirectItem, outcome: Outcome, parameters: list[dict], scale: float
) -> tuple[dict[str, float], dict]:
    """(flows: code -> kg per declared unit, audit dict)."""
    from ..lcia_data import IPCC_GWP100, cf_lookup  # imports bw2io: only when computing

    gwp = cf_lookup(IPCC_GWP100)
    flows: dict[str, float] = {}
    gases: list[dict[str, Any]] = []
    for key, kg_basis in outcome.gases.items():
        flow = FLOWS[key]
        kg = kg_basis * scale
        flows[flow.code] = flows.get(flow.code, 0.0) + kg
        factor = gwp[flow.code]
        gases.append(
            {
                "name": flow.name,
                "categories": list(flow.categories),
                "code": flow.code,
                "kg": kg,
                "gwp100": factor,
                "kg_co2e": kg * factor,
            }
        )
    audit = {
        "label": item.label,
        "calculator": item.calculator,
        "stage": item.stage,
        "formula": f"{outcome.formula}; per declared unit: x {outcome.basis} = {g(scale)}",
        "scaling": {"basis": outcome.basis, "factor": scale},
        "parameters": parameters,
        "gases": gases,
        "gwp100_method": " / ".join(IPCC_GWP100),
        "kg_co2e": sum(gas["kg_co2e"] for gas in gases),
        "notes": list(outcome.notes),
    }
    return flows, audit
