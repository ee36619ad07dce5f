"""Read a plant workbook (.xlsx, or a folder of one CSV per sheet) into plain cells.

Every value keeps its :class:`~bw_alu.errors.Location` so validation can name the file,
sheet, row and column of anything wrong. Nothing here interprets values, except what no
sheet may hold at all: a formula without a cached value, a cached error (``#DIV/0!``), a
header given twice, two sheets whose names differ only in case or spaces.

The reader is bounded (see :mod:`bw_alu.workbook.limits`): the zip's members and each
sheet's declared dimension are checked before any cell is read, and cells are streamed
from the sheet's XML one at a time (only cells present in the file are kept; a single
cell at ``XFD1048576`` does not make a row of 16,384 empty cells).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..errors import Location, Problem, WorkbookInvalid
from . import limits


@dataclass(frozen=True)
class Cell:
    value: object
    location: Location
    # Why the cell has no usable value although it is not blank (a formula never computed,
    # a cached error): reported once by the reader, so validation must not add "missing".
    flaw: str | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    file: str
    headers: tuple[str, ...]
    rows: tuple[dict[str, Cell], ...]  # header -> cell; blank rows dropped

    def location(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file, self.name, row, column)


class _Flawed:
    """A cell value that is not a value: kept apart from None until the problem is logged."""

    __slots__ = ("why",)

    def __init__(self, why: str):
        self.why = why


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value if value != "" else None
    return value


def _column_label(index: int, header: str) -> str:
    return f"{get_column_letter(index + 1)} ({header})"


def _sheet_from_rows(
    name: str, file: str, raw: Sequence[Sequence[object]], problems: list[Problem]
) -> Sheet:
    header_cells = [_clean(v) for v in (raw[0] if raw else [])]
    headers: list[str | None] = []
    seen: dict[str, int] = {}
    for c, h in enumerate(header_cells):
        if isinstance(h, _Flawed):
            problems.append(
                Problem(Location(file, name, 1, get_column_letter(c + 1)), f"header {h.why}")
            )
            headers.append(None)
            continue
        header = str(h).strip().lower() if h is not None else None
        if header is not None and header in seen:
            problems.append(
                Problem(
                    Location(file, name, 1, _column_label(c, header)),
                    f"column header {header!r} is given twice (also column "
                    f"{get_column_letter(seen[header] + 1)}); keep one",
                )
            )
            header = None
        elif header is not None:
            seen[header] = c
        headers.append(header)
    rows = []
    for r, values in enumerate(raw[1:], start=2):
        values = [_clean(v) for v in values]
        if all(v is None for v in values):
            continue
        record = {}
        for c, header in enumerate(headers):
            if header is None:
                continue
            value = values[c] if c < len(values) else None
            loc = Location(file, name, r, _column_label(c, header))
            if isinstance(value, _Flawed):
                problems.append(Problem(loc, value.why))
                record[header] = Cell(None, loc, value.why)
            else:
                record[header] = Cell(value, loc)
        if record:
            rows.append(record)
    return Sheet(name, file, tuple(h for h in headers if h is not None), tuple(rows))


def sheet_key(title: str) -> str:
    """How sheets are looked up: case and surrounding spaces do not count."""
    return title.strip().casefold()


def read_workbook(path: str | Path, problems: list[Problem] | None = None) -> dict[str, Sheet]:
    """All sheets of ``path``, keyed by :func:`sheet_key`.

    Problems of single cells (a formula without cached value, an error value, a header
    given twice, ...) are appended to ``problems`` when given (their cells are left
    blank with ``flaw`` set), else raised at once. A file that cannot be read at all is
    always raised as :class:`WorkbookInvalid` naming it."""
    own = problems is None
    found: list[Problem] = [] if problems is None else problems
    path = Path(path)
    if not path.exists():
        raise WorkbookInvalid.single(Location(str(path)), "file or folder not found")
    if path.is_dir():
        sheets = _read_csv_folder(path, found)
    elif not path.is_file():
        raise WorkbookInvalid.single(Location(str(path)), "not a regular file or folder")
    elif path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise WorkbookInvalid.single(
            Location(str(path)), "a plant workbook is an .xlsx file or a folder of CSV sheets"
        )
    else:
        sheets = _read_xlsx(path, found)
    if own and found:
        raise WorkbookInvalid(found, headline=f"invalid workbook {path}")
    return sheets


def _add_sheet(sheets: dict[str, Sheet], sheet: Sheet, problems: list[Problem]) -> None:
    key = sheet_key(sheet.name)
    if key in sheets:
        problems.append(
            Problem(
                Location(sheet.file, sheet.name),
                f"sheet name {sheet.name!r} is the same as sheet {sheets[key].name!r} once case "
                "and spaces are ignored; rename or remove one",
            )
        )
        return
    sheets[key] = sheet


def _read_xlsx(path: Path, problems: list[Problem]) -> dict[str, Sheet]:
    where = Location(str(path))
    limits.check_zip(path)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise WorkbookInvalid.single(where, f"cannot open as xlsx: {_why(exc)}") from exc
    try:
        worksheets = list(wb.worksheets)
        limits.check_sheet_count(path, len(worksheets))
        sheets: dict[str, Sheet] = {}
        cells = 0
        for ws in worksheets:
            title = str(ws.title)
            limits.check_dimension(path, title, ws.max_row, ws.max_column)
            try:
                raw, n = _stream(wb, ws, path, title)
            except WorkbookInvalid:
                raise
            except Exception as exc:  # damaged sheet XML, bad shared-string index, ...
                raise WorkbookInvalid.single(
                    Location(str(path), title), f"cannot read the sheet: {_why(exc)}"
                ) from exc
            cells += n
            limits.check_cells(path, cells)
            _add_sheet(sheets, _sheet_from_rows(title, str(path), raw, problems), problems)
        return sheets
    except WorkbookInvalid:
        raise
    except Exception as exc:
        raise WorkbookInvalid.single(where, f"cannot read as xlsx: {_why(exc)}") from exc
    finally:
        wb.close()


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "..."


def _stream(wb, ws, path: Path, title: str) -> tuple[list[list[object]], int]:
    """The sheet's rows as lists of values, read cell by cell from its XML.

    Rows and columns beyond the limits raise before they are stored; only present cells
    count, and a row is as long as its last non-blank cell."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class _Parser(WorkSheetParser):
        def parse_cell(self, element):  # noqa: D102 - openpyxl's, plus formula/error marks
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = _Flawed(
                    "formula without a calculated value (save the workbook in Excel or "
                    "LibreOffice so its results are stored, or type the number)"
                )
            elif cell["data_type"] == "e":
                cell["value"] = _Flawed(f"the cell holds the error value {cell['value']}")
            return cell

    rows: dict[int, list[object]] = {}
    count = 0
    with wb._archive.open(ws._worksheet_path) as src:
        parser = _Parser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, cells in _parsed(parser):
            for c in cells:
                value = c["value"]
                if value is None or value == "":
                    continue
                r, col = int(c["row"]), int(c["column"])
                limits.check_position(path, title, r, col)
                count += 1
                row = rows.setdefault(r, [])
                if len(row) < col:
                    row.extend([None] * (col - len(row)))
                row[col - 1] = value
            del idx
    if not rows:
        return [], 0
    last = max(rows)
    out = [rows.get(r, []) for r in range(1, last + 1)]
    return out, count


def _parsed(parser) -> Iterator[tuple[int, list[dict]]]:
    yield from parser.parse()


def _read_csv_folder(folder: Path, problems: list[Problem]) -> dict[str, Sheet]:
    from ..csv_input import read_rows

    sheets: dict[str, Sheet] = {}
    files = sorted(p for p in folder.glob("*.csv") if p.is_file())
    if not files:
        raise WorkbookInvalid.single(Location(str(folder)), "folder holds no .csv sheets")
    limits.check_sheet_count(folder, len(files))
    read_problems = []
    for file in files:
        try:
            raw = read_rows(file, WorkbookInvalid)
        except WorkbookInvalid as exc:
            read_problems += exc.problems
            continue
        limits.check_dimension(file, file.stem, len(raw), max((len(r) for r in raw), default=0))
        _add_sheet(sheets, _sheet_from_rows(file.stem, str(file), raw, problems), problems)
    if read_problems:
        raise WorkbookInvalid(read_problems, headline="cannot read CSV sheets")
    return sheets
