"""China adaptation: adapted copies of USLCI datasets, unit wrappers, proxies.

Grid mixes are built in ``grids.py`` (cited statistics) from TianGong thermal power.

Every number here is cited in ``databases/background/README.md``; figures that could
not be confirmed against a public source say so (``UNSOURCED``/``UNCONFIRMED``) in the
activity's provenance and in that README.
"""

from __future__ import annotations

import copy

from .biosphere import AIR_U, Matcher


def _prov(source, year, geography, licence, proxy, proxy_for, ghg_only, adapted):
    return {
        "source": source,
        "year": year,
        "geography": geography,
        "licence": licence,
        "proxy": proxy,
        "proxy_for": proxy_for,
        "ghg_only": ghg_only,
        "adapted": adapted,
    }


def _activity(code, name, unit, location, provenance, exchanges, product=None):
    return {
        "code": code,
        "name": name,
        "reference product": product or name,
        "unit": unit,
        "location": location,
        "provenance": provenance,
        "exchanges": [{"type": "production", "amount": 1.0}, *exchanges],
    }


def _tech(code, amount):
    return {"type": "technosphere", "input": code, "amount": amount}


# --- adapted copies of USLCI datasets ------------------------------------------------

# USLCI electricity providers that an adapted copy replaces with a Chinese mix.
_US_ELECTRICITY = {
    "uslci-93176",  # Electricity, at grid (US)
    "uslci-93727",  # Electricity, alumina refining regions
    "uslci-93196",  # Electricity, aluminum smelting and ingot casting regions
    "uslci-93718",  # Electricity, at bauxite mining regions
}

ADAPTED = [
    # code, USLCI source code, name, location, electricity, other relinks
    # (alumina, anode and the smelters come from TianGong: aluminium.py)
    (
        "cn-al-ingot-grid",
        "uslci-80126",
        "Aluminum, primary, ingot, at plant, CN-adapted, CN grid",
        "CN",
        "cn-elec-grid-national",
        {"uslci-80081": "cn-al-smelt-grid"},
    ),
    (
        "cn-al-ingot-hydro",
        "uslci-80126",
        "Aluminum, primary, ingot, at plant, CN-adapted, hydropower",
        "CN-YN",
        "cn-elec-hydro",
        {"uslci-80081": "cn-al-smelt-hydro"},
    ),
    (
        "cn-al-secondary-east",
        "uslci-74061",
        "Aluminum, secondary, ingot, at plant, CN-adapted, East China grid",
        "CN-East",
        "cn-elec-grid-east",
        {},
    ),
]


def adapted(activities: dict[str, dict]) -> list[dict]:
    out = []
    for code, src, name, location, grid, relinks in ADAPTED:
        base = activities[src]
        act = copy.deepcopy(base)
        for key in ("number", "comment"):
            act.pop(key, None)
        act.update(code=code, name=name, location=location)
        act["reference product"] = base["reference product"]
        for exc in act["exchanges"]:
            if exc["type"] != "technosphere":
                continue
            if exc["input"] in _US_ELECTRICITY:
                exc["input"] = grid
            elif exc["input"] in relinks:
                exc["input"] = relinks[exc["input"]]
        what = ", ".join(f"{activities[k]['name']} -> {v}" for k, v in relinks.items())
        act["provenance"] = {
            **base["provenance"],
            "geography": f"{location} (technology and direct emissions: North America)",
            "adapted": f"electricity inputs relinked to {grid}"
            + (f"; {what}" if what else "")
            + "; fuels, transport and direct emissions as in USLCI",
        }
        out.append(act)
    return out


# --- unit wrappers -------------------------------------------------------------------

