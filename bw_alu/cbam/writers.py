"""The CBAM result as Markdown and xlsx (per language) and json.

Files: ``<product>_cbam_<lang>.md``, ``<product>_cbam_<lang>.xlsx``, ``<product>_cbam.json``.
Every file is built whole in memory, written to a temporary file beside its target and
renamed, so a failure leaves no half-written output. The xlsx uses the tab names of the
Commission's communication template for installations (rule R19) so a user finds where
each figure goes; its cell layout is bw-alu's own.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from ..errors import OutputNotWritable
from ..report import i18n
from .labels import LANGS, precursor_formula, t

FORMATS = ("md", "xlsx", "json")


def _f(x: float | None, digits: int = 4) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _period_rule_text(rule: dict[str, Any], lang: str) -> str:
    """R23 in words: which goods the SEE serves, against the import year."""
    period = rule["see_serves_goods_produced"]
    return t("period_rule_text", lang).format(
        start=period["start"], end=period["end"], year=rule["import_year"]
    )


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def _route_label(r: dict[str, Any], lang: str) -> str:
    return t(r["period"], lang) if r["period"] in ("definitive", "transitional") else r["period"]


def _inst(r: dict[str, Any], key: str) -> str:
    return r["installation"].get(key, {}).get("value", "")


def _du_text(r: dict[str, Any], lang: str) -> str:
    """The declared unit of the figures and where it comes from."""
    du = r["declared_unit"]
    src = r.get("source") or {}
    origin = (
        t("du_stored", lang).format(project=src.get("project"))
        if src.get("kind") == "stored graph"
        else t("du_workbook", lang)
    )
    return t("du_text", lang).format(
        du=f"{du['amount']:g} {du['unit']}", origin=origin, workbook=du["workbook"]
    )


def unlabelled(r: dict[str, Any]) -> list[str]:
    """Exchanges of the stored product without bw-alu metadata (left out of CBAM)."""
    return list((r.get("source") or {}).get("unlabelled_exchanges_left_out") or [])


_SUMMARY_KEYS = (
    "attributed_direct",
    "precursors_direct",
    "direct",
    "electricity_indirect",
    "precursors_indirect",
    "indirect",
    "total",
    "counted",
)


def summary_rows(r: dict[str, Any], lang: str) -> list[list[object]]:
    s, n = r["see"], len(r["precursors"])
    sum_prec = t("sum_prec", lang).format(n=n)
    return [
        [t("attributed_direct", lang), _f(s["attributed_direct"]), t("sum_items", lang)],
        [t("precursors_direct", lang), _f(s["precursors_direct"]), sum_prec],
        [
            t("see_direct", lang),
            _f(s["direct"], 3),
            f"{_f(s['attributed_direct'])} + {_f(s['precursors_direct'])}",
        ],
        [t("electricity_indirect", lang), _f(s["electricity_indirect"]), "MWh/t x t CO2/MWh"],
        [
            t("precursors_indirect", lang),
            _f(s["precursors_indirect"]),
            sum_prec,
        ],
        [
            t("see_indirect", lang),
            _f(s["indirect"], 3),
            f"{_f(s['electricity_indirect'])} + {_f(s['precursors_indirect'])}",
        ],
        [t("see_total", lang), _f(s["total"], 3), f"{_f(s['direct'])} + {_f(s['indirect'])}"],
        [
            t("see_counted", lang),
            _f(s["counted"], 3),
            t("see_direct", lang)
            if r["period"] == "definitive"
            else f"{t('see_direct', lang)} + {t('see_indirect', lang)}",
        ],
    ]


def source_list(r: dict[str, Any], lang: str) -> list[str]:
    """Every source the result rests on, once: data files, acts, factors, supplier data."""
    out = [
        t("src_files", lang).format(workbook=r["workbook"], cbam=r["cbam_data"]),
        t("src_stored", lang).format(project=r["source"]["project"])
        if r.get("source", {}).get("kind") == "stored graph"
        else t("src_workbook", lang),
        t("src_params", lang),
        t("src_gwp", lang),
    ]
    acts = []
    for row in r["rules"]:  # "A; B", "A and B", "A / B" name several acts
        for part in re.split(r";| and | / ", row["act"]):
            part = part.replace("(basis of CBAM monitoring)", "").strip()
            if part.startswith(("Regulation", "Implementing", "Commission", "Guidance")):
                acts.append(part)
    seen: set[str] = set()
    for x in (
        sorted(set(acts))
        + [e["factor_source"] for e in r["indirect"]["rows"]]
        + [p["source"] for p in r["precursors"]]
    ):
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def render_md(r: dict[str, Any], lang: str) -> str:
    name = r["product_name_zh"] if lang == "zh" and r["product_name_zh"] else r["product_name_en"]
    lines = [f"# {t('title', lang)}: {name} ({r['product_id']})", ""]
    lines += [f"## {t('basic', lang)}", ""]
    basic = [
        [t("company", lang), r["company"]],
        [t("installation", lang), _inst(r, "installation_name")],
        [t("country", lang), _inst(r, "country")],
        [t("city", lang), _inst(r, "city")],
        [t("period", lang), f"{r['reporting_period']['start']} .. {r['reporting_period']['end']}"],
        [t("rules_period", lang), _route_label(r, lang)],
        [t("category", lang), _inst(r, "aggregated_goods_category")],
        [t("route", lang), _inst(r, "production_route")],
        [t("cn", lang), _inst(r, "cn_code")],
        [t("process", lang), _inst(r, "production_process")],
        [t("boundary", lang), _inst(r, "installation_boundary")],
        [t("wb_processes", lang), ", ".join(r["processes"])],
        [t("du", lang), _du_text(r, lang)],
        [
            t("al", lang),
            _f(r["activity_level_t"], 1) if r["activity_level_t"] else t("al_unknown", lang),
        ],
    ]
    lines += _table([t("item", lang), t("value", lang)], basic)
    lines += [f"## {t('summary', lang)}", ""]
    al = r["activity_level_t"]
    rows = summary_rows(r, lang)
    headers = [t("item", lang), t("t_per_t", lang), t("formula", lang)]
    if al:
        # installation totals of the period: SEE x AL
        headers.append(t("annual", lang).format(al=f"{al:g}"))
        for row, key in zip(rows, _SUMMARY_KEYS):
            row.append(f"{r['see'][key] * al:.1f}")
    lines += _table(headers, rows)
    lines += [t("rounding", lang), "", f"## {t('method', lang)}", "", t("method_text", lang), ""]

    lines += [f"## {t('direct', lang)}", ""]
    rows = []
    for it in r["direct"]["items"]:
        gases = "; ".join(f"{g['gas']} {g['kg_per_t']:.6g} x {g['gwp100']:g}" for g in it["gases"])
        rows.append(
            [
                it["label"],
                i18n.calculator(it["calculator"], lang),
                t(it["scope"], lang),
                it["rule"],
                gases,
                _f(it["t_co2e_per_t"]),
            ]
        )
    lines += _table(
        [
            t("item", lang),
            t("calculator", lang),
            t("scope", lang),
            t("rule", lang),
            t("gases", lang) + " x " + t("gwp", lang),
            t("t_per_t", lang),
        ],
        rows,
    )
    for it in r["direct"]["items"]:
        reason = (
            it["reason"]
            if it["rule"] == "R12"
            else t("rule_for", lang).format(
                calculator=i18n.calculator(it["calculator"], lang), rule=it["rule"]
            )
        )
        text = i18n.formula(it["calculator"], it["formula"], lang)
        lines.append(f"- {it['label']} ({reason}): {text}")
        if it["default_parameters"]:
            names = ", ".join(x["name"] for x in it["default_parameters"])
            sources = "; ".join(sorted({x["source"] for x in it["default_parameters"]}))
            lines.append(f"  - {t('default_params', lang)}: {names} ({sources})")
    lines += ["", f"- {t('gwp_note', lang)}", ""]

    lines += [f"## {t('indirect', lang)}", ""]
    rows = [
        [
            e["inventory_label"],
            f"{e['amount']:g} {e['unit']}",
            _f(e["mwh_per_t"]),
            e["source_type"],
            f"{e['factor_t_co2_per_mwh']:g}",
            e["rule"],
            _f(e["t_co2e_per_t"]),
            e["formula"],
        ]
        for e in r["indirect"]["rows"]
    ]
    lines += _table(
        [
            t("electricity", lang),
            t("value", lang),
            t("mwh_per_t", lang),
            t("source_type", lang),
            t("factor", lang),
            t("rule", lang),
            t("t_per_t", lang),
            t("formula", lang),
        ],
        rows,
    )
    for e in r["indirect"]["rows"]:
        extra = f"; {t('evidence', lang)}: {e['evidence']}" if e["evidence"] else ""
        lines.append(
            f"- {e['inventory_label']}: {t('factor_source', lang)}: {e['factor_source']} "
            f"({e['factor_year']}){extra}"
        )
    lines += ["", f"- {t('grid_note', lang)}", ""]

    lines += [f"## {t('precursors', lang)}", ""]
    if r["precursors"]:
        rows = [
            [
                x["label"],
                x["cn_code"],
                x["country"],
                t(x["data_source"], lang),
                f"{x['t_per_t']:.6g}",
                f"{x['see_direct']:g}",
                f"{x['see_indirect']:g}",
                _f(x["direct_t_co2e_per_t"]),
                _f(x["indirect_t_co2e_per_t"]),
            ]
            for x in r["precursors"]
        ]
        lines += _table(
            [
                t("precursor", lang),
                t("cn", lang),
                t("country", lang),
                t("data_source", lang),
                t("mass_per_t", lang),
                t("see_prec_direct", lang),
                t("see_prec_indirect", lang),
                t("contribution_direct", lang),
                t("contribution_indirect", lang),
            ],
            rows,
        )
        for x in r["precursors"]:
            text = precursor_formula(x["formula"], lang)
            lines.append(f"- {x['label']}: {text}; {t('source', lang)}: {x['source']}")
        lines.append("")
    else:
        lines += [t("none", lang), ""]

    f = r["flags"]
    lines += [f"## {t('flags', lang)}", ""]
    hand: list[list[object]] = (
        [[t("unlabelled", lang), "; ".join(unlabelled(r)) or t("none", lang)]]
        if r["source"]["kind"] == "stored graph"
        else []
    )
    lines += _table(
        [t("item", lang), t("value", lang)],
        [
            [t("default_used", lang), t("yes" if f["default_values_used"] else "no", lang)],
            [t("default_share", lang), f"{100 * f['default_share_of_total']:.1f} %"],
            [t("el_types", lang), ", ".join(f["electricity_source_types"])],
            *[[t("default_status", lang), x] for x in f["default_value_status"]],
            [t("period_rule", lang), _period_rule_text(f["reporting_period_rule"], lang)],
            *hand,
        ],
    )
    lines += [f"## {t('assumptions', lang)}", ""]
    for a in r["assumptions"]:
        text = a["text_zh"] if lang == "zh" and a["text_zh"] else a["text"]
        lines.append(f"- **{a['id']}**: {text}")
    lines += ["", f"## {t('rules', lang)}", ""]
    lines += _table(
        [
            "id",
            t("rule", lang),
            t("act", lang),
            t("provision", lang),
            t("version", lang),
            t("confidence", lang),
        ],
        [
            [
                x["id"],
                x["rule applied (zh)"] if lang == "zh" else x["rule applied"],
                x["act"],
                x["provision"],
                x["version implemented"],
                x["confidence"],
            ]
            for x in r["rules"]
        ],
    )
    lines += [f"## {t('sources', lang)}", ""]
    lines += [f"- {x}" for x in source_list(r, lang)] + [""]
    lines += [f"## {t('not_covered', lang)}", "", t("not_covered_text", lang), ""]
    return "\n".join(lines)


def _sheet(wb, title: str, headers: list[str], rows: list[list[object]]) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append([_safe(v) for v in row])
    for col in ws.columns:
        width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
        ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 70)


def _safe(v: object) -> object:
    """Numbers stay numbers; text that a spreadsheet would run as a formula stays text."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
        return "'" + v
    return v


