"""Plant B of shared/reference/plants.md: aluminium alloy cast rod, Kunshan, annual totals 2024.

The study used CPCD cradle-to-gate factors, whose dataset names it does not print, so the
dataset column names the open background's datasets directly (``uslci_cn:<code>`` where a
name occurs more than once in USLCI). Gaps of the study become explicit assumptions.
"""

from __future__ import annotations

from bw_alu.workbook.write import direct_rows, product_rows

# Purchased metal, t (plants.md B.1): primary ingots, alloying metals, purchased scrap.
PURCHASED_METAL_T = (
    2684.23 + 1610.54 + 322.11 + 375.79 + 161.05 + 322.11 + 10.74 + 322.11 + 2.15 + 38652.84
)  # = 44463.67
MELT_LOSS = 0.02
ANNUAL_PRODUCTION_T = round(PURCHASED_METAL_T * (1 - MELT_LOSS), 1)  # = 43574.4
LOAD_T = 30.0

DATASETS = {
    "al_grid": "Aluminum, primary, ingot, at plant, CN-adapted, CN grid",
    "al_hydro": "Aluminum, primary, ingot, at plant, CN-adapted, hydropower",
    "copper": "Copper cathode, at refinery, GHG proxy",
    "zinc": "uslci_cn:uslci-68523",
    "silicon": "Silicon metal, at plant, CN, structural proxy",
    "manganese": "Manganese, electrolytic, at plant, CN, structural proxy",
    "iron": "Pig iron, blast furnace, CN, structural proxy",
    "magnesium": "Magnesium, primary, Pidgeon process, CN, GHG proxy",
    "nickel": "Nickel, class 1, GHG proxy",
    "truck": "uslci_cn:uslci-15077",
    "electricity": "Electricity, at grid, East China regional mix 2023",
    "natural_gas": "uslci_cn:cn-natural-gas-m3",
    "gasoline": "uslci_cn:gasoline-kg",
    "tap_water": "Tap water, at user, CN, structural proxy",
    "r32": "Refrigerant R-32 (HFC-32), at plant, GHG proxy",
    "r22": "Refrigerant R-22 (HCFC-22), at plant, GHG proxy",
}
BURDEN_FREE = "burden-free (cut-off)"


