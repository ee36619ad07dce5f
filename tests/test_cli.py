"""The import and lcia commands as a user runs them (click's CliRunner, real project)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.project import setup
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-cli"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    setup(PROJECT, background_file=tiny_background(base / "tiny.json.gz"))
    wb = write_workbook(base / "tiny.xlsx", plant_sheets())
    runner = CliRunner()
    res = runner.invoke(main, ["import", str(wb), "--background", "tiny", "--project", PROJECT])
    assert res.exit_code == 0, res.output
    assert (
        "imported tiny_plant: 4 inventory rows (burden-free 1, exact 3), 1 direct-emission items"
        in res.output
    )
    return base


def test_lcia_csv_is_the_contract_table(files):
    out = files / "r.csv"
    res = CliRunner().invoke(
        main, ["lcia", "--project", PROJECT, "--format", "csv", "--output", str(out)]
    )
    assert res.exit_code == 0, res.output
    t = pd.read_csv(out, keep_default_na=False)
    assert list(t.columns) == [
        "product",
        "indicator",
        "unit",
        "stage",
        "contributor",
        "kind",
        "score",
    ]
    total = t[(t.indicator == "GWP100 (IPCC 2021)") & (t.stage == "")].score.iloc[0]
    # hand derivation in test_small_system.py: 6.289892 kg CO2 eq per t
    assert total == pytest.approx(6.289892, rel=1e-6)
    assert set(t.indicator) >= {"Climate change", "Water use", "GWP100 land use (IPCC 2021)"}


def test_lcia_json_and_table(files):
    res = CliRunner().invoke(main, ["lcia", "--project", PROJECT, "--format", "json"])
    assert res.exit_code == 0, res.output
    (data,) = json.loads(res.output)
    assert data["product_id"] == "tiny_plant" and data["calculation"]["solver"]
    res = CliRunner().invoke(main, ["lcia", "--project", PROJECT])
    assert "GWP100 (IPCC 2021)" in res.output and "6.29" in res.output


def test_errors_exit_2_without_traceback(files):
    sheets = plant_sheets()
    sheets["inventory"][0]["amount"] = "lots"
    bad = write_workbook(files / "bad.xlsx", sheets)
    res = CliRunner().invoke(
        main, ["import", str(bad), "--background", "tiny", "--project", PROJECT]
    )
    assert res.exit_code == 2
    assert "sheet 'inventory', row 2, column 'E (amount)'" in res.output
    assert "Traceback" not in res.output
    res = CliRunner().invoke(main, ["lcia", "--project", PROJECT, "--product", "nope"])
    assert res.exit_code == 2 and "product 'nope' is not imported" in res.output


@pytest.mark.parametrize("command", ["import", "lcia"])
def test_help(command):
    res = CliRunner().invoke(main, [command, "--help"])
    assert res.exit_code == 0 and "--project" in res.output


def test_unwritable_output_is_a_clear_error(files):
    res = CliRunner().invoke(
        main,
        ["lcia", "--project", PROJECT, "--format", "csv", "--output", str(files / "no" / "r.csv")],
    )
    assert res.exit_code == 2
    assert "cannot write" in res.output and "Traceback" not in res.output
    assert not (files / "no").exists()
