"""Inputs that cannot hurt (issue 10): each damaged workbook is one clear, located error.

The damaged workbooks are built here from the committed example
``databases/plants/ingot_yunnan_2024.xlsx`` (openpyxl edits, or edits of the zip's XML).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from bw_alu.cli import main
from bw_alu.errors import WorkbookInvalid
from bw_alu.workbook import load_plant

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "databases" / "plants" / "ingot_yunnan_2024.xlsx"


def edited(tmp_path: Path, edit, name: str = "plant.xlsx") -> Path:
    """A copy of the example with ``edit(workbook)`` applied."""
    wb = load_workbook(EXAMPLE)
    edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def xml_edited(tmp_path: Path, member: str, change, name: str = "plant.xlsx") -> Path:
    """A copy of the example whose zip member ``member`` is replaced by ``change(text)``."""
    path = tmp_path / name
    with zipfile.ZipFile(EXAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    return path


def problems_of(path: Path) -> str:
    with pytest.raises(WorkbookInvalid) as err:
        load_plant(path)
    return str(err.value)


def set_cell(sheet: str, cell: str, value):
    def edit(wb):
        wb[sheet][cell] = value

    return edit


def test_example_layout():
    # the cells these tests edit: inventory column E is 'amount', row 2 the first row
    wb = load_workbook(EXAMPLE)
    assert wb["inventory"]["E1"].value == "amount"
    assert isinstance(wb["inventory"]["E2"].value, int | float)


@pytest.mark.parametrize(
    "value, words",
    [
        (1e308, "too large"),
        ("1e308", "too large"),
        ("inf", "not a finite number"),
        ("nan", "nan"),
        (1e-320, "too small"),
        ("1e-39", "too small"),
        (4e38, "too large"),
    ],
)
def test_numbers_must_fit_float32(tmp_path, value, words):
    msg = problems_of(edited(tmp_path, set_cell("inventory", "E2", value)))
    assert "sheet 'inventory', row 2, column 'E (amount)'" in msg
    assert words in msg


def test_float32_limits_themselves_are_accepted(tmp_path):
    # 3.4e38 and 1.2e-38 are inside float32's normal range: accepted as values
    plant = load_plant(edited(tmp_path, set_cell("inventory", "E2", 1.2e-38)))
    assert plant.inventory[0].amount == 1.2e-38


@pytest.fixture(scope="module")
def ready_project():
    """A project holding the example (set up once: about 40 s here)."""
    from bw_alu.importer import import_plant

    import_plant(READY, EXAMPLE)
    return READY


READY = "h10r-ready"


def test_number_too_large_once_converted_is_refused(tmp_path, ready_project):
    # 3e38 t is within float32 but 3e41 kg once the row is converted to kg: refused at import
    from bw_alu.errors import InputError
    from bw_alu.importer import import_plant

    def edit(wb):
        ws = wb["inventory"]
        ws["E2"] = 3e38
        ws["F2"] = "t"

    with pytest.raises(InputError) as err:
        import_plant(ready_project, edited(tmp_path, edit))
    assert "too large" in str(err.value) and "row 2" in str(err.value)


def test_workbook_link_and_unit_problems_in_one_round(tmp_path, ready_project):
    def edit(wb):
        ws = wb["inventory"]
        ws["E2"] = "lots"  # workbook: not a number
        ws["G3"] = "no such dataset anywhere"  # link: unknown dataset
        ws["F4"] = "kWh"  # unit: energy for a dataset made in kg

    res = cli_import(edited(tmp_path, edit), project=ready_project)
    assert_clean_exit_2(
        res,
        "3 problem(s)",
        "row 2, column 'E (amount)'",
        "row 3, column 'G (dataset)'",
        "row 4, column 'F (unit)'",
    )


@pytest.mark.parametrize("fresh", [True, False])
def test_unknown_background_is_one_error(ready_project, fresh):
    project = "h10r-bg-fresh" if fresh else ready_project
    res = cli_import(EXAMPLE, "--background", "nope", project=project)
    assert_clean_exit_2(res, "background database 'nope'")
    assert len(res.output.strip().splitlines()) == 1, res.output


def test_boolean_in_number_cell(tmp_path):
    msg = problems_of(edited(tmp_path, set_cell("inventory", "E2", True)))
    assert "row 2, column 'E (amount)': TRUE is not a number" in msg
    assert "missing" not in msg


def test_formula_without_cached_value(tmp_path):
    # openpyxl writes formulas without a cached result, as a generator script would
    msg = problems_of(edited(tmp_path, set_cell("inventory", "E2", "=1+1")))
    assert "row 2, column 'E (amount)': formula without a calculated value" in msg
    assert "missing" not in msg


def test_cached_error_value(tmp_path):
    msg = problems_of(edited(tmp_path, set_cell("inventory", "E2", "#DIV/0!")))
    assert "row 2, column 'E (amount)': the cell holds the error value #DIV/0!" in msg
    assert "missing" not in msg


def test_missing_value_names_its_field(tmp_path):
    msg = problems_of(edited(tmp_path, set_cell("inventory", "E2", None)))
    assert "row 2, column 'E (amount)': required value 'amount' is missing" in msg


def test_single_problem_prints_once(tmp_path):
    path = edited(tmp_path, set_cell("inventory", "E2", "lots"))
    res = CliRunner().invoke(main, ["import", str(path), "--project", "h10r-once"])
    assert res.exit_code == 2, res.output
    assert res.output.count("lots") == 1, res.output
    assert "Traceback" not in res.output
    # an error made of one problem (here a missing --mapping file) was printed as its
    # headline and again as the list's only item
    missing = tmp_path / "no_such_mapping.csv"
    res = CliRunner().invoke(main, ["import", str(EXAMPLE), "--mapping", str(missing)])
    assert res.exit_code == 2, res.output
    assert res.output.count("no_such_mapping.csv") == 1, res.output
    assert "problem(s)" not in res.output


def test_no_message_points_to_contract_md():
    for path in (REPO / "bw_alu").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#")[0]
            if '"""' not in code and re.search(r"""["'][^"']*contract\.md""", code):
                pytest.fail(f"{path}: {line.strip()}")


