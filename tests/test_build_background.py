"""Rebuilding the background from the USLCI release gives the committed file, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
USLCI = REPO.parent / "shared" / "data" / "uslci" / "uslci_fy21_q3_01_olca_10_3_ecospold2.zip"
TIANGONG = REPO.parent / "shared" / "data" / "tiangong" / "tiangong.tar.xz"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not USLCI.exists(), reason="needs ../shared/data/uslci/ (the USLCI release)"
    ),
    pytest.mark.skipif(
        not TIANGONG.exists(), reason="needs ../shared/data/tiangong/ (the TianGong archive)"
    ),
]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("databases")
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_background.py"),
            "--uslci",
            str(USLCI),
            "--tiangong",
            str(TIANGONG),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


def test_rebuild_is_byte_identical(rebuilt: Path):
    committed = REPO / "databases" / "background" / "uslci_cn.json.gz"
    assert (rebuilt / "background" / "uslci_cn.json.gz").read_bytes() == committed.read_bytes()
    assert (rebuilt / "LICENSE-TIANGONG").read_bytes() == (
        REPO / "databases" / "LICENSE-TIANGONG"
    ).read_bytes()
    assert (rebuilt / "background" / "grid_factors.csv").read_bytes() == (
        REPO / "databases" / "background" / "grid_factors.csv"
    ).read_bytes()
    for table in (
        "fedefl_to_ecoinvent39.csv",
        "uslci_provider_choices.csv",
        "ef31_to_ecoinvent39.csv",
    ):
        assert (rebuilt / "mappings" / table).read_bytes() == (
            REPO / "databases" / "mappings" / table
        ).read_bytes()


def test_all_greenhouse_gases_linked(rebuilt: Path):
    coverage = json.loads((rebuilt / "background" / "coverage.json").read_text(encoding="utf-8"))
    ghgs = coverage["ghg_flows"]
    assert ghgs
    for row in ghgs:
        assert row["ecoinvent_code"], row
    names = {r["fedefl_name"] for r in ghgs}
    assert {
        "Carbon dioxide",
        "Methane",
        "Nitrous oxide",
        "Sulfur hexafluoride",
        "Carbon tetrafluoride",
        "Hexafluoroethane",
    } <= names


def test_land_and_water_coverage_reported(rebuilt: Path):
    coverage = json.loads((rebuilt / "background" / "coverage.json").read_text(encoding="utf-8"))
    land, water = coverage["land_exchanges"], coverage["water_exchanges"]
    assert land["share_linked_after"] == 1.0 > land["share_linked_before"]
    assert not [u for u in coverage["unlinked_flows"] if u["direction"] == "land"]
    assert water["share_linked"] == 1.0
    assert water["consumption_exchanges_added (water to air)"] > 100
    (soda,) = [b for b in coverage["water_balances"] if b["number"] == "95369"]
    assert soda["consumption_m3"] == pytest.approx(4.1261 - 0.89358)


def test_tiangong_flows_mapped_and_every_greenhouse_gas_linked(rebuilt: Path):
    coverage = json.loads((rebuilt / "background" / "coverage.json").read_text(encoding="utf-8"))
    tg = coverage["tiangong"]
    assert tg["elementary_exchanges"]["share_linked"] > 0.95
    (co2,) = [f for f in tg["ghg_flows"] if f["name"] == "carbon dioxide (fossil)"]
    assert co2["ecoinvent_name"] == "Carbon dioxide, fossil" and co2["ipcc2021_gwp100"] == 1.0
    ghg = (
        "carbon dioxide",
        "carbon monoxide",
        "methane",
        "dinitrogen",
        "fc-",
        "hfc-",
        "sulfur hexa",
    )
    assert not [f for f in tg["flows"] if f["rule"] == "unlinked" and f["name"].startswith(ghg)]
