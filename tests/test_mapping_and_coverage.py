"""A user's own mapping file (``import --mapping``) and per-indicator coverage, on the
tiny system of ``small_system.py``.

Coverage (``calculate/coverage.py``): the share of the GWP100 result that sits in
datasets reporting the indicator's flows at all. Own GWP100 emissions of the tiny
plant's supply chain, kg CO2 eq (test_small_system.py's derivation):

    alumina (2 kg, own CO2 + CH4 non-fossil)  2 x (1.0 + 0.01 x 27)      = 2.54
    elec inside alumina (1 kWh)               1 x 0.8                    = 0.8
    elec of the plant (3 kWh)                 3 x 0.8                    = 2.4
    truck (1 t*km direct + 0.04 t*km via elec) 1.04 x 0.1298             = 0.134992
    soda ash (direct CO2)                                                = 0.4149
    total                                                                = 6.289892

Acidification's flow (SO2) is reported by elec only: coverage 3.2 / 6.289892 = 0.508753.
Land use: no dataset reports a land flow: coverage 0, marked low.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-mapping"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("mapping")
    return {"base": base, "bg": tiny_background(base / "tiny.json.gz")}


def test_user_mapping_links_and_coverage(env):
    base = env["base"]
    sheets = plant_sheets("mapped_plant")
    sheets["inventory"][0]["dataset"] = "Alumina from our own refinery"
    wb = write_workbook(base / "mapped.xlsx", sheets)
    mapping = base / "mine.csv"
    mapping.write_text(
        "study_dataset,background_code,match,note\n"
        "Alumina from our own refinery,alumina,proxy,our refinery's data are not public\n",
        encoding="utf-8",
    )
    import_plant(PROJECT, wb, background="tiny", background_file=env["bg"], mapping_file=mapping)
    (r,) = calculate_products(PROJECT, ["mapped_plant"])
    assert r.total("GWP100 (IPCC 2021)") == pytest.approx(6.289892, rel=1e-6)
    row = next(x for x in r.rows if x["label"] == "alumina")
    assert row["link"]["match"] == "proxy" and row["link"]["target"]["code"] == "alumina"
    cov = r.calculation["coverage"]
    assert cov["Acidification"]["share"] == pytest.approx(3.2 / 6.289892, rel=1e-6)
    assert cov["Acidification"]["low_coverage"] is False
    assert cov["Land use"] == {"share": 0.0, "low_coverage": True}
    assert cov["GWP100 (IPCC 2021)"]["share"] == pytest.approx(1.0)


def test_mapping_option_on_the_cli(env):
    from bw_alu.cli import main

    res = CliRunner().invoke(main, ["import", "--help"])
    assert "--mapping" in res.output
    bad = env["base"] / "bad.csv"
    bad.write_text("name,code\nx,y\n", encoding="utf-8")
    wb = write_workbook(env["base"] / "plain.xlsx", plant_sheets("plain_plant"))
    res = CliRunner().invoke(main, ["import", str(wb), "--mapping", str(bad), "--project", PROJECT])
    assert res.exit_code == 2 and "missing column" in res.output
