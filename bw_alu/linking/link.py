"""Link inventory rows to background datasets, converting amounts to the dataset's unit."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..csv_input import read_dicts
from ..errors import (
    InventoryNotLinkable,
    Location,
    MappingFileInvalid,
    Problem,
    UnknownUnit,
    UnlinkedExchange,
)
from ..paths import MAPPINGS_DIR
from ..units import UnitError, factor
from ..workbook.model import InventoryRow, Plant
from ..workbook.processes import process_reference
from .ecoinvent import ecoinvent_candidates, study_version
from .factors import FactorDataset


@dataclass(frozen=True)
class BackgroundActivity:
    database: str
    code: str
    name: str
    unit: str
    location: str
    reference_product: str
    provenance: dict = field(default_factory=dict, hash=False, compare=False)
    name_zh: str = field(default="", compare=False)


@dataclass(frozen=True)
class Link:
    row: InventoryRow
    match: str  # burden-free | factors | exact | mapped | proxy | simapro | migrated | process
    amount: float  # per declared unit, in ``unit`` (the target dataset's unit)
    unit: str
    target: BackgroundActivity | None = None
    factors: FactorDataset | None = None
    note: str = ""
    process: str | None = None  # id of the plant's own process this row consumes

    @property
    def is_proxy(self) -> bool:
        return self.match == "proxy" or bool(self.target and self.target.provenance.get("proxy"))


def background_index(database: str) -> dict[str, list[BackgroundActivity]]:
    """Activities of a Brightway database by name (needs the project to be current)."""
    import bw2data as bd

    index: dict[str, list[BackgroundActivity]] = {}
    for act in bd.Database(database):
        if act.get("type", "process") not in {"process", "processwithreferenceproduct"}:
            continue
        ba = BackgroundActivity(
            database=database,
            code=act["code"],
            name=act["name"],
            unit=act.get("unit", ""),
            location=act.get("location", ""),
            reference_product=act.get("reference product", act["name"]),
            provenance=dict(act.get("provenance", {})),
            name_zh=act.get("name_zh", "") or "",
        )
        index.setdefault(ba.name, []).append(ba)
    return index


MAPPING_COLUMNS = ("study_dataset", "background_code", "match", "note")


@lru_cache(maxsize=1)
def study_mapping() -> dict[str, dict]:
    """``databases/mappings/study_datasets.csv``: study dataset name -> open dataset."""
    path = MAPPINGS_DIR / "study_datasets.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["study_dataset"].strip(): r for r in csv.DictReader(fh)}


def read_mapping_file(path: str | Path) -> dict[str, dict]:
    """A user's mapping file (the columns of ``study_datasets.csv``), checked cell by cell.

    Its rows are added to the built-in mapping (a name in both: the user's row wins).
    Raises :class:`MappingFileInvalid` listing every bad cell.
    """
    path = Path(path)
    problems: list[Problem] = []
    fieldnames, reader = read_dicts(path, MappingFileInvalid)
    out: dict[str, dict] = {}
    missing = [c for c in MAPPING_COLUMNS[:3] if c not in fieldnames]
    if missing:
        raise MappingFileInvalid.single(
            Location(str(path), None, 1),
            f"missing column(s) {missing}; need {list(MAPPING_COLUMNS)}",
        )
    for r, rec in enumerate(reader, start=2):
        name = (rec.get("study_dataset") or "").strip()
        code = (rec.get("background_code") or "").strip()
        match = (rec.get("match") or "").strip() or "mapped"
        if not name:
            problems.append(Problem(Location(str(path), None, r, "study_dataset"), "empty"))
        elif not code:
            problems.append(Problem(Location(str(path), None, r, "background_code"), "empty"))
        elif match not in ("mapped", "proxy"):
            problems.append(
                Problem(Location(str(path), None, r, "match"), f"{match!r}: use mapped or proxy")
            )
        elif name in out:
            problems.append(
                Problem(Location(str(path), None, r, "study_dataset"), f"{name!r} given twice")
            )
        else:
            out[name] = {
                "study_dataset": name,
                "background_code": code,
                "match": match,
                "note": (rec.get("note") or "").strip() or f"user mapping {path.name}",
            }
    if problems:
        raise MappingFileInvalid(problems, headline=f"invalid mapping file {path}")
    return out


_SIMAPRO = re.compile(
    r"^(?P<product>.+?) \{(?P<loc>[^}]+)\}\s*\|\s*(?P<activity>.+?)\s*\|\s*(?P<model>[^|]+)$"
)


def parse_simapro_name(name: str) -> dict | None:
    """``Product {LOC}| activity | Cut-off, U`` -> its parts, or None."""
    m = _SIMAPRO.match(name.strip())
    if not m:
        return None
    model = m["model"].strip()
    system, _, kind = model.rpartition(",")
    return {
        "product": m["product"].strip(),
        "location": m["loc"].strip(),
        "activity": m["activity"].strip(),
        "system_model": system.strip() or model,
        "process_type": kind.strip(),  # U unit process, S system process
    }


def _candidates(row: InventoryRow, index, by_code, factors, mapping=None, study_version=None):
    """(match, target, factors, note) for a row, or None if unlinked."""
    name = row.dataset
    if row.burden_free:
        return "burden-free", None, None, "no upstream burden (cut-off approach)"
    if factors and name in factors:
        return "factors", None, factors[name], "per-unit impacts from the factor file"
    db, sep, code = name.partition(":")
    if sep and code.strip() in by_code and by_code[code.strip()].database == db.strip():
        return "exact", by_code[code.strip()], None, "named by database:code"
    if name in index:
        acts = index[name]
        if len(acts) == 1:
            return "exact", acts[0], None, ""
        return "ambiguous", None, None, f"{len(acts)} background datasets share this name"
    mapped = (mapping or {}).get(name) or study_mapping().get(name)
    if mapped and mapped["background_code"] in by_code:
        match = mapped["match"].strip() or "mapped"
        return match, by_code[mapped["background_code"]], None, mapped.get("note", "")
    parts = parse_simapro_name(name)
    if parts:
        # SimaPro capitalises the first letter of ecoinvent's lower-case product names.
        product = parts["product"].casefold()
        for act in index.get(parts["activity"], []):
            if act.reference_product.casefold() == product and act.location == parts["location"]:
                return "simapro", act, None, "matched by product, activity and location"
    # ecoinvent-format backgrounds: version migrations, ecoinvent stand-ins (ecoinvent.py).
    return ecoinvent_candidates(name, index, study_version)


def _row_amount_per_du(row: InventoryRow, per_du: float) -> tuple[float, str]:
    """The row amount per declared unit, with km turned into t*km by the row's load."""
    amount = row.amount * per_du
    if row.unit == "km" and row.load_t is not None:
        return amount * row.load_t, "t*km"
    return amount, row.unit


def _unlinked_message(row: InventoryRow, found, index) -> str:
    """Why a row did not link, with the closest candidates and how to name one."""
    from .search import closest, describe

    if found is not None:  # ambiguous: several datasets share the name
        cands = index[row.dataset]
        listed = "; ".join(describe(a) for a in cands)
        return f"{found[3]}: {listed}; write '<database>:<code>' in the dataset cell to pick one"
    cands = closest(index, row.dataset)
    hint = "; closest: " + "; ".join(describe(a) for a in cands) if cands else ""
    return (
        "no background dataset or mapping has this name"
        + hint
        + "; write a dataset's exact name or '<database>:<code>' (bw-alu datasets WORD lists "
        "them), or map the name in a --mapping file"
    )


def link_inventory(
    plant: Plant,
    index: dict[str, list[BackgroundActivity]],
    factors: dict[str, FactorDataset] | None = None,
    mapping: dict[str, dict] | None = None,
) -> list[Link]:
    """Link every row; raise listing *all* unlinked rows, then all unit mismatches.

    ``mapping`` (from :func:`read_mapping_file`) adds to the built-in study mapping.
    """
    by_code = {a.code: a for acts in index.values() for a in acts}
    per_du = plant.product.per_du
    processes = {p.id: p for p in plant.processes}
    links, unlinked, unit_problems = [], [], []
    version = study_version(plant.product.extra)
    for row in plant.inventory:
        own = process_reference(row.dataset, set(processes))
        if own is not None:
            amount, unit = _row_amount_per_du(row, per_du)
            try:
                conv = factor(unit, processes[own].unit, water=row.kind == "water")
            except UnitError as exc:
                unit_problems.append(
                    Problem(
                        row.cell("unit"),
                        f"{row.label!r}: row unit does not fit the output "
                        f"of process {own!r}: {exc}",
                    )
                )
                continue
            links.append(
                Link(
                    row,
                    "process",
                    amount * conv,
                    processes[own].unit,
                    note=f"from the plant's own process {own!r}",
                    process=own,
                )
            )
            continue
        found = _candidates(row, index, by_code, factors, mapping, version)
        loc = row.cell("dataset")
        if found is None or found[0] == "ambiguous":
            why = _unlinked_message(row, found, index)
            unlinked.append(Problem(loc, f"{row.label!r}: dataset {row.dataset!r}: {why}"))
            continue
        match, target, fset, note = found
        amount, unit = _row_amount_per_du(row, per_du)
        to_unit = target.unit if target else (fset.unit if fset else unit)
        try:
            conv = factor(unit, to_unit, water=row.kind == "water")
        except UnitError as exc:
            unit_loc = row.cell("unit")
            unit_problems.append(
                Problem(
                    unit_loc,
                    f"{row.label!r}: row unit does not fit dataset {found[1].name if target else row.dataset!r}: {exc}",
                )
            )
            continue
        links.append(Link(row, match, amount * conv, to_unit, target, fset, note))
    if unlinked and unit_problems:
        raise InventoryNotLinkable(
            unlinked + unit_problems,
            headline=f"{len(unlinked)} inventory row(s) could not be linked, "
            f"{len(unit_problems)} row unit(s) do not fit their datasets",
        )
    if unlinked:
        raise UnlinkedExchange(
            unlinked, headline=f"{len(unlinked)} inventory row(s) could not be linked"
        )
    if unit_problems:
        raise UnknownUnit(unit_problems, headline="inventory units do not fit their datasets")
    return links
