"""SimaPro substances linked to the biosphere with randonneur_data's SimaPro-9 ->
ecoinvent 3.9 biosphere correspondence.

``fixtures/simapro_substances.csv`` is ``simapro_two_processes.csv`` (see
test_simapro.py) with three emissions to air in "Aluminium smelting" (1,000 kg of
liquid aluminium a run, one run per declared unit):

- Carbon dioxide, fossil, (unspecified): 1,500 kg
- Carbon dioxide, fossil, low. pop.: 25 kg
- Methane, tetrafluoro-, CFC-14, (unspecified): 20 g = 0.02 kg (unit converted)

so, with e, f the GWP100 unit scores of the two background datasets and the IPCC 2021
GWP100 factors of the three ecoinvent flows (1, 1 and c_CF4 kg CO2 eq/kg, read from
bw2io's method data)::

    GWP100 = (100 + 13,500) e + 19.5 f + (1,500 + 25) x 1 + 0.02 x c_CF4
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bw_alu.errors import UnlinkedExchange
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.lcia_data import IPCC_GWP100, cf_lookup
from bw_alu.workbook.simapro import load_simapro
from bw_alu.workbook.simapro_substances import link_substance

from .simapro_helpers import unit_scores_workbook

PROJECT = "test-simapro-substances"
GWP = "GWP100 (IPCC 2021)"
HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "simapro_substances.csv"
CO2 = "349b29d1-3e58-4c66-98b9-9d1a076efd2e"  # ecoinvent 3.9: Carbon dioxide, fossil (air)
CO2_LOW = "aa7cac3a-3625-41d4-bc54-33e2cf11ec46"  # ... non-urban air or from high stacks
CF4 = "33681770-a0e1-4ce8-93c3-941fd607fa5f"  # Methane, tetrafluoro-, R-14 (air)


def test_mapping_names_contexts_units():
    target, k = link_substance("Carbon dioxide, fossil", ("Emissions to air", ""), "kg")
    assert (target.code, target.categories, k) == (CO2, ("air",), 1.0)
    target, k = link_substance("Carbon dioxide, fossil", ("Emissions to air", "low. pop."), "kg")
    assert target.code == CO2_LOW
    assert target.categories == ("air", "non-urban air or from high stacks")
    # SimaPro's CFC-14 is ecoinvent's R-14; 1 g = 0.001 kg
    target, k = link_substance("Methane, tetrafluoro-, CFC-14", ("Emissions to air", ""), "g")
    assert (target.code, target.name, k) == (CF4, "Methane, tetrafluoro-, R-14", 0.001)


def test_mapping_refuses_wrong_unit_and_unknown_names():
    msg = link_substance("Carbon dioxide, fossil", ("Emissions to air", ""), "m3")
    assert isinstance(msg, str) and "unit 'm3' does not match" in msg
    # the dataset matches this mass to an activity (kBq) without a factor: not used
    msg = link_substance("Manganese", ("Emissions to water", "groundwater"), "kg")
    assert isinstance(msg, str) and "does not match" in msg
    msg = link_substance("Unobtainium", ("Emissions to air", ""), "kg")
    assert isinstance(msg, str) and "no elementary flow" in msg


def test_fixture_reads_substances():
    plant, pending = load_simapro(FIXTURE)
    assert pending == []
    subs = {s.label: s for s in plant.substances}
    assert set(subs) == {
        "Carbon dioxide, fossil",
        "Carbon dioxide, fossil (low. pop.)",
        "Methane, tetrafluoro-, CFC-14",
    }
    cf4 = subs["Methane, tetrafluoro-, CFC-14"]
    assert (cf4.process, cf4.amount, cf4.target.unit) == ("aluminium-smelting", 0.02, "kg")
    assert cf4.location.row == 81 and cf4.location.sheet == "Aluminium smelting / Emissions to air"


def test_substances_total_by_hand(tmp_path):
    wb = unit_scores_workbook(tmp_path, "unit_scores_sub")
    import_plant(PROJECT, wb)
    import_plant(PROJECT, FIXTURE)
    unit, sp = calculate_products(PROJECT, ["unit_scores_sub", "aluminium-ingot-casting"])
    t = unit.table
    e = float(t[(t.indicator == GWP) & (t.contributor == "e")].score.iloc[0])
    f = float(t[(t.indicator == GWP) & (t.contributor == "f")].score.iloc[0])
    cf = cf_lookup(IPCC_GWP100)
    assert cf[CO2] == cf[CO2_LOW] == 1.0
    expected = (100 + 13500) * e + 19.5 * f + (1500 + 25) * cf[CO2] + 0.02 * cf[CF4]
    assert sp.total(GWP) == pytest.approx(expected, rel=1e-6)
    # each substance is one contributor, labelled by its SimaPro name, in production
    st = sp.table
    row = st[(st.indicator == GWP) & (st.contributor == "Methane, tetrafluoro-, CFC-14")]
    assert len(row) == 1 and float(row.score.iloc[0]) == pytest.approx(0.02 * cf[CF4], rel=1e-6)
    assert row.stage.iloc[0] == "production"


def test_unmapped_substance_listed_once_nothing_written(tmp_path):
    text = (
        FIXTURE.read_bytes()
        .decode("utf-8")
        .replace("Methane, tetrafluoro-, CFC-14;;g;20", "Unobtainium hexafluoride;;g;20")
    )
    bad = tmp_path / "bad.csv"
    bad.write_bytes(text.encode("utf-8"))
    with pytest.raises(UnlinkedExchange) as exc:
        import_plant(PROJECT, bad)
    (problem,) = exc.value.problems
    assert problem.location.sheet == "Aluminium smelting / Emissions to air"
    assert problem.location.row == 81
    assert "Unobtainium hexafluoride" in problem.message


def test_manual_matches_rename_what_the_correspondence_lacks():
    """'Occupation, industrial area, built up' has no entry of its own; the companion
    manual-matches file renames it to ecoinvent's 'Occupation, industrial area', which
    the correspondence maps (Resources, unspecified) to ecoinvent 3.9 flow fe9c3a98."""
    target, k = link_substance("Occupation, industrial area, built up", ("Resources", ""), "m2a")
    assert (target.code, target.name, k) == (
        "fe9c3a98-a6d2-452d-a9a4-a13e64f1b95b",
        "Occupation, industrial area",
        1.0,
    )
    assert "manual-matches" in target.via
