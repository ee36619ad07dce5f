"""China adaptation: adapted copies of USLCI datasets, unit wrappers, proxies.

Grid mixes are built in ``grids.py`` (cited statistics) from TianGong thermal power.

Every number here is cited in ``databases/background/README.md``; figures marked
``VERIFY`` there were entered from the cited publication as remembered and should be
checked against it before a verified study relies on them.
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
    (
        "cn-alumina",
        "uslci-89282",
        "Alumina, at plant, CN-adapted",
        "CN",
        "cn-elec-grid-national",
        {},
    ),
    ("cn-anode", "uslci-89236", "Anode, at plant, CN-adapted", "CN", "cn-elec-grid-national", {}),
    (
        "cn-al-smelt-grid",
        "uslci-80081",
        "Aluminum, primary, smelt, at plant, CN-adapted, CN grid",
        "CN",
        "cn-elec-grid-national",
        {"uslci-89282": "cn-alumina", "uslci-89236": "cn-anode"},
    ),
    (
        "cn-al-smelt-hydro",
        "uslci-80081",
        "Aluminum, primary, smelt, at plant, CN-adapted, hydropower",
        "CN-YN",
        "cn-elec-hydro",
        {"uslci-89282": "cn-alumina", "uslci-89236": "cn-anode"},
    ),
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


# Anode-effect PFCs of a Chinese prebake smelter, kg per kg Al (per t Al / 1000): the
# defaults of the NDRC guideline for Chinese electrolytic aluminium enterprises
# (中国电解铝生产企业温室气体排放核算方法与报告指南（试行）, NDRC 2013): CF4 0.034 kg/t-Al,
# C2F6 0.0034 kg/t-Al. VERIFY against the guideline's default table (entered from
# memory; the 2024 national-ETS guideline CETS-AG-04.01-V01-2024 may give newer ones).
CN_SMELTER_PFC = {
    "Methane, tetrafluoro-, R-14": 0.034e-3,
    "Ethane, hexafluoro-, HFC-116": 0.0034e-3,
}
CN_PFC_SOURCE = (
    "anode-effect PFCs replaced by the Chinese guideline defaults for prebake smelters "
    "(NDRC 2013 guideline for electrolytic aluminium enterprises: CF4 0.034, C2F6 0.0034 "
    "kg/t-Al; VERIFY) instead of USLCI's 1990s U.S. 0.357 / 0.0228 kg/t"
)
# USLCI's unspecified "Chlorofluorocarbons" / "Hydrochlorofluorocarbons" of the 1997 U.S.
# aluminium chain (mapped to CFC-12 / HCFC-22): a 1990s U.S. inventory item (refrigeration
# and solvents before the Montreal-Protocol phase-outs), not a Chinese smelter's emission.
# Dropped from the CN copies of alumina, anode and smelter.
CFC_GROUP_PROXIES = ("Methane, dichlorodifluoro-, CFC-12", "Methane, chlorodifluoro-, HCFC-22")
# Adapted codes whose direct emissions are changed as above.
PFC_ADAPTED = {"cn-al-smelt-grid", "cn-al-smelt-hydro"}
CFC_DROPPED = {"cn-alumina", "cn-anode", "cn-al-smelt-grid", "cn-al-smelt-hydro"}


def _adapt_direct_emissions(act: dict, m: Matcher) -> list[str]:
    """Replace anode-effect PFCs and drop the CFC/HCFC groups; returns what was done."""
    notes = []
    if act["code"] in CFC_DROPPED:
        drop = {m.named(n, AIR_U).code for n in CFC_GROUP_PROXIES}
        before = len(act["exchanges"])
        act["exchanges"] = [
            e for e in act["exchanges"] if not (e["type"] == "biosphere" and e["input"] in drop)
        ]
        if len(act["exchanges"]) < before:
            notes.append(
                "unspecified CFC/HCFC emissions (USLCI 1990s U.S. inventory item, mapped to "
                "CFC-12/HCFC-22) dropped"
            )
    if act["code"] in PFC_ADAPTED:
        for flow_name, amount in CN_SMELTER_PFC.items():
            code = m.named(flow_name, AIR_U).code
            hits = [e for e in act["exchanges"] if e["type"] == "biosphere" and e["input"] == code]
            if len(hits) != 1:
                raise ValueError(f"{act['code']}: expected one {flow_name} exchange")
            hits[0]["amount"] = amount
        notes.append(CN_PFC_SOURCE)
    return notes


def adapted(activities: dict[str, dict], m: Matcher) -> list[dict]:
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
        emissions = _adapt_direct_emissions(act, m)
        rest = (
            "; fuels, transport and other direct emissions as in USLCI"
            if emissions
            else "; fuels, transport and direct emissions as in USLCI"
        )
        act["provenance"] = {
            **base["provenance"],
            "geography": f"{location} (technology and direct emissions: North America)"
            if not emissions
            else f"{location} (technology and most direct emissions: North America)",
            "adapted": f"electricity inputs relinked to {grid}"
            + (f"; {what}" if what else "")
            + "".join(f"; {n}" for n in emissions)
            + rest,
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
        "kPa; pipeline gas there is about 0.70-0.75 kg/m3 by composition (VERIFY with the "
        "supplier's gas analysis). Supply only: production and processing, no pipeline "
        "transport, no combustion (combustion CO2 is the foreground's fuel_combustion).",
    ),
    (
        "gasoline-kg",
        "Gasoline, at refinery, per kg",
        "kg",
        "uslci-67802-ed6b2796",  # Gasoline, at refinery (l), split of the refinery dataset
        1 / 0.745,
        "1/0.745 l per kg: gasoline density 745 kg/m3, the figure the build's refinery "
        "mass allocation uses (README, 'Co-products'); within the 720-775 kg/m3 (20 degC) "
        "range of China's motor gasoline standard GB 17930 (VERIFY). Supply only, no "
        "combustion.",
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

# ghg_only proxies: (code, name, unit, kg CO2e per unit, stands for, source, VERIFY?)
GHG_ONLY = [
    (
        "proxy-aluminium-fluoride",
        "Aluminium fluoride, at plant, GHG proxy",
        2.0,
        "aluminium fluoride (AlF3), dry process from fluorspar/HF and aluminium hydroxide",
        "indicative cradle-to-gate figure (order of published ecoinvent-style values, 1.5-2.5 kg CO2e/kg); VERIFY",
    ),
    (
        "proxy-cryolite",
        "Cryolite, synthetic, at plant, GHG proxy",
        2.0,
        "synthetic cryolite (Na3AlF6)",
        "indicative cradle-to-gate figure, taken equal to aluminium fluoride (same HF route); VERIFY",
    ),
    (
        "proxy-copper",
        "Copper cathode, at refinery, GHG proxy",
        4.1,
        "primary copper cathode, global average",
        "International Copper Association, Copper Environmental Profile (2023), cradle-to-gate "
        "4.1 kg CO2e/kg cathode; VERIFY",
    ),
    (
        "proxy-magnesium",
        "Magnesium, primary, Pidgeon process, CN, GHG proxy",
        27.0,
        "primary magnesium ingot, Pidgeon process, China",
        "literature range 20-40 kg CO2e/kg for coal-based Pidgeon magnesium in China (e.g. "
        "Gao et al. 2009, Int J LCA; Ramakrishnan & Koltun 2004); central value; VERIFY",
    ),
    (
        "proxy-nickel",
        "Nickel, class 1, GHG proxy",
        13.0,
        "class 1 nickel metal, global average",
        "Nickel Institute, Life cycle data (2023): class 1 nickel about 13 kg CO2e/kg; VERIFY",
    ),
    (
        "proxy-r32",
        "Refrigerant R-32 (HFC-32), at plant, GHG proxy",
        6.0,
        "difluoromethane (HFC-32) production, excluding leakage in use",
        "indicative cradle-to-gate figure for fluorochemical production (energy, HF, "
        "dichloromethane); no open source found; VERIFY",
    ),
    (
        "proxy-r22",
        "Refrigerant R-22 (HCFC-22), at plant, GHG proxy",
        6.0,
        "chlorodifluoromethane (HCFC-22) production, excluding leakage in use and excluding "
        "HFC-23 by-product venting (assumed abated)",
        "indicative cradle-to-gate figure; HFC-23 by-product (1.5-3 % of output, GWP100 "
        "14,600) would add far more if vented; VERIFY",
    ),
]

# Structural proxies: USLCI processes plus CN electricity and stoichiometric inputs.
# code, name, unit, stands for, source note, [(code, amount)], fossil CO2 kg per unit
STRUCTURAL = [
    (
        "proxy-silicon",
        "Silicon metal, at plant, CN, structural proxy",
        "silicon metal (metallurgical grade), submerged arc furnace, China",
        "11.5 kWh/kg electricity (Chinese industry average 11,000-12,500 kWh/t; VERIFY), "
        "1.2 kg metallurgical coke as reductant (USLCI coke), 3.14 kg CO2/kg Si from the "
        "reductant (SiO2 + 2C -> Si + 2CO, CO oxidised); quartz and electrodes cut off",
        [("cn-elec-grid-national", 11.5), ("uslci-67525", 1.2)],
        3.14,
    ),
    (
        "proxy-ferrosilicon",
        "Ferrosilicon, 75% Si, at plant, CN, structural proxy",
        "ferrosilicon FeSi75, submerged arc furnace, China",
        "8.5 kWh/kg electricity (Chinese SAF average 8,000-9,000 kWh/t; VERIFY), 0.9 kg "
        "metallurgical coke (USLCI), 2.36 kg CO2/kg from the reductant (0.75 x 3.14); "
        "quartzite and iron scrap cut off",
        [("cn-elec-grid-national", 8.5), ("uslci-67525", 0.9)],
        2.36,
    ),
    (
        "proxy-ferromanganese",
        "Ferromanganese, high-carbon, 74.5% Mn, at plant, CN, structural proxy",
        "high-carbon ferromanganese, submerged arc furnace, China",
        "2.5 kWh/kg electricity (SAF 2,400-3,000 kWh/t; VERIFY), 0.45 kg metallurgical coke "
        "(USLCI), 1.4 kg CO2/kg from the reductant; manganese ore cut off",
        [("cn-elec-grid-national", 2.5), ("uslci-67525", 0.45)],
        1.4,
    ),
    (
        "proxy-manganese",
        "Manganese, electrolytic, at plant, CN, structural proxy",
        "electrolytic manganese metal, China",
        "6.2 kWh/kg electricity (Chinese EMM 6,000-6,500 kWh/t; VERIFY), 1.0 kg sulfuric "
        "acid (USLCI); ore, selenium dioxide and ammonia cut off",
        [("cn-elec-grid-national", 6.2), ("uslci-89994", 1.0)],
        0.0,
    ),
    (
        "proxy-pig-iron",
        "Pig iron, blast furnace, CN, structural proxy",
        "pig iron from the blast furnace, China",
        "0.36 kg metallurgical coke (USLCI; Chinese BF coke rate about 360 kg/t), 1.25 kg "
        "CO2/kg from coke and injected coal oxidised in the furnace, 0.05 kWh electricity; "
        "iron ore, sinter and PCI coal supply cut off",
        [("uslci-67525", 0.36), ("cn-elec-grid-national", 0.05)],
        1.25,
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
        "0.35 kWh/m3 (0.00035 kWh/kg) electricity for abstraction, treatment and pumping "
        "(Chinese urban water supply average 0.3-0.4 kWh/m3, China Urban Water Supply "
        "Yearbook; VERIFY); chemicals cut off",
        [("cn-elec-grid-national", 0.00035)],
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
                    "MIT (USLCI) for the linked datasets; parameters cited",
                    True,
                    stands_for,
                    False,
                    "new activity built from USLCI datasets, CN electricity and stoichiometry",
                ),
                exchanges,
            )
        )
    return acts
