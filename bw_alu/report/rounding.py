"""Rounding that keeps displayed tables consistent, and number formatting.

The rule (applied to every table of a report that has subtotals or shares):

1. The exact total is rounded half away from zero to the displayed precision.
2. The parts (stage subtotals, or stage shares) are rounded so that they add up to that
   displayed total exactly: each part is first rounded down to the displayed precision,
   and the units still missing are given, one each, to the parts with the largest
   remainders (the largest-remainder or Hamilton method; ties go to the earlier part).
3. The same is done one level down: the contributions of a stage are apportioned to the
   displayed stage subtotal.

So every column adds up exactly as displayed (shares to exactly 100.00 %), and every
displayed number is within one unit of its last digit of the exact value. Negative
parts (credits) are handled the same way: rounding down is toward minus infinity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal


def to_decimal(x: float) -> Decimal:
    # repr gives the shortest string that round-trips, so 0.1 stays 0.1.
    return Decimal(repr(float(x)))


def quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def round_half_up(x: float | Decimal, decimals: int) -> Decimal:
    d = x if isinstance(x, Decimal) else to_decimal(x)
    return d.quantize(quantum(decimals), rounding=ROUND_HALF_UP)


def apportion(parts: Sequence[float | Decimal], target: Decimal, decimals: int) -> list[Decimal]:
    """Round ``parts`` to ``decimals`` so that they sum to ``target`` exactly.

    ``target`` is the already displayed (rounded) sum. Largest-remainder method; ties go to
    the earlier part, so the result does not depend on anything but the input order.
    """
    if not parts:
        return []
    q = quantum(decimals)
    exact = [p if isinstance(p, Decimal) else to_decimal(p) for p in parts]
    floors = [e.quantize(q, rounding=ROUND_FLOOR) for e in exact]
    missing = int(((target - sum(floors, Decimal(0))) / q).to_integral_value())
    # missing is in [0, len(parts)] when target is the rounded sum of parts (see module doc);
    # clamp anyway so a caller's odd target never loops or indexes out of range.
    missing = max(0, min(missing, len(parts)))
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    out = list(floors)
    for i in order[:missing]:
        out[i] += q
    return out


def decimals_for(value: float, significant: int = 5, lo: int = 0, hi: int = 6) -> int:
    """Decimals that show ``value`` with about ``significant`` significant digits."""
    if value == 0 or not math.isfinite(value):
        return min(max(significant - 1, lo), hi)
    exponent = math.floor(math.log10(abs(value)))
    return min(max(significant - 1 - exponent, lo), hi)


def shares(values: list[float], total: float, decimals: int = 2) -> list[Decimal] | None:
    """Percent shares of ``values`` in ``total`` summing to exactly 100 at ``decimals``.

    None when the total is zero (a share is undefined).
    """
    if total == 0:
        return None
    pct = [to_decimal(v) * 100 / to_decimal(total) for v in values]
    return apportion(pct, Decimal(100).quantize(quantum(decimals)), decimals)


def fmt_fixed(d: Decimal, decimals: int) -> str:
    """Fixed-point text with thousands separators, e.g. ``12,345.678``; no ``-0``."""
    d = d.quantize(quantum(decimals))
    if d == 0:
        d = abs(d)
    return f"{d:,.{decimals}f}"


def fmt_sci(x: float, digits: int = 3) -> str:
    """``1.23E-06``: ``digits`` significant digits, scientific notation."""
    if x == 0:
        return "0"
    return f"{x:.{digits - 1}E}"


def fmt_value(x: float, digits: int = 3) -> str:
    """A single value (EPD table): fixed between 0.01 and 1e5, else scientific.

    Tiny values (toxicity, ozone depletion) read better as ``1.23E-06``.
    """
    if x == 0:
        return "0"
    if 0.01 <= abs(x) < 1e5:
        dec = decimals_for(x, significant=max(digits, 4), lo=0, hi=6)
        return fmt_fixed(round_half_up(x, dec), dec)
    return fmt_sci(x, digits)


def excel_format(text: str) -> str:
    """Excel number format that shows a float as ``text`` shows it."""
    t = text.replace(",", "").lstrip("-")
    if "E" in t:
        mant = t.split("E")[0]
        dec = len(mant.split(".")[1]) if "." in mant else 0
        return ("0." + "0" * dec if dec else "0") + "E+00"
    dec = len(t.split(".")[1]) if "." in t else 0
    return "#,##0" + ("." + "0" * dec if dec else "")
