"""A SimaPro CSV export of processes read as a plant (``bw-alu import model.csv``).

Parsed with ``bw-simapro-csv`` (the Brightway ecosystem's parser; it evaluates the
parameters and converts units). Each ``Process`` block becomes a foreground process, the
first one making the declared product (its reference product amount is the declared
unit, on a per-declared-unit basis). Technosphere inputs (``Materials/fuels``,
``Electricity/heat``, ``Waste to treatment``) whose name is the product of another
process of the file consume that process; the others keep their SimaPro name as the
``dataset`` and are linked to the background as workbook rows are.

Elementary exchanges (resources, emissions, ...) are linked to the biosphere with
``randonneur_data``'s SimaPro-to-ecoinvent mapping (``simapro_substances.py``).
Product stages (a product stages export) are read by ``simapro_stages.py``: assemblies
and life cycles become foreground processes whose ``Materials/assemblies``/``Assembly``
and ``Processes`` lines are inputs linked as above (``STAGE_INPUTS``); end-of-life stages
and lines (disposal scenarios, disassemblies, reuses) are reported as not imported.
Not imported yet, and reported as problems (so nothing is silently left out):
unmapped substances, avoided products, and files without a process (methods).
Co-products (a ``Products`` block of several outputs) are imported
with their allocation % (rule ``given``, ``allocation.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Location, Problem, WorkbookInvalid
from ..units import UnitError, dimension, normalize
from .model import GIVEN, CoProduct, InventoryRow, Plant, Process, Product
from .simapro_stages import END_OF_LIFE_SECTIONS, IMPORTED_KINDS, ProductStage, StagesCSV
from .simapro_substances import Substance, read_substances

# SimaPro technosphere block -> (bw-alu stage, kind)
TECHNOSPHERE = {
    "Materials/fuels": ("raw_materials", "material"),
    "Electricity/heat": ("production", "energy"),
    "Waste to treatment": ("production", "waste"),
}
# Product stage sections that are technosphere inputs (assembly, life cycle)
STAGE_INPUTS = {
    "Materials/assemblies": ("raw_materials", "material"),
    "Assembly": ("raw_materials", "material"),
    "Processes": ("production", "material"),
}
NOT_IMPORTED = ("Avoided products",)
END_OF_LIFE = (
    "end of life is not imported (bw-alu imports cradle-to-gate: assemblies and life "
    "cycles without their disposal)"
)
# Elementary exchanges (Resources, Emissions to ..., ...) are linked to the biosphere by
# simapro_substances.py.


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
        raise WorkbookInvalid.single(
            Location(str(p)), f"cannot read: {exc.strerror or exc}"
        ) from exc
    return head.lstrip(b"{").startswith(b"SimaPro")


def slug(name: str) -> str:
    """A product id / process id from a SimaPro name."""
    s = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return (s or "process")[:60].rstrip("-") or "process"


def text_encoding(path: Path) -> str:
    """``utf-8`` for a file that is valid UTF-8 (names in Chinese), else the parser's
    default (Windows-1252 read leniently, as SimaPro writes on Western Windows)."""
    try:
        Path(path).read_bytes().decode("utf-8")
    except (UnicodeDecodeError, OSError):
        return "sloppy-windows-1252"
    return "utf-8-sig"


def _parse(path: Path):
    from loguru import logger

    logger.disable("bw_simapro_csv")
    try:
        # bw-simapro-csv's reader; its raw "Product stage" lines become ProductStage blocks
        return StagesCSV(path, encoding=text_encoding(path))
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
    stages = [b for b in sp.blocks if isinstance(b, ProductStage)]
    blocks = [b for b in sp.blocks if type(b).__name__ == "Process"]
    wanted, refused = stage_selection(stages, file)
    pending.extend(refused)
    if not blocks and not wanted:
        raise WorkbookInvalid.single(
            Location(file),
            f"no 'Process' block nor assembly/life cycle product stage to import (a SimaPro "
            f"{sp.header.get('kind')} export)",
        )
    # product name -> process id, over every process and imported stage of the file
    procs: list[tuple[Any, str, str, dict]] = []
    for stage in wanted:
        out = list(stage.blocks["Products"].parsed)
        procs.append((stage, out[0]["name"], slug(out[0]["name"]), out[0]))
    for block in blocks:
        name = str(block.parsed["metadata"].get("Process name") or "").strip()
        outputs = block.blocks.get("Products") or block.blocks.get("Waste treatment")
        out = list(outputs.parsed) if outputs is not None else []
        name = name or (out[0]["name"] if out else "")
        where = Location(file, name or "Process", getattr(block, "line_no", None))
        if not out and stages and "Waste scenario" in block.blocks:
            # a product stages export carries its disposal scenarios' waste scenarios
            (ws, *_) = block.blocks["Waste scenario"].parsed or [{}]
            name = name or str(ws.get("name") or "")
            where = Location(file, f"{name} / Waste scenario", ws.get("line_no"))
            pending.append(Problem(where, f"a waste scenario process: {END_OF_LIFE}"))
            continue
        if not out:
            problems.append(Problem(where, "process has no 'Products' (reference product)"))
            continue
        procs.append((block, name or out[0]["name"], slug(name or out[0]["name"]), out[0]))
    if problems:
        raise WorkbookInvalid(
            problems + (pending if stages else []), headline=f"invalid SimaPro CSV {path}"
        )
    ids: dict[str, str] = {}
    for _, _, pid, ref in procs:
        ids.setdefault(ref["name"], pid)
    processes: list[Process] = []
    inventory: list[InventoryRow] = []
    substances: list[Substance] = []
    first_id = product_id or procs[0][2]
    for n, (block, name, pid, ref) in enumerate(procs):
        pid = first_id if n == 0 else pid
        ids[ref["name"]] = pid if n == 0 else ids[ref["name"]]
        where = Location(file, name, ref.get("line_no"))
        unit = _unit(ref["unit"], where, problems)
        if n == 0 and unit and _dim(unit) != "mass":
            problems.append(Problem(where, f"the product {ref['name']!r} must be given by mass"))
        outputs = block.blocks.get("Products") or block.blocks.get("Waste treatment")
        coproducts = coproducts_of(list(outputs.parsed)[1:], pid, name, file, problems)
        processes.append(
            Process(
                id=pid,
                name=name,
                reference_product=ref["name"],
                amount=float(ref["amount"]),
                unit=unit or "kg",
                stage="production",
                location=where,
                allocation=GIVEN if coproducts else None,
                share=_share(ref) if coproducts else None,
                coproducts=coproducts,
            )
        )
        found, unlinked = read_substances(block, "" if n == 0 else pid, name, file)
        substances.extend(found)
        pending.extend(unlinked)
        inputs = STAGE_INPUTS if isinstance(block, ProductStage) else TECHNOSPHERE
        repeated = repeated_names(block, inputs)
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
            if label not in inputs:
                continue
            for e in sub.parsed:
                loc = Location(file, f"{name} / {label}", e.get("line_no"))
                eunit = _unit(e["unit"], loc, problems)
                stage, kind = technosphere_stage(label, eunit)
                target = ids.get(e["name"])
                if target == pid and isinstance(block, ProductStage):
                    # SimaPro's own example assembly lists itself: a loop of 1 p per 1 p
                    pending.append(
                        Problem(loc, f"{e['name']!r}: the stage consumes its own product")
                    )
                    continue
                inventory.append(
                    InventoryRow(
                        index=len(inventory) + 1,
                        stage=stage,
                        label=line_label(e, repeated),
                        kind=kind,
                        amount=float(e["amount"]),
                        unit=eunit or "kg",
                        dataset=target if target is not None and target != pid else e["name"],
                        location=loc,
                        source=f"SimaPro CSV {path.name}, line {e.get('line_no')}",
                        note=str(e.get("comment") or "") or None,
                        columns={"dataset": None, "unit": None, "process": None},
                        process="" if n == 0 else pid,
                    )
                )
    if not inventory and not substances and not pending:
        problems.append(Problem(Location(file), "no technosphere input to import"))
    if problems:
        # a product stages export: listed with the stages and lines it does not import
        raise WorkbookInvalid(
            problems + (pending if stages else []), headline=f"invalid SimaPro CSV {path}"
        )
    first = processes[0]
    meta = procs[0][0].parsed["metadata"]
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
        substances=tuple(substances),
    )
    return plant, pending


def _line_key(e: dict) -> str:
    return f"{e.get('name')}|{tuple(e.get('context') or ())}"


def repeated_names(block, labels) -> set[str]:
    """Names given on more than one line of the ``labels`` blocks of a process."""
    seen: set[str] = set()
    twice: set[str] = set()
    for label in labels:
        sub = block.blocks.get(label)
        for e in sub.parsed if sub is not None else []:
            key = _line_key(e)
            (twice if key in seen else seen).add(key)
    return twice


def line_label(e: dict, repeated: set[str], shown: str | None = None) -> str:
    """A line's label: its name (``shown``); when the name repeats, with the line's
    comment (bw-simapro-csv keeps those of technosphere lines), else its line number."""
    text = shown or str(e["name"])
    if _line_key(e) not in repeated:
        return text
    comment = str(e.get("comment") or "").strip()
    return f"{text} ({comment})" if comment else f"{text} (line {e.get('line_no')})"


def _share(output: dict) -> float | None:
    value = output.get("allocation")
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def coproducts_of(
    extra: list[dict], pid: str, name: str, file: str, problems: list[Problem]
) -> tuple[CoProduct, ...]:
    """The outputs after the first of a ``Products`` block, with their allocation %."""
    out = []
    for e in extra:
        loc = Location(file, f"{name} / Products", e.get("line_no"))
        unit = _unit(e["unit"], loc, problems)
        out.append(
            CoProduct(
                process=pid,
                label=str(e["name"]),
                amount=float(e["amount"]),
                unit=unit or "kg",
                location=loc,
                note=str(e.get("comment") or "") or None,
                share=_share(e),
            )
        )
    return tuple(out)


def technosphere_stage(block: str, unit: str | None) -> tuple[str, str]:
    """bw-alu (stage, kind) of a technosphere input: by its SimaPro block (a product
    stage's as ``STAGE_INPUTS``), except that a transport service (an input in t*km) is
    raw-material transport, and a stage's ``Processes`` line in an energy unit is energy."""
    dim = _dim(unit) if unit else None
    if dim == "transport":
        return "raw_material_transport", "transport"
    if block == "Processes" and dim == "energy":
        return "production", "energy"
    return TECHNOSPHERE.get(block) or STAGE_INPUTS[block]


def stage_selection(stages: list, file: str) -> tuple[list, list[Problem]]:
    """The product stages imported (assemblies, life cycles: cradle-to-gate), and one
    problem per stage or section that is not (disposal scenario, disassembly, reuse
    stages; a life cycle's waste/disposal scenario and additional life cycles)."""
    wanted: list = []
    refused: list[Problem] = []
    for st in stages:
        products = st.blocks.get("Products")
        out = list(products.parsed) if products is not None else []
        label = f"{out[0]['name']} ({st.kind})" if out else st.kind or "product stage"
        where = Location(file, f"Product stage {label}", st.line_no)
        if st.kind not in IMPORTED_KINDS:
            refused.append(Problem(where, f"a {st.kind or 'untyped'} product stage: {END_OF_LIFE}"))
            continue
        if not out:
            refused.append(Problem(where, "product stage has no 'Products' line"))
            continue
        for key, line in st.unknown:
            refused.append(Problem(Location(file, f"{label} / {key}", line), "section not read"))
        for key in END_OF_LIFE_SECTIONS:
            for e in getattr(st.blocks.get(key), "parsed", []):
                refused.append(
                    Problem(
                        Location(file, f"{out[0]['name']} / {key}", e.get("line_no")),
                        f"{e.get('name')!r}: {END_OF_LIFE}",
                    )
                )
        wanted.append(st)
    return wanted, refused


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
