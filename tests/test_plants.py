"""The two example plants end to end on the embedded open background.

Hand checks use the parts of the result that do not depend on USLCI's own data:
plant A's direct emissions (parameters of plants.md A.4) and its hydro electricity row,
linked to a GHG-only proxy of 24 g CO2 eq/kWh (IPCC AR5 WG3 Annex III median for
hydropower, emitted as fossil CO2).
"""

from __future__ import annotations

import math

import pytest

from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.paths import PLANTS_DIR

PROJECT = "test-plants"
GWP = "GWP100 (IPCC 2021)"
REL = 1e-6  # Brightway holds amounts and factors as float32


@pytest.fixture(scope="module")
def results():
    for name in ("ingot_yunnan_2024", "castrod_kunshan_2024"):
        import_plant(PROJECT, PLANTS_DIR / f"{name}.xlsx")
    return {r.product_id: r for r in calculate_products(PROJECT)}


def _score(r, indicator, stage="", contributor=""):
    t = r.table
    sel = t[(t.indicator == indicator) & (t.stage == stage) & (t.contributor == contributor)]
    assert len(sel) == 1, (indicator, stage, contributor)
    return float(sel.score.iloc[0])


@pytest.mark.parametrize("pid", ["ingot_yunnan_2024", "castrod_kunshan_2024"])
def test_all_20_totals_finite_and_adding_up(results, pid):
    r = results[pid]
    t = r.table
    totals = t[t.stage == ""]
    assert len(totals) == 20
    assert all(math.isfinite(x) for x in totals.score)
    for ind in totals.indicator:
        block = t[t.indicator == ind]
        subs = block[(block.stage != "") & (block.contributor == "")]
        total = block[block.stage == ""].score.iloc[0]
        assert total == pytest.approx(math.fsum(subs.score), rel=1e-12, abs=1e-30)
        for stage in subs.stage:
            c = block[(block.stage == stage) & (block.contributor != "")]
            assert subs[subs.stage == stage].score.iloc[0] == pytest.approx(
                math.fsum(c.score), rel=1e-12, abs=1e-30
            )
    assert r.calculation["bw2calc_closure_max_rel"] < 1e-9


def test_plant_a_direct_emissions(results):
    r = results["ingot_yunnan_2024"]
    direct = {
        # 0.389 tC/t x (1 - 0.02 - 0.004) x 44/12 = 1.392101333 t CO2 = 1392.101333 kg
        "anode_consumption: anode consumption": 1392.101333,
        # CF4 0.02 kg x 7380 + C2F6 0.0011 kg x 12400 = 147.6 + 13.64
        "anode_effect: anode effect PFCs": 161.24,
        # 0.00064 t x 42.652 GJ/t x 0.0202 tC/GJ x 0.98 x 44/12 = 0.001981382 t
        "fuel_combustion: diesel, forklifts inside the plant": 1.981382,
        # 0.000001 t x 42.652 x 0.0202 x 0.98 x 44/12 = 3.0959e-6 t
        "fuel_combustion: diesel, mould preheating": 0.0030959,
        # 0.01779 t x 0.4400 = 0.0078276 t
        "carbonate_decomposition: carbonate decomposition, quicklime line": 7.8276,
        # 0.00135 t x 0.4149 = 0.000560115 t
        "carbonate_decomposition: carbonate decomposition, soda ash": 0.560115,
    }
    for contributor, kg in direct.items():
        assert _score(r, GWP, "production", contributor) == pytest.approx(kg, rel=1e-5)


def test_plant_a_hydro_row(results):
    # 11572.22 kWh x 0.024 kg CO2/kWh = 277.73328 kg CO2 eq
    r = results["ingot_yunnan_2024"]
    score = _score(r, GWP, "production", "grid electricity, clean share (hydro)")
    assert score == pytest.approx(277.73328, rel=REL)
    assert _score(r, "GWP100 fossil (IPCC 2021)", "production", "grid electricity, clean share (hydro)") == pytest.approx(277.73328, rel=REL)


def test_every_row_linked_and_proxies_named(results):
    r = results["ingot_yunnan_2024"]
    assert len(r.rows) == 31
    matches = {row["label"]: row["link"]["match"] for row in r.rows}
    assert matches["alumina, supplier-specific (own group refinery)"] == "proxy"
    assert matches["alumina, metallurgical"] == "mapped"
    for row in r.rows:
        prov = row["link"]["target"]["provenance"]
        assert {"source", "year", "geography", "licence", "proxy"} <= set(prov)


def test_plant_b_annual_to_per_tonne(results):
    r = results["castrod_kunshan_2024"]
    # R-22 refill 0.13 t/yr = 130 kg; per t: 130 / 43574.4 = 0.0029834 kg HCFC-22;
    # x GWP100 1960 = 5.84752 kg CO2 eq per t
    contributor = "refrigerant_leakage: R-22 leakage (air conditioning)"
    assert _score(r, GWP, "production", contributor) == pytest.approx(130 / 43574.4 * 1960, rel=1e-5)
    flagged = {a["id"] for a in r.meta["assumptions"]}
    assert {"B-PROD", "B-LOAD", "B-SCRAP"} <= flagged


def test_plant_a_verified_against_its_own_output(results, tmp_path):
    from bw_alu.results import write_csv
    from bw_alu.verify.run import verify

    table = results["ingot_yunnan_2024"].table
    own = tmp_path / "declared.csv"
    write_csv(table, own)
    report = verify(PROJECT, own, product="ingot_yunnan_2024")
    material = [f for f in report.findings if f.severity == "material"]
    assert material == []
    # one contribution raised by 10 %: that row is a material deviation (10 % > 5 %)
    changed = table.copy()
    sel = (changed.indicator == GWP) & (changed.contributor == "alumina, metallurgical")
    changed.loc[sel, "score"] *= 1.10
    bad = tmp_path / "declared_bad.csv"
    write_csv(changed, bad)
    report = verify(PROJECT, bad, product="ingot_yunnan_2024")
    deviations = [f for f in report.findings if f.code == "deviation" and f.severity == "material"]
    assert len(deviations) == 1
    assert "alumina, metallurgical" in str(deviations[0].rows)
