"""Write ``tests/fixtures/ecoinvent_mini/``: a small ecoSpold2 release for the tests.

Twenty-four datasets in the ecoSpold2 format of an ecoinvent 3.10 cut-off release
(``datasets/<activity id>_<product id>.spold`` plus ``MasterData``), holding exactly the
activities, reference products and locations that plant A's study names (plants.md
A.1-A.3) and the suppliers they link to.

- Names, locations and the file names (activity and product UUIDs) are real: each is
  the target of the study's SimaPro name in ``randonneur_data``'s
  ``simapro-ecoinvent-3.10-cutoff`` (PRe, CC BY 4.0), read by this script.
- Elementary flows are real ecoinvent 3.9 flows (UUID, name, compartment, unit), copied
  from bw2io's ``ecoinvent elementary flows 3.9.xml`` into ``MasterData``.
- Amounts are INVENTED (round numbers of a plausible order), so results computed on
  this release mean nothing outside the tests.

The road-transport datasets carry their 3.10 names (``lorry >32 metric ton, EURO6``):
the study (ecoinvent 3.11) names them ``lorry, >32 metric ton, diesel, EURO 6``, which
exercises the version migration of ``randonneur_data``.

Run: ``python scripts/make_ecoinvent_fixture.py`` (byte-identical output).
"""

from __future__ import annotations

import gzip
import json
import shutil
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

import bw2io
import randonneur_data
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "ecoinvent_mini"
ES = "http://www.EcoInvent.org/EcoSpold02"
SIMAPRO_310 = "simapro-ecoinvent-3.10-cutoff.gz"

# Elementary flows: short key -> (name, compartment, subcompartment) of ecoinvent 3.9.
FLOWS = {
    "co2": ("Carbon dioxide, fossil", "air", "unspecified"),
    "co2_bio": ("Carbon dioxide, non-fossil", "air", "unspecified"),
    "co2_luc": ("Carbon dioxide, from soil or biomass stock", "air", "unspecified"),
    "ch4": ("Methane, fossil", "air", "unspecified"),
    "ch4_bio": ("Methane, non-fossil", "air", "unspecified"),
    "n2o": ("Dinitrogen monoxide", "air", "unspecified"),
    "so2": ("Sulfur dioxide", "air", "unspecified"),
    "nox": ("Nitrogen oxides", "air", "unspecified"),
    "nh3": ("Ammonia", "air", "unspecified"),
    "pm25": ("Particulate Matter, < 2.5 um", "air", "unspecified"),
    "hf": ("Hydrogen fluoride", "air", "unspecified"),
    "nmvoc": ("Hydrocarbons, aliphatic, alkanes, unspecified", "air", "unspecified"),
    "halon": ("Methane, bromotrifluoro-, Halon 1301", "air", "unspecified"),
    "radon": ("Radon-222", "air", "unspecified"),
    "lead_air": ("Lead II", "air", "unspecified"),
    "zinc_water": ("Zinc II", "water", "surface water"),
    "phosphate": ("Phosphate", "water", "surface water"),
    "water_air": ("Water", "air", "unspecified"),
    "water_river": ("Water, river", "natural resource", "in water"),
    "coal_brown": ("Coal, brown", "natural resource", "in ground"),
    "coal_hard": ("Coal, hard, unspecified", "natural resource", "in ground"),
    "oil": ("Oil, crude", "natural resource", "in ground"),
    "manganese": ("Manganese", "natural resource", "in ground"),
    "occupation": ("Occupation, industrial area", "natural resource", "land"),
    # Gases of bw-alu's direct-emission calculators (bw_alu/direct/flows.py).
    "cf4": ("Methane, tetrafluoro-, R-14", "air", "unspecified"),
    "c2f6": ("Ethane, hexafluoro-, HFC-116", "air", "unspecified"),
    "hfc32": ("Methane, difluoro-, HFC-32", "air", "unspecified"),
    "hcfc22": ("Methane, chlorodifluoro-, HCFC-22", "air", "unspecified"),
    "hfc125": ("Ethane, pentafluoro-, HFC-125", "air", "unspecified"),
    "hfc134a": ("Ethane, 1,1,1,2-tetrafluoro-, HFC-134a", "air", "unspecified"),
    "hfc143a": ("Ethane, 1,1,1-trifluoro-, HFC-143a", "air", "unspecified"),
}

