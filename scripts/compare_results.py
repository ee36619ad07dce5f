"""Compare two ``bw-alu lcia --format csv`` tables of the same product(s).

    python scripts/compare_results.py BEFORE.csv AFTER.csv [--largest 5] [--contributors 3]

Prints, per product, a Markdown table of every indicator's total before and after with the
relative change, then, for the ``--largest`` indicators with the largest relative change,
the contributors (inputs and direct emissions, any stage) whose scores moved most, so that
a change of background can be explained by the datasets behind it. Only the totals and the
contributor rows of the CSVs are read; nothing is recomputed.

Used for the notes of background changes (issue 12): run ``bw-alu lcia --product P --format
csv --output before.csv`` on the old and the new background, then this script.
"""

from __future__ import annotations

import argparse
import csv
import math
from collections import defaultdict
from pathlib import Path

Key = tuple[str, str]  # (product, indicator)


def read(path: Path) -> tuple[dict[Key, tuple[str, float]], dict[Key, dict[str, float]]]:
    """(totals by product and indicator with unit, contributor scores by the same key)."""
    totals: dict[Key, tuple[str, float]] = {}
    parts: dict[Key, dict[str, float]] = defaultdict(dict)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["product"], row["indicator"])
            score = float(row["score"])
            if not row["stage"] and not row["contributor"]:
                totals[key] = (row["unit"], score)
            elif row["contributor"]:
                label = f"{row['stage']}: {row['contributor']}"
                parts[key][label] = parts[key].get(label, 0.0) + score
    return totals, parts


def relative(before: float, after: float) -> float:
    """Relative change; +inf for a new non-zero result, 0 for zero before and after."""
    if before:
        return (after - before) / abs(before)
    return math.inf if after else 0.0


def fmt_change(change: float) -> str:
    return "new" if math.isinf(change) else f"{change * 100:+.1f} %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--largest", type=int, default=5)
    parser.add_argument("--contributors", type=int, default=3)
    args = parser.parse_args()
    old_totals, old_parts = read(args.before)
    new_totals, new_parts = read(args.after)
    products = sorted({p for p, _ in old_totals} & {p for p, _ in new_totals})
    for product in products:
        keys = [k for k in old_totals if k[0] == product and k in new_totals]
        print(f"## {product}\n")
        print("| indicator | unit | before | after | change |")
        print("|---|---|---|---|---|")
        changes = {}
        for key in keys:
            unit, before = old_totals[key]
            after = new_totals[key][1]
            changes[key] = relative(before, after)
            print(
                f"| {key[1]} | {unit} | {before:.4g} | {after:.4g} | {fmt_change(changes[key])} |"
            )
        ranked = sorted(keys, key=lambda k: abs(changes[k]), reverse=True)[: args.largest]
        print(f"\nLargest {len(ranked)} relative changes, by the contributors that moved most:\n")
        for key in ranked:
            unit, before = old_totals[key]
            after = new_totals[key][1]
            print(f"- {key[1]} ({fmt_change(changes[key])}, {before:.4g} -> {after:.4g} {unit}):")
            labels = set(old_parts[key]) | set(new_parts[key])
            moved = sorted(
                labels,
                key=lambda lab: abs(new_parts[key].get(lab, 0.0) - old_parts[key].get(lab, 0.0)),
                reverse=True,
            )[: args.contributors]
            for label in moved:
                was, now = old_parts[key].get(label, 0.0), new_parts[key].get(label, 0.0)
                print(f"    {label}: {was:.4g} -> {now:.4g} ({now - was:+.4g})")
        print()


if __name__ == "__main__":
    main()
