"""Build the report documents (content model) from a :class:`ProductResult`.

Order of the sections follows the verification reports (domain.md): basic information;
for a CFP the stage conclusion, contributions, direct emissions; for an EPD the EF 3.1
table; then for both the inventory, the background datasets, data quality and
assumptions; for a CFP last the ranking that grounds reduction measures.
"""

from __future__ import annotations

from pathlib import PurePath

from ..indicators import EF31_EPD, by_label
from ..results import ProductResult
from . import cells, i18n
from .figures import CfpFigures, ranked
from .model import Bullets, Cell, Chart, Document, Paragraph, Row, Section, Table, text_cell
from .rounding import fmt_fixed

T = text_cell
CFP_INDICATORS = (
    "GWP100 (IPCC 2021)",
    "GWP100 fossil (IPCC 2021)",
    "GWP100 biogenic (IPCC 2021)",
    "GWP100 land use (IPCC 2021)",
)
TOP_REDUCTION = 10


def contributor_names(result: ProductResult, lang: str) -> dict[str, str]:
    """Contract contributor label -> the name a reader of ``lang`` sees."""
    names = {}
    for r in result.rows:
        names[r["label"]] = (r.get("label_zh") or r["label"]) if lang == "zh" else r["label"]
    for d in result.direct:
        sep = "：" if lang == "zh" else ": "
        names[f"{d['calculator']}: {d['label']}"] = (
            f"{i18n.calculator(d['calculator'], lang)}{sep}{d['label']}"
        )
    return names


def _product(result: ProductResult) -> dict:
    return result.meta.get("product", {})


def _product_name(result: ProductResult, lang: str) -> str:
    p = _product(result)
    return (
        (p.get("product_name_zh") or p.get("product_name_en", ""))
        if lang == "zh"
        else p.get("product_name_en", "")
    )


def _du(result: ProductResult) -> str:
    return str(_product(result).get("declared_unit", ""))


def _stages(result: ProductResult) -> list[str]:
    t = result.table
    return [s for s in dict.fromkeys(t["stage"]) if s]


# --- basic information -------------------------------------------------------------


def basic_section(result: ProductResult, kind: str, lang: str, fig: CfpFigures | None) -> Section:
    p, meta, calc = _product(result), result.meta, result.calculation
    bg = meta.get("background", {})
    versions = calc.get("versions", {})
    name = _product_name(result, lang)
    if lang == "zh" and p.get("product_name_en") and p.get("product_name_zh"):
        name = f"{p['product_name_zh']}（{p['product_name_en']}）"
    if p.get("basis") == "annual":
        basis = i18n.t(
            "basis_annual",
            lang,
            amount=f"{p.get('annual_production', ''):,.10g}"
            if isinstance(p.get("annual_production"), (int, float))
            else "",
            unit=p.get("annual_production_unit") or "",
        )
        if p.get("annual_production_assumption"):
            basis += f" ({i18n.t('assumption_id', lang)} {p['annual_production_assumption']})"
    else:
        basis = i18n.t("basis_per_du", lang)
    rows = [
        ("company", p.get("company", "")),
        ("product", name),
        ("product_id", result.product_id),
        ("declared_unit", _du(result)),
        ("standards", p.get("standards", "")),
        ("geo_boundary", p.get("geography", "")),
        ("system_boundary", p.get("boundary", "")),
        ("stages_included", "; ".join(i18n.stage(s, lang) for s in _stages(result))),
        ("time_boundary", f"{p.get('time_period_start', '')} – {p.get('time_period_end', '')}"),
        ("basis", basis),
        (
            "background_db",
            f"{bg.get('title', '')} [{bg.get('version', '')}] ({bg.get('database', '')})",
        ),
    ]
    if meta.get("factors_file"):
        rows.append(("factors_file", PurePath(meta["factors_file"]).name))
    rows += [
        ("methods", i18n.t("methods_text", lang, bw2io=versions.get("bw2io", "?"))),
        (
            "software",
            f"bw-alu {meta.get('bw_alu_version') or versions.get('bw-alu', '')}; "
            + ", ".join(f"{k} {v}" for k, v in sorted(versions.items()) if k != "bw-alu"),
        ),
        ("solver", calc.get("solver", "")),
        ("workbook", meta.get("workbook", "")),
    ]
    table_rows = [Row([T(i18n.t(k, lang)), T(v)]) for k, v in rows]
    for k, v in sorted((p.get("extra") or {}).items()):
        table_rows.append(Row([T(k), T(v)]))
    if kind == "cfp" and fig is not None:
        text = i18n.t(
            "conclusion_cfp",
            lang,
            du=_du(result),
            value=fmt_fixed(fig.total_shown, fig.decimals),
            unit=fig.unit,
        )
        table_rows.append(Row([T(i18n.t("conclusion", lang)), T(text)]))
    return Section(
        "basic",
        i18n.t("sec_basic", lang),
        [
            Table(
                "basic",
                i18n.t("sec_basic", lang),
                [i18n.t("field", lang), i18n.t("value", lang)],
                table_rows,
            )
        ],
    )


