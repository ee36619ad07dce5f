"""The results table of contract.md and the product result that carries it.

The long table (``product,indicator,unit,stage,contributor,kind,score``) is the one
interface between calculation and everything after it: report, verify and batch read a
:class:`ProductResult` (or its JSON) and never touch a matrix.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

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


def build_table(product_id: str, indicators, entries: list[dict], scores: dict) -> pd.DataFrame:
    """Long table from per-entry scores.

    ``entries``: row/direct metadata with ``stage``; ``scores[(i, label)]`` the score of entry
    ``i`` for indicator ``label`` (missing when not available, e.g. a factor dataset that does
    not give that indicator). Subtotals are sums of contributions, the total the sum of
    subtotals, so the table adds up by construction.
    """
    records = []
    stages = [s for s in STAGES if any(e["stage"] == s for e in entries)]
    stages += sorted({e["stage"] for e in entries} - set(stages))
    for ind in indicators:
        block, subtotals = [], []
        for stage in stages:
            contribs = []
            for i, e in enumerate(entries):
                if e["stage"] != stage or (i, ind.label) not in scores:
                    continue
                s = scores[(i, ind.label)]
                contribs.append(s)
                kind = "direct" if e["role"] == "direct" else e["kind"]
                block.append((stage, contributor_label(e), kind, s))
            sub = math.fsum(contribs)
            subtotals.append(sub)
            block.insert(len(block) - len(contribs), (stage, "", "", sub))
        records.append((product_id, ind.label, ind.unit, "", "", "", math.fsum(subtotals)))
        records += [(product_id, ind.label, ind.unit, *b) for b in block]
    return pd.DataFrame(records, columns=COLUMNS)


def write_csv(table: pd.DataFrame, path_or_buf) -> None:
    table.to_csv(path_or_buf, index=False, float_format="%.10g", lineterminator="\n")


def dumps(results: list[ProductResult]) -> str:
    return json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1, sort_keys=True)
