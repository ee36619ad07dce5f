"""Word document laid out like a printed verification report.

- A4 portrait; a report section whose tables do not fit the portrait width is set in a
  landscape section of its own (Word sections, so headers and page numbers continue).
- Column widths are fitted to the content (:mod:`bw_alu.report.textwidth`): a column is
  never narrower than its longest number or word, and the table never wider than the
  page; numbers are set no-wrap, so they never break inside a cell.
- The header row of every table repeats on each page; rows do not split across pages.
- Cover page, a table-of-contents field (Word fills in the page numbers: the document
  asks to update fields on opening), numbered table and figure captions (SEQ fields
  with their number already in place), and a page-number field in the footer.

East Asian text is set in Microsoft YaHei (present on Chinese Windows and Office;
Word and LibreOffice substitute a CJK font elsewhere), Latin text in Arial.
"""

from __future__ import annotations

import io

from ..model import Bullets, Chart, Document, Paragraph, Section, Table
from ..textwidth import min_width_em, width_em
from ._zip import fixed_instant, normalize

LATIN_FONT = "Arial"
EAST_ASIA_FONT = "Microsoft YaHei"
PAGE_CM = (21.0, 29.7)  # A4
MARGIN_CM = 2.0
TABLE_PT = 8.5  # font size in tables
SMALL_TABLE_PT = 7.5  # for a table that does not fit a landscape page at TABLE_PT
CELL_MARGIN_PT = 2.85  # left and right inner margin of a cell (0.1 cm)
CM_PT = 72 / 2.54
COMFORT_EM = 7.0  # a text column is not squeezed below 7 em (seven CJK characters)
KEEP_TOGETHER_ROWS = 25  # tables up to this many rows are kept on one page
HEADER_EM = 4.0  # ... nor below 4 em for its header
HEADER_FILL = "E8EFF3"
SUBTOTAL_FILL = "F5F7F8"


def usable_width_pt(landscape: bool) -> float:
    """Text width between the margins, in points."""
    w, h = PAGE_CM
    return ((h if landscape else w) - 2 * MARGIN_CM) * CM_PT


def _measure(t: Table, size_pt: float) -> tuple[list[float], list[float], list[float]]:
    """(natural, comfortable, hard minimum) width of each column, in points.

    natural: the widest cell on one line; hard minimum: the longest piece that must not
    break (a number is one piece); comfortable: the natural width up to ``COMFORT_EM``,
    so that short texts (a stage name, a unit, a short label) stay on one line.
    """
    pad = 2 * CELL_MARGIN_PT + 1.5
    n = len(t.columns)
    natural = [width_em(c) * size_pt + pad for c in t.columns]
    hard = [min_width_em(c) * size_pt + pad for c in t.columns]
    # A header may wrap: it asks for HEADER_EM on one line at most.
    body_natural = [min(nat, HEADER_EM * size_pt + pad) for nat in natural]
    for r in t.rows:
        for j, cell in enumerate(r.cells[:n]):
            w = width_em(cell.text) * size_pt + pad
            natural[j] = max(natural[j], w)
            body_natural[j] = max(body_natural[j], w)
            piece = min_width_em(cell.text, breakable=not cell.numeric)
            hard[j] = max(hard[j], piece * size_pt + pad)
    cap = COMFORT_EM * size_pt + pad
    comfortable = [max(h, min(b, cap)) for h, b in zip(hard, body_natural)]
    return natural, comfortable, hard


def _spread(natural: list[float], floor: list[float], avail: float) -> list[float]:
    """``floor`` widths plus the spare width shared in proportion to what each lacks."""
    spare = avail - sum(floor)
    wish = [max(nat - f, 0.0) for nat, f in zip(natural, floor)]
    if sum(wish) <= 0:
        return floor
    return [f + spare * w / sum(wish) for f, w in zip(floor, wish)]


def column_widths(
    t: Table, avail_pt: float, size_pt: float = TABLE_PT, strict: bool = True
) -> list[float] | None:
    """Widths (pt) fitting ``t`` into ``avail_pt``; None when it does not fit.

    Each column gets its natural width when all fit; otherwise at least its comfortable
    width (``strict``) or its hard minimum, plus a share of the remaining width in
    proportion to how much more it would like.
    """
    natural, comfortable, hard = _measure(t, size_pt)
    if sum(natural) <= avail_pt:
        return natural
    floor = comfortable if strict else hard
    if sum(floor) > avail_pt:
        return None
    return _spread(natural, floor, avail_pt)


