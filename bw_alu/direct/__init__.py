"""Direct process emissions of an aluminium plant, from workbook parameters.

Each calculator turns one :class:`DirectItem` (a label, a calculator name and its
parameters as written in the workbook) into elementary-flow amounts of the real gases,
kg per declared unit keyed by ecoinvent 3.9 biosphere3 code, never pre-characterized
CO2e, plus an audit record with the formula, parameters (defaults marked) and IPCC 2021
GWP100 of each gas.

Calculators (one module each): fuel_combustion, anode_consumption, anode_effect,
carbonate_decomposition, refrigerant_leakage. Default parameters: ``methods/*.csv``.
"""

from __future__ import annotations

from .flows import flow_names
from .model import DirectContext, DirectItem, DirectResult, Param
from .registry import CALCULATORS, check, compute

__all__ = [
    "CALCULATORS",
    "DirectContext",
    "DirectItem",
    "DirectResult",
    "Param",
    "check",
    "compute",
    "flow_names",
]
