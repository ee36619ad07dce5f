"""One set of matrices, one factorization, every indicator for every activity.

bw2calc builds the technosphere (A), biosphere (B) and characterization (C_m) matrices
and solves the product demands (its own solve, kept as a cross-check). Scores of *every*
activity for indicator m come from one transposed solve ``A^T lambda_m = B^T c_m``
(c_m the diagonal of C_m): lambda_m[j] is the score of one unit of activity j's reference
product, with its whole supply chain. A product's contributions are then lookups: the
score of each inventory-row activity and direct-emission activity it consumes.

The same transposed solve with c_m masked to the biosphere columns of proxy activities
gives, for any activity, how much of its score rests on proxy datasets' own emissions.
"""

from __future__ import annotations

import warnings

import bw2calc as bc
import numpy as np
from scipy import sparse


def solver_name() -> str:
    if bc.PYPARDISO:
        return "pypardiso (Intel MKL PARDISO)"
    if getattr(bc, "UMFPACK", False):
        return "scikit-umfpack (UMFPACK)"
    return "scipy.sparse.linalg (SuperLU)"


def _transposed_solve(A: sparse.spmatrix, G: np.ndarray) -> np.ndarray:
    """Solve ``A^T X = G`` for all columns of G with one factorization."""
    At = A.tocsr().T.tocsr()
    if bc.PYPARDISO:
        from pypardiso import PyPardisoSolver
        from pypardiso import spsolve as pardiso_spsolve

        solver = PyPardisoSolver()
        try:
            X = pardiso_spsolve(At, np.ascontiguousarray(G), solver=solver)
        finally:
            solver.free_memory(everything=True)
        return np.asarray(X).reshape(G.shape)
    from scipy.sparse.linalg import splu

    lu = splu(At.tocsc())
    return lu.solve(np.asarray(G, dtype=np.float64))


class Engine:
    """Unit scores of every activity in the matrices of ``demands``' supply chains.

    ``demands``: {label: {node id: amount}}; ``methods``: method tuples in indicator order;
    ``proxy_ids`` / ``ghg_only_ids``: node ids of background activities that are proxies.
    """

    def __init__(self, *, demands: dict, methods: list[tuple], proxy_ids=(), ghg_only_ids=()):
        import bw2data as bd

        config = {"impact_categories": list(methods)}
        data_objs = bd.get_multilca_data_objs(demands, config)
        self.mlca = bc.MultiLCA(demands=demands, method_config=config, data_objs=data_objs)
        with warnings.catch_warnings():
            # An indicator none of whose flows occur (ODP of a small system) scores zero;
            # that is a result, not a problem.
            warnings.filterwarnings("ignore", message="All values in characterization matrix")
            self.mlca.lci()
            self.mlca.lcia()
        self.methods = list(methods)
        self.solver = solver_name()
        A = self.mlca.technosphere_matrix
        B = self.mlca.biosphere_matrix
        n = A.shape[0]
        self.col = self.mlca.dicts.activity  # node id -> column index
        proxy_cols = np.zeros(n)
        ghg_cols = np.zeros(n)
        for nid in proxy_ids:
            if nid in self.col:
                proxy_cols[self.col[nid]] = 1.0
        for nid in ghg_only_ids:
            if nid in self.col:
                ghg_cols[self.col[nid]] = 1.0
        # g_m = B^T c_m: direct (own-emission) score of one unit of each activity's output
        # per unit of supply; scaled by supply it is the characterized inventory by column.
        self.cf = {}
        cols = []
        for m in self.methods:
            c = self.mlca.characterization_matrices[m].diagonal()
            self.cf[m] = c
            g = B.T @ c
            cols += [g, g * proxy_cols, g * ghg_cols]
        X = _transposed_solve(A, np.column_stack(cols))
        k = len(self.methods)
        self.unit_scores = {m: X[:, 3 * i] for i, m in enumerate(self.methods)}
        self.proxy_scores = {m: X[:, 3 * i + 1] for i, m in enumerate(self.methods)}
        self.ghg_only_scores = {m: X[:, 3 * i + 2] for i, m in enumerate(self.methods)}
        self.n_activities = n
        self.n_flows = B.shape[0]
        self.n_indicators = k

    def score(self, node_id: int, method: tuple) -> float:
        return float(self.unit_scores[method][self.col[node_id]])

    def proxy_score(self, node_id: int, method: tuple) -> float:
        return float(self.proxy_scores[method][self.col[node_id]])

    def ghg_only_score(self, node_id: int, method: tuple) -> float:
        return float(self.ghg_only_scores[method][self.col[node_id]])

    def bw2calc_score(self, demand_label: str, method: tuple) -> float:
        """The score bw2calc's own solve gives for a demand (the cross-check)."""
        return float(self.mlca.scores[(method, demand_label)])
