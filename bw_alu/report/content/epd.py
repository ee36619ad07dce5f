"""The EPD results: the 16 EF 3.1 indicators of EN 15804+A2, each with its plausibility note."""

from __future__ import annotations

from ...indicators import EF31_EPD, by_label
from ...results import ProductResult
from .. import cells, i18n
from ..model import Table
from .plausibility import note_text
from .product import declared_unit, indicator_name, stages
from .tables import headers, row, table


def epd_table(result: ProductResult, lang: str) -> Table:
    totals = result.totals()
    info = by_label()
    col = "cradle_to_gate_dist" if "distribution" in stages(result) else "cradle_to_gate"
    rows = [
        row(
            cells.ordinal(k),
            indicator_name(info, label, lang),
            info[label].en15804_code,
            i18n.unit(info[label].unit, lang),
            cells.value(totals.get(label)),
            note_text(result, label, lang),
        )
        for k, label in enumerate(EF31_EPD, start=1)
    ]
    note = i18n.t("epd_note", lang, du=declared_unit(result, lang))
    uncovered = [x for x in EF31_EPD if x in result.calculation.get("not_covered_indicators", [])]
    if uncovered:
        names = ", ".join(indicator_name(info, x, lang) for x in uncovered)
        note += " " + i18n.t("not_covered_note", lang, names=names)
    columns = headers(lang, "no", "indicator", "code", "unit", col, "notes")
    return table("epd", "sec_epd", lang, columns, rows, note=note)
