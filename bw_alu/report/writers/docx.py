"""Word document: A4 landscape (the inventory tables are wide), charts as PNG.

East Asian text is set in Microsoft YaHei (present on Chinese Windows and Office;
Word substitutes a CJK font elsewhere), Latin text in Arial.
"""

from __future__ import annotations

import io

from ..model import Bullets, Chart, Document, Paragraph, Table
from ._zip import fixed_instant, normalize

LATIN_FONT = "Arial"
EAST_ASIA_FONT = "Microsoft YaHei"


def _fonts(style) -> None:
    from docx.oxml.ns import qn

    style.font.name = LATIN_FONT
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(theme_attr)) is not None:
            del rfonts.attrib[qn(theme_attr)]


def _setup(d) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.8))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        _fonts(d.styles[name])
    d.styles["Normal"].font.size = Pt(10)


def _table(d, t: Table, section_title: str) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if t.title and t.title != section_title:
        d.add_heading(t.title, level=3)
    table = d.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    def fill(cell, text, bold=False, right=False):
        p = cell.paragraphs[0]
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(8.5)
        if right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for cell, col in zip(table.rows[0].cells, t.columns):
        fill(cell, col, bold=True)
    for row, r in zip(table.rows[1:], t.rows):
        for cell, c in zip(row.cells, r.cells):
            fill(cell, c.text, bold=bool(r.style), right=c.numeric)
    if t.note:
        p = d.add_paragraph()
        run = p.add_run(t.note)
        run.italic = True
        run.font.size = Pt(8.5)


def render(doc: Document) -> bytes:
    import docx
    from docx.shared import Cm

    d = docx.Document()
    _setup(d)
    d.add_heading(doc.title, level=0)
    if doc.subtitle:
        d.add_paragraph(doc.subtitle)
    for s in doc.sections:
        d.add_heading(s.title, level=1)
        for b in s.blocks:
            if isinstance(b, Table):
                _table(d, b, s.title)
            elif isinstance(b, Paragraph):
                d.add_paragraph(b.text)
            elif isinstance(b, Bullets):
                for x in b.items:
                    d.add_paragraph(x, style="List Bullet")
            elif isinstance(b, Chart):
                d.add_picture(io.BytesIO(b.png), width=Cm(16))
    if doc.footer:
        d.add_paragraph(doc.footer)
    props = d.core_properties
    when = fixed_instant().replace(tzinfo=None)
    props.created = props.modified = props.last_printed = when
    props.author = props.last_modified_by = "bw-alu"
    props.title = doc.title
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return normalize(buf.getvalue())
