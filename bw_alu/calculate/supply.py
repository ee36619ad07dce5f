"""How much of each foreground process one declared unit of the product needs.

The plant's processes form a small square system (loops allowed: the plant's own steam,
recycled scrap): ``M s = d`` with ``M[i, i]`` the production of process i, ``M[j, i]``
minus what process i takes from process j per run, and ``d`` one declared unit of the
product. ``s[i]`` (runs of process i) scales every exchange of process i into the
product's life cycle: a row's contribution is ``s[i] x amount x unit score``.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError, Location, Problem


class Unsolvable(ValueError):
    """The foreground system has no unique, finite, non-negative solution."""


def solve_supply(
    codes: list[str],
    production: dict[str, float],
    links: list[tuple[str, str, float]],
    product: str,
) -> dict[str, float]:
    """Runs of each process (``codes``) for one unit of ``product``.

    ``links``: (consumer code, supplier code, amount per run of the consumer); amounts of
    substitution exchanges come negative.
    """
    index = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    M = np.zeros((n, n))
    for c in codes:
        M[index[c], index[c]] += production.get(c, 1.0)
    for consumer, supplier, amount in links:
        M[index[supplier], index[consumer]] -= amount
    d = np.zeros(n)
    d[index[product]] = 1.0
    try:
        s = np.linalg.solve(M, d)
    except np.linalg.LinAlgError as exc:
        raise Unsolvable(f"the processes' exchanges form a singular system ({exc})") from None
    if not np.all(np.isfinite(s)):
        raise Unsolvable("the processes' exchanges give an infinite supply")
    if np.any(s < -1e-12):
        bad = [codes[i] for i in np.flatnonzero(s < -1e-12)]
        raise Unsolvable(
            f"process(es) {', '.join(bad)} would run a negative number of times: a loop "
            "takes back more than its processes make"
        )
    return {c: float(s[index[c]]) for c in codes}


def check_solvable(records: dict, product_id: str, where: Location | None = None) -> None:
    """Import-time check that the written graph can be solved (one clear error if not)."""
    codes: list[str] = []
    production: dict[str, float] = {}
    links: list[tuple[str, str, float]] = []
    for (db, code), rec in records.items():
        if db != product_id or rec.get("bw_alu", {}).get("role") in {"cutoff", "factor_dataset"}:
            continue
        codes.append(code)
    fg = set(codes)
    for (db, code), rec in records.items():
        if code not in fg or db != product_id:
            continue
        for exc in rec.get("exchanges", []):
            if exc["type"] == "production":
                production[code] = production.get(code, 0.0) + exc["amount"]
            elif exc["type"] == "technosphere" and tuple(exc["input"])[0] == product_id:
                supplier = tuple(exc["input"])[1]
                if supplier in fg:
                    links.append((code, supplier, exc["amount"]))
    try:
        solve_supply(codes, production, links, product_id)
    except Unsolvable as exc:
        raise InputError(
            [Problem(where or Location(product_id, "processes"), str(exc))],
            headline="the plant's processes cannot be solved",
        ) from None
