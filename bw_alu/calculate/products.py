"""``calculate_products``: the one entry point of ``lcia``, ``batch``, ``report`` and ``verify``.

For any number of products: the foreground of all of them in one pass
(``foreground.py``), each background's matrices built and factorized once with every
indicator solved at once (``engine.py``), then each product's table assembled from
lookups. bw2calc's own solve is run as a cross-check on a bounded sample of products
(``cross_check`` of them, default 1), recorded in each result's ``calculation``.
"""

from __future__ import annotations

import gc
import math
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import bw2calc as bc
import numpy as np
from scipy import sparse

from .. import __version__
from ..errors import BackgroundInvalid, CrossCheckFailed, ProjectNotReady, UnknownProduct
from ..indicators import Indicator, indicators
from ..project import restores_project
from ..results import ProductResult, TableBuilder
from . import coverage
from .engine import BackgroundScores, shared_pardiso_solver, solver_name
from .entries import Entry, ProductGraph, foreground_summary, product_entries, stored_rows
from .foreground import ForegroundProduct, load_foreground, node_ids, proxy_ids

# bw2calc's forward solve of the stored product and the sum of bw-alu's contributions (a
# transposed solve) read the same float32 data; they differ by solver round-off only (3.2e-8
# relative for plant A's three-process workbook, `lcia --format json`; below 1e-9 on the
# small test systems).
# Anything above this means they read different models (a database changed behind
# bw2data's back).
CROSS_CHECK_REL = 1e-6
COVERAGE_REFERENCE = "GWP100 (IPCC 2021)"


def background_methods(background: str) -> list[tuple[str, ...]]:
    from ..biosphere import biosphere_name
    from ..project_methods import method_list

    return method_list(biosphere_name(background))


@dataclass
class CalculationRun:
    """Results in the order asked for, and what the run did (sizes, timings, cross-check)."""

    results: list[ProductResult]
    info: dict = field(default_factory=dict)


def calculate_products(
    project: str, product_ids: list[str] | None = None, *, cross_check: int = 1
) -> list[ProductResult]:
    """Results of ``product_ids`` (all imported products when None)."""
    return calculate(project, product_ids, cross_check=cross_check).results


@restores_project
def calculate(
    project: str, product_ids: list[str] | None = None, *, cross_check: int = 1
) -> CalculationRun:
    """:func:`calculate_products` with the run's information (see :class:`CalculationRun`)."""
    with _no_cyclic_gc():
        return _calculate(project, product_ids, cross_check)


