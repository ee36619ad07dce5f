"""Data quality: the PEF data quality rating per row and weighted by contribution, and
the share of each result resting on proxies.

DQR = (TeR + GeR + TiR + P) / 4, each scored 1 (best) .. 5 (the workbook's ``dq_*``
columns). The weighted DQR weights each scored row by its share of the absolute
contributions to the indicator (GWP100 for a CFP, Climate change for an EPD), as the
PEF method applies the rating to the processes that make up the impact. Bands, from the
PEF method (Commission Recommendation (EU) 2021/2279, Annex I, overall data quality
level by DQR): <= 1.5 excellent, <= 2.0 very good, <= 3.0 good, <= 4.0 fair, else poor.
"""

from __future__ import annotations

from ...indicators import EF31_EPD, by_label
from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Bullets, Paragraph, Row, Section, Table
from .datasets import proxy_shares
from .methods import CFP_INDICATORS
from .product import contributor_names, indicator_name
from .tables import headers, row, section, table

DQ_KEYS = ("ter", "ger", "tir", "p")
BANDS = (
    (1.5, ("优秀", "excellent")),
    (2.0, ("很好", "very good")),
    (3.0, ("良好", "good")),
    (4.0, ("一般", "fair")),
    (float("inf"), ("差", "poor")),
)
TEXT = {
    "band": ("质量等级", "Quality level"),
    "share": ("贡献占比（%）", "Share of contributions (%)"),
    "weighted": ("按贡献加权", "Weighted by contribution"),
    "no_scores": (
        "数据工作簿未给出数据质量评分，无法计算数据质量评级（DQR）。",
        "The workbook gives no data quality scores, so no data quality rating (DQR) is computed.",
    ),
    "bands_note": (
        "DQR = (TeR + GeR + TiR + P) / 4；TeR：技术代表性，GeR：地理代表性，TiR：时间代表性，"
        "P：精确度；各项 1（最好）至 5（最差）。等级：≤1.5 优秀，≤2.0 很好，≤3.0 良好，≤4.0 一般，"
        "其余为差（PEF 方法，欧盟委员会建议 (EU) 2021/2279 附件一）。加权值按各条目对 {indicator} 贡献的绝对值加权。",
        "DQR = (TeR + GeR + TiR + P) / 4: technological, geographical, time representativeness "
        "and precision, each 1 (best) to 5 (worst). Levels: <= 1.5 excellent, <= 2.0 very good, "
        "<= 3.0 good, <= 4.0 fair, else poor (PEF method, Commission Recommendation (EU) "
        "2021/2279, Annex I). The weighted value weights each row by the absolute value of its "
        "contribution to {indicator}.",
    ),
}


def _t(key: str, lang: str, **fmt) -> str:
    return i18n.pick(TEXT[key], lang, **fmt)


def band(dqr: float, lang: str) -> str:
    for limit, (zh, en) in BANDS:
        if dqr <= limit:
            return zh if lang == "zh" else en
    raise AssertionError("unreachable")  # pragma: no cover


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
                cells.percent(share),
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
    note = _t("bands_note", lang, indicator=indicator_name(info, indicator, lang))
    return [table("data_quality", "dq_scores", lang, columns, rows, note=note)]


def _round(x: float):
    from ..rounding import round_half_up

    return round_half_up(x, 2)


def quality_section(result: ProductResult, kind: str, lang: str) -> Section:
    blocks: list[Block] = [*_dqr_table(result, kind, lang), _proxy_shares(result, kind, lang)]
    incomplete = result.calculation.get("incomplete_indicators") or []
    if incomplete:
        blocks.append(Bullets([i18n.t("incomplete", lang, names=", ".join(incomplete))]))
    return section("quality", "sec_dq", lang, blocks)
