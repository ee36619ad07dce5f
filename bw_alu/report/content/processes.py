"""The plant's processes and allocation, as stored in the product database.

Shown when the product is more than one process or a process has co-products: each
process with its output, its runs per declared unit (from the stored graph) and the
allocation rule and factors written on it.
"""

from __future__ import annotations

from ...results import ProductResult
from .. import cells
from ..model import Section, Table
from .tables import row

_TEXT = {
    "title": ("工序与分配", "Processes and allocation"),
    "process": ("工序", "Process"),
    "product": ("产品", "Reference product"),
    "output": ("产出（数据基准）", "Output (workbook basis)"),
    "unit": ("单位", "Unit"),
    "runs": ("每声明单位的运行量", "Runs per declared unit"),
    "rule": ("分配方法", "Allocation"),
    "factors": ("分配系数", "Allocation factors"),
    "none": ("无副产品", "no co-products"),
    "note": (
        "各工序按参考产品的单位量储存实际交换量；带副产品的工序按所列方法拆分为单一产出过程，系数储存在过程上。",
        "Each process holds its real exchanges per unit of its reference product; a process "
        "with co-products is written as allocated single-output processes, the factors "
        "stored on them.",
    ),
}
_RULES = {
    "mass": ("质量分配", "by mass"),
    "economic": ("经济价值分配", "by economic value"),
    "cut-off": ("截断（副产品不分摊负荷）", "cut-off (co-products carry no burden)"),
    "given": ("按给定分配比例（SimaPro）", "as given (SimaPro allocation %)"),
}


def _t(key: str, lang: str, table=_TEXT) -> str:
    zh, en = table[key]
    return zh if lang == "zh" else en


def processes_section(result: ProductResult, lang: str) -> Section | None:
    processes = result.meta.get("processes") or []
    if len(processes) <= 1 and not any(p.get("coproducts") for p in processes):
        return None
    runs = {
        p["code"]: p["runs_per_du"]
        for p in (result.calculation.get("foreground") or {}).get("processes", [])
    }
    rows = []
    for p in processes:
        alloc = p.get("allocation") or {}
        rule = alloc.get("rule")
        factors = "; ".join(f"{k} {v:.4f}" for k, v in (alloc.get("factors") or {}).items())
        name = (p.get("name_zh") or p["name"]) if lang == "zh" else p["name"]
        rows.append(
            row(
                f"{name} ({p['id']})",
                p.get("reference_product") or "",
                cells.given(p.get("amount")),
                p.get("unit", ""),
                # runs come from float32 amounts: 7 significant digits are exact.
                cells.given(float(f"{runs[p['code']]:.7g}") if p["code"] in runs else None),
                _t(rule, lang, _RULES) if rule in _RULES else _t("none", lang),
                factors if rule else "",
            )
        )
    columns = [
        _t(k, lang) for k in ("process", "product", "output", "unit", "runs", "rule", "factors")
    ]
    table = Table("processes", _t("title", lang), columns, rows, note=_t("note", lang))
    return Section("processes", _t("title", lang), [table])