# key -> (SimaPro name whose 3.10 target is the dataset, market?, inputs, emissions).
# Inputs: (supplier key, amount per unit of reference product); emissions: (flow, amount).
DATASETS: dict[str, tuple[str, bool, list, list]] = {
    "alumina_market": (
        "Aluminium oxide, metallurgical {RoW}| market for aluminium oxide, metallurgical | Cut-off, U",
        True,
        [("alumina_cn", 1.0), ("transport_market", 0.2)],
        [],
    ),
    "alumina_cn": (
        "Aluminium oxide, metallurgical {CN}| aluminium oxide production | Cut-off, U",
        False,
        [("elec_lignite", 0.3), ("hard_coal", 0.2)],
        [
            ("co2", 0.35),
            ("so2", 0.002),
            ("nox", 0.001),
            ("pm25", 0.0002),
            ("phosphate", 1e-5),
            ("zinc_water", 1e-6),
            ("water_river", 0.003),
            ("occupation", 0.001),
        ],
    ),
    "anode_prebake": (
        "Anode, prebake, for aluminium electrolysis {RoW}| anode production, prebake, for aluminium electrolysis | Cut-off, U",
        False,
        [("elec_lignite", 0.05), ("hard_coal", 0.1)],
        [("co2", 0.4), ("so2", 0.003), ("nmvoc", 1e-4)],
    ),
    "alf3": (
        "Aluminium fluoride {RoW}| aluminium fluoride production | Cut-off, U",
        False,
        [("elec_lignite", 1.0)],
        # The gases of bw-alu's calculators occur somewhere in every real ecoinvent
        # release; bw-alu's calculation needs them in the background's matrices.
        [("co2", 0.8), ("hf", 0.001), ("cf4", 1e-7), ("c2f6", 1e-8)],
    ),
    "lime_market": (
        "Lime, hydrated, packed {RoW}| market for lime, hydrated, packed | Cut-off, U",
        True,
        [("lime_production", 1.0), ("transport_market", 0.1)],
        [],
    ),
    "lime_production": (
        "Lime, hydrated, packed {RoW}| lime production, hydrated, packed | Cut-off, U",
        False,
        [("quicklime", 0.76)],
        [("co2", 0.02), ("water_air", 0.0003)],
    ),
    "quicklime": (
        "Quicklime, milled, loose {RoW}| quicklime production, milled, loose | Cut-off, U",
        False,
        [("hard_coal", 0.12), ("elec_lignite", 0.03)],
        [("co2", 1.0), ("nox", 0.0005)],
    ),
    "soda_ash": (
        "Soda ash, dense {GLO}| soda ash production, dense, Hou's process | Cut-off, U",
        False,
        [("hard_coal", 0.3), ("elec_lignite", 0.1)],
        [
            ("co2", 0.9),
            ("nh3", 0.001),
            ("halon", 1e-9),
            ("hfc32", 1e-9),
            ("hcfc22", 1e-9),
            ("hfc125", 1e-9),
            ("hfc143a", 1e-9),
        ],
    ),
    "cryolite": (
        "Cryolite {RoW}| cryolite production | Cut-off, U",
        False,
        [("alf3", 0.4), ("elec_lignite", 0.5)],
        [("co2", 0.3), ("hf", 0.0005)],
    ),
    "ferrosilicon": (
        "Ferrosilicon {CN}| ferrosilicon production | Cut-off, U",
        False,
        [("elec_lignite", 8.0), ("hard_coal", 0.5)],
        [("co2", 1.5), ("pm25", 0.001)],
    ),
    "pig_iron_market": (
        "Pig iron {RoW}| market for pig iron | Cut-off, U",
        True,
        [("pig_iron", 1.0), ("transport_market", 0.15)],
        [],
    ),
    "pig_iron": (
        "Pig iron {RoW}| pig iron production | Cut-off, U",
        False,
        [("hard_coal", 0.6), ("elec_lignite", 0.1)],
        [("co2", 1.6), ("so2", 0.001), ("lead_air", 1e-6)],
    ),
    "steel": (
        "Steel, unalloyed {RoW}| steel production, converter, unalloyed | Cut-off, U",
        False,
        [("pig_iron_market", 0.9), ("elec_lignite", 0.1)],
        [("co2", 0.2), ("lead_air", 1e-6)],
    ),
    "chemical_inorganic": (
        "Chemical, inorganic {GLO}| chemical production, inorganic | Cut-off, U",
        False,
        [],
        # No input, one greenhouse gas: the hand-checked row of the tests
        # (0.30 kg refining flux x 1.25 kg CO2/kg x GWP100 1 = 0.375 kg CO2 eq).
        [("co2", 1.25), ("so2", 0.004)],
    ),
    "anode_metal": (
        "Anode, for metal electrolysis {RoW}| anode production, for metal electrolysis | Cut-off, U",
        False,
        [("hard_coal", 1.1)],
        [("co2", 0.5)],
    ),
    "ferromanganese": (
        "Ferromanganese, high-coal, 74.5% Mn {RoW}| ferromanganese production, high-coal, 74.5% Mn | Cut-off, U",
        False,
        [("elec_lignite", 2.5), ("hard_coal", 0.4)],
        [("co2", 1.3), ("manganese", 0.75)],
    ),
    "transport_market": (
        "Transport, freight, lorry >32 metric ton, EURO6 {RoW}| market for transport, freight, lorry >32 metric ton, EURO6 | Cut-off, U",
        True,
        [("transport", 1.0)],
        [],
    ),
    "transport": (
        "Transport, freight, lorry >32 metric ton, EURO6 {RoW}| transport, freight, lorry >32 metric ton, EURO6 | Cut-off, U",
        False,
        [("diesel_market", 0.025)],
        [
            ("co2", 0.079),
            ("nox", 1e-4),
            ("pm25", 5e-6),
            ("n2o", 2e-6),
            ("ch4", 1e-6),
            ("hfc134a", 1e-7),
        ],
    ),
    "diesel_market": (
        "Diesel {RoW}| market for diesel | Cut-off, U",
        True,
        [],
        [("oil", 1.1), ("co2", 0.45), ("ch4", 0.003)],
    ),
    "hard_coal": (
        "Hard coal {RoW}| market for hard coal | Cut-off, U",
        True,
        [],
        [("coal_hard", 1.0), ("ch4", 0.008), ("radon", 0.01)],
    ),
    "elec_lignite": (
        "Electricity, high voltage {RoW}| electricity production, lignite | Cut-off, U",
        False,
        [],
        [
            ("coal_brown", 1.2),
            ("co2", 1.1),
            ("so2", 0.005),
            ("nox", 0.001),
            ("pm25", 5e-5),
            ("water_river", 0.0025),
            ("water_air", 0.002),
        ],
    ),
    "elec_hydro": (
        "Electricity, high voltage, aluminium industry {CN}| electricity production, hydro, aluminium industry | Cut-off, U",
        False,
        [],
        [
            ("co2_luc", 0.002),
            ("co2_bio", 0.001),
            ("ch4_bio", 0.0001),
            ("water_river", 0.01),
            ("water_air", 0.01),
        ],
    ),
    "tap_water": (
        "Tap water {RoW}| tap water production, conventional treatment | Cut-off, U",
        False,
        [("elec_lignite", 0.0004)],
        [("water_river", 0.001)],
    ),
}

