"""Matrices once, factorization once, all indicators, all products.

``engine.py``: a background's matrices and unit scores of every activity;
``foreground.py``: all products' foreground in one pass;
``products.py``: :func:`calculate_products`, the one entry point of every command.
"""

from .engine import BackgroundScores, Factorized, solver_name
from .products import CalculationRun, calculate, calculate_products

__all__ = [
    "BackgroundScores",
    "CalculationRun",
    "Factorized",
    "calculate",
    "calculate_products",
    "solver_name",
]
