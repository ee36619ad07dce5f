"""Matrices once, factorization once, all indicators: see ``engine.py``."""

from .engine import Engine, solver_name

__all__ = ["Engine", "solver_name"]
