"""Checks of the declaration itself, without recomputation.

- every row's unit is the indicator's unit (or a multiple of it);
- contributions of a stage sum to its subtotal, subtotals to the total;
- a ``share`` column, when present, is score / indicator total (as a fraction or in %;
  for a contribution, a share of its stage subtotal is accepted too).

A declaration may list any subset of rows; a sum is only checked where the declared
parts are complete: every contributor (stage) the imported study has with a non-zero
score is declared. Tolerances honour the precision each number was written with.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ..indicators import by_label
from .declared import DeclaredRow
from .findings import INFO, MATERIAL, MINOR, Finding, severity_of
from .units import unit_factor

FLOAT_REL = 1e-9


def unit_checks(rows: list[DeclaredRow]) -> tuple[dict[int, float], list[Finding]]:
    """(line -> factor from declared unit to the indicator unit, findings)."""
    known = by_label()
    scale: dict[int, float] = {}
    wrong: dict[tuple, list[DeclaredRow]] = defaultdict(list)
    scaled: dict[tuple, list[DeclaredRow]] = defaultdict(list)
    missing: list[DeclaredRow] = []
    for r in rows:
        ind = known.get(r.indicator)
        scale[r.line] = 1.0
        if ind is None:
            continue
        if not r.unit:
            missing.append(r)
            continue
        f = unit_factor(r.unit, ind.unit)
        if f is None:
            wrong[(r.indicator, r.unit, ind.unit)].append(r)
        else:
            scale[r.line] = f
            if f != 1.0:
                scaled[(r.indicator, r.unit, ind.unit, f)].append(r)
    findings = []
    for (indicator, unit, expected), rs in wrong.items():
        findings.append(
            Finding(
                "unit",
                MATERIAL,
                f"{indicator} is declared in {unit!r}; the indicator's unit is {expected!r} "
                f"({_lines(rs)})",
                [r.ref() for r in rs],
                {"declared_unit": unit, "indicator_unit": expected},
                size=math.inf,
            )
        )
    for (indicator, unit, expected, f), rs in scaled.items():
        findings.append(
            Finding(
                "unit-scaled",
                INFO,
                f"{indicator} is declared in {unit!r}: compared as {expected!r} x {f:g} ({_lines(rs)})",
                [r.ref() for r in rs],
                {"declared_unit": unit, "indicator_unit": expected, "factor": f},
            )
        )
    if missing:
        findings.append(
            Finding(
                "unit-missing",
                MINOR,
                f"{len(missing)} declared row(s) give no unit ({_lines(missing)})",
                [r.ref() for r in missing],
                {},
            )
        )
    return scale, findings


def _lines(rs: list[DeclaredRow], most: int = 6) -> str:
    lines = [str(r.line) for r in rs[:most]]
    more = f" and {len(rs) - most} more" if len(rs) > most else ""
    return ("row " if len(rs) == 1 else "rows ") + ", ".join(lines) + more


class _Block:
    """The declared rows of one indicator, values in the indicator's unit."""

    def __init__(self, rows: list[DeclaredRow], scale: dict[int, float]):
        self.total: DeclaredRow | None = None
        self.subtotals: dict[str, DeclaredRow] = {}
        self.contribs: dict[str, list[DeclaredRow]] = defaultdict(list)
        self.scale = scale
        for r in rows:
            if r.level == "total":
                self.total = self.total or r
            elif r.level == "subtotal":
                self.subtotals.setdefault(r.stage, r)
            else:
                self.contribs[r.stage].append(r)

    def v(self, r: DeclaredRow) -> float:
        return r.score.value * self.scale[r.line]

    def h(self, r: DeclaredRow) -> float:
        return r.score.half_ulp * abs(self.scale[r.line])


