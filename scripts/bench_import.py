"""Time import + lcia of an example plant, cold (new project, set-up included) and warm.

    python scripts/bench_import.py [--workbook databases/plants/ingot_yunnan_2024.xlsx]

Targets (issue 2): warm import + lcia under 5 s; cold under 60 s. Prints the in-process
times of each step and the wall-clock time of the two CLI commands as a user runs them,
then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cli(args: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bw_alu.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workbook", default=str(ROOT / "databases/plants/ingot_yunnan_2024.xlsx"))
    args = ap.parse_args()
    bw_dir = tempfile.mkdtemp(prefix="bw-alu-bench-")
    os.environ["BRIGHTWAY2_DIR"] = bw_dir
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from bw_alu.calculate import solver_name
    from bw_alu.importer import import_plant
    from bw_alu.lcia import calculate_products

    t_modules = time.perf_counter() - t0
    out = {"workbook": Path(args.workbook).name, "solver": solver_name()}

    t = time.perf_counter()
    summary = import_plant("bench-cold", args.workbook)
    out["cold_import_s"] = time.perf_counter() - t
    t = time.perf_counter()
    calculate_products("bench-cold", [summary.product_id])
    out["cold_lcia_s"] = time.perf_counter() - t
    out["cold_total_s"] = t_modules + out["cold_import_s"] + out["cold_lcia_s"]

    t = time.perf_counter()
    import_plant("bench-cold", args.workbook)
    out["warm_import_s"] = time.perf_counter() - t
    t = time.perf_counter()
    calculate_products("bench-cold", [summary.product_id])
    out["warm_lcia_s"] = time.perf_counter() - t
    out["warm_total_s"] = out["warm_import_s"] + out["warm_lcia_s"]

    env = {**os.environ, "BRIGHTWAY2_DIR": tempfile.mkdtemp(prefix="bw-alu-bench-cli-")}
    out["cli_cold_import_s"] = _cli(["import", args.workbook], env)
    out["cli_warm_import_s"] = _cli(["import", args.workbook], env)
    out["cli_warm_lcia_s"] = _cli(["lcia", "--product", summary.product_id], env)
    out["cli_warm_total_s"] = out["cli_warm_import_s"] + out["cli_warm_lcia_s"]

    for k, v in out.items():
        print(f"{k:22} {v:.2f}" if isinstance(v, float) else f"{k:22} {v}")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}))


if __name__ == "__main__":
    main()
