"""The direct emissions section: each calculation and the parameters it used."""

from __future__ import annotations

from ...results import ProductResult
from .. import cells, i18n
from ..model import Paragraph, Row, Section, Table
from .tables import headers, row, section, table


def _calculation_row(d: dict, lang: str) -> Row:
    gases = "; ".join(
        f"{g['name']}: {g['kg']:.6g} kg × {g['gwp100']:g} = {g['kg_co2e']:.6g} kg CO2e"
        for g in d.get("gases", [])
    )
    notes = "; ".join(str(x) for x in d.get("notes", []) or [])
    return row(
        d["label"],
        i18n.calculator(d["calculator"], lang),
        i18n.stage(d.get("stage", ""), lang),
        i18n.formula(d["calculator"], d.get("formula", ""), lang),
        gases,
        cells.significant(d.get("kg_co2e")),
        notes,
    )


def _parameter_rows(d: dict, lang: str) -> list[Row]:
    rows = []
    for prm in d.get("parameters", []):
        src = prm.get("source") or ""
        if prm.get("default"):
            src = f"{i18n.t('default', lang)}: {prm.get('default_source') or src}"
        rows.append(
            row(
                d["label"],
                prm.get("name", ""),
                cells.given(prm.get("value")),
                prm.get("unit") or "",
                cells.given(prm.get("used_value")),
                prm.get("used_unit") or "",
                src,
            )
        )
    return rows


def direct_section(result: ProductResult, lang: str) -> Section:
    if not result.direct:
        return section("direct", "sec_direct", lang, [Paragraph(i18n.t("no_direct", lang))])
    calculations = table(
        "direct",
        "sec_direct",
        lang,
        headers(lang, "item", "calculator", "stage", "formula", "gas", "kg_co2e", "notes"),
        [_calculation_row(d, lang) for d in result.direct],
    )
    used = f"{i18n.t('param_value', lang)} (used)" if lang == "en" else "计算用值"
    parameters = Table(
        "direct_parameters",
        f"{i18n.t('sec_direct', lang)}: {i18n.t('parameter', lang)}",
        [*headers(lang, "item", "parameter", "param_value", "unit"), used]
        + headers(lang, "unit", "source"),
        [r for d in result.direct for r in _parameter_rows(d, lang)],
    )
    return section("direct", "sec_direct", lang, [calculations, parameters])
