"""Batch LCIA at ecoinvent scale: bw-alu's path against one bw2calc.LCA per product.

    python scripts/bench.py [--processes 20000] [--products 50] [--naive-products N] [--repeat 3]

Builds, in a throw-away ``BRIGHTWAY2_DIR``:

- a background the way ecoinvent is built: regional copies of a real process network
  (the committed open background ``databases/background/uslci_cn.json.gz``, 694
  processes) linked through shared global market processes. Each hub (one of the 60
  most-used products of the network) gets a ``market for ..., GLO`` that buys from every
  region; in each region about half of the consumers of a hub buy from the global market,
  the others from their own region. Regional variation: input amounts scaled by
  U(0.85, 1.0) (down only: the copies stay as productive as the original, so the matrix
  stays nonsingular) and each process keeps a regional sample of its elementary flows
  (about 10-15 inputs a process in all, about 2,000 flows).
- N products on top, in bw-alu's product-database format (the importer's): 20 inventory
  rows linked to random background processes of random regions, one burden-free row,
  three direct-emission items (CO2, CF4, C2F6).
- the 20 indicators of ``methods/indicators.csv`` (``bw_alu.project.setup``).

Then times, in the same run:

- bw-alu: ``bw_alu.calculate.calculate`` (what ``lcia`` and ``batch`` call) for all N
  products and 20 indicators, with contributions, in a fresh child process (so its peak
  memory is its own), ``--repeat`` times (default 3): the fastest run is reported, as
  ``timeit`` does, and every run is listed (``bw_alu_runs_s``);
- naive: what a Brightway user would write: per product ``bw2calc.LCA(demand, method)``,
  ``lci()``, ``lcia()``, then ``switch_method`` + ``lcia()`` for each other indicator
  (totals only). Measured on ``--naive-products`` products (default min(N, 50));
  extrapolated linearly to N when fewer, and the JSON says so;
- the bare factorization and one bare solve of the background (PARDISO).

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "bench"
BG = "bench_bg"
HUBS = 60
P_GLOBAL = 0.5
ROWS = 20
CO2, CF4, C2F6 = (
    "349b29d1-3e58-4c66-98b9-9d1a076efd2e",
    "33681770-a0e1-4ce8-93c3-941fd607fa5f",
    "acc39720-dda7-4b3a-80c7-c6394cad4191",
)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- background ------------------------------------------------------------------------


def build_background(n_processes: int, rng: np.random.Generator) -> dict:
    """Records of regional copies of the open background joined by global markets."""
    from bw_alu.project import BACKGROUND_FILE, read_background

    src = read_background(BACKGROUND_FILE)
    acts = src["activities"]
    n = len(acts)
    regions = max(1, round((n_processes - HUBS) / n))
    consumers: dict[str, int] = {}
    for a in acts:
        for e in a["exchanges"]:
            if e["type"] == "technosphere" and e["input"] != a["code"]:
                consumers[e["input"]] = consumers.get(e["input"], 0) + 1
    hubs = sorted(consumers, key=lambda c: (-consumers[c], c))[:HUBS]
    hub_set = set(hubs)
    by_code = {a["code"]: a for a in acts}

    def code(c: str, r: int) -> str:
        return f"{c}@R{r:02d}"

    records = {}
    for r in range(regions):
        for a in acts:
            key = (BG, code(a["code"], r))
            exchanges = [{"type": "production", "input": key, "amount": 1.0}]
            bio = [e for e in a["exchanges"] if e["type"] == "biosphere"]
            tech = [e for e in a["exchanges"] if e["type"] == "technosphere"]
            for e in tech:
                amount = e["amount"] * rng.uniform(0.85, 1.0)
                target = code(e["input"], r)
                if e["input"] in hub_set and e["input"] != a["code"] and rng.random() < P_GLOBAL:
                    target = f"market-{e['input']}"
                exchanges.append({"type": "technosphere", "input": (BG, target), "amount": amount})
            keep = max(1, min(len(bio), 12 - min(len(tech), 6) + int(rng.integers(-2, 3))))
            for i in sorted(rng.choice(len(bio), size=keep, replace=False)) if bio else []:
                e = bio[i]
                exchanges.append(
                    {
                        "type": "biosphere",
                        "input": ("biosphere3", e["input"]),
                        "amount": e["amount"] * rng.uniform(0.85, 1.0),
                    }
                )
            records[key] = {
                "name": f"{a['name']} {{R{r:02d}}}",
                "reference product": a.get("reference product", a["name"]),
                "unit": a["unit"],
                "location": f"CN-R{r:02d}",
                "type": "process",
                "provenance": a.get("provenance", {}),
                "exchanges": exchanges,
            }
    for h in hubs:
        key = (BG, f"market-{h}")
        shares = rng.dirichlet(np.ones(regions))
        exchanges = [{"type": "production", "input": key, "amount": 1.0}]
        exchanges += [
            {"type": "technosphere", "input": (BG, code(h, r)), "amount": float(s)}
            for r, s in enumerate(shares)
        ]
        a = by_code[h]
        records[key] = {
            "name": f"market for {a.get('reference product', a['name'])} {{GLO}}",
            "reference product": a.get("reference product", a["name"]),
            "unit": a["unit"],
            "location": "GLO",
            "type": "process",
            "provenance": {"source": "bench market", "proxy": False},
            "exchanges": exchanges,
        }
    return {"records": records, "regions": regions, "hubs": len(hubs), "source": n}


def write_background(records: dict) -> None:
    import bw2data as bd

    with contextlib.redirect_stderr(io.StringIO()):  # bw2data's progress bar
        bd.Database(BG).write(records, searchable=False)
    meta = bd.databases[BG]
    meta.update({"bw_alu_version": "bench", "title": "bench background", "depends": ["biosphere3"]})
    bd.databases[BG] = meta
    bd.databases.flush()


# --- products --------------------------------------------------------------------------


def _row_meta(
    i: int,
    stage: str,
    kind: str,
    label: str,
    amount: float,
    unit: str,
    process: str,
    dataset: str,
    link: dict,
) -> dict:
    return {
        "role": "row",
        "index": i,
        "process": process,
        "stage": stage,
        "label": label,
        "label_zh": None,
        "kind": kind,
        "amount": amount,
        "unit": unit,
        "load_t": None,
        "dataset": dataset,
        "data_type": "primary",
        "source": "bench",
        "dq": {},
        "assumption": None,
        "note": None,
        "location": f"bench, row {i}",
        "link": {
            "match": "exact",
            "amount": amount,
            "unit": unit,
            "note": "",
            "proxy": False,
            "target": None,
            "factors": None,
            "process": None,
            **link,
        },
    }


def product_records(
    pid: str, bg_keys: list, rng: np.random.Generator, n_processes: int = 1
) -> dict:
    """A product database in the importer's graph format (see ``bw_alu/graph.py``): the
    plant as ``n_processes`` processes in a chain (each takes 0.5-1.5 units of the next),
    20 inventory rows spread over them, one burden-free scrap row, and three
    direct-emission items (CO2, CF4, C2F6) on the last process."""
    stages = ["raw_materials"] * 12 + ["raw_material_transport"] * 4 + ["production"] * 4
    kinds = {
        "raw_materials": "material",
        "raw_material_transport": "transport",
        "production": "energy",
    }
    codes = [pid] + [f"process-{k}" for k in range(2, n_processes + 1)]
    excs: dict[str, list[dict]] = {
        c: [{"type": "production", "input": (pid, c), "amount": 1.0}] for c in codes
    }
    records: dict = {}
    picks = rng.choice(len(bg_keys), size=ROWS, replace=False)
    for i, (stage, j) in enumerate(zip(stages, picks), start=1):
        target = bg_keys[j]
        amount = float(rng.lognormal(0, 2))
        owner = codes[i % n_processes]
        meta = _row_meta(
            i,
            stage,
            kinds[stage],
            f"input {i}",
            amount,
            "kg",
            owner,
            target[1],
            {"target": {"database": BG, "code": target[1]}},
        )
        excs[owner].append(
            {"type": "technosphere", "input": target, "amount": amount, "bw_alu": meta}
        )
    n = ROWS + 1
    records[(pid, "cutoff-scrap")] = {
        "name": "scrap (burden-free, cut-off)",
        "unit": "kg",
        "reference product": "scrap",
        "location": "GLO",
        "type": "process",
        "bw_alu": {"role": "cutoff", "label": "scrap"},
    }
    meta = _row_meta(
        n,
        "raw_materials",
        "material",
        "scrap",
        100.0,
        "kg",
        pid,
        "burden-free (cut-off)",
        {"match": "burden-free"},
    )
    excs[pid].append(
        {"type": "technosphere", "input": (pid, "cutoff-scrap"), "amount": 100.0, "bw_alu": meta}
    )
    for a, b in zip(codes, codes[1:]):  # the chain between the plant's processes
        n += 1
        amount = float(rng.uniform(0.5, 1.5))
        meta = _row_meta(
            n,
            "production",
            "material",
            f"from {b}",
            amount,
            "kg",
            a,
            b,
            {"match": "process", "process": b},
        )
        excs[a].append(
            {"type": "technosphere", "input": (pid, b), "amount": amount, "bw_alu": meta}
        )
    for k, (calc, flows) in enumerate(
        [
            ("fuel_combustion", {CO2: 5.0}),
            ("anode_consumption", {CO2: 1400.0}),
            ("anode_effect", {CF4: 0.02, C2F6: 0.0011}),
        ],
        start=1,
    ):
        scale = float(rng.uniform(0.5, 1.5))
        meta = {
            "role": "direct",
            "index": k,
            "process": codes[-1],
            "stage": "production",
            "label": calc,
            "calculator": calc,
            "audit": {"flows": {f: v * scale for f, v in flows.items()}},
        }
        for flow, v in flows.items():
            excs[codes[-1]].append(
                {
                    "type": "biosphere",
                    "input": ("biosphere3", flow),
                    "amount": v * scale,
                    "bw_alu": meta,
                }
            )
    for c in codes:
        role = "product" if c == pid else "process"
        records[(pid, c)] = {
            "name": c,
            "unit": "t" if c == pid else "kg",
            "reference product": c,
            "location": "CN",
            "type": "process",
            "bw_alu": {"role": role, "process": c, "stage": "production"},
            "exchanges": excs[c],
        }
    records[(pid, pid)]["bw_alu"].update(
        {
            "product": {"product_id": pid},
            "background": {
                "database": BG,
                "title": "bench background",
                "version": "bench",
                "notice": "",
            },
            "bw_alu_version": "bench",
        }
    )
    return records


def write_products(n: int, rng: np.random.Generator, n_processes: int = 1) -> list[str]:
    import bw2data as bd
    from bw2data.backends import ActivityDataset as AD

    from bw_alu.project import write_product

    bg_keys = [(BG, a.code) for a in AD.select(AD.code).where(AD.database == BG).order_by(AD.code)]
    ids = []
    for i in range(n):
        pid = f"bench_product_{i:04d}"
        write_product(
            PROJECT,
            pid,
            product_records(pid, bg_keys, rng, n_processes),
            {"bw_alu_product": True, "depends": [BG, "biosphere3"]},
        )
        ids.append(pid)
        if (i + 1) % 100 == 0:
            _log(f"  products written: {i + 1}")
    assert all(p in bd.databases for p in ids)
    return ids


# --- timings ---------------------------------------------------------------------------


def bare_factorization() -> dict:
    """Factorize the background's technosphere matrix once and solve one demand."""
    import bw2calc as bc
    import bw2data as bd
    from bw2data.backends import ActivityDataset as AD

    from bw_alu.calculate import Factorized

    first = AD.select(AD.id).where(AD.database == BG).order_by(AD.id).first().id
    fu, objs, _ = bd.prepare_lca_inputs(demand={first: 1})
    lca = bc.LCA(fu, data_objs=objs)
    t = time.perf_counter()
    lca.load_lci_data()
    t_build = time.perf_counter() - t
    A = lca.technosphere_matrix
    t = time.perf_counter()
    f = Factorized(A)
    t_fact = time.perf_counter() - t
    b = np.zeros(A.shape[0])
    b[0] = 1.0
    t = time.perf_counter()
    f.solve(b)
    t_solve = time.perf_counter() - t
    f.free()
    return {
        "matrix_build_s": t_build,
        "factorize_s": t_fact,
        "solve_s": t_solve,
        "shape": list(A.shape),
        "nnz": int(A.nnz),
    }