def sum_checks(
    rows: list[DeclaredRow],
    scale: dict[int, float],
    tolerance: float,
    expected_parts: dict[str, dict[str, set[str]]] | None = None,
) -> tuple[list[Finding], list[str]]:
    """(findings, notes). ``expected_parts[indicator][stage]``: contributors of the imported
    study with a non-zero score (``""`` key: stages with a non-zero subtotal)."""
    by_ind: dict[str, list[DeclaredRow]] = defaultdict(list)
    for r in rows:
        by_ind[r.indicator].append(r)
    findings, skipped = [], 0
    for indicator, rs in by_ind.items():
        b = _Block(rs, scale)
        parts = (expected_parts or {}).get(indicator)
        total_size = abs(b.v(b.total)) if b.total else 0.0
        stage_values: dict[str, tuple[float, float]] = {}  # value, tolerance
        fixed: dict[
            str, tuple[float, float]
        ] = {}  # stage -> sum of contributions when it disagrees
        stages = sorted(set(b.subtotals) | set(b.contribs))
        for stage in stages:
            sub = b.subtotals.get(stage)
            cs = b.contribs.get(stage, [])
            declared_names = {c.contributor for c in cs}
            complete = bool(cs) and (parts is None or parts.get(stage, set()) <= declared_names)
            if cs and not complete:
                skipped += 1
            csum = math.fsum(b.v(c) for c in cs)
            ctol = math.fsum(b.h(c) for c in cs) + FLOAT_REL * math.fsum(abs(b.v(c)) for c in cs)
            if sub is not None:
                stage_values[stage] = (b.v(sub), b.h(sub))
                if complete:
                    diff = b.v(sub) - csum
                    if abs(diff) > ctol + b.h(sub) + FLOAT_REL * abs(b.v(sub)):
                        fixed[stage] = (csum, ctol)
                        rel = diff / abs(csum) if csum else math.inf
                        findings.append(
                            Finding(
                                "subtotal-sum",
                                severity_of(rel, tolerance),
                                f"{indicator}, {stage}: declared subtotal {_g(b.v(sub))} (row {sub.line}) "
                                f"but its {len(cs)} contributions sum to {_g(csum)} "
                                f"({_pct(rel)})",
                                [sub.ref()],
                                {
                                    "declared_subtotal": b.v(sub),
                                    "sum_of_contributions": csum,
                                    "difference": diff,
                                    "relative": rel,
                                },
                                size=abs(diff) / total_size if total_size else abs(rel),
                            )
                        )
            elif complete:
                stage_values[stage] = (csum, ctol)
        if b.total is None:
            continue
        if parts is not None:
            stages_complete = parts.get("", set()) <= set(stage_values)
        else:
            stages_complete = bool(stage_values)
        if not stages_complete:
            if stage_values:
                skipped += 1
            continue
        ssum = math.fsum(v for v, _ in stage_values.values())
        stol = math.fsum(t for _, t in stage_values.values()) + b.h(b.total)
        stol += FLOAT_REL * (
            abs(b.v(b.total)) + math.fsum(abs(v) for v, _ in stage_values.values())
        )
        diff = b.v(b.total) - ssum
        if abs(diff) <= stol:
            continue
        # A wrong subtotal also breaks the total; say it once, at the subtotal.
        alt = {**stage_values, **fixed}
        alt_sum = math.fsum(v for v, _ in alt.values())
        alt_tol = stol + math.fsum(t for _, t in fixed.values())
        if fixed and abs(b.v(b.total) - alt_sum) <= alt_tol:
            continue
        rel = diff / abs(ssum) if ssum else math.inf
        findings.append(
            Finding(
                "total-sum",
                severity_of(rel, tolerance),
                f"{indicator}: declared total {_g(b.v(b.total))} (row {b.total.line}) but the "
                f"{len(stage_values)} stage(s) sum to {_g(ssum)} ({_pct(rel)})",
                [b.total.ref()],
                {
                    "declared_total": b.v(b.total),
                    "sum_of_stages": ssum,
                    "difference": diff,
                    "relative": rel,
                },
                size=abs(diff) / total_size if total_size else abs(rel),
            )
        )
    notes = []
    if skipped:
        notes.append(
            f"{skipped} sum(s) not checked: the declaration does not list every part "
            "(contributor or stage) the study has"
        )
    return findings, notes


def share_checks(
    rows: list[DeclaredRow], scale: dict[int, float], tolerance: float
) -> tuple[list[Finding], list[str]]:
    by_ind: dict[str, list[DeclaredRow]] = defaultdict(list)
    for r in rows:
        by_ind[r.indicator].append(r)
    findings, unchecked = [], 0
    for rs in by_ind.values():
        b = _Block(rs, scale)
        for r in rs:
            if r.share is None:
                continue
            if b.total is None or b.v(b.total) == 0:
                unchecked += 1
                continue
            bases = [b.total]
            if r.level == "contribution" and r.stage in b.subtotals:
                bases.append(b.subtotals[r.stage])
            s = r.share
            best = None
            for base in bases:
                if b.v(base) == 0:
                    continue
                frac = b.v(r) / b.v(base)
                rel_prec = (b.h(r) / abs(b.v(r)) if b.v(r) else 0.0) + b.h(base) / abs(b.v(base))
                for mult in (100.0,) if s.percent else (1.0, 100.0):
                    expected = frac * mult
                    tol = s.half_ulp + abs(expected) * rel_prec + FLOAT_REL
                    diff = s.value - expected
                    if best is None or abs(diff) - tol < best[0]:
                        best = (abs(diff) - tol, diff, expected, mult)
            if best is None or best[0] <= 0:
                continue
            _, diff, expected, mult = best
            rel = diff / abs(expected) if expected else math.inf
            shown = f"{s.value:g}{'%' if mult == 100.0 else ''}"
            findings.append(
                Finding(
                    "share",
                    severity_of(rel, tolerance),
                    f"{r.name()}: declared share {shown} but score / total gives "
                    f"{expected:.4g}{'%' if mult == 100.0 else ''}",
                    [r.ref()],
                    {"declared_share": s.value, "expected_share": expected, "relative": rel},
                    size=abs(diff / mult),
                )
            )
    notes = [f"{unchecked} share(s) not checked: no declared total"] if unchecked else []
    return findings, notes


def _g(x: float) -> str:
    return f"{x:.6g}"


def _pct(rel: float) -> str:
    return "no base" if not math.isfinite(rel) else f"{rel:+.2%}"
