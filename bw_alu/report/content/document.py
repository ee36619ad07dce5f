"""A whole report: its sections in the order of a verification report, numbered.

1 basic information; 2 goal and scope (declared unit, boundary and its figure, time,
cut-off rule, data quality requirements); 3 inventory by stage; 4 energy and resources;
5 direct emissions by type; 6 the impact assessment method; 7 results (EPD indicators,
or CFP by stage and by inventory row; the update check with a previous declaration);
8 data quality; 9 conclusions; 10 annex (datasets and provenance, assumptions, items
left out). The cover page and table of contents come first in the formats that page.

Sections, tables and figures are numbered here, once, so every format shows the same
numbers ("表 3" in the docx is "表 3" in the html and the xlsx sheet name).
"""

from __future__ import annotations

import re

from ...results import ProductResult
from .. import i18n
from ..figures import CfpFigures
from ..model import Block, Chart, Document, Section, Table
from ..update import Change
from .annex import annex_section
from .basic import basic_section, scope_section
from .conclusions import conclusions_section, update_blocks
from .direct import direct_section
from .energy import energy_section
from .epd import epd_table
from .footprint import cfp_blocks, contribution_blocks
from .inventory import inventory_section
from .methods import methods_section
from .processes import processes_section
from .product import bw_alu_version, declared_unit, pfield, product, product_name
from .quality import quality_section
from .tables import section

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _results(
    result: ProductResult,
    kind: str,
    lang: str,
    fig: CfpFigures | None,
    charts: dict[str, Chart],
    changes: list[Change] | None,
) -> Section:
    blocks: list[Block]
    if kind == "cfp":
        assert fig is not None
        blocks = [
            *cfp_blocks(result, lang, fig, charts),
            *contribution_blocks(result, lang, fig, charts),
        ]
    else:
        blocks = [epd_table(result, lang)]
    if changes is not None:
        blocks += update_blocks(changes, lang)
    return section("results", "sec_results", lang, blocks)


def number_blocks(sections: list[Section], lang: str) -> None:
    """Number sections ("3 Title"), tables and figures; name each table's sheet."""
    n_table = n_figure = 0
    prefix = i18n.t("sheet_prefix", lang)
    for k, s in enumerate(sections, start=1):
        s.title = f"{k} {s.title}"
        for b in s.blocks:
            if isinstance(b, Table):
                n_table += 1
                b.caption = i18n.t("table_caption", lang, n=n_table, title=b.title)
                b.sheet = _SHEET_BAD.sub(" ", f"{prefix}{n_table} {b.title}")[:31].strip()
            elif isinstance(b, Chart):
                n_figure += 1
                b.caption = i18n.t("figure_caption", lang, n=n_figure, title=b.title)


def _cover(result: ProductResult, lang: str) -> list[tuple[str, str]]:
    p = product(result)
    lines = [
        (i18n.t("cover_company", lang), pfield(result, "company", lang)),
        (i18n.t("cover_product", lang), product_name(result, lang)),
        (i18n.t("declared_unit", lang), declared_unit(result, lang)),
        (
            i18n.t("cover_period", lang),
            f"{p.get('time_period_start', '')} – {p.get('time_period_end', '')}",
        ),
        (i18n.t("cover_verifier", lang), pfield(result, "verifier", lang)),
        (i18n.t("cover_report_number", lang), pfield(result, "report_number", lang)),
        (i18n.t("cover_date", lang), pfield(result, "report_date", lang)),
    ]
    return [(k, v) for k, v in lines if v and v.strip(" –")]


def build_document(
    result: ProductResult,
    kind: str,
    lang: str,
    fig: CfpFigures | None,
    charts: dict[str, Chart],
    changes: list[Change] | None = None,
) -> Document:
    plant = processes_section(result, lang)
    sections = [
        basic_section(result, kind, lang, fig),
        scope_section(result, lang, charts.get("boundary")),
        *([plant] if plant is not None else []),
        inventory_section(result, lang),
        energy_section(result, lang),
        direct_section(result, lang),
        methods_section(result, kind, lang),
        _results(result, kind, lang, fig, charts, changes),
        quality_section(result, kind, lang),
        conclusions_section(result, kind, lang, fig),
        annex_section(result, lang),
    ]
    number_blocks(sections, lang)
    title = f"{i18n.t('title_' + kind, lang)}: {product_name(result, lang)}"
    if lang == "zh":
        title = f"{product_name(result, lang)}{i18n.t('title_' + kind, lang)}"
    subtitle = " · ".join(
        x for x in (pfield(result, "company", lang), declared_unit(result, lang)) if x
    )
    return Document(
        result.product_id,
        kind,
        lang,
        title,
        subtitle,
        sections,
        footer=i18n.t("generated_by", lang, version=bw_alu_version(result)),
        cover=_cover(result, lang),
        words={
            "toc": i18n.t("toc", lang),
            "page": i18n.t("page", lang),
            "report_sheet": i18n.t("report_sheet", lang),
            "charts_sheet": i18n.t("charts_sheet", lang),
        },
    )
