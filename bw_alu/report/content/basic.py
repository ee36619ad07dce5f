"""Basic information and the goal-and-scope section.

Optional product-sheet fields (credit code, address, contact, purpose, verifier, report
number, dates ...) are shown when the workbook gives them; any other field of the sheet
is kept and shown after them, under its label where the label table knows it.
"""

from __future__ import annotations

from pathlib import PurePath

from ...results import ProductResult
from .. import i18n
from ..figures import CfpFigures
from ..model import Block, Chart, Section
from ..rounding import fmt_fixed
from .product import (
    bw_alu_version,
    declared_unit,
    extra,
    pfield,
    product,
    product_name,
    stages,
)
from .tables import headers, row, section, table

# Optional fields of the basic-information table, in the order a verification report
# lists them. Each may have a ``_zh`` companion.
BASIC_OPTIONAL = (
    "credit_code",
    "address",
    "contact",
    "contact_phone",
    "contact_email",
    "purpose",
    "intended_use",
    "verifier",
    "verifier_team",
    "report_number",
    "report_date",
    "verification_date",
    "site_visit_date",
    "product_description",
    "product_use",
    "grades",
)
# Fields the scope section shows.
SCOPE_OPTIONAL = ("process", "cut_off_rule", "allocation", "study_tools", "study_factors")


def _name(result: ProductResult, lang: str) -> str:
    p = product(result)
    if lang == "zh" and p.get("product_name_zh"):
        return str(p["product_name_zh"])
    return product_name(result, lang)


def _basis(result: ProductResult, lang: str) -> str:
    p = product(result)
    if p.get("basis") != "annual":
        return i18n.t("basis_per_du", lang)
    amount = p.get("annual_production")
    basis = i18n.t(
        "basis_annual",
        lang,
        amount=f"{amount:,.10g}" if isinstance(amount, (int, float)) else "",
        unit=p.get("annual_production_unit") or "",
    )
    if p.get("annual_production_assumption"):
        ref = i18n.t("assumption_ref", lang, id=p["annual_production_assumption"])
        basis += f"（{ref}）" if lang == "zh" else f" ({ref})"
    return basis


def _optional(result: ProductResult, keys, lang: str) -> list[tuple[str, str]]:
    return [(i18n.t(k, lang), v) for k in keys if (v := pfield(result, k, lang))]


def shown_extra_keys() -> set[str]:
    keys = set(BASIC_OPTIONAL) | set(SCOPE_OPTIONAL) | {"declared_unit", "company", "boundary"}
    return keys | {f"{k}_zh" for k in keys} | {f"{k}_en" for k in keys}


def _other_fields(result: ProductResult, lang: str) -> list[tuple[str, str]]:
    """Fields of the product sheet that no table above shows (a user's own additions)."""
    shown = shown_extra_keys()
    out = []
    for k, v in sorted(extra(result).items()):
        if k in shown or k.endswith(("_zh", "_en")):
            continue
        out.append((i18n.field_label(k, lang), pfield(result, k, lang) or str(v)))
    return out


def basic_section(result: ProductResult, kind: str, lang: str, fig: CfpFigures | None) -> Section:
    meta, calc = result.meta, result.calculation
    bg = meta.get("background", {})
    versions = calc.get("versions", {})
    fields = [
        (i18n.t("company", lang), pfield(result, "company", lang)),
        (i18n.t("product", lang), _name(result, lang)),
        (i18n.t("product_id", lang), result.product_id),
        *_optional(result, BASIC_OPTIONAL, lang),
        (i18n.t("declared_unit", lang), declared_unit(result, lang)),
        (i18n.t("standards", lang), str(product(result).get("standards", ""))),
        (
            i18n.t("background_db", lang),
            f"{bg.get('title', '')} [{bg.get('version', '')}] ({bg.get('database', '')})",
        ),
    ]
    if meta.get("factors_file"):
        fields.append((i18n.t("factors_file", lang), PurePath(meta["factors_file"]).name))
    others = ", ".join(f"{k} {v}" for k, v in sorted(versions.items()) if k != "bw-alu")
    fields += [
        (i18n.t("methods", lang), i18n.t("methods_text", lang, bw2io=versions.get("bw2io", "?"))),
        (i18n.t("software", lang), f"bw-alu {bw_alu_version(result)}; {others}"),
        (i18n.t("solver", lang), str(calc.get("solver", ""))),
        (i18n.t("workbook", lang), str(meta.get("workbook", ""))),
        *_other_fields(result, lang),
    ]
    if kind == "cfp" and fig is not None:
        text = i18n.t(
            "conclusion_cfp",
            lang,
            du=declared_unit(result, lang),
            value=fmt_fixed(fig.total_shown, fig.decimals),
            unit=fig.unit,
        )
        fields.append((i18n.t("conclusion", lang), text))
    rows = [row(k, v) for k, v in fields]
    columns = headers(lang, "field", "value")
    return section("basic", "sec_basic", lang, [table("basic", "sec_basic", lang, columns, rows)])


def scope_section(result: ProductResult, lang: str, boundary: Chart | None) -> Section:
    p = product(result)
    fields = [
        (i18n.t("functional_unit", lang), declared_unit(result, lang)),
        (i18n.t("system_boundary", lang), pfield(result, "boundary", lang)),
        (
            i18n.t("stages_included", lang),
            ("；" if lang == "zh" else "; ").join(i18n.stage(s, lang) for s in stages(result)),
        ),
        (i18n.t("geo_boundary", lang), str(p.get("geography", ""))),
        (
            i18n.t("time_boundary", lang),
            f"{p.get('time_period_start', '')} – {p.get('time_period_end', '')}",
        ),
        (i18n.t("basis", lang), _basis(result, lang)),
    ]
    fields += _optional(result, ("process", "allocation", "study_tools", "study_factors"), lang)
    cut_off = pfield(result, "cut_off_rule", lang) or i18n.t("cut_off_default", lang)
    fields += [
        (i18n.t("cut_off_rule", lang), cut_off),
        (i18n.t("dq_requirements", lang), i18n.t("dq_requirements_text", lang)),
    ]
    blocks: list[Block] = [
        table(
            "scope", "sec_scope", lang, headers(lang, "field", "value"), [row(*f) for f in fields]
        )
    ]
    if boundary is not None:
        blocks.append(boundary)
    return section("scope", "sec_scope", lang, blocks)
