"""How wide a text is when printed: CJK characters take a full em, Latin about half.

Used to fit table columns to their content (docx widths in points, xlsx widths in
character units) without a font engine: East Asian wide and full-width characters
(``unicodedata.east_asian_width`` W/F) count 1 em, capitals 0.67 em, other characters
0.52 em. A line may break at a space or between two CJK characters, never inside a
number or a Latin word: the longest such piece is a column's minimum width.
"""

from __future__ import annotations

import re
import unicodedata

_PIECES = re.compile(r"[^\s]+")


def char_em(ch: str) -> float:
    """Advance width in em, about Arial's (Liberation Sans, metric-compatible), plus 4 %."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in "mwMW%":
        return 0.9
    if ch.isupper():
        return 0.7
    if ch in "il.,;:'|!()[]{} ":
        return 0.3
    return 0.58


def width_em(text: str) -> float:
    """Width of the widest line of ``text``."""
    return max((sum(char_em(c) for c in line) for line in text.split("\n")), default=0.0)


def _pieces(text: str):
    """The unbreakable pieces of ``text``: Latin words, numbers, single CJK characters."""
    for word in _PIECES.findall(text):
        run = ""
        for ch in word:
            if unicodedata.east_asian_width(ch) in ("W", "F"):
                if run:
                    yield run
                    run = ""
                yield ch
            else:
                run += ch
        if run:
            yield run


def min_width_em(text: str, breakable: bool = True) -> float:
    """The narrowest a column can be without breaking a word or number of ``text``."""
    if not breakable:
        return width_em(text)
    return max((width_em(p) for p in _pieces(text)), default=0.0)


def excel_width(text: str) -> float:
    """Excel column-width units (about the width of a '0') of the widest line."""
    return max(
        (
            sum(
                2.0
                if unicodedata.east_asian_width(c) in ("W", "F")
                else 1.1
                if c.isupper()
                else 1.0
                for c in line
            )
            for line in text.split("\n")
        ),
        default=0.0,
    )
