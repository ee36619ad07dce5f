"""A SimaPro CSV export of processes read as a plant (``bw-alu import model.csv``).

Parsed with ``bw-simapro-csv`` (the Brightway ecosystem's parser; it evaluates the
parameters and converts units). Each ``Process`` block becomes a foreground process, the
first one making the declared product (its reference product amount is the declared
unit, on a per-declared-unit basis). Technosphere inputs (``Materials/fuels``,
``Electricity/heat``, ``Waste to treatment``) whose name is the product of another
process of the file consume that process; the others keep their SimaPro name as the
``dataset`` and are linked to the background as workbook rows are.

Not imported yet, and reported as problems (so nothing is silently left out):
elementary flows (resources, emissions, final waste flows, ...), avoided products,
co-products, and files without a process (methods, product stages).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Location, Problem, WorkbookInvalid
from ..units import UnitError, dimension, normalize
from .model import InventoryRow, Plant, Process, Product

# SimaPro technosphere block -> (bw-alu stage, kind)
TECHNOSPHERE = {
    "Materials/fuels": ("raw_materials", "material"),
    "Electricity/heat": ("production", "energy"),
    "Waste to treatment": ("production", "waste"),
}
NOT_IMPORTED = (
    "Avoided products",
    "Resources",
    "Emissions to air",
    "Emissions to water",
    "Emissions to soil",
    "Final waste flows",
    "Non material emissions",
    "Social issues",
    "Economic issues",
)


def is_simapro(path: str | Path) -> bool:
    """A ``.csv``/``.txt`` file whose first bytes are ``{SimaPro`` (or ``SimaPro``, as the
    tab- or semicolon-headed exports of some versions write)."""
    p = Path(path)
    if p.suffix.lower() not in (".csv", ".txt") or not p.is_file():
        return False
    try:
        with open(p, "rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf")
    except OSError as exc:
        raise WorkbookInvalid.single(Location(str(p)), f"cannot read: {exc.strerror or exc}") from exc
    return head.lstrip(b"{").startswith(b"SimaPro")


def slug(name: str) -> str:
    """A product id / process id from a SimaPro name."""
    s = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return (s or "process")[:60].rstrip("-") or "process"


def _parse(path: Path):
    from bw_simapro_csv import SimaProCSV  # type: ignore[import-untyped]
    from loguru import logger

    logger.disable("bw_simapro_csv")
    try:
        return SimaProCSV(path)
    except Exception as exc:  # the parser's own errors: one clear message, no traceback
        raise WorkbookInvalid.single(
            Location(str(path)),
            f"cannot read as a SimaPro CSV export: {type(exc).__name__}: "
            + (str(exc).splitlines() or [""])[0],
        ) from exc


def load_simapro(path: str | Path, product_id: str | None = None) -> tuple[Plant, list[Problem]]:
    """The plant a SimaPro CSV export describes, and the exchanges it cannot import.

    Problems that make the file unusable (no process, unknown unit, ...) raise
    :class:`WorkbookInvalid` at once; exchanges that are not imported are returned, so
    the importer can list them together with the rows the background does not link.
    """
    path = Path(path)
    sp = _parse(path)
    file = str(path)
    problems: list[Problem] = []
    pending: list[Problem] = []
    blocks = [b for b in sp.blocks if type(b).__name__ == "Process"]
    if not blocks:
        raise WorkbookInvalid.single(
            Location(file),
            f"no 'Process' block to import (a SimaPro {sp.header.get('kind')} export; "
            "bw-alu imports process exports)",
        )
    # product name -> process id, over every process of the file
    procs: list[tuple[Any, str, str, dict]] = []
    for block in blocks:
        name = str(block.parsed["metadata"].get("Process name") or "").strip()
        outputs = block.blocks.get("Products") or block.blocks.get("Waste treatment")
        out = list(outputs.parsed) if outputs is not None else []
        name = name or (out[0]["name"] if out else "")
        where = Location(file, name or "Process", getattr(block, "line_no", None))
        if not out:
            problems.append(Problem(where, "process has no 'Products' (reference product)"))
            continue
        for extra in out[1:]:
            pending.append(
                Problem(
                    Location(file, f"{name} / Products", extra.get("line_no")),
                    f"co-product {extra['name']!r}: multi-output processes are not imported yet",
                )
            )
        procs.append((block, name or out[0]["name"], slug(name or out[0]["name"]), out[0]))
    if problems:
        raise WorkbookInvalid(problems, headline=f"invalid SimaPro CSV {path}")
    ids: dict[str, str] = {}
    for _, _, pid, ref in procs:
        ids.setdefault(ref["name"], pid)
    processes: list[Process] = []
    inventory: list[InventoryRow] = []
    first_id = product_id or procs[0][2]
    for n, (block, name, pid, ref) in enumerate(procs):
        pid = first_id if n == 0 else pid
        ids[ref["name"]] = pid if n == 0 else ids[ref["name"]]
        where = Location(file, name, ref.get("line_no"))
        unit = _unit(ref["unit"], where, problems)
        if n == 0 and unit and _dim(unit) != "mass":
            problems.append(Problem(where, f"the product {ref['name']!r} must be given by mass"))
        processes.append(
            Process(
                id=pid,
                name=name,
                reference_product=ref["name"],
                amount=float(ref["amount"]),
                unit=unit or "kg",
                stage="production",
                location=where,
            )
        )
        for label, sub in block.blocks.items():
            if label in NOT_IMPORTED:
                for e in sub.parsed:
                    pending.append(
                        Problem(
                            Location(file, f"{name} / {label}", e.get("line_no")),
                            f"{e.get('name')!r}: {label.lower()} are not imported yet",
                        )
                    )
                continue
            if label not in TECHNOSPHERE:
                continue
            stage, kind = TECHNOSPHERE[label]
            for e in sub.parsed:
                loc = Location(file, f"{name} / {label}", e.get("line_no"))
                eunit = _unit(e["unit"], loc, problems)
                target = ids.get(e["name"])
                inventory.append(
                    InventoryRow(
                        index=len(inventory) + 1,
                        stage=stage,
                        label=e["name"],
                        kind=kind,
                        amount=float(e["amount"]),
                        unit=eunit or "kg",
                        dataset=target if target is not None and target != pid else e["name"],
                        location=loc,
                        source=f"SimaPro CSV {path.name}, line {e.get('line_no')}",
                        columns={"dataset": None, "unit": None, "process": None},
                        process="" if n == 0 else pid,
                    )
                )
    if not inventory and not pending:
        problems.append(Problem(Location(file), "no technosphere input to import"))
    if problems:
        raise WorkbookInvalid(problems, headline=f"invalid SimaPro CSV {path}")
    first = processes[0]
    meta = blocks[0].parsed["metadata"]
    product = Product(
        product_id=first_id,
        company=str(sp.header.get("project") or ""),
        product_name_en=first.reference_product,
        declared_unit=f"{first.amount:g} {first.unit} {first.reference_product}",
        declared_unit_amount=first.amount,
        declared_unit_unit=first.unit,
        basis="per_declared_unit",
        boundary="cradle-to-gate",
        time_period_start=str(meta.get("Time period") or ""),
        time_period_end=str(meta.get("Time period") or ""),
        geography=str(meta.get("Geography") or ""),
        standards="",
        location=Location(file, first.name, first.location.row),
    )
    plant = Plant(
        path=file,
        product=product,
        inventory=tuple(inventory),
        direct=(),
        assumptions=(),
        left_out=(),
        processes=tuple(processes),
    )
    return plant, pending


def _unit(unit: str, where: Location, problems: list[Problem]) -> str | None:
    try:
        return normalize(unit)
    except UnitError as exc:
        problems.append(Problem(where, str(exc)))
        return None


def _dim(unit: str) -> str | None:
    try:
        return dimension(unit)
    except UnitError:
        return None