# --- carbon footprint -----------------------------------------------------------------


def _unit_header(fig: CfpFigures, result: ProductResult, lang: str) -> str:
    return i18n.t("gwp_per_du", lang, unit=fig.unit, du=_du(result))


def cfp_section(
    result: ProductResult, lang: str, fig: CfpFigures, charts: dict[str, Chart]
) -> Section:
    dec = fig.decimals
    rows = [
        Row([T(i18n.stage(s.stage, lang)), cells.fixed(s.shown, dec), cells.fixed(s.share, 2)])
        for s in fig.stages
    ]
    rows.append(
        Row(
            [
                T(i18n.t("total", lang)),
                cells.fixed(fig.total_shown, dec),
                cells.fixed(fig.total_share, 2),
            ],
            "total",
        )
    )
    stage_table = Table(
        "cfp_stages",
        i18n.t("sec_cfp", lang),
        [i18n.t("stage", lang), _unit_header(fig, result, lang), i18n.t("share", lang)],
        rows,
        note=i18n.t("rounding_note", lang),
    )
    split_rows = [Row([T(i18n.t(k, lang)), cells.fixed(shown, dec)]) for k, _, shown in fig.split]
    split_rows.append(
        Row([T(i18n.t("gwp_total", lang)), cells.fixed(fig.total_shown, dec)], "total")
    )
    split = Table(
        "cfp_ghg_split",
        i18n.t("ghg_split", lang),
        [i18n.t("origin", lang), _unit_header(fig, result, lang)],
        split_rows,
        note="" if fig.split_adds_up else i18n.t("split_note", lang),
    )
    blocks = [stage_table]
    if "stages" in charts:
        blocks.append(charts["stages"])
    blocks.append(split)
    return Section("cfp", i18n.t("sec_cfp", lang), blocks)


def contribution_section(
    result: ProductResult, lang: str, fig: CfpFigures, charts: dict[str, Chart]
) -> Section:
    names = contributor_names(result, lang)
    dec = fig.decimals
    rows, n = [], 0
    for s in fig.stages:
        for it in s.items:
            n += 1
            rows.append(
                Row(
                    [
                        Cell(str(n), n, "0"),
                        T(i18n.stage(s.stage, lang)),
                        T(names.get(it.contributor, it.contributor)),
                        T(i18n.kind(it.kind, lang)),
                        cells.fixed(it.shown, dec),
                        cells.fixed(it.share, 2),
                    ]
                )
            )
        rows.append(
            Row(
                [
                    T(""),
                    T(i18n.stage(s.stage, lang)),
                    T(i18n.t("subtotal", lang)),
                    T(""),
                    cells.fixed(s.shown, dec),
                    cells.fixed(s.share, 2),
                ],
                "subtotal",
            )
        )
    rows.append(
        Row(
            [
                T(""),
                T(""),
                T(i18n.t("total", lang)),
                T(""),
                cells.fixed(fig.total_shown, dec),
                cells.fixed(fig.total_share, 2),
            ],
            "total",
        )
    )
    table = Table(
        "cfp_contributions",
        i18n.t("sec_contrib", lang),
        [
            i18n.t("no", lang),
            i18n.t("stage", lang),
            i18n.t("contributor", lang),
            i18n.t("kind", lang),
            _unit_header(fig, result, lang),
            i18n.t("share", lang),
        ],
        rows,
        note=i18n.t("rounding_note", lang),
    )
    blocks = [table]
    if "top" in charts:
        blocks.append(charts["top"])
    return Section("contributions", i18n.t("sec_contrib", lang), blocks)


