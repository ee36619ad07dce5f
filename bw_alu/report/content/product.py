"""What a report says about the product: its facts, its name, its contributors' names.

Free-text fields of the product sheet may have a Chinese companion ``<field>_zh``
(``company_zh``, ``boundary_zh``, ``declared_unit_zh``, ``process_zh`` ...); a Chinese
report shows the companion, an English one the field itself.
"""

from __future__ import annotations

from ...results import ProductResult
from .. import i18n


def product(result: ProductResult) -> dict:
    return result.meta.get("product", {})


def extra(result: ProductResult) -> dict:
    return product(result).get("extra") or {}


def pfield(result: ProductResult, key: str, lang: str) -> str:
    """A product-sheet field in ``lang`` (its ``_zh`` companion in Chinese, when given)."""
    p, x = product(result), extra(result)
    en = p.get(key)
    en = x.get(key, "") if en in (None, "") else en
    zh = p.get(f"{key}_zh") or x.get(f"{key}_zh")
    return i18n.localized(str(zh) if zh else None, "" if en is None else str(en), lang)


def product_name(result: ProductResult, lang: str) -> str:
    p = product(result)
    return i18n.localized(p.get("product_name_zh"), p.get("product_name_en", ""), lang)


def declared_unit(result: ProductResult, lang: str = "en") -> str:
    """The declared unit's text; in Chinese ``declared_unit_zh``, else amount, unit, name."""
    p = product(result)
    if lang == "zh":
        zh = p.get("declared_unit_zh") or extra(result).get("declared_unit_zh")
        if zh:
            return str(zh)
        amount, unit = p.get("declared_unit_amount"), p.get("declared_unit_unit")
        if p.get("product_name_zh") and isinstance(amount, (int, float)) and unit:
            return f"{amount:g} {unit} {p['product_name_zh']}"
    return str(p.get("declared_unit", ""))


def stages(result: ProductResult) -> list[str]:
    return [s for s in dict.fromkeys(result.table["stage"]) if s]


def bw_alu_version(result: ProductResult) -> str:
    versions = result.calculation.get("versions", {})
    return result.meta.get("bw_alu_version") or versions.get("bw-alu", "")


# Chinese name of a direct-emission item from what it burns, decomposes or leaks.
ZH_ITEM = {
    "fuel_combustion": "{}燃烧",
    "carbonate_decomposition": "{}分解",
    "refrigerant_leakage": "{} 泄漏",
}


def direct_names(result: ProductResult, lang: str) -> dict[str, str]:
    """Direct-emission item label -> its name in ``lang``.

    Chinese: the item's ``label_zh`` where the workbook gives one, else the calculator and
    what it burns, decomposes or leaks (柴油, 石灰石 ...), numbered when that repeats.
    """
    if lang != "zh":
        return {d["label"]: d["label"] for d in result.direct}
    base = {}
    for d in result.direct:
        if d.get("label_zh"):
            base[d["label"]] = d["label_zh"]
            continue
        subject = next(
            (
                i18n.value(str(p.get("value")), "zh")
                for p in d.get("parameters", [])
                if p.get("name") in ("fuel", "carbonate", "refrigerant")
            ),
            "",
        )
        pattern = ZH_ITEM.get(d["calculator"])
        base[d["label"]] = (
            pattern.format(subject)
            if pattern and subject
            else i18n.calculator(d["calculator"], "zh")
        )
    counts: dict[str, int] = {}
    for v in base.values():
        counts[v] = counts.get(v, 0) + 1
    seen: dict[str, int] = {}
    out = {}
    for label, v in base.items():
        if counts[v] > 1:
            seen[v] = seen.get(v, 0) + 1
            out[label] = f"{v}（{seen[v]}）"
        else:
            out[label] = v
    return out


def contributor_names(result: ProductResult, lang: str) -> dict[str, str]:
    """Contract contributor label -> the name a reader of ``lang`` sees."""
    names = {}
    for r in result.rows:
        names[r["label"]] = i18n.localized(r.get("label_zh"), r["label"], lang)
    direct = direct_names(result, lang)
    for d in result.direct:
        calc = i18n.calculator(d["calculator"], lang)
        name = direct[d["label"]]
        names[f"{d['calculator']}: {d['label']}"] = name if lang == "zh" else f"{calc}: {name}"
    return names


def indicator_name(info: dict, label: str, lang: str) -> str:
    """An indicator's name in ``lang``, from :func:`bw_alu.indicators.by_label` ``info``."""
    return info[label].label_zh if lang == "zh" else label
