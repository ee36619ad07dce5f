"""``bw-alu import``: workbook -> validated plant -> linked foreground database.

The product database holds the plant as processes with real exchange amounts
(``graph.py``); every exchange carries its inventory row, so two rows that share a
dataset stay two exchanges with two contributions.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__, direct
from .calculate.supply import check_solvable
from .errors import (
    InputError,
    Location,
    PlantInvalid,
    Problem,
    ProductExists,
    UnlinkedExchange,
    WorkbookInvalid,
)
from .graph import build_records
from .linking import background_index, link_inventory, read_factor_file
from .linking.link import read_mapping_file
from .numbers import not_storable, storable
from .product_id import problem as product_id_problem
from .project import (
    DEFAULT_BACKGROUND,
    background_meta,
    delete_project,
    project_exists,
    restores_project,
    setup,
    write_product,
    writing,
)
from .workbook import Plant

RESERVED = {"biosphere3"}


@dataclass(frozen=True)
class ImportSummary:
    product_id: str
    database: str
    rows: int
    direct_items: int
    matches: dict[str, int]
    setup: list[str]
    substances: int = 0  # elementary exchanges given as such (SimaPro CSV)


def _loc(location: Location) -> str:
    """The row's place, with the workbook's file name only (results must not depend on
    where the workbook was kept)."""
    return str(Location(Path(location.file).name, location.sheet, location.row, location.column))


def product_records(plant: Plant, links: list, direct_results: list, meta: dict) -> dict:
    """The product database's records, checked to form a solvable system."""
    records = build_records(plant, links, direct_results, meta, lambda r: _loc(r.location))
    check_storable(records, plant)
    check_solvable(records, plant.product.product_id, Location(Path(plant.path).name, "processes"))
    return records


def check_storable(records: dict, plant: Plant) -> None:
    """Every exchange amount as stored (after unit conversion, per declared unit and
    allocation) is finite and fits float32 (:mod:`bw_alu.numbers`)."""
    problems = []
    for rec in records.values():
        for exc in rec.get("exchanges", []):
            x = exc.get("amount")
            if isinstance(x, float | int) and not storable(float(x)):
                info = exc.get("bw_alu") or {}
                where = info.get("location") or f"{Path(plant.path).name}, {info.get('label', '')}"
                problems.append(
                    Problem(
                        Location(str(where)),
                        f"{info.get('label') or rec.get('name')!r}, once converted to the units "
                        f"stored (per declared unit): {not_storable(float(x))}",
                    )
                )
    if problems:
        raise InputError(problems, headline="amounts out of range once converted")


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


def source_of(path: str | Path) -> dict:
    """Where a product came from: the workbook's resolved path and SHA-256 (of a CSV
    folder: of its file names and contents, in name order)."""
    p = Path(path).resolve()
    digest = hashlib.sha256()
    if p.is_dir():
        for f in sorted(x for x in p.iterdir() if x.is_file()):
            digest.update(f.name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(f.read_bytes()).digest())
    else:
        digest.update(p.read_bytes())
    return {"file": p.name, "path": str(p), "sha256": digest.hexdigest()}


def check_replace(project: str, pid: str, source: dict, location: Location) -> None:
    """A product imported from another workbook file (another path and other contents)
    is replaced only when asked: two plants reusing one product_id would otherwise
    silently overwrite each other. Re-importing the same file (edited, or a copy with
    the same contents) replaces it as before. The caller holds the project's lock."""
    import bw2data as bd

    if pid not in bd.databases:
        return
    stored = bd.databases[pid].get("bw_alu_source")
    if not stored:  # imported before sources were recorded, or written by batch
        return
    if stored.get("path") == source["path"] or stored.get("sha256") == source["sha256"]:
        return
    raise ProductExists(
        f"{location}: product_id {pid!r} is already in project {project!r}, imported from "
        f"another workbook ({stored.get('path')}, SHA-256 {str(stored.get('sha256'))[:12]}...). "
        "Give this product another product_id, or import with --replace to replace it"
    )


def _load(
    path: str | Path, product_id: str | None = None, link_problems=None
) -> tuple[Plant, list]:
    """A plant workbook, or a SimaPro CSV export (with the exchanges it cannot import).

    An invalid workbook is raised with ``link_problems(plant)`` of its valid rows, so
    that workbook, link and unit problems come in one round."""
    from .workbook.simapro import is_simapro, load_simapro
    from .workbook.validate import read_plant

    if is_simapro(path):
        return load_simapro(path, product_id=product_id)
    if product_id is not None:
        raise InputError.single(
            Location(str(path), "product", None, "product_id"),
            "--product-id applies to SimaPro CSV exports only; a workbook names its "
            "product in its product sheet",
        )
    plant, problems = read_plant(path)
    if problems or plant is None:
        extra = link_problems(plant) if link_problems and plant is not None else []
        cls = PlantInvalid if extra else WorkbookInvalid
        raise cls(problems + extra, headline=f"invalid plant workbook {path}")
    return plant, []