def plant_b() -> dict[str, list[dict]]:
    product = {
        "product_id": "castrod_kunshan_2024",
        "company": "Aluminium alloy cast-rod remelting plant, Kunshan (name withheld)",
        "company_zh": "昆山某铝合金铸棒再熔铸企业（名称隐去）",
        "address": "Kunshan, Jiangsu Province, China",
        "address_zh": "中国江苏省昆山市",
        "product_name_en": "Aluminium alloy cast rod / billet",
        "product_name_zh": "铝铸棒",
        "declared_unit": "1 t aluminium alloy cast rod",
        "declared_unit_zh": "1 t 铝合金铸棒",
        "declared_unit_amount": 1,
        "declared_unit_unit": "t",
        "basis": "annual",
        "annual_production": ANNUAL_PRODUCTION_T,
        "annual_production_unit": "t",
        "annual_production_assumption": "B-PROD",
        "boundary": "raw material acquisition, production (incl. packaging), distribution",
        "boundary_zh": "原材料获取、产品生产（含包装）、分销",
        "time_period_start": "2024-01-01",
        "time_period_end": "2024-12-31",
        "geography": "CN-JS",
        "standards": "ISO/TS 14067:2018; PAS 2050:2011; GHG Protocol Product Standard",
        "process": "receiving, melting, refining, in-line degassing, filtration, casting, "
        "homogenising, sawing, packing, dispatch",
        "process_zh": "收料、熔炼、精炼、在线除气、过滤、铸造、均质、锯切、包装、发运",
        "study_factors": "CPCD (China Products Carbon Footprint Factors Database), IPCC AR6",
        "study_factors_zh": "中国产品全生命周期温室气体排放系数集（CPCD）；IPCC AR6",
        "cut_off_rule": "item < 1 % of product mass (< 0.1 % precious), total <= 5 %",
        "cut_off_rule_zh": "单项物料 < 产品质量的 1 %（贵重或高纯物料 < 0.1 %），略去总量 ≤ 5 %",
    }

    def row(stage, label, zh, kind, amount, unit, ds, source, **extra):
        return {
            "stage": stage,
            "label": label,
            "label_zh": zh,
            "kind": kind,
            "amount": amount,
            "unit": unit,
            "dataset": ds,
            "data_type": "primary",
            "source": source,
            **extra,
        }

    rm, pr, di = "raw_materials", "production", "distribution"
    inventory = [
        row(
            rm,
            "primary aluminium ingot, A00 grade",
            "A00 铝锭",
            "material",
            2684.23,
            "t",
            DATASETS["al_grid"],
            "purchase list",
        ),
        row(
            rm,
            "primary aluminium made with renewable power",
            "绿电铝",
            "material",
            1610.54,
            "t",
            DATASETS["al_hydro"],
            "purchase list",
        ),
        row(rm, "copper", "铜", "material", 322.11, "t", DATASETS["copper"], "purchase list"),
        row(rm, "zinc", "锌", "material", 375.79, "t", DATASETS["zinc"], "purchase list"),
        row(
            rm, "silicon metal", "硅", "material", 161.05, "t", DATASETS["silicon"], "purchase list"
        ),
        row(rm, "manganese", "锰", "material", 322.11, "t", DATASETS["manganese"], "purchase list"),
        row(rm, "iron", "铁", "material", 10.74, "t", DATASETS["iron"], "purchase list"),
        row(rm, "magnesium", "镁", "material", 322.11, "t", DATASETS["magnesium"], "purchase list"),
        row(rm, "nickel", "镍", "material", 2.15, "t", DATASETS["nickel"], "purchase list"),
        row(
            rm,
            "purchased aluminium scrap (recycled)",
            "回收料",
            "material",
            38652.84,
            "t",
            BURDEN_FREE,
            "purchase list",
            assumption="B-SCRAP",
        ),
        row(
            rm,
            "head and tail scrap",
            "头尾料",
            "material",
            38652.84,
            "t",
            BURDEN_FREE,
            "purchase list",
            assumption="B-SCRAP",
        ),
        row(
            rm,
            "raw material transport",
            "原料运输",
            "transport",
            253321,
            "km",
            DATASETS["truck"],
            "supplier delivery records",
            load_t=LOAD_T,
            assumption="B-LOAD",
        ),
        row(
            pr,
            "purchased electricity (East China grid)",
            "外购电力",
            "energy",
            9542.96,
            "MWh",
            DATASETS["electricity"],
            "electricity invoices",
        ),
        row(
            pr,
            "natural gas (supply)",
            "天然气",
            "energy",
            7675266.00,
            "m3",
            DATASETS["natural_gas"],
            "gas invoices",
            note="upstream supply only; combustion CO2 is the direct-emission item",
        ),
        row(
            pr,
            "gasoline, company cars (supply)",
            "汽油",
            "energy",
            1,
            "t",
            DATASETS["gasoline"],
            "fuel invoices",
            note="upstream supply only; combustion CO2 is the direct-emission item",
        ),
        row(
            pr,
            "refrigerant R-32, production of the refill",
            "制冷剂 R32",
            "material",
            0.07,
            "t",
            DATASETS["r32"],
            "maintenance records",
        ),
        row(
            pr,
            "refrigerant R-22, production of the refill",
            "制冷剂 R22",
            "material",
            0.13,
            "t",
            DATASETS["r22"],
            "maintenance records",
        ),
        row(
            pr, "domestic water", "生活用水", "water", 25561, "t", DATASETS["tap_water"], "records"
        ),
        row(
            di,
            "product transport",
            "产品运输",
            "transport",
            179937.327,
            "km",
            DATASETS["truck"],
            "delivery platform records",
            load_t=LOAD_T,
            assumption="B-LOAD",
        ),
    ]
    direct = []

    def item(label, calculator, params):
        direct.extend(direct_rows(label, calculator, params))

    guide = "accounting guideline defaults"
    item(
        "natural gas, melting and homogenising furnaces",
        "fuel_combustion",
        [
            ("fuel", "natural_gas", None, guide),
            ("consumption", 7675266.00, "m3", "gas invoices"),
        ],
    )
    item(
        "gasoline, company cars",
        "fuel_combustion",
        [
            ("fuel", "gasoline", None, guide),
            ("consumption", 1, "t", "fuel invoices"),
        ],
    )
    item(
        "R-32 leakage (air conditioning)",
        "refrigerant_leakage",
        [
            ("refrigerant", "R-32", None, "maintenance records"),
            ("mass", 0.07, "t", "maintenance records"),
        ],
    )
    item(
        "R-22 leakage (air conditioning)",
        "refrigerant_leakage",
        [
            ("refrigerant", "R-22", None, "maintenance records"),
            ("mass", 0.13, "t", "maintenance records"),
        ],
    )
    assumptions = [
        {
            "id": "B-PROD",
            "affects": "annual_production",
            "text": f"The study does not state its annual production. Assumed {ANNUAL_PRODUCTION_T:,} t: "
            f"purchased metal {PURCHASED_METAL_T:,.2f} t (primary ingots, alloying metals, purchased "
            f"scrap; head-and-tail scrap excluded as internal return) less an assumed "
            f"{MELT_LOSS:.0%} melt loss.",
            "text_zh": f"原研究未给出年产量。假设年产量 {ANNUAL_PRODUCTION_T:,} 吨：外购金属 "
            f"{PURCHASED_METAL_T:,.2f} 吨（不含厂内返回的头尾料）扣除假设 {MELT_LOSS:.0%} 的熔损。",
        },
        {
            "id": "B-SCRAP",
            "affects": "scrap rows",
            "text": "Recycled scrap and head-and-tail scrap carry the identical figure 38,652.84 t in "
            "the study (a likely copy error). Both enter burden-free under the study's cut-off rule "
            "(low-value wastes used as raw material carry no upstream burden).",
            "text_zh": "回收料与头尾料数量完全相同（38,652.84 吨），疑为誊录错误；按原研究取舍规则均不计上游负荷。",
        },
        {
            "id": "B-LOAD",
            "affects": "transport rows",
            "text": f"The study gives transport in km only. An average load of {LOAD_T:g} t per laden "
            "trip (a >32 t lorry) is assumed to obtain t*km.",
            "text_zh": f"原研究运输仅给出公里数；假设每趟平均载重 {LOAD_T:g} 吨以换算为吨公里。",
        },
        {
            "id": "B-ALLOC",
            "affects": "all rows",
            "text": "The study's allocation section is empty; all 2024 plant inputs are attributed to "
            "cast rod by mass, every grade alike.",
            "text_zh": "原研究分配章节为空；全厂 2024 年投入按质量平均分摊到铸棒，各牌号相同。",
        },
        {
            "id": "B-BG",
            "affects": "dataset column",
            "text": "The study used CPCD cradle-to-gate factors (not public in machine-readable form); "
            "open datasets of the embedded background stand in, proxies labelled as such.",
            "text_zh": "原研究采用 CPCD 因子（无公开机读版本）；此处以内置开放背景数据替代，代理数据已标注。",
        },
    ]
    return {
        "product": product_rows(product),
        "inventory": inventory,
        "direct_emissions": direct,
        "assumptions": assumptions,
    }
