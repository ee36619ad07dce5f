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


def mix_score(generation: dict[str, float], total: float, loss: float = 0.0454) -> float:
    """GWP100 per kWh delivered of a mix recomputed by hand: each technology's generation
    share / (1 - line loss) kWh times its own score, each from its own bw2calc LCA."""
    import bw2calc as bc
    import bw2data as bd

    expected = 0.0
    for code, value in generation.items():
        lca = bc.LCA({bd.get_node(database="uslci_cn", code=code): 1.0}, method=IPCC)
        lca.lci()
        lca.lcia()
        expected += value / total / (1 - loss) * float(lca.score)
    return expected


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


def test_both_yunnan_grids_are_in_the_table_against_their_years_provincial_factor():
    table = {r["code"]: r for r in rows()}
    # the recomputation above (test_modelled_column_...) covers every row, so both of these.
    # MEE/NBS provincial CO2 factors of Yunnan: 2023 notice (2025 No. 47), annex table 3,
    # 0.1333 (as transcribed); 2022 notice, 0.1073
    for code, value, year in (
        ("cn-elec-grid-yunnan", "0.1333", "2023"),
        ("cn-elec-grid-yunnan-2022", "0.1073", "2022"),
    ):
        row = table[code]
        assert (row["official_value"], row["official_year"]) == (value, year)
        assert float(row["ratio"]) == pytest.approx(
            float(row["modelled_kg_co2e_per_kwh"]) / float(value), abs=1e-3
        )
        assert len(row["note"]) > 40  # both more than 15 % above it: explained
    assert "drought" in table["cn-elec-grid-yunnan"]["note"]


def test_yunnan_2022_grid_is_the_yunnan_government_mix(scores):
    """cn-elec-grid-yunnan-2022 from sources/grid_mixes.csv (2022, TWh, Yunnan government
    data via S&P Global): total 374.79; hydro 303.88, thermal 45.91, wind 21.25, solar 3.75
    (they add up to 374.79). Shares: hydro 303.88 / 374.79 = 0.81080, thermal 0.12250;
    per kWh delivered share / (1 - 0.0454)."""

    generation = {
        "cn-elec-thermal-yunnan": 45.91,
        "cn-elec-hydro": 303.88,
        "cn-elec-wind": 21.25,
        "cn-elec-solar": 3.75,
    }
    assert sum(generation.values()) == pytest.approx(374.79)
    assert scores["cn-elec-grid-yunnan-2022"] == pytest.approx(
        mix_score(generation, 374.79), rel=1e-5
    )


def test_yunnan_grid_is_its_2023_generation_over_the_national_line_loss(scores):
    """cn-elec-grid-yunnan recomputed by hand from sources/provincial_generation.csv.

    Yunnan 2023, 10^4 kWh (NBS series via CREA's export): thermal 6,403,000, hydro
    28,976,000, solar 898,833, no nuclear series (Yunnan has no nuclear plant in the
    export); wind (the provincial series ends in November): NBS national 2023,
    80,904,900 x 10^4 kWh, times Yunnan's January-November share
    2,501,983.18 / 79,603,670.36 = 2,542,881.48. Total 38,820,714.48; shares: thermal
    6,403,000 / 38,820,714.48 = 0.16494, hydro 0.74641, wind 0.06550, solar 0.02315
    (2022, Yunnan government data: hydro 0.8108, thermal 0.1225; 2023 was a drought
    year). Per kWh delivered each technology supplies share / (1 - 0.0454) kWh.
    """
    import bw2data as bd

    wind = 80_904_900 * 2_501_983.18 / 79_603_670.36
    assert wind == pytest.approx(2_542_881.48, abs=0.01)
    generation = {
        "cn-elec-thermal-yunnan": 6_403_000,
        "cn-elec-hydro": 28_976_000,
        "cn-elec-solar": 898_833,
        "cn-elec-wind": wind,
    }
    total = sum(generation.values())
    assert total == pytest.approx(38_820_714.48, abs=0.01)
    assert generation["cn-elec-thermal-yunnan"] / total == pytest.approx(0.16494, abs=5e-6)
    assert generation["cn-elec-hydro"] / total == pytest.approx(0.74641, abs=5e-6)
    assert scores["cn-elec-grid-yunnan"] == pytest.approx(mix_score(generation, total), rel=1e-5)
    # the installed grid's own exchanges carry the same amounts
    grid = bd.get_node(database="uslci_cn", code="cn-elec-grid-yunnan")
    amounts = {e.input["code"]: e["amount"] for e in grid.technosphere()}
    assert set(amounts) == set(generation)
    for code, value in generation.items():
        assert amounts[code] == pytest.approx(value / total / (1 - 0.0454), rel=1e-6)


