"""Matrices once, factorization once, all indicators, all products.

``engine.py``: a background's matrices and unit scores of every activity;
``foreground.py``: all products' foreground in one pass;
``products.py``: :func:`calculate_products`, the one entry point of every command.
"""

from ..project import bw

# bw2calc imports bw2data, whose first import in an empty data folder creates its files:
# that must happen under the data folder's set-up lock (bw() takes it), or two processes
# starting at once race on them (FileExistsError on <BRIGHTWAY2_DIR>/logs, seen in CI).
bw()

from .engine import BackgroundScores, Factorized, solver_name  # noqa: E402
from .products import CalculationRun, calculate, calculate_products  # noqa: E402

__all__ = [
    "BackgroundScores",
    "CalculationRun",
    "Factorized",
    "calculate",
    "calculate_products",
    "solver_name",
]
