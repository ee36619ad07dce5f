"""Shared builders of a report's tables: rows of cells, translated headers, sections."""

from __future__ import annotations

from .. import i18n
from ..model import Block, Cell, Row, Section, Table, text_cell


def row(*values, style: str = "") -> Row:
    """A table row; a value that is not a :class:`Cell` yet becomes a text cell."""
    return Row([v if isinstance(v, Cell) else text_cell(v) for v in values], style)


def headers(lang: str, *keys: str) -> list[str]:
    """Column headers: the labels of ``keys`` in ``lang``."""
    return [i18n.t(k, lang) for k in keys]


def table(
    key: str, title_key: str, lang: str, columns: list[str], rows: list[Row], note=""
) -> Table:
    return Table(key, i18n.t(title_key, lang), columns, rows, note=note)


def section(key: str, title_key: str, lang: str, blocks: list[Block]) -> Section:
    return Section(key, i18n.t(title_key, lang), blocks)


def table_section(key: str, lang: str, columns: list[str], rows: list[Row], note="") -> Section:
    """A section of one table; both are keyed ``key`` and titled ``sec_<key>``."""
    return section(key, f"sec_{key}", lang, [table(key, f"sec_{key}", lang, columns, rows, note)])
