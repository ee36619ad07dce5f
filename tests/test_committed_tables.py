"""Every committed CSV table (databases/, methods/) has as many fields in each row as in
its header: an unquoted comma inside a cited text would otherwise shift the columns
unnoticed (csv.DictReader puts the surplus under the key None). The build's own reader of
databases/background/sources/ refuses such a row; this covers the other tables too.
The SimaPro example export is not a table of this kind (SimaPro's block format)."""

from __future__ import annotations

import csv

import pytest

from bw_alu.paths import ROOT

TABLES = sorted(
    p
    for p in [*(ROOT / "databases").rglob("*.csv"), *(ROOT / "methods").glob("*.csv")]
    if not p.name.endswith("_simapro.csv")
)


def test_tables_found():
    assert len(TABLES) >= 30


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_row_has_the_header_s_field_count(path):
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    bad = [i for i, row in enumerate(rows, start=2) if len(row) != len(header)]
    assert bad == [], f"{path.name}: lines {bad[:5]} do not have {len(header)} fields"
