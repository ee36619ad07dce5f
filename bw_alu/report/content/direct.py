"""Direct emissions: one table per emission type, in the accounting guideline's columns.

Fuel combustion (consumption, NCV, carbon content, oxidation rate), anode consumption
(net carbon consumption, sulphur, ash), anode effect (CF4 and C2F6 factors), carbonate
decomposition (amount, factor), refrigerant leakage (mass refilled). Quantities that
scale with production (fuel consumption, carbonate or refrigerant mass) are shown per
declared unit, so each row can be recomputed by hand from its own cells; the formula is
given in words and symbols above the table, and every parameter's source below it.
"""

from __future__ import annotations

from ...results import ProductResult
from .. import cells, i18n
from ..model import Block, Cell, Paragraph, Row, Section, Table
from .product import direct_names
from .tables import row, section

# Parameters that are amounts of the plant's year (or per declared unit), not rates.
EXTENSIVE = ("consumption", "mass")
# Amounts shown per declared unit in a handier unit than the calculator's.
PER_DU_UNITS = {"t": ("kg", 1000.0), "10^4 m3": ("m3", 1e4), "10^4 Nm3": ("Nm3", 1e4)}

FORMULAS = {
    "fuel_combustion": (
        "E = AD × NCV × CC × OF × 44/12。AD：燃料消耗量；NCV：低位发热量；CC：单位热值含碳量；"
        "OF：碳氧化率；44/12：二氧化碳与碳的分子量之比。",
        "E = AD × NCV × CC × OF × 44/12, where AD is the fuel consumed, NCV its net calorific "
        "value, CC its carbon content per unit of heat, OF the oxidation rate, and 44/12 the "
        "ratio of the molecular weights of CO2 and carbon.",
    ),
    "anode_consumption": (
        "E = NC × (1 − S − A) × 44/12 × P。NC：吨铝净耗碳量；S：阳极硫分；A：阳极灰分；"
        "P：每声明单位的铝产量（吨）。",
        "E = NC × (1 − S − A) × 44/12 × P, where NC is the net anode carbon consumption per "
        "tonne of aluminium, S the anode sulphur content, A its ash content, and P the tonnes "
        "of aluminium per declared unit.",
    ),
    "anode_effect": (
        "E = (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) × P。EF：吨铝排放因子（或 IPCC 斜率法："
        "斜率 × 阳极效应分钟数）；GWP：全球变暖潜势（IPCC AR6）；P：每声明单位的铝产量（吨）。",
        "E = (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) × P, where EF is the emission factor per "
        "tonne of aluminium (or the IPCC slope × anode-effect minutes), GWP the global warming "
        "potential (IPCC AR6), and P the tonnes of aluminium per declared unit.",
    ),
    "carbonate_decomposition": (
        "E = Σ AD_i × EF_i。AD：碳酸盐消耗量；EF：排放因子（t CO2/t 碳酸盐）。",
        "E = Σ AD_i × EF_i, where AD is the carbonate consumed and EF its emission factor "
        "(t CO2 per t of carbonate).",
    ),
    "refrigerant_leakage": (
        "E = Σ m_j × GWP_j。m：补充（泄漏）的制冷剂质量，混合制冷剂按质量组分拆分；GWP：全球变暖潜势（IPCC AR6）。",
        "E = Σ m_j × GWP_j, where m is the refrigerant refilled (leaked), a blend split by "
        "its mass fractions, and GWP the global warming potential (IPCC AR6).",
    ),
}
SCALING = (
    "数据为年度数据时，消耗量按“声明单位 ÷ 年产量”折算至每声明单位（系数 {factor}）。",
    "Annual amounts are converted per declared unit by declared unit ÷ annual production "
    "(factor {factor}).",
)
HEADERS = {
    "per_du": ("每声明单位", " per declared unit"),
    "emission": ("{gas}（kg/声明单位）", "{gas} (kg per declared unit)"),
    "co2e": ("排放量（kg CO2e/声明单位）", "Emission (kg CO2e per declared unit)"),
    "sources": ("参数来源", "Sources of the parameters"),
    "default": ("缺省值", "default"),
}


def _per_du(prm: dict, factor: float) -> tuple[float | None, str]:
    v, unit = prm.get("used_value"), prm.get("used_unit") or ""
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return None, unit
    v = v * factor
    if unit in PER_DU_UNITS:
        unit, k = PER_DU_UNITS[unit]
        v *= k
    return v, unit


def _param_cell(prm: dict, lang: str, factor: float) -> tuple[Cell, str]:
    """(cell, unit) of a parameter: per declared unit for amounts, as used otherwise."""
    name = prm.get("name", "")
    v = prm.get("used_value")
    if isinstance(v, str):
        return Cell(i18n.value(v, lang)), ""
    if name in EXTENSIVE:
        per, unit = _per_du(prm, factor)
        return cells.significant(per), unit
    unit = prm.get("used_unit") or ""
    if unit == "fraction" and isinstance(v, (int, float)):
        return cells.significant(v * 100), "%"
    return cells.given(v), unit


