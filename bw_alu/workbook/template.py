"""An empty plant workbook with an instructions sheet, for a plant engineer to fill in."""

from __future__ import annotations

from pathlib import Path

from .model import BASES, BURDEN_FREE, KINDS, STAGES
from .write import write_workbook

PRODUCT_FIELDS = [
    (
        "product_id",
        "lower-case id, names the product database / 产品编号（小写字母、数字、下划线）",
    ),
    ("company", "commissioning company / 委托单位"),
    ("address", "optional / 地址（可选）"),
    ("product_name_en", "product name in English / 产品英文名称"),
    ("product_name_zh", "optional / 产品中文名称（可选）"),
    ("declared_unit", "text, e.g. 1 t remelting aluminium ingot / 声明单位"),
    ("declared_unit_amount", "number, e.g. 1"),
    ("declared_unit_unit", "mass unit: t or kg"),
    (
        "basis",
        f"{' or '.join(BASES)}: are inventory amounts per declared unit or annual totals? / 数据基准",
    ),
    ("annual_production", "needed when basis is annual / 年产量（年度数据时必填）"),
    ("annual_production_unit", "t or kg (default: declared_unit_unit)"),
    (
        "annual_production_assumption",
        "assumption id if the production is not measured / 若为假设值，填假设编号",
    ),
    ("boundary", "system boundary / 系统边界"),
    ("time_period_start", "YYYY-MM-DD"),
    ("time_period_end", "YYYY-MM-DD"),
    ("geography", "e.g. CN-YN / 地理边界"),
    ("standards", "e.g. ISO 14067:2018; GB/T 44905-2024 / 依据标准"),
    # Optional, shown in the reports when given (basic information, scope, cover page).
    # A free-text field may have a Chinese companion <field>_zh for the Chinese report.
    ("company_zh", "optional / 委托单位中文名称"),
    ("address_zh", "optional / 地址（中文）"),
    ("credit_code", "optional / 统一社会信用代码"),
    ("contact", "optional / 联系人"),
    ("contact_phone", "optional / 联系电话"),
    ("contact_email", "optional / 电子邮箱"),
    ("purpose", "optional, with purpose_zh / 研究目的"),
    ("intended_use", "optional, with intended_use_zh / 预期用途"),
    ("verifier", "optional, with verifier_zh / 核查机构"),
    ("report_number", "optional / 报告编号"),
    ("report_date", "optional, YYYY-MM-DD / 报告日期"),
    ("verification_date", "optional, YYYY-MM-DD / 核查日期"),
    ("declared_unit_zh", "optional, e.g. 1 t 重熔用铝锭 / 声明单位（中文）"),
    ("boundary_zh", "optional / 系统边界（中文）"),
    ("process", "optional, with process_zh / 生产工艺描述"),
    ("cut_off_rule", "optional, with cut_off_rule_zh / 取舍准则"),
    ("allocation", "optional, with allocation_zh / 分配方法"),
]

