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