def direct_section(result: ProductResult, lang: str) -> Section:
    if not result.direct:
        return Section("direct", i18n.t("sec_direct", lang), [Paragraph(i18n.t("no_direct", lang))])
    items, params = [], []
    for d in result.direct:
        gases = "; ".join(
            f"{g['name']}: {g['kg']:.6g} kg × {g['gwp100']:g} = {g['kg_co2e']:.6g} kg CO2e"
            for g in d.get("gases", [])
        )
        notes = "; ".join(str(x) for x in d.get("notes", []) or [])
        items.append(
            Row(
                [
                    T(d["label"]),
                    T(i18n.calculator(d["calculator"], lang)),
                    T(i18n.stage(d.get("stage", ""), lang)),
                    T(d.get("formula", "")),
                    T(gases),
                    cells.significant(d.get("kg_co2e")),
                    T(notes),
                ]
            )
        )
        for prm in d.get("parameters", []):
            src = prm.get("source") or ""
            if prm.get("default"):
                src = f"{i18n.t('default', lang)}: {prm.get('default_source') or src}"
            params.append(
                Row(
                    [
                        T(d["label"]),
                        T(prm.get("name", "")),
                        cells.given(prm.get("value")),
                        T(prm.get("unit") or ""),
                        cells.given(prm.get("used_value")),
                        T(prm.get("used_unit") or ""),
                        T(src),
                    ]
                )
            )
    t1 = Table(
        "direct",
        i18n.t("sec_direct", lang),
        [
            i18n.t("item", lang),
            i18n.t("calculator", lang),
            i18n.t("stage", lang),
            i18n.t("formula", lang),
            i18n.t("gas", lang),
            i18n.t("kg_co2e", lang),
            i18n.t("notes", lang),
        ],
        items,
    )
    t2 = Table(
        "direct_parameters",
        f"{i18n.t('sec_direct', lang)}: {i18n.t('parameter', lang)}",
        [
            i18n.t("item", lang),
            i18n.t("parameter", lang),
            i18n.t("param_value", lang),
            i18n.t("unit", lang),
            f"{i18n.t('param_value', lang)} (used)" if lang == "en" else "计算用值",
            i18n.t("unit", lang),
            i18n.t("source", lang),
        ],
        params,
    )
    return Section("direct", i18n.t("sec_direct", lang), [t1, t2])


def reduction_section(result: ProductResult, lang: str, fig: CfpFigures) -> Section:
    names = contributor_names(result, lang)
    rows, cum = [], None
    for k, it in enumerate(ranked(fig, TOP_REDUCTION), start=1):
        if it.share is not None:
            cum = it.share if cum is None else cum + it.share
        rows.append(
            Row(
                [
                    Cell(str(k), k, "0"),
                    T(names.get(it.contributor, it.contributor)),
                    T(i18n.stage(it.stage, lang)),
                    cells.fixed(it.shown, fig.decimals),
                    cells.fixed(it.share, 2),
                    cells.fixed(cum if it.share is not None else None, 2),
                ]
            )
        )
    table = Table(
        "reduction",
        i18n.t("sec_reduction", lang),
        [
            i18n.t("rank", lang),
            i18n.t("contributor", lang),
            i18n.t("stage", lang),
            _unit_header(fig, result, lang),
            i18n.t("share", lang),
            i18n.t("cumulative", lang),
        ],
        rows,
        note=i18n.t("reduction_note", lang),
    )
    return Section("reduction", i18n.t("sec_reduction", lang), [table])


# --- EPD --------------------------------------------------------------------------------


def epd_section(result: ProductResult, lang: str) -> Section:
    totals = result.totals()
    info = by_label()
    col = "cradle_to_gate_dist" if "distribution" in _stages(result) else "cradle_to_gate"
    rows = []
    for k, label in enumerate(EF31_EPD, start=1):
        ind = info[label]
        name = ind.label_zh if lang == "zh" else ind.label
        rows.append(
            Row(
                [
                    Cell(str(k), k, "0"),
                    T(name),
                    T(ind.en15804_code),
                    T(ind.unit),
                    cells.value(totals.get(label)),
                ]
            )
        )
    table = Table(
        "epd",
        i18n.t("sec_epd", lang),
        [
            i18n.t("no", lang),
            i18n.t("indicator", lang),
            i18n.t("code", lang),
            i18n.t("unit", lang),
            i18n.t(col, lang),
        ],
        rows,
        note=i18n.t("epd_note", lang, du=_du(result)),
    )
    return Section("epd", i18n.t("sec_epd", lang), [table])


