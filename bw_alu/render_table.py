"""A readable terminal view of LCIA results (the csv/json carry the full table)."""

from __future__ import annotations

from .indicators import CLIMATE_CHANGE, GWP100
from .results import ProductResult


def fmt_number(x: float) -> str:
    if x == 0:
        return "0"
    if abs(x) >= 0.01 and abs(x) < 1e7:
        return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.1f}"
    return f"{x:.3e}"


def _product_block(r: ProductResult) -> list[str]:
    t = r.table
    p = r.meta.get("product", {})
    bg = r.meta.get("background", {})
    lines = [
        f"== {r.product_id}: {p.get('product_name_en', '')} — per {p.get('declared_unit', '')}",
        f"   background: {bg.get('title', '')} [{bg.get('version', '')}]; "
        f"solver: {r.calculation.get('solver', '')}",
        "",
    ]
    stages = [s for s in t.stage.unique() if s]
    head = f"{'indicator':38} {'unit':14} {'total':>12} " + " ".join(
        f"{s[:14]:>14}" for s in stages
    )
    lines += [head + f" {'on proxies':>10} {'GHG-only':>9}", "-" * (len(head) + 21)]
    for ind in t.indicator.unique():
        block = t[t.indicator == ind]
        total = block[block.stage == ""].score.iloc[0]
        unit = block.unit.iloc[0]
        subs = []
        for s in stages:
            sub = block[(block.stage == s) & (block.contributor == "")]
            subs.append(fmt_number(sub.score.iloc[0]) if len(sub) else "-")
        share = r.proxy_share.get(ind, {})
        lines.append(
            f"{ind:38} {unit:14} {fmt_number(total):>12} "
            + " ".join(f"{s:>14}" for s in subs)
            + f" {share.get('proxy', 0.0):>10.1%} {share.get('ghg_only_proxy', 0.0):>9.1%}"
        )
    for ind in (GWP100, CLIMATE_CHANGE):
        block = t[(t.indicator == ind) & (t.contributor != "")]
        if block.empty:
            continue
        total = t[(t.indicator == ind) & (t.stage == "")].score.iloc[0]
        top = block.reindex(block.score.abs().sort_values(ascending=False).index).head(8)
        lines += ["", f"Largest contributors, {ind} ({block.unit.iloc[0]}):"]
        for _, row in top.iterrows():
            row_share = row.score / total if total else 0.0
            lines.append(
                f"  {row.contributor[:60]:60} {row.stage:24} {fmt_number(row.score):>12} {row_share:>7.1%}"
            )
        break
    flagged = r.meta.get("assumptions", [])
    if flagged:
        lines += ["", "Assumptions flagged by the workbook:"]
        lines += [f"  [{a['id']}] {a['text']}" for a in flagged]
    proxies = [row for row in r.rows if (row.get("link") or {}).get("proxy")]
    if proxies:
        lines += ["", "Rows linked to proxies or substitutions:"]
        for row in proxies:
            link = row["link"]
            target = (link.get("target") or {}).get("name", "")
            lines.append(f"  {row['label'][:40]:40} -> {target} ({link['match']})")
    uncovered = r.calculation.get("not_covered_indicators", [])
    if uncovered:
        lines += [
            "",
            "Not covered by the background (no characterized flow in the supply chain,",
            "which is not the same as no impact): " + ", ".join(uncovered),
        ]
    lines += [
        "",
        "'on proxies': share of each indicator resting on proxy datasets' own emissions or on",
        "rows substituted by a proxy; 'GHG-only': share from proxies that model greenhouse gases",
        "only (other indicators miss those datasets' burdens).",
    ]
    return lines


def render_results(results: list[ProductResult]) -> str:
    out: list[str] = []
    for r in results:
        out += _product_block(r) + [""]
    return "\n".join(out).rstrip()
