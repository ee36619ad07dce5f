"""The Chinese primary aluminium chain from TianGong: alumina, anode, electrolysis.

One consistent source for the whole chain: the TianGong datasets of Yang, Guo, Zhu &
Huang (2019), *Environmental impact assessment of China's primary aluminum based on
life cycle assessment*, Trans. Nonferrous Met. Soc. China 29, 1784-1792 (2019):

| code | TianGong process | per |
|---|---|---|
| ``cn-alumina`` | 3892c343 alumina, combined (Bayer-sinter) process | kg alumina |
| ``cn-alumina-bayer`` | 43fd09b1 alumina, Bayer process (Zhu, Jin & Ye 2020, J. Clean. Prod. 277; offered, not used by the chain) | kg alumina |
| ``cn-calcined-coke`` | 7f19c4e6 petroleum coke calcining | kg calcined coke |
| ``cn-anode-green`` | c79841c8 green anode forming | kg green anode |
| ``cn-anode`` | c6ea3f5c anode baking | kg baked anode |
| ``cn-al-smelt-grid`` / ``-hydro`` | a9d48d92 prebake electrolysis | kg liquid aluminium |

Reviewed by hand (each change also in the activity's ``adapted`` provenance):

- Amounts of alumina, anode and cryolite are given per t in kg although their flow
  datasets carry a volume property (m3): read as kg. Water of the alumina refinery (3,460
  per t) is kg, not m3: x 1/1000.
- Electrolysis CO2 (1,270 kg/t in the dataset) is replaced by the formula of the
  ``anode_consumption`` calculator (GB/T 44905-2024, Chinese accounting guideline):
  anode consumption 0.480 t/t-Al (the dataset's own) x (1 - S - Ash) x 44/12 with
  S = 2 %, Ash = 0.4 % (the values of plant A's verified study, plants.md A.4):
  0.48 x 0.976 x 44/12 = 1.71776 t CO2/t-Al.
- Anode-effect PFCs (absent from a9d48d92): CF4 0.07008 and C2F6 0.00406 kg/t-Al from
  TianGong 280332aa (prebake electrolysis, China 2017; Luthin, Backes & Traverso 2021,
  J. Clean. Prod. 321, 128902), the same figures a plant would enter as ``cf4_factor`` /
  ``c2f6_factor`` of the ``anode_effect`` calculator.
- Electricity: the refinery and carbon plant on the national grid; the smelter on the
  national grid (``-grid``) or on hydropower (``-hydro``). Smelter AC consumption:
  49,320 MJ = 13,700 kWh/t-Al (dataset), against the Chinese average "comprehensive AC
  power consumption of aluminium ingot" of 13,599 kWh/t in 2016 (CNIA figures as
  published by Aluminium China, 'Which level of aluminum consumption does China reach
  to?') and IAI's 12,875 kWh/t for China's electrolysis in 2015 (Fastmarkets, LME Week
  2016): +0.7 % and +6.4 %.
- Fuels burnt on site are linked to their supply only (USLCI): the datasets report their
  combustion CO2. Refinery steam is cut off: its generation CO2 is taken as inside the
  dataset's 1,230 kg CO2/t (captive boilers; the source does not say).

Casting stays the USLCI ingot unit process (``cn-al-ingot-*`` in ``china.py``), which now
consumes these smelters.
"""

from __future__ import annotations

from .biosphere import AIR_U, Matcher
from .ilcd import Archive
from .ilcd_flows import FlowMapper
from .tiangong import Report, Spec, convert

ELECTRICITY = "electricity, high voltage, aluminium industry"
GRID = "cn-elec-grid-national"
MJ_TO_KWH = 1 / 3.6
AS_KG = (
    "amount read as kg (the flow dataset's reference property is volume; the source gives kg per t)"
)

