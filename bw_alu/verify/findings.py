"""Findings of a verification and their ordering: material first, then by size.

A finding is one statement a verifier would write down: a code (stable, for scripts),
a severity, the rows it concerns (declared-file rows and/or inventory rows) and the
numbers behind it. ``size`` orders findings of one severity: for a deviation it is the
deviation as a share of the indicator total (how much it moves the result), for
inventory findings the share of the product's climate-change total or mass concerned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

MATERIAL, MINOR, INFO = "material", "minor", "info"
SEVERITIES = (MATERIAL, MINOR, INFO)

# Every code verify can emit, with what it means (also printed in the README).
CODES = {
    # declared vs recomputed
    "deviation": "declared value differs from the recomputed one",
    "direct-not-from-parameters": "declared direct emission cannot come from its parameters",
    "not-recomputable": "declared value cannot be recomputed (indicator not given by the factor file)",
    "not-in-model": "declared row has no counterpart in the imported study",
    "unknown-indicator": "declared indicator is not one bw-alu computes",
    # the declaration's own arithmetic
    "subtotal-sum": "contributions of a stage do not sum to its declared subtotal",
    "total-sum": "stage subtotals do not sum to the declared total",
    "share": "declared share is not score / total",
    "unit": "declared unit is not the indicator's unit",
    "unit-missing": "declared row has no unit",
    "unit-scaled": "declared in a multiple of the indicator's unit (converted for comparison)",
    # the study's inventory
    "mixed-system-models": "background datasets of different system models (Cut-off / APOS / Consequential)",
    "mixed-process-types": "unit (U) and system (S) processes mixed",
    "transport-in-km": "transport given in km, turned into t*km with an assumed load",
    "reference-flow-assumed": "annual basis without a measured annual production",
    "reference-flow-missing": "annual basis without any annual production",
    "cut-off-item": "a left-out item breaks the 1 % (0.1 % precious) cut-off rule",
    "cut-off-total": "left-out items together exceed 5 % of product mass",
    "identical-amounts": "different inventory rows carry the identical amount",
    "duplicate-rows": "inventory rows repeat process, stage, dataset, amount and unit (counted twice)",
    "proxy-dataset": "rows linked to proxy datasets",
    "substituted-dataset": "rows whose study dataset was replaced by an open dataset",
    "burden-free": "rows carried without upstream burden (cut-off approach)",
}


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    rows: list[dict] = field(default_factory=list)  # declared rows / inventory rows concerned
    numbers: dict = field(default_factory=dict)
    size: float = 0.0
    id: str = ""

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "rows": self.rows,
            "numbers": {k: _json_number(v) for k, v in self.numbers.items()},
        }


def _json_number(v):
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def order(findings: list[Finding]) -> list[Finding]:
    """Material, minor, info; within a severity the largest first; then numbered F01..."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}

    def key(f: Finding):
        size = f.size if math.isfinite(f.size) else 1e300
        return (rank[f.severity], -abs(size), f.code, f.message)

    out = sorted(findings, key=key)
    for n, f in enumerate(out, start=1):
        f.id = f"F{n:02d}"
    return out


def severity_of(rel: float, tolerance: float) -> str:
    """A deviation beyond the materiality threshold is material, otherwise minor."""
    return MATERIAL if not math.isfinite(rel) or abs(rel) > tolerance else MINOR
