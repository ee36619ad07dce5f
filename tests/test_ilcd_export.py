"""``bw-alu report --format ilcd``: the ILCD+EPD archive of the small system.

Hand values (per 1 t declared unit, module A1-A3; derivation in test_small_system.py):

    GWP100 fossil (IPCC 2021)   = 6.289892 - 0.54     = 5.749892 kg CO2 eq (GWP-fossil)
    GWP100 biogenic (IPCC 2021) = 2 x 0.01 x 27       = 0.54     kg CO2 eq (GWP-biogenic)
    GWP100 land use             = 0 (no land-use flow in the small background)
    Acidification: SO2 only from electricity, 0.002 kg x 1.31 = 0.00262 mol H+ eq/kWh;
                   3 kWh direct + 2 kg alumina x 0.5 kWh = 4 kWh -> 0.01048 mol H+ eq
    declared unit               = 1 t = 1000 kg (reference flow of the process data set)

The archive is checked three ways: every data set against the ILCD XSDs that ``pyilcd``
ships (tests/ilcd_schemas.py), by reading the XML, and by ``ilcdlib`` (C-Change Labs),
the reader EPD platforms use to turn ILCD+EPD into openEPD.
"""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from bw_alu.cli import main
from bw_alu.export.ilcd import NS, archive_bytes, ilcd_methods
from bw_alu.importer import import_plant
from bw_alu.workbook.write import write_workbook

from .ilcd_schemas import errors
from .small_system import plant_sheets, tiny_background

