"""Read a plant workbook (.xlsx, or a folder of one CSV per sheet) into plain cells.

Every value keeps its :class:`~bw_alu.errors.Location` so validation can name the file,
sheet, row and column of anything wrong. Nothing here interprets values.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..errors import Location, Problem, WorkbookInvalid


@dataclass(frozen=True)
class Cell:
    value: object
    location: Location


@dataclass(frozen=True)
class Sheet:
    name: str
    file: str
    headers: tuple[str, ...]
    rows: tuple[dict[str, Cell], ...]  # header -> cell; blank rows dropped

    def location(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file, self.name, row, column)


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value if value != "" else None
    return value


def _column_label(index: int, header: str) -> str:
    return f"{get_column_letter(index + 1)} ({header})"


def _sheet_from_rows(name: str, file: str, raw: Sequence[Sequence[object]]) -> Sheet:
    header_cells = [_clean(v) for v in (raw[0] if raw else [])]
    headers = [str(h).strip().lower() if h is not None else None for h in header_cells]
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
            record[header] = Cell(value, Location(file, name, r, _column_label(c, header)))
        rows.append(record)
    return Sheet(name, file, tuple(h for h in headers if h is not None), tuple(rows))


def read_workbook(path: str | Path) -> dict[str, Sheet]:
    """All sheets of ``path``, keyed by lower-case sheet name."""
    path = Path(path)
    if not path.exists():
        raise WorkbookInvalid.single(Location(str(path)), "file or folder not found")
    if path.is_dir():
        return _read_csv_folder(path)
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise WorkbookInvalid.single(
            Location(str(path)), "a plant workbook is an .xlsx file or a folder of CSV sheets"
        )
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise WorkbookInvalid.single(Location(str(path)), f"cannot open as xlsx: {exc}") from exc
    try:
        sheets = {}
        for ws in wb.worksheets:
            raw = [list(row) for row in ws.iter_rows(values_only=True)]
            sheets[ws.title.strip().lower()] = _sheet_from_rows(ws.title, str(path), raw)
        return sheets
    finally:
        wb.close()


def _read_csv_folder(folder: Path) -> dict[str, Sheet]:
    sheets = {}
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise WorkbookInvalid.single(Location(str(folder)), "folder holds no .csv sheets")
    problems = []
    for file in files:
        try:
            with open(file, encoding="utf-8-sig", newline="") as fh:
                raw = [list(row) for row in csv.reader(fh)]
        except UnicodeDecodeError as exc:
            problems.append(Problem(Location(str(file)), f"not UTF-8 text: {exc}"))
            continue
        sheets[file.stem.strip().lower()] = _sheet_from_rows(file.stem, str(file), raw)
    if problems:
        raise WorkbookInvalid(problems, headline="cannot read CSV sheets")
    return sheets
