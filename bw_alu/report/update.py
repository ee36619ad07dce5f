"""The EPD update check: does any indicator rise 10 % or more against the previous declaration?

The previous declaration is given as its results table (the contract's columns,
``product,indicator,unit,stage,contributor,kind,score``; only the total rows are read:
empty stage and contributor). An EPD is re-issued when an indicator changes by 10 % or
more (the plant A study's own update rule, and the EN 15804 programme rule it follows);
a rise of 10 % or more marks "update required".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..csv_input import read_rows
from ..errors import Location, PreviousResultsInvalid, Problem
from ..results import ProductResult

THRESHOLD = 0.10
REQUIRED = ("indicator", "unit", "score")


@dataclass(frozen=True)
class Change:
    indicator: str
    unit: str
    previous: float
    current: float

    @property
    def change(self) -> float | None:
        """Relative change (0.12 for +12 %); None when the previous value is zero."""
        if self.previous == 0:
            return None
        return (self.current - self.previous) / abs(self.previous)

    @property
    def update_required(self) -> bool:
        c = self.change
        return c is not None and c >= THRESHOLD - 1e-12


def read_previous(path: str | Path, product_id: str | None = None) -> dict[str, tuple[str, float]]:
    """indicator -> (unit, total) of the previous declaration's results table."""
    path = Path(path)
    name = str(path)
    rows = read_rows(path, PreviousResultsInvalid)
    if not rows:
        raise PreviousResultsInvalid.single(Location(name), "the file is empty")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PreviousResultsInvalid.single(
            Location(name, row=1), f"missing column(s) {', '.join(missing)}"
        )
    col = {h: k for k, h in enumerate(header)}
    problems, out = [], {}

    def get(r, key):
        k = col.get(key)
        return r[k].strip() if k is not None and k < len(r) else ""

    for n, r in enumerate(rows[1:], start=2):
        if not any(x.strip() for x in r):
            continue
        if get(r, "stage") or get(r, "contributor"):
            continue  # only totals are compared
        if product_id and get(r, "product") and get(r, "product") != product_id:
            continue
        try:
            score = float(get(r, "score"))
        except ValueError:
            problems.append(
                Problem(Location(name, row=n, column="score"), f"not a number: {get(r, 'score')!r}")
            )
            continue
        if not math.isfinite(score):
            problems.append(Problem(Location(name, row=n, column="score"), "not a finite number"))
            continue
        out[get(r, "indicator")] = (get(r, "unit"), score)
    if problems:
        raise PreviousResultsInvalid(problems, headline="invalid previous results table")
    if not out:
        raise PreviousResultsInvalid.single(
            Location(name), "no total rows (empty stage and contributor) to compare with"
        )
    return out


def compare(previous: dict[str, tuple[str, float]], result: ProductResult) -> list[Change]:
    """One change per indicator present in both, in the current table's order."""
    totals = result.totals()
    units = dict(zip(result.table["indicator"], result.table["unit"]))
    out = []
    for indicator, current in totals.items():
        if indicator in previous:
            unit, prev = previous[indicator]
            out.append(Change(indicator, units.get(indicator, unit), prev, float(current)))
    return out


def update_required(changes: list[Change]) -> bool:
    return any(c.update_required for c in changes)


def to_json(changes: list[Change]) -> dict:
    return {
        "threshold": THRESHOLD,
        "update_required": update_required(changes),
        "indicators": [
            {
                "indicator": c.indicator,
                "unit": c.unit,
                "previous": c.previous,
                "current": c.current,
                "change": c.change,
                "update_required": c.update_required,
            }
            for c in changes
        ],
    }


def to_markdown(changes: list[Change]) -> str:
    """The update check as a markdown section (for ``verify --previous``)."""
    from .rounding import fmt_value

    lines = [
        "## EPD update check (previous declaration)",
        "",
        "| indicator | unit | previous | current | change (%) | update required |",
        "|---|---|---:|---:|---:|---|",
    ]
    for c in changes:
        pct = "–" if c.change is None else f"{c.change * 100:.2f}"
        lines.append(
            f"| {c.indicator} | {c.unit} | {fmt_value(c.previous)} | {fmt_value(c.current)} "
            f"| {pct} | {'yes' if c.update_required else 'no'} |"
        )
    verdict = (
        "At least one indicator rose by 10 % or more: the EPD must be updated."
        if update_required(changes)
        else "No indicator rose by 10 % or more."
    )
    return "\n".join([*lines, "", verdict, ""])
