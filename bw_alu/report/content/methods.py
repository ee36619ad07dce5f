"""The life cycle impact assessment method table: indicator, unit, method, main substances.

The main substances are the elementary flows that typically dominate each EF 3.1 impact
category (the flows with the largest characterization factors among common emissions
and resource uses of the EF 3.1 reference package); they tell a reader what an
indicator measures, not what this product emits.
"""

from __future__ import annotations

from ...indicators import EF31_EPD, by_label
from ...results import ProductResult
from .. import i18n
from ..model import Section
from .product import indicator_name
from .tables import headers, row, table_section

CFP_INDICATORS = (
    "GWP100 (IPCC 2021)",
    "GWP100 fossil (IPCC 2021)",
    "GWP100 biogenic (IPCC 2021)",
    "GWP100 land use (IPCC 2021)",
)

MAIN_SUBSTANCES = {
    "Climate change": (
        "CO2、CH4、N2O、含氟气体（CF4、C2F6、HFCs）",
        "CO2, CH4, N2O, fluorinated gases (CF4, C2F6, HFCs)",
    ),
    "Ozone depletion": ("CFCs、HCFCs、哈龙、CCl4", "CFCs, HCFCs, halons, CCl4"),
    "Ionising radiation": (
        "U-235、C-14、Rn-222 等放射性核素",
        "radionuclides (U-235, C-14, Rn-222)",
    ),
    "Photochemical ozone formation": ("NOx、NMVOC、CO、CH4", "NOx, NMVOC, CO, CH4"),
    "Particulate matter": ("PM2.5、SO2、NOx、NH3", "PM2.5, SO2, NOx, NH3"),
    "Human toxicity, non-cancer": ("重金属（Zn、Pb、Hg、As）排放", "heavy metals (Zn, Pb, Hg, As)"),
    "Human toxicity, cancer": ("Cr(VI)、Ni、As、二噁英、苯", "Cr(VI), Ni, As, dioxins, benzene"),
    "Acidification": ("SO2、NOx、NH3", "SO2, NOx, NH3"),
    "Eutrophication, freshwater": ("磷酸盐、总磷（水体）", "phosphate, total P (to water)"),
    "Eutrophication, marine": ("NOx、NH3、硝酸盐、总氮", "NOx, NH3, nitrate, total N"),
    "Eutrophication, terrestrial": ("NOx、NH3", "NOx, NH3"),
    "Ecotoxicity, freshwater": ("重金属（Cu、Zn、Al）、农药", "metals (Cu, Zn, Al), pesticides"),
    "Land use": ("土地占用与转化", "land occupation and transformation"),
    "Water use": (
        "取水与耗水（按地区缺水程度加权）",
        "water withdrawn and consumed (weighted by regional scarcity)",
    ),
    "Resource use, fossils": (
        "原煤、原油、天然气、铀",
        "hard coal, crude oil, natural gas, uranium",
    ),
    "Resource use, minerals and metals": (
        "金属矿产（Au、Ag、Cu、Zn、Sn 等）",
        "metal ores (Au, Ag, Cu, Zn, Sn)",
    ),
}
IPCC_SUBSTANCES = {
    "GWP100 (IPCC 2021)": (
        "全部温室气体（CO2、CH4、N2O、含氟气体）",
        "all greenhouse gases (CO2, CH4, N2O, fluorinated gases)",
    ),
    "GWP100 fossil (IPCC 2021)": (
        "化石源 CO2、CH4 及含氟气体",
        "fossil CO2, CH4 and fluorinated gases",
    ),
    "GWP100 biogenic (IPCC 2021)": (
        "生物源 CH4（生物源 CO2 按中性计）",
        "biogenic CH4 (biogenic CO2 counted neutral)",
    ),
    "GWP100 land use (IPCC 2021)": (
        "土地利用变化排放的 CO2、CH4",
        "CO2 and CH4 from land transformation",
    ),
}
LABELS = {
    "method": ("评价方法", "Method"),
    "substances": ("主要贡献物质", "Main substances"),
}


def methods_section(result: ProductResult, kind: str, lang: str) -> Section:
    info = by_label()
    labels = CFP_INDICATORS if kind == "cfp" else EF31_EPD
    substances = IPCC_SUBSTANCES if kind == "cfp" else MAIN_SUBSTANCES
    rows = []
    for label in labels:
        if label not in info:
            continue
        zh, en = substances.get(label, ("", ""))
        rows.append(
            row(
                indicator_name(info, label, lang),
                info[label].en15804_code,
                i18n.unit(info[label].unit, lang),
                info[label].family,
                zh if lang == "zh" else en,
            )
        )
    pick = 0 if lang == "zh" else 1
    columns = [
        *headers(lang, "indicator", "code", "unit"),
        LABELS["method"][pick],
        LABELS["substances"][pick],
    ]
    return table_section("methods", lang, columns, rows)