def render_xlsx(r: dict[str, Any], lang: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    fields: dict[str, tuple[object, str]] = {
        "reporting_period_start": (r["reporting_period"]["start"], "product sheet"),
        "reporting_period_end": (r["reporting_period"]["end"], "product sheet"),
        "activity_level_t": (
            r["activity_level_t"],
            f"annual production ({r['declared_unit']['from']})",
        ),
    }
    fields |= {k: (v["value"], v["source"]) for k, v in r["installation"].items()}
    src = r.get("source") or {"kind": "workbook", "text": "workbook"}
    fields["quantities_from"] = (src["text"], r["workbook"])
    fields["declared_unit"] = (_du_text(r, lang), r["declared_unit"]["from"])
    if src["kind"] == "stored graph":  # hand-added exchanges, not counted
        fields["unlabelled_exchanges_left_out"] = (
            "; ".join(unlabelled(r)) or t("none", lang),
            t("unlabelled", lang),
        )
    if r["activity_level_t"] is not None:  # the number, whatever the sheet wrote
        fields["activity_level_t"] = (r["activity_level_t"], fields["activity_level_t"][1])
    inst = [[k, v, src] for k, (v, src) in sorted(fields.items())]
    _sheet(wb, "A_InstData", [t("item", lang), t("value", lang), t("source", lang)], inst)
    gases = [
        [it["label"], i18n.calculator(it["calculator"], lang), it["scope"], it["rule"], g["gas"],
         g["kg_per_t"],
         g["gwp100"], g["t_co2e_per_t"] if g["counted"] else 0.0,
         ", ".join(x["name"] for x in it["default_parameters"])]
        for it in r["direct"]["items"]
        for g in it["gases"]
    ]  # fmt: skip
    _sheet(
        wb,
        "B_EmInst",
        [
            t("item", lang),
            t("calculator", lang),
            t("scope", lang),
            t("rule", lang),
            "gas",
            "kg/t",
            t("gwp", lang),
            "t CO2e/t",
            t("default_params", lang),
        ],
        gases,
    )
    el = [
        [e["inventory_label"], e["mwh_per_t"], e["source_type"], e["factor_t_co2_per_mwh"],
         e["t_co2e_per_t"], e["factor_source"], e["factor_year"], e["evidence"]]
        for e in r["indirect"]["rows"]
    ]  # fmt: skip
    s = r["see"]
    al = r["activity_level_t"]
    process = [
        [_inst(r, "production_process"), _inst(r, "aggregated_goods_category"),
         _inst(r, "cn_code"), _inst(r, "production_route"), al, s["attributed_direct"],
         s["attributed_direct"] * al if al else None, r["indirect"]["mwh_per_t"],
         s["electricity_indirect"]]
    ]  # fmt: skip
    _sheet(
        wb,
        "D_Processes",
        [
            t("process", lang),
            t("category", lang),
            t("cn", lang),
            t("route", lang),
            t("al", lang),
            t("attributed_direct", lang) + " (t CO2e/t)",
            t("attributed_direct", lang) + " (t CO2e)",
            t("electricity", lang) + " (MWh/t)",
            t("electricity_indirect", lang) + " (t CO2e/t)",
        ],
        process,
    )
    _sheet(
        wb,
        "Electricity",
        [
            t("electricity", lang),
            "MWh/t",
            t("source_type", lang),
            "t CO2/MWh",
            "t CO2e/t",
            t("factor_source", lang),
            "year",
            t("evidence", lang),
        ],
        el,
    )
    prec = [
        [x["label"], x["cn_code"], x["country"], x["route"], x["data_source"], x["supplier"],
         x["t_per_t"], x["see_direct"], x["see_indirect"], x["direct_t_co2e_per_t"],
         x["indirect_t_co2e_per_t"], x["source"]]
        for x in r["precursors"]
    ]  # fmt: skip
    _sheet(
        wb,
        "E_PurchPrec",
        [
            t("precursor", lang),
            t("cn", lang),
            t("country", lang),
            t("route", lang),
            t("data_source", lang),
            "supplier",
            "t/t",
            "SEE direct (t CO2e/t)",
            "SEE indirect (t CO2e/t)",
            "direct (t CO2e/t good)",
            "indirect (t CO2e/t good)",
            t("source", lang),
        ],
        prec,
    )
    products = [
        [_inst(r, "production_process"), _inst(r, "aggregated_goods_category"),
         _inst(r, "cn_code"), _inst(r, "production_route"), s["direct"], s["indirect"],
         s["total"], s["counted"], "yes" if r["flags"]["default_values_used"] else "no",
         r["flags"]["default_share_of_total"]]
    ]  # fmt: skip
    _sheet(
        wb,
        "Summary_Products",
        [
            t("process", lang),
            t("category", lang),
            t("cn", lang),
            t("route", lang),
            "SEE direct (t CO2e/t)",
            "SEE indirect (t CO2e/t)",
            "SEE total (t CO2e/t)",
            t("see_counted", lang) + " (t CO2e/t)",
            t("default_used", lang),
            t("default_share", lang),
        ],
        products,
    )
    _sheet(
        wb,
        "Rules",
        ["id", t("rule", lang), t("act", lang), t("provision", lang), t("version", lang)],
        [
            [
                x["id"],
                x["rule applied (zh)"] if lang == "zh" else x["rule applied"],
                x["act"],
                x["provision"],
                x["version implemented"],
            ]
            for x in r["rules"]
        ],
    )
    # Same result, same bytes: fixed document dates and zip times (the reports' helper).
    from ..report.writers._zip import fixed_instant, normalize

    wb.properties.creator = "bw-alu"
    wb.properties.created = wb.properties.modified = fixed_instant().replace(tzinfo=None)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize(buf.getvalue())


def render_json(r: dict[str, Any]) -> str:
    return json.dumps(r, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _write(path: Path, data: bytes) -> None:
    from ..report.generate import write_atomic  # temporary file beside the target, rename

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputNotWritable(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_cbam(
    r: dict[str, Any],
    output_dir: str | Path,
    *,
    langs: tuple[str, ...] = LANGS,
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Render every file first, then write each through a temporary file and a rename."""
    out = Path(output_dir)
    pid = r["product_id"]
    files: list[tuple[Path, bytes]] = []
    for fmt in formats:
        if fmt == "json":
            files.append((out / f"{pid}_cbam.json", render_json(r).encode("utf-8")))
            continue
        for lang in langs:
            data = render_md(r, lang).encode("utf-8") if fmt == "md" else render_xlsx(r, lang)
            files.append((out / f"{pid}_cbam_{lang}.{fmt}", data))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputNotWritable(f"cannot create {out}: {exc.strerror or exc}") from exc
    for path, data in files:
        _write(path, data)
    return [p for p, _ in files]
