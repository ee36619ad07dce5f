"""``bw-alu import model.csv`` of a SimaPro *product stages* export.

bw-simapro-csv reads and tokenises the file but returns each ``Product stage`` block as
raw lines; bw-alu interprets the stage's sections (``simapro_stages.py``).

The hand-written export below follows the layout of the shared ``stages.csv`` (SimaPro
9.1, semicolons, decimal point, ``Product stage`` blocks before the ``Process`` blocks).
It declares the assembly "Aluminium ingot, cast" (1,000 kg, the declared unit 1 t)
made of

- ``Materials/assemblies``: 1,000 kg of "Liquid aluminium" (a second assembly of the
  file, 1,000 kg a run, whose ``Processes`` line is 13,500 kWh of ELEC) and ``alf3`` kg
  of ALF3, where ``alf3`` is a calculated parameter of the stage, ``f * 1.5`` with the
  input parameter ``f = 15``, so 22.5 kg;
- ``Processes``: 100 kWh of ELEC and 1,000 kg of "Casting service" (a ``Process``
  block of the file making 1 kg of service from 0.1 kWh of ELEC).

ELEC and ALF3 are the SimaPro names plant A's export uses
(``databases/plants/ingot_yunnan_2024_simapro.csv``), linked to the open background.
Supplies per declared unit: liquid metal 1000/1000 = 1 run, casting 1000 kg. So::

    GWP100 = (13,500 x 1 + 100 + 0.1 x 1,000) x e + 22.5 x f = 13,700 e + 22.5 f

with e, f the GWP100 scores of 1 kWh of ELEC and 1 kg of ALF3, computed here by a
separate import and ``lcia`` of a workbook holding one row of each.
"""

from __future__ import annotations

from pathlib import Path

import bw2data as bd
import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.errors import InputError
from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.workbook.simapro import load_simapro
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets
from .test_simapro import shared

PROJECT = "test-simapro-stages"
GWP = "GWP100 (IPCC 2021)"
ELEC = (
    "Electricity, high voltage, aluminium industry {CN}| electricity production, hydro, "
    "aluminium industry | Cut-off, U"
)
ALF3 = "Aluminium fluoride {RoW}| aluminium fluoride production | Cut-off, U"

HEADER = """{SimaPro 9.1.0.7}
{product stages}
{Date: 13.10.2021}
{Time: 13:06:04}
{Project: ingot stages}
{CSV Format version: 9.0.0}
{CSV separator: Semicolon}
{Decimal separator: .}
{Date separator: .}
{Short date format: dd.MM.yyyy}
{Export platform IDs: Yes}
{Skip empty fields: No}
{Convert expressions to constants: No}
{Selection: Selection (3)}
{Related objects (system descriptions, substances, units, etc.): Yes}
{Include sub product stages and processes: Yes}
{Open project: 'ingot stages'}
"""

INGOT = f"""
Product stage

Category type
assembly

Status


Products
Aluminium ingot, cast;kg;1000;Others;;

Materials/assemblies
Liquid aluminium;kg;1000;Undefined;0;0;0;;
{ALF3};kg;alf3;Undefined;0;0;0;aluminium fluoride;

Processes
{ELEC};kWh;100;Undefined;0;0;0;;
Casting service;kg;1000;Undefined;0;0;0;;

Input parameters
f;15;Undefined;15;0;0;No;;

Calculated parameters
alf3;f * 1.5;;

End
"""

LIQUID = f"""
Product stage

Category type
assembly

Status


Products
Liquid aluminium;kg;1000;Others;;

Materials/assemblies

Processes
{ELEC};kWh;13500;Undefined;0;0;0;;

Input parameters

Calculated parameters

End
"""

DISPOSAL = """
Product stage

Category type
disposal scenario

Status


Products
Ingot scrap route;p;1;Others;;

Reference assembly
Aluminium ingot, cast;p;1;Undefined;0;0;0;;

Processes

Waste scenarios
waste scenario 1;%;100;Undefined;0;0;0;;

Disassemblies

Reuses

Input parameters

Calculated parameters

End
"""