def _link_problems(project: str, background: str, factors, mapping):
    """Link and unit problems of a (partly valid) plant, when ``project`` already holds
    ``background``; else none (setting a project up takes a while, and is not done for
    a workbook that will be refused)."""

    def problems(plant: Plant) -> list[Problem]:
        if not plant.inventory or not project_exists(project):
            return []
        import bw2data as bd

        from .project import activate

        activate(project)
        if background not in bd.databases:
            return []
        try:
            link_inventory(plant, background_index(background), factors, mapping)
        except InputError as exc:
            return list(exc.problems)
        except Exception:  # noqa: BLE001 - the workbook's own problems are raised anyway
            return []
        return []

    return problems


def _import_locked(
    project: str,
    plant: Plant,
    pending: list,
    pid: str,
    source: dict,
    factors,
    mapping,
    *,
    background: str,
    factors_file,
    background_file: Path | None,
    replace: bool,
) -> tuple[list, list, list[str]]:
    fresh = not project_exists(project)
    try:
        done = setup(
            project,
            background=background,
            **({"background_file": background_file} if background_file else {}),
        )
        direct_results = compute_direct(plant)  # parameters were checked by load_plant
        if pid in RESERVED or pid == background:
            raise InputError.single(
                plant.product.location or Location(plant.path, "product"),
                f"product_id {pid!r} clashes with a database of the project",
            )
        try:
            links = link_inventory(plant, background_index(background), factors, mapping)
        except InputError as exc:  # listed once with what the file could not import
            if not pending:
                raise
            pending = pending + exc.problems
        if pending:
            raise UnlinkedExchange(
                pending, headline=f"{len(pending)} exchange(s) could not be imported or linked"
            )
        meta = product_meta(
            plant,
            background_meta(project, background),
            str(factors_file) if factors_file else None,
        )
        records = product_records(plant, links, direct_results, meta)
        # After every input check, so that the workbook's own problems come first.
        if not replace:
            check_replace(
                project, pid, source, plant.product.location or Location(plant.path, "product")
            )
        write_product(
            project,
            pid,
            records,
            {
                "bw_alu_product": True,
                "depends": [background, meta["background"]["biosphere"]],
                "bw_alu_source": source,
            },
        )
    except BaseException:
        # A failed first import leaves no project behind (an existing project keeps its
        # set-up, which is idempotent; write_product already restored the product).
        if fresh:
            delete_project(project)
        raise
    return links, direct_results, done


@restores_project
def import_plant(
    project: str,
    path: str | Path,
    *,
    background: str = DEFAULT_BACKGROUND,
    factors_file: str | Path | None = None,
    background_file: Path | None = None,
    mapping_file: str | Path | None = None,
    product_id: str | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Validate, link and write one plant workbook; nothing is written unless all is valid.

    ``mapping_file``: the user's own study-dataset mapping (the columns of
    ``databases/mappings/study_datasets.csv``), added to the built-in one.
    ``product_id``: for a SimaPro CSV export, the product id to use.

    Runs under the project's lock (:mod:`bw_alu.lock`). A product_id imported before
    from another workbook file is refused (:class:`ProductExists`) unless ``replace``."""
    factors = read_factor_file(factors_file) if factors_file else None
    mapping = read_mapping_file(mapping_file) if mapping_file else None
    # raises WorkbookInvalid listing every problem (with those of linking its valid rows)
    plant, pending = _load(path, product_id, _link_problems(project, background, factors, mapping))
    pid = plant.product.product_id
    why = product_id_problem(pid)  # a SimaPro export's id, made from its name
    if why:
        raise InputError.single(
            plant.product.location or Location(str(plant.path), "product"), f"product_id {why}"
        )
    source = source_of(path)
    with writing(project):
        links, direct_results, done = _import_locked(
            project,
            plant,
            pending,
            pid,
            source,
            factors,
            mapping,
            background=background,
            factors_file=factors_file,
            background_file=background_file,
            replace=replace,
        )
    matches: dict[str, int] = {}
    for link in links:
        matches[link.match] = matches.get(link.match, 0) + 1
    return ImportSummary(
        pid, pid, len(links), len(direct_results), matches, done, len(plant.substances)
    )
