"""The background datasets section: which open dataset stands for each inventory row."""

from __future__ import annotations

from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Paragraph, Row, Section
from .product import contributor_names
from .tables import headers, row, section, table


def _proxy(link: dict, prov: dict, lang: str) -> str:
    if not link.get("proxy"):
        return ""
    proxy = prov.get("proxy_for") or i18n.t("yes", lang)
    if prov.get("ghg_only"):
        proxy += f" ({i18n.t('ghg_only', lang)})"
    return proxy


def _row(r: dict, names: dict[str, str], lang: str) -> Row:
    link = r.get("link") or {}
    target = link.get("target") or {}
    prov = target.get("provenance") or {}
    factors = link.get("factors") or {}
    note = "; ".join(x for x in (link.get("note") or "", prov.get("adapted") or "") if x)
    return row(
        cells.ordinal(r["index"]),
        names.get(r["label"], r["label"]),
        r.get("dataset", ""),
        target.get("name") or factors.get("name") or "",
        i18n.match(link.get("match", ""), lang),
        target.get("location") or "",
        prov.get("source") or factors.get("source") or "",
        prov.get("year") or "",
        prov.get("licence") or "",
        _proxy(link, prov, lang),
        note,
    )


def datasets_section(result: ProductResult, lang: str) -> Section:
    names = contributor_names(result, lang)
    columns = headers(
        lang,
        "no",
        "contributor",
        "study_dataset",
        "open_dataset",
        "match",
        "location",
        "source",
        "year",
        "licence",
        "proxy_for",
        "proxy_note",
    )
    rows = [_row(r, names, lang) for r in result.rows]
    blocks: list[Block] = [table("datasets", "sec_datasets", lang, columns, rows)]
    bg = result.meta.get("background", {})
    if bg.get("notice"):
        notice = f"{bg.get('title', '')} [{bg.get('version', '')}]. {bg['notice']}"
        blocks.append(Paragraph(f"{i18n.t('notice', lang)}: {notice}"))
    return section("datasets", "sec_datasets", lang, blocks)