# Plant invoices give natural gas in m3 and gasoline in t; the USLCI providers are in kg
# and l. A wrapper is one input of the provider per unit of the invoice, nothing else.
# (code, name, unit, provider, amount per unit, density note)
WRAPPERS = [
    (
        "cn-natural-gas-m3",
        "Natural gas, supply, per m3 (wrapper of USLCI production mixture)",
        "m3",
        "uslci-95469",  # Natural gas, production mixture, to energy use (kg)
        1 / 1.357,
        "0.737 kg per m3 (1/1.357): USLCI's own figure in 'Natural gas, combusted in "
        "industrial equipment' (1.357 m3/kg), the density the build uses wherever a USLCI "
        "input in m3 links to this kg provider. Chinese invoices are at 20 degC, 101.325 "
        "kPa: where the supplier's gas analysis gives another density, scale the m3. "
        "Supply only: production and processing, no pipeline "
        "transport, no combustion (combustion CO2 is the foreground's fuel_combustion).",
    ),
    (
        "gasoline-kg",
        "Gasoline, at refinery, per kg",
        "kg",
        "uslci-67802-ed6b2796",  # Gasoline, at refinery (l), split of the refinery dataset
        1 / 0.745,
        "1/0.745 l per kg: gasoline density 745 kg/m3, the figure the build's refinery "
        "mass allocation uses (README, 'Co-products'). Supply only, no combustion.",
    ),
]


def wrappers(activities: dict[str, dict]) -> list[dict]:
    out = []
    for code, name, unit, provider, amount, note in WRAPPERS:
        base = activities[provider]
        out.append(
            _activity(
                code,
                name,
                unit,
                base["location"],
                {
                    **base["provenance"],
                    "adapted": f"unit wrapper: {amount:.6g} {base['unit']} of {provider} "
                    f"({base['name']}) per {unit}; {note}",
                },
                [_tech(provider, amount)],
                product=name,
            )
        )
    return out


# --- proxies ---------------------------------------------------------------------------

# ghg_only proxies: (code, name, kg CO2e per unit, stands for, source)
GHG_ONLY = [
    (
        "proxy-magnesium",
        "Magnesium, primary, Pidgeon process, CN, GHG proxy",
        39.3,
        "primary magnesium ingot, Pidgeon process, China",
        "Huang X. et al. (2023), LCA of the Pidgeon process and five alternatives at Fugu "
        "County, Carbon Resources Conversion: 39.3 t CO2-eq per t magnesium (current Pidgeon "
        "process, cradle to gate; as reported by AZoCleantech news 34233); within the 37-47 "
        "range of Ramakrishnan & Koltun (2004), Resour. Conserv. Recycl., "
        "doi:10.1016/j.resconrec.2004.02.003 (42 kg CO2 eq/kg)",
    ),
    (
        "proxy-r32",
        "Refrigerant R-32 (HFC-32), at plant, GHG proxy",
        10.9,
        "difluoromethane (HFC-32) production, excluding leakage in use",
        "Jovell D. et al. (2022): production of fresh R-32, GWP 10.9 kg CO2 eq per kg (vs "
        "2.13 recovered from R-407F), as cited in 'Life cycle assessment of refrigerants', "
        "Cooling India (coolingindia.in)",
    ),
    (
        "proxy-r22",
        "Refrigerant R-22 (HCFC-22), at plant, GHG proxy",
        10.9,
        "chlorodifluoromethane (HCFC-22) production, excluding leakage in use and excluding "
        "HFC-23 by-product venting (assumed abated)",
        "stand-in: the R-32 production figure of Jovell D. et al. (2022), 10.9 kg CO2 eq/kg "
        "(same HF fluorination of a chloromethane); no published HCFC-22 production "
        "footprint was found by search; HFC-23 by-product venting (IPCC 2006 Vol. 3 Ch. 3) "
        "is not included",
    ),
]

