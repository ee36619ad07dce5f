"""Reading a user's CSV file (a mapping, factor background, previous results, recipes
table, a sheet of a CSV workbook): every failure of opening, decoding or parsing is the
caller's :class:`~bw_alu.errors.InputError` subclass naming the file, never a traceback.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import InputError, Location

MAX_BYTES = 50 * 1024 * 1024
MAX_FIELD = 1024 * 1024  # characters in one cell


def read_rows(path: str | Path, error: type[InputError]) -> list[list[str]]:
    """All rows of a UTF-8 CSV file (a BOM is allowed), as lists of strings."""
    path = Path(path)
    where = Location(str(path))
    try:
        if not path.is_file():
            if not path.exists():
                raise error.single(where, "not found")
            what = "a folder" if path.is_dir() else "not a regular file (a FIFO, device, ...)"
            raise error.single(where, f"is {what}, not a CSV file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise error.single(where, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return [list(row) for row in _reader(fh)]
    except InputError:
        raise
    except UnicodeDecodeError as exc:
        raise error.single(where, f"not UTF-8 text (save it as CSV UTF-8): {exc}") from exc
    except csv.Error as exc:
        raise error.single(where, f"not a readable CSV file: {exc}") from exc
    except OSError as exc:
        raise error.single(where, f"cannot read: {exc.strerror or exc}") from exc


def _reader(fh):
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    try:
        yield from csv.reader(fh)
    finally:
        csv.field_size_limit(old)


def read_dicts(path: str | Path, error: type[InputError]) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows as dicts of header -> cell) of a CSV file; short rows give "" cells,
    cells beyond the header are dropped (``DictReader`` would key them by None)."""
    rows = read_rows(path, error)
    if not rows:
        return [], []
    header = [h.strip() for h in rows[0]]
    out = []
    for r in rows[1:]:
        out.append({h: (r[i] if i < len(r) else "") for i, h in enumerate(header) if h})
    return header, out
