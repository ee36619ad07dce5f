"""Plant A as three linked processes: anode supply -> electrolysis -> casthouse.

Written by ``scripts/make_example_workbooks.py`` beside the one-process workbook, from the
same rows (``plant_a()``): every inventory row and direct-emission item keeps its amount
per tonne of ingot and its stage, and is assigned to the process that uses it, so the
totals equal the one-process workbook's. plants.md supports the split into electrolysis
(alumina and AlF3 fed to the pots, prebaked anodes, PFCs, anode CO2) and casting (molten
aluminium tapped by vacuum ladle and cast into ingots); where it is silent the workbook
says so in assumption ``A-SPLIT``.
"""

from __future__ import annotations

ANODE_SUPPLY = {
    "prebaked anode, supplier-specific (own group plant)",
    "prebaked anode",
    "road transport: anodes",
}
CASTHOUSE = {
    "refining flux",
    "steel strapping and fasteners",
    "ferrosilicon",
    "pig iron, phosphorus iron",
    "ferromanganese",
    "road transport: steel fasteners",
    "road transport: pig iron",
    "road transport: ferrosilicon",
    "road transport: refining flux",
    "road transport: steel strapping",
}
CASTHOUSE_DIRECT = {"diesel, forklifts inside the plant", "diesel, mould preheating"}
# kg of prebaked anode per t of ingot: 147.47 (group plant) + 313.58 (market), plants.md A.1
ANODES_KG = 147.47 + 313.58


def butts_kg() -> float:
    """Spent anode butts per t: gross anode minus the anode mass burnt, A / (1 - S - Ash)
    with the study's A = 0.389 tC/t-Al, S = 2 %, Ash = 0.4 % (plants.md A.4)."""
    return round(ANODES_KG - 389.0 / (1 - 0.02 - 0.004), 2)


def plant_a_processes(base: dict[str, list[dict]]) -> dict[str, list[dict]]:
    sheets = {name: [dict(r) for r in rows] for name, rows in base.items()}
    for row in sheets["product"]:
        if row["field"] == "product_id":
            row["value"] = "ingot_yunnan_2024_processes"
    for row in sheets["inventory"]:
        label = row["label"]
        if label in ANODE_SUPPLY:
            row["process"] = "anode_supply"
        elif label in CASTHOUSE:
            row["process"] = "casthouse"
        else:
            row["process"] = "electrolysis"
        row["assumption"] = row.get("assumption") or "A-SPLIT"
    sheets["inventory"] += [
        {
            "stage": "production",
            "label": "molten aluminium from the potline",
            "label_zh": "原铝液",
            "kind": "material",
            "amount": 1.0,
            "unit": "t",
            "dataset": "electrolysis",
            "data_type": "primary",
            "source": "plant A process description: tapped metal is cast",
            "assumption": "A-SPLIT",
            "process": "casthouse",
        },
        {
            "stage": "production",
            "label": "prebaked anodes, as delivered",
            "label_zh": "预焙阳极",
            "kind": "material",
            "amount": round(ANODES_KG, 2),
            "unit": "kg",
            "dataset": "anode_supply",
            "data_type": "primary",
            "source": "plant A inventory: group-plant plus market anodes",
            "assumption": "A-SPLIT",
            "process": "electrolysis",
        },
    ]
    for row in sheets["direct_emissions"]:
        row["process"] = "casthouse" if row["label"] in CASTHOUSE_DIRECT else "electrolysis"
    sheets["processes"] = [
        {
            "id": "casthouse",
            "name": "casthouse: remelting ingot casting",
            "name_zh": "铸造车间",
            "reference_product": "Remelting aluminium ingot",
            "amount": 1,
            "unit": "t",
            "stage": "production",
        },
        {
            "id": "electrolysis",
            "name": "potline: Hall-Heroult electrolysis, prebaked anodes",
            "name_zh": "电解车间",
            "reference_product": "molten aluminium",
            "amount": 1,
            "unit": "t",
            "stage": "production",
            "allocation": "cut-off",
        },
        {
            "id": "anode_supply",
            "name": "prebaked anodes as delivered (group plant and market)",
            "name_zh": "预焙阳极供应",
            "reference_product": "prebaked anode",
            "amount": round(ANODES_KG, 2),
            "unit": "kg",
            "stage": "raw_materials",
        },
    ]
    sheets["coproducts"] = [
        {
            "process": "electrolysis",
            "label": "spent anode butts",
            "label_zh": "残极",
            "amount": butts_kg(),
            "unit": "kg",
            "note": "sold; no burden (cut-off), as the study chose; amount from the anode mass "
            "balance of assumption A-BUTTS",
        },
    ]
    sheets["assumptions"] = sheets["assumptions"] + [
        {
            "id": "A-SPLIT",
            "text": "The study gives one inventory per tonne of ingot. Split: "
            "alumina, AlF3, cryolite, calcined coke, lime, soda ash, all electricity, tap water, "
            "waste transport, anode CO2, PFCs and carbonates to electrolysis; refining flux, steel, "
            "ferro-alloys, pig iron and the diesel uses to the casthouse; both anode purchases and "
            "their transport to anode supply. One tonne of molten aluminium per tonne of ingot "
            "(the study reports no casting loss). The plant meters electricity as a whole, so "
            "the casthouse's share stays in electrolysis.",
            "text_zh": "原研究只给出每吨铝锭的清单。拆分：氧化铝、氟化铝、冰晶石、煅后焦、石灰、纯碱、全部电力、"
            "自来水、废物运输、阳极CO2、PFCs与碳酸盐归电解；精炼剂、钢材、铁合金、生铁与柴油归铸造；"
            "两种阳极采购及其运输归阳极供应。每吨铝锭对应一吨原铝液（研究未报告铸造损耗）。"
            "电力为全厂计量，铸造用电留在电解中。",
            "affects": "processes",
        },
        {
            "id": "A-BUTTS",
            "text": "Spent anode butts: gross anode 461.05 kg/t minus the anode "
            f"burnt, 389 kg C / (1 - 0.02 - 0.004) = 398.57 kg: {butts_kg()} kg/t. Sold without "
            "burden (cut-off), as the study chose, so the amount does not change any result.",
            "text_zh": f"残极：阳极毛耗461.05 kg/t减去烧损阳极389/(1-0.02-0.004)=398.57 kg，得{butts_kg()} kg/t；"
            "按原研究取舍（cut-off）不分摊负荷，数量不影响结果。",
            "affects": "coproducts",
        },
    ]
    return sheets
