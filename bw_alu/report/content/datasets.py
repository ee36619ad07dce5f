"""The background datasets section: which open dataset stands for each inventory row."""

from __future__ import annotations

from ...linking.link import study_mapping
from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Paragraph, Row
from .product import contributor_names
from .tables import headers, row, table


def match_kind(link: dict) -> str:
    """exact / mapped / proxy_ghg / proxy_structural / factors / burden-free, from provenance.

    The same rule for every plant: a row is a proxy when its link or the dataset's own
    provenance says so (a study dataset replaced by another, or a dataset standing in
    for another product); a proxy that carries greenhouse gases only is GHG-only, any
    other proxy structural. Otherwise the name matched (exact) or the mapping table
    named the dataset (mapped).
    """
    match = link.get("match") or ""
    if match in ("burden-free", "process"):
        return match
    prov = (link.get("target") or {}).get("provenance") or {}
    if link.get("proxy") or prov.get("proxy"):
        return "proxy_ghg" if prov.get("ghg_only") else "proxy_structural"
    if match in ("factors", "mapped"):
        return match
    return "exact" if match else ""


def _proxy(link: dict, prov: dict, lang: str) -> str:
    if not match_kind(link).startswith("proxy"):
        return ""
    return prov.get("proxy_for") or ""


def _year(value) -> object:
    text = str(value or "")
    return cells.ordinal(int(text)) if text.isdigit() else text


def _parts(r: dict) -> tuple[dict, dict, dict, dict]:
    link = r.get("link") or {}
    target = link.get("target") or {}
    return link, target, target.get("provenance") or {}, link.get("factors") or {}


def _row(r: dict, names: dict[str, str], lang: str) -> Row:
    link, target, prov, factors = _parts(r)
    return row(
        cells.ordinal(r["index"]),
        names.get(r["label"], r["label"]),
        r.get("dataset", ""),
        target.get("name") or factors.get("name") or "",
        i18n.match(match_kind(link), lang),
        target.get("location") or "",
    )


def _link_note(r: dict, link: dict, lang: str) -> str:
    """The link's note; in Chinese the built-in mapping's ``note_zh`` when the note is the
    built-in mapping's (a user's mapping file keeps its own words)."""
    note = link.get("note") or ""
    if lang == "zh":
        mapped = study_mapping().get(str(r.get("dataset") or "").strip()) or {}
        if mapped.get("note_zh") and mapped.get("note") == note:
            return mapped["note_zh"]
    return note


def _provenance_row(r: dict, names: dict[str, str], lang: str) -> Row:
    link, target, prov, factors = _parts(r)
    note = "; ".join(x for x in (_link_note(r, link, lang), prov.get("adapted") or "") if x)
    return row(
        cells.ordinal(r["index"]),
        names.get(r["label"], r["label"]),
        prov.get("source") or factors.get("source") or "",
        _year(prov.get("year")),
        prov.get("licence") or "",
        _proxy(link, prov, lang),
        note,
    )


def datasets_blocks(result: ProductResult, lang: str) -> list[Block]:
    """Two tables: which open dataset stands for each row, and that dataset's provenance
    (texts as the background database writes them)."""
    names = contributor_names(result, lang)
    columns = headers(
        lang, "no", "contributor", "study_dataset", "open_dataset", "match", "location"
    )
    rows = [_row(r, names, lang) for r in result.rows]
    prov_columns = headers(
        lang, "no", "contributor", "source", "year", "licence", "proxy_for", "proxy_note"
    )
    prov_rows = [_provenance_row(r, names, lang) for r in result.rows]
    blocks: list[Block] = [
        table("datasets", "sec_datasets", lang, columns, rows),
        table("provenance", "provenance", lang, prov_columns, prov_rows),
    ]
    bg = result.meta.get("background", {})
    if bg.get("notice"):
        notice = f"{bg.get('title', '')} [{bg.get('version', '')}]. {bg['notice']}"
        blocks.append(Paragraph(f"{i18n.t('notice', lang)}: {notice}"))
    return blocks


def proxy_shares(result: ProductResult) -> dict[str, dict[str, float]]:
    """Per indicator, the share of the total resting on proxy rows (by :func:`match_kind`),
    and of it on GHG-only proxies: ``{"proxy": 0.12, "ghg_only_proxy": 0.11}``.

    Computed from the contributions of the results table and the rows' provenance, so the
    shares agree with the match labels of the dataset table for every plant.
    """
    kinds = {r["label"]: match_kind(r.get("link") or {}) for r in result.rows}
    t = result.table
    out: dict[str, dict[str, float]] = {}
    for indicator, block in t.groupby("indicator", sort=False):
        total = float(block[block["stage"] == ""]["score"].sum())
        contrib = block[block["contributor"] != ""]
        proxy = ghg = 0.0
        for label, score in zip(contrib["contributor"], contrib["score"]):
            kind = kinds.get(label, "")
            if kind.startswith("proxy"):
                proxy += float(score)
                if kind == "proxy_ghg":
                    ghg += float(score)
        if total:
            out[str(indicator)] = {"proxy": proxy / total, "ghg_only_proxy": ghg / total}
    return out