# Synthetic cryolite by stoichiometry. Standard atomic weights (CIAAW/IUPAC conventional
# values): Na 22.98977, Al 26.98154, F 18.99840, H 1.008, O 15.999 g/mol, so
# M(Na3AlF6) = 3 x 22.98977 + 26.98154 + 6 x 18.99840 = 209.941 g/mol,
# M(AlF3) = 83.977, M(NaF) = 41.988, M(HF) = 20.006, M(NaOH) = 39.997.
# Na3AlF6 = AlF3 + 3 NaF: per kg 83.977 / 209.941 = 0.400 kg AlF3 and
# 3 x 41.988 / 209.941 = 0.600 kg NaF. NaF = HF + NaOH - H2O: per kg cryolite
# 3 x 20.006 / 209.941 = 0.2859 kg HF and 3 x 39.997 / 209.941 = 0.5715 kg NaOH.
# AlF3 + 3 NaF holds the same Al(OH)3 + 3 NaOH + 6 HF as the sodium aluminate route
# (Na3Al(OH)6 + 6 HF -> Na3AlF6 + 6 H2O); the HF of the AlF3 part is inside the AlF3
# activity (cut off there: its dataset lists process fuels only).
_NA, _AL, _F, _H, _O = 22.98977, 26.98154, 18.99840, 1.008, 15.999
M_CRYOLITE = 3 * _NA + _AL + 6 * _F
CRYOLITE_ALF3 = (_AL + 3 * _F) / M_CRYOLITE
CRYOLITE_HF = 3 * (_H + _F) / M_CRYOLITE
CRYOLITE_NAOH = 3 * (_NA + _O + _H) / M_CRYOLITE
CRYOLITE_NOTE = (
    "stoichiometric, Na3AlF6 = AlF3 + 3 NaF and NaF = HF + NaOH - H2O (standard atomic "
    "weights: M(Na3AlF6) 209.94, AlF3 83.98, NaF 41.99, HF 20.01, NaOH 40.00 g/mol): per "
    f"kg {CRYOLITE_ALF3:.4f} kg aluminium fluoride (proxy-aluminium-fluoride: TianGong "
    "a59fc8f3, Peng et al. 2019, process fuels only), "
    f"{CRYOLITE_HF:.4f} kg hydrogen fluoride (cn-hydrogen-fluoride: TianGong 1d7f5927, "
    "Second National Pollution Source Census 2019, process emissions only, no GHG) and "
    f"{CRYOLITE_NAOH:.4f} kg sodium hydroxide (USLCI production mix); together the inputs "
    "of the route sodium aluminate + hydrofluoric acid, Na3Al(OH)6 + 6 HF -> Na3AlF6 + "
    "6 H2O (Wikipedia, 'Sodium hexafluoroaluminate', Production; synthetic cryolite from "
    "hydrofluoric acid, an aluminium source and soda: chemicalland21.com, 'Cryolite'). "
    "Energy of the NaF and cryolite precipitation, filtration and drying steps: cut off "
    "(no figure found: no Chinese energy norm or inventory for cryolite by search); "
    "fluorspar, sulfuric acid and aluminium hydroxide cut off with their datasets. "
    "Indicators: climate from the AlF3 process fuels and the NaOH chain; particles and "
    "COD from the HF census; the rest only as far as those datasets report them"
)
TIANGONG_LICENCE = "TianGong LCA Data, Copyright (c) 2023 linancn"

