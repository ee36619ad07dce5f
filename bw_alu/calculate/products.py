"""``calculate_products``: the one entry point of ``lcia``, ``batch``, ``report`` and ``verify``.

For any number of products: the foreground of all of them in one pass
(``foreground.py``), each background's matrices built and factorized once with every
indicator solved at once (``engine.py``), then each product's table assembled from
lookups. bw2calc's own solve is run as a cross-check on a bounded sample of products
(``cross_check`` of them, default 1), recorded in each result's ``calculation``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .. import __version__
from ..errors import BackgroundInvalid, ProjectNotReady, UnknownProduct
from ..indicators import Indicator, indicators
from ..results import ProductResult, build_table
from .engine import BackgroundScores, solver_name
from .foreground import ForegroundProduct, load_foreground, node_ids, proxy_ids


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


def calculate(
    project: str, product_ids: list[str] | None = None, *, cross_check: int = 1
) -> CalculationRun:
    """:func:`calculate_products` with the run's information (see :class:`CalculationRun`)."""
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
    methods = [i.method for i in inds]
    k = len(methods)

    engines: dict[str, BackgroundScores] = {}
    for bg in sorted({fg[p].background for p in ids}):
        proxy, ghg = proxy_ids(bg)
        engines[bg] = BackgroundScores(
            database=bg, methods=methods, proxy_ids=proxy, ghg_only_ids=ghg
        )
    t_bg = time.perf_counter()

    try:
        matrix_scores, own, demands = _entry_matrix_scores(fg, ids, engines, k)
        t_fs = time.perf_counter()
        sample = _sample(ids, cross_check)
        closure = _cross_check(fg, sample, engines, methods, matrix_scores, own, demands)
    finally:
        for e in engines.values():
            e.close()
    t_cc = time.perf_counter()

    run_meta = {
        "solver": solver_name(),
        "cross_check": {
            "tool": "bw2calc.MultiLCA lci/lcia (forward solve) of the products' background demand",
            "products": sample,
            "max_rel": closure,
        },
        "versions": _versions(),
        "methods": {ind.label: list(ind.method) for ind in inds},
    }
    results = [
        _assemble(fg[pid], matrix_scores[pid], engines[fg[pid].background], inds, run_meta)
        for pid in ids
    ]
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


def _entry_matrix_scores(fg: dict[str, ForegroundProduct], ids: list[str], engines: dict, k: int):
    """Per product, an (entries x 3k) array: unit score, proxy part, GHG-only part; also
    each product's own-emission part (entries x k) and its demand on the background.

    One sparse product per background for all entries of all its products: row e of
    ``T`` holds entry e's technosphere inputs by background activity, of ``F`` its
    elementary flows. A row's result depends only on that row, so the same entry gets
    the same bits whatever else is calculated.
    """
    keys: set[tuple[str, str]] = set()
    for pid in ids:
        for e in fg[pid].entries:
            keys.update(key for key, _ in e.technosphere)
            keys.update(key for key, _ in e.biosphere)
    ids_of = node_ids(keys)
    scores, own, demands = {}, {}, {}
    for bg, eng in engines.items():
        pids = [p for p in ids if fg[p].background == bg]
        t_rows, t_cols, t_vals, b_rows, b_cols, b_vals, prod = [], [], [], [], [], [], []
        r = 0
        for pid in pids:
            demand: dict[int, float] = {}
            for e in fg[pid].entries:
                for key, amount in e.technosphere:
                    nid = ids_of.get(key)
                    col = eng.index.get(nid)
                    if nid is None or col is None:
                        raise BackgroundInvalid(
                            f"product {pid!r}, entry {e.meta.get('label')!r}: input {key} is "
                            f"not in background {bg!r}; re-import the product"
                        )
                    t_rows.append(r)
                    t_cols.append(col)
                    t_vals.append(amount)
                    demand[nid] = demand.get(nid, 0.0) + amount / e.production
                for key, amount in e.biosphere:
                    col = eng.flow_index.get(ids_of.get(key))
                    if col is None:
                        raise BackgroundInvalid(
                            f"product {pid!r}, entry {e.meta.get('label')!r}: elementary flow "
                            f"{key} is not in the matrices of background {bg!r}"
                        )
                    b_rows.append(r)
                    b_cols.append(col)
                    b_vals.append(amount)
                prod.append(e.production)
                r += 1
            demands[pid] = demand
        T = sparse.csr_matrix((t_vals, (t_rows, t_cols)), shape=(r, eng.n_activities))
        F = sparse.csr_matrix((b_vals, (b_rows, b_cols)), shape=(r, eng.n_flows))
        T.sum_duplicates()
        F.sum_duplicates()
        per = np.asarray(prod)[:, None]
        S = np.hstack([T @ eng.unit, T @ eng.proxy, T @ eng.ghg_only])
        own_part = np.asarray(F @ eng.cf)
        S[:, :k] += own_part
        S /= per
        own_part /= per
        r = 0
        for pid in pids:
            n = len(fg[pid].entries)
            scores[pid], own[pid] = S[r : r + n], own_part[r : r + n]
            r += n
    return scores, own, demands


