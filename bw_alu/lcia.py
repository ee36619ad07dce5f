"""``bw-alu lcia``: all indicators for imported products, with contributions.

The calculation lives in :mod:`bw_alu.calculate`; ``calculate_products`` is re-exported
here because ``lcia``, ``batch``, ``report`` and ``verify`` all go through it, so the
same product gets the same numbers whichever command computed it.
"""

from __future__ import annotations

from .calculate import CalculationRun, calculate, calculate_products

__all__ = ["CalculationRun", "calculate", "calculate_products"]
