"""ecoinvent version migrations of dataset names, from ``randonneur_data`` (CC BY 4.0).

``randonneur_data`` (installed with bw2io) publishes, per pair of consecutive ecoinvent
releases, which datasets were renamed (``replace``) or split (``disaggregate``), keyed
by activity name, reference product and location. A study made on ecoinvent 3.11 that
names ``transport, freight, lorry, >32 metric ton, diesel, EURO 6`` finds, in a 3.10
project, ``transport, freight, lorry >32 metric ton, EURO6``: the 3.10.1 -> 3.11 file
read backwards. Steps are chained (3.12 -> 3.11 -> 3.10 -> 3.9).

Going backwards a split is undone (its targets map to the source); going forwards a
split gives the target of the same location, or, without one, every target (the caller
then finds the one the background has).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

Triple = tuple[str, str, str]  # (activity name, reference product, location), product lower-case

# (from, to, file) of the cut-off migrations randonneur_data 0.7 ships.
STEPS = [
    ("3.9", "3.10", "ecoinvent-3.9.1-cutoff-ecoinvent-3.10-cutoff"),
    ("3.10", "3.11", "ecoinvent-3.10.1-cutoff-ecoinvent-3.11-cutoff"),
    ("3.11", "3.12", "ecoinvent-3.11-cutoff-ecoinvent-3.12-cutoff"),
]
ORDER = ["3.9", "3.10", "3.11", "3.12"]


def minor(version: str | None) -> str | None:
    """``3.10.1`` -> ``3.10``; None for anything that is not an ecoinvent 3.x version."""
    if not version:
        return None
    parts = str(version).strip().split(".")
    if len(parts) < 2 or parts[0] != "3" or not parts[1].isdigit():
        return None
    return f"3.{int(parts[1])}"


def _key(d: dict) -> Triple:
    return (d["name"], d["reference product"].casefold(), d["location"])


@lru_cache(maxsize=8)
def _step(filename: str) -> tuple[dict[Triple, list[Triple]], dict[Triple, list[Triple]]]:
    """(forward, backward) maps of one migration file."""
    import randonneur_data

    path = Path(randonneur_data.__file__).parent / "data" / f"{filename}.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    fwd: dict[Triple, list[Triple]] = {}
    back: dict[Triple, list[Triple]] = {}
    for r in data.get("replace", []):
        s, t = _key(r["source"]), _key(r["target"])
        fwd.setdefault(s, []).append(t)
        back.setdefault(t, []).append(s)
    for r in data.get("disaggregate", []):
        s = _key(r["source"])
        targets = [_key(t) for t in r["targets"]]
        same = [t for t in targets if t[2] == s[2]]
        fwd.setdefault(s, []).extend(same or targets)
        for t in targets:
            back.setdefault(t, []).append(s)
    return fwd, back


def migrate(
    triple: Triple, study: str | None, project: str | None
) -> tuple[list[Triple], list[str]]:
    """Names ``triple`` (of the study's release) may carry in the project's release.

    Returns (candidates, steps applied). An unknown or equal version gives ([], []).
    A name no step touches is carried over unchanged.
    """
    a, b = minor(study), minor(project)
    if a is None or b is None or a == b or a not in ORDER or b not in ORDER:
        return [], []
    i, j = ORDER.index(a), ORDER.index(b)
    current = [triple]
    applied = []
    if i < j:
        for frm, to, filename in STEPS[i:j]:
            fwd, _ = _step(filename)
            current = _apply(current, fwd)
            applied.append(f"{frm} -> {to} ({filename})")
    else:
        for frm, to, filename in reversed(STEPS[j:i]):
            _, back = _step(filename)
            current = _apply(current, back)
            applied.append(f"{to} -> {frm} ({filename}, reversed)")
    return current, applied


def _apply(triples: list[Triple], mapping: dict[Triple, list[Triple]]) -> list[Triple]:
    out: list[Triple] = []
    for t in triples:
        for n in mapping.get(t, [t]):
            if n not in out:
                out.append(n)
    return out
