"""The PEF quality levels and formula are read from methods/, each with a source and status."""

from __future__ import annotations

import csv

import pytest

from bw_alu.paths import METHODS_DIR
from bw_alu.report.content import quality


def _rows(name: str) -> list[dict]:
    with (METHODS_DIR / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_levels_come_from_the_methods_file():
    rows = _rows("dq_rating_bands.csv")
    assert [b["en"] for b in quality.bands()] == [r["name_en"] for r in rows]
    # limits of the file: 1.5, 2.0, 3.0, 4.0, then none; a DQR on a limit is in the better level
    assert quality.band(1.5, "en") == "excellent"
    assert quality.band(1.51, "en") == "very good"
    assert quality.band(3.0, "zh") == "良好"
    assert quality.band(4.01, "en") == "poor"


@pytest.mark.parametrize("name", ["dq_rating_bands.csv", "dq_rating_formula.csv"])
def test_every_figure_has_a_source_and_a_status(name):
    for r in _rows(name):
        assert r["source"].strip(), r
        status = r["status"]
        assert status.startswith(("cited", "partly confirmed", "UNCONFIRMED")), status
        # a figure not fully confirmed says which part is UNCONFIRMED
        if status.startswith("partly"):
            assert "UNCONFIRMED" in status


def test_row_dqr_is_the_formula_of_the_file():
    # the file's formula: DQR = (TeR + GeR + TiR + P) / 4; scores 3, 4, 5, 1 -> 13 / 4 = 3.25
    assert quality.formula()["formula"]["value"] == "DQR = (TeR + GeR + TiR + P) / 4"
    assert quality.row_dqr({"dq": {"ter": 3, "ger": 4, "tir": 5, "p": 1}}) == 3.25
    assert quality.row_dqr({"dq": {"ter": 3, "ger": 4, "tir": 5}}) is None  # incomplete


def test_limits_are_those_tied_to_the_level_names_by_the_sources():
    # methods/dq_rating_bands.csv: the secondary table "Quality levels" (Carbonfact,
    # methodology/dqr-framework.md) reads < 1.5 excellent, 1.5-2.0 very good, 2.0-3.0
    # good, 3.0-4.0 fair, > 4.0 poor; the file carries the same limits, best first.
    assert [b["limit"] for b in quality.bands()] == [1.5, 2.0, 3.0, 4.0, float("inf")]
    assert [b["en"] for b in quality.bands()] == [
        "excellent",
        "very good",
        "good",
        "fair",
        "poor",
    ]
    # a DQR between two limits is in the upper one's level: 2.5 -> 2.0 < 2.5 <= 3.0 -> good
    assert quality.band(2.5, "en") == "good"
    assert quality.band(3.5, "en") == "fair"


def test_the_missing_primary_text_is_said_for_every_limit():
    # the PEF method's own table was not found: every limited level says so, names the
    # source that ties limit and name, and says the level of a DQR on a limit is open
    rows = _rows("dq_rating_bands.csv")
    for r in rows[:-1]:
        assert r["status"].startswith("partly confirmed"), r
        assert "2021/2279" in r["status"] and "UNCONFIRMED" in r["status"], r
        assert "exactly on a limit is UNCONFIRMED" in r["status"], r
        assert "carbonfact/textile-lca-database" in r["source"], r
