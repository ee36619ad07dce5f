"""What a report says about the product: its facts, its name, its contributors' names."""

from __future__ import annotations

from ...results import ProductResult
from .. import i18n


def product(result: ProductResult) -> dict:
    return result.meta.get("product", {})


def product_name(result: ProductResult, lang: str) -> str:
    p = product(result)
    return i18n.localized(p.get("product_name_zh"), p.get("product_name_en", ""), lang)


def declared_unit(result: ProductResult) -> str:
    return str(product(result).get("declared_unit", ""))


def stages(result: ProductResult) -> list[str]:
    return [s for s in dict.fromkeys(result.table["stage"]) if s]


def bw_alu_version(result: ProductResult) -> str:
    versions = result.calculation.get("versions", {})
    return result.meta.get("bw_alu_version") or versions.get("bw-alu", "")


def contributor_names(result: ProductResult, lang: str) -> dict[str, str]:
    """Contract contributor label -> the name a reader of ``lang`` sees."""
    names = {}
    for r in result.rows:
        names[r["label"]] = i18n.localized(r.get("label_zh"), r["label"], lang)
    for d in result.direct:
        sep = "：" if lang == "zh" else ": "
        names[f"{d['calculator']}: {d['label']}"] = (
            f"{i18n.calculator(d['calculator'], lang)}{sep}{d['label']}"
        )
    return names


def indicator_name(info: dict, label: str, lang: str) -> str:
    """An indicator's name in ``lang``, from :func:`bw_alu.indicators.by_label` ``info``."""
    return info[label].label_zh if lang == "zh" else label
