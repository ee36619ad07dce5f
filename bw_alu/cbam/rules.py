"""CBAM's rules as bw-alu applies them, each tied to a row of ``methods/cbam_rules.csv``
(act, article or annex, period, version implemented, how sure the citation is).

Nothing here is a number from a regulation except what the tables in ``methods/`` hold:
the rules table and the default-value table (``methods/cbam_default_values.csv``, an
input whose official figures must be filled from the act).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import CbamDataInvalid
from ..paths import METHODS_DIR

RULES_FILE = METHODS_DIR / "cbam_rules.csv"
DEFAULTS_FILE = METHODS_DIR / "cbam_default_values.csv"
MARKUPS_FILE = METHODS_DIR / "cbam_default_markups.csv"
GWP_FILE = METHODS_DIR / "cbam_gwp.csv"
# First year of the definitive period; the mark-up year when the CBAM data name none (R21).
FIRST_DEFINITIVE_YEAR = 2026

# The treatment of each direct-emission calculator of bw_alu.direct, with its rule id.
# "in": the item's gases count as direct emissions of the installation.
CALCULATOR_SCOPE: dict[str, tuple[str, str]] = {
    "fuel_combustion": ("in", "R06"),
    "anode_consumption": ("in", "R07"),
    "anode_effect": ("in", "R08"),
    "carbonate_decomposition": ("in", "R10"),
    "refrigerant_leakage": ("out", "R11"),
}
# Gases CBAM counts for aluminium (R01): CO2 and the PFCs.
ALUMINIUM_GASES = ("CO2", "CF4", "C2F6")


@lru_cache(maxsize=1)
def rules() -> dict[str, dict[str, str]]:
    """Rule id -> row of ``methods/cbam_rules.csv``."""
    with open(RULES_FILE, newline="", encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def cite(rule_id: str) -> str:
    """``R07: Implementing Regulation (EU) 2018/2066, Annex IV section 7``."""
    row = rules()[rule_id]
    return f"{rule_id}: {row['act']}, {row['provision']}"


@lru_cache(maxsize=1)
def gwp() -> dict[str, dict[str, str]]:
    """Gas -> row of ``methods/cbam_gwp.csv`` (the GWP100 CBAM converts each gas with, R09)."""
    with open(GWP_FILE, newline="", encoding="utf-8") as fh:
        return {row["gas"]: row for row in csv.DictReader(fh)}


@dataclass(frozen=True)
class DefaultValue:
    cn_code: str
    country: str
    direct: float
    indirect: float | None
    act: str
    table: str
    retrieved: str
    row: int
    file: str
    status: str = ""
    source: str = ""


@dataclass(frozen=True)
class Markup:
    """The mark-up (percent) added to a default value for goods imported in ``year`` (R21)."""

    sector: str
    year: int
    from_year: int
    pct: float
    act: str
    provision: str
    status: str
    source: str
    row: int
    file: str


def _float(text: str) -> float | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    x = float(text)
    if not math.isfinite(x) or x < 0:
        raise ValueError(text)
    return x


def read_defaults(path: str | Path | None = None) -> list[dict]:
    """Rows of a default-value table (the committed one unless ``path``), with row numbers."""
    path = Path(path) if path else DEFAULTS_FILE
    from ..csv_input import read_dicts

    rows: list[dict] = list(read_dicts(path, CbamDataInvalid)[1])
    for i, row in enumerate(rows, start=2):
        row["_row"] = i
    return rows


def default_value(cn_code: str, country: str, path: str | Path | None = None) -> DefaultValue | str:
    """The published default for a precursor's CN code and country, or why there is none.

    The longest CN prefix in the table that the precursor's code starts with wins. A row
    with an empty ``direct`` or without its act and table is not a usable value.
    """
    file = str(path or DEFAULTS_FILE)
    best = None
    for row in read_defaults(path):
        code = (row.get("cn_code") or "").replace(" ", "")
        same = row.get("country", "").strip().upper() == country
        if (
            same
            and code
            and cn_code.startswith(code)
            and (best is None or len(code) > len(best[0]))
        ):
            best = (code, row)
    if best is None:
        return f"{file} has no row for CN {cn_code} from {country}"
    code, row = best
    where = f"{file} row {row['_row']}"
    try:
        direct, indirect = _float(row.get("direct", "")), _float(row.get("indirect", ""))
    except ValueError:
        return f"{where}: direct/indirect are not numbers >= 0"
    if direct is None:
        return (
            f"{where} (CN {code}, {country}) is {row.get('status') or 'empty'}: fill 'direct' "
            f"(and 'indirect') from {row.get('act') or 'the act'}, {row.get('table') or 'its table'}"
        )
    if not (row.get("act") and row.get("table") and row.get("retrieved")):
        return f"{where}: a default value needs its act, table and retrieved date"
    return DefaultValue(
        code,
        country,
        direct,
        indirect,
        row["act"],
        row["table"],
        row["retrieved"],
        row["_row"],
        file,
        (row.get("status") or "").strip(),
        (row.get("source") or "").strip(),
    )


def markup(sector: str, year: int, path: str | Path | None = None) -> Markup | str:
    """The mark-up of ``methods/cbam_default_markups.csv`` for ``sector`` in ``year``: the
    row with the latest ``from_year`` not after ``year`` (the last row holds for later years).
    """
    file = str(path or MARKUPS_FILE)
    best = None
    for row in read_defaults(path or MARKUPS_FILE):
        if row.get("sector", "").strip().lower() != sector.lower():
            continue
        try:
            start = int(row.get("from_year", ""))
        except ValueError:
            return f"{file} row {row['_row']}: from_year is not a year"
        if start <= year and (best is None or start > best[0]):
            best = (start, row)
    if best is None:
        return f"{file} has no mark-up for {sector} in {year}"
    start, row = best
    try:
        pct = _float(row.get("markup_pct", ""))
    except ValueError:
        pct = None
    if pct is None:
        return f"{file} row {row['_row']}: markup_pct is not a number >= 0"
    return Markup(
        sector,
        year,
        start,
        pct,
        row.get("act", ""),
        row.get("provision", ""),
        (row.get("status") or "").strip(),
        (row.get("source") or "").strip(),
        row["_row"],
        file,
    )
