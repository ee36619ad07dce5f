"""Write the two example plant workbooks of ``databases/plants/`` from shared/reference/plants.md.

    python scripts/make_example_workbooks.py

Plant A (remelting ingot, Yunnan) and plant B (alloy cast rod, Kunshan) are two real
verified studies, reporting year 2024. Every figure below is copied from plants.md; where
the study leaves a gap (plant B's annual production and transport loads) the workbook
states an explicit assumption in its ``assumptions`` sheet and the rows point to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bw_alu.workbook.write import direct_rows, product_rows, write_workbook  # noqa: E402

LORRY = (
    "Transport, freight, lorry, >32 metric ton, diesel, EURO 6 {RoW}| market for transport, "
    "freight, lorry, >32 metric ton, diesel, EURO 6 | Cut-off, U"
)
# Sources in the plant's words (the study's tables), one per inventory block.
A_SOURCES = {
    1: "verified CFP study, raw material inventory",
    2: "verified CFP study, raw material transport inventory",
    3: "verified CFP study, energy and water inventory",
}


def plant_a() -> dict[str, list[dict]]:
    product = {
        "product_id": "ingot_yunnan_2024",
        "company": "Primary aluminium smelter, Yunnan (name withheld)",
        "company_zh": "云南某原铝冶炼企业（名称隐去）",
        "address": "Yunnan Province, China",
        "address_zh": "中国云南省",
        "product_name_en": "Remelting aluminium ingot",
        "product_name_zh": "重熔用铝锭",
        "declared_unit": "1 t remelting aluminium ingot",
        "declared_unit_zh": "1 t 重熔用铝锭",
        "declared_unit_amount": 1,
        "declared_unit_unit": "t",
        "basis": "per_declared_unit",
        "boundary": "cradle-to-gate: raw material acquisition, raw material transport, production",
        "boundary_zh": "从摇篮到大门：原材料获取、原材料运输、产品生产",
        "time_period_start": "2024-01-01",
        "time_period_end": "2024-12-31",
        "geography": "CN-YN",
        "standards": "ISO 14067:2018; GB/T 24040; GB/T 24044; GB/T 24025; GB/T 44905-2024",
        "process": "Hall-Heroult electrolysis with prebaked anodes; vacuum-ladle tapping; ingot casting",
        "process_zh": "预焙阳极电解槽（霍尔-埃鲁法）电解；真空抬包出铝；铸锭",
        "study_tools": "SimaPro, ecoinvent 3.11 cut-off; EF 3.1 (adapted); IPCC 2021 GWP100",
        "study_tools_zh": "SimaPro，ecoinvent 3.11 截断模型；EF 3.1（调整版）；IPCC 2021 GWP100",
    }
    materials = [
        (
            "氧化铝",
            "alumina, metallurgical",
            1467.04,
            "Aluminium oxide, metallurgical {RoW}| market for aluminium oxide, metallurgical | Cut-off, U",
        ),
        ("氧化铝-自检", "alumina, supplier-specific (own group refinery)", 419.05, "氧化铝-神火"),
        (
            "阳极炭块-自检",
            "prebaked anode, supplier-specific (own group plant)",
            147.47,
            "阳极碳素-神火",
        ),
        (
            "阳极炭块",
            "prebaked anode",
            313.58,
            "Anode, prebake, for aluminium electrolysis {RoW}| anode production, prebake, for aluminium electrolysis | Cut-off, U",
        ),
        (
            "氟化铝",
            "aluminium fluoride",
            14.35,
            "Aluminium fluoride {RoW}| aluminium fluoride production | Cut-off, U",
        ),
        (
            "氢氧化钙",
            "lime, hydrated",
            11.82,
            "Lime, hydrated, packed {RoW}| market for lime, hydrated, packed | APOS, U",
        ),
        (
            "生石灰",
            "quicklime",
            17.79,
            "Quicklime, milled, loose {RoW}| quicklime production, milled, loose | Cut-off, U",
        ),
        (
            "纯碱",
            "soda ash",
            1.35,
            "Soda ash, dense {GLO}| soda ash production, dense, Hou's process | Cut-off, U",
        ),
        ("冰晶石", "cryolite", 2.22, "Cryolite {RoW}| cryolite production | Cut-off, U"),
        ("硅铁", "ferrosilicon", 0.15, "Ferrosilicon {CN}| ferrosilicon production | Cut-off, U"),
        (
            "生铁、磷铁",
            "pig iron, phosphorus iron",
            2.05,
            "Pig iron {RoW}| market for pig iron | Cut-off, U",
        ),
        (
            "钢包带（发蓝）、机械用钢扣",
            "steel strapping and fasteners",
            1.00,
            "Steel, unalloyed {RoW}| steel production, converter, unalloyed | Cut-off, U",
        ),
        (
            "普铝精炼剂",
            "refining flux",
            0.30,
            "Chemical, inorganic {GLO}| chemical production, inorganic | Cut-off, U",
        ),
        (
            "锻后焦",
            "calcined coke",
            0.33,
            "Anode, for metal electrolysis {RoW}| anode production, for metal electrolysis | Cut-off, U",
        ),
        (
            "锰铁",
            "ferromanganese",
            0.006,
            "Ferromanganese, high-coal, 74.5% Mn {RoW}| ferromanganese production, high-coal, 74.5% Mn | Cut-off, U",
        ),
    ]
    transport = [
        ("机械用钢扣", "steel fasteners", 75.58),
        ("生铁", "pig iron", 3878.07),
        ("硅铁", "ferrosilicon", 288.61),
        ("氟化铝", "aluminium fluoride", 14634.69),
        ("冰晶石", "cryolite", 4314.35),
        ("氧化铝", "alumina", 3185793.67),
        ("普铝精炼剂", "refining flux", 628.61),
        ("生石灰", "quicklime", 4573.12),
        ("纯碱", "soda ash", 5100.57),
        ("阳极炭块", "anodes", 710303.32),
        ("钢包带(发蓝)", "steel strapping", 287.68),
        ("氢氧化钙", "hydrated lime", 58038.56),
        ("废弃物-运输", "waste transport", 160303.13),
    ]
    inventory = [
        {
            "stage": "raw_materials",
            "label": en,
            "label_zh": zh,
            "kind": "material",
            "amount": amount,
            "unit": "kg",
            "dataset": ds,
            "data_type": "primary",
            "source": A_SOURCES[1],
        }
        for zh, en, amount, ds in materials
    ]
    inventory += [
        {
            "stage": "raw_material_transport",
            "label": f"road transport: {en}",
            "label_zh": zh if zh.endswith("运输") else f"{zh}运输",
            "kind": "transport",
            "amount": amount,
            "unit": "kg*km",
            "dataset": LORRY,
            "data_type": "primary",
            "source": A_SOURCES[2],
        }
        for zh, en, amount in transport
    ]
    inventory += [
        {
            "stage": "production",
            "label": "grid electricity, coal-fired share",
            "label_zh": "火电",
            "kind": "energy",
            "amount": 2334.30,
            "unit": "kWh",
            "dataset": "Electricity, high voltage {RoW}| electricity production, lignite | Cut-off, S",
            "data_type": "primary",
            "source": A_SOURCES[3],
        },
        {
            "stage": "production",
            "label": "grid electricity, clean share (hydro)",
            "label_zh": "清洁能源电",
            "kind": "energy",
            "amount": 11572.22,
            "unit": "kWh",
            "dataset": "Electricity, high voltage, aluminium industry {CN}| electricity production, hydro, aluminium industry | Cut-off, U",
            "data_type": "primary",
            "source": A_SOURCES[3],
        },
        {
            "stage": "production",
            "label": "tap water",
            "label_zh": "自来水",
            "kind": "water",
            "amount": 1.12,
            "unit": "t",
            "dataset": "Tap water {RoW}| tap water production, conventional treatment | Cut-off, U",
            "data_type": "primary",
            "source": A_SOURCES[3],
        },
    ]
    src4 = "verified CFP study, direct emission parameters (aluminium smelting GHG accounting guideline)"
    direct = []

    def item(label, calculator, params):
        direct.extend(direct_rows(label, calculator, params))

    for label, kg in (
        ("diesel, forklifts inside the plant", 0.64),
        ("diesel, mould preheating", 0.001),
    ):
        item(
            label,
            "fuel_combustion",
            [
                ("fuel", "diesel", None, src4),
                ("consumption", kg, "kg", A_SOURCES[3]),
                ("ncv", 42.652, "GJ/t", src4),
                ("carbon_content", 0.0202, "tC/GJ", src4),
                ("oxidation_rate", 98, "%", src4),
            ],
        )
    item(
        "anode consumption",
        "anode_consumption",
        [
            ("net_carbon_consumption", 0.389, "tC/t-Al", src4),
            ("sulphur", 2, "%", src4),
            ("ash", 0.4, "%", src4),
        ],
    )
    item(
        "anode effect PFCs",
        "anode_effect",
        [
            ("cf4_factor", 0.02, "kg/t-Al", src4),
            ("c2f6_factor", 0.0011, "kg/t-Al", src4),
        ],
    )
    item(
        "carbonate decomposition, quicklime line",
        "carbonate_decomposition",
        [
            ("carbonate", "limestone", None, src4),
            ("mass", 0.01779, "t", src4),
            ("factor", 0.4400, "t CO2/t", src4),
        ],
    )
    item(
        "carbonate decomposition, soda ash",
        "carbonate_decomposition",
        [
            ("carbonate", "soda_ash", None, src4),
            ("mass", 0.00135, "t", src4),
            ("factor", 0.4149, "t CO2/t", src4),
        ],
    )
    assumptions = [
        {
            "id": "A-SYS",
            "text": "The study mixes system models: one APOS dataset (lime, hydrated) and "
            "one Cut-off system dataset (electricity, lignite) among Cut-off unit datasets; kept as "
            "the study named them.",
            "text_zh": "研究混用了APOS与Cut-off系统模型及单元/系统过程数据集，按原研究保留。",
            "affects": "inventory dataset names",
        },
        {
            "id": "A-DIESEL",
            "text": "Diesel burnt in the plant is counted by its direct combustion CO2 "
            "only (as in the study); its upstream supply (about 0.64 kg) is left out as below the cut-off.",
            "text_zh": "厂内柴油仅计直接燃烧排放（同原研究），其上游生产低于取舍准则而略去。",
            "affects": "direct_emissions",
        },
    ]
    return {
        "product": product_rows(product),
        "inventory": inventory,
        "direct_emissions": direct,
        "assumptions": assumptions,
    }


def workbooks() -> dict[str, dict[str, list[dict]]]:
    """The three example workbooks by file stem. The data quality scores come from one
    documented rule (scripts/example_dq.py): each row's data type and assumption and the
    provenance of its background dataset, never typed by hand."""
    from example_dq import score_rows  # noqa: PLC0415
    from plant_a_processes import plant_a_processes  # noqa: PLC0415
    from plant_b import plant_b  # noqa: PLC0415  (kept in its own file: the data are long)

    return {
        "ingot_yunnan_2024": score_rows(plant_a()),
        "castrod_kunshan_2024": score_rows(plant_b()),
        # the process split copies plant A's scored rows; its links between its own
        # processes have no background dataset and so no scores
        "ingot_yunnan_2024_processes": plant_a_processes(score_rows(plant_a())),
    }


def main() -> None:
    out = ROOT / "databases" / "plants"
    for name, sheets in workbooks().items():
        write_workbook(out / f"{name}.xlsx", sheets)
        print(f"wrote {out / name}.xlsx")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
