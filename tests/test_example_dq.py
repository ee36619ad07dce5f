"""The example workbooks' data quality scores follow the rule of scripts/example_dq.py.

Each expected score below is derived by hand from the row (data type, assumption), the
background dataset it links to (databases/mappings/study_datasets.csv and the dataset's
provenance in databases/background/uslci_cn.json.gz) and the rule's levels.
"""

from __future__ import annotations

import sys

import pytest

from bw_alu.paths import ROOT
from bw_alu.workbook import load_plant

sys.path.insert(0, str(ROOT / "scripts"))

from example_dq import ger, scores, tir  # noqa: E402

from bw_alu.paths import PLANTS_DIR  # noqa: E402


def _rows(name: str) -> dict[str, dict]:
    plant = load_plant(PLANTS_DIR / f"{name}.xlsx")
    return {r.label: r.dq for r in plant.inventory}


def test_plant_a_rows_by_hand():
    rows = _rows("ingot_yunnan_2024")
    # alumina, metallurgical: mapped to cn-alumina (not a proxy) -> TeR 2; location CN,
    # the plant is CN-YN, CN includes it -> GeR 2; dataset year 2019, reporting year 2024,
    # 5 years (< 6) -> TiR 2; primary, no assumption -> P 1. DQR = (2+2+2+1)/4 = 1.75.
    assert rows["alumina, metallurgical"] == {"ter": 2, "ger": 2, "tir": 2, "p": 1}
    # coal-fired grid share: mapped to uslci-93820 (not a proxy) -> TeR 2; location RNA
    # (North America) -> GeR 4; year 2002, 22 years -> TiR 5; P 1. DQR = 12/4 = 3.00.
    assert rows["grid electricity, coal-fired share"] == {"ter": 2, "ger": 4, "tir": 5, "p": 1}
    # aluminium fluoride: TianGong AlF3, a structural proxy (raw materials cut off) -> TeR 3;
    # location CN -> GeR 2; year 2019, 5 years -> TiR 2; P 1.
    assert rows["aluminium fluoride"] == {"ter": 3, "ger": 2, "tir": 2, "p": 1}
    # coal-fired share has no GHG-only proxy; the hydro share is one: IPCC AR5 median
    # (cn-elec-hydro, proxy and GHG-only) -> TeR 4
    assert rows["grid electricity, clean share (hydro)"]["ter"] == 4
    # the supplier's own alumina: the mapping calls cn-alumina a proxy for it -> TeR 3.
    assert rows["alumina, supplier-specific (own group refinery)"]["ter"] == 3


def test_plant_b_rows_by_hand():
    rows = _rows("castrod_kunshan_2024")
    # transport: USLCI truck (uslci-15077, RNA, 2009): TeR 2, GeR 4, 15 years -> TiR 5;
    # the amount needs assumption B-LOAD (30 t per trip) -> P 2.
    assert rows["raw material transport"] == {"ter": 2, "ger": 4, "tir": 5, "p": 2}
    # renewable-power aluminium: cn-al-ingot-hydro, location CN-YN, the plant is CN-JS:
    # another province -> GeR 3; year 1997 -> TiR 5.
    hydro = rows["primary aluminium made with renewable power"]
    assert (hydro["ger"], hydro["tir"]) == (3, 5)
    # East China grid for the Kunshan (Jiangsu) plant: the region its study names -> GeR 2;
    # the grid mix is a structural proxy -> TeR 3; 2023 -> TiR 1.
    grid = rows["purchased electricity (East China grid)"]
    assert (grid["ter"], grid["ger"], grid["tir"]) == (3, 2, 1)
    # burden-free scrap has no dataset to rate
    assert rows["purchased aluminium scrap (recycled)"] == {}


@pytest.mark.parametrize(
    ("location", "plant", "expected"),
    [
        ("CN-YN", "CN-YN", 1),
        ("CN", "CN-YN", 2),
        ("GLO", "CN-JS", 2),
        ("CN-GS", "CN-JS", 3),
        ("US", "CN-YN", 4),
        ("BR", "CN-YN", 5),
    ],
)
def test_geographical_levels(location, plant, expected):
    assert ger(location, plant) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, 1), (2022, 1), (2021, 2), (2015, 3), (2010, 4), (2009, 5), ("unknown", 5)],
)
def test_temporal_levels(year, expected):
    # difference to 2024: 0, 2 (< 3) -> 1; 3 -> 2; 9 -> 3; 14 -> 4; 15 -> 5
    assert tir(year, 2024) == expected


def test_rows_without_background_dataset_get_no_scores():
    assert scores({"dataset": "burden-free (cut-off)"}, "CN-JS", 2024) == {}
    assert scores({"dataset": "electrolysis"}, "CN-YN", 2024) == {}