# Structural proxies: USLCI processes plus CN electricity and stoichiometric inputs.
# code, name, unit, stands for, source note, [(code, amount)], fossil CO2 kg per unit
STRUCTURAL = [
    (
        "proxy-cryolite",
        "Cryolite, synthetic, at plant, CN, stoichiometric AlF3 + 3 NaF, structural proxy",
        "synthetic cryolite (Na3AlF6)",
        CRYOLITE_NOTE,
        [
            ("proxy-aluminium-fluoride", CRYOLITE_ALF3),
            ("cn-hydrogen-fluoride", CRYOLITE_HF),
            ("uslci-90363-13f7c9ff", CRYOLITE_NAOH),
        ],
        0.0,
    ),
    (
        "proxy-ferrosilicon",
        "Ferrosilicon, 75% Si, at plant, CN, structural proxy",
        "ferrosilicon FeSi75, submerged arc furnace, China",
        "8.5 kWh/kg electricity: the smelting-electricity limit for new FeSi75 plants, "
        "8,500 kWh/t (GB 21341-2008, Norm of energy consumption per unit product of "
        "ferroalloy, table 2; existing plants 8,800), as reproduced in the compilation of "
        "79 national energy-consumption standards (bangwoyixia.com, zixin.com.cn); 0.9 kg "
        "metallurgical coke (USLCI): Chinese FeSi practice 890-930 kg coke and 8,400-9,000 "
        "kWh per t (niaochao.cc, ferroalloy cost-structure article); 4.0 kg CO2/kg from the "
        "reductants and electrodes: IPCC 2006 Guidelines Vol. 3 Ch. 4 (section 4.3), Tier 1 "
        "default for ferrosilicon 75 % Si, 4.0 t CO2/t (global), as transcribed in AMEE's "
        "IPCC dataset (github mamhoff/datasets, ferroalloy/production/data.csv) and in "
        "bonsai_ipcc 0.5.3 (par_ef_co2_ferroalloy.csv); check: 0.9 kg coke x 3.35 kg CO2 per "
        "kg coke for Si and FeSi (IPCC 2006 Tier 2 reductant default, same transcription) = "
        "3.0 kg, the rest from electrode paste and coal; quartzite and iron scrap cut off",
        [("cn-elec-grid-national", 8.5), ("uslci-67525", 0.9)],
        4.0,
    ),
    (
        "proxy-ferromanganese",
        "Ferromanganese, high-carbon, 74.5% Mn, at plant, CN, structural proxy",
        "high-carbon ferromanganese, submerged arc furnace, China",
        "2.6 kWh/kg electricity: the smelting-electricity limit for new electric-furnace "
        "FeMn68C7.0 plants, 2,600 kWh/t at 38 % Mn in the ore (GB 21341-2008, table 2; "
        "existing plants 2,700), as reproduced in the compilation of 79 national "
        "energy-consumption standards (bangwoyixia.com, zixin.com.cn); 1.3 kg CO2/kg from "
        "the reductant: IPCC 2006 Guidelines Vol. 3 Ch. 4 (section 4.3), Tier 1 default for "
        "ferromanganese 7 % C, 1.3 t CO2/t (global), as transcribed in AMEE's IPCC dataset "
        "(github mamhoff/datasets, ferroalloy/production/data.csv) and in bonsai_ipcc 0.5.3; "
        "0.4 kg metallurgical coke (USLCI) derived from it: 1.3 / 3.25 kg CO2 per kg coke "
        "for FeMn and SiMn (IPCC 2006 Tier 2 reductant default, same transcription), all of "
        "the process CO2 taken as coke carbon; manganese ore cut off",
        [("cn-elec-grid-national", 2.6), ("uslci-67525", 1.3 / 3.25)],
        1.3,
    ),
    (
        "proxy-manganese",
        "Manganese, electrolytic, at plant, CN, structural proxy",
        "electrolytic manganese metal, China",
        "6.5 kWh/kg electricity: the overall power-consumption ceiling, 6,500 kWh/t, for grade C and D "
        "electrolytic manganese (YB/T 051-2003 grades; A and B 8,600 kWh/t) in NDRC's "
        "Access conditions for the electrolytic manganese metal industry (2006), as "
        "reported by China Nonferrous Metals Network / China Securities Journal, 2006-08-11; "
        "practice: over 6,000 kWh per t in Chongqing, 2013 (Wensheng L. et al., Electrolytic "
        "metal manganese industry in Chongqing City of China), which the C/D ceiling fits; "
        "ore, sulfuric acid (formed at the anodes and recycled to leaching, Manganese Metal "
        "Company process description, mmc.co.za; no net make-up figure found), selenium "
        "dioxide and ammonia cut off",
        [("cn-elec-grid-national", 6.5)],
        0.0,
    ),
    (
        "proxy-pig-iron",
        "Pig iron, blast furnace, CN, structural proxy",
        "pig iron from the blast furnace, China",
        "0.374 kg metallurgical coke (USLCI): the coke rate of China's key steel "
        "enterprises, 374 kg/t (PCI 144 kg/t, fuel rate 518 kg/t), January-May 2009, as "
        "reported in a 2009 review of Chinese ironmaking (abstract on soolun.net); 1.35 kg "
        "CO2/kg from coke and injected coal oxidised in the furnace: IPCC 2006 Guidelines "
        "Vol. 3 Ch. 4, Table 4.1, Tier 1 default for pig iron production not converted into "
        "steel, 1.35 t CO2/t (global), as transcribed by ClimateView "
        "(transition-element-framework, 'Table 4.1') and AMEE (mamhoff/datasets); iron ore, "
        "sinter, PCI coal supply and blast-furnace electricity cut off (no sourced figure)",
        [("uslci-67525", 0.374)],
        1.35,
    ),
    (
        "proxy-lime-hydrated",
        "Lime, hydrated, at plant, structural proxy",
        "hydrated lime Ca(OH)2",
        "0.757 kg quicklime per kg Ca(OH)2 (56/74, stoichiometric; USLCI quicklime); "
        "water and hydrator energy cut off",
        [("uslci-31909", 0.757)],
        0.0,
    ),
    (
        "proxy-tap-water",
        "Tap water, at user, CN, structural proxy",
        "tap water from conventional treatment, China",
        "0.29 kWh/m3 (0.00029 kWh/kg) electricity: China's urban water supply average of "
        "2011, Smith K., Liu S. et al. (2016), Impact of urban water supply on energy use in "
        "China, Mitig. Adapt. Strateg. Glob. Change 21(8); chemicals cut off",
        [("cn-elec-grid-national", 0.00029)],
        0.0,
    ),
]


