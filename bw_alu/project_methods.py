"""The project's LCIA methods for ``methods/indicators.csv``, matched by name.

``methods/indicators.csv`` names each indicator by bw2io's method tuple, e.g.
``('EF v3.1', 'climate change', 'global warming potential (GWP100)')``. bw-alu's own
set-up writes exactly these tuples against ``biosphere3``. ``bw2io.import_ecoinvent_release``
writes the same methods prefixed with the release, ``('ecoinvent-3.10', 'EF v3.1', ...)``,
against ``ecoinvent-3.10-biosphere``, and records that biosphere as the method's
``database``. A project's methods are used as they are: bw-alu never writes a second copy.

Matching rule, per indicator: among the project's methods whose last three parts equal
the indicator's tuple, keep those written for the background's biosphere (metadata
``database``; bw-alu's own un-prefixed methods count as ``biosphere3``'s); if several
remain, the one whose ``ecoinvent-<version>`` prefix matches the biosphere's name, else
the un-prefixed tuple.
"""

from __future__ import annotations

from .biosphere import DEFAULT_BIOSPHERE
from .errors import MethodMissing


def _method_biosphere(name: tuple, meta: dict) -> str | None:
    if meta.get("database"):
        return str(meta["database"])
    # bw-alu's set-up (and bw2setup) write un-prefixed tuples against biosphere3.
    return DEFAULT_BIOSPHERE if len(name) == 3 else None


def _release_prefix(biosphere: str) -> str | None:
    """``ecoinvent-3.10-biosphere`` -> ``ecoinvent-3.10`` (bw2io's naming)."""
    if biosphere.startswith("ecoinvent-") and biosphere.endswith("-biosphere"):
        return biosphere[: -len("-biosphere")]
    return None


def resolve_methods(biosphere: str) -> dict[str, tuple[str, ...]]:
    """Indicator label -> the project's method tuple for it (the project must be current).

    Raises :class:`MethodMissing` naming every indicator without a method, and what the
    project holds instead, so the user sees at once what to add.
    """
    import bw2data as bd

    from .indicators import indicators

    wanted = {ind.method: ind.label for ind in indicators()}
    candidates: dict[tuple, list[tuple]] = {m: [] for m in wanted}
    for name in bd.methods:
        tail = tuple(name[-3:])
        if (
            tail in candidates
            and len(name) in (3, 4)
            and _method_biosphere(tuple(name), dict(bd.methods[name])) == biosphere
        ):
            candidates[tail].append(tuple(name))
    prefix = _release_prefix(biosphere)
    out: dict[str, tuple[str, ...]] = {}
    missing, ambiguous = [], []
    for method, label in wanted.items():
        found = candidates[method]
        if len(found) > 1 and prefix:
            found = [m for m in found if m[0] == prefix] or found
        if len(found) > 1 and method in found:
            found = [method]  # bw-alu's own copy beside a release's, both on biosphere3
        if not found:
            missing.append(f"{label} {method}")
        elif len(found) > 1:
            ambiguous.append(f"{label}: {', '.join(map(str, found))}")
        else:
            out[label] = found[0]
    if missing or ambiguous:
        lines = []
        if missing:
            lines.append(
                f"no LCIA method written for biosphere {biosphere!r} in project "
                f"{bd.projects.current!r} for: " + "; ".join(missing)
            )
            lines.append(
                "import them with the release's LCIA (bw2io.import_ecoinvent_release(..., "
                "lci=False, lcia=True)), or use a project set up by bw-alu"
            )
        if ambiguous:
            lines.append("several methods fit: " + "; ".join(ambiguous))
        raise MethodMissing("\n".join(lines))
    return out


def method_list(biosphere: str) -> list[tuple[str, ...]]:
    """The project's method tuples in ``methods/indicators.csv`` order."""
    from .indicators import indicators

    resolved = resolve_methods(biosphere)
    return [resolved[ind.label] for ind in indicators()]
