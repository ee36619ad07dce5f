"""Alloying metals of plant B from TianGong unit processes (codes kept from the proxies).

| code | TianGong process | literature behind it |
|---|---|---|
| ``proxy-silicon`` | 104fb69f industrial silicon, carbothermic (CN 2013) | He Yang (2013), LCA of solar-grade polysilicon, Southwest Jiaotong University thesis |
| ``proxy-copper`` | 0968514d refined copper, double-side-blowing bath smelting (CN 2018) | Hong J. et al. (2018), Int J LCA 23, 1814-1824 |
| ``proxy-nickel`` | f2ce2a11 electrolytic nickel, Jinchuan Ni-Cu-Co (GS-CN 2018) | Bai Y. et al., J. Environ. Manage. (nickel production in China) |
| ``proxy-aluminium-fluoride`` | a59fc8f3 aluminium fluoride (CN 2019) | Peng T., Ou X., Yan X., Wang G. (2019), Energy Procedia 158, 3937-3943 |
| ``cn-hydrogen-fluoride`` | 1d7f5927 anhydrous hydrogen fluoride, fluorspar route (CN 2019) | Second National Pollution Source Census, coefficient manual (trial edition), code 2611 |

The codes keep their ``proxy-`` names so that mappings and plant workbooks still link.
Reviewed changes (also in each activity's provenance):

- copper: the concentrate (4,410 kg/t) has no provider in TianGong: mining and
  concentration are cut off, so the activity covers smelting and refining only (a proxy
  for cathode copper); "sulfuric acid (98%)" 12,270 kg/t and "hydrogen chloride"
  1,660 kg/t are entered as inputs but are the smelter's acid-plant output and an
  emission (data errors): dropped. Water amounts (14,340 and 2,330 per t) are kg: x 1/1000.
- nickel: nickel matte (1,750 kg/t) and concentrate have no provider: smelting of the
  matte is cut off (a proxy covering refining only); hard coal is burnt on site (the
  dataset gives no combustion CO2): linked to USLCI's coal burnt in an industrial boiler.
  Water 19,250 per t is kg: x 1/1000.
- aluminium fluoride: the dataset lists only process fuels, per t AlF3: "hard coal; 26.3
  MJ/kg" 108.8957 and "crude oil; 42.3 MJ/kg" 2,613.9768 (resources in MJ), "natural gas,
  high pressure" 108.9057 and "hard coal" 7,951.5761 (products in kg by their flow
  datasets). Read as kg, the coal would be 7.95 t per t (about 209 GJ, twenty times the
  rest); read as MJ, the four amounts (10,784 MJ in all) are 1.0 %, 1.0 %, 24.2 % and
  73.7 %: the fuel mix the dataset's own comment states ("raw coal (1%), raw NG (1%), crude
  oil (24%), clean coal (73%)"). All four are therefore read as MJ: coal MJ / 26.3 MJ/kg
  (the dataset's own heating value) -> USLCI bituminous coal burnt in an industrial boiler
  (kg); crude oil MJ / 42.3 MJ/kg / 0.99 kg/l -> USLCI residual fuel oil burnt in an
  industrial boiler (l); gas MJ / 36 MJ/m3 (EF 3.1's net calorific value, as elsewhere in
  the build) -> USLCI natural gas burnt in an industrial boiler (m3). Fluorspar, sulfuric
  acid and aluminium hydroxide are not in the dataset: cut off (process fuels only).
- hydrogen fluoride (an input of ``proxy-cryolite``, ``china.py``): a pollution-census
  dataset; its own use advice says it holds no energy or chemical consumption. It gives,
  per t AHF, particles 0.015876 kg (cyclone + bag filter) and 0.021546 kg (bag filter):
  two alternative end-of-pipe techniques of the census, not two sources, so each is
  halved (the activity carries their mean); COD 0.0258819 kg to water; waste water
  86 and exhaust gas 16,200 (volumes, no provider: cut off). Fluorspar, sulfuric acid and
  kiln fuel are not in the dataset: cut off. It carries no greenhouse gas.
- silicon: per 1.5 kg silicon in the dataset; electricity 68.58 MJ = 19.05 kWh (12.7 kWh/kg);
  charcoal and graphite electrodes cut off.
"""

from __future__ import annotations

from .tiangong import Spec

GRID = "cn-elec-grid-national"
ELECTRICITY = {"electricity": (GRID, 1 / 3.6, f"MJ -> kWh of {GRID}")}
WATER_KG = "water amount is kg per t: x 1/1000 to m3"


