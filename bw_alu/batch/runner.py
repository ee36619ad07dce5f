"""Run a batch: import what changed, calculate every product at once, write the outputs.

1. ``inputs.discover``: jobs (workbooks, recipe rows); a bad recipes table or a missing
   input stops here, before anything is written.
2. Set the project up once; hash each job (``state.py``) and skip those unchanged since
   the last successful run (unless ``force``).
3. Import the rest one by one, sharing the background index. A product that fails
   (invalid workbook, unlinked row, recipe that does not fit its base, duplicate id) is
   recorded with its reason and the others go on.
4. ``calculate`` all imported products together: one foreground pass, one factorization
   (``bw_alu.calculate``), the same code as ``lcia``.
5. Per product ``DIR/<id>/results.csv`` (the contract's table) and ``result.json``, its
   reports (when ``bw_alu.report.write_reports`` is available), then ``DIR/summary.csv``
   (totals and stage subtotals of every product, computed now or skipped) and
   ``DIR/failures.csv``.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import BwAluError, InputError, Location, UnlinkedExchange
from ..output import check_writable_dir, ensure_dir, write_text, write_with
from ..project import (
    DEFAULT_BACKGROUND,
    activate,
    background_meta,
    products,
    restores_project,
    setup,
)
from ..results import COLUMNS, ProductResult, write_csv
from .inputs import Job, discover
from .recipes import derive_variant
from .state import BatchState, file_digest, job_hash

SUMMARY = "summary.csv"
FAILURES = "failures.csv"
VARIANTS = "variants"  # derived workbooks of recipe variants, kept for the verifier


@dataclass(frozen=True)
class ReportOptions:
    kinds: tuple[str, ...] = ("epd", "cfp")
    langs: tuple[str, ...] = ("zh", "en")
    formats: tuple[str, ...] = ("md", "html", "xlsx", "docx")


@dataclass
class Failure:
    job: str
    product_id: str | None
    reason: str


@dataclass
class BatchOutcome:
    computed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: Path | None = None
    calculation: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


@dataclass
class _Context:
    project: str
    background: str
    output: Path
    factors: dict | None
    factors_file: str | None
    bg_meta: dict
    replace: bool = False
    _index: dict | None = None

    @property
    def index(self) -> dict:
        if self._index is None:  # built only when something is imported
            from ..linking import background_index

            self._index = background_index(self.background)
        return self._index


def _bar(items, label: str, enabled: bool):
    if not enabled:
        return contextlib.nullcontext(items)
    import click

    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, BwAluError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc}"  # a bug, but the others still finish


@restores_project
def run_batch(
    project: str,
    inputs: list[Path],
    output: Path,
    *,
    force: bool = False,
    background: str = DEFAULT_BACKGROUND,
    factors_file: Path | None = None,
    reports: ReportOptions | None = ReportOptions(),
    progress: bool = False,
    background_file: Path | None = None,
    replace: bool = False,
) -> BatchOutcome:
    """Run the batch; see the module docstring. Raises only for inputs that stop it all.

    ``replace``: a product_id already in the project from another workbook (or recipes)
    file is replaced; without it that product fails (``ProductExists``), as for import."""
    t0 = time.perf_counter()
    output = Path(output)
    jobs = discover(list(inputs), skip=(output,))
    factors = None
    if factors_file is not None:
        from ..linking import read_factor_file

        factors = read_factor_file(factors_file)
    if output.exists() and not output.is_dir():
        raise InputError.single(Location(str(output)), "--output must be a folder")
    check_writable_dir(output)  # before the set-up: an unwritable folder stops it all
    setup(
        project,
        background=background,
        **({"background_file": background_file} if background_file else {}),
    )
    ctx = _Context(
        project,
        background,
        output,
        factors,
        str(factors_file) if factors_file else None,
        background_meta(project, background),
        replace,
    )
    outcome = BatchOutcome()
    state = BatchState(output)
    options = {"reports": None if reports is None else vars(reports), "project": project}
    fdigest = file_digest(factors_file) if factors_file else None

    # -- what to do ------------------------------------------------------------------
    import bw2data as bd

    activate(project)
    in_project = set(products(project))
    hashes, todo, kept = {}, [], {}
    for job in jobs:
        try:
            hashes[job.key] = job_hash(
                job, background=ctx.bg_meta, factors_digest=fdigest, options=options
            )
        except OSError as exc:
            outcome.failed.append(Failure(job.label, None, f"cannot read: {exc}"))
            continue
        rec = state.get(job.key)
        pid = rec and rec.get("product_id")
        if (
            not force
            and rec
            and rec.get("status") == "ok"
            and rec.get("hash") == hashes[job.key]
            and rec.get("project") == project
            and pid in in_project
            and rec.get("db_stamp") == _db_stamp(bd, pid)
            and (output / pid / "results.csv").exists()
        ):
            kept[job.key] = pid
        else:
            todo.append(job)
    t_plan = time.perf_counter()

    # -- import ------------------------------------------------------------------------
    owner: dict[str, str] = {pid: key for key, pid in kept.items()}
    imported: dict[str, Job] = {}
    with _bar(todo, "import", progress and bool(todo)) as bar:
        for job in bar:
            pid = job.recipe.product_id if job.recipe else None
            try:
                plant = _prepare(job, ctx)
                pid = plant.product.product_id
                if pid in owner:
                    raise InputError.single(
                        plant.product.location or Location(str(job.path)),
                        f"product_id {pid!r} also comes from {owner[pid]}",
                    )
                owner[pid] = job.key
                _write(plant, job, ctx)
                imported[pid] = job
            except Exception as exc:  # one bad product must not stop the others
                outcome.failed.append(Failure(job.label, pid, _reason(exc)))
                state.put(job.key, {"status": "failed", "product_id": pid, "reason": _reason(exc)})
    t_import = time.perf_counter()

    # -- calculate ---------------------------------------------------------------------
    results = _calculate(project, list(imported), outcome, imported)
    t_calc = time.perf_counter()

    # -- outputs -----------------------------------------------------------------------
    writer = _report_writer(reports, outcome)
    with _bar(results, "write", progress and bool(results)) as bar:
        for r in bar:
            job = imported[r.product_id]
            try:
                _write_outputs(r, output / r.product_id, writer, reports)
            except Exception as exc:
                outcome.failed.append(
                    Failure(job.label, r.product_id, f"writing outputs: {_reason(exc)}")
                )
                state.put(
                    job.key,
                    {"status": "failed", "product_id": r.product_id, "reason": _reason(exc)},
                )
                continue
            outcome.computed.append(r.product_id)
            state.put(
                job.key,
                {
                    "status": "ok",
                    "hash": hashes[job.key],
                    "project": project,
                    "product_id": r.product_id,
                    "db_stamp": _db_stamp(bd, r.product_id),
                    "job": job.label,
                },
            )
    outcome.skipped = [kept[j.key] for j in jobs if j.key in kept]
    fresh = {r.product_id: r for r in results if r.product_id in set(outcome.computed)}
    by_key = {j.key: pid for pid, j in imported.items()}
    order = [kept.get(j.key) or by_key.get(j.key) for j in jobs]
    # A product whose outputs could not be written is not summarised from stale files.
    done = set(fresh) | set(outcome.skipped)
    outcome.summary = _write_summary(output, [p for p in order if p in done], fresh)
    _write_failures(output, outcome.failed)
    state.save()
    t_end = time.perf_counter()
    outcome.timings = {
        "plan_s": t_plan - t0,
        "import_s": t_import - t_plan,
        "calculate_s": t_calc - t_import,
        "outputs_s": t_end - t_calc,
        "total_s": t_end - t0,
    }
    return outcome


def _db_stamp(bd, pid: str | None) -> list | None:
    if pid is None or pid not in bd.databases:
        return None
    meta = bd.databases[pid]
    return [meta.get("modified"), meta.get("processed")]


def _prepare(job: Job, ctx: _Context):
    from ..workbook import load_plant

    if job.recipe is not None:
        return derive_variant(job.recipe, ctx.output / VARIANTS / job.recipe.product_id)
    from ..workbook.simapro import is_simapro, load_simapro

    if is_simapro(job.path):  # a SimaPro CSV export: everything in it must import
        plant, pending = load_simapro(job.path)
        if pending:
            raise UnlinkedExchange(
                pending, headline=f"{len(pending)} exchange(s) could not be imported"
            )
        return plant
    return load_plant(job.path)


def _write(plant, job: Job, ctx: _Context) -> None:
    """``import_plant`` without its per-call set-up: the index and metadata are shared."""
    from ..importer import (
        RESERVED,
        check_replace,
        compute_direct,
        product_meta,
        product_records,
        source_of,
    )
    from ..linking import link_inventory
    from ..project import write_product

    pid = plant.product.product_id
    if pid in RESERVED or pid == ctx.background:
        raise InputError.single(
            plant.product.location or Location(str(job.path)),
            f"product_id {pid!r} clashes with a database of the project",
        )
    direct_results = compute_direct(plant)
    links = link_inventory(plant, ctx.index, ctx.factors)
    meta = product_meta(plant, ctx.bg_meta, ctx.factors_file)
    if job.recipe is not None:
        r = job.recipe
        meta["recipe"] = {
            "file": str(r.file),
            "row": r.row,
            "base": str(r.base),
            "basis": r.basis,
            "overrides": {":".join(o.target): o.value for o in r.overrides},
        }
    records = product_records(plant, links, direct_results, meta)
    # where the product comes from: its workbook, or for a variant its recipes table
    source = source_of(job.recipe.file if job.recipe is not None else job.path)
    if not ctx.replace:
        check_replace(ctx.project, pid, source, plant.product.location or Location(str(job.path)))
    write_product(
        ctx.project,
        pid,
        records,
        {
            "bw_alu_product": True,
            "depends": [ctx.background, ctx.bg_meta["biosphere"]],
            "bw_alu_source": source,
        },
    )


def _calculate(
    project: str, ids: list[str], outcome: BatchOutcome, jobs: dict
) -> list[ProductResult]:
    """All products at once; if that fails, one by one so only the culprits fail."""
    from ..calculate import calculate

    if not ids:
        return []
    try:
        run = calculate(project, ids)
        outcome.calculation = run.info
        return run.results
    except Exception:
        pass
    results = []
    for pid in ids:
        try:
            results += calculate(project, [pid]).results
        except Exception as exc:
            outcome.failed.append(Failure(jobs[pid].label, pid, f"calculation: {_reason(exc)}"))
    return results


def _report_writer(reports: ReportOptions | None, outcome: BatchOutcome):
    if reports is None:
        return None
    try:
        from ..report import write_reports
    except ImportError:
        outcome.notes.append("reports skipped: bw_alu.report.write_reports is not available")
        return None
    return write_reports


def _write_outputs(r: ProductResult, folder: Path, writer, reports: ReportOptions | None) -> None:
    ensure_dir(folder)
    write_with(folder / "results.csv", lambda p: write_csv(r.table, p))
    write_text(
        folder / "result.json",
        json.dumps(r.to_json(), ensure_ascii=False, indent=1, sort_keys=True, default=str),
    )
    if writer is not None and reports is not None:
        documents = tuple(f for f in reports.formats if f != "ilcd")
        if documents:
            writer(r, folder, kinds=reports.kinds, langs=reports.langs, formats=documents)
        if "ilcd" in reports.formats:  # machine-readable EPD (bw_alu/export/ilcd.py)
            from ..export.ilcd import write_ilcd

            write_ilcd(r, folder)


def _write_summary(output: Path, order: list[str], fresh: dict[str, ProductResult]) -> Path:
    """Totals and stage subtotals (rows without contributor) of every product, in input order."""
    parts = []
    for pid in dict.fromkeys(order):
        if pid in fresh:
            t = fresh[pid].table
        else:
            path = output / pid / "results.csv"
            if not path.exists():
                continue
            t = pd.read_csv(path, keep_default_na=False, dtype={c: str for c in COLUMNS[:-1]})
        parts.append(t[t["contributor"] == ""][COLUMNS])
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    path = output / SUMMARY
    write_with(path, lambda p: write_csv(table, p))
    return path


def _write_failures(output: Path, failed: list[Failure]) -> None:
    path = output / FAILURES
    if not failed:
        path.unlink(missing_ok=True)
        return
    table = pd.DataFrame(
        [(f.job, f.product_id or "", f.reason) for f in failed],
        columns=["input", "product_id", "reason"],
    )
    write_with(path, lambda p: table.to_csv(p, index=False, lineterminator="\n"))