def layout(t: Table) -> tuple[bool, float, list[float]]:
    """(landscape, font size, column widths in pt) of a table.

    Portrait when the table fits at its comfortable widths, else landscape; then the
    smaller font; then the hard minimum widths (numbers never narrower than themselves).
    """
    for landscape, size, strict in (
        (False, TABLE_PT, True),
        (True, TABLE_PT, True),
        (True, SMALL_TABLE_PT, True),
        (True, SMALL_TABLE_PT, False),
    ):
        widths = column_widths(t, usable_width_pt(landscape), size, strict)
        if widths is not None:
            return landscape, size, widths
    # Wider than a landscape page even at the hard minimum: scale it down (long words may
    # then break; numbers are set no-wrap and overflow rather than break).
    _, _, hard = _measure(t, SMALL_TABLE_PT)
    scale = usable_width_pt(True) / sum(hard)
    return True, SMALL_TABLE_PT, [h * scale for h in hard]


def section_landscape(s: Section) -> bool:
    return any(layout(b)[0] for b in s.blocks if isinstance(b, Table))


# -- low-level helpers (WordprocessingML) ------------------------------------------------


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


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


def add_field(paragraph, instruction: str, cached: str) -> None:
    """A complex field (PAGE, NUMPAGES, SEQ ...) showing ``cached`` until updated."""
    paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="begin"))
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="end"))


def _orient(sec, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    w, h = PAGE_CM
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (Cm(h), Cm(w)) if landscape else (Cm(w), Cm(h))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(MARGIN_CM))
    sec.header_distance = sec.footer_distance = Cm(1.0)


def _setup(d, doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    sec = d.sections[0]
    _orient(sec, False)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        _fonts(d.styles[name])
    d.styles["Normal"].font.size = Pt(10)
    caption = d.styles["Caption"]
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0x22, 0x22, 0x22)
    # The cover page has neither header nor page number.
    sec.different_first_page_header_footer = True
    head = sec.header.paragraphs[0]
    head.text = doc.title
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in head.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    foot = sec.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # "Page {PAGE} of {NUMPAGES}": literal parts as text, the two numbers as fields.
    template = doc.words.get("page", "{PAGE}")
    before, _, rest = template.partition("{PAGE}")
    middle, _, after = rest.partition("{NUMPAGES}")
    if before:
        foot.add_run(before)
    add_field(foot, "PAGE", "1")
    if "{NUMPAGES}" in rest:
        foot.add_run(middle)
        add_field(foot, "NUMPAGES", "1")
        if after:
            foot.add_run(after)
    elif middle:
        foot.add_run(middle)
    # Ask Word to update fields (table of contents, page count) when the file is opened.
    d.settings.element.append(_el("w:updateFields", val="true"))


