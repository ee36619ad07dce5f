"""Find background datasets by words, in English or Chinese (``bw-alu datasets``).

A query matches an activity when every word of it occurs (case-insensitively) in the
activity's name, reference product, Chinese name or code; a query without spaces in
Chinese is matched as a substring of the Chinese name. Results are ordered by how closely
the name matches (exact, then starting with the query, then by name).
"""

from __future__ import annotations

import difflib

from .link import BackgroundActivity

COLUMNS = ("code", "name", "name_zh", "unit", "location", "year", "source", "proxy", "ghg_only")


def _haystack(act: BackgroundActivity) -> str:
    return " ".join(
        (act.name, act.reference_product, act.name_zh, act.code, act.location)
    ).casefold()


def find(index: dict[str, list[BackgroundActivity]], query: str = "") -> list[BackgroundActivity]:
    """Activities whose text holds every word of ``query`` (all activities for an empty one)."""
    words = query.casefold().split()
    acts = [a for group in index.values() for a in group]
    hits = [a for a in acts if all(w in _haystack(a) for w in words)]
    q = query.casefold().strip()

    def rank(a: BackgroundActivity) -> tuple:
        name = a.name.casefold()
        return (name != q, not name.startswith(q), a.name, a.code)

    return sorted(hits, key=rank)


def closest(
    index: dict[str, list[BackgroundActivity]], name: str, n: int = 3
) -> list[BackgroundActivity]:
    """The ``n`` activities whose names are most like ``name`` (difflib ratio, then words)."""
    names = list(index)
    best = difflib.get_close_matches(name, names, n=n, cutoff=0.3)
    out = [a for nm in best for a in index[nm]]
    if len(out) < n:
        # fall back on shared words (SimaPro names are long; a product word often suffices)
        words = {w for w in name.casefold().replace(",", " ").split() if len(w) > 3}
        scored = sorted(
            (
                (-sum(w in _haystack(a) for w in words), a.name, a.code, a)
                for group in index.values()
                for a in group
                if a not in out
            ),
            key=lambda t: t[:3],
        )
        out += [t[3] for t in scored if t[0] < 0][: n - len(out)]
    return out[:n]


def describe(act: BackgroundActivity) -> str:
    """``name`` (database:code, unit) as a linking message shows a candidate."""
    return f"{act.name!r} ({act.database}:{act.code}, {act.unit})"


def rows(acts: list[BackgroundActivity]) -> list[dict]:
    """Table rows of the ``datasets`` command (the columns of ``COLUMNS``)."""
    out = []
    for a in acts:
        prov = a.provenance
        out.append(
            {
                "code": a.code,
                "name": a.name,
                "name_zh": a.name_zh,
                "unit": a.unit,
                "location": a.location,
                "year": str(prov.get("year", "")),
                "source": str(prov.get("source", "")),
                "proxy": "yes" if prov.get("proxy") else "",
                "ghg_only": "yes" if prov.get("ghg_only") else "",
            }
        )
    return out


def search_datasets(
    project: str, query: str = "", background: str = "uslci_cn"
) -> list[BackgroundActivity]:
    """Search the background installed in ``project`` (set up on first use for the default one).

    Leaves bw2data's current project as it found it.
    """
    from ..errors import ProjectNotReady
    from ..project import DEFAULT_BACKGROUND, activate, ensure_data_dir, setup
    from .link import background_index

    ensure_data_dir()
    import bw2data as bd

    before = bd.projects.current
    try:
        activate(project)
        if background not in bd.databases:
            if background != DEFAULT_BACKGROUND:
                raise ProjectNotReady(
                    f"background database {background!r} is not in project {project!r}"
                )
            setup(project)
        return find(background_index(background), query)
    finally:
        if bd.projects.current != before:
            bd.projects.set_current(before)
