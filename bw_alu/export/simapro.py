"""A plant as a SimaPro CSV export of processes (``export/simapro_csv.py`` writes the text).

:func:`plant_to_simapro` writes a plant workbook (``scripts/make_simapro_example.py``).
Names: a technosphere input keeps its ``dataset`` (the SimaPro / ecoinvent name);
an input from another process of the plant names that process's reference product;
a direct-emission gas is named by the SimaPro substance that ``randonneur_data``'s
SimaPro-9 -> ecoinvent 3.9 correspondence maps to its ecoinvent flow.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Location
from ..units import factor, normalize
from ..workbook.simapro_substances import simapro_substance
from .simapro_csv import Exchange, Output, SpProcess, render

# bw-alu unit -> (SimaPro unit, factor from the bw-alu amount)
SIMAPRO_UNITS = {
    "kg": ("kg", 1.0),
    "t": ("ton", 1.0),
    "g": ("g", 1.0),
    "kWh": ("kWh", 1.0),
    "MWh": ("MWh", 1.0),
    "MJ": ("MJ", 1.0),
    "GJ": ("GJ", 1.0),
    "m3": ("m3", 1.0),
    "l": ("l", 1.0),
    "t*km": ("tkm", 1.0),
    "kg*km": ("tkm", 0.001),
}


def simapro_unit(unit: str, where: Location) -> tuple[str, float]:
    """(SimaPro unit, factor) of a bw-alu unit; an error names the place otherwise."""
    u = normalize(unit)
    if u not in SIMAPRO_UNITS:
        raise InputError.single(where, f"unit {unit!r} has no SimaPro CSV counterpart here")
    return SIMAPRO_UNITS[u]


def substance_line(code: str, kg: float, comment: str, where: Location) -> tuple[str, Exchange]:
    """(block, line) of an elementary flow given by its ecoinvent 3.9 code."""
    found = simapro_substance(code)
    if found is None:
        raise InputError.single(
            where, f"elementary flow {code} has no SimaPro name in randonneur_data's mapping"
        )
    name, block, sub, unit = found
    return block, Exchange(name, unit, kg * factor("kg", unit), sub=sub, comment=comment)


def plant_to_simapro(workbook: str | Path, *, date: str) -> str:
    """The SimaPro CSV text of a plant workbook (amounts per declared unit)."""
    from ..importer import compute_direct
    from ..workbook import load_plant

    plant = load_plant(workbook)
    prod = plant.product
    per_du = prod.per_du
    if any(p.coproducts for p in plant.processes):
        raise InputError.single(
            Location(str(workbook), "coproducts"),
            "co-products are not written to SimaPro CSV yet",
        )
    first = plant.processes[0].id
    names = {p.id: p.reference_product for p in plant.processes}
    procs: dict[str, SpProcess] = {}
    for n, p in enumerate(plant.processes):
        if n == 0:
            unit, k = simapro_unit(prod.declared_unit_unit, Location(str(workbook), "product"))
            amount = prod.declared_unit_amount * k
        else:
            unit, k = simapro_unit(p.unit, p.location)
            amount = p.amount * per_du * k
        procs[p.id] = SpProcess(
            identifier=f"BwAlu{abs(hash_id(prod.product_id + p.id)):012d}",
            name=p.name,
            products=[Output(p.reference_product, unit, amount)],
            time_period=f"{prod.time_period_start[:4]}",
            geography="China" if prod.geography.upper().startswith("CN") else prod.geography,
            technology=str(prod.extra.get("process") or ""),
            date=date,
            comment=f"{prod.declared_unit}; written by bw-alu from {Path(workbook).name}",
        )
    for r in plant.inventory:
        owner = procs[r.process or first]
        amount, unit = r.amount * per_du, r.unit
        if r.load_t is not None:  # km at an average load: t*km
            amount, unit = amount * r.load_t, "t*km"
        sp_unit, k = simapro_unit(unit, r.location)
        name = names.get(r.dataset.removeprefix("process:"), r.dataset)
        block = {"energy": "Electricity/heat", "waste": "Waste to treatment"}.get(
            r.kind, "Materials/fuels"
        )
        owner.blocks.setdefault(block, []).append(
            Exchange(name, sp_unit, amount * k, comment=r.label)
        )
    for item, result in zip(plant.direct, compute_direct(plant)):
        owner = procs[item.process or first]
        for code, kg in sorted(result.flows.items()):
            block, line = substance_line(
                code, kg, f"{result.calculator}: {result.label}", item.location
            )
            owner.blocks.setdefault(block, []).append(line)
    return render(list(procs.values()), prod.company, date)


def hash_id(text: str) -> int:
    """A stable number from text (Python's hash() changes between runs)."""
    import zlib

    return zlib.crc32(text.encode("utf-8"))
