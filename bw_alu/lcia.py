"""``bw-alu lcia``: all indicators for imported products, with contributions.

All requested products go through one :class:`~bw_alu.calculate.Engine` (one set of
matrices, one factorization), which is also what ``batch`` uses.
"""

from __future__ import annotations

import math

import bw2calc
import bw2data
import bw2io

from . import __version__
from .calculate import Engine
from .errors import ProjectNotReady, UnknownProduct
from .indicators import indicators
from .project import activate, products
from .results import ProductResult, build_table


def _load_product(pid: str) -> tuple[dict, list[dict], dict]:
    """(product activity meta with id, entries in order with node ids, node ids by code)."""
    import bw2data as bd

    product, entries = None, []
    for act in bd.Database(pid):
        meta = dict(act.get("bw_alu", {}))
        meta["_id"] = act.id
        if meta.get("role") == "product":
            product = meta
        elif meta.get("role") in {"row", "direct"}:
            entries.append(meta)
    if product is None:
        raise ProjectNotReady(f"database {pid!r} has no bw-alu product activity; re-import it")
    entries.sort(key=lambda e: (e["role"] != "row", e["index"]))
    return product, entries, {}


def _proxy_ids(background: str) -> tuple[list[int], list[int]]:
    import bw2data as bd

    proxy, ghg = [], []
    for act in bd.Database(background):
        prov = act.get("provenance") or {}
        if prov.get("proxy"):
            proxy.append(act.id)
            if prov.get("ghg_only"):
                ghg.append(act.id)
    return proxy, ghg


def calculate_products(project: str, product_ids: list[str] | None = None) -> list[ProductResult]:
    """Results of ``product_ids`` (all imported products when None)."""
    activate(project)
    known = products(project)
    if not known:
        raise ProjectNotReady(f"no product imported in project {project!r}; run bw-alu import")
    ids = list(product_ids) if product_ids else known
    for pid in ids:
        if pid not in known:
            raise UnknownProduct(f"product {pid!r} is not imported in project {project!r} (have: {', '.join(known)})")
    loaded = {pid: _load_product(pid) for pid in ids}
    backgrounds = sorted({loaded[p][0]["background"]["database"] for p in ids})
    proxy, ghg = [], []
    for bg in backgrounds:
        p, g = _proxy_ids(bg)
        proxy += p
        ghg += g
    inds = indicators()
    engine = Engine(
        demands={pid: {loaded[pid][0]["_id"]: 1.0} for pid in ids},
        methods=[i.method for i in inds],
        proxy_ids=proxy,
        ghg_only_ids=ghg,
    )
    return [_assemble(pid, *loaded[pid][:2], engine, inds) for pid in ids]


def _entry_scores(entry: dict, engine: Engine, inds) -> dict[str, tuple[float, float, float]]:
    """indicator -> (score, of which on proxies, of which on GHG-only proxies)."""
    out = {}
    link = entry.get("link") or {}
    factors = link.get("factors")
    whole_proxy = entry["role"] == "row" and link.get("match") == "proxy"
    for ind in inds:
        s = engine.score(entry["_id"], ind.method)
        p = engine.proxy_score(entry["_id"], ind.method)
        g = engine.ghg_only_score(entry["_id"], ind.method)
        if factors is not None:
            if ind.label not in factors["values"]:
                continue
            s += link["amount"] * factors["values"][ind.label]
        if whole_proxy:
            p = s
        out[ind.label] = (s, p, g)
    return out


def _assemble(pid: str, product: dict, entries: list[dict], engine: Engine, inds) -> ProductResult:
    scores, proxy_parts = {}, {}
    for i, e in enumerate(entries):
        for label, (s, p, g) in _entry_scores(e, engine, inds).items():
            scores[(i, label)] = s
            proxy_parts.setdefault(label, []).append((p, g))
    table = build_table(pid, inds, entries, scores)
    result_totals = dict(zip(table[table.stage == ""].indicator, table[table.stage == ""].score))
    proxy_share, closure = {}, 0.0
    for ind in inds:
        total = result_totals[ind.label]
        p = math.fsum(x for x, _ in proxy_parts.get(ind.label, []))
        g = math.fsum(y for _, y in proxy_parts.get(ind.label, []))
        proxy_share[ind.label] = {
            "proxy": p / total if total else 0.0,
            "ghg_only_proxy": g / total if total else 0.0,
        }
        # Cross-check against bw2calc's own solve of the product demand (matrix rows only).
        matrix_total = math.fsum(
            engine.score(e["_id"], ind.method) for e in entries
        )
        ref = engine.bw2calc_score(pid, ind.method)
        if ref or matrix_total:
            closure = max(closure, abs(matrix_total - ref) / max(abs(ref), abs(matrix_total)))
    incomplete = sorted(
        {ind.label for ind in inds for i in range(len(entries)) if (i, ind.label) not in scores}
    )
    calculation = {
        "solver": engine.solver,
        "matrix": {"activities": engine.n_activities, "flows": engine.n_flows},
        "bw2calc_closure_max_rel": closure,
        "incomplete_indicators": incomplete,
        "versions": {
            "bw-alu": __version__,
            "bw2calc": _version_str(bw2calc.__version__),
            "bw2data": _version_str(bw2data.__version__),
            "bw2io": _version_str(bw2io.__version__),
        },
        "methods": {ind.label: list(ind.method) for ind in inds},
    }
    rows = [_public(e) for e in entries if e["role"] == "row"]
    direct = [e["audit"] for e in entries if e["role"] == "direct"]
    meta = {k: v for k, v in product.items() if k not in {"_id", "role"}}
    return ProductResult(pid, meta, table, rows, direct, proxy_share, calculation)


def _public(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if not k.startswith("_") and k != "role"}


def _version_str(v) -> str:
    return ".".join(map(str, v)) if isinstance(v, tuple) else str(v)