# Chinese road freight, per t*km (offered, not mapped to any study dataset).
# Diesel: 6.3 l per 100 t*km, the national fuel consumption of China's commercial
# (营运) trucks, diesel, 2007 (6.3 in 2005, 6.5 in 2006; the series stops in 2008 with a
# change of statistical scope): "Green Low-Carbon Development in China", Table 3.5
# "Average energy consumption per volume for major ways of transportation in the 11th
# Five-Year period", from the Statistical Yearbook of Transportation in China (web
# reproduction: what-when-how.com, "Green Low-Carbon Development in China", item 89). The
# table's English row labels are garbled ("per 100 t for vans"); the row is read as
# trucks per 100 t*km because the Shandong Statistical Yearbook 2006, Table 14-5, gives
# the same quantity under its Chinese label (货运汽车每百吨公里耗柴油, 5.0 in 2005) and
# the passenger rows (per 100 person-km) are about twice as high in both tables.
# A fleet average of all commercial diesel trucks, not of heavy lorries alone.
# Supply: USLCI 'Diesel, at refinery' (l), 0.063 l per t*km.
# Combustion CO2 from bw-alu's own diesel factors (methods/fuel_defaults.csv: NCV 42.652
# GJ/t, carbon content 0.0202 tC/GJ, oxidation 98 %, NDRC 2013 guideline, Appendix 2,
# Table 2.1) and the build's diesel density, 850 kg/m3:
#   diesel  = 0.063 l x 0.850 kg/l                  = 0.05355 kg per t*km
#   CO2     = 0.05355 x 42.652 x 0.0202 x 0.98 x 44/12 = 0.16579 kg per t*km
# CH4 and N2O of the engine: not included (no cited factor read); vehicle manufacture and
# maintenance, road construction and upkeep: cut off.
FREIGHT_DIESEL_L_PER_TKM = 6.3 / 100
DIESEL_KG_PER_L = 0.850
DIESEL_NCV_MJ_PER_KG = 42.652  # GJ/t
DIESEL_C_KG_PER_MJ = 0.0202  # tC/GJ
DIESEL_OXIDATION = 0.98
FREIGHT_DIESEL_KG_PER_TKM = FREIGHT_DIESEL_L_PER_TKM * DIESEL_KG_PER_L
FREIGHT_CO2_KG_PER_TKM = (
    FREIGHT_DIESEL_KG_PER_TKM
    * DIESEL_NCV_MJ_PER_KG
    * DIESEL_C_KG_PER_MJ
    * DIESEL_OXIDATION
    * 44
    / 12
)
FREIGHT_SOURCE = (
    "bw-alu structural proxy: 6.3 l diesel per 100 t*km (0.063 l per t*km), the national "
    "fuel consumption of China's commercial trucks, diesel, 2007 (2005: 6.3, 2006: 6.5; "
    "series discontinued from 2008 for a change of scope), Green Low-Carbon Development "
    "in China, Table 3.5 'Average energy consumption per volume for major ways of "
    "transportation in the 11th Five-Year period' (from the Statistical Yearbook of "
    "Transportation in China; web reproduction what-when-how.com, 'Green Low-Carbon "
    "Development in China', item 89; the table's English row label reads 'diesel fuel "
    "consumption per 100 t for vans', read as trucks per 100 t*km: the same quantity, "
    "'货运汽车每百吨公里耗柴油', is 5.0 in 2005 in the Shandong Statistical Yearbook "
    "2006, Table 14-5, tjj.shandong.gov.cn, unit column blank); a fleet average of all commercial diesel trucks, not heavy lorries "
    "alone. Diesel supply: USLCI 'Diesel, at refinery' (uslci-67802, l). Combustion CO2 "
    f"{FREIGHT_CO2_KG_PER_TKM:.5f} kg per t*km = 0.063 l x 0.850 kg/l (the build's diesel "
    "density) x 42.652 MJ/kg x 0.0202 kg C/MJ x 0.98 x 44/12, bw-alu's diesel defaults "
    "(methods/fuel_defaults.csv; NDRC 2013 guideline for Chinese aluminium producers, "
    "Appendix 2, Table 2.1). Not included: engine CH4 and N2O (no cited factor), other "
    "exhaust pollutants; vehicle manufacture and maintenance, road infrastructure cut off"
)


