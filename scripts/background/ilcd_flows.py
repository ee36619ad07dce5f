"""TianGong (EF 3.x) elementary flows -> ecoinvent 3.9 biosphere3 flows.

Rules, in order, for one elementary exchange of a TianGong process:

1. ``randonneur``: the published EF 3.1 <-> ecoinvent 3.9.1 correspondence of the
   ``randonneur_data`` package (file ``ecoinvent-3.9.1-biosphere-EF-3.1-biosphere``,
   CC-BY-4.0, GLAD mappings plus manual matches by C. Mutel), read backwards (EF uuid ->
   ecoinvent uuid). Where several ecoinvent flows map to one EF flow (EF has fewer
   sub-compartments), the one in the compartment ``EF_COMPARTMENTS`` gives for the EF
   category wins, else the lowest code. Only pairs whose units agree are used.
2. ``reviewed name``: ``REVIEWED`` below, EF names ecoinvent spells differently, checked
   by hand; the compartment from the EF category path.
3. ``name+compartment``: the EF name compared case-insensitively with ecoinvent names and
   synonyms in that compartment (``Matcher.find`` of the USLCI stage, which also tries CAS).
4. ``missing flow, reviewed``: 220 flows the TianGong processes reference are absent from
   the source repository; the process's own label of the exchange (an ecoinvent-style
   name for most) and the reviewed compartment in ``MISSING_FLOWS`` give the flow.

Anything else is unlinked: dropped and counted in ``coverage.json`` (``tiangong``).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .biosphere import (
    AIR_U,
    RES_GROUND,
    RES_LAND,
    RES_WATER,
    SOIL_U,
    WATER_U,
    FedeflFlow,
    Matcher,
)
from .ilcd import Archive, Exchange, Flow

RANDONNEUR_FILE = "ecoinvent-3.9.1-biosphere-EF-3.1-biosphere.gz"
RANDONNEUR_NOTE = (
    "randonneur_data ecoinvent-3.9.1-biosphere-EF-3.1-biosphere (CC-BY-4.0; C. Mutel, "
    "UNEP GLAD mapping taskforce), read EF -> ecoinvent"
)

# EF 3.x category (level 1, level 2) -> ecoinvent (compartment, subcompartment).
EF_COMPARTMENTS: dict[tuple[str, str], tuple[str, str]] = {
    ("Emissions to air", "Emissions to air, unspecified"): AIR_U,
    ("Emissions to air", "Emissions to air, unspecified (long-term)"): (
        "air",
        "low population density, long-term",
    ),
    ("Emissions to air", "Emissions to non-urban air or from high stacks"): (
        "air",
        "non-urban air or from high stacks",
    ),
    ("Emissions to air", "Emissions to urban air close to ground"): (
        "air",
        "urban air close to ground",
    ),
    ("Emissions to air", "Emissions to lower stratosphere and upper troposphere"): (
        "air",
        "lower stratosphere + upper troposphere",
    ),
    ("Emissions to water", "Emissions to water, unspecified"): WATER_U,
    ("Emissions to water", "Emissions to fresh water"): ("water", "surface water"),
    ("Emissions to water", "Emissions to sea water"): ("water", "ocean"),
    ("Emissions to water", "Emissions to water, unspecified (long-term)"): (
        "water",
        "ground-, long-term",
    ),
    ("Emissions to soil", "Emissions to soil, unspecified"): SOIL_U,
    ("Emissions to soil", "Emissions to agricultural soil"): ("soil", "agricultural"),
    ("Emissions to soil", "Emissions to non-agricultural soil"): ("soil", "industrial"),
    ("Resources from ground", "Non-renewable material resources from ground"): RES_GROUND,
    ("Resources from ground", "Non-renewable energy resources from ground"): RES_GROUND,
    ("Resources from ground", "Non-renewable element resources from ground"): RES_GROUND,
    ("Resources from water", "Renewable material resources from water"): RES_WATER,
    ("Resources from water", "Renewable element resources from water"): RES_WATER,
    ("Resources from air", "Renewable material resources from air"): ("natural resource", "in air"),
    ("Land use", "Land occupation"): RES_LAND,
    ("Land use", "Land transformation"): RES_LAND,
}
# Only the first level known: the unspecified sub-compartment.
EF_TOP = {
    "Emissions to air": AIR_U,
    "Emissions to water": WATER_U,
    "Emissions to soil": SOIL_U,
    "Resources from ground": RES_GROUND,
    "Resources from water": RES_WATER,
    "Land use": RES_LAND,
}

# EF name -> ecoinvent name, reviewed by hand (compartment from the EF category).
REVIEWED = {
    "carbon dioxide (fossil)": "Carbon dioxide, fossil",
    "carbon dioxide (biogenic)": "Carbon dioxide, non-fossil",
    "carbon monoxide (fossil)": "Carbon monoxide, fossil",
    "methane (fossil)": "Methane, fossil",
    "methane (biogenic)": "Methane, non-fossil",
    "nitrogen oxides": "Nitrogen oxides",
    "dinitrogen oxide": "Dinitrogen monoxide",
    "particles (pm2.5)": "Particulate Matter, < 2.5 um",
    "particles (pm2.5 - pm10)": "Particulate Matter, > 2.5 um and < 10um",
    "particles (> pm10)": "Particulate Matter, > 10 um",
    "fc-14": "Methane, tetrafluoro-, R-14",
    "tetrafluoromethane": "Methane, tetrafluoro-, R-14",
    "hexafluoroethane": "Ethane, hexafluoro-, HFC-116",
    "polycyclic aromatic hydrocarbons": "PAH, polycyclic aromatic hydrocarbons",
    "chemical oxygen demand": "COD, Chemical Oxygen Demand",
    "biological oxygen demand": "BOD5, Biological Oxygen Demand",
    "freshwater": "Water, unspecified natural origin",
    "hydrogen fluoride": "Hydrogen fluoride",
    "hydrogen chloride": "Hydrogen chloride",
    "ammonia": "Ammonia",
    "sulfur dioxide": "Sulfur dioxide",
    "bauxite": "Bauxite",
    "phosphorus, total": "Phosphorus",
}
# EF energy resources given in MJ -> ecoinvent flow in kg, converted with the net calorific
# value of EF 3.1's own ADP-fossil factors (as for USLCI, so that indicator is preserved).
ENERGY_MJ = {"hard coal": "Coal, hard, unspecified", "crude oil": "Oil, crude"}

# Flows missing from the archive, by the process's label: ecoinvent compartment (reviewed:
# an emission label of an Output, a resource label of an Input, as the datasets use them).
# The amounts of "Water, unspecified natural origin" in the Yang et al. (2019) aluminium
# chain are kg per t product (2,800-5,150: 2.8-5.2 t water per t), the ecoinvent flow is
# m3: MISSING_FACTORS converts (1 m3 = 1,000 kg).
MISSING_FLOWS: dict[tuple[str, str], tuple[str, tuple[str, str]]] = {
    ("Output", "particles, unspecified"): ("Particulate Matter, > 10 um", AIR_U),
    ("Output", "Ethane, hexafluoro-, HFC-116"): ("Ethane, hexafluoro-, HFC-116", AIR_U),
    ("Output", "Benzo(a)pyrene"): ("Benzo(a)pyrene", AIR_U),
    ("Output", "PAH, polycyclic aromatic hydrocarbons"): (
        "PAH, polycyclic aromatic hydrocarbons",
        AIR_U,
    ),
    ("Output", "Suspended solids, unspecified"): ("Suspended solids, unspecified", WATER_U),
    ("Output", "Fluoride"): ("Fluoride", WATER_U),
    ("Output", "BOD5, Biological Oxygen Demand"): ("BOD5, Biological Oxygen Demand", WATER_U),
    ("Output", "Propane"): ("Propane", AIR_U),
    ("Output", "Xylene"): ("Xylene", AIR_U),
    ("Output", "Bromine"): ("Bromine", AIR_U),
    ("Input", "Water, unspecified natural origin"): (
        "Water, unspecified natural origin",
        RES_WATER,
    ),
    ("Input", "Water, salt, ocean"): ("Water, salt, ocean", RES_WATER),
    ("Output", "Water, salt, ocean"): ("Water", ("water", "ocean")),
}

MISSING_FACTORS = {("Input", "Water, unspecified natural origin"): 1e-3}

_UNITS = {("m2*a", "m2*year"), ("m2*year", "m2*a")}


@dataclass(frozen=True)
class FlowLink:
    code: str
    rule: str
    factor: float = 1.0  # ecoinvent amount = TianGong amount x factor


def _randonneur_path() -> Path:
    spec = importlib.util.find_spec("randonneur_data")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("randonneur_data is not installed (it comes with bw2io)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / RANDONNEUR_FILE


@lru_cache(maxsize=1)
def randonneur_ef_to_ecoinvent() -> dict[str, list[tuple[str, tuple[str, str], str, str]]]:
    """EF uuid -> [(ecoinvent uuid, ecoinvent context, ecoinvent unit, EF unit)]."""
    with gzip.open(_randonneur_path(), "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    out: dict[str, list] = {}
    for pair in data["replace"]:
        src, tgt = pair["source"], pair["target"]
        out.setdefault(tgt["uuid"], []).append(
            (src["uuid"], tuple(src["context"]), src["unit"], tgt.get("unit_name") or "")
        )
    return out


def compartment(flow: Flow) -> tuple[str, str] | None:
    cats = flow.categories
    if len(cats) >= 3 and (cats[1], cats[2]) in EF_COMPARTMENTS:
        return EF_COMPARTMENTS[(cats[1], cats[2])]
    if len(cats) >= 2:
        return EF_TOP.get(cats[1])
    return None


def _units_agree(a: str, b: str) -> bool:
    return a == b or (a, b) in _UNITS


class FlowMapper:
    """Links TianGong elementary exchanges; records every decision for coverage.json."""

    def __init__(self, archive: Archive, matcher: Matcher) -> None:
        self.archive = archive
        self.m = matcher
        self.table = randonneur_ef_to_ecoinvent()
        self.decisions: dict[tuple[str, str], FlowLink | None] = {}
        self.labels: dict[tuple[str, str], tuple[str, str, str]] = {}

    def is_elementary(self, exc: Exchange) -> bool:
        flow = self.archive.flow(exc.flow)
        if flow is None:
            return (exc.direction, exc.label) in MISSING_FLOWS
        return flow.kind == "Elementary flow"

    def link(self, exc: Exchange) -> FlowLink | None:
        key = (exc.flow, exc.direction)
        if key not in self.decisions:
            self.decisions[key] = self._link(exc)
            flow = self.archive.flow(exc.flow)
            self.labels[key] = (
                flow.name_en if flow else exc.label,
                "/".join(flow.categories) if flow else "(flow missing from the archive)",
                flow.unit if flow else "",
            )
        return self.decisions[key]

    def _link(self, exc: Exchange) -> FlowLink | None:
        flow = self.archive.flow(exc.flow)
        if flow is None:
            found = MISSING_FLOWS.get((exc.direction, exc.label))
            if found is None:
                return None
            eco = self.m.named(found[0], found[1])
            factor = MISSING_FACTORS.get((exc.direction, exc.label), 1.0)
            return FlowLink(eco.code, "missing flow, reviewed label", factor) if eco else None
        comp = compartment(flow)
        cands = [
            c
            for c in self.table.get(flow.uuid, [])
            if c[0] in self.m.flows and _units_agree(self.m.flows[c[0]].unit, flow.unit)
        ]
        if cands:
            same = [c for c in cands if c[1] == comp]
            code = sorted(same or cands)[0][0]
            return FlowLink(code, "randonneur EF 3.1 -> ecoinvent 3.9.1")
        if comp is None:
            return None
        energy = ENERGY_MJ.get(flow.name_en.lower())
        if energy and flow.unit == "MJ":
            eco = self.m.named(energy, RES_GROUND)
            if eco is not None:
                ncv = self.m.ncv[eco.name]
                return FlowLink(
                    eco.code, f"energy resource MJ -> kg (EF 3.1 NCV {ncv} MJ/kg)", 1 / ncv
                )
        name = REVIEWED.get(flow.name_en.lower())
        if name:
            eco = self.m.named(name, comp) or self.m.named(name, (comp[0], "unspecified"))
            if eco and _units_agree(eco.unit, flow.unit):
                return FlowLink(eco.code, "reviewed name")
        fed = FedeflFlow("emission", flow.name_en, "", "", flow.unit, flow.cas)
        found = self.m.find(fed, comp)
        if found and _units_agree(found[0].unit, flow.unit):
            return FlowLink(found[0].code, f"ef {found[1]}")
        return None
