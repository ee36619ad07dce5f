"""``bw-alu import model.csv``: SimaPro CSV exports read with ``bw-simapro-csv``.

``fixtures/simapro_two_processes.csv`` is written in the format of the shared exports
(semicolons, decimal comma): "Aluminium ingot casting" makes 1,000 kg of ingot (the
declared unit, 1 t) from 1,000 kg of "Liquid aluminium" (the product of the file's second
process, "Aluminium smelting", 1,000 kg a run) and 100 kWh of electricity; the smelter
uses 19,5 kg of aluminium fluoride and 13,500 kWh. Both names are datasets of the
embedded ``uslci_cn`` background. Supply: s_cast = 1, s_smelt = 1000/1000 = 1, so::

    GWP100 = (100 + 13,500) x e + 19.5 x f

with e, f the GWP100 unit scores (per kWh, per kg) of the two datasets, read here from a
plain workbook import of 1 kWh and 1 kg of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.errors import InputError, UnlinkedExchange
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.workbook.simapro import is_simapro, load_simapro

from .simapro_helpers import ALF3, ELEC, unit_scores_workbook

PROJECT = "test-simapro"
GWP = "GWP100 (IPCC 2021)"
HERE = Path(__file__).parent
MINE = HERE / "fixtures" / "simapro_two_processes.csv"
SHARED = HERE.parent.parent / "shared" / "data" / "simapro_csv"


def shared(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"../shared SimaPro CSV exports not present ({path})")
    return path


def _contribution(result, label: str) -> float:
    t = result.table
    sel = t[(t.indicator == GWP) & (t.contributor == label)]
    assert len(sel) == 1, (label, sel)
    return float(sel.score.iloc[0])


def test_my_export_reads_as_two_processes():
    assert is_simapro(MINE)
    plant, pending = load_simapro(MINE)
    assert pending == []
    assert plant.product.product_id == "aluminium-ingot-casting"
    assert plant.product.basis == "per_declared_unit"
    assert (plant.product.declared_unit_amount, plant.product.declared_unit_unit) == (1000, "kg")
    assert [p.id for p in plant.processes] == ["aluminium-ingot-casting", "aluminium-smelting"]
    rows = {(r.process, r.label): r for r in plant.inventory}
    assert rows[("", "Liquid aluminium")].dataset == "aluminium-smelting"
    assert rows[("aluminium-smelting", ALF3)].amount == pytest.approx(19.5)  # decimal comma
    elec = rows[("aluminium-smelting", ELEC)]
    assert (elec.amount, elec.unit) == (pytest.approx(13500), "kWh")
    assert elec.location.row == 76  # the line in the file
    assert load_simapro(MINE, product_id="ingot")[0].processes[0].id == "ingot"


def test_my_export_total_by_hand(tmp_path):
    wb = unit_scores_workbook(tmp_path, "unit_scores")
    import_plant(PROJECT, wb)
    import_plant(PROJECT, MINE)
    unit, sp = calculate_products(PROJECT, ["unit_scores", "aluminium-ingot-casting"])
    e, f = _contribution(unit, "e"), _contribution(unit, "f")
    assert e > 0 and f > 0
    assert sp.total(GWP) == pytest.approx((100 + 13500) * e + 19.5 * f, rel=1e-5)


def test_shared_process_and_allocation_parse():
    plant, pending = load_simapro(shared("process.csv"))
    assert plant.processes[0].name == "Test process"
    assert {r.label for r in plant.inventory} == {
        "Soy oil, refined, at plant/kg/RNA",
        "Electricity, biomass, at power plant/US",
        "Dummy, Disposal, msw, to sanitary landfill/kg/GLO",
    }
    assert len(pending) == 9  # avoided product and 8 elementary flows, each once
    plant, pending = load_simapro(shared("allocation.csv"))
    assert len(plant.processes) >= 1
    # rice and straw, 95.8 % / 4.2 % as the file states: imported as co-products
    (rice,) = [p for p in plant.processes if p.coproducts]
    assert (rice.allocation, rice.share, rice.coproducts[0].share) == ("given", 95.8, 4.2)


def test_unlinkable_names_reported_with_block_process_line():
    res = CliRunner().invoke(main, ["import", str(shared("process.csv")), "--project", PROJECT])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    out = res.output
    assert "sheet 'Test process / Electricity/heat', row 105" in out
    assert "'Electricity, biomass, at power plant/US'" in out
    assert "sheet 'Test process / Materials/fuels', row 102" in out
    assert "sheet 'Test process / Emissions to air', row 108" in out
    assert out.count("Electricity, biomass, at power plant/US': dataset") == 1  # once


def test_unlinkable_is_one_error_nothing_written():
    with pytest.raises(UnlinkedExchange) as exc:
        import_plant(PROJECT, shared("process.csv"))
    assert len(exc.value.problems) == 12


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SHARED.glob("*")) if SHARED.exists() else ["process.csv"],
)
def test_every_shared_file_reads_or_reports(name):
    """Each export gives a plant or one InputError (exit 2 in the CLI), never a traceback."""
    path = shared(name)
    if path.suffix not in (".csv", ".txt"):
        pytest.skip("not an export")
    assert is_simapro(path)
    try:
        load_simapro(path)
    except InputError as exc:
        assert exc.problems and all(p.location.file == str(path) for p in exc.problems)


def test_cli_unreadable_export_exit_2():
    res = CliRunner().invoke(main, ["import", str(shared("simple.txt")), "--project", PROJECT])
    assert res.exit_code == 2 and "cannot read as a SimaPro CSV export" in res.output
    assert "Traceback" not in res.output
