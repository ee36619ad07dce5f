"""Excel workbook: a sheet per table, numbers as numbers, text never as a formula.

Each table's sheet is named by its number and title in the report's language
("表3 生命周期清单"); column widths count a CJK character as two ('0'-widths); long text
wraps at ``MAX_WIDTH``. Print set-up: A4, the table as print area, its header row
repeated on every page, fit to one page wide, landscape for wide tables.

Numbers are the displayed (rounded) values with a number format that shows them as the
other formats do, so a spreadsheet sum matches the displayed subtotal. Text that a
spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) is stored as a string
cell with the quote-prefix style, so no spreadsheet evaluates it.
"""

from __future__ import annotations

import io

from ..model import Bullets, Cell, Chart, Document, Paragraph, Table
from ..textwidth import excel_width
from ._zip import fixed_instant, normalize

FORMULA_START = ("=", "+", "-", "@")


def _put(ws, row: int, col: int, cell: Cell, bold: bool = False):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    c = ws.cell(row=row, column=col)
    if cell.numeric:
        c.value = cell.number
        if cell.excel_format:
            c.number_format = cell.excel_format
    else:
        put_text(c, ILLEGAL_CHARACTERS_RE.sub("", cell.text))
    if bold:
        c.font = Font(bold=True)
    return c


def put_text(c, text: str) -> None:
    """Store ``text`` as a plain string, never a formula."""
    c.value = text
    if text.startswith(FORMULA_START):
        c.data_type = "s"  # openpyxl made "=..." a formula on assignment
        c.quotePrefix = True  # what Excel sets when a user types a leading apostrophe


MAX_WIDTH = 60  # Excel width units; longer text wraps
MIN_WIDTH = 6
LANDSCAPE_WIDTH = 110  # sum of column widths above which a sheet prints landscape


def _width(ws, widths: dict[int, float]) -> float:
    from openpyxl.utils import get_column_letter

    total = 0.0
    for col, w in widths.items():
        width = round(min(max(w + 2, MIN_WIDTH), MAX_WIDTH), 1)
        ws.column_dimensions[get_column_letter(col)].width = width
        total += width
    return total


def _print_setup(ws, last_row: int, last_col: int, landscape: bool, title_rows: str = "") -> None:
    from openpyxl.utils import get_column_letter

    ws.print_area = f"A1:{get_column_letter(max(last_col, 1))}{max(last_row, 1)}"
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _sheet_name(key: str, used: set[str]) -> str:
    name = key[:31]
    k = 2
    while name in used:
        name = f"{key[:28]}_{k}"
        k += 1
    used.add(name)
    return name


def _table_sheet(wb, t: Table, used: set[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(_sheet_name(t.sheet or t.key, used))
    put_text(ws.cell(row=1, column=1), t.caption or t.title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    fill = PatternFill("solid", fgColor="E8EFF3")
    widths: dict[int, float] = {}
    for j, col in enumerate(t.columns, start=1):
        c = ws.cell(row=3, column=j)
        put_text(c, col)
        c.font = Font(bold=True)
        c.fill = fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
        widths[j] = max(widths.get(j, 0), min(excel_width(col), 24))
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, r in enumerate(t.rows, start=4):
        for j, cell in enumerate(r.cells, start=1):
            c = _put(ws, i, j, cell, bold=bool(r.style))
            w = excel_width(cell.text)
            if not cell.numeric and w > MAX_WIDTH:
                c.alignment = wrap
            widths[j] = max(widths.get(j, 0), w)
    last = len(t.rows) + 3
    if t.note:
        last += 2
        put_text(ws.cell(row=last, column=1), t.note)
    ws.freeze_panes = "A4"
    total = _width(ws, widths)
    _print_setup(ws, last, len(t.columns), total > LANDSCAPE_WIDTH, "3:3")


def render(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    info = wb.active  # the empty worksheet a new workbook starts with
    assert isinstance(info, Worksheet)
    info.title = doc.words.get("report_sheet", "report")
    used = {info.title}
    put_text(info.cell(row=1, column=1), doc.title)
    info.cell(row=1, column=1).font = Font(bold=True, size=14)
    put_text(info.cell(row=2, column=1), doc.subtitle)
    row = 4
    charts: list[Chart] = []
    for s in doc.sections:
        put_text(info.cell(row=row, column=1), s.title)
        info.cell(row=row, column=1).font = Font(bold=True)
        row += 1
        for b in s.blocks:
            if isinstance(b, Table):
                _table_sheet(wb, b, used)
                put_text(
                    info.cell(row=row, column=2), f"{b.caption or b.title} → {b.sheet or b.key}"
                )
                row += 1
            elif isinstance(b, Paragraph):
                put_text(info.cell(row=row, column=2), b.text)
                info.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
                row += 1
            elif isinstance(b, Bullets):
                for x in b.items:
                    put_text(info.cell(row=row, column=2), x)
                    row += 1
            elif isinstance(b, Chart):
                charts.append(b)
    put_text(info.cell(row=row + 1, column=1), doc.footer)
    info.column_dimensions["A"].width = 40
    info.column_dimensions["B"].width = 90
    _print_setup(info, row + 1, 2, landscape=False)
    if charts:
        ws = wb.create_sheet(_sheet_name(doc.words.get("charts_sheet", "charts"), used))
        anchor = 1
        for c in charts:
            put_text(ws.cell(row=anchor, column=1), c.caption or c.title)
            img = Image(io.BytesIO(c.png))
            # openpyxl takes any number here (the stubs say int); keep the exact half size.
            img.width, img.height = img.width * 0.5, img.height * 0.5  # type: ignore[assignment]
            ws.add_image(img, f"A{anchor + 1}")
            anchor += int(img.height / 20) + 4
        _print_setup(ws, anchor, 10, landscape=False)
    when = fixed_instant().replace(tzinfo=None)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "bw-alu"
    wb.properties.title = doc.title
    buf = io.BytesIO()
    wb.save(buf)
    return normalize(buf.getvalue())
