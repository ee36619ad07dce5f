"""ecoinvent-format backgrounds: the fixture release, ``background add``, version
migrations, relinking, and a project made by bw2io's ``import_ecoinvent_release``.

The fixture (``tests/fixtures/ecoinvent_mini``, written by
``scripts/make_ecoinvent_fixture.py``) has ecoinvent 3.10's real names and invented
amounts. Hand checks follow one supply chain each:

    refining flux 0.30 kg -> chemical production, inorganic {GLO}: 1.25 kg CO2 fossil/kg
        GWP100 = 0.30 x 1.25 x 1 = 0.375 kg CO2 eq
    tap water 1.12 t = 1120 kg -> tap water production {RoW}: 0.0004 kWh lignite/kg
        -> electricity production, lignite {RoW}: 1.1 kg CO2 fossil/kWh
        GWP100 = 1120 x 0.0004 x 1.1 = 0.4928 kg CO2 eq
    coal-fired electricity 2334.30 kWh x 1.1 = 2567.73 kg CO2 eq
    road transport of steel fasteners 75.58 kg*km = 0.07558 t*km -> market (1 t*km of
        lorry) -> lorry: CO2 0.079, N2O 2e-6, CH4 1e-6, HFC-134a 1e-7 kg and 0.025 kg
        diesel -> market for diesel: CO2 0.45, CH4 0.003 kg/kg
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bw_alu.cli import main
from bw_alu.ecoinvent.command import link_rows
from bw_alu.ecoinvent.migrations import migrate, minor
from bw_alu.ecoinvent.release import add_release, release_info
from bw_alu.errors import MethodMissing, ProjectNotReady, ReleaseInvalid
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.linking.ecoinvent import study_version
from bw_alu.paths import PLANTS_DIR

from .ecoinvent_project import ES, FIXTURE, make_ecoinvent_project, write_lcia_workbook

PLANT_A = PLANTS_DIR / "ingot_yunnan_2024.xlsx"
PID = "ingot_yunnan_2024"
GWP = "GWP100 (IPCC 2021)"
REL = 1e-6  # Brightway holds amounts and factors as float32
ADDED = "test-ei-added"  # bw-alu project + `background add`
EXISTING = "test-ei-existing"  # project made by bw2io.import_ecoinvent_release


def _score(r, indicator, stage="", contributor=""):
    t = r.table
    sel = t[(t.indicator == indicator) & (t.stage == stage) & (t.contributor == contributor)]
    assert len(sel) == 1, (indicator, stage, contributor)
    return float(sel.score.iloc[0])


def _gwp(code: str) -> float:
    from bw_alu.lcia_data import IPCC_GWP100, cf_lookup

    return cf_lookup(IPCC_GWP100)[code]


# --- the fixture itself: real names, real flows --------------------------------------


def _datasets():
    out = []
    for path in sorted((FIXTURE / "datasets").glob("*.spold")):
        root = etree.parse(str(path)).getroot()
        act = root.find(f"{ES}activityDataset/{ES}activityDescription/{ES}activity")
        loc = root.find(f"{ES}activityDataset/{ES}activityDescription/{ES}geography/{ES}shortname")
        ref = [
            e
            for e in root.iter(f"{ES}intermediateExchange")
            if e.findtext(f"{ES}outputGroup") == "0"
        ][0]
        out.append(
            (
                path.name,
                act.findtext(f"{ES}activityName"),
                ref.findtext(f"{ES}name"),
                loc.text,
                root,
            )
        )
    return out


def test_fixture_names_and_files_are_ecoinvent_310s():
    import randonneur_data

    path = Path(randonneur_data.__file__).parent / "data" / "simapro-ecoinvent-3.10-cutoff.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        targets = {r["target"]["filename"]: r["target"] for r in json.load(fh)["replace"]}
    datasets = _datasets()
    assert len(datasets) == 23
    for filename, name, product, location, _ in datasets:
        t = targets[filename]  # the real file name of this dataset in ecoinvent 3.10
        assert (name, product, location) == (t["name"], t["reference product"], t["location"])


def test_fixture_flows_are_ecoinvent_39_flows():
    import bw2io

    ref = etree.parse(
        str(Path(bw2io.__file__).parent / "data" / "lci" / "ecoinvent elementary flows 3.9.xml")
    ).getroot()
    known = {el.get("id"): el.findtext(f"{ES}name") for el in ref.iter(f"{ES}elementaryExchange")}
    used = 0
    for *_, root in _datasets():
        for el in root.iter(f"{ES}elementaryExchange"):
            assert known[el.get("elementaryExchangeId")] == el.findtext(f"{ES}name")
            used += 1
    assert used > 60


# --- migrations (randonneur_data), on literals ----------------------------------------


def test_migration_311_to_310_renames_the_lorry():
    name = "market for transport, freight, lorry, >32 metric ton, diesel, EURO 6"
    product = "transport, freight, lorry, >32 metric ton, diesel, euro 6"
    found, steps = migrate((name, product, "RoW"), "3.11", "3.10.1")
    assert found == [
        (
            "market for transport, freight, lorry >32 metric ton, EURO6",
            "transport, freight, lorry >32 metric ton, euro6",
            "RoW",
        )
    ]
    assert steps == ["3.11 -> 3.10 (ecoinvent-3.10.1-cutoff-ecoinvent-3.11-cutoff, reversed)"]


def test_migration_forward_and_unknown_versions():
    lime = ("market for lime, hydrated, packed", "lime, hydrated, packed", "RoW")
    assert migrate(lime, "3.10", "3.11")[0] == [
        ("market for hydrated lime, packed", "hydrated lime, packed", "RoW")
    ]
    # two steps forward: 3.9 -> 3.10 -> 3.11 (a name no step touches is carried over)
    assert migrate(lime, "3.9", "3.11")[1][-1].startswith("3.10 -> 3.11")
    assert migrate(lime, "3.10", "3.10") == ([], [])
    assert migrate(lime, None, "3.10") == ([], [])
    assert minor("3.10.1") == "3.10" and minor("2.2") is None


def test_study_version_from_the_product_sheet():
    assert study_version({"study_tools": "SimaPro, ecoinvent 3.11 cut-off; EF 3.1"}) == "3.11"
    assert study_version({"ecoinvent_version": "3.9.1", "study_tools": "ecoinvent 3.11"}) == "3.9.1"
    assert study_version({}) is None


def test_release_info_from_folder_name(tmp_path):
    folder = tmp_path / "ecoinvent 3.11_apos_ecoSpold02"
    folder.mkdir()
    assert release_info(folder) == {"ecoinvent_version": "3.11", "system_model": "apos"}
    assert release_info(FIXTURE)["ecoinvent_version"] == "3.10"


# --- `bw-alu background add`, then plant A against it ---------------------------------


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    links = tmp_path_factory.mktemp("links") / "links.csv"
    res = CliRunner().invoke(
        main, ["background", "add", str(FIXTURE), "--name", "ei-mini", "--project", ADDED]
    )
    assert res.exit_code == 0, res.output
    assert "added background ei-mini: 23 activities, ecoinvent 3.10 cutoff" in res.output
    res = CliRunner().invoke(
        main,
        [
            "import",
            str(PLANT_A),
            "--background",
            "ei-mini",
            "--project",
            ADDED,
            "--links",
            str(links),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "31 inventory rows (migrated 13, proxy 2, simapro 16)" in res.output
    # import --links writes the same report as the links command
    from bw_alu.ecoinvent.command import links_csv

    assert links.read_text(encoding="utf-8") == links_csv(ADDED, PID)
    (result,) = calculate_products(ADDED, [PID])
    return result


def test_every_simapro_row_linked_with_its_match_type(added, tmp_path):
    out = tmp_path / "links.csv"
    res = CliRunner().invoke(
        main, ["links", "--product", PID, "--project", ADDED, "--output", str(out)]
    )
    assert res.exit_code == 0, res.output
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 31
    for r in rows:
        assert r["database"] == "ei-mini", r
        if "|" in r["dataset"]:  # a SimaPro name
            assert r["match"] in {"simapro", "migrated"}, r
        else:  # the two supplier datasets of the study's own group (not public)
            assert r["match"] == "proxy" and r["proxy"] == "True", r
    lorry = [r for r in rows if r["label"] == "road transport: steel fasteners"][0]
    assert lorry["match"] == "migrated"
    assert lorry["activity"] == "market for transport, freight, lorry >32 metric ton, EURO6"
    assert "3.11 -> 3.10" in lorry["note"]
    lime = [r for r in rows if r["label"] == "lime, hydrated"][0]
    # the study's APOS name links to the release's dataset by product, activity, location
    assert (lime["match"], lime["activity"]) == ("simapro", "market for lime, hydrated, packed")


def test_hand_checked_rows_on_the_release(added):
    assert _score(added, GWP, "raw_materials", "refining flux") == pytest.approx(0.375, rel=REL)
    assert _score(added, GWP, "production", "tap water") == pytest.approx(0.4928, rel=REL)
    assert _score(added, GWP, "production", "grid electricity, coal-fired share") == pytest.approx(
        2567.73, rel=REL
    )
    co2, ch4, n2o, r134a = (
        _gwp("349b29d1-3e58-4c66-98b9-9d1a076efd2e"),
        _gwp("0795345f-c7ae-410c-ad25-1845784c75f5"),
        _gwp("20185046-64bb-4c09-a8e7-e8a9e144ca98"),
        _gwp("e87f039d-d9ce-4242-ac18-c9284cc80f3d"),
    )
    per_tkm = (
        0.079 * co2 + 2e-6 * n2o + 1e-6 * ch4 + 1e-7 * r134a + 0.025 * (0.45 * co2 + 0.003 * ch4)
    )
    assert _score(
        added, GWP, "raw_material_transport", "road transport: steel fasteners"
    ) == pytest.approx(0.07558 * per_tkm, rel=REL)
    bg = added.meta["background"]
    assert (bg["database"], bg["ecoinvent_version"], bg["biosphere"]) == (
        "ei-mini",
        "3.10",
        "biosphere3",
    )
    assert bg["methods"][GWP] == [
        "IPCC 2021",
        "climate change",
        "global warming potential (GWP100)",
    ]


def test_added_release_writes_only_what_is_needed(added):
    import bw2data as bd

    from bw_alu.project import activate

    activate(ADDED)
    # no open background (not asked for), one biosphere, the 20 methods once
    assert sorted(bd.databases) == ["biosphere3", "ei-mini", PID]
    assert len(bd.methods) == 20


def test_background_add_errors(added, tmp_path):
    runner = CliRunner()
    res = runner.invoke(
        main, ["background", "add", str(tmp_path / "nope"), "--name", "x", "--project", ADDED]
    )
    assert res.exit_code == 2 and "not a folder" in res.output and "Traceback" not in res.output
    res = runner.invoke(
        main, ["background", "add", str(FIXTURE), "--name", "ei-mini", "--project", ADDED]
    )
    assert res.exit_code == 2 and "already exists" in res.output
    # a release with an elementary flow the biosphere does not have: listed, nothing written
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    spold = next((broken / "datasets").glob("0f61a5f2-*.spold"))
    spold.write_text(
        spold.read_text(encoding="utf-8").replace(
            "349b29d1-3e58-4c66-98b9-9d1a076efd2e", "00000000-0000-0000-0000-000000000001"
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        ReleaseInvalid, match=r"(?s)1 exchange\(s\) do not link.*chemical production, inorganic"
    ):
        add_release(ADDED, broken, "ei-broken")
    import bw2data as bd

    assert "ei-broken" not in bd.databases


# --- a project made by bw2io.import_ecoinvent_release ---------------------------------


@pytest.fixture(scope="module")
def existing(tmp_path_factory, added):
    base = tmp_path_factory.mktemp("ei")
    with pytest.MonkeyPatch.context() as mp:
        make_ecoinvent_project(EXISTING, write_lcia_workbook(base / "lcia.xlsx"), mp)
    import bw2data as bd

    from bw_alu.project import activate

    activate(EXISTING)
    before = (sorted(bd.databases), sorted(bd.methods))
    summary = import_plant(EXISTING, PLANT_A, background="ecoinvent-3.10-cutoff")
    (result,) = calculate_products(EXISTING, [PID])
    activate(EXISTING)
    after = (sorted(bd.databases), sorted(bd.methods))
    return result, summary, before, after


def test_existing_project_untouched_but_for_the_product(existing):
    _, summary, before, after = existing
    assert summary.setup == []
    assert before[0] == ["ecoinvent-3.10-biosphere", "ecoinvent-3.10-cutoff"]
    assert after[0] == sorted(before[0] + [PID])  # no biosphere3, no open background
    assert after[1] == before[1]  # the release's 20 methods, none added
    assert all(m[0] == "ecoinvent-3.10" for m in after[1])


def test_existing_project_uses_its_biosphere_and_methods(existing):
    result, *_ = existing
    bg = result.meta["background"]
    assert bg["biosphere"] == "ecoinvent-3.10-biosphere"
    assert (bg["ecoinvent_version"], bg["system_model"]) == ("3.10", "cutoff")
    assert bg["methods"]["Climate change"] == [
        "ecoinvent-3.10",
        "EF v3.1",
        "climate change",
        "global warming potential (GWP100)",
    ]
    assert result.calculation["project_methods"][GWP][0] == "ecoinvent-3.10"
    # the direct gases link to the project's own biosphere
    import bw2data as bd

    from bw_alu.project import activate

    activate(EXISTING)
    inputs = {exc.input["database"] for act in bd.Database(PID) for exc in act.biosphere()}
    assert inputs == {"ecoinvent-3.10-biosphere"}


def test_existing_project_gives_the_same_numbers(existing, added):
    """Same datasets, same factors (imported by bw2io by flow name from the LCIA file
    instead of written by bw-alu by code): every total agrees."""
    result, *_ = existing
    for label, total in added.totals().items():
        assert result.totals()[label] == pytest.approx(total, rel=REL, abs=1e-15), label
    assert result.total(GWP) == pytest.approx(added.total(GWP), rel=REL)


def test_missing_method_is_a_clear_error(tmp_path, monkeypatch):
    project = "test-ei-no-ef-water"
    skip = (
        (
            "EF v3.1",
            "water use",
            "user deprivation potential (deprivation-weighted water consumption)",
        ),
    )
    make_ecoinvent_project(
        project, write_lcia_workbook(tmp_path / "lcia.xlsx", skip=skip), monkeypatch
    )
    with pytest.raises(MethodMissing, match=r"Water use \('EF v3.1', 'water use'"):
        import_plant(project, PLANT_A, background="ecoinvent-3.10-cutoff")
    import bw2data as bd

    assert PID not in bd.databases and "biosphere3" not in bd.databases


def test_unknown_background_writes_nothing(existing):
    with pytest.raises(ProjectNotReady, match="'ecoinvent-3.11-cutoff' is not in project"):
        import_plant(EXISTING, PLANT_A, background="ecoinvent-3.11-cutoff")
    import bw2data as bd

    assert "biosphere3" not in bd.databases and "uslci_cn" not in bd.databases


@pytest.mark.parametrize(
    "version, matches, soda",
    [
        # 3.11 -> 3.10 -> 3.9: the lorry renamed twice back, soda ash once
        (
            "3.9",
            {"migrated": 14, "proxy": 2, "simapro": 15},
            "modified Solvay process, Hou's process",
        ),
        # the study's own release: only hydrated lime, which the study still names as
        # 3.10 did, needs a migration (3.10 -> 3.11)
        (
            "3.11",
            {"migrated": 1, "proxy": 2, "simapro": 28},
            "soda ash production, dense, Hou's process",
        ),
        # 3.11 -> 3.12, and lime 3.10 -> 3.12; an APOS database (names as cut-off's)
        (
            "3.12 apos",
            {"migrated": 1, "proxy": 2, "simapro": 28},
            "soda ash production, dense, Hou's process",
        ),
    ],
)
def test_projects_of_other_ecoinvent_releases(
    existing, tmp_path, monkeypatch, version, matches, soda
):
    """The fixture renamed as each release names its datasets, in a project made by
    bw2io's import_ecoinvent_release: the study's names reach it through the published
    migrations; same data, so the same numbers as in the 3.10 project."""
    from .ecoinvent_project import release_as

    version, _, model = f"{version} cutoff".partition(" ")
    model = model.split()[0]
    project = f"test-ei-{version}-{model}"
    release = release_as(tmp_path / f"ecoinvent {version}_cutoff_ecoSpold02", version)
    make_ecoinvent_project(
        project, write_lcia_workbook(tmp_path / "lcia.xlsx"), monkeypatch, version, release, model
    )
    summary = import_plant(project, PLANT_A, background=f"ecoinvent-{version}-{model}")
    assert summary.matches == matches
    rows = {r["label"]: r for r in link_rows(project, PID)}
    assert rows["soda ash"]["activity"] == soda
    if version != "3.9":
        lime = rows["lime, hydrated"]
        assert lime["activity"] == "market for hydrated lime, packed"
        assert "ecoinvent 3.10 name (the study declares 3.11)" in lime["note"]
    (result,) = calculate_products(project, [PID])
    bg = result.meta["background"]
    assert (bg["ecoinvent_version"], bg["system_model"]) == (version, model)
    assert bg["methods"]["Climate change"][0] == f"ecoinvent-{version}"
    assert result.total(GWP) == pytest.approx(existing[0].total(GWP), rel=REL)


def test_project_with_its_own_biosphere3_fails_before_writing(tmp_path):
    """The issue's case: a project whose biosphere3 is another flow list (here the
    fixture's 31 flows). bw-alu's default set-up used to leave an empty method behind and
    crash later; now it stops with one message and writes nothing."""
    import bw2data as bd
    from bw2io.importers import Ecospold2BiosphereImporter

    from bw_alu.errors import BiosphereMissing
    from bw_alu.project import _quiet, activate

    project = "test-ei-own-biosphere3"
    activate(project)
    with _quiet():
        eb = Ecospold2BiosphereImporter(
            name="biosphere3", filepath=FIXTURE / "MasterData" / "ElementaryExchanges.xml"
        )
        eb.apply_strategies()
        eb.write_database()
    with pytest.raises(
        BiosphereMissing, match="lacks .* elementary flow\\(s\\) that the open background"
    ):
        import_plant(project, PLANT_A)
    activate(project)
    assert sorted(bd.databases) == ["biosphere3"] and len(bd.methods) == 0
    res = CliRunner().invoke(main, ["import", str(PLANT_A), "--project", project])
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_ilcd_archive_names_the_projects_background(existing):
    import io
    import zipfile

    from bw_alu.export.ilcd import archive_bytes

    from .ilcd_schemas import errors

    result, *_ = existing
    with zipfile.ZipFile(io.BytesIO(archive_bytes(result))) as zf:
        texts = {}
        for name in zf.namelist():
            assert errors(name.split("/")[1], zf.read(name)) == [], name
            texts[name] = zf.read(name).decode("utf-8")
    sources = "".join(t for n, t in texts.items() if "/sources/" in n)
    assert "database ecoinvent-3.10-cutoff, ecoinvent 3.10, system model cutoff" in sources
    assert "ecoinvent-3.10 / EF v3.1 / climate change" in sources


def test_multi_process_plant_a_on_the_release(added):
    """Plant A as anode supply -> electrolysis -> casthouse (issue 9's workbook) links the
    same way and gives the one-process total on the release."""
    summary = import_plant(
        ADDED, PLANTS_DIR / "ingot_yunnan_2024_processes.xlsx", background="ei-mini"
    )
    assert summary.matches == {"migrated": 13, "process": 2, "proxy": 2, "simapro": 16}
    (result,) = calculate_products(ADDED, [summary.product_id])
    assert result.total(GWP) == pytest.approx(added.total(GWP), rel=REL)
