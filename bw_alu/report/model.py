"""The content model every writer renders: a document of sections of blocks.

Writers (md, html, xlsx, docx) only lay these out; every number is already rounded and
formatted here, so all formats show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """A table cell: the text every format shows, and the number a spreadsheet stores.

    ``number`` is the displayed (rounded) value, so a spreadsheet sum matches the
    displayed total; ``excel_format`` makes the spreadsheet show it as ``text`` does.
    """

    text: str
    number: float | int | None = None
    excel_format: str | None = None

    @property
    def numeric(self) -> bool:
        return self.number is not None


@dataclass
class Row:
    cells: list[Cell]
    style: str = ""  # "" | "subtotal" | "total"


@dataclass
class Table:
    key: str  # stable id: anchor in html, sheet in xlsx (with ``sheet`` as its name)
    title: str
    columns: list[str]
    rows: list[Row]
    note: str = ""
    caption: str = ""  # "表 3  title" / "Table 3. title": set by ``number_blocks``
    sheet: str = ""  # the xlsx sheet name in the report's language (set with the caption)


@dataclass
class Paragraph:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Chart:
    """A rendered chart: its bytes (embedded by html, docx, xlsx) and its file names."""

    key: str
    title: str
    png_name: str
    svg_name: str
    png: bytes = field(repr=False)
    svg: bytes = field(repr=False)
    caption: str = ""  # "图 1  title" / "Figure 1. title": set by ``number_blocks``


Block = Table | Paragraph | Bullets | Chart


@dataclass
class Section:
    key: str
    title: str  # numbered ("3 Scope") by ``number_blocks``
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    product_id: str
    kind: str  # "cfp" | "epd"
    lang: str  # "zh" | "en"
    title: str
    subtitle: str
    sections: list[Section]
    footer: str = ""
    # The cover page: (label, value) lines under the title, and the words the writers
    # need in the report's language (table of contents, page numbers).
    cover: list[tuple[str, str]] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return f"{self.product_id}_{self.kind}_{self.lang}"


def text_cell(value) -> Cell:
    return Cell("" if value is None else str(value))