PROJECT = "test-ilcd"
PID = "tiny_ilcd"
REL = 1e-6
HAND = {
    "7fce5b3a-66b8-4ce1-91e8-a925aee1f186": 5.749892,  # Climate change-Fossil
    "706261af-a357-4cc0-a50a-f3033fcbd556": 0.54,  # Climate change-Biogenic
    "14af9ca7-aa1d-4832-b1d9-ab05a06dcb12": 0.0,  # Climate change-LULUC
    "b5c611c6-def3-11e6-bf01-fe55135034f3": 0.01048,  # Acidification
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("ilcd")
    bg = tiny_background(base / "tiny.json.gz")
    sheets = plant_sheets(PID, verifier="Test Verification Body", verifier_email="v@example.org")
    import_plant(
        PROJECT, write_workbook(base / "plant.xlsx", sheets), background="tiny", background_file=bg
    )
    out = base / "out"
    res = CliRunner().invoke(
        main,
        [
            "report",
            "--product",
            PID,
            "--format",
            "ilcd",
            "--output",
            str(out),
            "--project",
            PROJECT,
        ],
    )
    assert res.exit_code == 0, res.output
    path = out / f"{PID}_ilcd_epd.zip"
    assert res.output.strip().splitlines()[0] == str(path)
    assert sorted(p.name for p in out.iterdir()) == [path.name]  # only the archive asked for
    return path


def _process(path):
    with zipfile.ZipFile(path) as zf:
        (name,) = [n for n in zf.namelist() if n.startswith("ILCD/processes/")]
        return etree.fromstring(zf.read(name))


def test_every_data_set_validates_against_the_ilcd_xsds(archive):
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        kinds = {n.split("/")[1] for n in names}
        assert kinds == {
            "processes",
            "flows",
            "flowproperties",
            "unitgroups",
            "sources",
            "contacts",
        }
        for name in names:
            assert errors(name.split("/")[1], zf.read(name)) == [], name


def test_lcia_results_carry_ef_uuids_and_hand_values(archive):
    root = _process(archive)
    results = {}
    for r in root.iter(f"{{{NS['process']}}}LCIAResult"):
        ref = r.find(f"{{{NS['process']}}}referenceToLCIAMethodDataSet")
        (amount,) = r.findall(f"{{{NS['common']}}}other/{{{NS['epd']}}}amount")
        assert amount.get(f"{{{NS['epd']}}}module") == "A1-A3"
        assert float(amount.text) == float(r.findtext(f"{{{NS['process']}}}meanAmount"))
        results[ref.get("refObjectId")] = float(amount.text)
    # the 16 EF 3.1 indicators and GWP-fossil/-biogenic/-luluc, each once
    assert set(results) == {m.uuid for m in ilcd_methods()} and len(results) == 19
    for uuid, value in HAND.items():
        assert results[uuid] == pytest.approx(value, rel=REL, abs=1e-12), uuid
    # EF 3.1 climate change (GWP-total): EF 3.1 and IPCC 2021 give CO2 1, CH4 fossil 29.8,
    # CH4 non-fossil 27 (bw2io's LCIA v3.9), so it equals the GWP100 total 6.289892
    total = results["6209b35f-9447-40b5-b68c-a1099e3674a0"]
    assert total == pytest.approx(6.289892, rel=REL)


def test_declared_unit_time_geography_sources_verifier(archive):
    root = _process(archive)
    p, c = NS["process"], NS["common"]
    assert root.findtext(f".//{{{p}}}exchange/{{{p}}}meanAmount") == "1000.0"
    assert root.findtext(f".//{{{c}}}referenceYear") == "2024"
    assert root.findtext(f".//{{{c}}}dataSetValidUntil") == "2029"
    loc = root.find(f".//{{{p}}}locationOfOperationSupplyOrProduction")
    assert loc.get("location") == "CN"
    assert root.findtext(f".//{{{p}}}typeOfDataSet") == "EPD"
    assert root.findtext(f".//{{{NS['epd']}}}subType") == "specific dataset"
    sources = [
        e.findtext(f"{{{c}}}shortDescription") for e in root.iter(f"{{{p}}}referenceToDataSource")
    ]
    assert sources[0].startswith("Background: ") and sources[1].startswith("LCIA: EF 3.1")
    reviewer = root.find(f".//{{{p}}}review/{{{c}}}referenceToNameOfReviewerAndInstitution")
    assert reviewer.findtext(f"{{{c}}}shortDescription") == "Test Verification Body"


def test_archive_is_reproducible(archive):
    from bw_alu.lcia import calculate_products

    (result,) = calculate_products(PROJECT, [PID])
    assert archive_bytes(result) == archive.read_bytes()


def test_ilcdlib_reads_the_same_values(archive):
    pytest.importorskip("ilcdlib", reason="ilcdlib needs Python >= 3.11")
    from ilcdlib.epd.reader import IlcdEpdReader
    from ilcdlib.medium.archive import ZipIlcdReader

    reader = IlcdEpdReader(None, None, ZipIlcdReader(archive))
    assert reader.get_product_name("en") == "test ingot"
    unit = reader.get_declared_unit()
    assert (unit.qty, unit.unit) == (1000.0, "kg")
    impacts = reader.get_lcia_results_reader().get_impact_set({})
    # openEPD names ilcdlib maps our EF 3.1 results to (by UUID or EN 15804 code)
    assert impacts.gwp_fossil.A1A2A3.mean == pytest.approx(5.749892, rel=REL)
    assert impacts.gwp_biogenic.A1A2A3.mean == pytest.approx(0.54, rel=REL)
    assert impacts.ap.A1A2A3.mean == pytest.approx(0.01048, rel=REL)
    assert impacts.gwp.A1A2A3.unit == "kgCO2e"
    root = _process(archive)
    ours = {
        r.find(f"{{{NS['process']}}}referenceToLCIAMethodDataSet").get("refObjectId"): float(
            r.findtext(f"{{{NS['process']}}}meanAmount")
        )
        for r in root.iter(f"{{{NS['process']}}}LCIAResult")
    }
    read = impacts.model_dump(exclude_none=True)
    n = sum(1 for k in read if k != "ext") + len(read.get("ext", {}))
    assert n == 19  # every indicator came through: 13 openEPD fields, the rest in ext
    assert read["gwp"]["A1A2A3"]["mean"] == ours["6209b35f-9447-40b5-b68c-a1099e3674a0"]
    decl = reader.to_openepd_declaration("en")
    assert decl.declared_unit.qty == 1000.0
    verifiers = reader.get_third_party_verifier(reader.get_ilcd_validations("en"))
    assert verifiers is not None and verifiers.name == "Test Verification Body"


def test_distribution_stage_is_module_a4(archive, tmp_path):
    """A delivery leg (stage distribution) of 100,000 t*km/yr x 0.001 (1 t of 1000 t/yr)
    = 100 t*km per t by the tiny truck (0.1298 kg CO2 eq per t*km, fossil) is module A4:
    12.98 kg CO2 eq; A1-A3 unchanged."""
    sheets = plant_sheets("tiny_ilcd_a4")
    sheets["inventory"].append(
        {
            "stage": "distribution",
            "label": "delivery",
            "kind": "transport",
            "amount": 100_000,
            "unit": "t*km",
            "dataset": "Transport, tiny truck",
        }
    )
    import_plant(PROJECT, write_workbook(tmp_path / "a4.xlsx", sheets), background="tiny")
    from bw_alu.lcia import calculate_products

    (result,) = calculate_products(PROJECT, ["tiny_ilcd_a4"])
    root = etree.fromstring(
        next(b for n, b in _members(archive_bytes(result)) if n.startswith("ILCD/processes/"))
    )
    fossil = [
        r
        for r in root.iter(f"{{{NS['process']}}}LCIAResult")
        if r.find(f"{{{NS['process']}}}referenceToLCIAMethodDataSet").get("refObjectId")
        == "7fce5b3a-66b8-4ce1-91e8-a925aee1f186"
    ][0]
    amounts = {
        a.get(f"{{{NS['epd']}}}module"): float(a.text)
        for a in fossil.iter(f"{{{NS['epd']}}}amount")
    }
    assert amounts["A1-A3"] == pytest.approx(5.749892, rel=REL)
    assert amounts["A4"] == pytest.approx(12.98, rel=REL)
    assert errors("processes", etree.tostring(root)) == []


def _members(blob: bytes):
    import io

    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return [(n, zf.read(n)) for n in zf.namelist()]