def _cross_check(fg, sample, engines, methods, matrix_scores, own, demands) -> float | None:
    """Largest relative difference, over ``sample`` and all indicators, between the sum of
    a product's matrix scores and bw2calc's lci/lcia of its background demand (plus the
    product's own emissions, which bw2calc's background matrices do not hold)."""
    if not sample:
        return None
    closure = 0.0
    for bg, eng in engines.items():
        pids = [p for p in sample if fg[p].background == bg]
        if not pids:
            continue
        ref = eng.bw2calc_scores(
            {pid: demands[pid] or {next(iter(eng.index)): 0.0} for pid in pids}
        )
        for pid in pids:
            S, own_s = matrix_scores[pid], own[pid]
            for j, m in enumerate(methods):
                ours = math.fsum(S[:, j])
                theirs = ref[(m, pid)] + math.fsum(own_s[:, j])
                if ours or theirs:
                    closure = max(closure, abs(ours - theirs) / max(abs(ours), abs(theirs)))
    return closure


def _entry_scores(meta: dict, row: np.ndarray, inds, k: int) -> dict:
    """indicator -> (score, of which on proxies, of which on GHG-only proxies)."""
    out = {}
    link = meta.get("link") or {}
    factors = link.get("factors")
    whole_proxy = meta["role"] == "row" and link.get("match") == "proxy"
    for j, ind in enumerate(inds):
        s, p, g = float(row[j]), float(row[k + j]), float(row[2 * k + j])
        if factors is not None:
            if ind.label not in factors["values"]:
                continue
            s += link["amount"] * factors["values"][ind.label]
        if whole_proxy:
            p = s
        out[ind.label] = (s, p, g)
    return out


def _assemble(
    fp: ForegroundProduct,
    S: np.ndarray,
    eng: BackgroundScores,
    inds: tuple[Indicator, ...],
    run_meta: dict,
) -> ProductResult:
    k = len(inds)
    metas = [e.meta for e in fp.entries]
    scores: dict[tuple[int, str], float] = {}
    proxy_parts: dict[str, list[tuple[float, float]]] = {}  # label -> (proxy, GHG-only) parts
    for i, meta in enumerate(metas):
        for label, (s, p, g) in _entry_scores(meta, S[i], inds, k).items():
            scores[(i, label)] = s
            proxy_parts.setdefault(label, []).append((p, g))
    table, totals = build_table(fp.product_id, inds, metas, scores, with_totals=True)
    proxy_share = {}
    for ind in inds:
        total = totals[ind.label]
        parts = proxy_parts.get(ind.label, [])
        p = math.fsum(x for x, _ in parts)
        g = math.fsum(y for _, y in parts)
        proxy_share[ind.label] = {
            "proxy": p / total if total else 0.0,
            "ghg_only_proxy": g / total if total else 0.0,
        }
    incomplete = sorted(
        {ind.label for ind in inds for i in range(len(metas)) if (i, ind.label) not in scores}
    )
    cc = run_meta["cross_check"]
    calculation = {
        "solver": run_meta["solver"],
        "matrix": {"activities": eng.n_activities, "flows": eng.n_flows},
        # bw2calc's own solve agrees with the sum of contributions (matrix rows) to this
        # relative difference, over the products of the cross-check sample.
        "bw2calc_closure_max_rel": cc["max_rel"],
        "cross_check": {**cc, "this_product": fp.product_id in cc["products"]},
        "incomplete_indicators": incomplete,
        # A total of exactly zero means no characterized flow occurs in the supply chain:
        # the background does not cover the indicator (USLCI reports land use for only a
        # few agricultural datasets), which is not the same as no impact.
        "not_covered_indicators": [ind.label for ind in inds if totals[ind.label] == 0.0],
        "versions": run_meta["versions"],
        "methods": run_meta["methods"],
    }
    rows = [_public(m) for m in metas if m["role"] == "row"]
    direct = [m["audit"] for m in metas if m["role"] == "direct"]
    meta = {key: v for key, v in fp.meta.items() if key not in {"_id", "role"}}
    return ProductResult(fp.product_id, meta, table, rows, direct, proxy_share, calculation)


def _public(entry: dict) -> dict:
    return {key: v for key, v in entry.items() if not key.startswith("_") and key != "role"}


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