UNITS = {"kg": "487df68b-4994-4027-8fdc-a4dc298257b7"}


def _targets() -> dict[str, dict]:
    path = Path(randonneur_data.__file__).parent / "data" / SIMAPRO_310
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return {r["source"]["name"]: r["target"] for r in data["replace"]}


def _flow_elements() -> dict[str, etree._Element]:
    path = Path(bw2io.__file__).parent / "data" / "lci" / "ecoinvent elementary flows 3.9.xml"
    root = etree.parse(str(path)).getroot()
    ns = {"e": ES}
    wanted = {v: k for k, v in FLOWS.items()}
    out = {}
    for el in root.findall("e:elementaryExchange", ns):
        triple = (
            el.find("e:name", ns).text,
            el.find("e:compartment/e:compartment", ns).text,
            el.find("e:compartment/e:subcompartment", ns).text,
        )
        if triple in wanted:
            out[wanted[triple]] = el
    missing = set(FLOWS) - set(out)
    if missing:
        raise SystemExit(f"flows not in bw2io's ecoinvent 3.9 list: {sorted(missing)}")
    return out


def _unit(exchange_unit: str) -> str:
    return {"kWh": "kWh", "metric ton*km": "metric ton*km"}.get(exchange_unit, exchange_unit)


def _product_unit(product: str) -> str:
    if product.startswith("electricity"):
        return "kWh"
    if product.startswith("transport"):
        return "metric ton*km"
    return "kg"


