"""The basic information section: product, boundaries, data basis, software."""

from __future__ import annotations

from pathlib import PurePath

from ...results import ProductResult
from .. import i18n
from ..figures import CfpFigures
from ..model import Section
from ..rounding import fmt_fixed
from .product import bw_alu_version, declared_unit, product, product_name, stages
from .tables import headers, row, table_section


def _name(result: ProductResult, lang: str) -> str:
    p = product(result)
    if lang == "zh" and p.get("product_name_en") and p.get("product_name_zh"):
        return f"{p['product_name_zh']}（{p['product_name_en']}）"
    return product_name(result, lang)


def _basis(p: dict, lang: str) -> str:
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
        basis += f" ({i18n.t('assumption_id', lang)} {p['annual_production_assumption']})"
    return basis


def _fields(result: ProductResult, lang: str) -> list[tuple[str, str]]:
    """(label key, value) of the fixed fields, in the order the table shows them."""
    p, meta, calc = product(result), result.meta, result.calculation
    bg = meta.get("background", {})
    versions = calc.get("versions", {})
    fields = [
        ("company", p.get("company", "")),
        ("product", _name(result, lang)),
        ("product_id", result.product_id),
        ("declared_unit", declared_unit(result)),
        ("standards", p.get("standards", "")),
        ("geo_boundary", p.get("geography", "")),
        ("system_boundary", p.get("boundary", "")),
        ("stages_included", "; ".join(i18n.stage(s, lang) for s in stages(result))),
        ("time_boundary", f"{p.get('time_period_start', '')} – {p.get('time_period_end', '')}"),
        ("basis", _basis(p, lang)),
        (
            "background_db",
            f"{bg.get('title', '')} [{bg.get('version', '')}] ({bg.get('database', '')})",
        ),
    ]
    if meta.get("factors_file"):
        fields.append(("factors_file", PurePath(meta["factors_file"]).name))
    others = ", ".join(f"{k} {v}" for k, v in sorted(versions.items()) if k != "bw-alu")
    fields += [
        ("methods", i18n.t("methods_text", lang, bw2io=versions.get("bw2io", "?"))),
        ("software", f"bw-alu {bw_alu_version(result)}; {others}"),
        ("solver", calc.get("solver", "")),
        ("workbook", meta.get("workbook", "")),
    ]
    return fields


def basic_section(result: ProductResult, kind: str, lang: str, fig: CfpFigures | None) -> Section:
    rows = [row(i18n.t(k, lang), v) for k, v in _fields(result, lang)]
    rows += [row(k, v) for k, v in sorted((product(result).get("extra") or {}).items())]
    if kind == "cfp" and fig is not None:
        text = i18n.t(
            "conclusion_cfp",
            lang,
            du=declared_unit(result),
            value=fmt_fixed(fig.total_shown, fig.decimals),
            unit=fig.unit,
        )
        rows.append(row(i18n.t("conclusion", lang), text))
    return table_section("basic", lang, headers(lang, "field", "value"), rows)
