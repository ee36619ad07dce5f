"""The one table of reported indicators (``methods/indicators.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .paths import METHODS_DIR


@dataclass(frozen=True)
class Indicator:
    label: str
    unit: str
    en15804_code: str
    method: tuple[str, str, str]
    family: str  # "EF 3.1" or "IPCC 2021"
    label_zh: str


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    with open(METHODS_DIR / "indicators.csv", encoding="utf-8", newline="") as fh:
        return tuple(
            Indicator(
                label=r["indicator"],
                unit=r["unit"],
                en15804_code=r["en15804_code"],
                method=(r["method_0"], r["method_1"], r["method_2"]),
                family=r["family"],
                label_zh=r["label_zh"],
            )
            for r in csv.DictReader(fh)
        )


def by_label() -> dict[str, Indicator]:
    return {i.label: i for i in indicators()}


EF31_EPD = tuple(i.label for i in indicators() if i.family == "EF 3.1")
CLIMATE_CHANGE = "Climate change"
GWP100 = "GWP100 (IPCC 2021)"