CASTING = f"""
Process

PlatformId


Category type
processing

Process identifier
Dev99229000009390500009

Type


Process name
Casting service

Status


Time period
Unspecified

Geography
Unspecified

Technology
Unspecified

Representativeness
Unspecified

Multiple output allocation
Unspecified

Substitution allocation
Unspecified

Cut off rules
Unspecified

Capital goods
Unspecified

Boundary with nature
Unspecified

Infrastructure
No

Date
13.10.2021

Record


Generator


External documents


Literature references


Collection method


Data treatment


Verification


Comment


Allocation rules


System description
;

Products
Casting service;kg;1;100;not defined;Others;;

Avoided products

Resources

Materials/fuels

Electricity/heat
{ELEC};kWh;0.1;Undefined;0;0;0;;

Emissions to air

Emissions to water

Emissions to soil

Final waste flows

Non material emissions

Social issues

Economic issues

Waste to treatment

Input parameters

Calculated parameters

End
"""


def _write(tmp_path: Path, *blocks: str, name: str = "ingot_stages.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(blocks), encoding="utf-8")
    return path


def _line(path: Path, text: str) -> int:
    """The 1-based line of the file that starts with ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(text))


def _contribution(result, label: str) -> float:
    t = result.table
    sel = t[(t.indicator == GWP) & (t.contributor == label)]
    assert len(sel) == 1, (label, sel)
    return float(sel.score.iloc[0])


def test_assembly_stages_read_as_processes(tmp_path):
    path = _write(tmp_path, INGOT, LIQUID, CASTING)
    plant, pending = load_simapro(path)
    assert pending == []
    assert plant.product.product_id == "aluminium-ingot-cast"
    assert (plant.product.declared_unit_amount, plant.product.declared_unit_unit) == (1000, "kg")
    assert [p.id for p in plant.processes] == [
        "aluminium-ingot-cast",
        "liquid-aluminium",
        "casting-service",
    ]
    rows = {(r.process, r.label): r for r in plant.inventory}
    # in-file assembly and process: consumed as processes
    assert rows[("", "Liquid aluminium")].dataset == "liquid-aluminium"
    assert rows[("", "Casting service")].dataset == "casting-service"
    # the stage's parameters, evaluated by bw-simapro-csv: alf3 = f * 1.5 = 22.5
    alf3 = rows[("", ALF3)]
    assert (alf3.amount, alf3.dataset, alf3.stage) == (pytest.approx(22.5), ALF3, "raw_materials")
    assert alf3.location.sheet == "Aluminium ingot, cast / Materials/assemblies"
    assert alf3.location.row == _line(path, ALF3)
    # a Processes line in kWh is production energy
    elec = rows[("", ELEC)]
    assert (elec.stage, elec.kind, elec.amount) == ("production", "energy", 100)


@pytest.fixture(scope="module")
def unit_scores(tmp_path_factory):
    """(e, f): GWP100 of 1 kWh of ELEC and of 1 kg of ALF3, from a separate import and
    LCIA of a workbook holding one row of each (per declared unit)."""
    tmp = tmp_path_factory.mktemp("unit_scores")
    sheets = plant_sheets("stage_unit_scores", basis="per_declared_unit")
    sheets["inventory"] = [
        {"stage": "production", "label": "e", "kind": "energy", "amount": 1, "unit": "kWh",
         "dataset": ELEC},
        {"stage": "raw_materials", "label": "f", "kind": "material", "amount": 1, "unit": "kg",
         "dataset": ALF3},
    ]  # fmt: skip
    sheets.pop("direct_emissions", None)
    import_plant(PROJECT, write_workbook(tmp / "stage_unit_scores.xlsx", sheets))
    (unit,) = calculate_products(PROJECT, ["stage_unit_scores"])
    e, f = _contribution(unit, "e"), _contribution(unit, "f")
    assert e > 0 and f > 0
    return e, f


def test_assembly_total_by_hand(tmp_path, unit_scores):
    e, f = unit_scores
    import_plant(PROJECT, _write(tmp_path, INGOT, LIQUID, CASTING))
    (st,) = calculate_products(PROJECT, ["aluminium-ingot-cast"])
    # (13,500 + 100 + 0.1 x 1,000) kWh and 22.5 kg per declared unit (module docstring)
    assert st.total(GWP) == pytest.approx(13700 * e + 22.5 * f, rel=1e-6)
    res = CliRunner().invoke(main, ["lcia", "--project", PROJECT, "--product",
                                    "aluminium-ingot-cast", "--format", "csv"])  # fmt: skip
    assert res.exit_code == 0, res.output


LIFE = """
Product stage

Category type
life cycle

Status


Products
Ingot, life cycle;kg;2000;Others;;

Assembly
Aluminium ingot, cast;kg;2000;Undefined;0;0;0;;

Processes

Waste/Disposal scenario
{disposal}

Additional life cycles

Input parameters

Calculated parameters

End
"""


def test_life_cycle_without_disposal_total_by_hand(tmp_path, unit_scores):
    """A life cycle whose product is 2,000 kg (its declared unit) from 2,000 kg of the
    assembly, i.e. 2 runs of the assembly's 1,000 kg, so per declared unit::

        GWP100 = 2 x (13,700 e + 22.5 f)

    (the life cycle has no disposal line, so nothing is refused)."""
    e, f = unit_scores
    path = _write(tmp_path, LIFE.format(disposal=""), INGOT, LIQUID, CASTING, name="lc.csv")
    plant, pending = load_simapro(path)
    assert pending == [] and plant.product.product_id == "ingot-life-cycle"
    assert plant.product.declared_unit_amount == 2000
    (row,) = [r for r in plant.inventory if r.process == ""]
    assert (row.dataset, row.amount, row.location.sheet) == (
        "aluminium-ingot-cast",
        2000,
        "Ingot, life cycle / Assembly",
    )
    import_plant(PROJECT, path)
    (st,) = calculate_products(PROJECT, ["ingot-life-cycle"])
    assert st.total(GWP) == pytest.approx(2 * (13700 * e + 22.5 * f), rel=1e-6)


def test_life_cycle_disposal_part_refused(tmp_path):
    disposal = "Ingot scrap route;;;Undefined;0;0;0;;"
    path = _write(tmp_path, LIFE.format(disposal=disposal), INGOT, LIQUID, CASTING)
    with pytest.raises(InputError) as exc:
        import_plant(PROJECT, path)
    (problem,) = exc.value.problems
    assert problem.location.sheet == "Ingot, life cycle / Waste/Disposal scenario"
    assert problem.location.row == _line(path, disposal)
    assert "'Ingot scrap route': end of life is not imported" in problem.message


def test_disposal_stage_refused_nothing_written(tmp_path):
    """An end-of-life stage in the file: one problem naming the block and its line."""
    path = _write(tmp_path, INGOT, LIQUID, DISPOSAL, CASTING, name="with_disposal.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    product = _line(path, "Ingot scrap route;")
    heading = max(i for i, t in enumerate(lines[:product], 1) if t == "Product stage")
    with pytest.raises(InputError) as exc:
        import_plant(PROJECT, path)
    (problem,) = exc.value.problems
    assert problem.location.sheet == "Product stage Ingot scrap route (disposal scenario)"
    assert problem.location.row == heading
    assert "end of life is not imported" in problem.message
    project = PROJECT + "-cli"
    res = CliRunner().invoke(main, ["import", str(path), "--project", project])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "disposal scenario product stage" in res.output
    if project in bd.projects:  # set up before linking, but no product written
        before = bd.projects.current
        bd.projects.set_current(project)
        try:
            assert "aluminium-ingot-cast" not in bd.databases
        finally:
            bd.projects.set_current(before)


def test_unlinked_stage_input_listed_once(tmp_path):
    bad = INGOT.replace(f"{ELEC};kWh;100", "Electricity, nowhere;kWh;100")
    path = _write(tmp_path, bad, LIQUID, CASTING, name="unlinked.csv")
    res = CliRunner().invoke(main, ["import", str(path), "--project", PROJECT])
    assert res.exit_code == 2 and "Traceback" not in res.output
    row = _line(path, "Electricity, nowhere")
    assert f"sheet 'Aluminium ingot, cast / Processes', row {row}" in res.output
    assert "1 inventory row(s) could not be linked" in res.output
    assert res.output.count(f"row {row}:") == 1  # once


def test_shared_stages_export_lists_what_it_cannot_import():
    """The shared ``stages.csv`` (SimaPro's own all-stages example): every stage and line
    that is not imported, once each, in one error (exit 2), nothing written."""
    path = shared("stages.csv")
    with pytest.raises(InputError) as exc:
        load_simapro(path)
    plant_problems = {(p.location.sheet, p.location.row) for p in exc.value.problems}
    assert plant_problems == {
        ("assembly", 28),  # the declared product is 1 p, not a mass
        ("assembly / Materials/assemblies", 32),  # the assembly lists itself
        ("Product stage displosal scenario (disposal scenario)", 48),
        ("Product stage dissassembly 1 (disassembly)", 81),
        ("life cycle 1 / Waste/Disposal scenario", 250),
        ("life cycle 1 / Additional life cycles", 253),
        ("Product stage reuse 1 (reuse)", 494),
        ("waste scenario 1 / Waste scenario", 830),
    }
    res = CliRunner().invoke(main, ["import", str(path), "--project", PROJECT])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "8 problem(s)" in res.output


def test_stage_import_exports_as_processes_round_trip(tmp_path):
    """The imported assembly, exported as a SimaPro processes export
    (``bw-alu export --format simapro-csv``) and imported again, gives the same 20 totals:
    an identity (the same exchanges), nothing to derive."""
    from bw_alu.indicators import indicators

    import_plant(PROJECT, _write(tmp_path, INGOT, LIQUID, CASTING))
    out = tmp_path / "exported.csv"
    runner = CliRunner()
    res = runner.invoke(
        main,
        ["export", "aluminium-ingot-cast", "--format", "simapro-csv", "--output", str(out),
         "--project", PROJECT],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "{processes}" in out.read_text(encoding="utf-8")[:200]
    res = runner.invoke(main, ["import", str(out), "--project", PROJECT, "--product-id", "again"])
    assert res.exit_code == 0, res.output
    first, second = calculate_products(PROJECT, ["aluminium-ingot-cast", "again"])
    labels = [i.label for i in indicators()]
    assert len(labels) == 20
    for label in labels:
        assert second.total(label) == pytest.approx(first.total(label), rel=1e-6, abs=1e-12)


def test_decimal_comma_crlf_same_amounts(tmp_path):
    """The same export as SimaPro writes it on a German/Chinese Windows set-up (decimal
    comma, CRLF line ends): the parser's header handling gives the same amounts, the
    stage formula ``f * 1,5`` included."""
    text = (HEADER + INGOT + LIQUID + CASTING).replace(
        "{Decimal separator: .}", "{Decimal separator: ,}"
    )
    text = text.replace("f * 1.5", "f * 1,5").replace(";0.1;", ";0,1;")
    path = tmp_path / "comma.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    comma, pending = load_simapro(path)
    assert pending == []
    dot, _ = load_simapro(_write(tmp_path, INGOT, LIQUID, CASTING))
    assert [(r.process, r.label, r.amount, r.location.row) for r in comma.inventory] == [
        (r.process, r.label, r.amount, r.location.row) for r in dot.inventory
    ]
    assert {r.amount for r in comma.inventory} >= {22.5, 0.1}
