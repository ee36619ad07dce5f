"""How much of each imported product's climate result rests on proxy datasets.

Usage: ``python scripts/proxy_shares.py [--project bw-alu] [--product ID ...]
[--indicator "Climate change"]`` (``BRIGHTWAY2_DIR`` is honoured; import the products
first with ``bw-alu import``).

For each product, one bw2calc LCA of its stored product activity with the indicator's
method, then, for every background activity whose provenance has ``proxy: true``:

- ``own``: the characterized emissions of the activity itself (column sum of the
  characterized inventory). These add up without double counting; their sum is the
  share of the result emitted by proxy datasets.
- ``with upstream``: the activity's output in the supply chain times its own
  cradle-to-gate score per unit. Nested proxies are counted in each (cryolite contains
  aluminium fluoride; a grid mix contains the hydro proxy), so this column does not add up.

Printed for comparison: bw-alu's own ``proxy`` share of the indicator (results JSON
``proxy_share``: the proxy activities' own emissions plus the whole score of workbook rows
linked to a proxy). The project's current bw2data project is left as found.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np


def _proxy_activities(database: str) -> dict[int, dict]:
    import bw2data as bd

    out = {}
    for act in bd.Database(database):
        prov = act.get("provenance") or {}
        if prov.get("proxy"):
            out[act.id] = {
                "code": act["code"],
                "name": act["name"],
                "ghg_only": bool(prov.get("ghg_only")),
            }
    return out


def product_shares(project: str, product: str, indicator: str) -> dict:
    """Total score, and per proxy activity its own and upstream-inclusive scores."""
    import bw2calc as bc

    from bw_alu.api import calculate
    from bw_alu.calculate.foreground import load_foreground
    from bw_alu.calculate.products import background_methods
    from bw_alu.indicators import indicators
    from bw_alu.project import in_project

    labels = [i.label for i in indicators()]
    with in_project(project):
        fp = load_foreground([product])[product]
        method = background_methods(fp.background)[labels.index(indicator)]
        proxies = _proxy_activities(fp.background)
        lca = bc.LCA({fp.node_id: 1.0}, method=method)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore")
            lca.lci()
            lca.lcia()
        total = float(lca.score)
        own_all = np.asarray(lca.characterized_inventory.sum(axis=0)).ravel()
        rows = []
        for nid, meta in proxies.items():
            col = lca.dicts.activity.get(nid)
            if col is None:
                continue
            supply = float(lca.supply_array[col])
            if supply == 0.0:
                continue
            output = supply * float(lca.technosphere_matrix[lca.dicts.product[nid], col])
            rows.append({**meta, "id": nid, "output": output, "own": float(own_all[col])})
        for row in rows:
            lca.redo_lcia({row["id"]: 1.0})
            row["unit_score"] = float(lca.score)
            row["upstream"] = row["output"] * row["unit_score"]
        result = calculate(project, [product])[0]
    return {
        "product": product,
        "indicator": indicator,
        "total": total,
        "rows": sorted(rows, key=lambda r: -abs(r["upstream"])),
        "bw_alu_proxy_share": result.proxy_share.get(indicator, {}),
    }


def _print(res: dict) -> None:
    total = res["total"]
    print(f"== {res['product']}: {res['indicator']} {total:.6g}")
    print(
        f"{'code':<28} {'output':>10} {'per unit':>10} {'own':>10} {'own %':>7} "
        f"{'w/ upstream':>12} {'%':>7}  ghg-only"
    )
    own_sum = 0.0
    for r in res["rows"]:
        own_sum += r["own"]
        print(
            f"{r['code']:<28} {r['output']:>10.4g} {r['unit_score']:>10.4g} {r['own']:>10.4g} "
            f"{r['own'] / total:>7.2%} {r['upstream']:>12.4g} {r['upstream'] / total:>7.2%}  "
            f"{'yes' if r['ghg_only'] else ''}"
        )
    print(f"proxies' own emissions: {own_sum:.6g} = {own_sum / total:.2%} of the total")
    share = res["bw_alu_proxy_share"]
    if share:
        print(
            f"bw-alu results proxy_share: {share.get('proxy', 0.0):.2%} "
            f"(GHG-only {share.get('ghg_only_proxy', 0.0):.2%})"
        )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--project", default="bw-alu")
    ap.add_argument("--product", action="append", help="product id (default: all imported)")
    ap.add_argument("--indicator", default="Climate change")
    args = ap.parse_args(argv)
    from bw_alu.project import in_project, products

    with in_project(args.project):
        ids = args.product or products(args.project)
    for pid in ids:
        _print(product_shares(args.project, pid, args.indicator))


if __name__ == "__main__":
    main()