def _type_table(calc: str, items: list[dict], names: dict[str, str], lang: str) -> list[Block]:
    params: list[str] = []
    for d in items:
        for prm in d.get("parameters", []):
            if prm.get("name") not in params:
                params.append(prm["name"])
    canonical = list(i18n.PARAMETER_LABELS)
    params.sort(key=lambda p: canonical.index(p) if p in canonical else len(canonical))
    gases: list[str] = []
    for d in items:
        for g in d.get("gases", []):
            if g["name"] not in gases:
                gases.append(g["name"])
    grid: list[list[tuple[Cell, str]]] = []
    for d in items:
        factor = float((d.get("scaling") or {}).get("factor", 1.0))
        by_name = {p.get("name"): p for p in d.get("parameters", [])}
        grid.append(
            [
                _param_cell(by_name[p], lang, factor) if p in by_name else (Cell(cells.DASH), "")
                for p in params
            ]
        )
    columns = [i18n.t("item", lang)]
    for j, p in enumerate(params):
        units = {line[j][1] for line in grid if line[j][1]}
        head = i18n.parameter(p, lang)
        head = head[:1].upper() + head[1:]
        if p in EXTENSIVE:
            head += i18n.pick(HEADERS["per_du"], lang)
        if len(units) == 1:
            u = i18n.unit(units.pop(), lang)
            head += f"（{u}）" if lang == "zh" else f" ({u})"
        columns.append(head)
    for g in gases:
        head = i18n.pick(HEADERS["emission"], lang).format(gas=i18n.gas(g, lang))
        columns.append(head[:1].upper() + head[1:])
    columns.append(i18n.pick(HEADERS["co2e"], lang))
    rows: list[Row] = []
    for d, line in zip(items, grid):
        kg = {g["name"]: g["kg"] for g in d.get("gases", [])}
        uniform = [len({ln[j][1] for ln in grid if ln[j][1]}) <= 1 for j in range(len(params))]
        param_cells = [
            c if uniform[j] or not u else Cell(f"{c.text} {i18n.unit(u, lang)}")
            for j, (c, u) in enumerate(line)
        ]
        rows.append(
            row(
                names[d["label"]],
                *param_cells,
                *[cells.significant(kg.get(g)) for g in gases],
                cells.kg(d.get("kg_co2e")),
            )
        )
    title = i18n.calculator(calc, lang)
    title = f"{title}排放" if lang == "zh" else f"{title[:1].upper()}{title[1:]} emissions"
    blocks: list[Block] = [
        Paragraph(i18n.pick(FORMULAS[calc], lang)) if calc in FORMULAS else Paragraph(""),
        Table(f"direct_{calc}", title, columns, rows, note=_sources(items, names, lang)),
    ]
    return blocks


def _sources(items: list[dict], names: dict[str, str], lang: str) -> str:
    """One line per item: where each parameter comes from (defaults named as such)."""
    sep = "；" if lang == "zh" else "; "
    lines = []
    for d in items:
        by_source: dict[str, list[str]] = {}
        for prm in d.get("parameters", []):
            src = i18n.source(prm.get("source"), prm.get("source_zh"), lang)
            if prm.get("default"):
                src = f"{i18n.pick(HEADERS['default'], lang)}: {_default_source(prm, lang)}"
            if src:
                by_source.setdefault(src, []).append(i18n.parameter(prm.get("name", ""), lang))
        parts = [
            f"{'、'.join(ps) if lang == 'zh' else ', '.join(ps)} — {s}"
            for s, ps in by_source.items()
        ]
        if parts:
            lines.append(f"{names[d['label']]}: {sep.join(parts)}")
    if not lines:
        return ""
    return i18n.pick(HEADERS["sources"], lang) + ": " + " | ".join(lines)


def _default_source(prm: dict, lang: str) -> str:
    """A default's source: the guideline's own (Chinese) title, without the file name."""
    text = prm.get("default_source") or prm.get("source") or ""
    if ": " in text and text.split(": ", 1)[0].endswith(".csv"):
        text = text.split(": ", 1)[1]
    return i18n.source(text, None, lang)


def direct_section(result: ProductResult, lang: str) -> Section:
    if not result.direct:
        return section("direct", "sec_direct", lang, [Paragraph(i18n.t("no_direct", lang))])
    names = direct_names(result, lang)
    by_calc: dict[str, list[dict]] = {}
    for d in result.direct:
        by_calc.setdefault(d["calculator"], []).append(d)
    blocks: list[Block] = []
    for calc, items in by_calc.items():
        blocks += _type_table(calc, items, names, lang)
    factors = {
        float((d.get("scaling") or {}).get("factor", 1.0))
        for d in result.direct
        if (d.get("scaling") or {}).get("basis") == "per_du"
    }
    factors.discard(1.0)
    if factors:
        blocks.append(Paragraph(i18n.pick(SCALING, lang).format(factor=f"{min(factors):.6g}")))
    return section("direct", "sec_direct", lang, blocks)
