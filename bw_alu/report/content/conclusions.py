"""Conclusions: the result, its main contributors, the conformity statement, limitations;
and the EPD update check against a previous declaration."""

from __future__ import annotations

from ...indicators import EF31_EPD, by_label
from ...results import ProductResult
from .. import cells, i18n
from ..figures import CfpFigures, ranked
from ..model import Block, Bullets, Paragraph, Section, Table
from ..rounding import fmt_fixed, fmt_value
from ..update import Change
from .datasets import proxy_shares
from .footprint import reduction_table
from .plausibility import notes
from .product import contributor_names, declared_unit, indicator_name, product
from .tables import row, section

TEXT = {
    "result_cfp": (
        "结果：每 {du}的碳足迹（IPCC 2021 GWP100）为 {value} {unit}。",
        "Result: the carbon footprint (IPCC 2021 GWP100) is {value} {unit} per {du}.",
    ),
    "result_epd": (
        "结果：每 {du}的气候变化指标（EF 3.1）为 {value} kg CO2 当量；16 项指标见结果表。",
        "Result: climate change (EF 3.1) is {value} kg CO2 eq per {du}; all 16 indicators are in the results table.",
    ),
    "contributors": (
        "主要贡献项：{items}。",
        "Main contributors: {items}.",
    ),
    "conformity": (
        "符合性声明：本研究按 {standards} 的要求，以 EF 3.1 与 IPCC 2021 方法计算；清单、计算与结果在本报告中完整列出，可逐项复核。",
        "Conformity: calculated with EF 3.1 and IPCC 2021 following {standards}; the inventory, every calculation and the results are listed in full in this report and can be checked item by item.",
    ),
    "limitations": ("局限性：", "Limitations:"),
    "lim_proxy": (
        "{indicator}结果中 {share} % 依赖代理数据集（见附录数据集表）。",
        "{share} % of {indicator} rests on proxy datasets (see the annex's dataset table).",
    ),
    "lim_notes": ("{indicator}：{notes}。", "{indicator}: {notes}."),
    "lim_assumptions": (
        "结果依赖数据工作簿标注的假设：{ids}（见附录）。",
        "The result rests on the assumptions flagged by the workbook: {ids} (see the annex).",
    ),
    "lim_none": ("未发现需要特别说明的局限性。", "No particular limitation found."),
    "update_col_prev": ("上一版声明", "Previous declaration"),
    "update_col_now": ("本次结果", "Current result"),
    "update_col_change": ("变化（%）", "Change (%)"),
    "update_col_flag": ("是否需要更新", "Update required"),
    "update_note_yes": (
        "有指标上升 10 % 或以上：环境产品声明需要更新。",
        "At least one indicator rose by 10 % or more: the EPD must be updated.",
    ),
    "update_note_no": (
        "没有指标上升 10 % 或以上：无需因结果变化更新环境产品声明。",
        "No indicator rose by 10 % or more: no update is required by the results.",
    ),
    "update_title": ("与上一版声明的比较", "Comparison with the previous declaration"),
}


def _t(key: str, lang: str, **fmt) -> str:
    return i18n.pick(TEXT[key], lang, **fmt)


def _contributors(result: ProductResult, indicator: str, lang: str, top: int = 3) -> str:
    t = result.table
    block = t[(t["indicator"] == indicator) & (t["contributor"] != "")]
    total = float(t[(t["indicator"] == indicator) & (t["stage"] == "")]["score"].iloc[0])
    names = contributor_names(result, lang)
    parts = []
    for _, r in block.sort_values("score", ascending=False, kind="stable").head(top).iterrows():
        share = f"{float(r['score']) / total * 100:.1f} %" if total else ""
        name = names.get(r["contributor"], r["contributor"])
        parts.append(f"{name}（{share}）" if lang == "zh" else f"{name} ({share})")
    return ("、" if lang == "zh" else ", ").join(parts)


def _limitations(result: ProductResult, kind: str, lang: str) -> list[str]:
    info = by_label()
    out = []
    indicators = ("GWP100 (IPCC 2021)",) if kind == "cfp" else EF31_EPD
    gwp = indicators[0] if kind == "cfp" else "Climate change"
    proxy = (proxy_shares(result).get(gwp) or {}).get("proxy")
    if isinstance(proxy, (int, float)) and proxy > 0:
        out.append(
            _t(
                "lim_proxy",
                lang,
                share=f"{proxy * 100:.1f}",
                indicator=indicator_name(info, gwp, lang),
            )
        )
    for label in indicators:
        found = notes(result, label, lang)
        if found:
            sep = "；" if lang == "zh" else "; "
            out.append(
                _t(
                    "lim_notes",
                    lang,
                    indicator=indicator_name(info, label, lang),
                    notes=sep.join(found),
                )
            )
    ids = [a.get("id", "") for a in result.meta.get("assumptions") or []]
    if ids:
        out.append(_t("lim_assumptions", lang, ids=("、" if lang == "zh" else ", ").join(ids)))
    return out or [_t("lim_none", lang)]


def conclusions_section(
    result: ProductResult, kind: str, lang: str, fig: CfpFigures | None
) -> Section:
    du = declared_unit(result, lang)
    blocks: list[Block] = []
    if kind == "cfp":
        assert fig is not None
        value = fmt_fixed(fig.total_shown, fig.decimals)
        blocks.append(Paragraph(_t("result_cfp", lang, du=du, value=value, unit=fig.unit)))
        items = [
            f"{contributor_names(result, lang).get(i.contributor, i.contributor)}"
            + (f"（{i.share} %）" if lang == "zh" else f" ({i.share} %)")
            for i in ranked(fig, 3)
        ]
        blocks.append(
            Paragraph(_t("contributors", lang, items=("、" if lang == "zh" else ", ").join(items)))
        )
    else:
        value = fmt_value(result.totals().get("Climate change", 0.0))
        blocks.append(Paragraph(_t("result_epd", lang, du=du, value=value)))
        blocks.append(
            Paragraph(_t("contributors", lang, items=_contributors(result, "Climate change", lang)))
        )
    standards = str(product(result).get("standards", "")) or "ISO 14067 / ISO 14025"
    blocks.append(Paragraph(_t("conformity", lang, standards=standards)))
    blocks.append(Paragraph(_t("limitations", lang)))
    blocks.append(Bullets(_limitations(result, kind, lang)))
    if kind == "cfp":
        assert fig is not None
        blocks.append(reduction_table(result, lang, fig))
    return section("conclusions", "sec_conclusions", lang, blocks)


def update_blocks(changes: list[Change], lang: str) -> list[Block]:
    info = by_label()
    rows = []
    for c in changes:
        name = indicator_name(info, c.indicator, lang) if c.indicator in info else c.indicator
        rows.append(
            row(
                name,
                i18n.unit(c.unit, lang),
                cells.value(c.previous),
                cells.value(c.current),
                cells.percent(c.change),
                i18n.yes_no(c.update_required, lang),
            )
        )
    columns = [
        i18n.t("indicator", lang),
        i18n.t("unit", lang),
        _t("update_col_prev", lang),
        _t("update_col_now", lang),
        _t("update_col_change", lang),
        _t("update_col_flag", lang),
    ]
    required = any(c.update_required for c in changes)
    note = _t("update_note_yes" if required else "update_note_no", lang)
    return [Table("update_check", _t("update_title", lang), columns, rows, note=note)]
