"""Derive the "main substances" column of the reports' LCIA method table.

    python scripts/indicator_substances.py [--project NAME] [--workbook PATH] [--top N]

Imports plant A's workbook (databases/plants/ingot_yunnan_2024.xlsx) into a Brightway
project on the installed open background, computes every indicator of
methods/indicators.csv with bw2calc, and sums the characterized inventory by elementary
flow: the flows with the largest absolute share of each indicator's result are that
indicator's main substances for this product. Writes methods/indicator_substances.csv:

    indicator, rank, flow, categories, share, name_zh, product, background

``share`` is the flow's signed score over the sum of absolute flow scores. ``name_zh``
comes from :data:`FLOW_ZH` (a flow without a Chinese name is written with an empty one
and the script says so). Rerun after a change of the background, the methods or plant A.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "methods" / "indicator_substances.csv"
WORKBOOK = ROOT / "databases" / "plants" / "ingot_yunnan_2024.xlsx"
PRODUCT = "ingot_yunnan_2024"

# Chinese names of the flows that come out on top (ecoinvent 3.9 biosphere names).
FLOW_ZH = {
    "Carbon dioxide, fossil": "二氧化碳（化石源）",
    "Methane, fossil": "甲烷（化石源）",
    "Methane, tetrafluoro-, R-14": "四氟化碳",
    "Ethane, hexafluoro-, HFC-116": "六氟乙烷",
    "Dinitrogen monoxide": "氧化亚氮",
    "Sulfur dioxide": "二氧化硫",
    "Nitrogen oxides": "氮氧化物",
    "Ammonia": "氨",
    "Particulate Matter, < 2.5 um": "细颗粒物（PM2.5）",
    "Carbon monoxide, fossil": "一氧化碳（化石源）",
    "NMVOC, non-methane volatile organic compounds": "非甲烷挥发性有机物",
    "Phosphate": "磷酸盐",
    "Phosphorus": "磷",
    "Nitrate": "硝酸盐",
    "Nitrogen": "氮",
    "Zinc II": "锌离子",
    "Zinc": "锌",
    "Copper ion": "铜离子",
    "Copper": "铜",
    "Aluminium III": "铝离子",
    "Aluminium": "铝",
    "Lead II": "铅离子",
    "Lead": "铅",
    "Mercury II": "汞离子",
    "Mercury": "汞",
    "Arsenic ion": "砷离子",
    "Arsenic": "砷",
    "Chromium VI": "六价铬",
    "Chromium": "铬",
    "Nickel II": "镍离子",
    "Nickel": "镍",
    "Cadmium II": "镉离子",
    "Cadmium": "镉",
    "Barium": "钡",
    "Vanadium V": "五价钒",
    "Antimony": "锑",
    "Formaldehyde": "甲醛",
    "Benzene": "苯",
    "Hydrogen fluoride": "氟化氢",
    "Hydrogen chloride": "氯化氢",
    "Radon-222": "氡-222",
    "Carbon-14": "碳-14",
    "Uranium-235": "铀-235",
    "Cesium-137": "铯-137",
    "Hydrogen-3, Tritium": "氚",
    "Krypton-85": "氪-85",
    "Xenon-133": "氙-133",
    "Methane, bromotrifluoro-, Halon 1301": "哈龙-1301",
    "Methane, bromochlorodifluoro-, Halon 1211": "哈龙-1211",
    "Methane, chlorodifluoro-, HCFC-22": "一氯二氟甲烷",
    "Methane, dichlorodifluoro-, CFC-12": "二氯二氟甲烷",
    "Methane, tetrachloro-, R-10": "四氯化碳",
    "Ethane, 1,2-dichloro-1,1,2,2-tetrafluoro-, CFC-114": "二氯四氟乙烷",
    "Coal, hard": "硬煤",
    "Coal, brown": "褐煤",
    "Gas, natural": "天然气",
    "Oil, crude": "原油",
    "Uranium": "铀",
    "Water": "水",
    "Water, well, in ground": "地下井水",
    "Water, river": "河水",
    "Water, lake": "湖水",
    "Water, cooling, unspecified natural origin": "冷却水（来源未明）",
    "Water, unspecified natural origin": "水（来源未明）",
    "Gold": "金",
    "Silver": "银",
    "Tin": "锡",
    "Indium": "铟",
    "Cadmium, in ground": "镉（矿藏）",
    "Lead, in ground": "铅（矿藏）",
    "Zinc, in ground": "锌（矿藏）",
    "Copper, in ground": "铜（矿藏）",
    "Gold, in ground": "金（矿藏）",
    "Silver, in ground": "银（矿藏）",
    "Molybdenum, in ground": "钼（矿藏）",
    "Occupation, industrial area": "土地占用：工业用地",
    "Occupation, mineral extraction site": "土地占用：采矿场地",
    "Occupation, forest, intensive": "土地占用：集约林地",
    "Occupation, arable land, unspecified use": "土地占用：耕地",
    "Occupation, unspecified": "土地占用：未指明",
    "Transformation, from unspecified": "土地转化：自未指明用地",
    "Transformation, to industrial area": "土地转化：为工业用地",
    "Transformation, from forest, unspecified": "土地转化：自林地",
    "Transformation, to mineral extraction site": "土地转化：为采矿场地",
    "Carbon dioxide, from soil or biomass stock": "二氧化碳（土壤或生物质碳库）",
    "Carbon dioxide, non-fossil": "二氧化碳（生物源）",
    "Methane, non-fossil": "甲烷（生物源）",
    "Aluminium, 24% in bauxite, 11% in crude ore": "铝（铝土矿）",
    "Ammonium": "铵",
    "Barium II": "钡离子",
    "Chloride": "氯离子",
    "Ethane, 2,2-dichloro-1,1,1-trifluoro-, HCFC-123": "二氯三氟乙烷",
    "Iron": "铁",
    "Methane, bromo-, Halon 1001": "溴甲烷",
    "Radium-226": "镭-226",
    "Sodium chloride": "氯化钠",
    "Strontium": "锶",
    "Sulfur oxides": "硫氧化物",
}


def substances(project: str, workbook: Path, top: int) -> list[dict]:
    from bw_alu.importer import import_plant
    from bw_alu.project import activate

    import_plant(project, workbook)
    activate(project)
    return ranked_flows(top)


def flow_scores(lca, method: tuple) -> dict[tuple[str, str], float]:
    """The characterized inventory of ``lca`` under ``method`` summed by elementary flow:
    ``{(name, "compartment/subcompartment"): score}``."""
    import bw2data as bd
    import numpy as np

    lca.switch_method(method)
    lca.lcia()
    # Activities outside the product's supply chain come out of the sparse solver at
    # round-off level (about 1e-30 against supplies of 1e4), not at exactly 0; such a
    # supply would rank a flow whose indicator total is 0 (for example biogenic methane at
    # 7e-36 kg CO2e). Supplies below 1e-20 of the largest are taken as 0.
    supply = lca.supply_array.copy()
    supply[np.abs(supply) < 1e-20 * np.abs(supply).max()] = 0.0
    per_row = lca.characterization_matrix @ (lca.biosphere_matrix @ supply)
    scores: dict[tuple[str, str], float] = defaultdict(float)
    for idx, score in enumerate(per_row):
        if score:
            flow = bd.get_node(id=lca.dicts.biosphere.reversed[idx])
            scores[(flow["name"], "/".join(flow.get("categories", ())))] += float(score)
    return scores


def ranked_flows(top: int) -> list[dict]:
    """The CSV rows for plant A in the current project (plant A imported)."""
    import bw2calc as bc
    import bw2data as bd

    from bw_alu.indicators import indicators

    product = bd.get_node(database=PRODUCT, code=PRODUCT)
    inds = [i for i in indicators() if i.method in bd.methods]
    lca = bc.LCA({product: 1}, method=inds[0].method)
    lca.lci()
    # the databases of the product's supply chain, other than the product's own
    used = {bd.get_node(id=i)["database"] for i in lca.dicts.activity}
    background = sorted(used - {PRODUCT})
    rows = []
    for ind in inds:
        scores = flow_scores(lca, ind.method)
        total = sum(abs(s) for s in scores.values())
        ranked = sorted(scores.items(), key=lambda kv: -abs(kv[1]))[:top]
        for rank, ((name, cats), score) in enumerate(ranked, start=1):
            rows.append(
                {
                    "indicator": ind.label,
                    "rank": rank,
                    "flow": name,
                    "categories": cats,
                    "share": f"{score / total:.6g}" if total else "",
                    "name_zh": FLOW_ZH.get(name, ""),
                    "product": PRODUCT,
                    "background": "; ".join(background),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default="bw-alu-indicator-substances")
    parser.add_argument("--workbook", type=Path, default=WORKBOOK)
    parser.add_argument("--top", type=int, default=3)
    args = parser.parse_args(argv)
    rows = substances(args.project, args.workbook, args.top)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    missing = sorted({r["flow"] for r in rows if not r["name_zh"]})
    print(f"wrote {OUT} ({len(rows)} rows)")
    if missing:
        print("no Chinese name (add to FLOW_ZH):", "; ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
