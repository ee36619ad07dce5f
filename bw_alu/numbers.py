"""Which numbers bw-alu accepts: finite and representable in float32.

Brightway's processed arrays keep each exchange amount also as the ``loc`` of
bw_processing's ``UNCERTAINTY_DTYPE``, a float32 (bw_processing 1.6,
``bw_processing/constants.py``), so a value beyond float32 becomes inf there (above
~3.4e38), and one below the smallest normal float32 (~1.18e-38) loses its precision or
becomes 0. Such a value is refused where it is read (and again once scaled to the units
stored) rather than becoming inf or nan in the results. Zero is allowed.
"""

from __future__ import annotations

import math

import numpy as np

FLOAT32_MAX = float(np.finfo(np.float32).max)  # 3.4028235e+38
FLOAT32_TINY = float(np.finfo(np.float32).tiny)  # 1.1754944e-38, smallest normal


def storable(x: float) -> bool:
    """Finite, and zero or of a magnitude in [FLOAT32_TINY, FLOAT32_MAX]."""
    if not math.isfinite(x):
        return False
    a = abs(x)
    return a == 0 or FLOAT32_TINY <= a <= FLOAT32_MAX


def not_storable(x: float) -> str:
    """Why ``x`` is refused, for a validation message."""
    if math.isnan(x):
        return "not a number (nan)"
    if math.isinf(x):
        return f"{x} is not a finite number"
    if abs(x) > FLOAT32_MAX:
        return f"{x:g} is too large: numbers must lie within +/-{FLOAT32_MAX:.7g} (float32)"
    return (
        f"{x:g} is too small to store: a non-zero number must be at least "
        f"{FLOAT32_TINY:.7g} in size (float32); use 0 or a larger unit"
    )
