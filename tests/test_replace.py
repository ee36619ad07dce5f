"""A product_id imported from one workbook file is not silently replaced by another
file's (issue 10: a workbook of another plant reusing a product_id replaced it)."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner

from bw_alu import api
from bw_alu.cli import main
from bw_alu.errors import ProductExists
from bw_alu.importer import import_plant
from bw_alu.project import activate, setup
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-replace"


@pytest.fixture(scope="module")
def bg(tmp_path_factory):
    base = tmp_path_factory.mktemp("replace")
    path = tiny_background(base / "tiny.json.gz")
    setup(PROJECT, background_file=path, background="tiny")
    return path


def _source(pid: str) -> dict:
    activate(PROJECT)
    import bw2data as bd

    return bd.databases[pid]["bw_alu_source"]


def _annual(pid: str) -> float:
    activate(PROJECT)
    import bw2data as bd

    return bd.get_activity((pid, pid))["bw_alu"]["product"]["annual_production"]


def _cli_import(path, *extra):
    return CliRunner().invoke(
        main, ["import", str(path), "--background", "tiny", "--project", PROJECT, *extra]
    )


def test_same_file_reimports_other_file_needs_replace(bg, tmp_path):
    plant_a = write_workbook(tmp_path / "plant_a.xlsx", plant_sheets("shared_id"))
    import_plant(PROJECT, plant_a, background="tiny")
    src = _source("shared_id")
    assert src["path"] == str(plant_a.resolve())
    assert src["sha256"] == hashlib.sha256(plant_a.read_bytes()).hexdigest()

    # The same file, edited: replaced as before.
    write_workbook(plant_a, plant_sheets("shared_id", annual_production=2000))
    assert _cli_import(plant_a).exit_code == 0
    assert _annual("shared_id") == 2000

    # Another plant's workbook reusing the id: refused, exit 2, nothing changed.
    plant_b = write_workbook(tmp_path / "plant_b.xlsx", plant_sheets("shared_id", company="B"))
    res = _cli_import(plant_b)
    assert res.exit_code == 2, res.output
    assert "product_id 'shared_id' is already in project 'test-replace'" in res.output
    assert str(plant_a.resolve()) in res.output and "--replace" in res.output
    assert "plant_b.xlsx, sheet 'product'" in res.output
    assert res.output.count("Error:") == 1 and "Traceback" not in res.output
    assert _source("shared_id")["path"] == str(plant_a.resolve())
    assert _annual("shared_id") == 2000
    with pytest.raises(ProductExists):
        import_plant(PROJECT, plant_b, background="tiny")

    # With --replace it is replaced, and plant B's file is now the source.
    res = _cli_import(plant_b, "--replace")
    assert res.exit_code == 0, res.output
    assert _source("shared_id")["path"] == str(plant_b.resolve())
    assert _annual("shared_id") == 1000

    # A copy with the same contents elsewhere is the same workbook.
    copy = tmp_path / "copy" / "plant_b.xlsx"
    copy.parent.mkdir()
    shutil.copy(plant_b, copy)
    assert _cli_import(copy).exit_code == 0


def test_api_replace(bg, tmp_path):
    one = write_workbook(tmp_path / "one.xlsx", plant_sheets("api_id"))
    two = write_workbook(tmp_path / "two.xlsx", plant_sheets("api_id", annual_production=4000))
    api.import_workbook(PROJECT, one, background="tiny")
    with pytest.raises(ProductExists, match="another workbook"):
        api.import_workbook(PROJECT, two, background="tiny")
    assert _annual("api_id") == 1000
    api.import_workbook(PROJECT, two, background="tiny", replace=True)
    assert _annual("api_id") == 4000