def naive(ids: list[str]) -> tuple[float, dict]:
    """One bw2calc.LCA per product, switch_method per indicator (totals only)."""
    import bw2calc as bc
    import bw2data as bd

    from bw_alu.indicators import indicators

    methods = [i.method for i in indicators()]
    warnings.filterwarnings("ignore", message="All values in characterization matrix")
    t = time.perf_counter()
    scores = {}
    for pid in ids:
        act = bd.get_node(database=pid, code=pid)
        lca = bc.LCA({act: 1}, method=methods[0])
        lca.lci()
        lca.lcia()
        scores[(pid, methods[0])] = lca.score
        for m in methods[1:]:
            lca.switch_method(m)
            lca.lcia()
            scores[(pid, m)] = lca.score
    return time.perf_counter() - t, scores


def child_bw_alu(ids_file: str) -> None:
    """Run in a fresh process: bw-alu's path for all products; print one JSON line."""
    from bw_alu.calculate import calculate

    ids = json.loads(Path(ids_file).read_text())
    t = time.perf_counter()
    run = calculate(PROJECT, ids)
    elapsed = time.perf_counter() - t
    gwp = {r.product_id: r.totals() for r in run.results[:3]}
    Path(ids_file + ".scores.json").write_text(json.dumps(gwp))
    print(json.dumps({"bw_alu_s": elapsed, "peak_rss_mb": _rss_mb(), "info": run.info}))


