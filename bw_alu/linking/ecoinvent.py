"""Linking rules for ecoinvent-format backgrounds (a project's ecoinvent, or a release
added with ``bw-alu background add``), tried after the rules of ``link.py``.

1. ``migrated``: the study's SimaPro name, parsed into reference product, activity and
   location, carried from the study's ecoinvent version to the background's with the
   published migrations (:mod:`bw_alu.ecoinvent.migrations`).
2. ``proxy`` / ``mapped`` from ``databases/mappings/study_datasets_ecoinvent.csv``: study
   dataset names (supplier datasets that are not public) -> the ecoinvent dataset that
   stands in, written as SimaPro names, then linked by rule 1 or the plain SimaPro rule.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..paths import MAPPINGS_DIR

_ECOINVENT = re.compile(r"ecoinvent\s*v?(3\.\d+(?:\.\d+)?)", re.IGNORECASE)


def study_version(extra: dict) -> str | None:
    """The study's ecoinvent version from the product sheet: an ``ecoinvent_version``
    field, else the first ``ecoinvent 3.x`` in ``study_tools`` (plant A: "SimaPro,
    ecoinvent 3.11 cut-off; ...")."""
    if extra.get("ecoinvent_version"):
        return str(extra["ecoinvent_version"]).strip()
    m = _ECOINVENT.search(str(extra.get("study_tools", "")))
    return m.group(1) if m else None


def background_version(database: str) -> str | None:
    """The ecoinvent version of a background database (its metadata, or bw2io's name)."""
    import bw2data as bd

    meta = dict(bd.databases[database]) if database in bd.databases else {}
    if meta.get("ecoinvent_version"):
        return str(meta["ecoinvent_version"])
    parts = database.split("-")
    if len(parts) >= 3 and parts[0] == "ecoinvent" and parts[1][:1].isdigit():
        return parts[1]
    return None


@lru_cache(maxsize=1)
def ecoinvent_mapping() -> dict[str, dict]:
    path = MAPPINGS_DIR / "study_datasets_ecoinvent.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["study_dataset"].strip(): r for r in csv.DictReader(fh)}


def _by_parts(parts: dict, index) -> object | None:
    product = parts["product"].casefold()
    for act in index.get(parts["activity"], []):
        if act.reference_product.casefold() == product and act.location == parts["location"]:
            return act
    return None


def _migrated(parts: dict, index, study: str | None):
    """(activity, note) of the background dataset the study's name migrates to.

    The study's declared version is tried first; then, nearest first, the other releases
    (a study on ecoinvent 3.11 may still carry a name of 3.10, as plant A's SimaPro
    names for hydrated lime do): the note says which release the name came from.
    """
    from ..ecoinvent.migrations import ORDER, migrate, minor

    first = next((a for acts in index.values() for a in acts), None)
    project = minor(background_version(first.database)) if first is not None else None
    if project not in ORDER:
        return None
    declared = minor(study)
    others = sorted(
        (v for v in ORDER if v not in {project, declared}),
        key=lambda v: abs(ORDER.index(v) - ORDER.index(project)),
    )
    triple = (parts["activity"], parts["product"].casefold(), parts["location"])
    for version in ([declared] if declared else []) + others:
        candidates, steps = migrate(triple, version, project)
        for name, product, location in candidates:
            if (name, product, location) == triple:
                continue
            act = _by_parts({"activity": name, "product": product, "location": location}, index)
            if act is not None:
                origin = f"ecoinvent {version} name" + (
                    "" if version == declared else f" (the study declares {study or 'no version'})"
                )
                return act, f"{origin} migrated to {project}: " + "; ".join(steps)
    return None


def ecoinvent_candidates(name: str, index, study: str | None):
    """(match, target, None, note) for ``name``, or None (see the module docstring)."""
    from .link import parse_simapro_name

    parts = parse_simapro_name(name)
    if parts:
        found = _migrated(parts, index, study)
        if found:
            return "migrated", found[0], None, found[1]
    mapped = ecoinvent_mapping().get(name)
    if mapped:
        target = parse_simapro_name(mapped["ecoinvent_dataset"])
        if target:
            act = _by_parts(target, index)
            note = mapped.get("note", "")
            if act is None:
                found = _migrated(target, index, study)
                if found:
                    act, note = found[0], f"{note}; {found[1]}"
            if act is not None:
                return (mapped.get("match") or "mapped").strip(), act, None, note
    return None
