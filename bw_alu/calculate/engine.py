"""One set of background matrices, one factorization, every indicator for every activity.

bw2calc builds the technosphere (A), biosphere (B) and characterization (C_m) matrices of
a background database (with the databases it depends on). The score of *every* activity
for indicator m comes from one transposed solve ``A^T lambda_m = B^T c_m`` (c_m the
diagonal of C_m): lambda_m[j] is the score of one unit of activity j's reference product,
with its whole supply chain. All indicators are columns of one right-hand side, so the
matrix is factorized once, whatever the number of products and indicators.

The same solve with c_m masked to the biosphere columns of proxy activities gives, for
any activity, how much of its score rests on proxy datasets' own emissions.

The matrices hold the background only, not the products: a product's foreground (see
``foreground.py``) is a two-level tree by construction of the importer, so its scores
are lookups in these unit scores. A product's results therefore do not depend on which
other products are calculated with it: ``lcia --product X`` and a batch of a thousand
give bit-identical tables.
"""

from __future__ import annotations

import time
import warnings

import bw2calc as bc
import numpy as np
from scipy import sparse

from .coverage import coverage_rhs


def solver_name() -> str:
    if bc.PYPARDISO:
        return "pypardiso (Intel MKL PARDISO)"
    if getattr(bc, "UMFPACK", False):
        return "scikit-umfpack (UMFPACK)"
    return "scipy.sparse.linalg (SuperLU)"


def shared_pardiso_solver():
    """pypardiso's shared solver instance, or None without PARDISO."""
    return _pardiso_solver() if bc.PYPARDISO else None


def _pardiso_solver():
    """pypardiso's own solver instance (the one its ``spsolve`` uses): creating another
    one searches the file system for MKL, 0.2-0.4 s each time."""
    from pypardiso import PyPardisoSolver

    try:
        from pypardiso.scipy_aliases import pypardiso_solver
    except ImportError:  # pragma: no cover (older pypardiso)
        return PyPardisoSolver()
    return pypardiso_solver if isinstance(pypardiso_solver, PyPardisoSolver) else PyPardisoSolver()


class Factorized:
    """A factorized square sparse matrix M: solves ``M X = G`` and ``M^T X = G``.

    With PARDISO the factorization lives in pypardiso's shared solver instance, which
    bw2calc's solve of the same matrix then reuses (pypardiso compares the matrix)."""

    def __init__(self, M: sparse.spmatrix):
        self.M = M.tocsr()
        self.M.sort_indices()
        if bc.PYPARDISO:
            self.pardiso = _pardiso_solver()
            # Analysis + numerical factorization only (phase 12); solves reuse it.
            self.pardiso.factorize(self.M)
        else:
            from scipy.sparse.linalg import splu

            self._lu = splu(self.M.tocsc())

    def solve(self, G: np.ndarray) -> np.ndarray:
        G = np.ascontiguousarray(G, dtype=np.float64)
        if bc.PYPARDISO:
            return np.asarray(self.pardiso.solve(self.M, G)).reshape(G.shape)
        return self._lu.solve(G)

    def solve_transposed(self, G: np.ndarray) -> np.ndarray:
        G = np.ascontiguousarray(G, dtype=np.float64)
        if bc.PYPARDISO:
            # M.T of a CSR matrix is a CSC view of the same arrays: pypardiso recognizes
            # the factorized matrix and asks PARDISO for the transposed solve (iparm 12).
            return np.asarray(self.pardiso.solve(self.M.T, G)).reshape(G.shape)
        return self._lu.solve(G, trans="T")

    def free(self) -> None:
        """Release the factorization (the solver instance itself is kept for reuse)."""
        if bc.PYPARDISO:
            self.pardiso.free_memory(everything=False)


def _first_activity_id(database: str) -> int:
    from bw2data.backends import ActivityDataset as AD

    row = AD.select(AD.id).where(AD.database == database).order_by(AD.id).first()
    if row is None:
        from ..errors import BackgroundInvalid

        raise BackgroundInvalid(f"background database {database!r} holds no activity")
    return row.id