def build(bw_dir: str, args) -> tuple[dict, dict, list[str]]:
    """Set up the project, write the background and the products; time the bare solve."""
    os.environ["BRIGHTWAY2_DIR"] = bw_dir
    from bw_alu.project import activate, setup

    rng = np.random.default_rng(args.seed)
    t = time.perf_counter()
    setup(PROJECT)
    activate(PROJECT)  # library calls restore the current project; the bench works in it
    _log(f"set-up (biosphere3, 20 methods, embedded background): {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    bg = build_background(args.processes, rng)
    write_background(bg["records"])
    n_proc = len(bg["records"])
    n_bio = sum(
        1 for r in bg["records"].values() for e in r["exchanges"] if e["type"] == "biosphere"
    )
    n_tech = sum(
        1 for r in bg["records"].values() for e in r["exchanges"] if e["type"] == "technosphere"
    )
    flows = {
        e["input"]
        for r in bg["records"].values()
        for e in r["exchanges"]
        if e["type"] == "biosphere"
    }
    _log(
        f"background: {n_proc} processes ({bg['regions']} regional copies of {bg['source']} + "
        f"{bg['hubs']} global markets), {(n_tech + n_bio) / n_proc:.1f} inputs/process, "
        f"{len(flows)} elementary flows; built and written in {time.perf_counter() - t:.1f} s"
    )
    bare = bare_factorization()
    _log(
        f"bare PARDISO: factorization {bare['factorize_s'] * 1000:.0f} ms, one solve "
        f"{bare['solve_s'] * 1000:.1f} ms (matrix {bare['shape'][0]}, nnz {bare['nnz']}; "
        f"bw2calc matrix build {bare['matrix_build_s']:.2f} s)"
    )
    t = time.perf_counter()
    ids = write_products(args.products, rng, args.fg_processes)
    _log(f"products: {len(ids)} written in {time.perf_counter() - t:.1f} s")

    built = {
        "processes": n_proc,
        "regions": bg["regions"],
        "global_markets": bg["hubs"],
        "elementary_flows": len(flows),
        "inputs_per_process": round((n_tech + n_bio) / n_proc, 2),
        "fg_processes_per_product": args.fg_processes,
    }
    (Path(bw_dir) / "built.json").write_text(json.dumps(built))
    return built, bare, ids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processes", type=int, default=20_000)
    ap.add_argument("--products", type=int, default=50)
    ap.add_argument(
        "--naive-products",
        type=int,
        default=None,
        help="products timed the naive way (default: min(products, 50))",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="fresh-process runs of bw-alu's path; the fastest is reported (as timeit does), "
        "all are listed in bw_alu_runs_s",
    )
    ap.add_argument(
        "--fg-processes",
        type=int,
        default=1,
        help="foreground processes per product (a chain; default 1)",
    )
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--keep", action="store_true", help="keep the temporary Brightway directory")
    ap.add_argument(
        "--reuse",
        default=None,
        metavar="DIR",
        help="time again on a directory kept with --keep (nothing is built)",
    )
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.child:
        from bw_alu.project import activate

        activate(PROJECT)
        child_bw_alu(args.child)
        return

    if args.reuse:
        bw_dir = args.reuse
        os.environ["BRIGHTWAY2_DIR"] = bw_dir
        from bw_alu.project import activate

        activate(PROJECT)
        if not (Path(bw_dir) / "built.json").is_file():
            sys.exit(f"--reuse {bw_dir}: no built.json there (keep a run with --keep first)")
        built = json.loads((Path(bw_dir) / "built.json").read_text())
        ids = json.loads((Path(bw_dir) / "ids.json").read_text())
        bare = bare_factorization()
        _log(f"reusing {bw_dir}: {built['processes']} processes, {len(ids)} products")
    else:
        bw_dir = tempfile.mkdtemp(prefix="bw-alu-bench-")
        built, bare, ids = build(bw_dir, args)
    from bw_alu.calculate import solver_name

    ids_file = Path(bw_dir) / "ids.json"
    ids_file.write_text(json.dumps(ids))
    _log("bw-alu path (child process) ...")
    env = {**os.environ, "BRIGHTWAY2_DIR": bw_dir}
    runs = []
    for _ in range(max(1, args.repeat)):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(ids_file)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    child = min(runs, key=lambda r: r["bw_alu_s"])
    child["runs_s"] = [round(r["bw_alu_s"], 3) for r in runs]
    info = child["info"]
    bgi = info["backgrounds"][BG]
    _log(
        f"bw-alu: {child['bw_alu_s']:.2f} s for {len(ids)} products x {info['indicators']} "
        f"indicators (matrices {bgi['matrices_s']:.2f} s, factorize {bgi['factorize_s']:.2f} s, "
        f"solve {bgi['rhs_columns']} columns {bgi['solve_s']:.2f} s, foreground "
        f"{info['timings']['foreground_s']:.2f} s, cross-check {info['timings']['cross_check_s']:.2f} s, "
        f"assemble {info['timings']['assemble_s']:.2f} s); peak RSS {child['peak_rss_mb']:.0f} MB"
    )

    n_naive = min(args.naive_products or min(len(ids), 50), len(ids))
    _log(f"naive path on {n_naive} products ...")
    naive_measured, naive_scores = naive(ids[:n_naive])
    naive_s = naive_measured * len(ids) / n_naive
    # the two paths agree
    ours = json.loads((Path(str(ids_file) + ".scores.json")).read_text())
    from bw_alu.calculate.products import ZERO_NOISE
    from bw_alu.indicators import indicators

    worst = 0.0
    for pid, totals in ours.items():
        if pid not in {p for p, _ in naive_scores}:
            continue
        for ind in indicators():
            a, b = totals[ind.label], naive_scores[(pid, ind.method)]
            # both zero up to solver noise (an indicator the system does not touch)
            if abs(a) > ZERO_NOISE or abs(b) > ZERO_NOISE:
                worst = max(worst, abs(a - b) / max(abs(a), abs(b)))
    _log(f"naive: {naive_measured:.1f} s for {n_naive} products; max rel difference {worst:.1e}")
    result = {
        **built,
        "products": len(ids),
        "indicators": info["indicators"],
        "solver": solver_name(),
        "bw_alu_s": round(child["bw_alu_s"], 3),
        "bw_alu_runs_s": child["runs_s"],
        "bw_alu_breakdown_s": {
            "foreground": round(info["timings"]["foreground_s"], 3),
            "matrices": round(bgi["matrices_s"], 3),
            "factorize": round(bgi["factorize_s"], 3),
            "solve_all_indicators": round(bgi["solve_s"], 3),
            "cross_check": round(info["timings"]["cross_check_s"], 3),
            "assemble": round(info["timings"]["assemble_s"], 3),
        },
        "naive_s": round(naive_s, 3),
        "naive_products_measured": n_naive,
        "naive_extrapolated": n_naive < len(ids),
        "speedup": round(naive_s / child["bw_alu_s"], 1),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
        "bench_process_peak_rss_mb": round(_rss_mb(), 1),
        # The issue-9 yardstick: the whole path against the bare linear algebra of the same
        # run (factorization + the all-indicator solve).
        "linear_algebra_s": round(bare["factorize_s"] + bgi["solve_s"], 4),
        "ratio_to_linear_algebra": round(
            child["bw_alu_s"] / (bare["factorize_s"] + bgi["solve_s"]), 1
        ),
        "bare_factorize_s": round(bare["factorize_s"], 4),
        "bare_solve_s": round(bare["solve_s"], 5),
        "max_rel_diff_vs_naive": worst,
        "cpus": os.cpu_count(),
    }
    if args.keep or args.reuse:
        _log(f"kept: BRIGHTWAY2_DIR={bw_dir}, product ids in {ids_file}")
    else:
        import shutil

        shutil.rmtree(bw_dir, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
