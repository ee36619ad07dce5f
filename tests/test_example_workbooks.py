"""The committed example workbooks are exactly what scripts/make_example_workbooks.py writes
from shared/reference/plants.md, cell for cell."""

from __future__ import annotations

import sys

import pytest
from openpyxl import load_workbook

from bw_alu.paths import PLANTS_DIR, ROOT
from bw_alu.workbook.write import write_workbook

sys.path.insert(0, str(ROOT / "scripts"))

from make_example_workbooks import workbooks  # noqa: E402
from plant_b import ANNUAL_PRODUCTION_T, PURCHASED_METAL_T  # noqa: E402


@pytest.mark.parametrize(
    "name", ["ingot_yunnan_2024", "castrod_kunshan_2024", "ingot_yunnan_2024_processes"]
)
def test_committed_workbook_matches_script(tmp_path, name):
    fresh = load_workbook(write_workbook(tmp_path / f"{name}.xlsx", workbooks()[name]))
    committed = load_workbook(PLANTS_DIR / f"{name}.xlsx")
    assert fresh.sheetnames == committed.sheetnames
    for ws in fresh.worksheets:
        assert list(ws.iter_rows(values_only=True)) == list(
            committed[ws.title].iter_rows(values_only=True)
        ), ws.title


def test_plant_b_assumed_production():
    # purchased metal (plants.md B.1, head-and-tail scrap excluded):
    # 2684.23 + 1610.54 + 322.11 + 375.79 + 161.05 + 322.11 + 10.74 + 322.11 + 2.15
    # + 38652.84 = 44463.67 t; less 2 % melt loss: 44463.67 x 0.98 = 43574.3966 -> 43574.4 t
    purchased, production = PURCHASED_METAL_T, ANNUAL_PRODUCTION_T
    assert purchased == pytest.approx(44463.67, abs=1e-9)
    assert production == 43574.4