def test_duplicate_column_header(tmp_path):
    def edit(wb):
        ws = wb["inventory"]
        col = ws.max_column + 1
        ws.cell(1, col, "amount")
        for r in range(2, ws.max_row + 1):
            ws.cell(r, col, 999999)

    msg = problems_of(edited(tmp_path, edit))
    assert "sheet 'inventory', row 1" in msg and "column header 'amount' is given twice" in msg


def test_near_duplicate_sheet_names(tmp_path):
    def edit(wb):
        copy = wb.copy_worksheet(wb["inventory"])
        copy.title = "Inventory "

    msg = problems_of(edited(tmp_path, edit))
    assert "sheet 'Inventory '" in msg and "same as sheet 'inventory'" in msg


# --- damaged files: one clear error naming the file (and sheet), exit 2 ---------------

GHOST = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def ghost(text: str, dimension: bool = True) -> str:
    text = text.replace("</sheetData>", GHOST + "</sheetData>")
    return (
        text.replace('<dimension ref="A1:P32"/>', '<dimension ref="A1:XFD1048576"/>')
        if dimension
        else text
    )


def cli_import(path: Path, *extra: str, project: str = "h10r-damaged"):
    return CliRunner().invoke(main, ["import", str(path), "--project", project, *extra])


def assert_clean_exit_2(res, *words: str):
    assert res.exit_code == 2, (res.exit_code, res.output, res.exception)
    assert "Traceback" not in res.output
    for w in words:
        assert w in res.output, res.output


def test_truncated_zip(tmp_path):
    path = tmp_path / "cut.xlsx"
    data = EXAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_clean_exit_2(cli_import(path), str(path), "not an .xlsx file")


def test_zip_of_unsupported_version(tmp_path):
    # found by scripts/fuzz.py: a flipped byte in the central directory's "version needed
    # to extract" made zipfile raise NotImplementedError("zip file version 6.6")
    data = bytearray(EXAMPLE.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 6] = 66
    path = tmp_path / "version.xlsx"
    path.write_bytes(bytes(data))
    assert_clean_exit_2(cli_import(path), str(path), "not an .xlsx file")


def test_damaged_sheet_xml_names_the_sheet(tmp_path):
    path = xml_edited(
        tmp_path, "xl/worksheets/sheet2.xml", lambda t: t.replace("</row>", "</rw>", 3)
    )
    assert_clean_exit_2(cli_import(path), str(path), "sheet 'inventory'", "cannot read the sheet")


