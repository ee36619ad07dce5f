"""The default-parameter tables of ``methods/`` (read once, plain CSV)."""

from __future__ import annotations

import csv
from functools import lru_cache

from ..paths import METHODS_DIR


def _read(name: str, key: str) -> dict[str, dict[str, str]]:
    with open(METHODS_DIR / name, newline="", encoding="utf-8") as fh:
        return {row[key].strip(): row for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def fuel_defaults() -> dict[str, dict[str, str]]:
    return _read("fuel_defaults.csv", "fuel")


@lru_cache(maxsize=1)
def anode_effect_slopes() -> dict[str, dict[str, str]]:
    return _read("anode_effect_slope.csv", "technology")


@lru_cache(maxsize=1)
def carbonate_factors() -> dict[str, dict[str, str]]:
    return _read("carbonate_factors.csv", "carbonate")


def cite(row: dict[str, str], table: str) -> str:
    """Where a default came from, for the audit: the table file and its source column."""
    return f"methods/{table}: {row['source']}"
