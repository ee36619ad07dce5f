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


class TableBuilder:
    """The long tables of many products, built as one frame and handed out per product.

    ``add`` takes a product's contributors (metadata with ``stage``, ``role``, ``label``,
    ``kind``, ``calculator``) and their scores (contributors x indicators, with a mask of
    the scores that exist: a factor dataset may not give every indicator). Per indicator
    the table lists the total, then per stage (``STAGES`` order, others after, sorted) its
    subtotal and its contributors in the order given. Subtotals are ``math.fsum`` of
    contributions and the total the ``fsum`` of subtotals, so a table adds up by
    construction. Strings are interned: pandas checks each distinct string once, however
    many products share it.
    """

    def __init__(self, indicators) -> None:
        self.indicators = tuple(indicators)
        self._vocab: dict[str, int] = {}
        self._codes: dict[str, list[np.ndarray]] = {c: [] for c in COLUMNS[:-1]}
        self._scores: list[np.ndarray] = []
        self._sizes: list[int] = []
        ind = [self._code(i.label) for i in self.indicators]
        unit = [self._code(i.unit) for i in self.indicators]
        self._ind, self._unit = np.asarray(ind), np.asarray(unit)

    def _code(self, text: str) -> int:
        return self._vocab.setdefault(text, len(self._vocab))

    def add(
        self, product_id: str, entries: list[dict], scores: np.ndarray, present: np.ndarray
    ) -> dict[str, float]:
        """Queue one product's table; returns its totals by indicator label."""
        k = len(self.indicators)
        stages = [st for st in STAGES if any(e["stage"] == st for e in entries)]
        stages += sorted({e["stage"] for e in entries} - set(stages))
        members = [[i for i, e in enumerate(entries) if e["stage"] == st] for st in stages]
        names = [self._code(contributor_label(e)) for e in entries]
        kinds = [self._code("direct" if e["role"] == "direct" else e["kind"]) for e in entries]
        blank = self._code("")
        stage_codes = [self._code(st) for st in stages]
        if present.all():
            values, stage_col, name_col, kind_col, totals = self._block(
                scores, members, stage_codes, names, kinds, blank
            )
            sizes = [len(stage_col)] * k
            cols = {
                "stage": np.tile(stage_col, k),
                "contributor": np.tile(name_col, k),
                "kind": np.tile(kind_col, k),
            }
        else:
            parts = [
                self._block(
                    scores[:, [j]],
                    [[i for i in idx if present[i, j]] for idx in members],
                    stage_codes,
                    names,
                    kinds,
                    blank,
                )
                for j in range(k)
            ]
            values = np.concatenate([p[0] for p in parts])
            totals = [p[4][0] for p in parts]
            sizes = [len(p[1]) for p in parts]
            cols = {
                c: np.concatenate([p[n] for p in parts])
                for n, c in enumerate(["stage", "contributor", "kind"], start=1)
            }
        n = len(values)
        self._codes["product"].append(np.full(n, self._code(product_id)))
        self._codes["indicator"].append(np.repeat(self._ind, sizes))
        self._codes["unit"].append(np.repeat(self._unit, sizes))
        for c, v in cols.items():
            self._codes[c].append(v)
        self._scores.append(values)
        self._sizes.append(n)
        return {ind.label: t for ind, t in zip(self.indicators, totals)}

    @staticmethod
    def _block(scores, members, stage_codes, names, kinds, blank):
        """Rows of every indicator (columns of ``scores``): total, then per stage its
        subtotal and members. Returns (values flattened indicator by indicator, and the
        stage, contributor and kind codes and totals of one indicator's rows)."""
        order = [i for idx in members for i in idx]
        k = scores.shape[1]
        size = 1 + len(members) + len(order)
        Z = np.empty((size, k))
        own: list[int] = []  # row of each member (in ``order``) in the block
        sub_rows = []
        stage_col, name_col, kind_col = [blank], [blank], [blank]
        r = 1
        for code, idx in zip(stage_codes, members):
            sub_rows.append(r)
            own += range(r + 1, r + 1 + len(idx))
            stage_col += [code] * (len(idx) + 1)
            name_col += [blank] + [names[i] for i in idx]
            kind_col += [blank] + [kinds[i] for i in idx]
            r += 1 + len(idx)
        by_member = scores[order]
        Z[own] = by_member
        columns = by_member.T.tolist()
        totals = []
        for j in range(k):
            col = columns[j]
            start, subtotals = 0, []
            for row, idx in zip(sub_rows, members):
                sub = math.fsum(col[start : start + len(idx)])
                Z[row, j] = sub
                subtotals.append(sub)
                start += len(idx)
            Z[0, j] = total = math.fsum(subtotals)
            totals.append(total)
        return (
            Z.ravel(order="F"),
            np.asarray(stage_col),
            np.asarray(name_col),
            np.asarray(kind_col),
            totals,
        )

    def tables(self) -> list[pd.DataFrame]:
        """One table per ``add``, in order (a slice of the one frame, indexed from 0)."""
        if not self._sizes:
            return []
        vocab = pd.array(list(self._vocab), dtype="str")
        frame = pd.DataFrame(
            {c: vocab.take(np.concatenate(self._codes[c])) for c in COLUMNS[:-1]}
            | {"score": np.concatenate(self._scores)},
            columns=COLUMNS,
        )
        bounds = np.concatenate([[0], np.cumsum(self._sizes)])
        return [frame.iloc[a:b].reset_index(drop=True) for a, b in zip(bounds[:-1], bounds[1:])]


def write_csv(table: pd.DataFrame, path_or_buf) -> None:
    table.to_csv(path_or_buf, index=False, float_format="%.10g", lineterminator="\n")


def dumps(results: list[ProductResult]) -> str:
    return json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1, sort_keys=True)