def test_damaged_workbook_xml(tmp_path):
    path = xml_edited(tmp_path, "xl/workbook.xml", lambda t: t[: len(t) // 2])
    assert_clean_exit_2(cli_import(path), str(path))


def test_xlsx_that_is_a_folder(tmp_path):
    folder = tmp_path / "plant.xlsx"
    folder.mkdir()
    assert_clean_exit_2(cli_import(folder), str(folder))


@pytest.mark.parametrize("option", ["--mapping", "--background-factors"])
def test_damaged_csv_inputs(tmp_path, option):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"study_dataset,background_code,match\n\xff\xfe\x00broken,\x81\n")
    assert_clean_exit_2(cli_import(EXAMPLE, option, str(bad)), str(bad), "UTF-8")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert_clean_exit_2(cli_import(EXAMPLE, option, str(folder)), str(folder))


def test_csv_field_beyond_limit(tmp_path):
    from bw_alu.csv_input import MAX_FIELD

    bad = tmp_path / "huge.csv"
    bad.write_text("study_dataset,background_code,match\n" + "x" * (MAX_FIELD + 10) + ",a,mapped\n")
    assert_clean_exit_2(cli_import(EXAMPLE, "--mapping", str(bad)), str(bad), "not a readable CSV")


def test_damaged_previous_results_and_declared(tmp_path):
    from bw_alu.errors import DeclaredFileInvalid, PreviousResultsInvalid
    from bw_alu.report.update import read_previous
    from bw_alu.verify.declared import read_declared

    bad = tmp_path / "prev.csv"
    bad.write_bytes(b"\x81\x82\x83")
    with pytest.raises(PreviousResultsInvalid, match="not UTF-8"):
        read_previous(bad)
    with pytest.raises(DeclaredFileInvalid, match="not UTF-8"):
        read_declared(bad)


# --- resource limits, checked before cells are read ------------------------------------


def test_ghost_cell_declared_dimension(tmp_path):
    path = xml_edited(tmp_path, "xl/worksheets/sheet2.xml", ghost)
    assert path.stat().st_size < 40_000
    msg = problems_of(path)
    assert "sheet 'inventory'" in msg and "1,048,576 rows x 16,384 columns" in msg


def test_ghost_cell_without_dimension(tmp_path):
    # the dimension still says A1:P32: the streamed cell itself is refused
    path = xml_edited(tmp_path, "xl/worksheets/sheet2.xml", lambda t: ghost(t, dimension=False))
    msg = problems_of(path)
    assert "sheet 'inventory'" in msg and "cell XFD1048576 lies beyond the limits" in msg


def test_zip_bomb_member_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    shutil.copy(EXAMPLE, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    msg = problems_of(path)
    assert "refused as a zip bomb" in msg and "xl/media/padding.bin" in msg


def test_too_many_sheets(tmp_path):
    from bw_alu.workbook import limits

    def edit(wb):
        for i in range(limits.MAX_SHEETS):
            wb.create_sheet(f"extra{i}")

    msg = problems_of(edited(tmp_path, edit))
    assert f"sheets; the limit is {limits.MAX_SHEETS}" in msg


# --- product_id -------------------------------------------------------------------------


def _set_product_id(value: str):
    def edit(wb):
        ws = wb["product"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "product_id":
                row[1].value = value
                return
        raise AssertionError("no product_id row")

    return edit


@pytest.mark.parametrize(
    "pid, words",
    [
        ("a" * 240, "240 characters long; at most 64"),
        ("con", "device name on Windows"),
        ("lpt1", "device name on Windows"),
        ("plant/../x", "lower-case letters"),
        ("Plant", "lower-case letters"),
    ],
)
def test_product_id_is_validated_before_anything_is_written(tmp_path, pid, words):
    import bw2data as bd

    path = edited(tmp_path, _set_product_id(pid))
    res = cli_import(path, project="h10r-pid")
    assert_clean_exit_2(res, "product_id", words)
    assert "h10r-pid" not in bd.projects  # nothing set up, no empty database registered


def test_product_id_of_64_characters_is_accepted(tmp_path):
    plant = load_plant(edited(tmp_path, _set_product_id("a" * 64)))
    assert plant.product.product_id == "a" * 64


def test_csv_folder_sheet_beyond_limits(tmp_path):
    from bw_alu.workbook import limits

    folder = tmp_path / "plant"
    folder.mkdir()
    (folder / "product.csv").write_text("field,value\nproduct_id,x\n")
    (folder / "inventory.csv").write_text("stage" + ",x" * limits.MAX_COLUMNS + "\n")
    msg = problems_of(folder)
    assert "inventory.csv" in msg and f"{limits.MAX_COLUMNS} columns" in msg


def test_fifo_is_refused_without_blocking(tmp_path):
    # a FIFO named like a workbook or a CSV input would block a reader for ever
    import os

    fifo = tmp_path / "plant.xlsx"
    os.mkfifo(fifo)
    assert_clean_exit_2(cli_import(fifo), str(fifo), "not a regular file")
    csv_fifo = tmp_path / "mapping.csv"
    os.mkfifo(csv_fifo)
    assert_clean_exit_2(
        cli_import(EXAMPLE, "--mapping", str(csv_fifo)), str(csv_fifo), "not a regular file"
    )
