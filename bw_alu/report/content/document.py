"""A whole report: its sections in the order of the verification reports, and its titles."""

from __future__ import annotations

from ...results import ProductResult
from .. import i18n
from ..figures import CfpFigures
from ..model import Chart, Document
from .basic import basic_section
from .datasets import datasets_section
from .direct import direct_section
from .epd import epd_section
from .footprint import cfp_section, contribution_section, reduction_section
from .inventory import inventory_section
from .processes import processes_section
from .product import bw_alu_version, declared_unit, product, product_name
from .quality import quality_section


def build_document(
    result: ProductResult, kind: str, lang: str, fig: CfpFigures | None, charts: dict[str, Chart]
) -> Document:
    sections = [basic_section(result, kind, lang, fig)]
    if kind == "cfp":
        assert fig is not None
        sections += [
            cfp_section(result, lang, fig, charts),
            contribution_section(result, lang, fig, charts),
            direct_section(result, lang),
        ]
    else:
        sections.append(epd_section(result, lang))
    plant = processes_section(result, lang)
    sections += [plant] if plant is not None else []
    sections += [
        inventory_section(result, lang),
        datasets_section(result, lang),
        quality_section(result, kind, lang),
    ]
    if kind == "cfp":
        assert fig is not None
        sections.append(reduction_section(result, lang, fig))
    title = f"{i18n.t('title_' + kind, lang)}: {product_name(result, lang)}"
    subtitle = " · ".join(
        x for x in (product(result).get("company", ""), declared_unit(result)) if x
    )
    return Document(
        result.product_id,
        kind,
        lang,
        title,
        subtitle,
        sections,
        footer=i18n.t("generated_by", lang, version=bw_alu_version(result)),
    )
