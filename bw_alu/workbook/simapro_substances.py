"""SimaPro substances (elementary exchanges) linked to the project's biosphere.

A SimaPro CSV export names an elementary exchange by block and sub-compartment
(``Emissions to air`` / ``low. pop.``), substance name and unit. The correspondence to
ecoinvent 3.9 elementary flows is the one ``randonneur_data`` publishes (installed with
bw2io): ``SimaPro-9-ecoinvent-3.9-biosphere`` (Flowmapper 0.1.1, Chris Mutel, CC BY 4.0),
one entry per (name, context, unit) with the ecoinvent flow's UUID, context, unit and a
conversion factor. A name it lacks is first renamed with the companion
``SimaPro-9-ecoinvent-3.9-biosphere-manual-matches`` (C. Mutel, CC BY 4.0) and looked
up as that ecoinvent flow. ecoinvent 3.9 flow UUIDs are the codes of bw2io's ``biosphere3``; a
project with another ecoinvent biosphere finds the flow by code, else by name and
categories (:func:`bw_alu.biosphere.flow_keys`).

Unit checks: the unit the parser gives (``bw-simapro-csv`` converts ``g`` to ``kg``,
``Bq`` to ``kBq``, ...) must be the entry's source unit; another unit of the same
dimension is converted; entries whose factor is not a number (a mass matched to an
activity) are not used. A substance without an entry is returned as a problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import Location, Problem
from ..units import UnitError, factor, normalize

MAPPING = "SimaPro-9-ecoinvent-3.9-biosphere"
MANUAL = "SimaPro-9-ecoinvent-3.9-biosphere-manual-matches"
MAPPING_SOURCE = (
    "randonneur_data " + MAPPING + " (Flowmapper 0.1.1 correspondence, C. Mutel, 2024, CC BY 4.0)"
)
# SimaPro blocks holding elementary exchanges (Process and product stage exports).
BLOCKS = (
    "Resources",
    "Emissions to air",
    "Emissions to water",
    "Emissions to soil",
    "Final waste flows",
    "Non material emissions",
    "Social issues",
    "Economic issues",
)


@dataclass(frozen=True)
class FlowTarget:
    code: str  # ecoinvent 3.9 elementary exchange UUID (biosphere3 code)
    name: str
    categories: tuple[str, ...]  # bw2io categories: ("air",) or ("air", "<sub>")
    unit: str
    factor: float  # source unit -> target unit
    via: str = ""  # the manual match that renamed the substance, if any


@dataclass(frozen=True)
class Substance:
    """One SimaPro elementary exchange, linked (amount in the flow's unit)."""

    process: str  # "" = the product's own process
    block: str
    label: str  # SimaPro name (sub-compartment)
    name: str  # the SimaPro substance name
    context: tuple[str, str]
    amount: float  # in ``target.unit``, per the process's output as written
    target: FlowTarget
    location: Location
    stage: str = "production"
    source: str = ""


def _categories(context: list[str]) -> tuple[str, ...]:
    top, *rest = list(context) + [""]
    sub = rest[0] if rest else ""
    return (top,) if sub in ("", "unspecified") else (top, sub)


@lru_cache(maxsize=1)
def mapping() -> dict[tuple[str, str, str], list[tuple[str, FlowTarget]]]:
    """``(name, block, sub-compartment)`` -> [(source unit, target)] of the dataset."""
    import randonneur_data

    data = randonneur_data.Registry().get_file(MAPPING)
    out: dict[tuple[str, str, str], list[tuple[str, FlowTarget]]] = {}
    for e in data.get("update", []):
        s, t = e["source"], e["target"]
        cf = e.get("conversion_factor", 1.0)
        ctx = list(s.get("context") or [])
        key = (s["name"], ctx[0] if ctx else "", ctx[1] if len(ctx) > 1 else "")
        target = FlowTarget(
            code=t["identifier"],
            name=t["name"],
            categories=_categories(list(t.get("context") or [])),
            unit=str(t.get("unit") or ""),
            factor=float(cf) if cf is not None else math.nan,
        )
        out.setdefault(key, []).append((str(s.get("unit") or ""), target))
    return out


def _convert(unit: str, src: str) -> float | None:
    """Factor from ``unit`` (the exchange's) to ``src`` (the entry's), None if none."""
    if unit == src:
        return 1.0
    try:
        return factor(normalize(unit), normalize(src))
    except UnitError:
        return None


@lru_cache(maxsize=1)
def _manual() -> tuple[dict[str, str], dict[tuple[str, str, str], list[tuple[str, FlowTarget]]]]:
    """``MANUAL``'s renames (SimaPro name -> ecoinvent name), and the correspondence's
    entries by (ecoinvent name, SimaPro block, sub-compartment)."""
    import randonneur_data

    data = randonneur_data.Registry().get_file(MANUAL)
    renames = {r["source"]["name"]: r["target"]["name"] for r in data.get("replace", [])}
    by_target: dict[tuple[str, str, str], list[tuple[str, FlowTarget]]] = {}
    for (_, block, sub), entries in mapping().items():
        for src, t in entries:
            by_target.setdefault((t.name, block, sub), []).append((src, t))
    return renames, by_target


def _candidates(name: str, context: tuple[str, str]) -> list[tuple[str, FlowTarget]]:
    found = mapping().get((name, context[0], context[1] or ""))
    if found:
        return found
    renames, by_target = _manual()
    alt = renames.get(name)
    if alt is None:
        return []
    via = f"{name!r} -> {alt!r} ({MANUAL})"
    return [
        (src, replace(t, via=via))
        for src, t in by_target.get((alt, context[0], context[1] or ""), [])
    ]


def link_substance(
    name: str, context: tuple[str, str], unit: str
) -> tuple[FlowTarget, float] | str:
    """(target, factor from the exchange's amount to the flow's unit), or why not.

    A name the correspondence lacks is renamed by ``MANUAL`` (C. Mutel's manual matches
    of SimaPro names to ecoinvent names) and looked up as that ecoinvent flow in the same
    block and sub-compartment."""
    candidates = _candidates(name, context)
    if not candidates:
        where = f"{context[0]}/{context[1]}" if context[1] else context[0]
        return f"no elementary flow for SimaPro substance {name!r} ({where}, {unit}) in {MAPPING}"
    seen = []
    for src, target in sorted(candidates, key=lambda c: c[0] != unit):
        seen.append(src)
        to_src = _convert(unit, src)
        if to_src is None or not math.isfinite(target.factor):
            continue
        return target, to_src * target.factor
    return (
        f"SimaPro substance {name!r}: unit {unit!r} does not match the unit of its "
        f"elementary flow in {MAPPING} ({', '.join(sorted(set(seen)))} -> "
        f"{candidates[0][1].unit} {candidates[0][1].name!r})"
    )


def read_substances(
    block_obj, process: str, process_name: str, file: str, stage: str = "production"
) -> tuple[list[Substance], list[Problem]]:
    """The linked elementary exchanges of one parsed SimaPro ``Process`` block."""
    from .simapro import line_label, repeated_names

    out: list[Substance] = []
    problems: list[Problem] = []
    repeated = repeated_names(block_obj, BLOCKS)
    for label in BLOCKS:
        sub = block_obj.blocks.get(label)
        if sub is None:
            continue
        for e in sub.parsed:
            ctx = tuple(e.get("context") or (label, ""))
            context = (str(ctx[0]), str(ctx[1]) if len(ctx) > 1 else "")
            loc = Location(file, f"{process_name} / {label}", e.get("line_no"))
            found = link_substance(str(e.get("name")), context, str(e.get("unit")))
            if isinstance(found, str):
                problems.append(Problem(loc, found))
                continue
            target, k = found
            shown = f"{e['name']} ({context[1]})" if context[1] else str(e["name"])
            out.append(
                Substance(
                    process=process,
                    block=label,
                    label=line_label(e, repeated, shown),
                    name=str(e["name"]),
                    context=context,
                    amount=float(e["amount"]) * k,
                    target=target,
                    location=loc,
                    stage=stage,
                    source=f"SimaPro CSV {Path(file).name}, line {e.get('line_no')}; "
                    + MAPPING_SOURCE
                    + (f"; renamed {target.via}" if target.via else ""),
                )
            )
    return out, problems


@lru_cache(maxsize=1)
def _reverse() -> dict[str, tuple[str, str, str, str]]:
    out: dict[str, list[tuple[tuple, tuple[str, str, str, str]]]] = {}
    for (name, block, sub), entries in mapping().items():
        for src, t in entries:
            if src != t.unit or t.factor != 1.0:
                continue
            # preference: the ecoinvent name itself, then unspecified sub-compartment, then
            # the shortest and first name
            rank = (name != t.name, sub != "", len(name), name)
            out.setdefault(t.code, []).append((rank, (name, block, sub, src)))
    return {code: min(c)[1] for code, c in out.items()}


def simapro_substance(code: str) -> tuple[str, str, str, str] | None:
    """(SimaPro name, block, sub-compartment, unit) of an ecoinvent 3.9 flow, from the
    same correspondence read backwards (one SimaPro name per flow, factor 1), or None."""
    return _reverse().get(code)
