"""Reading and validating plant workbooks: xlsx and CSV folders, errors with locations."""

import pytest

from bw_alu.errors import WorkbookInvalid
from bw_alu.workbook import load_plant
from bw_alu.workbook.write import write_csv_folder, write_workbook

from .small_system import plant_sheets


def test_xlsx_and_csv_folder_read_the_same(tmp_path):
    sheets = plant_sheets()
    a = load_plant(write_workbook(tmp_path / "p.xlsx", sheets))
    b = load_plant(write_csv_folder(tmp_path / "p_csv", sheets))
    from dataclasses import replace

    assert replace(a.product, location=None) == replace(b.product, location=None)
    assert [(r.label, r.amount, r.unit, r.dataset) for r in a.inventory] == [
        (r.label, r.amount, r.unit, r.dataset) for r in b.inventory
    ]
    assert [i.label for i in a.direct] == [i.label for i in b.direct] == ["soda ash"]


def test_annual_basis_per_du(tmp_path):
    plant = load_plant(write_workbook(tmp_path / "p.xlsx", plant_sheets()))
    # declared unit 1 t, annual production 1000 t -> 1/1000
    assert plant.product.per_du == pytest.approx(0.001, rel=1e-15)
    # annual production given in kg: 1e6 kg = 1000 t -> same factor
    sheets = plant_sheets(annual_production=1_000_000, annual_production_unit="kg")
    plant = load_plant(write_workbook(tmp_path / "q.xlsx", sheets))
    assert plant.product.per_du == pytest.approx(0.001, rel=1e-15)


def test_missing_sheet_and_product_fields(tmp_path):
    sheets = plant_sheets()
    del sheets["inventory"]
    with pytest.raises(WorkbookInvalid, match="sheet 'inventory'.*required sheet is missing"):
        load_plant(write_workbook(tmp_path / "p.xlsx", sheets))
    sheets = plant_sheets(basis="yearly")
    sheets["product"] = [r for r in sheets["product"] if r["field"] != "company"]
    with pytest.raises(WorkbookInvalid) as err:
        load_plant(write_workbook(tmp_path / "q.xlsx", sheets))
    msg = str(err.value)
    assert (
        "sheet 'product'" in msg
        and "'company'" in msg
        and "required value 'company' is missing" in msg
    )
    assert "'yearly'" in msg


def test_km_transport_needs_a_load(tmp_path):
    sheets = plant_sheets()
    sheets["inventory"][2].update(amount=1000, unit="km")
    with pytest.raises(WorkbookInvalid, match="row 4, column 'F \\(unit\\)'.*load_t"):
        load_plant(write_workbook(tmp_path / "p.xlsx", sheets))
    sheets["inventory"][2]["load_t"] = 25
    plant = load_plant(write_workbook(tmp_path / "q.xlsx", sheets))
    assert plant.inventory[2].load_t == 25


def test_direct_parameter_errors_name_the_cell(tmp_path):
    sheets = plant_sheets()
    sheets["direct_emissions"][1]["value"] = -1  # negative carbonate mass
    with pytest.raises(WorkbookInvalid) as err:
        load_plant(write_workbook(tmp_path / "p.xlsx", sheets))
    assert "sheet 'direct_emissions', row 3, column 'E (value)'" in str(err.value)


def test_unknown_assumption_reference(tmp_path):
    sheets = plant_sheets()
    sheets["inventory"][0]["assumption"] = "Z9"
    with pytest.raises(WorkbookInvalid, match="assumption 'Z9' is not in sheet 'assumptions'"):
        load_plant(write_workbook(tmp_path / "p.xlsx", sheets))


def test_not_a_workbook(tmp_path):
    bad = tmp_path / "plant.txt"
    bad.write_text("hello")
    with pytest.raises(WorkbookInvalid, match="plant.txt.*xlsx"):
        load_plant(bad)


def test_template_round_trip(tmp_path):
    from click.testing import CliRunner

    from bw_alu.cli import main

    path = tmp_path / "blank.xlsx"
    res = CliRunner().invoke(main, ["template", str(path)])
    assert res.exit_code == 0, res.output
    # the blank template names what is missing, at its cells
    with pytest.raises(WorkbookInvalid) as err:
        load_plant(path)
    msg = str(err.value)
    assert "inventory has no rows" in msg and "is missing" in msg
    # filled with the small system's rows, it loads like the fixture workbook
    from openpyxl import load_workbook

    wb = load_workbook(path)
    values = {r["field"]: r["value"] for r in plant_sheets()["product"]}
    for row in wb["product"].iter_rows(min_row=2):
        row[1].value = values.get(row[0].value)
    ws = wb["inventory"]
    headers = [c.value for c in ws[1]]
    for r in plant_sheets()["inventory"]:
        ws.append([r.get(h) for h in headers])
    wb.save(path)
    plant = load_plant(path)
    assert [r.label for r in plant.inventory] == [
        "alumina",
        "scrap",
        "alumina by road",
        "electricity",
    ]
    assert plant.product.per_du == pytest.approx(0.001, rel=1e-15)
