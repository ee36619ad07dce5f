"""The EPD section: the 16 EF 3.1 indicators of EN 15804+A2."""

from __future__ import annotations

from ...indicators import EF31_EPD, by_label
from ...results import ProductResult
from .. import cells, i18n
from ..model import Section
from .product import declared_unit, indicator_name, stages
from .tables import headers, row, table_section


def epd_section(result: ProductResult, lang: str) -> Section:
    totals = result.totals()
    info = by_label()
    col = "cradle_to_gate_dist" if "distribution" in stages(result) else "cradle_to_gate"
    rows = [
        row(
            cells.ordinal(k),
            indicator_name(info, label, lang),
            info[label].en15804_code,
            info[label].unit,
            cells.value(totals.get(label)),
        )
        for k, label in enumerate(EF31_EPD, start=1)
    ]
    note = i18n.t("epd_note", lang, du=declared_unit(result))
    uncovered = [x for x in EF31_EPD if x in result.calculation.get("not_covered_indicators", [])]
    if uncovered:
        names = ", ".join(indicator_name(info, x, lang) for x in uncovered)
        note += " " + i18n.t("not_covered_note", lang, names=names)
    return table_section(
        "epd", lang, headers(lang, "no", "indicator", "code", "unit", col), rows, note=note
    )
