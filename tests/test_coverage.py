"""Per-indicator coverage (bw_alu.calculate.coverage) on a hand-built system.

Technosphere A (rows: products, columns: activities) and biosphere B::

              grid  coal  hydro            grid  coal  hydro
    grid   [   1     0     0  ]     CO2  [  0     1    0.02 ]
    coal   [ -0.5    1     0  ]     SO2  [  0    0.01   0   ]
    hydro  [ -0.5    0     1  ]     H2O  [  0     0     0   ]

Indicators (columns of cf): GWP (CO2 1), acidification (SO2 1.3), water (H2O 1).
Reference indicator: GWP. One kWh of grid: GWP 0.5 x 1 + 0.5 x 0.02 = 0.51, of which
0.5 (coal) rests on a dataset reporting an acidification flow and 0 on one reporting
water. Coverage: GWP 0.51/0.51 = 1; acidification 0.5/0.51 = 0.980392; water 0 (low).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse.linalg import splu

from bw_alu.calculate.coverage import (
    LOW_COVERAGE,
    background_coverage,
    product_coverage,
    reporting_mask,
)

A = sparse.csc_matrix(np.array([[1.0, 0, 0], [-0.5, 1, 0], [-0.5, 0, 1]]))
B = sparse.csc_matrix(np.array([[0, 1.0, 0.02], [0, 0.01, 0], [0, 0, 0]]))
CF = np.array([[1.0, 0, 0], [0, 1.3, 0], [0, 0, 1.0]])


def solve_t(G):
    return splu(A).solve(np.asarray(G), trans="T")


def test_reporting_mask():
    assert reporting_mask(B, CF).tolist() == [[0, 0, 0], [1, 1, 0], [1, 0, 0]]


def test_grid_coverage_through_the_supply_chain():
    unit_ref, covered = background_coverage(solve_t, B, CF, reference=0)
    assert unit_ref[0] == pytest.approx(0.51)
    assert covered[0] == pytest.approx([0.51, 0.5, 0.0])
    (gwp, acid, water) = product_coverage([(0, 1.0)], [], unit_ref, covered)
    assert (gwp.share, gwp.low) == (pytest.approx(1.0), False)
    assert acid.share == pytest.approx(0.5 / 0.51) and not acid.low
    assert (water.share, water.low) == (0.0, True)


def test_product_with_direct_emissions():
    # 100 kWh of grid (GWP 51, 50 of it on coal) + 10 kg CO2 emitted directly, which
    # reports the climate indicator only: acidification 50 / 61 = 0.819672.
    unit_ref, covered = background_coverage(solve_t, B, CF, reference=0)
    cov = product_coverage([(0, 100.0)], [(10.0, [True, False, False])], unit_ref, covered)
    assert [c.share for c in cov] == pytest.approx([1.0, 50 / 61, 0.0])
    assert [c.low for c in cov] == [False, False, True]
    assert LOW_COVERAGE == 0.5
    assert cov[1].as_dict() == {"share": pytest.approx(50 / 61), "low_coverage": False}


def test_entry_coverage_on_the_foreground_matrices():
    # Two entries of one product: 100 kWh of grid (T) and 10 kg CO2 emitted directly (F,
    # flow 0). Same figures as above: GWP 61, acidification 50 / 61, water 0.
    from bw_alu.calculate.coverage import entry_coverage, summary

    unit_ref, covered = background_coverage(solve_t, B, CF, reference=0)
    T = sparse.csr_matrix(np.array([[100.0, 0, 0], [0, 0, 0]]))
    F = sparse.csr_matrix(np.array([[0, 0, 0], [10.0, 0, 0]]))
    rows = entry_coverage(T, F, unit_ref, covered, CF, reference=0)
    assert rows.ravel().tolist() == pytest.approx([51.0, 51.0, 50.0, 0.0, 10.0, 10.0, 0.0, 0.0])
    out = summary(rows, ["GWP", "AP", "water"])
    assert out["AP"] == {"share": pytest.approx(50 / 61), "low_coverage": False}
    assert out["water"] == {"share": 0.0, "low_coverage": True}
