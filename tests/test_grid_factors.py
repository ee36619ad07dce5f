"""databases/background/grid_factors.csv holds what the installed background computes.

The build writes the modelled column (IPCC 2021 GWP100 per kWh delivered) from its own
matrices; here each value is recomputed with bw2calc on a real project set up from the
committed background, so the table cannot drift from the data users install.
"""

from __future__ import annotations

import csv

import pytest

from bw_alu.paths import BACKGROUND_DIR
from bw_alu.project import activate, setup

PROJECT = "test-grid-factors"
IPCC = ("IPCC 2021", "climate change", "global warming potential (GWP100)")


def rows() -> list[dict]:
    with open(BACKGROUND_DIR / "grid_factors.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    setup(PROJECT)
    activate(PROJECT)
    import bw2calc as bc
    import bw2data as bd

    out = {}
    for row in rows():
        lca = bc.LCA({bd.get_node(database="uslci_cn", code=row["code"]): 1.0}, method=IPCC)
        lca.lci()
        lca.lcia()
        out[row["code"]] = float(lca.score)
    return out


def test_modelled_column_is_what_the_installed_project_computes(scores):
    for row in rows():
        # 4 decimals in the table; Brightway stores amounts as float32 (~1e-7 relative)
        assert scores[row["code"]] == pytest.approx(
            float(row["modelled_kg_co2e_per_kwh"]), abs=5.1e-5
        )


def test_national_grid_within_10_percent_of_the_official_2023_footprint_factor():
    (national,) = [r for r in rows() if r["code"] == "cn-elec-grid-national"]
    # MEE/NBS/NEA announcement 2025 No. 3: 2023 national electricity carbon footprint
    assert national["official_value"] == "0.6205"
    assert national["official_kind"].startswith("carbon footprint")
    assert abs(float(national["modelled_kg_co2e_per_kwh"]) / 0.6205 - 1) < 0.10


def test_grids_more_than_15_percent_off_are_explained():
    expected = {
        "code",
        "modelled_kg_co2e_per_kwh",
        "official_value",
        "official_year",
        "official_kind",
        "official_publisher",
        "official_document",
        "ratio",
    }
    for row in rows():
        assert expected <= set(row)
        if row["ratio"] and abs(float(row["ratio"]) - 1) > 0.15:
            assert len(row["note"]) > 40, row["code"]


def test_jiangsu_grid_is_tiangongs_2019_mix_over_the_national_line_loss(scores):
    """cn-elec-grid-jiangsu recomputed by hand from its parts in the installed project.

    TianGong 03ae7e51 'Electricity production ; Electricity mix ; Jiangsu' (2019) gives, per
    3.6 MJ out, inputs of thermal 3.1136652, hydro 0.0216, nuclear 0.2292336, wind 0.1282032,
    solar 0.1073016 MJ (sum 3.6000036, so shares are input / 3.6000036). Per kWh delivered
    each technology supplies share / (1 - 0.0454) kWh (national line loss of
    sources/grid_mixes.csv). The grid's score is then the sum of those amounts times each
    technology activity's own score, computed separately here with bw2calc.
    """
    import bw2calc as bc
    import bw2data as bd

    inputs = {
        "cn-elec-thermal-jiangsu": 3.1136652,
        "cn-elec-hydro": 0.0216,
        "uslci-93698": 0.2292336,  # nuclear (USLCI, proxy)
        "cn-elec-wind": 0.1282032,
        "cn-elec-solar": 0.1073016,
    }
    total = sum(inputs.values())
    assert total == pytest.approx(3.6000036)
    expected = 0.0
    for code, amount in inputs.items():
        lca = bc.LCA({bd.get_node(database="uslci_cn", code=code): 1.0}, method=IPCC)
        lca.lci()
        lca.lcia()
        expected += amount / total / (1 - 0.0454) * float(lca.score)
    assert scores["cn-elec-grid-jiangsu"] == pytest.approx(expected, rel=1e-5)
    (row,) = [r for r in rows() if r["code"] == "cn-elec-grid-jiangsu"]
    # East China 2023 regional CO2 factor (MEE/NBS notice), Jiangsu's own not found
    assert row["official_value"] == "0.5500"
    assert float(row["ratio"]) == pytest.approx(
        float(row["modelled_kg_co2e_per_kwh"]) / 0.55, abs=1e-3
    )
