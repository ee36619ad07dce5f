"""The annex: background datasets and their provenance, assumptions, items left out."""

from __future__ import annotations

from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Paragraph, Section, Table
from .datasets import datasets_blocks
from .tables import headers, row, section, table


def _assumptions(result: ProductResult, lang: str) -> Block:
    assumptions = result.meta.get("assumptions") or []
    if not assumptions:
        return Paragraph(i18n.t("no_assumptions", lang))
    rows = [
        row(
            a.get("id", ""),
            i18n.localized(a.get("text_zh"), a.get("text", ""), lang),
            i18n.localized(a.get("affects_zh"), a.get("affects") or "", lang)
            if lang == "en" or a.get("affects_zh")
            else "",
        )
        for a in assumptions
    ]
    columns = headers(lang, "assumption_id", "assumption_text")
    if lang == "en" or any(a.get("affects_zh") for a in assumptions):
        columns.append(i18n.t("affects", lang))
    else:
        rows = [row(*r.cells[:2]) for r in rows]
    return table("assumptions", "assumptions", lang, columns, rows)


def _left_out(result: ProductResult, lang: str) -> list[Table]:
    left_out = result.meta.get("left_out") or []
    if not left_out:
        return []
    rows = [
        row(
            i18n.localized(x.get("label_zh"), x.get("label", ""), lang),
            cells.given(x.get("mass_kg")),
            i18n.yes_no(x.get("precious"), lang),
            i18n.localized(x.get("reason_zh"), x.get("reason") or "", lang),
        )
        for x in left_out
    ]
    columns = headers(lang, "contributor", "mass_kg", "precious", "reason")
    return [table("left_out", "left_out", lang, columns, rows)]


def annex_section(result: ProductResult, lang: str) -> Section:
    blocks: list[Block] = [
        *datasets_blocks(result, lang),
        _assumptions(result, lang),
        *_left_out(result, lang),
    ]
    return section("annex", "sec_annex", lang, blocks)
