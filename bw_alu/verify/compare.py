"""Declared rows against the recomputed results table, row by row.

A declared value agrees when it is what the recomputed value rounds to at the precision
it was written with (plus float32 noise of Brightway's stored data, 1e-6 relative).
Beyond that, the relative deviation against the materiality threshold gives the
verdict: ``minor`` within it, ``material`` beyond it (per row, and for the total row).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..indicators import by_label, indicators
from ..results import ProductResult
from .declared import DeclaredRow
from .findings import MATERIAL, MINOR, Finding, severity_of

NOISE_REL = 1e-6  # Brightway stores exchanges and factors as float32
AGREES, WITHIN, BEYOND = "agrees", "within tolerance", "material"
NOT_RECOMPUTABLE, NOT_IN_MODEL, UNKNOWN = "not recomputable", "not in model", "unknown indicator"


@dataclass
class Comparison:
    row: DeclaredRow
    declared: float  # in the indicator's unit
    recomputed: float | None
    verdict: str

    @property
    def abs_dev(self) -> float | None:
        return None if self.recomputed is None else self.declared - self.recomputed

    @property
    def rel_dev(self) -> float | None:
        if self.recomputed is None:
            return None
        d = self.declared - self.recomputed  # abs_dev
        if self.recomputed == 0:
            return 0.0 if d == 0 else math.inf
        return d / abs(self.recomputed)

    def to_json(self) -> dict:
        r = self.row
        rel = self.rel_dev
        return {
            "declared_row": r.line,
            "indicator": r.indicator,
            "unit": r.unit,
            "stage": r.stage,
            "contributor": r.contributor,
            "kind": r.kind,
            "declared": self.declared,
            "recomputed": self.recomputed,
            "abs_dev": self.abs_dev,
            "rel_dev": rel if rel is None or math.isfinite(rel) else str(rel),
            "verdict": self.verdict,
        }


def missing_parts(result: ProductResult) -> dict[str, set[tuple[str, str]]]:
    """indicator -> {(stage, contributor)} of factor-linked rows the factor file gives no value for."""
    out: dict[str, set] = defaultdict(set)
    for row in result.rows:
        factors = (row.get("link") or {}).get("factors")
        if factors is None:
            continue
        for ind in indicators():
            if ind.label not in factors["values"]:
                out[ind.label].add((row["stage"], row["label"]))
    return out


def _aliases(result: ProductResult) -> dict[tuple[str, str], str]:
    """(stage, Chinese label) -> contract label, so a declaration in Chinese still matches."""
    return {(r["stage"], r["label_zh"]): r["label"] for r in result.rows if r.get("label_zh")}


def compare(
    rows: list[DeclaredRow], result: ProductResult, scale: dict[int, float], tolerance: float
) -> tuple[list[Comparison], list[Finding]]:
    table = result.table
    known = by_label()
    codes = {i.en15804_code: i.label for i in indicators()}
    recomputed: dict[tuple, list[float]] = defaultdict(list)
    for rec in table.itertuples(index=False):
        recomputed[(rec.indicator, rec.stage, rec.contributor)].append(float(rec.score))
    totals = result.totals()
    missing = missing_parts(result)
    aliases = _aliases(result)
    audits = {f"{a['calculator']}: {a['label']}": a for a in result.direct}
    used: dict[tuple, int] = defaultdict(int)
    comparisons, findings = [], []
    unknown: dict[str, list[DeclaredRow]] = defaultdict(list)
    not_recomputable: dict[str, list[DeclaredRow]] = defaultdict(list)
    for r in rows:
        indicator = r.indicator if r.indicator in known else codes.get(r.indicator)
        declared = r.score.value * scale.get(r.line, 1.0)
        if indicator is None:
            unknown[r.indicator].append(r)
            comparisons.append(Comparison(r, declared, None, UNKNOWN))
            continue
        contributor = aliases.get((r.stage, r.contributor), r.contributor)
        gaps = missing.get(indicator, set())
        if gaps and (
            r.level == "total"
            or (r.level == "subtotal" and any(s == r.stage for s, _ in gaps))
            or (r.stage, contributor) in gaps
        ):
            not_recomputable[indicator].append(r)
            comparisons.append(Comparison(r, declared, None, NOT_RECOMPUTABLE))
            continue
        key = (indicator, r.stage, contributor)
        n = used[key]
        used[key] += 1
        if n >= len(recomputed.get(key, [])):
            comparisons.append(Comparison(r, declared, None, NOT_IN_MODEL))
            findings.append(_not_in_model(r, declared, totals.get(indicator), tolerance))
            continue
        value = recomputed[key][n]
        c = Comparison(r, declared, value, AGREES)
        slack = r.score.half_ulp * abs(scale.get(r.line, 1.0))
        slack += NOISE_REL * max(abs(value), abs(declared)) + 1e-12 * abs(
            totals.get(indicator, 0.0)
        )
        dev, rel = c.abs_dev, c.rel_dev
        assert dev is not None and rel is not None  # c was recomputed
        if abs(dev) > slack:
            c.verdict = BEYOND if severity_of(rel, tolerance) == MATERIAL else WITHIN
            findings.append(
                _deviation(
                    c,
                    indicator,
                    totals.get(indicator, 0.0),
                    tolerance,
                    audits.get(contributor) if _is_direct(r, contributor, audits) else None,
                )
            )
        comparisons.append(c)
    for name, rs in unknown.items():
        findings.append(
            Finding(
                "unknown-indicator",
                MINOR,
                f"indicator {name!r} is not one bw-alu computes ({len(rs)} declared row(s)); "
                "use the labels of methods/indicators.csv",
                [x.ref() for x in rs],
                {"rows": len(rs)},
            )
        )
    for indicator, rs in not_recomputable.items():
        missing_rows = sorted(missing[indicator])
        findings.append(
            Finding(
                "not-recomputable",
                MINOR,
                f"{indicator}: {len(rs)} declared row(s) cannot be recomputed: the factor file "
                f"gives no {indicator} for " + ", ".join(repr(c) for _, c in missing_rows),
                [x.ref() for x in rs],
                {"rows": len(rs), "factor_rows_without_indicator": [c for _, c in missing_rows]},
                size=0.0,
            )
        )
    return comparisons, findings


def _is_direct(r: DeclaredRow, contributor: str, audits: dict) -> bool:
    return r.kind == "direct" or contributor in audits


def _size(dev: float, total: float, rel: float) -> float:
    return abs(dev) / abs(total) if total else abs(rel)


def _deviation(
    c: Comparison, indicator: str, total: float, tolerance: float, audit: dict | None
) -> Finding:
    r, rel, dev, recomputed = c.row, c.rel_dev, c.abs_dev, c.recomputed
    assert rel is not None and dev is not None and recomputed is not None  # c was recomputed
    sev = severity_of(rel, tolerance)
    rel_txt = f"{rel:+.2%}" if math.isfinite(rel) else "recomputed 0"
    numbers: dict[str, Any] = {
        "declared": c.declared,
        "recomputed": recomputed,
        "abs_dev": dev,
        "rel_dev": rel,
        "share_of_total": dev / total if total else None,
        "tolerance": tolerance,
    }
    if audit is None:
        return Finding(
            "deviation",
            sev,
            f"{r.name()}: declared {c.declared:.6g}, recomputed {recomputed:.6g} "
            f"({rel_txt}; threshold {tolerance:.0%})",
            [r.ref()],
            numbers,
            size=_size(dev, total, rel),
        )
    numbers.update(
        {
            "formula": audit["formula"],
            "kg_co2e_from_parameters": audit["kg_co2e"],
            "parameters": {
                p["name"]: [p["used_value"], p["used_unit"]] for p in audit["parameters"]
            },
        }
    )
    hint = _hint(c.declared, recomputed)
    if hint:
        numbers["hint"] = hint
    return Finding(
        "direct-not-from-parameters",
        sev,
        f"{r.name()}: declared {c.declared:.6g} cannot come from its parameters, which give "
        f"{recomputed:.6g} ({rel_txt}): {audit['formula']}" + (f"; {hint}" if hint else ""),
        [r.ref()],
        numbers,
        size=_size(dev, total, rel),
    )


def _hint(declared: float, recomputed: float) -> str:
    """A common slip that would explain the ratio (t vs kg, C vs CO2, per DU vs annual)."""
    if not recomputed or not declared:
        return ""
    ratio = declared / recomputed
    for value, text in (
        (1000.0, "x 1000: t and kg mixed up?"),
        (1e-3, "/ 1000: t and kg mixed up?"),
        (12 / 44, "x 12/44: reported as carbon, not CO2?"),
        (44 / 12, "x 44/12: carbon content converted twice?"),
    ):
        if abs(ratio / value - 1) < 0.01:
            return f"declared = recomputed {text}"
    return ""


def _not_in_model(
    r: DeclaredRow, declared: float, total: float | None, tolerance: float
) -> Finding:
    share = abs(declared) / abs(total) if total else math.inf
    sev = MATERIAL if share > tolerance else MINOR
    return Finding(
        "not-in-model",
        sev,
        f"{r.name()}: the imported study has no such row (declared {declared:.6g}, "
        f"{'%.2f%% of the total' % (100 * share) if math.isfinite(share) else 'no total'})",
        [r.ref()],
        {"declared": declared, "share_of_total": share if math.isfinite(share) else None},
        size=share,
    )
