"""``databases/plants/ingot_yunnan_2024_simapro.csv``: plant A as a SimaPro CSV export.

The file holds, per declared unit (1 ton of ingot), every inventory row of the workbook
as a technosphere input named by the row's dataset (kg*km written as tkm: / 1000), and
each direct-emission item's gases as ``Emissions to air`` substances (kg, the amounts
bw-alu's calculators give). Importing it links the same datasets with the same amounts
and the same elementary flows, so each of the 20 indicators' totals must equal the
workbook's: nothing is derived here but that identity (rel 1e-6, the amounts being
written with 15 significant digits).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.importer import import_plant
from bw_alu.indicators import indicators
from bw_alu.lcia import calculate_products
from bw_alu.paths import PLANTS_DIR

PROJECT = "test-simapro-example"
REPO = Path(__file__).resolve().parent.parent
WORKBOOK = PLANTS_DIR / "ingot_yunnan_2024.xlsx"
CSV = PLANTS_DIR / "ingot_yunnan_2024_simapro.csv"


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_simapro_example", REPO / "scripts" / "make_simapro_example.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_csv_is_what_the_script_writes():
    from bw_alu.export.simapro import plant_to_simapro

    script = _script()
    assert script.WORKBOOK == WORKBOOK and script.OUT == CSV
    assert CSV.read_bytes() == plant_to_simapro(WORKBOOK, date=script.DATE).encode("utf-8")


def test_simapro_example_gives_the_workbook_totals():
    import_plant(PROJECT, WORKBOOK)
    res = CliRunner().invoke(
        main, ["import", str(CSV), "--project", PROJECT, "--product-id", "plant_a_simapro"]
    )
    assert res.exit_code == 0, res.output
    assert "imported plant_a_simapro" in res.output
    wb, sp = calculate_products(PROJECT, ["ingot_yunnan_2024", "plant_a_simapro"])
    labels = [i.label for i in indicators()]
    assert len(labels) == 20
    for label in labels:
        assert sp.total(label) == pytest.approx(wb.total(label), rel=1e-6, abs=1e-12), label


def test_product_id_is_for_simapro_only():
    res = CliRunner().invoke(
        main, ["import", str(WORKBOOK), "--project", PROJECT, "--product-id", "x"]
    )
    assert res.exit_code == 2 and "SimaPro CSV exports only" in res.output
    assert "Traceback" not in res.output


def test_repeated_names_are_told_apart():
    """13 lorry lines share a dataset name: each is labelled with its comment (the
    workbook row's label); the CO2 lines (bw-simapro-csv drops substance comments) with
    their line number."""
    from bw_alu.workbook.simapro import load_simapro

    plant, pending = load_simapro(CSV)
    assert pending == []
    labels = [r.label for r in plant.inventory]
    assert len(set(labels)) == len(labels) == 31
    assert any(x.endswith("Cut-off, U (road transport: pig iron)") for x in labels)
    subs = [s.label for s in plant.substances]
    assert len(set(subs)) == len(subs) == 7
    assert "Methane, tetrafluoro-, CFC-14" in subs  # given once: its name alone
    assert sum(x.startswith("Carbon dioxide, fossil (line ") for x in subs) == 5


def test_batch_takes_the_simapro_export_as_a_plant(tmp_path):
    """A folder with the workbook and its SimaPro export: the .csv is a plant (not a
    recipes table); both products computed, the same GWP100 total (identity)."""
    import csv
    import shutil

    from bw_alu import api

    folder = tmp_path / "plants"
    folder.mkdir()
    shutil.copy(WORKBOOK, folder)
    shutil.copy(CSV, folder)
    outcome = api.batch("test-simapro-batch", [folder], tmp_path / "out", reports=None)
    assert outcome.failed == [] and sorted(outcome.computed) == [
        "ingot_yunnan_2024",
        "remelting-aluminium-ingot",
    ]
    assert outcome.summary is not None
    with open(outcome.summary, encoding="utf-8") as fh:
        totals = {
            r["product"]: float(r["score"])
            for r in csv.DictReader(fh)
            if r["indicator"] == "GWP100 (IPCC 2021)" and r["stage"] == ""
        }
    assert totals["remelting-aluminium-ingot"] == pytest.approx(
        totals["ingot_yunnan_2024"], rel=1e-6
    )
