"""The life cycle inventory section: every row of the plant workbook as used."""

from __future__ import annotations

from ...results import ProductResult
from .. import cells, i18n
from ..model import Row, Section
from .product import contributor_names, product
from .tables import headers, row, table_section


def _notes(r: dict, lang: str) -> str:
    notes = (
        i18n.t("assumption_ref", lang, id=r["assumption"]) if r.get("assumption") else "",
        i18n.source(r.get("note"), r.get("note_zh"), lang),
        (f"平均载重 {r['load_t']:g} t" if lang == "zh" else f"load {r['load_t']:g} t")
        if r.get("load_t")
        else "",
    )
    return "; ".join(x for x in notes if x)


def _row(r: dict, names: dict[str, str], lang: str) -> Row:
    link = r.get("link") or {}
    return row(
        cells.ordinal(r["index"]),
        i18n.stage(r["stage"], lang),
        names.get(r["label"], r["label"]),
        i18n.kind(r["kind"], lang),
        cells.given(r.get("amount")),
        r.get("unit", ""),
        # float32 in the stored graph: about 7 significant digits are real
        cells.significant(link.get("amount"), 7),
        link.get("unit", ""),
        i18n.data_type(r.get("data_type"), lang),
        i18n.source(r.get("source"), r.get("source_zh"), lang),
        r.get("dataset", ""),
        _notes(r, lang),
    )


def _amount_header(result: ProductResult, lang: str) -> str:
    annual = product(result).get("basis") == "annual"
    suffix = (" (annual)" if lang == "en" else "（年度）") if annual else ""
    return i18n.t("amount", lang) + suffix


def inventory_section(result: ProductResult, lang: str) -> Section:
    names = contributor_names(result, lang)
    columns = [*headers(lang, "no", "stage", "contributor", "kind"), _amount_header(result, lang)]
    columns += headers(
        lang, "unit", "amount_du", "unit", "data_type", "data_source", "study_dataset", "notes"
    )
    return table_section("inventory", lang, columns, [_row(r, names, lang) for r in result.rows])
