"""The results table of contract.md and the product result that carries it.

The long table (``product,indicator,unit,stage,contributor,kind,score``) is the one
interface between calculation and everything after it: report, verify and batch read a
:class:`ProductResult` (or its JSON) and never touch a matrix.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .workbook.model import STAGES

COLUMNS = ["product", "indicator", "unit", "stage", "contributor", "kind", "score"]


def contributor_label(entry: dict) -> str:
    """Contract label of a contribution: the row label, or ``<calculator>: <label>``."""
    if entry["role"] == "direct":
        return f"{entry['calculator']}: {entry['label']}"
    return entry["label"]


@dataclass
class ProductResult:
    product_id: str
    meta: dict  # product, assumptions, left_out, background, workbook, versions
    table: pd.DataFrame  # COLUMNS
    rows: list[dict]  # inventory rows with their link (import metadata)
    direct: list[dict]  # audit of each direct-emission item
    proxy_share: dict[str, dict] = field(default_factory=dict)
    calculation: dict = field(default_factory=dict)

    def totals(self) -> dict[str, float]:
        t = self.table
        total = t[t["stage"] == ""]
        return dict(zip(total["indicator"], total["score"]))

    def total(self, indicator: str) -> float:
        return self.totals()[indicator]

    def to_json(self) -> dict:
        return {
            "product_id": self.product_id,
            "meta": self.meta,
            "calculation": self.calculation,
            "proxy_share": self.proxy_share,
            "rows": self.rows,
            "direct": self.direct,
            "results": self.table.to_dict(orient="records"),
        }

    @classmethod
    def from_json(cls, data: dict) -> ProductResult:
        return cls(
            product_id=data["product_id"],
            meta=data["meta"],
            table=pd.DataFrame(data["results"], columns=COLUMNS),
            rows=data["rows"],
            direct=data["direct"],
            proxy_share=data.get("proxy_share", {}),
            calculation=data.get("calculation", {}),
        )


def build_table(
    product_id: str, indicators, entries: list[dict], scores: dict, *, with_totals: bool = False
):
    """Long table from per-entry scores.

    ``entries``: row/direct metadata with ``stage``; ``scores[(i, label)]`` the score of entry
    ``i`` for indicator ``label`` (missing when not available, e.g. a factor dataset that does
    not give that indicator). Subtotals are sums of contributions, the total the sum of
    subtotals, so the table adds up by construction. With ``with_totals``, returns
    ``(table, {indicator: total})``.
    """
    stages = [s for s in STAGES if any(e["stage"] == s for e in entries)]
    stages += sorted({e["stage"] for e in entries} - set(stages))
    # Per stage, its entries with contributor label and kind, computed once (batch
    # assembles thousands of tables: keep the inner loop to lookups).
    by_stage = [
        (
            stage,
            [
                (i, contributor_label(e), "direct" if e["role"] == "direct" else e["kind"])
                for i, e in enumerate(entries)
                if e["stage"] == stage
            ],
        )
        for stage in stages
    ]
    # Columns are collected as lists (not row tuples): pandas builds a frame from lists
    # several times faster, which matters when a batch assembles thousands of tables.
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    totals = {}

    def add(indicator, unit, stage, contributor, kind, score):
        cols["indicator"].append(indicator)
        cols["unit"].append(unit)
        cols["stage"].append(stage)
        cols["contributor"].append(contributor)
        cols["kind"].append(kind)
        cols["score"].append(score)

    for ind in indicators:
        label, unit = ind.label, ind.unit
        block, subtotals = [], []
        for stage, members in by_stage:
            contribs = [
                (stage, name, kind, scores[(i, label)])
                for i, name, kind in members
                if (i, label) in scores
            ]
            sub = math.fsum(c[-1] for c in contribs)
            subtotals.append(sub)
            block.append((stage, "", "", sub))
            block += contribs
        total = math.fsum(subtotals)
        totals[label] = total
        add(label, unit, "", "", "", total)
        for b in block:
            add(label, unit, *b)
    cols["product"] = [product_id] * len(cols["score"])
    table = pd.DataFrame(
        {c: cols[c] for c in COLUMNS[:-1]} | {"score": np.asarray(cols["score"], dtype=float)},
        columns=COLUMNS,
    )
    return (table, totals) if with_totals else table


def write_csv(table: pd.DataFrame, path_or_buf) -> None:
    table.to_csv(path_or_buf, index=False, float_format="%.10g", lineterminator="\n")


def dumps(results: list[ProductResult]) -> str:
    return json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1, sort_keys=True)
