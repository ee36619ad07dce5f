"""Bounds on what a workbook may make bw-alu read, checked before cells are read.

A plant workbook has a few sheets of at most a few thousand rows; these limits are far
above that and far below what would exhaust memory. Each is a clear
:class:`~bw_alu.errors.WorkbookInvalid` naming the file (and sheet).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..errors import Location, WorkbookInvalid

MAX_FILE_BYTES = 50 * 1024 * 1024  # the .xlsx file itself
MAX_MEMBERS = 1_000  # files inside the zip
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # all members, uncompressed, as the zip declares
MAX_RATIO = 200  # uncompressed / compressed of a member above 1 MB (zip bombs)
MAX_SHEETS = 50
MAX_ROWS = 50_000  # per sheet
MAX_COLUMNS = 256  # per sheet (column IV)
MAX_CELLS = 2_000_000  # non-blank cells of the whole workbook


def _fail(path: Path, message: str, sheet: str | None = None) -> None:
    raise WorkbookInvalid.single(Location(str(path), sheet), message)


def check_zip(path: Path) -> None:
    """The .xlsx container: size, members and their declared uncompressed sizes."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        _fail(path, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (zip version), OSError, ...
        _fail(path, f"not an .xlsx file (a damaged or non-zip file): {exc}")
        return
    if len(infos) > MAX_MEMBERS:
        _fail(path, f"the .xlsx holds {len(infos):,} parts; the limit is {MAX_MEMBERS:,}")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            _fail(
                path,
                f"part {info.filename!r} unpacks to {info.file_size:,} bytes from "
                f"{info.compress_size:,} (more than {MAX_RATIO}x): refused as a zip bomb",
            )
    if total > MAX_UNZIPPED_BYTES:
        _fail(path, f"the .xlsx unpacks to {total:,} bytes; the limit is {MAX_UNZIPPED_BYTES:,}")


def check_sheet_count(path: Path, n: int) -> None:
    if n > MAX_SHEETS:
        _fail(path, f"the workbook has {n} sheets; the limit is {MAX_SHEETS}")


def _extent(rows: int, columns: int) -> str:
    return f"{rows:,} rows x {columns:,} columns (to cell {get_column_letter(columns)}{rows})"


def check_dimension(path: Path, sheet: str, rows: int | None, columns: int | None) -> None:
    """The sheet's declared dimension (``<dimension ref=...>``), before any cell is read."""
    rows, columns = rows or 0, columns or 0
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        _fail(
            path,
            f"the sheet declares {_extent(rows, min(columns, 16384) or 1)}; the limits are "
            f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns. Delete the cells far below or to "
            "the right of the table (a stray value or format), then save",
            sheet,
        )


def check_position(path: Path, sheet: str, row: int, column: int) -> None:
    """A cell read from the sheet (the declared dimension may be missing or wrong)."""
    if row > MAX_ROWS or column > MAX_COLUMNS:
        if column > 16384 or column < 1:
            where = f"row {row:,}, column {column:,}"
        else:
            where = f"cell {get_column_letter(column)}{row}"
        _fail(
            path,
            f"{where} lies beyond the limits of {MAX_ROWS:,} rows and {MAX_COLUMNS} columns; "
            "delete it, then save",
            sheet,
        )


def check_cells(path: Path, n: int) -> None:
    if n > MAX_CELLS:
        _fail(path, f"the workbook has more than {MAX_CELLS:,} non-blank cells")
