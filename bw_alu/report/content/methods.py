"""The life cycle impact assessment method table: indicator, unit, method, main substances.

The main substances are derived, not written by hand: ``scripts/indicator_substances.py``
computes every indicator for the example plant A (remelting ingot, Yunnan) with bw2calc
on the installed background and writes the elementary flows with the largest absolute
share of each result to ``methods/indicator_substances.csv``, which this table reads.
They tell a reader which flows drive each indicator in this tool's background, not what
this product emits; the table note says so.
"""

from __future__ import annotations

import csv
from functools import cache

from ...indicators import EF31_EPD, by_label
from ...paths import METHODS_DIR
from ...results import ProductResult
from .. import i18n
from ..model import Section
from .product import indicator_name
from .tables import headers, row, table_section

CFP_INDICATORS = (
    "GWP100 (IPCC 2021)",
    "GWP100 fossil (IPCC 2021)",
    "GWP100 biogenic (IPCC 2021)",
    "GWP100 land use (IPCC 2021)",
)

SUBSTANCES_FILE = METHODS_DIR / "indicator_substances.csv"


@cache
def substances() -> dict[str, list[dict]]:
    """Rows of ``methods/indicator_substances.csv`` by indicator, in rank order."""
    out: dict[str, list[dict]] = {}
    with SUBSTANCES_FILE.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["indicator"], []).append(r)
    for rows in out.values():
        rows.sort(key=lambda r: int(r["rank"]))
    return out


def _percent(share: str) -> str:
    """A share as per cent; a small non-zero share keeps two significant digits."""
    v = float(share) * 100
    if v == 0 or abs(v) >= 0.1:
        return f"{v:.1f} %"
    return f"{v:.2g} %"


def substances_text(label: str, lang: str) -> str:
    rows = substances().get(label, [])
    if not rows:
        return "无（示例结果为零）" if lang == "zh" else "none (zero in the example)"
    if lang == "zh":
        return "、".join(f"{r['name_zh'] or r['flow']} {_percent(r['share'])}" for r in rows)
    return "; ".join(f"{r['flow']} ({r['categories']}) {_percent(r['share'])}" for r in rows)


LABELS = {
    "method": ("评价方法", "Method"),
    "substances": ("主要贡献物质（占比）", "Main substances (share)"),
    "note": (
        "主要贡献物质为计算得出：以所装背景数据库计算示例产品（云南重熔用铝锭）的各指标，"
        "按基本流汇总特征化结果，列出绝对贡献最大的前三种基本流及其占比（负值为负贡献）；"
        "反映本工具背景数据下各指标的主导物质，并非本产品的排放清单。",
        "Main substances are derived: each indicator computed with bw2calc for example plant A "
        "(ingot_yunnan_2024) on the installed background, the characterized inventory summed "
        "by elementary flow, the three flows with the largest absolute share listed with their "
        "share (negative: a negative contribution) by scripts/indicator_substances.py "
        "(methods/indicator_substances.csv). They show which flows drive each indicator in this "
        "tool's background, not this product's emissions.",
    ),
}


def methods_section(result: ProductResult, kind: str, lang: str) -> Section:
    info = by_label()
    labels = CFP_INDICATORS if kind == "cfp" else EF31_EPD
    rows = []
    for label in labels:
        if label not in info:
            continue
        rows.append(
            row(
                indicator_name(info, label, lang),
                info[label].en15804_code,
                i18n.unit(info[label].unit, lang),
                info[label].family,
                substances_text(label, lang),
            )
        )
    pick = 0 if lang == "zh" else 1
    columns = [
        *headers(lang, "indicator", "code", "unit"),
        LABELS["method"][pick],
        LABELS["substances"][pick],
    ]
    return table_section("methods", lang, columns, rows, note=LABELS["note"][pick])