def test_jiangsu_grid_is_its_2023_generation_over_the_national_line_loss(scores):
    """cn-elec-grid-jiangsu recomputed by hand from sources/provincial_generation.csv.

    Jiangsu 2023, 10^4 kWh (NBS series via CREA's export): thermal 49,500,000, hydro
    304,000, nuclear 5,028,000, solar 1,048,769; wind (the provincial series ends in
    November): NBS national 2023, 80,904,900 x 10^4 kWh, times Jiangsu's
    January-November share 4,803,218.19 / 79,603,670.36. Per kWh delivered each technology
    supplies share / (1 - 0.0454) kWh (national line loss of sources/grid_mixes.csv). The
    grid's score is then the sum of those amounts times each technology activity's own
    score, computed separately here with bw2calc.
    """

    generation = {
        "cn-elec-thermal-jiangsu": 49_500_000,
        "cn-elec-hydro": 304_000,
        "uslci-93698": 5_028_000,  # nuclear (USLCI, proxy)
        "cn-elec-solar": 1_048_769,
        "cn-elec-wind": 80_904_900 * 4_803_218.19 / 79_603_670.36,
    }
    total = sum(generation.values())
    assert generation["cn-elec-thermal-jiangsu"] / total == pytest.approx(0.8146, abs=5e-5)
    assert scores["cn-elec-grid-jiangsu"] == pytest.approx(mix_score(generation, total), rel=1e-5)
    (row,) = [r for r in rows() if r["code"] == "cn-elec-grid-jiangsu"]
    # Jiangsu's 2023 provincial CO2 factor (MEE/NBS 2023 notice, annex table 3, as transcribed)
    assert (row["official_value"], row["official_year"]) == ("0.5827", "2023")
    assert float(row["ratio"]) == pytest.approx(
        float(row["modelled_kg_co2e_per_kwh"]) / 0.5827, abs=1e-3
    )


def test_east_china_grid_is_the_sum_of_its_five_provinces(scores):
    """cn-elec-grid-east recomputed by hand from sources/provincial_generation.csv (2023,
    10^4 kWh; NBS series via CREA's export) over the provinces of sources/regional_grids.csv.

    thermal: Shanghai 9,264,000 + Jiangsu 49,500,000 + Zhejiang 31,923,000 + Anhui 30,330,000
    + Fujian 17,876,000 = 138,893,000; hydro: Jiangsu 304,000 + Zhejiang 1,504,000 + Anhui
    680,000 + Fujian 2,287,000 = 4,775,000 (no Shanghai series); nuclear: Jiangsu 5,028,000 +
    Zhejiang 7,622,000 + Fujian 8,396,000 = 21,046,000; solar: 51,029 + 1,048,769 +
    1,418,099 + 1,111,912 + 50,211 = 3,680,020. Wind (provincial series end in November):
    NBS national 2023, 8,090.49 x 10^8 kWh = 80,904,900 x 10^4 kWh, times the five
    provinces' January-November share 9,181,255.52 / 79,603,670.36 (all 30 provinces).
    Per kWh delivered each technology supplies share / (1 - 0.0454); thermal is split over
    the five provinces' TianGong thermal datasets by their thermal generation.
    """

    with open(
        BACKGROUND_DIR / "sources" / "provincial_generation.csv", encoding="utf-8", newline=""
    ) as fh:
        jan_nov = sum(
            float(r["value"]) for r in csv.DictReader(fh) if r["technology"] == "wind_jan_nov"
        )
    assert jan_nov == pytest.approx(79_603_670.36)
    thermal = {
        "cn-elec-thermal-shanghai": 9_264_000,
        "cn-elec-thermal-jiangsu": 49_500_000,
        "cn-elec-thermal-zhejiang": 31_923_000,
        "cn-elec-thermal-anhui": 30_330_000,
        "cn-elec-thermal-fujian": 17_876_000,
    }
    wind = 80_904_900 * (217_831.20 + 4_803_218.19 + 969_271.85 + 1_275_371.75 + 1_915_562.53)
    generation = {
        **thermal,
        "cn-elec-hydro": 304_000 + 1_504_000 + 680_000 + 2_287_000,
        "uslci-93698": 5_028_000 + 7_622_000 + 8_396_000,  # nuclear (USLCI, proxy)
        "cn-elec-solar": 51_029 + 1_048_769 + 1_418_099 + 1_111_912 + 50_211,
        "cn-elec-wind": wind / 79_603_670.36,
    }
    total = sum(generation.values())
    assert sum(thermal.values()) / total == pytest.approx(0.7815, abs=5e-5)
    assert scores["cn-elec-grid-east"] == pytest.approx(mix_score(generation, total), rel=1e-5)
    (row,) = [r for r in rows() if r["code"] == "cn-elec-grid-east"]
    assert row["official_value"] == "0.5500"  # MEE/NBS 2023 regional factor, East China
    assert len(row["note"]) > 40  # 1.230 x the official factor: explained