# --- inventory, datasets, quality ------------------------------------------------------------


def inventory_section(result: ProductResult, lang: str) -> Section:
    names = contributor_names(result, lang)
    rows = []
    for r in result.rows:
        link = r.get("link") or {}
        notes = "; ".join(
            x
            for x in (
                f"{i18n.t('assumption_id', lang)} {r['assumption']}" if r.get("assumption") else "",
                r.get("note") or "",
                f"load {r['load_t']:g} t" if r.get("load_t") else "",
            )
            if x
        )
        rows.append(
            Row(
                [
                    Cell(str(r["index"]), r["index"], "0"),
                    T(i18n.stage(r["stage"], lang)),
                    T(names.get(r["label"], r["label"])),
                    T(i18n.kind(r["kind"], lang)),
                    cells.given(r.get("amount")),
                    T(r.get("unit", "")),
                    cells.given(link.get("amount")),
                    T(link.get("unit", "")),
                    T(i18n.data_type(r.get("data_type"), lang)),
                    T(r.get("source") or ""),
                    T(r.get("dataset", "")),
                    T(notes),
                ]
            )
        )
    basis = _product(result).get("basis")
    table = Table(
        "inventory",
        i18n.t("sec_inventory", lang),
        [
            i18n.t("no", lang),
            i18n.t("stage", lang),
            i18n.t("contributor", lang),
            i18n.t("kind", lang),
            i18n.t("amount", lang)
            + (
                " (annual)"
                if basis == "annual" and lang == "en"
                else "（年度）"
                if basis == "annual"
                else ""
            ),
            i18n.t("unit", lang),
            i18n.t("amount_du", lang),
            i18n.t("unit", lang),
            i18n.t("data_type", lang),
            i18n.t("data_source", lang),
            i18n.t("study_dataset", lang),
            i18n.t("notes", lang),
        ],
        rows,
    )
    return Section("inventory", i18n.t("sec_inventory", lang), [table])


def datasets_section(result: ProductResult, lang: str) -> Section:
    names = contributor_names(result, lang)
    rows = []
    for r in result.rows:
        link = r.get("link") or {}
        target = link.get("target") or {}
        prov = target.get("provenance") or {}
        factors = link.get("factors") or {}
        open_name = target.get("name") or factors.get("name") or ""
        source = prov.get("source") or factors.get("source") or ""
        proxy = ""
        if link.get("proxy"):
            proxy = prov.get("proxy_for") or i18n.t("yes", lang)
            if prov.get("ghg_only"):
                proxy += f" ({i18n.t('ghg_only', lang)})"
        note = "; ".join(x for x in (link.get("note") or "", prov.get("adapted") or "") if x)
        rows.append(
            Row(
                [
                    Cell(str(r["index"]), r["index"], "0"),
                    T(names.get(r["label"], r["label"])),
                    T(r.get("dataset", "")),
                    T(open_name),
                    T(i18n.match(link.get("match", ""), lang)),
                    T(target.get("location") or ""),
                    T(source),
                    T(prov.get("year") or ""),
                    T(prov.get("licence") or ""),
                    T(proxy),
                    T(note),
                ]
            )
        )
    table = Table(
        "datasets",
        i18n.t("sec_datasets", lang),
        [
            i18n.t("no", lang),
            i18n.t("contributor", lang),
            i18n.t("study_dataset", lang),
            i18n.t("open_dataset", lang),
            i18n.t("match", lang),
            i18n.t("location", lang),
            i18n.t("source", lang),
            i18n.t("year", lang),
            i18n.t("licence", lang),
            i18n.t("proxy_for", lang),
            i18n.t("proxy_note", lang),
        ],
        rows,
    )
    bg = result.meta.get("background", {})
    blocks = [table]
    if bg.get("notice"):
        blocks.append(
            Paragraph(
                f"{i18n.t('notice', lang)}: {bg.get('title', '')} [{bg.get('version', '')}]. {bg['notice']}"
            )
        )
    return Section("datasets", i18n.t("sec_datasets", lang), blocks)


