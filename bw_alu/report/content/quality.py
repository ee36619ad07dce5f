"""The data quality section: assumptions, cut-off items, proxy shares, PEF scores."""

from __future__ import annotations

from ...indicators import EF31_EPD, by_label
from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Bullets, Paragraph, Row, Section, Table
from .product import contributor_names, indicator_name
from .tables import headers, row, section, table

CFP_INDICATORS = (
    "GWP100 (IPCC 2021)",
    "GWP100 fossil (IPCC 2021)",
    "GWP100 biogenic (IPCC 2021)",
    "GWP100 land use (IPCC 2021)",
)
DQ_KEYS = ("ter", "ger", "tir", "p")


def _assumptions(result: ProductResult, lang: str) -> Block:
    assumptions = result.meta.get("assumptions") or []
    if not assumptions:
        return Paragraph(i18n.t("no_assumptions", lang))
    rows = [
        row(
            a.get("id", ""),
            i18n.localized(a.get("text_zh"), a.get("text", ""), lang),
            a.get("affects") or "",
        )
        for a in assumptions
    ]
    columns = headers(lang, "assumption_id", "assumption_text", "affects")
    return table("assumptions", "assumptions", lang, columns, rows)


def _left_out(result: ProductResult, lang: str) -> list[Table]:
    left_out = result.meta.get("left_out") or []
    if not left_out:
        return []
    rows = [
        row(
            x.get("label", ""),
            cells.given(x.get("mass_kg")),
            i18n.yes_no(x.get("precious"), lang),
            x.get("reason") or "",
        )
        for x in left_out
    ]
    columns = headers(lang, "contributor", "mass_kg", "precious", "reason")
    return [table("left_out", "left_out", lang, columns, rows)]


def _proxy_shares(result: ProductResult, kind: str, lang: str) -> Table:
    info = by_label()
    rows = [
        row(
            indicator_name(info, label, lang),
            cells.percent(share.get("proxy")),
            cells.percent(share.get("ghg_only_proxy")),
        )
        for label in (CFP_INDICATORS if kind == "cfp" else EF31_EPD)
        if (share := result.proxy_share.get(label)) is not None
    ]
    return table(
        "proxy_share",
        "proxy_shares",
        lang,
        headers(lang, "indicator", "proxy_share", "ghg_only_share"),
        rows,
        note=i18n.t("proxy_share_note", lang),
    )


def _dq_row(r: dict, names: dict[str, str]) -> Row:
    dq = r["dq"]
    vals = [dq.get(k, dq.get(f"dq_{k}")) for k in DQ_KEYS]
    known = [v for v in vals if isinstance(v, (int, float))]
    dqr = sum(known) / 4 if len(known) == 4 else None
    return row(
        cells.ordinal(r["index"]),
        names.get(r["label"], r["label"]),
        *[cells.given(v) for v in vals],
        cells.value(dqr) if dqr is not None else "",
    )


def _data_quality(result: ProductResult, lang: str) -> list[Table]:
    names = contributor_names(result, lang)
    rows = [_dq_row(r, names) for r in result.rows if r.get("dq")]
    if not rows:
        return []
    columns = [*headers(lang, "no", "contributor"), "TeR", "GeR", "TiR", "P", i18n.t("dqr", lang)]
    return [table("data_quality", "dq_scores", lang, columns, rows)]


def quality_section(result: ProductResult, kind: str, lang: str) -> Section:
    blocks: list[Block] = [
        _assumptions(result, lang),
        *_left_out(result, lang),
        _proxy_shares(result, kind, lang),
        *_data_quality(result, lang),
    ]
    incomplete = result.calculation.get("incomplete_indicators") or []
    if incomplete:
        blocks.append(Bullets([i18n.t("incomplete", lang, names=", ".join(incomplete))]))
    return section("quality", "sec_quality", lang, blocks)
