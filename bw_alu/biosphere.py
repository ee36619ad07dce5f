"""Which biosphere database a background uses, and the keys of the flows bw-alu writes.

bw-alu's own set-up links everything to ``biosphere3`` (bw2io's ecoinvent 3.9 list). A
project made by ``bw2io.import_ecoinvent_release`` keeps its flows in
``ecoinvent-<version>-biosphere`` instead, with the same ecoinvent elementary-exchange
UUIDs as codes (they are stable across releases for the gases bw-alu emits). The
importer asks :func:`flow_key` for the key of each direct-emission gas, so the product
links to the background's own biosphere and no second biosphere is ever written.

All functions need the project to be current (see :func:`bw_alu.project.activate`).
"""

from __future__ import annotations

from .errors import BiosphereMissing, ProjectNotReady

DEFAULT_BIOSPHERE = "biosphere3"
_PROCESS_TYPES = {"process", "processwithreferenceproduct", "product", "multifunctional"}


def is_biosphere(database: str) -> bool:
    """True when ``database`` holds elementary flows (its first node is not a process)."""
    from bw2data.backends import ActivityDataset as AD

    row = AD.select(AD.type).where(AD.database == database).first()
    return row is not None and (row.type or "") not in _PROCESS_TYPES


def biosphere_name(background: str) -> str:
    """The biosphere database ``background`` links its elementary flows to.

    Read from the background's ``depends`` (bw2data records every database an exchange
    points to). A background with no elementary exchanges falls back to ``biosphere3``
    if the project has it, else to the project's only biosphere database.
    """
    import bw2data as bd

    if background not in bd.databases:
        have = ", ".join(sorted(bd.databases)) or "none"
        raise ProjectNotReady(
            f"background database {background!r} is not in project {bd.projects.current!r} "
            f"(databases: {have})"
        )
    depends = [d for d in bd.databases[background].get("depends", []) if d in bd.databases]
    found = [d for d in depends if is_biosphere(d)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise BiosphereMissing(
            f"background {background!r} links to several biosphere databases "
            f"({', '.join(found)}); bw-alu needs exactly one"
        )
    if DEFAULT_BIOSPHERE in bd.databases:
        return DEFAULT_BIOSPHERE
    others = [d for d in bd.databases if d != background and is_biosphere(d)]
    if len(others) == 1:
        return others[0]
    raise BiosphereMissing(
        f"cannot tell which biosphere database background {background!r} uses "
        f"(candidates: {', '.join(others) or 'none'})"
    )


def flow_key(
    biosphere: str, code: str, name: str = "", categories: tuple[str, ...] = ()
) -> tuple[str, str]:
    """``(biosphere, code)`` of an elementary flow, checked to exist.

    When the code is absent (a biosphere of another ecoinvent release that renumbered
    the flow), the flow is looked up by name and categories; if that fails too, the
    error names the flow and the database.
    """
    return flow_keys(biosphere, [(code, name, categories)])[code]


def flow_keys(
    biosphere: str, flows: list[tuple[str, str, tuple[str, ...]]]
) -> dict[str, tuple[str, str]]:
    """:func:`flow_key` for many flows at once: ``{code: (biosphere, code in biosphere)}``."""
    present = flow_codes(biosphere, [code for code, _, _ in flows])
    out: dict[str, tuple[str, str]] = {}
    missing = []
    for code, name, categories in flows:
        if code in present:
            out[code] = (biosphere, code)
            continue
        alt = _by_name(biosphere, name, categories) if name else None
        if alt is None:
            missing.append(f"{name or code} {tuple(categories)} ({code})")
        else:
            out[code] = (biosphere, alt)
    if missing:
        raise BiosphereMissing(
            f"biosphere database {biosphere!r} lacks elementary flow(s) bw-alu needs: "
            + "; ".join(missing)
        )
    return out


def _by_name(biosphere: str, name: str, categories: tuple[str, ...]) -> str | None:
    from bw2data.backends import ActivityDataset as AD

    for row in AD.select(AD.code, AD.data).where((AD.database == biosphere) & (AD.name == name)):
        data = row.data if isinstance(row.data, dict) else {}
        if tuple(data.get("categories", ())) == tuple(categories):
            return row.code
    return None


def flow_codes(biosphere: str, codes: list[str]) -> set[str]:
    """Those of ``codes`` that are flows of ``biosphere``."""
    from bw2data.backends import ActivityDataset as AD

    present: set[str] = set()
    unique = sorted(set(codes))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        query = AD.select(AD.code).where((AD.database == biosphere) & (AD.code.in_(chunk)))
        present.update(row.code for row in query)
    return present


def gas_keys(biosphere: str, codes) -> dict[str, tuple[str, str]]:
    """Keys in ``biosphere`` of the direct-emission gases (ecoinvent 3.9 codes of
    :mod:`bw_alu.direct.flows`), found by code, else by name and compartment."""
    from .direct.flows import flow_names

    names = flow_names()
    return flow_keys(biosphere, [(c, *names.get(c, ("", ()))) for c in sorted(set(codes))])
