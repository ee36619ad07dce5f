"""Checks of the study's inventory, from the imported product (``ProductResult.rows/.meta``).

These are what a verifier notices reading the study, independent of any declared number:
mixed background system models, transport in km, a reference flow that is assumed, the
cut-off rule, suspicious identical amounts, rows entered twice, and where proxies or substitutes stand in.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ..indicators import CLIMATE_CHANGE, GWP100
from ..linking.link import parse_simapro_name
from ..results import ProductResult
from ..units import UnitError, factor
from ..workbook.model import per_declared_unit
from .findings import INFO, MATERIAL, MINOR, Finding

CUT_OFF_ITEM, CUT_OFF_PRECIOUS, CUT_OFF_TOTAL = 0.01, 0.001, 0.05  # GB/T 44905-2024
MIN_SIGNIFICANT_DIGITS = 3  # "1 t" twice is chance; "38652.84 t" twice is not


def _ref(row: dict) -> dict:
    return {
        "inventory_row": row["index"],
        "label": row["label"],
        "stage": row["stage"],
        "location": row.get("location", ""),
    }


def _climate_shares(result: ProductResult) -> dict[str, float]:
    """contributor -> share of the climate total (GWP100, else EF climate change)."""
    t = result.table
    for ind in (GWP100, CLIMATE_CHANGE):
        block = t[t.indicator == ind]
        if block.empty:
            continue
        total = float(block[block.stage == ""].score.iloc[0])
        if not total:
            return {}
        rows = block[block.contributor != ""]
        return {c: float(s) / total for c, s in zip(rows.contributor, rows.score)}
    return {}


def per_du(product: dict) -> float | None:
    """Workbook amount -> per declared unit (None when the annual production is missing)."""
    if product.get("basis") == "annual" and not product.get("annual_production"):
        return None
    return per_declared_unit(
        product["declared_unit_amount"],
        product["declared_unit_unit"],
        product.get("basis"),
        product.get("annual_production"),
        product.get("annual_production_unit"),
    )


def system_models(result: ProductResult) -> list[Finding]:
    """Mixed system models (Cut-off / APOS / ...) and mixed unit / system processes."""
    models: dict[str, list[dict]] = defaultdict(list)
    types: dict[str, list[dict]] = defaultdict(list)
    for row in result.rows:
        parts = parse_simapro_name(row["dataset"])
        if parts is None:
            continue
        models[parts["system_model"]].append(row)
        types[parts["process_type"]].append(row)
    out = []
    if len(models) > 1:
        out.append(
            _mixed(
                models,
                "mixed-system-models",
                MINOR,
                "system_model",
                f"background datasets of {len(models)} system models",
            )
        )
    if len(types) > 1:
        out.append(
            _mixed(
                types,
                "mixed-process-types",
                INFO,
                "process_type",
                "unit (U) and system (S) processes mixed",
            )
        )
    return out


def _mixed(groups: dict[str, list[dict]], code: str, severity: str, field: str, what: str):
    """A finding naming the rows outside the most common group."""
    main = max(groups, key=lambda m: len(groups[m]))
    others = [(m, r) for m, rs in groups.items() if m != main for r in rs]
    desc = "; ".join(f"{r['label']!r}: {m}" for m, r in others)
    return Finding(
        code,
        severity,
        f"{what}: {len(groups[main])} {main}, and {desc}",
        [_ref(r) | {field: m, "dataset": r["dataset"]} for m, r in others],
        {"counts": {m: len(rs) for m, rs in groups.items()}},
        size=len(others),
    )


def transport_km(result: ProductResult, tolerance: float) -> list[Finding]:
    shares = _climate_shares(result)
    rows = [r for r in result.rows if r["unit"] == "km"]
    if not rows:
        return []
    share = math.fsum(abs(shares.get(r["label"], 0.0)) for r in rows)
    desc = "; ".join(
        f"{r['label']!r} {r['amount']:g} km x load {r['load_t']:g} t"
        + (f" (assumption {r['assumption']})" if r.get("assumption") else "")
        for r in rows
    )
    return [
        Finding(
            "transport-in-km",
            MATERIAL if share > tolerance else MINOR,
            f"transport given in km, not t*km: the study's figures cannot become an impact "
            f"without the loads; the workbook assumes them: {desc} "
            f"({share:.2%} of the climate total rests on these loads)",
            [_ref(r) | {"km": r["amount"], "load_t": r["load_t"]} for r in rows],
            {"climate_share": share},
            size=share,
        )
    ]


def reference_flow(result: ProductResult) -> list[Finding]:
    p = result.meta.get("product", {})
    if p.get("basis") != "annual":
        return []
    if not p.get("annual_production"):
        return [
            Finding(
                "reference-flow-missing",
                MATERIAL,
                "the inventory is annual but no annual production is given: no per-unit "
                "result can be formed",
                [],
                {},
                size=1.0,
            )
        ]
    ref = p.get("annual_production_assumption")
    if not ref:
        return []
    text = next((a["text"] for a in result.meta.get("assumptions", []) if a["id"] == ref), "")
    unit = p.get("annual_production_unit") or p.get("declared_unit_unit")
    return [
        Finding(
            "reference-flow-assumed",
            MATERIAL,
            f"the inventory is annual and the annual production {p['annual_production']:g} "
            f"{unit} is not measured but assumed ({ref}: {text}); every per-unit result "
            "scales with it",
            [{"assumption": ref}],
            {"annual_production": p["annual_production"], "unit": unit},
            size=1.0,
        )
    ]


def cut_off(result: ProductResult) -> tuple[list[Finding], list[str]]:
    items = result.meta.get("left_out") or []
    if not items:
        return [], ["cut-off rule not checked: the workbook lists no left-out items"]
    p = result.meta.get("product", {})
    scale = per_du(p)
    if scale is None:
        return [], ["cut-off rule not checked: no annual production to scale left-out masses"]
    du_kg = p["declared_unit_amount"] * factor(p["declared_unit_unit"], "kg")
    out, total = [], 0.0
    for x in items:
        share = x["mass_kg"] * scale / du_kg
        total += share
        limit = CUT_OFF_PRECIOUS if x["precious"] else CUT_OFF_ITEM
        if share >= limit:
            kind = "precious/high-purity " if x["precious"] else ""
            out.append(
                Finding(
                    "cut-off-item",
                    MATERIAL,
                    f"left-out {kind}item {x['label']!r} is {share:.3%} of product mass "
                    f"(limit {limit:.1%})",
                    [{"left_out": x["label"]}],
                    {"mass_kg_per_du": x["mass_kg"] * scale, "share": share, "limit": limit},
                    size=share,
                )
            )
    if total > CUT_OFF_TOTAL:
        out.append(
            Finding(
                "cut-off-total",
                MATERIAL,
                f"left-out items together are {total:.3%} of product mass (limit 5%)",
                [{"left_out": x["label"]} for x in items],
                {"share": total, "limit": CUT_OFF_TOTAL},
                size=total,
            )
        )
    notes = (
        []
        if out
        else [f"cut-off rule met: {len(items)} left-out item(s), {total:.3%} of product mass"]
    )
    return out, notes


def _significant_digits(x: float) -> int:
    text = f"{x:.12g}".lower().split("e")[0].replace("-", "").replace(".", "").strip("0")
    return len(text)


def identical_amounts(result: ProductResult) -> list[Finding]:
    groups = defaultdict(list)
    for r in result.rows:
        if not r["amount"] or _significant_digits(r["amount"]) < MIN_SIGNIFICANT_DIGITS:
            continue
        try:
            base = r["amount"] * factor(r["unit"], _base(r["unit"]))
        except UnitError:
            continue
        groups[(_base(r["unit"]), float(f"{base:.12g}"))].append(r)
    out = []
    for (_, _), rs in groups.items():
        if len({r["label"] for r in rs}) < 2:
            continue
        desc = ", ".join(f"{r['label']!r} (row {r['index']})" for r in rs)
        out.append(
            Finding(
                "identical-amounts",
                MINOR,
                f"{desc} carry the identical amount {rs[0]['amount']:.12g} {rs[0]['unit']}: "
                "check the source documents (a copied figure?)",
                [_ref(r) | {"amount": r["amount"], "unit": r["unit"]} for r in rs],
                {"amount": rs[0]["amount"], "unit": rs[0]["unit"]},
                size=len(rs),
            )
        )
    return out


def duplicate_rows(result: ProductResult) -> list[Finding]:
    """Rows that repeat another's process, stage, dataset (or flow), amount and unit: the
    import counts each, so a row pasted twice doubles its contribution."""
    groups = defaultdict(list)
    for r in result.rows:
        key = (r.get("process"), r["stage"], r.get("dataset"), r["amount"], r["unit"])
        groups[key].append(r)
    out = []
    for (process, stage, dataset, amount, unit), rs in groups.items():
        if len(rs) < 2:
            continue
        where = " and ".join(
            f"{r['label']!r} ({r.get('location') or 'inventory row ' + str(r['index'])})"
            for r in rs
        )
        out.append(
            Finding(
                "duplicate-rows",
                MINOR,
                f"{where} repeat process {process!r}, stage {stage!r}, dataset {dataset!r}, "
                f"{amount:.12g} {unit}: both are counted; delete the copy if it is one",
                [
                    _ref(r)
                    | {
                        "process": r.get("process"),
                        "dataset": r.get("dataset"),
                        "amount": r["amount"],
                        "unit": r["unit"],
                    }
                    for r in rs
                ],
                {"count": len(rs), "amount": amount, "unit": unit},
                size=float(len(rs)),
            )
        )
    return out


def _base(unit: str) -> str:
    from ..units import UNITS

    dim = UNITS[unit].dimension
    return next(s for s, u in UNITS.items() if u.dimension == dim and u.factor == 1.0)


def substitutions(result: ProductResult) -> list[Finding]:
    shares = _climate_shares(result)
    out = []
    proxies = [r for r in result.rows if (r.get("link") or {}).get("proxy")]
    if proxies:
        climate = result.proxy_share.get(GWP100) or result.proxy_share.get(CLIMATE_CHANGE) or {}
        share = climate.get("proxy", 0.0)
        desc = "; ".join(f"{r['label']!r} -> {_target(r)}" for r in proxies)
        out.append(
            Finding(
                "proxy-dataset",
                INFO,
                f"{len(proxies)} row(s) linked to proxy datasets ({share:.1%} of the "
                f"climate total on proxies): {desc}",
                [_ref(r) | {"dataset": r["dataset"], "linked_to": _target(r)} for r in proxies],
                {"proxy_share": result.proxy_share.get(GWP100, {})},
                size=share,
            )
        )
    subs = [
        r
        for r in result.rows
        if (r.get("link") or {}).get("match") in {"mapped", "simapro"}
        and not r["link"].get("proxy")
    ]
    if subs:
        share = math.fsum(abs(shares.get(r["label"], 0.0)) for r in subs)
        desc = "; ".join(f"{r['label']!r} -> {_target(r)}" for r in subs[:8])
        more = f"; and {len(subs) - 8} more" if len(subs) > 8 else ""
        out.append(
            Finding(
                "substituted-dataset",
                INFO,
                f"{len(subs)} row(s) use an open dataset in place of the study's "
                f"({share:.1%} of the climate total): {desc}{more}",
                [_ref(r) | {"dataset": r["dataset"], "linked_to": _target(r)} for r in subs],
                {"climate_share": share},
                size=share,
            )
        )
    free = [r for r in result.rows if (r.get("link") or {}).get("match") == "burden-free"]
    if free:
        out.append(
            Finding(
                "burden-free",
                INFO,
                f"{len(free)} row(s) carry no upstream burden (cut-off approach): "
                + ", ".join(repr(r["label"]) for r in free),
                [_ref(r) for r in free],
                {},
                size=0.0,
            )
        )
    return out


def _target(row: dict) -> str:
    t = (row.get("link") or {}).get("target") or {}
    return repr(t.get("name", ""))


def check_inventory(result: ProductResult, tolerance: float) -> tuple[list[Finding], list[str]]:
    findings = system_models(result) + transport_km(result, tolerance) + reference_flow(result)
    cut, notes = cut_off(result)
    findings += cut + identical_amounts(result) + duplicate_rows(result) + substitutions(result)
    return findings, notes