def test_southwest_grid_is_sichuan_and_chongqing(scores):
    """cn-elec-grid-southwest recomputed by hand over the two provinces MEE's regional-grid
    table puts in Southwest (2021 factor notes, Table 1, as transcribed; Tibet is in no
    region), from sources/provincial_generation.csv (2023, 10^4 kWh):

    thermal: Sichuan 9,170,000 + Chongqing 8,434,000 = 17,604,000; hydro: 35,833,000 +
    1,684,000 = 37,517,000; solar: Sichuan 440,521 (no Chongqing series); wind: NBS national
    80,904,900 times the two provinces' January-November share (1,487,308.36 + 374,449.67)
    / 79,603,670.36 = 1,892,191.0. Total 57,453,712.0, thermal 17,604,000 / 57,453,712.0 =
    0.3064 (with Tibet, the previous build: 0.2999).
    """
    wind = 80_904_900 * (1_487_308.36 + 374_449.67) / 79_603_670.36
    assert wind == pytest.approx(1_892_191.0, abs=0.1)
    generation = {
        "cn-elec-thermal-sichuan": 9_170_000,
        "cn-elec-thermal-chongqing": 8_434_000,
        "cn-elec-hydro": 35_833_000 + 1_684_000,
        "cn-elec-solar": 440_521,
        "cn-elec-wind": wind,
    }
    total = sum(generation.values())
    assert total == pytest.approx(57_453_712.0, abs=0.1)
    assert (9_170_000 + 8_434_000) / total == pytest.approx(0.3064, abs=5e-5)
    assert scores["cn-elec-grid-southwest"] == pytest.approx(mix_score(generation, total), rel=1e-5)
    with open(BACKGROUND_DIR / "sources" / "regional_grids.csv", encoding="utf-8") as fh:
        members = {
            r["province"] for r in csv.DictReader(fh) if r["grid_code"].endswith("southwest")
        }
    assert members == {"Sichuan", "Chongqing"}


def test_us_truck_mapped_for_chinese_lorries_matches_the_chinese_heavy_truck_figure(scores):
    """The studies' >32 t lorry maps to USLCI's long-haul combination truck (uslci-15077).
    Its GWP100 per t*km, recomputed here, lies within 0.5 % of China's heavy diesel truck
    transport in the China Products Carbon Footprint Factors Database: 0.0978 kg CO2e per
    t*km (entry 65119X0282024C, 2024, cradle to grave, as transcribed; see
    databases/background/README.md, proxies table)."""
    import bw2calc as bc
    import bw2data as bd

    lca = bc.LCA({bd.get_node(database="uslci_cn", code="uslci-15077"): 1.0}, method=IPCC)
    lca.lci()
    lca.lcia()
    assert float(lca.score) == pytest.approx(0.0978, rel=5e-3)
