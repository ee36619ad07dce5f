"""Data quality: the PEF data quality rating per row and weighted by contribution, and
the share of each result resting on proxies.

DQR = (TeR + GeR + TiR + P) / 4, each scored 1 (best) .. 5 (the workbook's ``dq_*``
columns). The weighted DQR weights each scored row by its share of the absolute
contributions to the indicator (GWP100 for a CFP, Climate change for an EPD). The
quality levels and their limits, the formula and the weighting, each with its source
and how far it is confirmed, are read from ``methods/dq_rating_bands.csv`` and
``methods/dq_rating_formula.csv``; the report shows them under the DQR table.
"""

from __future__ import annotations

import csv
from functools import cache

from ...indicators import EF31_EPD, by_label
from ...paths import METHODS_DIR
from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Bullets, Paragraph, Row, Section, Table
from .datasets import proxy_shares
from .methods import CFP_INDICATORS
from .product import contributor_names, indicator_name
from .tables import headers, row, section, table

DQ_KEYS = ("ter", "ger", "tir", "p")
BANDS_FILE = METHODS_DIR / "dq_rating_bands.csv"
FORMULA_FILE = METHODS_DIR / "dq_rating_formula.csv"


@cache
def bands() -> tuple[dict, ...]:
    """The quality levels, best first: ``{"limit", "zh", "en", "status", "source"}``; the
    last level has no upper limit (``inf``)."""
    with BANDS_FILE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        {
            "limit": float(r["dqr_max"]) if r["dqr_max"].strip() else float("inf"),
            "shown": r["dqr_max"].strip(),
            "zh": r["name_zh"],
            "en": r["name_en"],
            "status": r["status"],
            "source": r["source"],
        }
        for r in rows
    )


@cache
def formula() -> dict[str, dict]:
    """The rows of ``methods/dq_rating_formula.csv`` by key (criteria, formula, weighting)."""
    with FORMULA_FILE.open(encoding="utf-8") as f:
        return {r["key"]: r for r in csv.DictReader(f)}


def _status(text: str, lang: str) -> str:
    """How far a figure is confirmed, from the start of its ``status`` text."""
    low = text.lower()
    if "unconfirmed" in low.split(":")[0]:
        return "未核实" if lang == "zh" else "UNCONFIRMED"
    if low.startswith("partly"):
        return "部分核实" if lang == "zh" else "partly confirmed"
    return "有出处" if lang == "zh" else "cited"


TEXT = {
    "band": ("质量等级", "Quality level"),
    "share": ("贡献占比（%）", "Share of contributions (%)"),
    "weighted": ("按贡献加权", "Weighted by contribution"),
    "no_scores": (
        "数据工作簿未给出数据质量评分，无法计算数据质量评级（DQR）。",
        "The workbook gives no data quality scores, so no data quality rating (DQR) is computed.",
    ),
    "bands_note": (
        "{formula}；TeR：技术代表性，GeR：地理代表性，TiR：时间代表性，"
        "P：精确度；各项 1（最好）至 5（最差）。等级：{levels}（PEF 方法；各限值的出处与核实状态见下表）。"
        "加权值按各条目对 {indicator} 贡献的绝对值加权。",
        "{formula}: technological, geographical, time representativeness "
        "and precision, each 1 (best) to 5 (worst). Levels: {levels} (PEF method; the source "
        "and status of each limit are in the next table). The weighted value weights each row "
        "by the absolute value of its contribution to {indicator}.",
    ),
    "else": ("其余为{name}", "else {name}"),
    "levels_title": ("数据质量等级、公式及其出处", "Quality levels, formula and their sources"),
    "level": ("等级 / 项目", "Level / item"),
    "limit": ("DQR 范围", "DQR range"),
    "status": ("核实状态", "Status"),
    "source": ("出处", "Source"),
    "formula": ("公式", "Formula"),
    "criteria": ("评价项", "Criteria"),
    "weighting": ("加权", "Weighting"),
    "levels_note": (
        "出处按原文献的名称和网址列出；“部分核实”：二手文献支持该数值（或名称），"
        "但未检索到 PEF 方法原文（或其中一部分）；"
        "“未核实”：检索未找到原文，数值沿用 PEF 方法的通行取值，待核对。",
        "Sources as the publications name themselves. Partly confirmed: secondary sources "
        "support the figure (or its name), but the PEF method's own text, or part of it, was "
        "not found; UNCONFIRMED: the original text was not found by search and the limit is "
        "the one applied with the PEF method, to be checked. Full notes: "
        "methods/dq_rating_bands.csv and "
        "methods/dq_rating_formula.csv.",
    ),
}


def _t(key: str, lang: str, **fmt) -> str:
    return i18n.pick(TEXT[key], lang, **fmt)


def band(dqr: float, lang: str) -> str:
    for b in bands():
        if dqr <= b["limit"]:
            return b["zh"] if lang == "zh" else b["en"]
    raise AssertionError("unreachable")  # pragma: no cover


