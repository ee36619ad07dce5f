"""Co-products of a SimaPro CSV export, imported with the allocation % the file states.

``fixtures/simapro_coproducts.csv`` is ``simapro_two_processes.csv`` (test_simapro.py)
whose "Aluminium smelting" makes 1,000 kg of liquid aluminium at 90 % and 100 kg of
spent anode butts at 10 % from 19.5 kg of aluminium fluoride and 13,500 kWh. The
casting process takes 1,000 kg of liquid aluminium (one smelting run) and 100 kWh, so
with e, f the GWP100 unit scores of the two background datasets::

    GWP100 = 100 e + 0.90 x (13,500 e + 19.5 f)

(the other 10 % of the smelter's burden goes with the butts, outside the product).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bw_alu.allocation import allocation_factors
from bw_alu.errors import InputError
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.workbook.simapro import load_simapro

from .simapro_helpers import unit_scores_workbook

PROJECT = "test-simapro-coproducts"
GWP = "GWP100 (IPCC 2021)"
FIXTURE = Path(__file__).parent / "fixtures" / "simapro_coproducts.csv"


def test_coproduct_read_with_its_share():
    plant, pending = load_simapro(FIXTURE)
    assert pending == []
    smelt = plant.processes[1]
    (butts,) = smelt.coproducts
    assert (smelt.allocation, smelt.share) == ("given", 90.0)
    assert (butts.label, butts.amount, butts.unit, butts.share) == (
        "Spent anode butts",
        100.0,
        "kg",
        10.0,
    )
    assert butts.location.row == 71
    assert allocation_factors(smelt, []) == {"": 0.9, "Spent anode butts": 0.1}


def test_coproduct_total_by_hand(tmp_path):
    wb = unit_scores_workbook(tmp_path, "unit_scores_co")
    import_plant(PROJECT, wb)
    import_plant(PROJECT, FIXTURE, product_id="casting_co")
    unit, sp = calculate_products(PROJECT, ["unit_scores_co", "casting_co"])
    t = unit.table
    e = float(t[(t.indicator == GWP) & (t.contributor == "e")].score.iloc[0])
    f = float(t[(t.indicator == GWP) & (t.contributor == "f")].score.iloc[0])
    assert sp.total(GWP) == pytest.approx(100 * e + 0.9 * (13500 * e + 19.5 * f), rel=1e-6)
    assert [p["allocation"]["rule"] for p in sp.meta["processes"]] == [None, "given"]


def test_shares_must_add_up_to_100(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        FIXTURE.read_bytes().replace(
            b"Spent anode butts;kg;100;10;", b"Spent anode butts;kg;100;5;"
        )
    )
    with pytest.raises(InputError) as exc:
        import_plant(PROJECT, bad)
    assert "add up to 95, not 100" in str(exc.value)