def _cover(d, doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    for _ in range(5):
        d.add_paragraph()
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(doc.title)
    run.bold = True
    run.font.size = Pt(24)
    if doc.subtitle:
        sub = d.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub.add_run(doc.subtitle).font.size = Pt(13)
    for _ in range(4):
        d.add_paragraph()
    if doc.cover:
        t = d.add_table(rows=len(doc.cover), cols=2)
        t.alignment = 1  # centre
        t.autofit = False
        label_w = max(width_em(k) for k, _ in doc.cover) * 11 + 12
        widths = [label_w, min(usable_width_pt(False) * 0.75, 300)]
        _widths(t, widths)
        for row, (k, v) in zip(t.rows, doc.cover):
            for cell, text, bold in ((row.cells[0], k, True), (row.cells[1], v, False)):
                p = cell.paragraphs[0]
                r = p.add_run(text)
                r.bold = bold
                r.font.size = Pt(11)
                p.paragraph_format.space_after = Pt(6)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _toc(d, doc: Document, pages: dict[str, int] | None = None) -> None:
    """A TOC field whose cached text lists the section titles (Word adds page numbers);
    with ``pages`` (``report --toc-pages``) each title is followed by its page number at a
    right tab with a dot leader."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    heading = d.add_paragraph()
    r = heading.add_run(doc.words.get("toc", "Contents"))
    r.bold = True
    r.font.size = Pt(16)
    first = d.add_paragraph()
    first.add_run()._r.append(_el("w:fldChar", fldCharType="begin"))
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    first.add_run()._r.append(instr)
    first.add_run()._r.append(_el("w:fldChar", fldCharType="separate"))
    p = first
    for k, s in enumerate(doc.sections):
        if k:
            p = d.add_paragraph()
        p.add_run(s.title)
        p.paragraph_format.space_after = Pt(2)
        if pages and s.title in pages:
            from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
            from docx.shared import Cm

            p.paragraph_format.tab_stops.add_tab_stop(
                Cm(PAGE_CM[0] - 2 * MARGIN_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            p.add_run(f"\t{pages[s.title]}")
    p.add_run()._r.append(_el("w:fldChar", fldCharType="end"))
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _widths(table, widths_pt: list[float]) -> None:
    from docx.shared import Pt

    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblW"):
        tbl_pr.remove(old)
    tbl_pr.append(_el("w:tblW", w=int(round(sum(widths_pt) * 20)), type="dxa"))
    for col, w in zip(table.columns, widths_pt):
        col.width = Pt(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_pt):
            cell.width = Pt(w)


def _caption(d, text: str, seq: str, keep_with_next: bool) -> None:
    """A caption paragraph whose number is a SEQ field (so Word can list tables/figures)."""
    from docx.shared import Pt

    p = d.add_paragraph(style="Caption")
    p.paragraph_format.keep_with_next = keep_with_next
    p.paragraph_format.space_before = Pt(8)
    label, _, rest = text.partition(" ")
    number, sep, title = rest.partition(" ") if rest else ("", "", "")
    if label and number.rstrip(".").isdigit():
        p.add_run(label + " ")
        add_field(p, f"SEQ {seq} \\* ARABIC", number.rstrip("."))
        p.add_run(number[len(number.rstrip(".")) :] + sep + title)
    else:
        p.add_run(text)


def _table(d, t: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    _, size, widths = layout(t)
    _caption(d, t.caption or t.title, "Table", keep_with_next=True)
    table = d.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: the widths below are the widths
    _widths(table, widths)
    tbl_pr = table._tbl.tblPr
    margins = _el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w=int(CELL_MARGIN_PT * 20), type="dxa"))
    tbl_pr.append(margins)

    def fill(cell, text, bold=False, numeric=False, shade=None):
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = Pt(0)
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        tc_pr = cell._tc.get_or_add_tcPr()
        if numeric:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            tc_pr.append(_el("w:noWrap"))
        if shade:
            tc_pr.append(_el("w:shd", val="clear", color="auto", fill=shade))

    for k, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_el("w:cantSplit"))
        if k == 0:
            tr_pr.append(_el("w:tblHeader"))  # repeat on every page
    numeric_col = [any(r.cells[j].numeric for r in t.rows) for j in range(len(t.columns))]
    for cell, col, num in zip(table.rows[0].cells, t.columns, numeric_col):
        fill(cell, col, bold=True, shade=HEADER_FILL)
        if num:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row, r in zip(table.rows[1:], t.rows):
        shade = SUBTOTAL_FILL if r.style == "subtotal" else HEADER_FILL if r.style else None
        for cell, c in zip(row.cells, r.cells):
            fill(cell, c.text, bold=bool(r.style), numeric=c.numeric, shade=shade)
    if len(t.rows) <= KEEP_TOGETHER_ROWS:
        # A short table stays on one page (the EPD table must not split 12 + 4): every
        # row but the last keeps with the next.
        for row in table.rows[:-1]:
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
    if t.note:
        p = d.add_paragraph()
        run = p.add_run(t.note)
        run.italic = True
        run.font.size = Pt(8.5)


def _chart(d, c: Chart, landscape: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d.add_picture(io.BytesIO(c.png), width=Cm(15))
    d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.paragraphs[-1].paragraph_format.keep_with_next = True
    _caption(d, c.caption or c.title, "Figure", keep_with_next=False)
    d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def render(doc: Document, toc_pages: dict[str, int] | None = None) -> bytes:
    """The docx of ``doc``; ``toc_pages`` (section title -> page) fills the page numbers
    of the table of contents (see :mod:`bw_alu.report.tocpages`)."""
    import docx
    from docx.enum.section import WD_SECTION

    d = docx.Document()
    _setup(d, doc)
    _cover(d, doc)
    _toc(d, doc, toc_pages)
    landscape = False
    for s in doc.sections:
        wanted = section_landscape(s)
        if wanted != landscape:
            _orient(d.add_section(WD_SECTION.NEW_PAGE), wanted)
            landscape = wanted
        d.add_heading(s.title, level=1)
        for b in s.blocks:
            if isinstance(b, Table):
                _table(d, b)
            elif isinstance(b, Paragraph):
                d.add_paragraph(b.text)
            elif isinstance(b, Bullets):
                for x in b.items:
                    d.add_paragraph(x, style="List Bullet")
            elif isinstance(b, Chart):
                _chart(d, b, landscape)
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
