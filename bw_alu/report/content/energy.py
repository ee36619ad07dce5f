"""Energy and resources per declared unit (the "table 3-3" of a verification report).

Electricity by source, fuels and water from the inventory (amounts per declared unit as
linked), and the fuels burnt on site from the direct-emission items (diesel of a smelter
is often there only), unless the inventory already lists that fuel's supply.
"""

from __future__ import annotations

from ...results import ProductResult
from .. import cells, i18n
from ..model import Row, Section
from .direct import _per_du
from .product import contributor_names, direct_names
from .tables import row, table_section

ELECTRICITY_UNITS = ("kWh", "MWh", "GWh")
LABELS = {
    "category": ("类别", "Category"),
    "electricity": ("电力", "electricity"),
    "fuel": ("燃料", "fuel"),
    "water": ("水", "water"),
    "heat": ("热力", "heat"),
    "amount": ("每声明单位用量", "Amount per declared unit"),
    "direct_fuel": ("厂内燃烧", "burnt on site"),
    "none": ("清单中没有能源或水资源条目。", "The inventory lists no energy or water."),
}


def _pick(key: str, lang: str) -> str:
    return i18n.pick(LABELS[key], lang)


def _category(r: dict) -> str:
    if r["kind"] == "water":
        return "water"
    unit = (r.get("link") or {}).get("unit") or r.get("unit")
    return "electricity" if unit in ELECTRICITY_UNITS else "fuel"


def energy_section(result: ProductResult, lang: str) -> Section:
    names = contributor_names(result, lang)
    rows: list[Row] = []
    inventory_labels = []
    for r in result.rows:
        if r["kind"] not in ("energy", "water"):
            continue
        inventory_labels.append(r["label"].lower())
        link = r.get("link") or {}
        rows.append(
            row(
                names.get(r["label"], r["label"]),
                _pick(_category(r), lang),
                cells.significant(link.get("amount")),
                link.get("unit") or r.get("unit", ""),
                i18n.source(r.get("source"), r.get("source_zh"), lang),
            )
        )
    dnames = direct_names(result, lang)
    for d in result.direct:
        if d["calculator"] != "fuel_combustion":
            continue
        prm = {p.get("name"): p for p in d.get("parameters", [])}
        fuel = str((prm.get("fuel") or {}).get("value") or "")
        fuel_en = i18n.value(fuel, "en").lower()
        if fuel_en and any(fuel_en in label for label in inventory_labels):
            continue  # the inventory lists its supply already
        factor = float((d.get("scaling") or {}).get("factor", 1.0))
        amount, unit = _per_du(prm.get("consumption") or {}, factor)
        rows.append(
            row(
                dnames[d["label"]],
                f"{_pick('fuel', lang)}（{_pick('direct_fuel', lang)}）"
                if lang == "zh"
                else f"{_pick('fuel', lang)} ({_pick('direct_fuel', lang)})",
                cells.significant(amount),
                unit,
                i18n.source(
                    (prm.get("consumption") or {}).get("source"),
                    (prm.get("consumption") or {}).get("source_zh"),
                    lang,
                ),
            )
        )
    columns = [
        i18n.t("contributor", lang),
        _pick("category", lang),
        _pick("amount", lang),
        i18n.t("unit", lang),
        i18n.t("data_source", lang),
    ]
    order = {"electricity": 0, "fuel": 1, "heat": 2, "water": 3}
    cat_of = {_pick(k, lang): v for k, v in order.items()}
    rows.sort(key=lambda r: cat_of.get(r.cells[1].text.split("（")[0].split(" (")[0], 9))
    numbered = [row(cells.ordinal(k), *r.cells) for k, r in enumerate(rows, start=1)]
    return table_section("energy", lang, [i18n.t("no", lang), *columns], numbered)
