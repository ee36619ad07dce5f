"""What a calculator hands back before scaling to the declared unit."""

from __future__ import annotations

from dataclasses import dataclass, field

C_TO_CO2 = 44.0 / 12.0  # t CO2 per t C, as the guideline writes it (44/12)

# How an outcome becomes per declared unit (see DirectContext).
EXTENSIVE = "per_du"  # an amount on the workbook's basis (per DU, or annual)
PER_T_AL = "du_tonnes_al"  # an intensity per tonne of aluminium


@dataclass
class Outcome:
    gases: dict[str, float]  # flow key (flows.FLOWS) -> kg on the basis below
    basis: str  # EXTENSIVE or PER_T_AL
    formula: str  # symbolic formula, then the numbers substituted
    notes: list[str] = field(default_factory=list)


def g(x: float) -> str:
    """A number for a formula string: enough digits to recompute by hand."""
    return f"{x:.6g}"
