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
    return acts