def _uuid(*parts: str) -> str:
    """A stable UUID for an exchange or an activity's own id fields of the fixture."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "bw-alu/ecoinvent_mini/" + "/".join(parts)))


def _spold(key: str, target: dict, ds, targets_by_key, flows) -> str:
    simapro, market, inputs, emissions = ds
    activity_id, product_id = target["filename"].removesuffix(".spold").split("_")
    product = target["reference product"]
    unit = _product_unit(product)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<ecoSpold xmlns="{ES}">',
        "  <activityDataset>",
        "    <activityDescription>",
        f'      <activity id="{activity_id}" activityNameId="{_uuid(key, "name")}" '
        f'specialActivityType="{1 if market else 0}">',
        f'        <activityName xml:lang="en">{escape(target["name"])}</activityName>',
        '        <generalComment><text xml:lang="en" index="1">bw-alu test fixture: real name, '
        "INVENTED amounts.</text></generalComment>",
        "      </activity>",
        f'      <geography geographyId="{_uuid(key, "geo")}">',
        f'        <shortname xml:lang="en">{escape(target["location"])}</shortname>',
        "      </geography>",
        '      <technology technologyLevel="3"/>',
        '      <timePeriod startDate="2023-01-01" endDate="2023-12-31" '
        'isDataValidForEntirePeriod="true"/>',
        '      <macroEconomicScenario macroEconomicScenarioId="d9f57f0a-a01f-42eb-a57b-8f18d6635801">',
        '        <name xml:lang="en">Business-as-Usual</name>',
        "      </macroEconomicScenario>",
        "    </activityDescription>",
        "    <flowData>",
        f'      <intermediateExchange id="{_uuid(key, "ref")}" unitId="{_uuid(unit)}" '
        f'intermediateExchangeId="{product_id}" amount="1" productionVolumeAmount="1000">',
        f'        <name xml:lang="en">{escape(product)}</name>',
        f'        <unitName xml:lang="en">{_unit(unit)}</unitName>',
        "        <outputGroup>0</outputGroup>",
        "      </intermediateExchange>",
    ]
    for supplier, amount in inputs:
        t = targets_by_key[supplier]
        sup_activity, sup_product = t["filename"].removesuffix(".spold").split("_")
        sup_unit = _product_unit(t["reference product"])
        lines += [
            f'      <intermediateExchange id="{_uuid(key, "in", supplier)}" unitId="{_uuid(sup_unit)}" '
            f'intermediateExchangeId="{sup_product}" activityLinkId="{sup_activity}" amount="{amount!r}">',
            f'        <name xml:lang="en">{escape(t["reference product"])}</name>',
            f'        <unitName xml:lang="en">{_unit(sup_unit)}</unitName>',
            "        <inputGroup>5</inputGroup>",
            "      </intermediateExchange>",
        ]
    for flow, amount in emissions:
        el = flows[flow]
        name, comp, sub = FLOWS[flow]
        group = (
            "<inputGroup>4</inputGroup>"
            if comp == "natural resource"
            else "<outputGroup>4</outputGroup>"
        )
        unit_name = el.find(f"{{{ES}}}unitName").text
        lines += [
            f'      <elementaryExchange id="{_uuid(key, "el", flow)}" unitId="{el.get("unitId")}" '
            f'elementaryExchangeId="{el.get("id")}" amount="{amount!r}">',
            f'        <name xml:lang="en">{escape(name)}</name>',
            f'        <unitName xml:lang="en">{escape(unit_name)}</unitName>',
            f'        <compartment subcompartmentId="{el.find(f"{{{ES}}}compartment").get("subcompartmentId")}">',
            f'          <compartment xml:lang="en">{escape(comp)}</compartment>',
            f'          <subcompartment xml:lang="en">{escape(sub)}</subcompartment>',
            "        </compartment>",
            f"        {group}",
            "      </elementaryExchange>",
        ]
    lines += [
        "    </flowData>",
        "    <modellingAndValidation>",
        '      <representativeness systemModelId="06590a66-662a-4885-8494-ad0cf410f956">',
        '        <systemModelName xml:lang="en">Allocation, cut-off by classification</systemModelName>',
        "      </representativeness>",
        "    </modellingAndValidation>",
        "    <administrativeInformation>",
        '      <dataEntryBy personId="00000000-0000-0000-0000-000000000000" personName="bw-alu tests" '
        'personEmail="none@example.org"/>',
        '      <dataGeneratorAndPublication personId="00000000-0000-0000-0000-000000000000" '
        'personName="bw-alu tests" personEmail="none@example.org" isCopyrightProtected="false"/>',
        '      <fileAttributes majorRelease="3" minorRelease="10" majorRevision="0" minorRevision="0" '
        'defaultLanguage="en"/>',
        "    </administrativeInformation>",
        "  </activityDataset>",
        "</ecoSpold>",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    targets = _targets()
    flows = _flow_elements()
    by_key = {}
    for key, (simapro, *_rest) in DATASETS.items():
        if simapro not in targets:
            raise SystemExit(f"{key}: {simapro!r} is not in {SIMAPRO_310}")
        by_key[key] = targets[simapro]
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "datasets").mkdir(parents=True)
    (OUT / "MasterData").mkdir()
    for key, ds in DATASETS.items():
        t = by_key[key]
        (OUT / "datasets" / t["filename"]).write_text(
            _spold(key, t, ds, by_key, flows), encoding="utf-8"
        )
    # MasterData: the elementary flows (copied elements of bw2io's ecoinvent 3.9 list)
    # and the intermediate exchanges (products) the datasets use.
    root = etree.Element(f"{{{ES}}}validElementaryExchanges", nsmap={None: ES})
    for key in sorted(FLOWS):
        root.append(flows[key])
    etree.ElementTree(root).write(
        str(OUT / "MasterData" / "ElementaryExchanges.xml"),
        xml_declaration=True,
        encoding="utf-8",
        pretty_print=True,
    )
    products = {}
    for t in by_key.values():
        products[t["filename"].removesuffix(".spold").split("_")[1]] = t["reference product"]
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<validIntermediateExchanges xmlns="{ES}">']
    for pid, name in sorted(products.items()):
        unit = _product_unit(name)
        lines += [
            f'  <intermediateExchange id="{pid}" unitId="{_uuid(unit)}">',
            f'    <name xml:lang="en">{escape(name)}</name>',
            f'    <unitName xml:lang="en">{_unit(unit)}</unitName>',
            "  </intermediateExchange>",
        ]
    lines += ["</validIntermediateExchanges>", ""]
    (OUT / "MasterData" / "IntermediateExchanges.xml").write_text(
        "\n".join(lines), encoding="utf-8"
    )
    (OUT / "release.json").write_text(
        json.dumps(
            {
                "ecoinvent_version": "3.10",
                "system_model": "cutoff",
                "note": "bw-alu test fixture: real ecoinvent 3.10 names, locations, file "
                "names and elementary flows; INVENTED amounts. Not ecoinvent data.",
                "sources": [
                    "randonneur_data simapro-ecoinvent-3.10-cutoff (PRe, CC BY 4.0)",
                    "bw2io 0.9.17 data/lci/ecoinvent elementary flows 3.9.xml",
                ],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(DATASETS)} datasets and MasterData to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
