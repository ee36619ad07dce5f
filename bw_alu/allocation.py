"""Allocation of a multi-output process to single-output processes.

A process with co-products is written as one allocated process per output (its
reference product and each co-product): every input and emission of the process is
multiplied by the output's allocation factor and divided by the output's amount.

- ``mass``: factor_i = m_i / sum(m), outputs by mass (ISO 14044 4.3.4.2, physical
  relationship);
- ``economic``: factor_i = a_i p_i / sum(a p), each output's amount times its price per
  unit (ISO 14044 4.3.4.2, other relationships);
- ``cut-off``: the reference product carries the whole burden, co-products none (the
  cut-off approach of GB/T 44905-2024 and ecoinvent's cut-off system model for
  recyclable outputs);
- ``given``: factor_i = the output's allocation % / 100, as a SimaPro CSV export states
  it (the %s must add up to 100).
"""

from __future__ import annotations

import math

from .errors import Problem
from .units import UnitError, factor
from .workbook.model import GIVEN, Process

MAIN = ""  # key of the reference product in a factor table (co-products by label)


def allocation_factors(process: Process, problems: list[Problem]) -> dict[str, float]:
    """``{"": f_main, label: f_co, ...}`` for ``process``; ``{"": 1.0}`` without co-products."""
    if not process.coproducts:
        return {MAIN: 1.0}
    rule = process.allocation
    if rule == GIVEN:
        return _given(process, problems)
    if rule == "cut-off":
        return {MAIN: 1.0} | {c.label: 0.0 for c in process.coproducts}
    outputs = [(MAIN, process.amount, process.unit, process.price, process.location)]
    outputs += [(c.label, c.amount, c.unit, c.price, c.location) for c in process.coproducts]
    weights = {}
    for label, amount, unit, price, where in outputs:
        if rule == "economic":
            # The price is per unit of the output: value = amount x price.
            weights[label] = amount * (price or 0.0)
            continue
        try:
            kg = amount * factor(unit, "kg")
        except UnitError:
            problems.append(
                Problem(
                    where,
                    f"{rule} allocation of {process.id!r} needs every output by "
                    f"mass; {label or process.reference_product!r} is in {unit}",
                )
            )
            return {MAIN: 1.0}
        weights[label] = kg
    total = math.fsum(weights.values())
    if not total > 0:
        problems.append(
            Problem(process.location, f"allocation of {process.id!r}: outputs sum to 0")
        )
        return {MAIN: 1.0}
    return {label: w / total for label, w in weights.items()}


def _given(process: Process, problems: list[Problem]) -> dict[str, float]:
    shares = [(MAIN, process.share, process.location)]
    shares += [(c.label, c.share, c.location) for c in process.coproducts]
    out = {}
    for label, share, where in shares:
        if share is None or not math.isfinite(share) or share < 0:
            problems.append(
                Problem(
                    where,
                    f"output {label or process.reference_product!r}: "
                    f"allocation % {share!r} is not a number >= 0",
                )
            )
            return {MAIN: 1.0}
        out[label] = share / 100.0
    total = math.fsum(out.values())
    if abs(total - 1.0) > 1e-6:
        problems.append(
            Problem(
                process.location,
                f"allocation of {process.id!r}: the outputs' "
                f"allocation % add up to {total * 100:g}, not 100",
            )
        )
        return {MAIN: 1.0}
    return out