def freight(m: Matcher) -> dict:
    co2 = m.named("Carbon dioxide, fossil", AIR_U).code
    act = _activity(
        "cn-road-freight",
        "Transport, freight, lorry, diesel, CN commercial fleet average, structural proxy",
        "t*km",
        "CN",
        _prov(
            FREIGHT_SOURCE,
            "2007",
            "CN",
            "MIT (USLCI) for the diesel supply; parameters cited",
            True,
            "road freight by diesel truck, China (fleet average of commercial trucks)",
            False,
            "new activity: cited diesel per t*km, USLCI diesel supply, combustion CO2 "
            "from bw-alu's diesel factors",
        ),
        [
            _tech("uslci-67802", FREIGHT_DIESEL_L_PER_TKM),
            {"type": "biosphere", "input": co2, "amount": FREIGHT_CO2_KG_PER_TKM},
        ],
    )
    act["name_zh"] = "公路货运（柴油货车，中国，结构代理）"
    return act


def proxies(m: Matcher) -> list[dict]:
    co2 = m.named("Carbon dioxide, fossil", AIR_U).code
    acts = []
    for code, name, kg, stands_for, source in GHG_ONLY:
        acts.append(
            _activity(
                code,
                name,
                "kg",
                "GLO" if "CN" not in name else "CN",
                _prov(
                    source,
                    "2023",
                    "global / China",
                    "cited figure (no database content)",
                    True,
                    stands_for,
                    True,
                    None,
                ),
                [{"type": "biosphere", "input": co2, "amount": kg}],
            )
        )
    for code, name, stands_for, note, inputs, direct_co2 in STRUCTURAL:
        exchanges = [_tech(c, a) for c, a in inputs]
        if direct_co2:
            exchanges.append({"type": "biosphere", "input": co2, "amount": direct_co2})
        location = "CN" if "CN" in name else "GLO"
        acts.append(
            _activity(
                code,
                name,
                "kg",
                location,
                _prov(
                    f"bw-alu structural proxy: {note}",
                    "2023",
                    location,
                    "MIT (USLCI"
                    + ("; " + TIANGONG_LICENCE if code == "proxy-cryolite" else "")
                    + ") for the linked datasets; parameters cited",
                    True,
                    stands_for,
                    False,
                    "new activity built from USLCI datasets, CN electricity and stoichiometry",
                ),
                exchanges,
            )
        )
    acts.append(freight(m))
    return acts
