"""FEDEFL elementary flows (as USLCI names them) -> ecoinvent 3.9 biosphere3 flows.

Rules, in the order they are tried for one FEDEFL flow (name, context, unit, CAS):

1. The FEDEFL context (EcoSpold 1 category/subCategory, the last two levels of the
   FEDEFL context path) and the direction (emission or resource) give the ecoinvent
   compartment (``CONTEXTS``).
2. ``NAME_OVERRIDES``: FEDEFL names that ecoinvent spells differently, reviewed by hand.
   Carbon dioxide and methane are decided per dataset (``is_biogenic``).
3. Exact name (case-insensitive) in that compartment, then an ecoinvent synonym.
4. CAS number in that compartment (digits compared without leading zeros); if several
   ecoinvent flows share the CAS, the one whose name starts with the FEDEFL name.
5. Metal ions: ``<name> ion`` / ``<name> II`` (ecoinvent spells dissolved metals so).
6. Steps 3-5 again in the compartment's unspecified sub-compartment.

Amounts are converted to the ecoinvent unit (water kg -> m3, Bq -> kBq, fossil
resources given in MJ -> kg or Sm3 with the net calorific values of EF 3.1's own
ADP-fossil factors, so that indicator is preserved). Anything left is unlinked: dropped
and counted in ``coverage.json``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

ECO_NS = "{http://www.EcoInvent.org/EcoSpold02}"
IPCC_GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
EF_FOSSIL = (
    "EF v3.1",
    "energy resources: non-renewable",
    "abiotic depletion potential (ADP): fossil fuels",
)


def bw2io_data_dir() -> Path:
    """bw2io's bundled data folder, found without importing bw2io (no project set-up)."""
    spec = importlib.util.find_spec("bw2io")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("bw2io is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass(frozen=True)
class EcoFlow:
    code: str
    name: str
    categories: tuple[str, str]
    unit: str
    cas: str
    synonyms: tuple[str, ...]


@lru_cache(maxsize=1)
def biosphere3() -> dict[str, EcoFlow]:
    """The 4,709 flows ``bw2io.create_default_biosphere3()`` writes, by code."""
    path = bw2io_data_dir() / "lci" / "ecoinvent elementary flows 3.9.xml"
    root = etree.parse(str(path)).getroot()
    flows = {}
    for node in root:
        comp = node.find(f"{ECO_NS}compartment")
        flow = EcoFlow(
            code=node.get("id"),
            name=node.find(f"{ECO_NS}name").text,
            categories=(
                comp.find(f"{ECO_NS}compartment").text,
                comp.find(f"{ECO_NS}subcompartment").text,
            ),
            unit=node.find(f"{ECO_NS}unitName").text,
            cas=node.get("casNumber") or "",
            synonyms=tuple(s.text.strip() for s in node.findall(f"{ECO_NS}synonym") if s.text),
        )
        flows[flow.code] = flow
    return flows


@lru_cache(maxsize=4)
def method_factors(name: tuple[str, str, str]) -> dict[str, float]:
    """``{biosphere3 code: factor}`` of one method of bw2io's ecoinvent LCIA 3.9 data."""
    with zipfile.ZipFile(bw2io_data_dir() / "lcia" / "lcia_39_ecoinvent.zip") as zf:
        data = json.load(zf.open("data.json"))
    for method in data:
        if tuple(method["name"]) == name:
            return {exc["input"][1]: float(exc["amount"]) for exc in method["exchanges"]}
    raise KeyError(name)


def cas_digits(cas: str) -> str:
    digits = re.sub(r"\D", "", cas or "")
    return digits.lstrip("0")


# (direction, FEDEFL category, FEDEFL subCategory) -> ecoinvent (compartment, subcompartment)
AIR_U, AIR_NU, AIR_URB, AIR_STRAT = (
    ("air", "unspecified"),
    ("air", "non-urban air or from high stacks"),
    ("air", "urban air close to ground"),
    ("air", "lower stratosphere + upper troposphere"),
)
WATER_U, WATER_SURF, WATER_OCEAN, WATER_GROUND = (
    ("water", "unspecified"),
    ("water", "surface water"),
    ("water", "ocean"),
    ("water", "ground-"),
)
SOIL_U, SOIL_AGRI, SOIL_IND, SOIL_FOREST = (
    ("soil", "unspecified"),
    ("soil", "agricultural"),
    ("soil", "industrial"),
    ("soil", "forestry"),
)
RES_WATER, RES_GROUND, RES_AIR, RES_BIOTIC, RES_LAND = (
    ("natural resource", "in water"),
    ("natural resource", "in ground"),
    ("natural resource", "in air"),
    ("natural resource", "biotic"),
    ("natural resource", "land"),
)

CONTEXTS: dict[tuple[str, str, str], tuple[str, str]] = {
    # emissions to air
    ("emission", "emission", "air"): AIR_U,
    ("emission", "troposphere", "rural"): AIR_NU,
    ("emission", "troposphere", "high"): AIR_NU,
    ("emission", "troposphere", "very high"): AIR_NU,
    ("emission", "rural", "low"): AIR_NU,
    ("emission", "troposphere", "urban"): AIR_URB,
    ("emission", "urban", "low"): AIR_URB,
    ("emission", "urban", "ground-level"): AIR_URB,
    ("emission", "troposphere", "low"): AIR_U,
    ("emission", "air", "stratosphere"): AIR_STRAT,
    ("emission", "air", "subterranean"): AIR_U,
    ("emission", "resource", "air"): AIR_U,
    # emissions to water
    ("emission", "emission", "water"): WATER_U,
    ("emission", "water", "fresh water body"): WATER_SURF,
    ("emission", "fresh water body", "river"): WATER_SURF,
    ("emission", "fresh water body", "lake"): WATER_SURF,
    ("emission", "saline water body", "ocean"): WATER_OCEAN,
    ("emission", "water", "saline water body"): WATER_OCEAN,
    ("emission", "water", "subterranean"): WATER_GROUND,
    ("emission", "subterranean", "fresh water body"): WATER_GROUND,
    ("emission", "ground", "subterranean"): WATER_GROUND,
    # emissions to soil
    ("emission", "emission", "ground"): SOIL_U,
    ("emission", "human-dominated", "agricultural"): SOIL_AGRI,
    ("emission", "human-dominated", "industrial"): SOIL_IND,
    ("emission", "ground", "human-dominated"): SOIL_IND,
    ("emission", "terrestrial", "forest"): SOIL_FOREST,
    # resources
    ("resource", "resource", "water"): RES_WATER,
    ("resource", "fresh water body", "river"): RES_WATER,
    ("resource", "fresh water body", "lake"): RES_WATER,
    ("resource", "water", "fresh water body"): RES_WATER,
    ("resource", "saline water body", "ocean"): RES_WATER,
    ("resource", "water", "saline water body"): RES_WATER,
    ("resource", "emission", "water"): RES_WATER,
    ("resource", "resource", "ground"): RES_GROUND,
    ("resource", "ground", "subterranean"): RES_GROUND,
    ("resource", "water", "subterranean"): RES_GROUND,
    ("resource", "air", "subterranean"): RES_GROUND,
    ("resource", "subterranean", "fresh water body"): RES_GROUND,
    ("resource", "ground", "human-dominated"): RES_GROUND,
    ("resource", "resource", "air"): RES_AIR,
    ("resource", "air", "troposphere"): RES_AIR,
    ("resource", "emission", "air"): RES_AIR,
    ("resource", "resource", "biotic"): RES_BIOTIC,
    ("resource", "human-dominated", "industrial"): RES_LAND,
    ("resource", "human-dominated", "agricultural"): RES_LAND,
    ("resource", "human-dominated", "commercial"): RES_LAND,
    ("resource", "human-dominated", "urban"): RES_LAND,
    ("resource", "terrestrial", "forest"): RES_LAND,
    ("resource", "terrestrial", "shrubland"): RES_LAND,
    ("resource", "terrestrial", "grassland"): RES_LAND,
    # USLCI carries land transformation as product flows of the category "Ecosystem
    # Services"; they are elementary flows in ecoinvent (natural resource, land).
    ("land", "Ecosystem Services", ""): RES_LAND,
}

# FEDEFL "Land use" (m2*a, occupation) by context -> ecoinvent occupation flow.
LAND_OCCUPATION = {
    ("human-dominated", "industrial"): "Occupation, industrial area",
    ("human-dominated", "agricultural"): "Occupation, arable land, unspecified use",
    ("human-dominated", "commercial"): "Occupation, urban, continuously built",
    ("human-dominated", "urban"): "Occupation, urban, discontinuously built",
    ("terrestrial", "forest"): "Occupation, forest, intensive",
    ("terrestrial", "shrubland"): "Occupation, shrub land, sclerophyllous",
    ("terrestrial", "grassland"): "Occupation, grassland, natural (non-use)",
    ("resource", "ground"): "Occupation, unspecified",
    ("resource", "water"): "Occupation, inland waterbody, unspecified",
    ("ground", "human-dominated"): "Occupation, unspecified",
}

# Land transformation flows USLCI names as ecoinvent 2 / FEDEFL did, where ecoinvent 3.9
# spells the land class differently (reviewed by hand). Applied to both "from" and "to"
# ("Transformation, from X" -> "Transformation, from Y"). Rule "land: reviewed
# ecoinvent 2 -> 3.9 class" in ../../databases/mappings/fedefl_to_ecoinvent39.csv.
# Correspondences follow ecoinvent 3's renaming of the land classes: "arable" became
# "annual crop" (irrigation and intensity kept), "pasture and meadow" became "pasture,
# man made", "forest, used" (managed forest, USLCI wood datasets) is "forest, intensive"
# as the occupation rule already maps managed forest; sub-classes ecoinvent 3 no longer
# distinguishes (industrial area built up/vegetation/benthos, forest clear-cutting/
# normal/short-cycle, vine/fruit) go to their parent class; unqualified classes go to
# the "unspecified" variant; natural classes go to the "(non-use)" variant.
LAND_CLASSES = {
    "agriculture": "arable land, unspecified use",
    "arable": "arable land, unspecified use",
    "arable, irrigated, intensive": "annual crop, irrigated, intensive",
    "arable, non-irrigated": "annual crop, non-irrigated",
    "arable, non-irrigated, diverse-intensive": "annual crop, non-irrigated, intensive",
    "arable, non-irrigated, monotone-intensive": "annual crop, non-irrigated, intensive",
    "arable, non-irrigated, intensive": "annual crop, non-irrigated, intensive",
    "arable, non-irrigated, fallow": "cropland fallow (non-use)",
    "annual crop, fallow": "cropland fallow (non-use)",
    "forest": "forest, unspecified",
    "forest, used": "forest, intensive",
    "forest, intensive, clear-cutting": "forest, intensive",
    "forest, intensive, normal": "forest, intensive",
    "forest, intensive, short-cycle": "forest, intensive",
    "forest, natural": "forest, secondary (non-use)",
    "forest, primary": "forest, primary (non-use)",
    "tropical rain forest": "forest, primary (non-use)",
    "grassland": "grassland, natural (non-use)",
    "grassland/pasture/meadow": "pasture, man made",
    "pasture and meadow": "pasture, man made",
    "pasture and meadow, extensive": "pasture, man made, extensive",
    "pasture and meadow, intensive": "pasture, man made, intensive",
    "industrial area, benthos": "industrial area",
    "industrial area, built up": "industrial area",
    "industrial area, vegetation": "industrial area",
    "dump site, benthos": "dump site",
    "permanent crop, vine, intensive": "permanent crop",
    "permanent crop, fruit, intensive": "permanent crop",
    "permanent crops, non-irrigated, extensive": "permanent crop, non-irrigated, extensive",
    "sea and ocean": "seabed, unspecified",
    "unspecified, natural": "unspecified, natural (non-use)",
    "wetlands": "wetland, inland (non-use)",
    "bare area": "bare area (non-use)",
    "urban/industrial fallow": "urban/industrial fallow (non-use)",
    "traffic area, rail embankment": "traffic area, rail/road embankment",
    "traffic area, road embankment": "traffic area, rail/road embankment",
    "water bodies, artificial": "lake, artificial",
    "water courses, artificial": "river, artificial",
}
LAND_CLASS_RULE = "land: reviewed ecoinvent 2 -> 3.9 class"


def land_target(name: str) -> str | None:
    """ecoinvent 3.9 name for a USLCI transformation flow in ``LAND_CLASSES``, else None."""
    for prefix in ("Transformation, from ", "Transformation, to "):
        if name.startswith(prefix) and name[len(prefix) :] in LAND_CLASSES:
            return prefix + LAND_CLASSES[name[len(prefix) :]]
    return None


# Water resources by FEDEFL context -> ecoinvent resource flow (all in m3).
WATER_RESOURCE = {
    ("resource", "water"): "Water, unspecified natural origin",
    ("emission", "water"): "Water, unspecified natural origin",
    ("fresh water body", "river"): "Water, river",
    ("water", "fresh water body"): "Water, river",
    ("fresh water body", "lake"): "Water, lake",
    ("saline water body", "ocean"): "Water, salt, ocean",
    ("water", "saline water body"): "Water, salt, ocean",
    ("water", "subterranean"): "Water, well, in ground",
    ("subterranean", "fresh water body"): "Water, well, in ground",
    ("ground", "subterranean"): "Water, well, in ground",
}
WATER_NAMES = {"Water", "Water, fresh", "Water, saline"}

# FEDEFL name -> ecoinvent name, any compartment (reviewed by hand).
NAME_OVERRIDES = {
    "Nitrous oxide": "Dinitrogen monoxide",
    "Particulate matter, ≤ 2.5μm": "Particulate Matter, < 2.5 um",
    "Particulate matter, > 2.5μm and ≤ 10μm": "Particulate Matter, > 2.5 um and < 10um",
    # PM10 includes PM2.5; USLCI usually reports both, so PM10 goes to the coarse class
    # (no double counting of the fine fraction that EF 3.1 characterizes).
    "Particulate matter, ≤ 10μm": "Particulate Matter, > 2.5 um and < 10um",
    "Particulate matter": "Particulate Matter, > 10 um",
    "Volatile organic compounds": "NMVOC, non-methane volatile organic compounds",
    "Non-methane volatile organic compounds": "NMVOC, non-methane volatile organic compounds",
    "Biological Oxygen Demand": "BOD5, Biological Oxygen Demand",
    "Chemical Oxygen Demand": "COD, Chemical Oxygen Demand",
    "Total Organic Carbon": "TOC, Total Organic Carbon",
    "Dissolved Organic Carbon": "DOC, Dissolved Organic Carbon",
    "Total dissolved solids": "Dissolved solids",
    "Suspended solids, inorganic": "Suspended solids, unspecified",
    "Suspended solids": "Suspended solids, unspecified",
    "Hydrochloric acid": "Hydrogen chloride",
    "Hydrofluoric acid": "Hydrogen fluoride",
    "Hydrogen sulfide": "Hydrogen sulfide",
    "Chromium(VI)": "Chromium VI",
    "Chromium(III)": "Chromium III",
    "Nitrogen trifluoride": "Nitrogen fluoride",
    "Perfluoromethane": "Methane, tetrafluoro-, R-14",
    "Tetrafluoromethane": "Methane, tetrafluoro-, R-14",
    "Perfluoroethane": "Ethane, hexafluoro-, HFC-116",
    "Hexafluoroethane": "Ethane, hexafluoro-, HFC-116",
    "Radionuclides": "Radioactive species, Nuclides, unspecified",
    "Energy, hydro": "Energy, potential (in hydropower reservoir), converted",
    "Energy, geothermal": "Energy, geothermal, converted",
    "Energy, wind": "Energy, kinetic (in wind), converted",
    "Energy, solar": "Energy, solar, converted",
    "Volume occupied, reservoir": "Volume occupied, reservoir",
    "Xylene": "Xylene",
    "Particulate matter, > 10μm": "Particulate Matter, > 10 um",
    # Greenhouse gases without their own biosphere3 flow, or reported as unspecified
    # groups: the group's dominant species (as national GHG inventories do), or for a
    # species absent from biosphere3 the same-family flow of nearest AR6 GWP100.
    "Hydrofluorocarbons": "Ethane, 1,1,1,2-tetrafluoro-, HFC-134a",
    "Perfluorocarbons": "Methane, tetrafluoro-, R-14",
    "Chlorofluorocarbons": "Methane, dichlorodifluoro-, CFC-12",
    "Hydrochlorofluorocarbons": "Methane, chlorodifluoro-, HCFC-22",
    "HFC-143": "Ethane, 1,1-difluoro-, HFC-152a",
    "HFC-245fa": "Methane, difluoro-, HFC-32",
}
# Names of NAME_OVERRIDES that stand for another species or a group (a GHG proxy).
GHG_PROXIES = {
    "Hydrofluorocarbons": "unspecified HFCs -> HFC-134a, the dominant HFC",
    "Perfluorocarbons": "unspecified PFCs -> CF4, the dominant PFC",
    "Chlorofluorocarbons": "unspecified CFCs -> CFC-12, the dominant CFC",
    "Hydrochlorofluorocarbons": "unspecified HCFCs -> HCFC-22, the dominant HCFC",
    "HFC-143": "HFC-143 (AR6 GWP100 364) absent from biosphere3 -> HFC-152a (164)",
    "HFC-245fa": "HFC-245fa (AR6 GWP100 962) absent from biosphere3 -> HFC-32 (771)",
}
# Air-only spelling of "Hydrocarbons" (ecoinvent has "Hydrocarbons, unspecified" only for
# non-urban air; the alkanes class exists in every air sub-compartment).
AIR_OVERRIDES = {"Hydrocarbons": "Hydrocarbons, aliphatic, alkanes, unspecified"}
WATER_SOIL_OVERRIDES = {"Hydrocarbons": "Hydrocarbons, unspecified"}

# Fossil and nuclear resources USLCI gives in MJ -> ecoinvent flow (kg or Sm3). The MJ are
# converted with the net calorific value EF 3.1 itself uses for that flow.
ENERGY_RESOURCES = {
    "Coal, lignite": "Coal, brown",
    "Coal, bituminous": "Coal, hard, unspecified",
    "Coal, anthracite": "Coal, hard, unspecified",
    "Coal, hard": "Coal, hard, unspecified",
    "Natural gas": "Gas, natural",
    "Shale gas": "Gas, natural",
    "Crude oil": "Oil, crude",
    "Uranium oxide": "Uranium",
    "Peat": "Peat",
}
BIOMASS_ENERGY = {"Wood", "Biomass", "Softwood", "Hardwood", "Primary forest"}

_UNIT_FACTORS = {
    ("kg", "kg"): 1.0,
    ("mg", "kg"): 1e-6,
    ("m3", "m3"): 1.0,
    ("kg", "m3"): 1e-3,  # water only
    ("kBq", "kBq"): 1.0,
    ("Bq", "kBq"): 1e-3,
    ("MJ", "MJ"): 1.0,
    ("kWh", "MJ"): 3.6,
    ("m2", "m2"): 1.0,
    ("m2*a", "m2*year"): 1.0,
    ("m3*a", "m3*year"): 1.0,
}


@dataclass(frozen=True)
class FedeflFlow:
    """One distinct elementary flow as USLCI writes it."""

    direction: str  # "emission", "resource" or "land"
    name: str
    category: str
    subcategory: str
    unit: str
    cas: str

    @property
    def context(self) -> str:
        return f"{self.category}/{self.subcategory}" if self.subcategory else self.category


@dataclass(frozen=True)
class Link:
    code: str
    factor: float  # ecoinvent amount = USLCI amount * factor
    rule: str
    note: str = ""


class Matcher:
    """Finds the ecoinvent flow for a FEDEFL flow; pure lookups on the biosphere3 list."""

    def __init__(self) -> None:
        self.flows = biosphere3()
        self.by_comp: dict[tuple[str, str], list[EcoFlow]] = {}
        for flow in sorted(self.flows.values(), key=lambda f: f.code):
            self.by_comp.setdefault(flow.categories, []).append(flow)
        fossil = method_factors(EF_FOSSIL)
        self.ncv = {self.flows[code].name: cf for code, cf in fossil.items()}

    def named(self, name: str, comp: tuple[str, str]) -> EcoFlow | None:
        low = name.lower()
        for flow in self.by_comp.get(comp, []):
            if flow.name.lower() == low:
                return flow
        return None

    def _search(self, flow: FedeflFlow, comp: tuple[str, str]) -> tuple[EcoFlow, str] | None:
        hit = self.named(flow.name, comp)
        if hit:
            return hit, "name+compartment"
        low = flow.name.lower()
        for cand in self.by_comp.get(comp, []):
            if any(s.lower() == low for s in cand.synonyms):
                return cand, "synonym+compartment"
        digits = cas_digits(flow.cas)
        if digits:
            cands = [c for c in self.by_comp.get(comp, []) if cas_digits(c.cas) == digits]
            if len(cands) > 1:
                cands = [c for c in cands if c.name.lower().startswith(low)] or cands
            if len(cands) == 1:
                return cands[0], "cas+compartment"
        for pattern in ("{} ion", "{} II", "{}, ion"):
            hit = self.named(pattern.format(re.sub(r"\(.*\)$", "", flow.name).strip()), comp)
            if hit:
                return hit, "ion-name+compartment"
        return None

    def find(self, flow: FedeflFlow, comp: tuple[str, str]) -> tuple[EcoFlow, str] | None:
        found = self._search(flow, comp)
        if found:
            return found
        unspecified = (comp[0], "unspecified")
        if comp != unspecified and unspecified in self.by_comp:
            found = self._search(flow, unspecified)
            if found:
                return found[0], found[1].replace("compartment", "unspecified-subcompartment")
        return None


def _factor(fed_unit: str, eco_unit: str) -> float | None:
    return _UNIT_FACTORS.get((fed_unit, eco_unit))


def link_flow(m: Matcher, flow: FedeflFlow, biogenic: bool = False) -> Link | None:
    """The ecoinvent flow and amount factor for one FEDEFL flow, or None (unlinked)."""
    key = (flow.direction, flow.category, flow.subcategory)
    comp = CONTEXTS.get(key)
    if comp is None:
        return None
    ctx = (flow.category, flow.subcategory)

    def make(eco: EcoFlow | None, rule: str, factor: float | None = None, note: str = ""):
        if eco is None:
            return None
        if factor is None:
            factor = _factor(flow.unit, eco.unit)
        if factor is None:
            return None
        return Link(eco.code, factor, rule, note)

    # Land: transformation flows named as in ecoinvent; occupation by context.
    if flow.direction == "land":
        same = m.named(flow.name, RES_LAND)
        if same is not None:
            return make(same, "land: same name")
        target = land_target(flow.name)
        if target is None:
            return None
        eco = m.named(target, RES_LAND)
        if eco is None:
            raise KeyError(f"LAND_CLASSES target {target!r} is not a biosphere3 land flow")
        return make(eco, LAND_CLASS_RULE, note=f"{flow.name} -> {target}")
    if flow.name == "Land use" and flow.unit == "m2*a":
        target = LAND_OCCUPATION.get(ctx)
        return make(target and m.named(target, RES_LAND), "land occupation by context")

    # Carbon dioxide and methane: fossil unless the dataset's carbon is biogenic.
    if flow.name in ("Carbon dioxide", "Methane") and comp[0] == "air":
        kind = "non-fossil" if biogenic else "fossil"
        base = "Carbon dioxide" if flow.name == "Carbon dioxide" else "Methane"
        eco = m.named(f"{base}, {kind}", comp) or m.named(f"{base}, {kind}", AIR_U)
        return make(eco, f"GHG {kind} (per-dataset rule)")
    if flow.name == "Carbon dioxide" and comp == RES_AIR:
        return make(m.named("Carbon dioxide, in air", RES_AIR), "CO2 uptake from air")

    # Water.
    if flow.name in WATER_NAMES and flow.direction == "resource":
        target = "Water, salt, ocean" if flow.name == "Water, saline" else WATER_RESOURCE.get(ctx)
        return make(target and m.named(target, RES_WATER), "water withdrawal by context")
    if flow.name in WATER_NAMES and flow.direction == "emission":
        found = m.find(FedeflFlow("emission", "Water", "", "", "m3", ""), comp)
        return make(found and found[0], "water release by context")

    # Energy resources.
    if flow.direction == "resource" and flow.name in ENERGY_RESOURCES and flow.unit == "MJ":
        target = ENERGY_RESOURCES[flow.name]
        eco = m.named(target, RES_GROUND) or m.named(target, RES_BIOTIC)
        if eco is None:
            return None
        ncv = m.ncv[eco.name]
        return make(
            eco, "fossil resource MJ -> mass (EF 3.1 NCV)", 1.0 / ncv, f"{ncv} MJ/{eco.unit}"
        )
    if flow.direction == "resource" and flow.name in BIOMASS_ENERGY and flow.unit == "MJ":
        target = "Energy, gross calorific value, in biomass"
        if flow.name == "Primary forest":
            target += ", primary forest"
        return make(m.named(target, RES_BIOTIC), "biomass energy resource")

    overrides = dict(NAME_OVERRIDES)
    overrides.update(AIR_OVERRIDES if comp[0] == "air" else WATER_SOIL_OVERRIDES)
    if flow.name in overrides:
        target = FedeflFlow(flow.direction, overrides[flow.name], "", "", flow.unit, "")
        found = m.find(target, comp)
        if found:
            rule = "GHG proxy species" if flow.name in GHG_PROXIES else "reviewed name override"
            return make(found[0], rule, note=GHG_PROXIES.get(flow.name, ""))
        if comp[0] == "natural resource":
            for other in (RES_GROUND, RES_WATER, RES_AIR, RES_BIOTIC, RES_LAND):
                hit = m.named(overrides[flow.name], other)
                if hit:
                    return make(hit, "reviewed name override")
        return None

    found = m.find(flow, comp)
    if found:
        return make(found[0], found[1])
    return None


# --- fossil or biogenic carbon, decided per dataset ------------------------------------

# Datasets whose combustion carbon is biogenic: wood, bark, hog fuel, biomass, crop
# residues, ethanol/biodiesel, landfill gas. Matched on the dataset (process) name.
_BIOGENIC_DATASET = re.compile(
    r"(wood|hog fuel|hogged fuel|bark|biomass|sawdust|sanderdust|residue|black liquor"
    r"|combustion, (dry|wet) wood|landfill gas|switchgrass|stover|straw)",
    re.I,
)
_FOSSIL_HINT = re.compile(r"\b(natural gas|diesel|gasoline|coal|oil|lpg|propane)\b", re.I)


def is_biogenic_dataset(process_name: str) -> bool:
    """True when the dataset burns biomass (its CO2/CH4 are non-fossil)."""
    if not _BIOGENIC_DATASET.search(process_name):
        return False
    # "Electricity, biomass, at power plant" and boilers firing wood: combustion datasets.
    return bool(re.search(r"combust|boiler|electricity|heat|burned|fuel", process_name, re.I)) and (
        not _FOSSIL_HINT.search(process_name)
    )


def biogenic_exchange_ids(process: dict) -> set[int]:
    """Indexes of the CO2 emissions of a dataset that are biogenic.

    A dataset that takes up "Carbon dioxide" from air (biomass carbon) and emits exactly
    that amount again has burnt its biomass: that emission is non-fossil. Every CO2 and
    CH4 emission of a biomass-combustion dataset (``is_biogenic_dataset``) is non-fossil.
    Everything else is fossil.
    """
    excs = process["exchanges"]
    if is_biogenic_dataset(process["name"]):
        return {
            i
            for i, e in enumerate(excs)
            if e["group"] == "emission" and e["name"] in ("Carbon dioxide", "Methane")
        }
    uptakes = [
        e["amount"] for e in excs if e["group"] == "resource" and e["name"] == "Carbon dioxide"
    ]
    found = set()
    for i, e in enumerate(excs):
        if (
            e["group"] == "emission"
            and e["name"] == "Carbon dioxide"
            and any(abs(e["amount"] - u) <= 1e-9 * max(abs(u), 1e-30) for u in uptakes)
        ):
            found.add(i)
    return found


# --- greenhouse gases ------------------------------------------------------------------

_GHG_NAME = re.compile(
    r"^(carbon dioxide|methane|nitrous oxide|sulfur hexafluoride|nitrogen trifluoride"
    r"|carbon tetrafluoride|hexafluoroethane|(hydro|chloro|hydrochloro|per)fluorocarbons)$"
    r"|\b(HFC|PFC|CFC|HCFC)-\d|\bhalon\b|^perfluoro",
    re.I,
)


def ipcc_cas_set() -> set[str]:
    flows = biosphere3()
    return {cas_digits(flows[c].cas) for c in method_factors(IPCC_GWP100) if flows[c].cas}


def is_ghg(flow: FedeflFlow, ipcc_cas: set[str]) -> bool:
    """A FEDEFL emission to air that IPCC 2021 characterizes (by CAS or by name)."""
    if (
        flow.direction != "emission"
        or CONTEXTS.get((flow.direction, flow.category, flow.subcategory), ("",))[0] != "air"
    ):
        return False
    digits = cas_digits(flow.cas)
    return (digits and digits in ipcc_cas) or bool(_GHG_NAME.search(flow.name))