def specs() -> list[Spec]:
    return [
        Spec(
            "104fb69f-48b7-4c50-9d54-2aca03b33533",
            "proxy-silicon",
            "Silicon, metallurgical grade, at plant, CN (TianGong, He 2013)",
            providers={
                **ELECTRICITY,
                "petroleum coke": ("uslci-67802-d7b2965c", 1.0, "USLCI petroleum coke"),
            },
        ),
        Spec(
            "0968514d-ce83-428c-862d-70f640bcb037",
            "proxy-copper",
            "Copper, refined, smelting and refining only, CN (TianGong, Hong et al. 2018)",
            providers={
                **ELECTRICITY,
                "coke": ("uslci-67525", 1.0, "USLCI metallurgical coke"),
                "diesel": ("uslci-67802", 1 / 0.85, "USLCI diesel (l), 850 kg/m3"),
                "hard coal": ("uslci-95324", 1.0, "USLCI bituminous coal at mine"),
            },
            drop={
                "sulfuric acid(98%)": "acid-plant output entered as an input (data error)",
                "hydrogen chloride": "an emission entered as an input (data error)",
            },
            scale={"water": (1e-3, WATER_KG), "freshwater": (1e-3, WATER_KG)},
            notes=("copper concentrate supply (mining, concentration) cut off: no provider",),
        ),
        Spec(
            "f2ce2a11-cf93-4e97-8594-ded0035586c0",
            "proxy-nickel",
            "Nickel, electrolytic, refining only, CN (TianGong, Bai et al.)",
            location="CN-GS",
            providers={
                **ELECTRICITY,
                "hard coal": ("uslci-94962", 1.0, "burnt on site: USLCI coal in industrial boiler"),
                "sulfuric acid": ("uslci-89994", 1.0, "USLCI sulfuric acid"),
                "sodium hydroxide": ("uslci-90363-13f7c9ff", 1.0, "USLCI sodium hydroxide"),
            },
            scale={"water": (1e-3, WATER_KG)},
            notes=("nickel matte and concentrate supply (mining, smelting) cut off: no provider",),
        ),
        Spec(
            "a59fc8f3-2c7b-49bd-b9b7-65c7c869a7f3",
            "proxy-aluminium-fluoride",
            "Aluminium fluoride, at plant, CN, process fuels only (TianGong, Peng et al. 2019)",
            providers={
                "hard coal": (
                    "uslci-94962",
                    1 / 26.3,
                    "amount read as MJ (see notes): / 26.3 MJ/kg -> USLCI bituminous coal "
                    "burnt in an industrial boiler (kg)",
                ),
                "crude oil": (
                    "uslci-94307",
                    1 / 42.3 / 0.99,
                    "MJ / 42.3 MJ/kg / 0.99 kg/l -> USLCI residual fuel oil burnt in an "
                    "industrial boiler (l), standing in for crude oil burnt",
                ),
                "natural gas, high pressure": (
                    "uslci-95054",
                    1 / 36,
                    "amount read as MJ: / 36 MJ/m3 -> USLCI natural gas burnt in an "
                    "industrial boiler (m3)",
                ),
            },
            notes=(
                "all four fuel amounts read as MJ per t (their shares, 1.0/1.0/24.2/73.7 %, "
                "are the fuel mix the dataset's comment states; as kg the coal would be "
                "7.95 t per t AlF3)",
                "fluorspar, sulfuric acid and aluminium hydroxide supply not in the "
                "dataset: cut off (process fuels only)",
            ),
        ),
        Spec(
            "1d7f5927-3ea3-4f5a-a14e-58c0f35a6e2a",
            "cn-hydrogen-fluoride",
            "Hydrogen fluoride, anhydrous, at plant, CN, process emissions only "
            "(TianGong, pollution census)",
            scale={
                "particles (pm2.5 - pm10)": (
                    0.5,
                    "particles: the census lists two alternative end-of-pipe techniques "
                    "(cyclone + bag filter 0.015876, bag filter 0.021546 kg/t) as two "
                    "exchanges; each x 0.5, their mean",
                ),
            },
            notes=(
                "census dataset: no energy, fluorspar or sulfuric acid inputs (the "
                "dataset's own use advice); these are cut off: no greenhouse gas",
            ),
        ),
    ]


PROXY_FOR = {
    "cn-hydrogen-fluoride": "anhydrous hydrogen fluoride, cradle to gate; here only the "
    "process emissions of the pollution census (particles, COD): fluorspar, sulfuric acid "
    "and kiln fuel cut off, so no greenhouse gas",
    "proxy-aluminium-fluoride": "aluminium fluoride (AlF3), cradle to gate; here the "
    "process fuels of its production only (raw materials cut off)",
    "proxy-copper": "copper cathode (cradle to gate; here without mining and concentration)",
    "proxy-nickel": "class 1 nickel (cradle to gate; here refining only, matte supply cut off)",
}
