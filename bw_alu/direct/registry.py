"""Calculator name -> module, and the three entry points: check, compute, flow_names."""

from __future__ import annotations

from ..errors import InvalidParameter, Problem
from . import (
    anode_consumption,
    anode_effect,
    audit,
    carbonate_decomposition,
    fuel_combustion,
    refrigerant_leakage,
)
from .base import EXTENSIVE, Outcome
from .model import DirectContext, DirectItem, DirectResult
from .params import Reader

# Order as in the contract's results table (contributor "<calculator>: <label>").
_MODULES = {
    m.NAME: m
    for m in (
        fuel_combustion,
        anode_consumption,
        anode_effect,
        carbonate_decomposition,
        refrigerant_leakage,
    )
}
CALCULATORS: tuple[str, ...] = tuple(_MODULES)


def _evaluate(item: DirectItem) -> tuple[Outcome | None, Reader | None, list[Problem]]:
    module = _MODULES.get(item.calculator)
    if module is None:
        message = (
            f"item {item.label!r}: unknown calculator {item.calculator!r} "
            f"(known: {', '.join(CALCULATORS)})"
        )
        return None, None, [Problem(item.location, message)]
    reader = Reader(item, module.PARAMETERS)
    outcome = module.evaluate(reader)
    return outcome, reader, reader.problems


def check(item: DirectItem) -> list[Problem]:
    """Every problem of ``item``, each at its cell; ``[]`` if it can be computed."""
    return _evaluate(item)[2]


def compute(item: DirectItem, context: DirectContext) -> DirectResult:
    """Elementary flows (biosphere3 code -> kg per declared unit) and audit of ``item``.

    Raises :class:`~bw_alu.errors.InvalidParameter` with every problem :func:`check` finds.
    """
    outcome, reader, problems = _evaluate(item)
    if problems:
        raise InvalidParameter(problems, headline=f"direct-emission item {item.label!r} is invalid")
    # No problem: the calculator is known (so there is a reader) and returned an outcome.
    assert outcome is not None and reader is not None
    scale = context.per_du if outcome.basis == EXTENSIVE else context.du_tonnes_al
    flows, record = audit.build(item, outcome, reader.audit, scale)
    return DirectResult(item.label, item.calculator, item.stage, flows, record)
