"""The carbon footprint sections: by stage, by inventory item, and the reduction ranking.

Every figure comes from :class:`CfpFigures`, so the three tables agree to the digit.
"""

from __future__ import annotations

from decimal import Decimal

from ...results import ProductResult
from .. import cells, i18n
from ..figures import SHARE_DECIMALS, CfpFigures, ranked
from ..model import Block, Cell, Chart, Paragraph, Table
from .plausibility import note_text
from .product import contributor_names, declared_unit
from .tables import headers, row, table

TOP_REDUCTION = 10


def _unit_header(fig: CfpFigures, result: ProductResult, lang: str) -> str:
    return i18n.t("gwp_per_du", lang, unit=fig.unit, du=declared_unit(result, lang))


def _figure(
    shown: Decimal, share: Decimal | None, fig: CfpFigures, exact: float | None = None
) -> tuple[Cell, Cell]:
    """The displayed value and share (%) cells of a stage, an item or the total.

    A non-zero exact value never shows as 0.00: see :func:`cells.shown`.
    """
    share_exact = exact * 100 / fig.total_exact if exact is not None and fig.total_exact else None
    return (
        cells.shown(shown, exact, fig.decimals),
        cells.shown(share, share_exact, SHARE_DECIMALS),
    )


def _with_chart(blocks: list, charts: dict[str, Chart], key: str) -> list:
    return [*blocks, charts[key]] if key in charts else blocks


def cfp_blocks(
    result: ProductResult, lang: str, fig: CfpFigures, charts: dict[str, Chart]
) -> list[Block]:
    rows = [
        row(i18n.stage(s.stage, lang), *_figure(s.shown, s.share, fig, s.exact)) for s in fig.stages
    ]
    rows.append(
        row(i18n.t("total", lang), *_figure(fig.total_shown, fig.total_share, fig), style="total")
    )
    unit = _unit_header(fig, result, lang)
    stage_table = table(
        "cfp_stages",
        "sec_cfp",
        lang,
        [i18n.t("stage", lang), unit, i18n.t("share", lang)],
        rows,
        note=i18n.t("rounding_note", lang),
    )
    total = cells.fixed(fig.total_shown, fig.decimals)
    split_rows = [
        row(i18n.t(k, lang), cells.shown(shown, exact, fig.decimals))
        for k, exact, shown in fig.split
    ]
    split_rows.append(row(i18n.t("gwp_total", lang), total, style="total"))
    split = table(
        "cfp_ghg_split",
        "ghg_split",
        lang,
        [i18n.t("origin", lang), unit],
        split_rows,
        note="" if fig.split_adds_up else i18n.t("split_note", lang),
    )
    blocks: list[Block] = [*_with_chart([stage_table], charts, "stages"), split]
    note = note_text(result, fig.indicator, lang)
    if note:
        blocks.append(Paragraph(f"{i18n.t('notes', lang)}: {note}"))
    return blocks


def contribution_blocks(
    result: ProductResult, lang: str, fig: CfpFigures, charts: dict[str, Chart]
) -> list[Block]:
    names = contributor_names(result, lang)
    rows, n = [], 0
    for s in fig.stages:
        stage = i18n.stage(s.stage, lang)
        for it in s.items:
            n += 1
            name = names.get(it.contributor, it.contributor)
            kind = i18n.kind(it.kind, lang)
            rows.append(
                row(
                    cells.ordinal(n), stage, name, kind, *_figure(it.shown, it.share, fig, it.exact)
                )
            )
        subtotal = _figure(s.shown, s.share, fig, s.exact)
        rows.append(row("", stage, i18n.t("subtotal", lang), "", *subtotal, style="subtotal"))
    total = _figure(fig.total_shown, fig.total_share, fig)
    rows.append(row("", "", i18n.t("total", lang), "", *total, style="total"))
    columns = headers(lang, "no", "stage", "contributor", "kind")
    columns += [_unit_header(fig, result, lang), i18n.t("share", lang)]
    contributions = table(
        "cfp_contributions",
        "sec_contrib",
        lang,
        columns,
        rows,
        note=i18n.t("rounding_note", lang),
    )
    return _with_chart([contributions], charts, "top")


def reduction_table(result: ProductResult, lang: str, fig: CfpFigures) -> Table:
    names = contributor_names(result, lang)
    rows, cum = [], None
    for k, it in enumerate(ranked(fig, TOP_REDUCTION), start=1):
        if it.share is not None:
            cum = it.share if cum is None else cum + it.share
        rows.append(
            row(
                cells.ordinal(k),
                names.get(it.contributor, it.contributor),
                i18n.stage(it.stage, lang),
                *_figure(it.shown, it.share, fig, it.exact),
                cells.fixed(cum if it.share is not None else None, SHARE_DECIMALS),
            )
        )
    columns = headers(lang, "rank", "contributor", "stage")
    columns += [_unit_header(fig, result, lang), *headers(lang, "share", "cumulative")]
    return table(
        "reduction", "sec_reduction", lang, columns, rows, note=i18n.t("reduction_note", lang)
    )
