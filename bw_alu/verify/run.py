"""``verify``: recompute a product, compare a declaration, check the study; one report."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..results import ProductResult
from .arithmetic import share_checks, sum_checks, unit_checks
from .compare import compare
from .declared import read_declared
from .findings import order
from .inventory import check_inventory
from .report import VerifyReport

DEFAULT_TOLERANCE = 0.05  # materiality: 5 % per row and for the total


def expected_parts(result: ProductResult) -> dict[str, dict[str, set[str]]]:
    """indicator -> stage -> contributors with a non-zero score; ``""`` -> non-zero stages."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rec in result.table.itertuples(index=False):
        if not rec.stage or rec.score == 0:
            continue
        if rec.contributor:
            out[rec.indicator][rec.stage].add(rec.contributor)
        else:
            out[rec.indicator][""].add(rec.stage)
    return out


def verify_result(
    result: ProductResult, declared_path: str | Path, rows, has_share: bool, tolerance: float
) -> VerifyReport:
    """The report for declared ``rows`` against an already computed ``result``."""
    scale, findings = unit_checks(rows)
    comparisons, more = compare(rows, result, scale, tolerance)
    findings += more
    parts = expected_parts(result)
    sums, notes = sum_checks(rows, scale, tolerance, parts)
    findings += sums
    if has_share:
        shares, share_notes = share_checks(rows, scale, tolerance)
        findings += shares
        notes += share_notes
    inv, inv_notes = check_inventory(result, tolerance)
    findings += inv
    notes += inv_notes
    incomplete = result.calculation.get("incomplete_indicators") or []
    declared_inds = {r.indicator for r in rows}
    silent = [i for i in incomplete if i not in declared_inds]
    if silent:
        notes.append(
            "not recomputable from the factor file (not declared either): " + ", ".join(silent)
        )
    bg = result.meta.get("background") or {}
    study = {
        "workbook": result.meta.get("workbook", ""),
        "background": f"{bg.get('title', bg.get('database', ''))} [{bg.get('version', '')}]",
        "factors_file": result.meta.get("factors_file"),
    }
    return VerifyReport(
        result.product_id, str(declared_path), tolerance, order(findings), comparisons, notes, study
    )


def verify(
    project: str,
    declared_path: str | Path,
    *,
    product: str | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> VerifyReport:
    """Read the declared file (raises DeclaredFileInvalid), recompute, compare, check."""
    from ..lcia import calculate_products

    pid, rows, has_share = read_declared(declared_path, product)
    (result,) = calculate_products(project, [pid])
    return verify_result(result, declared_path, rows, has_share, tolerance)
