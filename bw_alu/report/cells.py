"""Table cells for the different kinds of numbers a report shows."""

from __future__ import annotations

import math
from decimal import Decimal

from .model import Cell
from .rounding import excel_format, fmt_fixed, fmt_value

DASH = "–"


def ordinal(n: int) -> Cell:
    """A row number (No., rank): a whole number a spreadsheet stores as one."""
    return Cell(str(n), n, "0")


def fixed(d: Decimal | None, decimals: int) -> Cell:
    """A rounded figure of a consistent table (contributions, subtotals, shares)."""
    if d is None:
        return Cell(DASH)
    text = fmt_fixed(d, decimals)
    return Cell(text, float(d), "#,##0" + ("." + "0" * decimals if decimals else ""))


def value(x: float | None, digits: int = 3) -> Cell:
    """A single result (EPD table, direct emissions): fixed or ``1.23E-06``."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return Cell(DASH)
    text = fmt_value(x, digits)
    return Cell(text, float(text.replace(",", "")), excel_format(text))


def given(x) -> Cell:
    """A number as the user gave it (inventory amounts, parameters): no rounding."""
    if x is None or x == "":
        return Cell("")
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return Cell(str(x))
    if not math.isfinite(x):
        return Cell(str(x))
    text = f"{x:,.10g}"
    return Cell(text, float(x), "General")


def percent(fraction: float | None, decimals: int = 2) -> Cell:
    """A fraction shown as a percentage number (``40.38`` in a ``(%)`` column)."""
    if fraction is None:
        return Cell(DASH)
    from .rounding import round_half_up

    return fixed(round_half_up(fraction * 100, decimals), decimals)


def significant(x: float | None, digits: int = 6) -> Cell:
    """An audit figure (direct emissions): ``digits`` significant digits, no trailing zeros."""
    if x is None or not math.isfinite(x):
        return Cell(DASH)
    text = f"{x:,.{digits}g}"
    return Cell(text, float(f"{x:.{digits}g}"), "General")
