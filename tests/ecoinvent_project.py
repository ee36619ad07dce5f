"""A Brightway project as ``bw2io.import_ecoinvent_release`` makes it, from the fixture release.

bw2io's own function runs for real (its biosphere import, ecoSpold2 importer and
strategies, and its LCIA import from ecoinvent's LCIA Excel file); only the download
layer (``ecoinvent_interface``: credentials, release listing and files) is replaced by
the local fixture folder and an LCIA workbook in ecoinvent's layout (sheets ``CFs`` and
``Indicators``) holding, for the fixture's flows, the factors of bw2io's bundled
ecoinvent LCIA implementation 3.9 (``methods/indicators.csv`` methods only).
"""

from __future__ import annotations

import types
from pathlib import Path

from lxml import etree
from openpyxl import Workbook

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ecoinvent_mini"
ES = "{http://www.EcoInvent.org/EcoSpold02}"


def fixture_flows() -> dict[str, tuple[str, str, str]]:
    """code -> (name, compartment, subcompartment) of the fixture's MasterData."""
    root = etree.parse(str(FIXTURE / "MasterData" / "ElementaryExchanges.xml")).getroot()
    return {
        el.get("id"): (
            el.find(f"{ES}name").text,
            el.find(f"{ES}compartment/{ES}compartment").text,
            el.find(f"{ES}compartment/{ES}subcompartment").text,
        )
        for el in root.iter(f"{ES}elementaryExchange")
    }


def write_lcia_workbook(path: Path, skip: tuple = ()) -> Path:
    from bw_alu.indicators import indicators
    from bw_alu.lcia_data import method_cfs, method_unit

    flows = fixture_flows()
    wb = Workbook()
    cfs = wb.active
    cfs.title = "CFs"
    cfs.append(["method", "category", "indicator", "name", "compartment", "subcompartment", "CF"])
    units = wb.create_sheet("Indicators")
    units.append(["method", "category", "indicator", "indicator unit"])
    for ind in indicators():
        if ind.method in skip:
            continue
        units.append([*ind.method, method_unit(ind.method)])
        for code, cf in method_cfs(ind.method):
            if code in flows:
                cfs.append([*ind.method, *flows[code], cf])
    wb.save(path)
    return path


def release_as(folder: Path, version: str) -> Path:
    """The fixture as ecoinvent ``version`` names its datasets: a copy with each activity
    name, reference product and location carried from 3.10 by randonneur_data's
    migrations (e.g. 3.9.1 names soda ash "modified Solvay process, Hou's process", 3.11
    names the lorry "transport, freight, lorry, >32 metric ton, diesel, EURO 6"). File
    names keep the 3.10 UUIDs; amounts and flows are unchanged."""
    import json
    import shutil

    from bw_alu.ecoinvent.migrations import migrate

    shutil.copytree(FIXTURE, folder)
    for spold in sorted((folder / "datasets").glob("*.spold")):
        tree = etree.parse(str(spold))
        act = tree.find(f".//{ES}activity/{ES}activityName")
        loc = tree.find(f".//{ES}geography/{ES}shortname")
        ref = [
            e
            for e in tree.iter(f"{ES}intermediateExchange")
            if e.findtext(f"{ES}outputGroup") == "0"
        ][0].find(f"{ES}name")
        found, _ = migrate((act.text, ref.text.casefold(), loc.text), "3.10", version)
        if found:
            (name, product, location), *_ = found
            if ref.text.casefold() != product:  # keep ecoinvent's case where unchanged
                ref.text = product
            act.text, loc.text = name, location
            tree.write(str(spold), xml_declaration=True, encoding="utf-8")
    info = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    info["ecoinvent_version"] = version
    (folder / "release.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


def make_ecoinvent_project(
    project: str,
    lcia_file: Path,
    monkeypatch,
    version: str = "3.10",
    release: Path = FIXTURE,
    model: str = "cutoff",
) -> None:
    """``project`` holding ``ecoinvent-<version>-biosphere``, ``ecoinvent-<version>-cutoff``
    and the release's LCIA methods, written by bw2io.import_ecoinvent_release."""
    import bw2data as bd
    import bw2io
    import bw2io.ecoinvent as bi_ecoinvent

    class Settings:
        def __init__(self, **_kw):
            self.username, self.password = "fixture", "fixture"

    class Release:
        def __init__(self, _settings):
            pass

        def list_versions(self):
            return [version]

        def list_system_models(self, _version):
            return [model]

        def get_release(self, **_kw):
            return release

    fake = types.SimpleNamespace(
        Settings=Settings,
        EcoinventRelease=Release,
        ReleaseType=types.SimpleNamespace(ecospold="ecospold"),
        get_excel_lcia_file_for_version=lambda release, version: lcia_file,
    )
    monkeypatch.setattr(bi_ecoinvent, "ei", fake)
    # bw2io fills its migrations registry first (a minute of work none of this uses).
    monkeypatch.setattr(bw2io, "create_core_migrations", lambda: None)
    bd.projects.set_current(project)
    bw2io.import_ecoinvent_release(version, model, use_mp=False)
    bd.projects.set_current("default")
