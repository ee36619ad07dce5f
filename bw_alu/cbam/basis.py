"""The declared unit and production volume the CBAM figures are per.

From the stored graph, the per-declared-unit amounts are the stored product's, so the
declared unit (and, on an annual basis, the production volume) is the one bw-alu stored
with the product at import (the product activity's ``bw_alu.product`` metadata and its
``unit``), not the workbook's: a workbook given with ``--workbook`` may declare another
unit. From the workbook (``--from-workbook``, or the product not in the project), the
workbook's own. CBAM counts per tonne of good and its sheets (``activity_level_t``,
precursor masses) are in tonnes, so a stored declared unit that is not a mass, or that
disagrees with the product activity's own unit, is one error naming both the stored
product's unit and the workbook's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import CbamDataInvalid, Location, Problem
from ..units import UnitError, dimension, factor, normalize
from ..workbook.model import Plant, per_declared_unit
from .stored import StoredProduct


@dataclass(frozen=True)
class Basis:
    du_amount: float
    du_unit: str
    basis: str  # "annual" or "per_declared_unit"
    annual_production: float | None
    annual_production_unit: str | None
    origin: str  # "stored product in project P" or "workbook"

    @property
    def du_tonnes(self) -> float:
        return self.du_amount * factor(self.du_unit, "t")

    @property
    def annual_t(self) -> float | None:
        """The production volume in t (annual basis only)."""
        if self.basis != "annual" or self.annual_production is None:
            return None
        return self.annual_production * factor(self.annual_production_unit or self.du_unit, "t")

    @property
    def per_du(self) -> float:
        """Factor from an amount on the workbook's basis to an amount per declared unit."""
        return per_declared_unit(
            self.du_amount,
            self.du_unit,
            self.basis,
            self.annual_production,
            self.annual_production_unit,
        )

    @property
    def text(self) -> str:
        return f"{self.du_amount:g} {self.du_unit}"


def _of_workbook(plant: Plant) -> Basis:
    p = plant.product
    return Basis(
        p.declared_unit_amount,
        p.declared_unit_unit,
        p.basis,
        p.annual_production,
        p.annual_production_unit,
        "workbook",
    )


def basis_of(plant: Plant, stored: StoredProduct | None) -> Basis:
    """The declared unit of the figures: the stored product's when ``stored`` is given,
    else the workbook's. Raises :class:`CbamDataInvalid` (one problem, naming the stored
    product's unit and the workbook's) when the stored one cannot serve CBAM."""
    book = _of_workbook(plant)
    if stored is None:
        return book
    du = stored.declared_unit or {}
    where = plant.product.location or Location(str(plant.path), "product")
    head = (
        f"product {stored.product_id!r} as stored in project {stored.project!r} "
        f"(declared unit {du.get('amount')!r} {du.get('unit')!r}, product activity unit "
        f"{du.get('activity_unit')!r})"
    )
    tail = (
        f"; the workbook's CBAM sheets are for declared unit {book.text} "
        "(field declared_unit_amount / declared_unit_unit), CBAM counts per t of good. "
        "Re-import the product (bw-alu import), or give --from-workbook"
    )

    def fail(why: str) -> CbamDataInvalid:
        message = f"{head}: {why}{tail}"
        return CbamDataInvalid([Problem(where, message)], headline=message)

    amount, unit = du.get("amount"), du.get("unit")
    if not isinstance(amount, int | float) or not amount > 0 or not unit:
        raise fail("no declared unit stored with the product (bw-alu writes it at import)")
    try:
        unit = normalize(str(unit))
        mass = dimension(unit) == "mass"
        activity = du.get("activity_unit")
        activity = normalize(str(activity)) if activity else unit
    except UnitError as exc:
        raise fail(str(exc)) from None
    if not mass:
        raise fail(f"its declared unit {unit} is not a mass")
    if activity != unit:
        raise fail(f"the product activity's unit {activity} disagrees with its declared unit")
    basis = du.get("basis") or "per_declared_unit"
    annual: float | None = None
    annual_unit: str | None = None
    if basis == "annual":
        given, given_unit = du.get("annual_production"), du.get("annual_production_unit")
        try:
            if isinstance(given, int | float) and given > 0:
                annual_unit = normalize(str(given_unit or unit))
                annual = float(given) if dimension(annual_unit) == "mass" else None
        except UnitError:
            annual = None
        if annual is None:
            raise fail(
                f"its basis is annual but its annual production {given!r} "
                f"{given_unit!r} is not a positive mass"
            )
    return Basis(
        float(amount),
        unit,
        basis,
        annual,
        annual_unit,
        f"stored product in project {stored.project}",
    )
