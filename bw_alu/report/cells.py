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


def shown(d: Decimal | None, exact: float | None, decimals: int) -> Cell:
    """A figure of a consistent table that never shows a non-zero value as zero.

    ``d`` is the apportioned (displayed) value; when it is zero while the exact value is
    not, the exact value is shown with two significant digits instead (``0.0031``,
    ``2.4E-05``): such a figure is too small to change the displayed sums.
    """
    if d is None or exact is None or d != 0 or exact == 0:
        return fixed(d, decimals)
    return tiny(exact)


def kg(x: float | None, decimals: int = 2) -> Cell:
    """A single result in kg CO2e: ``decimals`` decimals, a non-zero value never as zero."""
    if x is None or not math.isfinite(x):
        return Cell(DASH)
    from .rounding import round_half_up

    d = round_half_up(x, decimals)
    return tiny(x) if d == 0 and x != 0 else fixed(d, decimals)


def tiny(x: float) -> Cell:
    """A small non-zero number with two significant digits: fixed down to 1E-04, else E."""
    if abs(x) >= 1e-4:
        dec = max(0, 1 - math.floor(math.log10(abs(x))))
        text = fmt_fixed(Decimal(repr(x)).quantize(Decimal(1).scaleb(-dec)), dec)
        if float(text) == 0:  # pragma: no cover - quantize rounds half even near the edge
            text = f"{x:.1E}"
    else:
        text = f"{x:.1E}"
    return Cell(text, float(text), excel_format(text))


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