# Heat in 1 kg of steam, MJ: the specific enthalpy of dry saturated steam at atmospheric
# pressure, 2,675.76 kJ/kg (Spirax Sarco, "Dry saturated steam tables", TI-GCM-01 issue 6);
# higher-pressure process steam carries slightly more (2,733.89 kJ/kg at 2.6 bar g).
STEAM_MJ_PER_KG = 2.67576

# Anode CO2 of the smelter, calculators' formula (see module docstring), kg CO2 per kg Al.
ANODE_T_PER_T_AL = 0.48
ANODE_SULPHUR, ANODE_ASH = 0.02, 0.004
ANODE_CO2 = ANODE_T_PER_T_AL * (1 - ANODE_SULPHUR - ANODE_ASH) * 44 / 12
PFC_KG_PER_KG_AL = {
    "Methane, tetrafluoro-, R-14": 0.07008e-3,
    "Ethane, hexafluoro-, HFC-116": 0.00406e-3,
}


def _grid(code: str = GRID) -> dict:
    return {ELECTRICITY: (code, MJ_TO_KWH, f"MJ -> kWh of {code}")}


def specs(m: Matcher) -> list[Spec]:
    co2 = m.named("Carbon dioxide, fossil", AIR_U).code
    pfc = [
        ("biosphere", m.named(n, AIR_U).code, kg, f"{n} {kg * 1000:g} kg/t-Al (TianGong 280332aa)")
        for n, kg in PFC_KG_PER_KG_AL.items()
    ]
    smelter_add = [
        (
            "biosphere",
            co2,
            ANODE_CO2,
            f"anode CO2 {ANODE_CO2:.5f} kg/kg-Al by the anode_consumption formula",
        ),
        *pfc,
    ]
    smelter_providers = {
        "cryolite": ("proxy-cryolite", 1.0, AS_KG),
        "aluminium fluoride": (
            "proxy-aluminium-fluoride",
            1.0,
            "AlF3 (TianGong, process fuels only)",
        ),
        "pig iron": ("proxy-pig-iron", 1.0, "pig iron proxy"),
        "soda ash, dense": ("uslci-95369", 1.0, "USLCI natural soda ash"),
        "kerosene": ("uslci-67802-d86ea0d4", 1 / 0.8, "USLCI kerosene (l), 800 kg/m3"),
        "scorched particle": ("uslci-67525", 1.0, "coke particles: USLCI metallurgical coke"),
        "aluminium oxide, metallurgical": ("cn-alumina", 1.0, AS_KG),
        "carbon anode": ("cn-anode", 1.0, AS_KG),
    }
    smelter_drop = {
        "carbon dioxide (fossil)": "replaced by the anode CO2 of the calculators' formula"
    }
    out = [
        Spec(
            "3892c343-4dd1-49c5-8c23-9355d2f4d68b",
            "cn-alumina",
            "Alumina, metallurgical, at refinery, CN (TianGong, Yang et al. 2019)",
            providers={
                **_grid(),
                "sodium hydroxide, without water, in 50% solution state": (
                    "uslci-90363-13f7c9ff",
                    1.0,
                    "USLCI sodium hydroxide production mix",
                ),
                "limestone, crushed, for mill": ("uslci-95451", 1.0, "USLCI limestone at mine"),
                "steam, in chemical industry": (
                    None,
                    0.0,
                    "steam generation CO2 taken as inside the dataset's CO2",
                ),
            },
            scale={"water": (1e-3, "water 3,460 per t is kg: x 1/1000 to m3")},
            notes=("reference product 1000 (m3 property) read as 1000 kg",),
        ),
        Spec(
            "43fd09b1-1581-478e-ac0e-3f6e653b1538",
            "cn-alumina-bayer",
            "Alumina, metallurgical, Bayer process, at refinery, CN (TianGong, Zhu et al. 2020)",
            providers={
                **_grid(),
                "sodium hydroxide": (
                    "uslci-90363-13f7c9ff",
                    1.0,
                    "USLCI sodium hydroxide production mix",
                ),
                "lime": ("uslci-31909", 1.0, "USLCI quicklime"),
                "natural gas, high pressure": (
                    "uslci-95054",
                    1.357,
                    "burnt for calcination (the dataset reports no CO2): kg x 1.357 m3/kg "
                    "(USLCI's own density, as for every gas link of this build) -> USLCI "
                    "natural gas burnt in an industrial boiler (m3)",
                ),
                "steam, in chemical industry": (
                    "uslci-95237",
                    STEAM_MJ_PER_KG,
                    f"read as kg steam (the flow dataset's property is volume) x "
                    f"{STEAM_MJ_PER_KG} MJ/kg -> USLCI 'Steam, purchased by containerboard "
                    "mills' (MJ; coal-fired boilers mostly), standing in for Chinese "
                    "refinery steam",
                ),
            },
            notes=(
                "reference product 1000 (m3 property) read as 1000 kg",
                "the dataset reports no CO2: calcination gas and digestion steam are "
                "linked to USLCI datasets that burn them",
                "red mud (758 kg/t) and wastewater outputs: no treatment, cut off",
            ),
        ),
        Spec(
            "7f19c4e6-64de-4b29-9950-623ed1755350",
            "cn-calcined-coke",
            "Calcined petroleum coke, for anodes, CN (TianGong, Yang et al. 2019)",
            providers=_grid(),
        ),
        Spec(
            "c79841c8-6379-460f-ad4b-ba8990634b8c",
            "cn-anode-green",
            "Anode, green, for aluminium electrolysis, CN (TianGong, Yang et al. 2019)",
            providers={
                **_grid(),
                # The binder is coal-tar pitch, a co-product of coking (coal-tar distillation):
                # USLCI's metallurgical coke per kg stands in. USLCI's asphalt binder (road
                # paving bitumen) was tried first: its supply chain brought land use,
                # ionising radiation and freshwater eutrophication no pitch plant has.
                "asphalt": (
                    "uslci-67525",
                    1.0,
                    "coal-tar pitch binder, a coking co-product: USLCI metallurgical coke (proxy)",
                ),
                "calcined coke": ("cn-calcined-coke", 1.0, "TianGong calcined coke"),
                "dust collector, electrostatic precipitator, for industrial use": (
                    None,
                    0.0,
                    "230 kg/t recycled material (anode butts and dust, as the label suggests): burden-free",
                ),
            },
        ),
        Spec(
            "c6ea3f5c-f6b4-4aa0-95e6-fc66ac575d3b",
            "cn-anode",
            "Anode, prebaked, for aluminium electrolysis, CN (TianGong, Yang et al. 2019)",
            providers={
                **_grid(),
                "metallurgical coke": (
                    "uslci-67525",
                    1.0,
                    "packing coke: USLCI metallurgical coke",
                ),
                "natural gas": (
                    "uslci-95469",
                    1 / 1.357,
                    "baking fuel, m3 -> kg (USLCI 1.357 m3/kg)",
                ),
                "green-pressing": ("cn-anode-green", 1.0, "TianGong green anode"),
            },
        ),
    ]
    for suffix, grid, location in (
        ("grid", GRID, "CN"),
        ("hydro", "cn-elec-hydro", "CN-YN"),
    ):
        out.append(
            Spec(
                "a9d48d92-9954-4e9f-bedd-87540cf3b111",
                f"cn-al-smelt-{suffix}",
                "Aluminium, primary, liquid, prebake electrolysis, CN (TianGong, Yang et al. 2019), "
                + ("national grid" if suffix == "grid" else "hydropower"),
                location=location,
                providers={
                    **smelter_providers,
                    "integrated ac power consumption": (grid, MJ_TO_KWH, f"MJ -> kWh of {grid}"),
                },
                drop=smelter_drop,
                add=smelter_add,
            )
        )
    return out


def build(archive: Archive, mapper: FlowMapper, report: Report, m: Matcher) -> list[dict]:
    return [convert(archive.process(s.uuid), s, mapper, report) for s in specs(m)]