COLUMNS = [
    ("inventory", "stage", f"one of {', '.join(STAGES)} / 生命周期阶段"),
    ("inventory", "label", "the input as the plant calls it / 输入名称"),
    ("inventory", "kind", f"one of {', '.join(KINDS)}"),
    ("inventory", "amount", "number >= 0, on the product sheet's basis / 数量"),
    ("inventory", "unit", "kg, t, kWh, MWh, MJ, GJ, m3, l, t*km, kg*km, km (with load_t), unit"),
    (
        "inventory",
        "dataset",
        f"background dataset name as your study used it (ecoinvent/SimaPro names are mapped), <database>:<code>, or '{BURDEN_FREE}' / 背景数据集名称",
    ),
    (
        "inventory",
        "load_t",
        "average load (t) when transport is given in km / 运输仅有公里数时的平均载重",
    ),
    ("inventory", "data_type", "primary or secondary / 数据类型"),
    (
        "inventory",
        "source",
        "source document: purchase list, invoices, meter readings ... / 数据来源",
    ),
    (
        "inventory",
        "dq_ter, dq_ger, dq_tir, dq_p",
        "PEF data quality scores 1 (best) .. 5 / 数据质量评分",
    ),
    ("inventory", "assumption", "id of a row of the assumptions sheet / 假设编号"),
    (
        "inventory",
        "process",
        "optional: id of the process (sheet processes) this row is an input of; blank = the product's process / 所属工序（可选）",
    ),
    (
        "inventory",
        "dataset (another process)",
        "the id of another process of this workbook (or process:<id>) to take its output / 填本表其他工序编号表示取用该工序产品",
    ),
    (
        "direct_emissions",
        "process",
        "optional: id of the process that emits it / 排放所属工序（可选）",
    ),
    (
        "processes",
        "id / name / name_zh / reference_product",
        "optional sheet: one row per process of the plant; the FIRST row makes the declared product / 可选：每行一个工序，第一行为声明产品的工序",
    ),
    (
        "processes",
        "amount / unit",
        "the process's output on the product sheet's basis (annual or per declared unit) / 工序产出量（与数据基准一致）",
    ),
    (
        "processes",
        "stage",
        "stage of exchanges added later without bw-alu metadata (default production)",
    ),
    (
        "processes",
        "allocation / price",
        "mass, economic or cut-off when the process has co-products; price of its product per unit for economic allocation / 分配方法与价格",
    ),
    (
        "coproducts",
        "process / label / label_zh / amount / unit / price",
        "co-products a process sells (e.g. spent anode butts, dross) / 副产品",
    ),
    (
        "direct_emissions",
        "label / calculator / stage",
        "one item per label; calculators: see below",
    ),
    (
        "direct_emissions",
        "parameter / value / unit / source",
        "one row per parameter, with its source",
    ),
    (
        "assumptions",
        "id / text / text_zh / affects",
        "every assumption the study makes / 研究中的所有假设",
    ),
    (
        "left_out",
        "label / mass / unit / precious / reason",
        "items left out under the cut-off rule / 取舍的物料",
    ),
]

CALCULATOR_HELP = [
    (
        "fuel_combustion",
        "fuel (diesel, gasoline, natural_gas, fuel_oil, lpg, coal), consumption; optional ncv, carbon_content, oxidation_rate (defaults: methods/fuel_defaults.csv)",
    ),
    ("anode_consumption", "net_carbon_consumption (tC/t-Al), sulphur, ash"),
    (
        "anode_effect",
        "cf4_factor and c2f6_factor (kg/t-Al), or anode_effect_minutes and technology (IPCC slope method)",
    ),
    ("carbonate_decomposition", "carbonate, mass; optional factor (t CO2/t)"),
    (
        "refrigerant_leakage",
        "refrigerant (R-32, R-22, R-134a, R-125, R-410A, R-407C, R-404A, R-507A), mass refilled",
    ),
]


def template_sheets() -> dict[str, list[dict]]:
    instructions = [{"sheet": "product", "column": f, "meaning": m} for f, m in PRODUCT_FIELDS]
    instructions += [{"sheet": s, "column": c, "meaning": m} for s, c, m in COLUMNS]
    instructions += [
        {"sheet": "direct_emissions", "column": f"calculator {name}", "meaning": params}
        for name, params in CALCULATOR_HELP
    ]
    return {
        "instructions": instructions,
        "product": [{"field": f, "value": None, "note": m} for f, m in PRODUCT_FIELDS],
        "inventory": [],
        "direct_emissions": [],
        "assumptions": [],
        "left_out": [],
        "processes": [],
        "coproducts": [],
    }


def write_template(path: str | Path, *, force: bool = False) -> Path:
    """Write the empty workbook; an existing file is kept unless ``force``."""
    return write_workbook(path, template_sheets(), overwrite=force)
