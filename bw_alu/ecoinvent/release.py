"""``bw-alu background add``: an ecoSpold2 release folder -> a background database, offline.

The folder is laid out as ecoinvent ships it (``datasets/*.spold`` and ``MasterData/``).
bw2io's ``SingleOutputEcospold2Importer`` reads it and applies its own strategies (the
same ones ``bw2io.import_ecoinvent_release`` runs); elementary flows are linked by UUID to
the project's one biosphere database. Nothing is written unless every exchange links.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReleaseInvalid

_VERSION = re.compile(r"(?<![\d.])(3\.\d+(?:\.\d+)?)(?![\d.])")
_MODELS = {
    "cutoff": "cutoff",
    "cut-off": "cutoff",
    "apos": "apos",
    "consequential": "consequential",
}


@dataclass(frozen=True)
class ReleaseSummary:
    database: str
    activities: int
    biosphere: str
    ecoinvent_version: str | None
    system_model: str | None
    setup: list[str]


def release_info(folder: Path) -> dict:
    """Version and system model of a release folder: from ``release.json`` when present,
    else from the folder's name as ecoinvent names it (``ecoinvent 3.10_cutoff_ecoSpold02``)."""
    info: dict = {}
    meta = folder / "release.json"
    if meta.exists():
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReleaseInvalid(f"{meta}: not readable JSON ({exc})") from exc
    name = folder.resolve().name.lower()
    if not info.get("ecoinvent_version"):
        m = _VERSION.search(name)
        info["ecoinvent_version"] = m.group(1) if m else None
    if not info.get("system_model"):
        info["system_model"] = next((v for k, v in _MODELS.items() if k in name), None)
    return info


def check_folder(folder: Path) -> Path:
    """The ``datasets`` folder of a release, or one clear error naming what is missing."""
    if not folder.is_dir():
        raise ReleaseInvalid(
            f"{folder}: not a folder (expected an ecoSpold2 release: datasets/, MasterData/)"
        )
    datasets = folder / "datasets"
    if not datasets.is_dir() or not any(datasets.glob("*.spold")):
        raise ReleaseInvalid(
            f"{folder}: no datasets/*.spold files (an ecoSpold2 release folder has them)"
        )
    if not (folder / "MasterData" / "IntermediateExchanges.xml").exists():
        raise ReleaseInvalid(f"{folder}: MasterData/IntermediateExchanges.xml is missing")
    return datasets


def _pick_biosphere(wanted: str | None) -> tuple[str, list[str]]:
    """The biosphere to link to: ``wanted``, else the project's only one, else bw-alu's own
    ``biosphere3`` (created with bw-alu's methods in a project that has no biosphere)."""
    import bw2data as bd

    from ..biosphere import is_biosphere
    from ..project import ensure_flows_and_methods

    if wanted:
        if wanted not in bd.databases:
            raise ReleaseInvalid(f"biosphere database {wanted!r} is not in the project")
        return wanted, []
    found = [d for d in bd.databases if is_biosphere(d)]
    if len(found) == 1:
        return found[0], []
    if len(found) > 1:
        raise ReleaseInvalid(
            f"the project has several biosphere databases ({', '.join(sorted(found))}); "
            "name one with --biosphere"
        )
    return "biosphere3", ensure_flows_and_methods()


def _unlinked(importer) -> list[str]:
    out = []
    for ds in importer.data:
        for exc in ds.get("exchanges", []):
            if not exc.get("input"):
                out.append(
                    f"{ds.get('name')} [{ds.get('location')}] ({ds.get('filename')}): "
                    f"{exc.get('type')} exchange {exc.get('name')!r} {exc.get('categories', '')}"
                )
    return out


def add_release(
    project: str, folder: str | Path, name: str, *, biosphere: str | None = None
) -> ReleaseSummary:
    """Import the release in ``folder`` as database ``name`` of ``project`` (under the
    project's lock, see :mod:`bw_alu.lock`)."""
    from ..project import in_project, writing

    with in_project(project), writing(project):
        return _add_release(project, Path(folder), name, biosphere)


def _add_release(project: str, folder: Path, name: str, biosphere: str | None) -> ReleaseSummary:
    from ..project import _quiet
    from ..recovery import journaled

    datasets = check_folder(folder)
    info = release_info(folder)
    import bw2data as bd

    if name in bd.databases:
        raise ReleaseInvalid(
            f"database {name!r} already exists in project {project!r}; choose another --name"
        )
    bios, done = _pick_biosphere(biosphere)
    from bw2io import SingleOutputEcospold2Importer

    with _quiet():
        try:
            importer = SingleOutputEcospold2Importer(
                str(datasets), name, biosphere_database_name=bios, use_mp=False
            )
        except (OSError, ValueError, KeyError, AttributeError, AssertionError) as exc:
            raise ReleaseInvalid(f"{folder}: cannot read the ecoSpold2 files ({exc})") from exc
        importer.apply_strategies()
    unlinked = _unlinked(importer)
    if unlinked:
        shown = "\n  - ".join(unlinked[:20])
        more = f"\n  ... and {len(unlinked) - 20} more" if len(unlinked) > 20 else ""
        raise ReleaseInvalid(
            f"{folder}: {len(unlinked)} exchange(s) do not link (to {bios!r} or within the "
            f"release); nothing was written:\n  - {shown}{more}"
        )
    with journaled([name]), _quiet():
        importer.write_database()
    meta = bd.databases[name]
    meta.update(
        {
            "ecoinvent_version": info.get("ecoinvent_version"),
            "system_model": info.get("system_model"),
            "bw_alu_release_folder": folder.resolve().name,
            "title": f"ecoSpold2 release {folder.resolve().name}",
            "notice": info.get("note", ""),
        }
    )
    bd.databases[name] = meta
    bd.databases.flush()
    return ReleaseSummary(
        name,
        len(bd.Database(name)),
        bios,
        info.get("ecoinvent_version"),
        info.get("system_model"),
        done,
    )
