"""The elementary flows the calculators emit, as ecoinvent 3.9 biosphere3 codes.

Codes are those of ``bw2io.create_default_biosphere3()`` (bw2io 0.9.17, ecoinvent 3.9
elementary flows), looked up once and written here; ``tests/test_direct.py`` checks each
against bw2io's data and checks that IPCC 2021 GWP100 characterizes it.

All flows go to the unspecified ``air`` compartment: the guideline formulas say nothing
about release height, and every climate-change factor (IPCC 2021, EF 3.1) is the same
for all air sub-compartments of these gases.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flow:
    key: str  # short name used in code and formulas
    code: str
    name: str
    categories: tuple[str, ...]


_AIR = ("air",)

FLOWS: dict[str, Flow] = {
    f.key: f
    for f in (
        Flow("CO2", "349b29d1-3e58-4c66-98b9-9d1a076efd2e", "Carbon dioxide, fossil", _AIR),
        Flow("CF4", "33681770-a0e1-4ce8-93c3-941fd607fa5f", "Methane, tetrafluoro-, R-14", _AIR),
        Flow("C2F6", "acc39720-dda7-4b3a-80c7-c6394cad4191", "Ethane, hexafluoro-, HFC-116", _AIR),
        Flow("HFC-32", "151212b4-079b-43a2-96d5-a6eef59166ac", "Methane, difluoro-, HFC-32", _AIR),
        Flow(
            "HCFC-22",
            "18c582fe-7336-4138-8797-2db8b7a754c7",
            "Methane, chlorodifluoro-, HCFC-22",
            _AIR,
        ),
        Flow(
            "HFC-125",
            "281e1011-f121-4d5b-ad4d-22d562b2c2cd",
            "Ethane, pentafluoro-, HFC-125",
            _AIR,
        ),
        Flow(
            "HFC-134a",
            "e87f039d-d9ce-4242-ac18-c9284cc80f3d",
            "Ethane, 1,1,1,2-tetrafluoro-, HFC-134a",
            _AIR,
        ),
        Flow(
            "HFC-143a",
            "e86bfec2-1025-4fa2-90b1-81e35e621e91",
            "Ethane, 1,1,1-trifluoro-, HFC-143a",
            _AIR,
        ),
    )
}


def flow_names() -> dict[str, tuple[str, tuple[str, ...]]]:
    """code -> (name, categories) of every flow any calculator can emit."""
    return {f.code: (f.name, f.categories) for f in FLOWS.values()}
