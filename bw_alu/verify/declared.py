"""Read the declared results file: the results table of contract.md.

Columns ``product,indicator,unit,stage,contributor,kind,score`` (any order, any subset of
rows, extra columns kept; an optional ``share`` column is checked). Each value keeps the
precision it was written with: a declared ``6.29`` agrees with any recomputed value that
rounds to it, so a study that rounds its tables is not flagged for rounding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..csv_input import read_rows
from ..errors import DeclaredFileInvalid, Location, Problem

REQUIRED = ("product", "indicator", "unit", "stage", "contributor", "kind", "score")
KINDS = ("", "material", "transport", "energy", "water", "waste", "direct")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Declared:
    """One number as written: its value and half a unit of its last written digit."""

    value: float
    half_ulp: float
    percent: bool = False  # written with a trailing '%'


@dataclass
class DeclaredRow:
    line: int  # 1-based line of the file (header is line 1)
    product: str
    indicator: str
    unit: str
    stage: str
    contributor: str
    kind: str
    score: Declared
    share: Declared | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def level(self) -> str:
        if not self.stage:
            return "total"
        return "subtotal" if not self.contributor else "contribution"

    def ref(self) -> dict:
        """How a finding names this row."""
        return {
            "declared_row": self.line,
            "indicator": self.indicator,
            "stage": self.stage,
            "contributor": self.contributor,
        }

    def name(self) -> str:
        where = self.contributor or (f"{self.stage} subtotal" if self.stage else "total")
        return f"row {self.line} ({self.indicator}, {where})"


def parse_number(text: str) -> Declared:
    """``"6.29"`` -> 6.29 +- 0.005; ``"1.2e-3"`` -> +- 5e-5; ``"12.5%"`` -> percent; ``"0"`` exact.

    Raises ValueError for anything that is not a finite number."""
    s = text.strip().replace("\u2212", "-")
    percent = s.endswith("%")
    if percent:
        s = s[:-1].strip()
    if not _NUMBER.match(s):
        raise ValueError(text)
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(text)
    mantissa, _, exp = s.lower().partition("e")
    if "." not in mantissa and not exp:
        # An integer ("0", "1500") states no precision (writers such as the results
        # table's %.10g print exact integers so): take it as exact.
        return Declared(value, 0.0, percent)
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    half = 0.5 * 10.0 ** (-decimals + (int(exp) if exp else 0))
    return Declared(value, half, percent)


def _letter(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def read_declared(
    path: str | Path, product: str | None = None
) -> tuple[str, list[DeclaredRow], bool]:
    """(product id, rows of that product, whether a share column is present).

    Raises :class:`DeclaredFileInvalid` naming file, row and column of every bad cell.
    """
    path = Path(path)
    problems: list[Problem] = []
    rows: list[DeclaredRow] = []
    records = read_rows(path, DeclaredFileInvalid)
    if not records:
        raise DeclaredFileInvalid.single(Location(str(path), None, 1), "the file is empty")
    header = [h.strip().lower() for h in records[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DeclaredFileInvalid.single(
            Location(str(path), None, 1),
            f"missing column(s) {missing}; the results table needs {list(REQUIRED)}",
        )
    col = {h: i for i, h in reversed(list(enumerate(header)))}
    has_share = "share" in col

    def loc(line: int, name: str) -> Location:
        return Location(str(path), None, line, f"{_letter(col[name])} ({name})")

    for line, rec in enumerate(records[1:], start=2):
        if not any(c.strip() for c in rec):
            continue
        if len(rec) > len(header):
            problems.append(
                Problem(
                    Location(str(path), None, line), f"{len(rec)} cells for {len(header)} columns"
                )
            )
            continue
        rec = rec + [""] * (len(header) - len(rec))
        cell = {h: rec[i].strip() for h, i in col.items()}
        bad = False
        if not cell["indicator"]:
            problems.append(Problem(loc(line, "indicator"), "indicator is empty"))
            bad = True
        if cell["kind"] not in KINDS:
            problems.append(
                Problem(
                    loc(line, "kind"),
                    f"unknown kind {cell['kind']!r}; use one of {list(KINDS[1:])} or leave empty",
                )
            )
            bad = True
        if cell["contributor"] and not cell["stage"]:
            problems.append(Problem(loc(line, "stage"), "a contribution needs its stage"))
            bad = True
        try:
            score = parse_number(cell["score"])
            if score.percent:
                raise ValueError
        except ValueError:
            problems.append(Problem(loc(line, "score"), f"not a number: {cell['score']!r}"))
            bad = True
        share = None
        if has_share and cell["share"]:
            try:
                share = parse_number(cell["share"])
            except ValueError:
                problems.append(
                    Problem(loc(line, "share"), f"not a number or percentage: {cell['share']!r}")
                )
                bad = True
        if bad:
            continue
        extra = {h: cell[h] for h in col if h not in REQUIRED and h != "share"}
        rows.append(
            DeclaredRow(
                line,
                cell["product"],
                cell["indicator"],
                cell["unit"],
                cell["stage"],
                cell["contributor"],
                cell["kind"],
                score,
                share,
                extra,
            )
        )
    if problems:
        raise DeclaredFileInvalid(problems, headline=f"invalid declared results file {path}")
    products = sorted({r.product for r in rows if r.product})
    if product is None:
        if len(products) != 1:
            why = (
                "names no product" if not products else f"names {len(products)} products {products}"
            )
            raise DeclaredFileInvalid.single(
                Location(str(path), None, None, f"{_letter(col['product'])} (product)"),
                f"the file {why}; choose one with --product",
            )
        product = products[0]
    rows = [r for r in rows if r.product in ("", product)]
    if not rows:
        raise DeclaredFileInvalid.single(
            Location(str(path), None, None, f"{_letter(col['product'])} (product)"),
            f"no row of product {product!r}",
        )
    return product, rows, has_share
