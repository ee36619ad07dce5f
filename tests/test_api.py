"""``bw_alu.api`` on the small hand-computed system, and bw2data's current project.

Every call runs while another project ("elsewhere") is current, and must leave it
current, also when it raises. Hand values (IPCC 2021 GWP100 per declared unit, derived
in test_small_system.py)::

    total 6.289892 = raw_materials 3.341298 + raw_material_transport 0.1298
                   + production 2.818794

A second product (``tiny_api_two``) has 5 MWh/yr of electricity instead of 3: at
0.801298 kg CO2 eq per kWh and 0.001 declared units per annual unit, its total is
6.289892 + 2000 x 0.801298 x 0.001 = 7.892488.
"""

from __future__ import annotations

import bw2data as bd
import pandas as pd
import pytest

from bw_alu import api
from bw_alu.errors import UnknownProduct, WorkbookInvalid
from bw_alu.lcia import calculate_products
from bw_alu.project import in_project, setup
from bw_alu.results import write_csv
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-api"
ELSEWHERE = "test-api-elsewhere"
GWP = "GWP100 (IPCC 2021)"
TOTAL = 6.289892
REL = 1e-6  # float32 storage of amounts, see test_small_system


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("api")
    setup(PROJECT, background_file=tiny_background(base / "tiny.json.gz"))
    wb = write_workbook(base / "tiny_plant.xlsx", plant_sheets())
    summary = api.import_workbook(PROJECT, wb, background="tiny")
    assert summary.product_id == "tiny_plant"
    return {"base": base, "wb": wb}


@pytest.fixture
def elsewhere(tiny):
    """Another project is current when the API is called; the test checks it still is."""
    bd.projects.set_current(ELSEWHERE)
    yield ELSEWHERE


def _gwp_total(table: pd.DataFrame, product: str) -> float:
    rows = table[(table["product"] == product) & (table.indicator == GWP) & (table.stage == "")]
    assert len(rows) == 1
    return float(rows.score.iloc[0])


def test_import_and_calculate_leave_the_current_project(tiny, elsewhere, tmp_path):
    summary = api.import_workbook(PROJECT, tiny["wb"], background="tiny")
    assert bd.projects.current == elsewhere
    assert (summary.product_id, summary.rows, summary.direct_items) == ("tiny_plant", 4, 1)

    (result,) = api.calculate(PROJECT, "tiny_plant")
    assert bd.projects.current == elsewhere
    assert result.total(GWP) == pytest.approx(TOTAL, rel=REL)
    assert [r.product_id for r in api.calculate(PROJECT)] == ["tiny_plant"]
    assert bd.projects.current == elsewhere

    # The defect of issue 10: the library call itself switched the current project.
    (again,) = calculate_products(PROJECT, ["tiny_plant"])
    assert bd.projects.current == elsewhere
    assert again.total(GWP) == result.total(GWP)


def test_errors_leave_the_current_project_too(tiny, elsewhere, tmp_path):
    with pytest.raises(UnknownProduct):
        api.calculate(PROJECT, "nope")
    assert bd.projects.current == elsewhere
    sheets = plant_sheets("tiny_api_bad")
    sheets["inventory"][0]["amount"] = "lots"
    bad = write_workbook(tmp_path / "bad.xlsx", sheets)
    with pytest.raises(WorkbookInvalid):
        api.import_workbook(PROJECT, bad, background="tiny")
    assert bd.projects.current == elsewhere
    with pytest.raises(RuntimeError), in_project(PROJECT):
        assert bd.projects.current == PROJECT
        raise RuntimeError("inside the block")
    assert bd.projects.current == elsewhere


def test_write_reports_and_verify(tiny, elsewhere, tmp_path):
    paths = api.write_reports(
        PROJECT, "tiny_plant", tmp_path / "out", kinds=["cfp"], langs=["en"], formats=["csv"]
    )
    assert bd.projects.current == elsewhere
    names = sorted(p.name for p in paths)
    assert "tiny_plant_results.csv" in names
    table = pd.read_csv(tmp_path / "out" / "tiny_plant_results.csv", keep_default_na=False)
    assert _gwp_total(table, "tiny_plant") == pytest.approx(TOTAL, rel=REL)

    # The study declares exactly what bw-alu computes: no material finding.
    (result,) = api.calculate(PROJECT, ["tiny_plant"])
    declared = tmp_path / "declared.csv"
    write_csv(result.table, declared)
    report = api.verify(PROJECT, declared)
    assert bd.projects.current == elsewhere
    assert report.product == "tiny_plant"
    assert report.count("material") == 0 and report.exit_status == 0


def test_batch(tiny, elsewhere, tmp_path):
    two = plant_sheets("tiny_api_two")
    two["inventory"][3]["amount"] = 5  # MWh/yr of electricity, 3 in the base plant
    wb = write_workbook(tmp_path / "in" / "two.xlsx", two)
    outcome = api.batch(PROJECT, [wb], tmp_path / "out", background="tiny", reports=None)
    assert bd.projects.current == elsewhere
    assert outcome.computed == ["tiny_api_two"] and not outcome.failed
    summary = pd.read_csv(tmp_path / "out" / "summary.csv", keep_default_na=False)
    assert _gwp_total(summary, "tiny_api_two") == pytest.approx(
        TOTAL + 2000 * 0.801298 * 0.001, rel=REL
    )