def _levels_text(lang: str) -> str:
    parts = []
    for b in bands():
        name = b["zh"] if lang == "zh" else b["en"]
        if b["limit"] == float("inf"):
            parts.append(_t("else", lang, name=name))
        else:
            parts.append(f"≤{b['shown']} {name}" if lang == "zh" else f"<= {b['shown']} {name}")
    return ("，" if lang == "zh" else ", ").join(parts)


def _levels_table(lang: str) -> Table:
    rows: list[Row] = []
    lower = ""
    for b in bands():
        if b["limit"] == float("inf"):
            span = f"> {lower}"
        elif not lower:
            span = f"≤ {b['shown']}"
        else:
            span = f"{lower} – {b['shown']}"
        lower = b["shown"]
        rows.append(
            row(b["zh"] if lang == "zh" else b["en"], span, _status(b["status"], lang), b["source"])
        )
    for key in ("formula", "criteria", "weighting"):
        item = formula().get(key)
        if item:
            value = (
                item["value"] if key != "criteria" or lang == "en" else "TeR、GeR、TiR、P（1–5）"
            )
            if key == "weighting":
                value = "按贡献绝对值" if lang == "zh" else "by absolute contribution"
            rows.append(row(_t(key, lang), value, _status(item["status"], lang), item["source"]))
    columns = [_t(k, lang) for k in ("level", "limit", "status", "source")]
    return Table("dq_levels", _t("levels_title", lang), columns, rows, note=_t("levels_note", lang))


def row_dqr(r: dict) -> float | None:
    dq = r.get("dq") or {}
    vals = [dq.get(k, dq.get(f"dq_{k}")) for k in DQ_KEYS]
    known = [float(v) for v in vals if isinstance(v, (int, float))]
    return sum(known) / 4 if len(known) == 4 else None


def _contributions(result: ProductResult, indicator: str) -> dict[str, float]:
    t = result.table
    block = t[(t["indicator"] == indicator) & (t["contributor"] != "")]
    return dict(zip(block["contributor"], block["score"].abs()))


def _proxy_shares(result: ProductResult, kind: str, lang: str) -> Table:
    info = by_label()
    shares = proxy_shares(result)
    rows = [
        row(
            indicator_name(info, label, lang),
            cells.percent(share.get("proxy")),
            cells.percent(share.get("ghg_only_proxy")),
        )
        for label in (CFP_INDICATORS if kind == "cfp" else EF31_EPD)
        if (share := shares.get(label)) is not None
    ]
    return table(
        "proxy_share",
        "proxy_shares",
        lang,
        headers(lang, "indicator", "proxy_share", "ghg_only_share"),
        rows,
        note=i18n.t("proxy_share_note", lang),
    )


def _dqr_table(result: ProductResult, kind: str, lang: str) -> list[Block]:
    indicator = "GWP100 (IPCC 2021)" if kind == "cfp" else "Climate change"
    names = contributor_names(result, lang)
    contrib = _contributions(result, indicator)
    total = sum(contrib.values())
    scored = [(r, d) for r in result.rows if (d := row_dqr(r)) is not None]
    if not scored:
        return [Paragraph(_t("no_scores", lang))]
    rows: list[Row] = []
    weighted, weight = 0.0, 0.0
    for r, d in scored:
        dq = r["dq"]
        share = contrib.get(r["label"], 0.0) / total if total else None
        if share is not None:
            weighted += d * share
            weight += share
        rows.append(
            row(
                cells.ordinal(r["index"]),
                names.get(r["label"], r["label"]),
                *[cells.given(dq.get(k, dq.get(f"dq_{k}"))) for k in DQ_KEYS],
                cells.fixed(_round(d), 2),
                band(d, lang),
                _share_cell(share),
            )
        )
    if weight:
        w = weighted / weight
        rows.append(
            row(
                "",
                _t("weighted", lang),
                "",
                "",
                "",
                "",
                cells.fixed(_round(w), 2),
                band(w, lang),
                cells.percent(weight),
                style="total",
            )
        )
    columns = [
        *headers(lang, "no", "contributor"),
        "TeR",
        "GeR",
        "TiR",
        "P",
        "DQR",
        _t("band", lang),
        _t("share", lang),
    ]
    info = by_label()
    note = _t(
        "bands_note",
        lang,
        indicator=indicator_name(info, indicator, lang),
        formula=formula()["formula"]["value"],
        levels=_levels_text(lang),
    )
    return [table("data_quality", "dq_scores", lang, columns, rows, note=note), _levels_table(lang)]


def _share_cell(share: float | None):
    """A share in per cent, 2 decimals; a non-zero share never shown as 0.00."""
    if share is None:
        return cells.percent(None)
    return cells.shown(_round(share * 100), share * 100, 2)


def _round(x: float):
    from ..rounding import round_half_up

    return round_half_up(x, 2)


def quality_section(result: ProductResult, kind: str, lang: str) -> Section:
    blocks: list[Block] = [*_dqr_table(result, kind, lang), _proxy_shares(result, kind, lang)]
    incomplete = result.calculation.get("incomplete_indicators") or []
    if incomplete:
        blocks.append(Bullets([i18n.t("incomplete", lang, names=", ".join(incomplete))]))
    return section("quality", "sec_dq", lang, blocks)
