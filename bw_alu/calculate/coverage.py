"""How much of a result rests on datasets that report an indicator's flows at all.

An EF 3.1 indicator scores only the flows its datasets report: a dataset with no water
flow scores zero water use, whatever its real use. A zero or a small score is then a data
gap, not a result. This module measures, per indicator, the share of the product system
carried by datasets that report at least one flow the indicator characterizes.

"Share of the system" needs one yardstick that (almost) every dataset reports: the
reference indicator, GWP100 (IPCC 2021) by default. For indicator m:

    coverage_m = (reference score of the system's activities that report a flow of m)
                 / (reference score of the whole system)

computed through the supply chain with the same transposed solve as the unit scores
(``engine.py``): with g the own-emission reference score of each activity and r_m[j] = 1
when activity j reports a flow with a non-zero factor of m, ``A^T x_m = g * r_m`` gives,
for every activity, the part of its reference score that rests on reporting datasets.
A product adds its direct emissions (which report greenhouse gases only).

An indicator is marked "low coverage" when coverage_m < ``LOW_COVERAGE`` (0.5): most of
the system lies in datasets that lack its flows (on this background: land use, water
use, ionising radiation, freshwater eutrophication).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

LOW_COVERAGE = 0.5


@dataclass(frozen=True)
class Coverage:
    share: float  # 0..1 of the reference score on datasets reporting the indicator's flows
    low: bool  # share < LOW_COVERAGE

    def as_dict(self) -> dict:
        return {"share": self.share, "low_coverage": self.low}


def reporting_mask(biosphere: sparse.spmatrix, cf: np.ndarray) -> np.ndarray:
    """activities x indicators: 1.0 where the activity reports a flow the indicator characterizes.

    ``biosphere``: flows x activities (B); ``cf``: flows x indicators.
    """
    B = sparse.csc_matrix(biosphere)
    reported = (abs(B) > 0).astype(np.float64)  # flows x activities
    characterized = (cf != 0).astype(np.float64)  # flows x indicators
    return (np.asarray(reported.T @ characterized) > 0).astype(np.float64)


def background_coverage(
    solve_transposed: Callable[[np.ndarray], np.ndarray],
    biosphere: sparse.spmatrix,
    cf: np.ndarray,
    reference: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Unit reference scores and their parts on reporting datasets, for every activity.

    Returns ``(unit_ref, covered)``: ``unit_ref[j]`` the reference score of one unit of
    activity j (whole supply chain), ``covered[j, m]`` the part of it that rests on
    activities reporting flows of indicator m. ``solve_transposed(G)`` solves A^T X = G.
    """
    X = solve_transposed(coverage_rhs(biosphere, cf, reference))
    return X[:, 0], X[:, 1:]


def coverage_rhs(biosphere: sparse.spmatrix, cf: np.ndarray, reference: int) -> np.ndarray:
    """Right-hand sides of :func:`background_coverage`: column 0 the own-emission reference
    score g of each activity, column 1 + m the part of g of activities reporting m."""
    g = np.asarray(sparse.csr_matrix(biosphere).T @ cf[:, reference]).ravel()
    return np.column_stack([g, g[:, None] * reporting_mask(biosphere, cf)])


def product_coverage(
    rows: Iterable[tuple[int, float]],
    direct: Iterable[tuple[float, Sequence[bool]]],
    unit_ref: np.ndarray,
    covered: np.ndarray,
    threshold: float = LOW_COVERAGE,
) -> list[Coverage]:
    """Coverage of each indicator for one product.

    ``rows``: (matrix row of the background activity, amount per declared unit) of each
    linked inventory row; ``direct``: (reference score, reports[m]) of each
    direct-emission item (a direct emission of greenhouse gases reports the climate
    indicators only). Indicators follow the columns of ``covered``.
    """
    k = covered.shape[1]
    total = 0.0
    part = np.zeros(k)
    for row, amount in rows:
        total += amount * unit_ref[row]
        part += amount * covered[row]
    for score, reports in direct:
        total += score
        part += score * np.asarray(reports, dtype=np.float64)
    if total == 0:
        return [Coverage(share=0.0, low=True) for _ in range(k)]
    shares = np.clip(part / total, 0.0, 1.0)
    return [Coverage(share=float(s), low=bool(s < threshold)) for s in shares]


def entry_coverage(
    T: sparse.spmatrix,
    F: sparse.spmatrix,
    unit_ref: np.ndarray,
    covered: np.ndarray,
    cf: np.ndarray,
    reference: int,
) -> np.ndarray:
    """Per foreground entry: column 0 its reference score, columns 1.. the covered parts.

    ``T`` (entries x activities) and ``F`` (entries x flows) are the matrices
    ``calculate/products.py`` already builds (background inputs and direct elementary
    flows of each entry). A direct flow "reports" indicator m when m characterizes it.
    Sum the rows of one product and pass them to :func:`summary`.
    """
    T = sparse.csr_matrix(T)
    F = sparse.csr_matrix(F)
    direct_ref = np.asarray(F @ cf[:, reference]).ravel()
    # the direct reference score of an entry counts for m when its flows include one that
    # m characterizes: flow-wise, reference score x (cf_m != 0)
    direct_cov = np.asarray(F @ (cf[:, [reference]] * (cf != 0)))
    ref = np.asarray(T @ unit_ref).ravel() + direct_ref
    cov = np.asarray(T @ covered) + direct_cov
    return np.column_stack([ref, cov])


def summary(rows: np.ndarray, labels: Sequence[str], threshold: float = LOW_COVERAGE) -> dict:
    """``{label: {"share", "low_coverage"}}`` from the rows of :func:`entry_coverage` of one product."""
    total = rows.sum(axis=0)
    if total[0] == 0:
        return {label: Coverage(0.0, True).as_dict() for label in labels}
    shares = np.clip(total[1:] / total[0], 0.0, 1.0)
    return {
        label: Coverage(float(s), bool(s < threshold)).as_dict() for label, s in zip(labels, shares)
    }