class BackgroundScores:
    """Unit scores of every activity of ``database`` (and the databases it depends on).

    ``methods``: method tuples in indicator order; ``proxy_ids`` / ``ghg_only_ids``: node
    ids of activities that are proxies (whole proxies / GHG-only proxies);
    ``coverage_reference``: the column of the indicator that measures coverage
    (``coverage.py``), whose right-hand sides join the same solve.

    After construction: ``index[node id]`` is the row of an activity in ``unit``,
    ``proxy`` and ``ghg_only`` (arrays activities x indicators), ``flow_index[flow id]``
    the row of an elementary flow in ``cf`` (flows x indicators); with a coverage
    reference, ``unit_ref`` and ``covered`` as ``coverage.background_coverage`` returns them.
    """

    def __init__(
        self,
        *,
        database: str,
        methods: list[tuple],
        proxy_ids=(),
        ghg_only_ids=(),
        coverage_reference: int | None = None,
    ):
        import bw2data as bd

        t0 = time.perf_counter()
        self.database = database
        self.methods = list(methods)
        config = {"impact_categories": self.methods}
        demands = {"background": {_first_activity_id(database): 1.0}}
        data_objs = bd.get_multilca_data_objs(demands, config)
        mlca = bc.MultiLCA(demands=demands, method_config=config, data_objs=data_objs)
        with warnings.catch_warnings():
            # An indicator none of whose flows occur (ODP of a small system) scores zero;
            # that is a result, not a problem.
            warnings.filterwarnings("ignore", message="All values in characterization matrix")
            mlca.load_lci_data()
            mlca.load_lcia_data()
        A = mlca.technosphere_matrix
        B = mlca.biosphere_matrix.tocsr()
        rows = mlca.dicts.product  # product (row) index of A, by node id
        cols = mlca.dicts.activity  # activity (column) index of A and B, by node id
        self.flow_index = dict(mlca.dicts.biosphere)
        n, k = A.shape[0], len(self.methods)

        proxy_cols, ghg_cols = np.zeros(n), np.zeros(n)
        for nid in proxy_ids:
            if nid in cols:
                proxy_cols[cols[nid]] = 1.0
        for nid in ghg_only_ids:
            if nid in cols:
                ghg_cols[cols[nid]] = 1.0
        # cf: flows x indicators (float32 values as Brightway stores them, held as float64)
        self.cf = np.column_stack(
            [mlca.characterization_matrices[m].diagonal() for m in self.methods]
        )
        # g_m = B^T c_m: own-emission score of one unit of each activity.
        g = np.asarray(B.T @ self.cf)
        parts = [g, g * proxy_cols[:, None], g * ghg_cols[:, None]]
        if coverage_reference is not None:
            parts.append(coverage_rhs(B, self.cf, coverage_reference)[:, 1:])
        G = np.hstack(parts)
        # A right-hand side of zeros (no proxies, or an indicator none of whose flows
        # occur) has the solution zero: leave it out of the solve.
        live = np.flatnonzero(np.any(G != 0, axis=0))
        t2 = time.perf_counter()
        self.factorized = Factorized(A)
        t3 = time.perf_counter()
        X = np.zeros(G.shape)
        if live.size:
            X[:, live] = self.factorized.solve_transposed(G[:, live])
        t4 = time.perf_counter()
        self.mlca = mlca
        # Row r of X is the product of row r of A; an activity j produces product j, so its
        # unit score sits at X[rows[j]].
        self.index = {nid: rows[nid] for nid in cols}
        self.unit = X[:, :k]
        self.proxy = X[:, k : 2 * k]
        self.ghg_only = X[:, 2 * k : 3 * k]
        if coverage_reference is not None:
            self.unit_ref = self.unit[:, coverage_reference]
            self.covered = X[:, 3 * k :]
        self.n_activities = n
        self.n_flows = B.shape[0]
        self.nnz = {"technosphere": int(A.nnz), "biosphere": int(B.nnz)}
        self.timings = {
            "matrices_s": t2 - t0,
            "factorize_s": t3 - t2,
            "solve_s": t4 - t3,
            "rhs_columns": int(live.size),  # of G's columns, the non-zero ones
        }

    def flow_factors(self, flow_ids: list[int]) -> np.ndarray:
        """flows x indicators: characterization factors of elementary flows that are not
        in the matrices (no background activity exchanges them), read from the methods
        and rounded to float32 as Brightway's processed arrays hold them. Factors of one
        flow in several locations add up, as in bw2calc's characterization matrix."""
        import bw2data as bd
        from bw2data.backends import ActivityDataset as AD

        row_of = {fid: i for i, fid in enumerate(flow_ids)}
        key_of = {
            (db, code): nid
            for nid, db, code in AD.select(AD.id, AD.database, AD.code)
            .where(AD.id.in_(flow_ids))
            .tuples()
        }
        out = np.zeros((len(flow_ids), len(self.methods)))
        for j, method in enumerate(self.methods):
            for cf in bd.Method(method).load():
                flow, value = cf[0], cf[1]
                nid = flow if isinstance(flow, int) else key_of.get(tuple(flow))
                if nid in row_of:
                    amount = value["amount"] if isinstance(value, dict) else value
                    out[row_of[nid], j] += float(np.float32(amount))
        return out

    def close(self) -> None:
        """Release the factorization."""
        if bc.PYPARDISO:
            self.mlca._pardiso_solver = None
        self.factorized.free()