def quality_section(result: ProductResult, kind: str, lang: str) -> Section:
    blocks: list = []
    assumptions = result.meta.get("assumptions") or []
    if assumptions:
        rows = [
            Row(
                [
                    T(a.get("id", "")),
                    T(
                        (a.get("text_zh") or a.get("text", ""))
                        if lang == "zh"
                        else a.get("text", "")
                    ),
                    T(a.get("affects") or ""),
                ]
            )
            for a in assumptions
        ]
        blocks.append(
            Table(
                "assumptions",
                i18n.t("assumptions", lang),
                [
                    i18n.t("assumption_id", lang),
                    i18n.t("assumption_text", lang),
                    i18n.t("affects", lang),
                ],
                rows,
            )
        )
    else:
        blocks.append(Paragraph(i18n.t("no_assumptions", lang)))
    left_out = result.meta.get("left_out") or []
    if left_out:
        rows = [
            Row(
                [
                    T(x.get("label", "")),
                    cells.given(x.get("mass_kg")),
                    T(i18n.yes_no(x.get("precious"), lang)),
                    T(x.get("reason") or ""),
                ]
            )
            for x in left_out
        ]
        blocks.append(
            Table(
                "left_out",
                i18n.t("left_out", lang),
                [
                    i18n.t("contributor", lang),
                    i18n.t("mass_kg", lang),
                    i18n.t("precious", lang),
                    i18n.t("reason", lang),
                ],
                rows,
            )
        )
    labels = CFP_INDICATORS if kind == "cfp" else EF31_EPD
    info = by_label()
    rows = []
    for label in labels:
        share = result.proxy_share.get(label)
        if share is None:
            continue
        name = info[label].label_zh if lang == "zh" else label
        rows.append(
            Row(
                [
                    T(name),
                    cells.percent(share.get("proxy")),
                    cells.percent(share.get("ghg_only_proxy")),
                ]
            )
        )
    blocks.append(
        Table(
            "proxy_share",
            i18n.t("proxy_shares", lang),
            [
                i18n.t("indicator", lang),
                i18n.t("proxy_share", lang),
                i18n.t("ghg_only_share", lang),
            ],
            rows,
            note=i18n.t("proxy_share_note", lang),
        )
    )
    dq_rows = _dq_rows(result, lang)
    if dq_rows:
        blocks.append(
            Table(
                "data_quality",
                i18n.t("dq_scores", lang),
                [
                    i18n.t("no", lang),
                    i18n.t("contributor", lang),
                    "TeR",
                    "GeR",
                    "TiR",
                    "P",
                    i18n.t("dqr", lang),
                ],
                dq_rows,
            )
        )
    incomplete = result.calculation.get("incomplete_indicators") or []
    if incomplete:
        blocks.append(Bullets([i18n.t("incomplete", lang, names=", ".join(incomplete))]))
    return Section("quality", i18n.t("sec_quality", lang), blocks)


def _dq_rows(result: ProductResult, lang: str) -> list[Row]:
    names = contributor_names(result, lang)
    rows = []
    for r in result.rows:
        dq = r.get("dq") or {}
        if not dq:
            continue
        keys = ("ter", "ger", "tir", "p")
        vals = [dq.get(k, dq.get(f"dq_{k}")) for k in keys]
        known = [v for v in vals if isinstance(v, (int, float))]
        dqr = sum(known) / 4 if len(known) == 4 else None
        rows.append(
            Row(
                [
                    Cell(str(r["index"]), r["index"], "0"),
                    T(names.get(r["label"], r["label"])),
                    *[cells.given(v) for v in vals],
                    cells.value(dqr) if dqr is not None else T(""),
                ]
            )
        )
    return rows


# --- documents ------------------------------------------------------------------------------


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
    sections += [
        inventory_section(result, lang),
        datasets_section(result, lang),
        quality_section(result, kind, lang),
    ]
    if kind == "cfp":
        sections.append(reduction_section(result, lang, fig))
    p = _product(result)
    title = f"{i18n.t('title_' + kind, lang)}: {_product_name(result, lang)}"
    subtitle = " · ".join(x for x in (p.get("company", ""), _du(result)) if x)
    version = result.meta.get("bw_alu_version") or result.calculation.get("versions", {}).get(
        "bw-alu", ""
    )
    return Document(
        result.product_id,
        kind,
        lang,
        title,
        subtitle,
        sections,
        footer=i18n.t("generated_by", lang, version=version),
    )