@contextmanager
def _no_cyclic_gc():
    """Python's cycle collector off for the run: the run creates hundreds of thousands of
    small containers (exchange data, rows, labels) that all live until it ends, and each
    collection would walk them all again (a third of the assembly time at 1,000
    products). Reference counting still frees everything; the collector runs after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _calculate(project: str, product_ids: list[str] | None, cross_check: int) -> CalculationRun:
    from ..project import activate, products

    t0 = time.perf_counter()
    activate(project)
    known = products(project)
    if not known:
        raise ProjectNotReady(f"no product imported in project {project!r}; run bw-alu import")
    ids = list(dict.fromkeys(product_ids)) if product_ids else known
    known_set = set(known)
    missing = [pid for pid in ids if pid not in known_set]
    if missing:
        raise UnknownProduct(
            f"product {missing[0]!r} is not imported in project {project!r} "
            f"(have: {', '.join(known[:20])}{', ...' if len(known) > 20 else ''})"
        )
    fg = load_foreground(ids)
    t_fg = time.perf_counter()
    inds = indicators()
    k = len(inds)

    reference = [ind.label for ind in inds].index(COVERAGE_REFERENCE)
    engines: dict[str, BackgroundScores] = {}
    for bg in sorted({fg[p].background for p in ids}):
        proxy, ghg = proxy_ids(bg)
        # The project's own methods for the background's biosphere (an ecoinvent
        # project's 'ecoinvent-3.10' methods), in indicators.csv order.
        engines[bg] = BackgroundScores(
            database=bg,
            methods=background_methods(bg),
            proxy_ids=proxy,
            ghg_only_ids=ghg,
            coverage_reference=reference,
        )
    t_bg = time.perf_counter()

    try:
        entries, matrix_scores, coverage_of = _entry_matrix_scores(fg, ids, engines, inds)
    finally:
        for e in engines.values():
            e.close()
    t_fs = time.perf_counter()
    sample = _sample(ids, cross_check)
    totals = {pid: matrix_scores[pid][:, :k].sum(axis=0) for pid in sample}
    closure = None
    for bg, eng in engines.items():  # one MultiLCA per background's set of methods
        part = [pid for pid in sample if fg[pid].background == bg]
        if part:
            closure = max(closure or 0.0, _cross_check(fg, part, eng.methods, totals) or 0.0)
    t_cc = time.perf_counter()

    run_meta = {
        "solver": solver_name(),
        "cross_check": {
            "tool": "bw2calc.MultiLCA lci/lcia of the stored product activity (matrices "
            "built by bw2data from the product and background databases)",
            "products": sample,
            "max_rel": closure,
        },
        "versions": _versions(),
        "methods": {ind.label: list(ind.method) for ind in inds},
        "project_methods": {
            bg: {ind.label: list(m) for ind, m in zip(inds, e.methods)} for bg, e in engines.items()
        },
    }
    tables = TableBuilder(inds)
    parts = [
        _assemble(
            fg[pid],
            entries[pid],
            matrix_scores[pid],
            engines[fg[pid].background],
            inds,
            run_meta,
            coverage_of[pid],
            tables,
        )
        for pid in ids
    ]
    results = [ProductResult(table=table, **part) for part, table in zip(parts, tables.tables())]
    t_end = time.perf_counter()
    info = {
        "products": len(ids),
        "indicators": k,
        "backgrounds": {
            bg: {
                "activities": e.n_activities,
                "flows": e.n_flows,
                "nnz": e.nnz,
                **e.timings,
            }
            for bg, e in engines.items()
        },
        "cross_check": run_meta["cross_check"],
        "timings": {
            "foreground_s": t_fg - t0,
            "background_s": t_bg - t_fg,
            "foreground_scores_s": t_fs - t_bg,
            "cross_check_s": t_cc - t_fs,
            "assemble_s": t_end - t_cc,
            "total_s": t_end - t0,
        },
    }
    return CalculationRun(results, info)


def _sample(ids: list[str], n: int) -> list[str]:
    """``n`` products spread evenly over ``ids`` (the first one always included)."""
    if n <= 0 or not ids:
        return []
    if n >= len(ids):
        return list(ids)
    step = len(ids) / n
    return [ids[int(i * step)] for i in range(n)]


def _entry_matrix_scores(
    fg: dict[str, ForegroundProduct], ids: list[str], engines: dict, inds
) -> tuple[dict, dict, dict]:
    """Per product, its entries and an (entries x 3k) array: unit score, proxy part,
    GHG-only part of each entry's contribution (before factor-file impacts); and per
    product the coverage of each indicator (``coverage.py``: the share of the climate
    result resting on datasets that report the indicator's flows at all).

    One sparse product per background for all entries of all its products: row e of
    ``T`` holds entry e's background inputs (runs of its process x amount), of ``F`` its
    elementary flows. A row's result depends only on that row, so the same entry gets
    the same bits whatever else is calculated.
    """
    graphs = {pid: product_entries(fg[pid]) for pid in ids}
    keys: set[tuple[str, str]] = set()
    for pid in ids:
        for e in graphs[pid].entries:
            keys.update(key for key, _ in e.technosphere)
            keys.update(key for key, _ in e.biosphere)
    ids_of = node_ids(keys)
    k = len(inds)
    labels = [ind.label for ind in inds]
    reference = labels.index(COVERAGE_REFERENCE)
    scores, covered_of = {}, {}
    for bg, eng in engines.items():
        pids = [p for p in ids if fg[p].background == bg]
        t_rows, t_cols, t_vals, b_rows, b_cols, b_vals = [], [], [], [], [], []
        outside: dict[int, int] = {}  # flows no background activity exchanges -> column
        r = 0
        for pid in pids:
            for e in graphs[pid].entries:
                for key, coef in e.technosphere:
                    col = eng.index.get(ids_of.get(key))
                    if col is None:
                        raise BackgroundInvalid(
                            f"product {pid!r}, {e.label!r}: input {key} is neither a process "
                            f"of the product nor in background {bg!r}"
                        )
                    t_rows.append(r)
                    t_cols.append(col)
                    t_vals.append(coef)
                for key, coef in e.biosphere:
                    fid = ids_of.get(key)
                    if fid is None:
                        raise BackgroundInvalid(
                            f"product {pid!r}, {e.label!r}: elementary flow {key} does not "
                            "exist in the project"
                        )
                    col = eng.flow_index.get(fid)
                    if col is None:  # a gas only the plant emits: its factors come below
                        col = outside.setdefault(fid, eng.n_flows + len(outside))
                    b_rows.append(r)
                    b_cols.append(col)
                    b_vals.append(coef)
                r += 1
        T = sparse.csr_matrix((t_vals, (t_rows, t_cols)), shape=(r, eng.n_activities))
        F = sparse.csr_matrix((b_vals, (b_rows, b_cols)), shape=(r, eng.n_flows + len(outside)))
        T.sum_duplicates()
        F.sum_duplicates()
        # Factors of flows outside the background's matrices, read from the same methods
        # (bw2calc's LCA of the product has them in its matrices, from the product's own
        # exchanges).
        cf = np.vstack([eng.cf, eng.flow_factors(list(outside))]) if outside else eng.cf
        S = np.hstack([T @ eng.unit, T @ eng.proxy, T @ eng.ghg_only])
        S[:, :k] += np.asarray(F @ cf)
        C = coverage.entry_coverage(T, F, eng.unit_ref, eng.covered, cf, reference)
        r = 0
        for pid in pids:
            n = len(graphs[pid].entries)
            scores[pid] = S[r : r + n]
            covered_of[pid] = coverage.summary(C[r : r + n], labels)
            r += n
    return graphs, scores, covered_of


# Below this, a score is solver noise, not a result: where the exact score is 0 (no flow of
# the indicator in the product's supply chain), PARDISO's solve leaves activities outside
# the chain at supplies of about 1e-30 of the demand, which times their flows and factors
# can give scores from 1e-37 up to past 1e-30 (seen once in a full test run: a product
# relinked by hand to another background dataset failed the cross-check with a relative
# difference of exactly 1, one side zero and the other noise, when this floor was 1e-30).
# Real scores per declared unit are many orders above it (the smallest of the example
# plants: human toxicity, cancer, 4e-8 CTUh).
ZERO_NOISE = 1e-20


def _cross_check(
    fg: dict[str, ForegroundProduct], sample: list[str], methods: list, totals: dict
) -> float | None:
    """Largest relative difference, over ``sample`` and all indicators, between the sum of
    a product's contributions and bw2calc's own ``MultiLCA`` of the stored product
    activity (its matrices built by bw2data from the processed databases).

    ``totals[pid][j]``: the sum of the contributions bw2calc can compute (factor-file
    impacts excluded: they are metadata, not exchanges).
    """
    if not sample:
        return None
    import bw2data as bd

    demands = {pid: {fg[pid].node_id: 1.0} for pid in sample}
    config = {"impact_categories": methods}
    data_objs = bd.get_multilca_data_objs(demands, config)
    mlca = bc.MultiLCA(demands=demands, method_config=config, data_objs=data_objs)
    solver = shared_pardiso_solver()
    if solver is not None:
        # bw2calc would create a solver of its own, whose search for the MKL library walks
        # the whole environment (0.2-0.4 s); it takes pypardiso's shared one instead.
        mlca._pardiso_solver = solver
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="All values in characterization matrix")
            mlca.lci()
            mlca.lcia()
    finally:
        if solver is not None:
            solver.free_memory(everything=False)
            mlca._pardiso_solver = None
    closure = 0.0
    for pid in sample:
        for j, m in enumerate(methods):
            ours, theirs = totals[pid][j], float(mlca.scores[(m, pid)])
            # Both zero up to solver noise (e.g. -2.4e-37 from the transposed solve where the
            # exact score is 0, as GWP100 biogenic of plant A on the TianGong background):
            # no relative difference to speak of.
            if abs(ours) > ZERO_NOISE or abs(theirs) > ZERO_NOISE:
                closure = max(closure, abs(ours - theirs) / max(abs(ours), abs(theirs)))
    if closure > CROSS_CHECK_REL:
        raise CrossCheckFailed(
            f"bw2calc's own LCA of {', '.join(sample)} differs from the sum of its "
            f"contributions by {closure:.3g} (relative; tolerance {CROSS_CHECK_REL:g}). The "
            "database was probably changed without bw2data (its processed arrays are "
            "stale): re-import the product, or call bw2data's Database(name).process()."
        )
    return closure


def _entry_scores(entries: list[Entry], S: np.ndarray, inds, k: int):
    """Per contributor and indicator: score, the part on proxies, the part on GHG-only
    proxies, and whether the score exists (a factor dataset that does not give an
    indicator leaves it out). Factor-file impacts are added to the matrix scores."""
    scores = S[:, :k].copy()
    proxy = S[:, k : 2 * k].copy()
    ghg = S[:, 2 * k : 3 * k]
    present = np.ones((len(entries), k), dtype=bool)
    for i, e in enumerate(entries):
        if e.factors:
            for j, ind in enumerate(inds):
                s = float(scores[i, j])
                for values, coef in e.factors:
                    if ind.label not in values:
                        present[i, j] = False
                        break
                    s += coef * values[ind.label]
                scores[i, j] = s
        if (e.meta.get("link") or {}).get("match") == "proxy":
            proxy[i] = scores[i]
    return scores, proxy, ghg, present


def _assemble(
    fp: ForegroundProduct,
    graph: ProductGraph,
    S: np.ndarray,
    eng: BackgroundScores,
    inds: tuple[Indicator, ...],
    run_meta: dict,
    covered: dict,
    tables: TableBuilder,
) -> dict:
    """The product's result but its table, which is queued in ``tables``."""
    k = len(inds)
    entries = graph.entries
    scores, proxy, ghg, present = _entry_scores(entries, S, inds, k)
    totals = tables.add(fp.product_id, [e.table_meta() for e in entries], scores, present)
    proxy_share = {}
    for j, ind in enumerate(inds):
        total = totals[ind.label]
        p = math.fsum(proxy[present[:, j], j].tolist())
        g = math.fsum(ghg[present[:, j], j].tolist())
        proxy_share[ind.label] = {
            "proxy": p / total if total else 0.0,
            "ghg_only_proxy": g / total if total else 0.0,
        }
    incomplete = sorted(ind.label for j, ind in enumerate(inds) if not present[:, j].all())
    cc = run_meta["cross_check"]
    calculation = {
        "solver": run_meta["solver"],
        "matrix": {"activities": eng.n_activities, "flows": eng.n_flows},
        # bw2calc's own LCA of the stored product activity agrees with the sum of
        # contributions to this relative difference (products of the cross-check sample).
        "bw2calc_closure_max_rel": cc["max_rel"],
        "cross_check": {**cc, "this_product": fp.product_id in cc["products"]},
        "incomplete_indicators": incomplete,
        # A total of exactly zero means no characterized flow occurs in the supply chain:
        # the background does not cover the indicator (USLCI reports land use for only a
        # few agricultural datasets), which is not the same as no impact.
        "not_covered_indicators": [ind.label for ind in inds if totals[ind.label] == 0.0],
        "versions": run_meta["versions"],
        "methods": run_meta["methods"],
        "project_methods": run_meta["project_methods"][fp.background],
        "foreground": foreground_summary(fp, graph),
        # Per indicator: the share of the GWP100 result on datasets that report the
        # indicator's flows at all; "low_coverage" below 50 % (see calculate/coverage.py).
        "coverage": covered,
    }
    rows, direct = stored_rows(graph)
    meta = {key: v for key, v in fp.meta.items() if key not in {"_id", "role"}}
    return {
        "product_id": fp.product_id,
        "meta": meta,
        "rows": rows,
        "direct": direct,
        "proxy_share": proxy_share,
        "calculation": calculation,
    }


def _versions() -> dict:
    import bw2calc
    import bw2data
    import bw2io

    return {
        "bw-alu": __version__,
        "bw2calc": _version_str(bw2calc.__version__),
        "bw2data": _version_str(bw2data.__version__),
        "bw2io": _version_str(bw2io.__version__),
    }


def _version_str(v) -> str:
    return ".".join(map(str, v)) if isinstance(v, tuple) else str(v)
