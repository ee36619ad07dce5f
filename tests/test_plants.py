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
    for name in ("ingot_yunnan_2024", "castrod_kunshan_2024", "ingot_yunnan_2024_processes"):
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
    # bw2calc factorizes product + background itself; USLCI's loops make the system
    # ill-conditioned enough that two factorizations agree to about 3e-8, not 1e-15.
    assert r.calculation["bw2calc_closure_max_rel"] < 1e-6


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
    # 11572.22 kWh x 0.0143 kg CO2e/kWh (2023 Chinese carbon-footprint factor of hydropower,
    # emitted as fossil CO2 by the GHG-only proxy) = 165.482746 kg CO2 eq
    r = results["ingot_yunnan_2024"]
    score = _score(r, GWP, "production", "grid electricity, clean share (hydro)")
    assert score == pytest.approx(165.482746, rel=REL)
    assert _score(
        r, "GWP100 fossil (IPCC 2021)", "production", "grid electricity, clean share (hydro)"
    ) == pytest.approx(165.482746, rel=REL)


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
    assert _score(r, GWP, "production", contributor) == pytest.approx(
        130 / 43574.4 * 1960, rel=1e-5
    )
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


def test_plant_a_as_three_processes_equals_one(results):
    """anode supply -> electrolysis -> casthouse (spent anode butts cut off, as the study
    chose) carries every row of the one-process workbook with the same amount per tonne of
    ingot: supply 461.05 kg of anodes x (147.47 / 461.05) kg per kg = 147.47 kg, molten
    aluminium 1 t x 1 t/t, ... so all 20 totals and every stage subtotal are equal."""
    one, three = results["ingot_yunnan_2024"], results["ingot_yunnan_2024_processes"]
    t1, t3 = one.table, three.table
    subtotals = lambda t: t[t.contributor == ""].set_index(["indicator", "stage"]).score  # noqa: E731
    s1, s3 = subtotals(t1), subtotals(t3)
    assert len(s1) == len(s3) == 20 * 4  # total + three stages, 20 indicators
    for key, value in s1.items():
        assert s3[key] == pytest.approx(value, rel=1e-6, abs=1e-30), key
    runs = {p["code"]: p["runs_per_du"] for p in three.calculation["foreground"]["processes"]}
    assert runs["anode_supply"] == pytest.approx(461.05, rel=REL)
    assert runs["electrolysis"] == pytest.approx(1.0, rel=REL)
    electrolysis = next(p for p in three.meta["processes"] if p["id"] == "electrolysis")
    assert electrolysis["allocation"]["rule"] == "cut-off"
    assert electrolysis["allocation"]["factors"] == {
        "molten aluminium": 1.0,
        "spent anode butts": 0.0,
    }


def test_stored_exchanges_are_the_workbook_amounts_per_declared_unit(results):
    """What Activity Browser shows for plant B (annual basis, 43,574.4 t/yr assumed):
    A00 ingot 2,684.23 t / 43,574.4 = 0.0616012... t = 61.6012 kg per t of rod;
    electricity 9,542.96 MWh / 43,574.4 = 219.0 kWh; natural gas combustion CO2 is a
    biosphere exchange. Every other row likewise: amount x 1/43,574.4 in the dataset's unit."""
    import bw2data as bd

    from bw_alu.project import activate
    from bw_alu.units import factor

    activate(PROJECT)
    product = bd.get_node(database="castrod_kunshan_2024", code="castrod_kunshan_2024")
    by_label = {e["bw_alu"]["label"]: e for e in product.technosphere()}
    assert by_label["primary aluminium ingot, A00 grade"]["amount"] == pytest.approx(
        2684.23e3 / 43574.4, rel=REL
    )
    assert by_label["purchased electricity (East China grid)"]["amount"] == pytest.approx(
        9542.96e3 / 43574.4, rel=REL
    )
    n = 0
    for exc in product.technosphere():
        meta = exc["bw_alu"]
        amount, unit = meta["amount"] / 43574.4, meta["unit"]
        if unit == "km":  # transport in km with the row's average load (t per trip)
            amount, unit = amount * meta["load_t"], "t*km"
        conv = factor(unit, exc.input["unit"], water=meta["kind"] == "water")
        assert exc["amount"] == pytest.approx(amount * conv, rel=REL), meta["label"]
        n += 1
    assert n == 19  # every inventory row of plants.md B.1 is one exchange
    gases = [e for e in product.biosphere() if e["bw_alu"]["calculator"] == "refrigerant_leakage"]
    # R-22 refill 130 kg/yr / 43,574.4 = 0.0029834 kg per t, emitted as HCFC-22
    assert any(e["amount"] == pytest.approx(130 / 43574.4, rel=REL) for e in gases)
