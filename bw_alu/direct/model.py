"""The records a direct-emission calculator reads and writes.

A workbook's ``direct_emissions`` sheet holds one row per parameter; rows sharing a
label form one :class:`DirectItem`. Amounts are kept exactly as written (value, unit,
source, cell) so every problem and every audit line can point back to the cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location


@dataclass(frozen=True)
class Param:
    """One parameter row of a direct-emission item."""

    name: str  # as written in the workbook, lower case, snake_case
    value: float | str  # numbers as float; text parameters (fuel, carbonate, ...) as str
    unit: str | None
    source: str  # the workbook's source column ("" if blank)
    location: Location  # the value cell
    # The unit cell, when the reader knows it; unit problems fall back to ``location``.
    unit_location: Location | None = None


@dataclass(frozen=True)
class DirectItem:
    """One direct-emission source: a calculator and its parameters."""

    label: str
    calculator: str
    stage: str = "production"
    params: dict[str, Param] = field(default_factory=dict)
    location: Location = Location("")  # the item's first row, column "calculator"
    process: str = ""  # the foreground process that emits it ("" = the product's process)


@dataclass(frozen=True)
class DirectContext:
    """How workbook amounts relate to one declared unit."""

    # Multiplies an extensive amount (a fuel mass, a carbonate mass, a refrigerant refill)
    # into per declared unit: 1.0 for a per-declared-unit workbook, DU/annual production
    # for an annual one.
    per_du: float
    # Tonnes of aluminium product in one declared unit: multiplies per-t-Al parameters.
    du_tonnes_al: float

    def __post_init__(self) -> None:
        if not (self.per_du > 0 and self.du_tonnes_al > 0):
            raise ValueError(f"per_du and du_tonnes_al must be > 0, got {self}")


@dataclass(frozen=True)
class DirectResult:
    """Elementary flows of one item (biosphere3 code -> kg per declared unit), with audit."""

    label: str
    calculator: str
    stage: str
    flows: dict[str, float]
    audit: dict
