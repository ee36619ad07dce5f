"""``bw-alu import``: workbook -> validated plant -> linked foreground database.

The product database holds one activity for the product (1 declared unit), one per
inventory row (its amount per declared unit of its linked dataset) and one per
direct-emission item (kg of each gas per declared unit). Keeping rows apart lets every
row's contribution be read straight from the unit scores, even when two rows share a
dataset (plant A buys alumina on the market and from its group refinery).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__, direct
from .errors import InputError, Location
from .linking import background_index, link_inventory, read_factor_file
from .linking.link import Link
from .project import (
    DEFAULT_BACKGROUND,
    background_meta,
    delete_project,
    project_exists,
    setup,
    write_product,
)
from .workbook import Plant, load_plant

RESERVED = {"biosphere3"}


@dataclass(frozen=True)
class ImportSummary:
    product_id: str
    database: str
    rows: int
    direct_items: int
    matches: dict[str, int]
    setup: list[str]


def _loc(location: Location) -> str:
    """The row's place, with the workbook's file name only (results must not depend on
    where the workbook was kept)."""
    return str(Location(Path(location.file).name, location.sheet, location.row, location.column))


def _row_record(pid: str, link: Link) -> tuple[tuple, dict]:
    row = link.row
    code = f"row-{row.index:03d}"
    target = None
    exchanges = [{"type": "production", "input": (pid, code), "amount": 1.0}]
    if link.target is not None:
        t = link.target
        target = {
            "database": t.database,
            "code": t.code,
            "name": t.name,
            "unit": t.unit,
            "location": t.location,
            "provenance": t.provenance,
        }
        exchanges.append(
            {"type": "technosphere", "input": (t.database, t.code), "amount": link.amount}
        )
    factors = None
    if link.factors is not None:
        factors = {
            "name": link.factors.name,
            "unit": link.factors.unit,
            "values": link.factors.values,
            "source": link.factors.source,
        }
    meta = {
        "role": "row",
        "index": row.index,
        "stage": row.stage,
        "label": row.label,
        "label_zh": row.label_zh,
        "kind": row.kind,
        "amount": row.amount,
        "unit": row.unit,
        "load_t": row.load_t,
        "dataset": row.dataset,
        "data_type": row.data_type,
        "source": row.source,
        "dq": row.dq,
        "assumption": row.assumption,
        "note": row.note,
        "location": _loc(row.location),
        "link": {
            "match": link.match,
            "amount": link.amount,
            "unit": link.unit,
            "note": link.note,
            "proxy": link.is_proxy,
            "target": target,
            "factors": factors,
        },
    }
    record = {
        "name": row.label,
        "unit": link.unit,
        "reference product": row.label,
        "location": "GLO",
        "type": "process",
        "bw_alu": meta,
        "exchanges": exchanges,
    }
    return (pid, code), record


def _direct_record(pid: str, n: int, result) -> tuple[tuple, dict]:
    code = f"direct-{n:02d}"
    exchanges = [{"type": "production", "input": (pid, code), "amount": 1.0}]
    exchanges += [
        {"type": "biosphere", "input": ("biosphere3", flow), "amount": kg}
        for flow, kg in sorted(result.flows.items())
    ]
    record = {
        "name": f"{result.calculator}: {result.label}",
        "unit": "unit",
        "reference product": result.label,
        "location": "GLO",
        "type": "process",
        "bw_alu": {
            "role": "direct",
            "index": n,
            "stage": result.stage,
            "label": result.label,
            "calculator": result.calculator,
            "audit": result.audit,
        },
        "exchanges": exchanges,
    }
    return (pid, code), record


def build_records(plant: Plant, links: list[Link], direct_results: list, meta: dict) -> dict:
    pid = plant.product.product_id
    records = {}
    product_exchanges = [{"type": "production", "input": (pid, pid), "amount": 1.0}]
    for link in links:
        key, rec = _row_record(pid, link)
        records[key] = rec
        product_exchanges.append({"type": "technosphere", "input": key, "amount": 1.0})
    for n, result in enumerate(direct_results, start=1):
        key, rec = _direct_record(pid, n, result)
        records[key] = rec
        product_exchanges.append({"type": "technosphere", "input": key, "amount": 1.0})
    p = plant.product
    records[(pid, pid)] = {
        "name": p.product_name_en,
        "unit": p.declared_unit_unit,
        "reference product": p.product_name_en,
        "location": p.geography,
        "type": "process",
        "bw_alu": {"role": "product", **meta},
        "exchanges": product_exchanges,
    }
    return records


def compute_direct(plant: Plant) -> list:
    ctx = direct.DirectContext(per_du=plant.product.per_du, du_tonnes_al=plant.product.du_tonnes)
    return [direct.compute(item, ctx) for item in plant.direct]


def product_meta(plant: Plant, background: dict, factors_file: str | None) -> dict:
    p = plant.product
    product = {k: v for k, v in asdict(p).items() if k != "location"}
    return {
        "product": product,
        "workbook": str(Path(plant.path).name),
        "assumptions": [
            {"id": a.id, "text": a.text, "text_zh": a.text_zh, "affects": a.affects}
            for a in plant.assumptions
        ],
        "left_out": [
            {"label": x.label, "mass_kg": x.mass_kg, "precious": x.precious, "reason": x.reason}
            for x in plant.left_out
        ],
        "background": background,
        "factors_file": factors_file,
        "bw_alu_version": __version__,
    }


def import_plant(
    project: str,
    path: str | Path,
    *,
    background: str = DEFAULT_BACKGROUND,
    factors_file: str | Path | None = None,
    background_file: Path | None = None,
) -> ImportSummary:
    """Validate, link and write one plant workbook; nothing is written unless all is valid."""
    plant = load_plant(path)  # raises WorkbookInvalid listing every problem
    factors = read_factor_file(factors_file) if factors_file else None
    pid = plant.product.product_id
    fresh = not project_exists(project)
    try:
        done = setup(project, **({"background_file": background_file} if background_file else {}))
        direct_results = compute_direct(plant)  # parameters were checked by load_plant
        if pid in RESERVED or pid == background:
            raise InputError.single(
                plant.product.location or Location(plant.path, "product"),
                f"product_id {pid!r} clashes with a database of the project",
            )
        links = link_inventory(plant, background_index(background), factors)
        meta = product_meta(
            plant,
            background_meta(project, background),
            str(factors_file) if factors_file else None,
        )
        records = build_records(plant, links, direct_results, meta)
        write_product(
            project, pid, records, {"bw_alu_product": True, "depends": [background, "biosphere3"]}
        )
    except BaseException:
        # A failed first import leaves no project behind (an existing project keeps its
        # set-up, which is idempotent; write_product already restored the product).
        if fresh:
            delete_project(project)
        raise
    matches: dict[str, int] = {}
    for link in links:
        matches[link.match] = matches.get(link.match, 0) + 1
    return ImportSummary(pid, pid, len(links), len(direct_results), matches, done)
