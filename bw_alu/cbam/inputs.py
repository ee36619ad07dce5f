"""The CBAM data of a plant: four optional sheets, read with their cells' locations.

They sit in the plant workbook itself, or in a separate workbook / CSV folder (the
examples ship theirs in ``databases/cbam/<product_id>/``, see :func:`find_cbam_source`):

- ``cbam_installation`` (``field``, ``value``, ``source``): installation, reporting period,
  aggregated goods category, production route, CN code, activity level;
- ``cbam_direct`` (``label``, ``scope``, ``reason``, ``source``): per direct-emission item
  of the plant workbook, ``in`` or ``out`` of CBAM scope where it differs from the rule
  of its calculator (:data:`bw_alu.cbam.rules.CALCULATOR_SCOPE`);
- ``cbam_electricity`` (``inventory_label``, ``source_type``, ``emission_factor``,
  ``factor_unit``, ``factor_source``, ``factor_year``, ``evidence``, ``note``): one row per
  electricity row of the inventory, with the factor CBAM's rules give it;
- ``cbam_precursors`` (``label``, ``inventory_label`` or ``amount`` + ``unit``, ``cn_code``,
  ``country``, ``route``, ``data_source`` = ``supplier`` | ``default``, ``supplier``,
  ``see_direct``, ``see_indirect``, ``source``, ``note``);
- ``cbam_assumptions`` (``id``, ``text``, ``text_zh``, ``affects``): the CBAM-specific
  assumptions (installation boundary, precursor origin, electricity supply).

Every problem is collected with its file, sheet, row and column and raised once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CbamDataInvalid, Location, Problem
from ..paths import DATABASES_DIR
from ..units import UnitError, dimension, factor, normalize
from ..workbook.model import Assumption
from ..workbook.read import Cell, Sheet, read_workbook

SHEETS = (
    "cbam_installation",
    "cbam_direct",
    "cbam_electricity",
    "cbam_precursors",
    "cbam_assumptions",
)
PERIODS = ("definitive", "transitional")
SOURCE_TYPES = ("grid", "ppa", "direct_connection")
DATA_SOURCES = ("supplier", "default")
# Emission-factor units -> factor to t CO2 per MWh.
FACTOR_UNITS = {
    "tco2/mwh": 1.0,
    "tco2e/mwh": 1.0,
    "kgco2/kwh": 1.0,
    "kgco2e/kwh": 1.0,
    "gco2/kwh": 1e-3,
    "gco2e/kwh": 1e-3,
}
REQUIRED_INSTALLATION = (
    "installation_name",
    "country",
    "aggregated_goods_category",
    "production_route",
    "cn_code",
)


@dataclass(frozen=True)
class Field:
    value: str
    location: Location
    source: str = ""


@dataclass(frozen=True)
class DirectScope:
    label: str
    scope: str  # "in" | "out"
    reason: str
    source: str
    location: Location


@dataclass(frozen=True)
class Electricity:
    inventory_label: str
    source_type: str
    factor_t_per_mwh: float
    factor_written: str  # value and unit as written, for the report
    factor_source: str
    factor_year: str
    evidence: str
    note: str
    location: Location


@dataclass(frozen=True)
class Precursor:
    label: str
    inventory_label: str | None
    amount: float | None  # on the workbook's basis, when no inventory row is named
    unit: str | None
    cn_code: str
    country: str
    route: str
    data_source: str
    supplier: str
    see_direct: float | None
    see_indirect: float | None
    source: str
    note: str
    location: Location
    cells: dict[str, Location] = field(default_factory=dict)

    def cell(self, column: str) -> Location:
        return self.cells.get(column, self.location)


@dataclass(frozen=True)
class CbamData:
    path: str
    installation: dict[str, Field]
    direct: dict[str, DirectScope]
    electricity: tuple[Electricity, ...]
    precursors: tuple[Precursor, ...]
    assumptions: tuple[Assumption, ...] = ()

    def text(self, name: str, default: str = "") -> str:
        f = self.installation.get(name)
        return f.value if f else default


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    v = cell.value
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    return str(v).strip()


def _number(cell: Cell | None, what: str, problems: list[Problem], where: Location):
    """A finite number >= 0 from ``cell``, or None (a problem recorded if the cell has text)."""
    if cell is None or cell.value is None:
        return None
    v = cell.value
    try:
        x = float(str(v).replace(",", "")) if isinstance(v, str) else float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        problems.append(Problem(cell.location, f"{what} must be a number, got {v!r}"))
        return None
    if not math.isfinite(x) or x < 0:
        problems.append(Problem(cell.location, f"{what} must be a number >= 0, got {v!r}"))
        return None
    return x


def _need_columns(sheet: Sheet, columns: tuple[str, ...], problems: list[Problem]) -> bool:
    missing = [c for c in columns if c not in sheet.headers]
    if missing:
        problems.append(Problem(sheet.location(1), f"needs columns {missing}"))
        return False
    return True


def _row_location(sheet: Sheet, cells: dict[str, Cell]) -> Location:
    return sheet.location(next(iter(cells.values())).location.row)


def _missing(cells: dict[str, Cell], column: str, sheet: Sheet, where: Location) -> Location:
    c = cells.get(column)
    return c.location if c is not None else Location(sheet.file, sheet.name, where.row, column)


def _installation(sheet: Sheet, problems: list[Problem]) -> dict[str, Field]:
    if not _need_columns(sheet, ("field", "value"), problems):
        return {}
    out: dict[str, Field] = {}
    for cells in sheet.rows:
        name = _text(cells.get("field")).lower()
        if not name:
            continue
        loc = cells["value"].location if "value" in cells else cells["field"].location
        if name in out:
            problems.append(Problem(cells["field"].location, f"field {name!r} is given twice"))
            continue
        out[name] = Field(_text(cells.get("value")), loc, _text(cells.get("source")))
    for name in REQUIRED_INSTALLATION:
        if not (name in out and out[name].value):
            loc = out[name].location if name in out else sheet.location(None, "B (value)")
            problems.append(Problem(loc, f"installation field {name!r} is required"))
    period = out.get("period")
    if period and period.value and period.value not in PERIODS:
        problems.append(Problem(period.location, f"period must be one of {PERIODS}"))
    year = out.get("import_year")
    if year and year.value and not (year.value.isdigit() and 2026 <= int(year.value) <= 2100):
        problems.append(
            Problem(year.location, "import_year is the year the goods enter the EU (2026 or later)")
        )
    country = out.get("country")
    if country and country.value and not re.fullmatch(r"[A-Z]{2}", country.value):
        problems.append(Problem(country.location, "country is an ISO 3166 two-letter code (CN)"))
    return out


def _direct(sheet: Sheet, problems: list[Problem]) -> dict[str, DirectScope]:
    if not _need_columns(sheet, ("label", "scope"), problems):
        return {}
    out: dict[str, DirectScope] = {}
    for cells in sheet.rows:
        where = _row_location(sheet, cells)
        label, scope = _text(cells.get("label")), _text(cells.get("scope")).lower()
        if not label:
            problems.append(Problem(_missing(cells, "label", sheet, where), "label is required"))
            continue
        if scope not in ("in", "out"):
            problems.append(
                Problem(
                    _missing(cells, "scope", sheet, where), f"scope is 'in' or 'out', got {scope!r}"
                )
            )
            continue
        reason = _text(cells.get("reason"))
        if not reason:
            problems.append(
                Problem(
                    _missing(cells, "reason", sheet, where), "a scope decision needs its reason"
                )
            )
        out[label] = DirectScope(label, scope, reason, _text(cells.get("source")), where)
    return out


def _factor_unit(cell: Cell | None, sheet: Sheet, where: Location, problems: list[Problem]):
    key = re.sub(r"[\s_\-·]", "", _text(cell)).lower().replace("₂", "2")
    if key in FACTOR_UNITS:
        return FACTOR_UNITS[key]
    problems.append(
        Problem(
            _missing({} if cell is None else {"factor_unit": cell}, "factor_unit", sheet, where),
            f"factor_unit {_text(cell)!r} not accepted; use t CO2/MWh, kg CO2/kWh or g CO2/kWh",
        )
    )
    return None


def _electricity(sheet: Sheet, problems: list[Problem]) -> list[Electricity]:
    cols = ("inventory_label", "source_type", "emission_factor", "factor_unit", "factor_source")
    if not _need_columns(sheet, cols, problems):
        return []
    out = []
    for cells in sheet.rows:
        where = _row_location(sheet, cells)
        label = _text(cells.get("inventory_label"))
        kind = _text(cells.get("source_type")).lower()
        n = len(problems)
        if not label:
            problems.append(
                Problem(
                    _missing(cells, "inventory_label", sheet, where), "inventory_label is required"
                )
            )
        if kind not in SOURCE_TYPES:
            problems.append(
                Problem(
                    _missing(cells, "source_type", sheet, where),
                    f"source_type is one of {', '.join(SOURCE_TYPES)}, got {kind!r}",
                )
            )
        ef = _number(cells.get("emission_factor"), "emission_factor", problems, where)
        if ef is None and len(problems) == n and kind in SOURCE_TYPES:
            problems.append(
                Problem(
                    _missing(cells, "emission_factor", sheet, where),
                    f"electricity source {label!r} ({kind}) has no emission factor: give the "
                    "factor CBAM's rules assign it (grid: the published factor of the grid of "
                    "the country of origin; ppa/direct_connection: the generator's factor)",
                )
            )
        unit = (
            _factor_unit(cells.get("factor_unit"), sheet, where, problems)
            if ef is not None
            else None
        )
        source = _text(cells.get("factor_source"))
        if ef is not None and not source:
            problems.append(
                Problem(
                    _missing(cells, "factor_source", sheet, where),
                    "the emission factor needs its source",
                )
            )
        evidence = _text(cells.get("evidence"))
        if kind in ("ppa", "direct_connection") and not evidence:
            problems.append(
                Problem(
                    _missing(cells, "evidence", sheet, where),
                    f"a {kind} factor needs its evidence (contract, metering, line) "
                    "(Regulation (EU) 2023/956 Annex IV points 5 and 6)",
                )
            )
        if len(problems) > n or ef is None or unit is None:
            continue
        out.append(
            Electricity(
                inventory_label=label,
                source_type=kind,
                factor_t_per_mwh=ef * unit,
                factor_written=f"{_text(cells.get('emission_factor'))} {_text(cells.get('factor_unit'))}",
                factor_source=source,
                factor_year=_text(cells.get("factor_year")),
                evidence=evidence,
                note=_text(cells.get("note")),
                location=where,
            )
        )
    return out


def _precursors(sheet: Sheet, problems: list[Problem]) -> list[Precursor]:
    if not _need_columns(sheet, ("label", "cn_code", "country", "data_source"), problems):
        return []
    out = []
    for cells in sheet.rows:
        where = _row_location(sheet, cells)
        n = len(problems)
        label = _text(cells.get("label"))
        if not label:
            problems.append(Problem(_missing(cells, "label", sheet, where), "label is required"))
        country = _text(cells.get("country")).upper()
        if not country:
            problems.append(
                Problem(
                    _missing(cells, "country", sheet, where),
                    f"precursor {label!r} has no country of origin (ISO two-letter code): CBAM "
                    "default values and supplier data are per country of production",
                )
            )
        elif not re.fullmatch(r"[A-Z]{2}", country):
            problems.append(
                Problem(
                    cells["country"].location, f"country is an ISO two-letter code, got {country!r}"
                )
            )
        cn = _text(cells.get("cn_code")).replace(" ", "")
        if not re.fullmatch(r"\d{4}(\d{2}){0,2}", cn):
            problems.append(
                Problem(
                    _missing(cells, "cn_code", sheet, where),
                    f"cn_code is a 4 to 8 digit CN code, got {cn!r}",
                )
            )
        ds = _text(cells.get("data_source")).lower()
        if ds not in DATA_SOURCES:
            problems.append(
                Problem(
                    _missing(cells, "data_source", sheet, where),
                    f"data_source is 'supplier' or 'default', got {ds!r}",
                )
            )
        inv = _text(cells.get("inventory_label")) or None
        amount = _number(cells.get("amount"), "amount", problems, where)
        unit = _text(cells.get("unit")) or None
        if inv is None and amount is None:
            problems.append(
                Problem(
                    _missing(cells, "inventory_label", sheet, where),
                    "name the inventory row of the precursor (inventory_label) or give amount and unit",
                )
            )
        if amount is not None:
            try:
                unit = normalize(unit or "")
                if dimension(unit) != "mass":
                    raise UnitError(f"{unit} is not a mass")
            except UnitError as exc:
                problems.append(Problem(_missing(cells, "unit", sheet, where), f"unit: {exc}"))
        see_d = _number(cells.get("see_direct"), "see_direct", problems, where)
        see_i = _number(cells.get("see_indirect"), "see_indirect", problems, where)
        source = _text(cells.get("source"))
        if ds == "supplier":
            for col, value in (("see_direct", see_d), ("see_indirect", see_i)):
                if value is None:
                    problems.append(
                        Problem(
                            _missing(cells, col, sheet, where),
                            f"supplier data for {label!r} need {col} (t CO2e per t of precursor)",
                        )
                    )
            if not source:
                problems.append(
                    Problem(
                        _missing(cells, "source", sheet, where), "supplier data need their source"
                    )
                )
        if len(problems) > n:
            continue
        out.append(
            Precursor(
                label=label,
                inventory_label=inv,
                amount=amount,
                unit=unit,
                cn_code=cn,
                country=country,
                route=_text(cells.get("route")),
                data_source=ds,
                supplier=_text(cells.get("supplier")),
                see_direct=see_d,
                see_indirect=see_i,
                source=source,
                note=_text(cells.get("note")),
                location=where,
                cells={k: c.location for k, c in cells.items()},
            )
        )
    return out


def find_cbam_source(workbook: str | Path, cbam_data: str | Path | None, product_id: str) -> Path:
    """Where the CBAM sheets are: ``cbam_data``; else ``<workbook stem>_cbam`` (a CSV folder
    or ``.xlsx``) beside the workbook; else the plant workbook itself when it has a
    ``cbam_installation`` sheet; else ``databases/cbam/<product_id>/`` (the examples);
    else the workbook (whose missing sheet :func:`load_cbam` then reports)."""
    if cbam_data is not None:
        return Path(cbam_data)
    wb = Path(workbook)
    for candidate in (wb.parent / f"{wb.stem}_cbam", wb.parent / f"{wb.stem}_cbam.xlsx"):
        if candidate.exists():
            return candidate
    if "cbam_installation" in read_workbook(wb):
        return wb
    example = DATABASES_DIR / "cbam" / product_id
    return example if example.exists() else wb


def load_cbam(path: str | Path) -> CbamData:
    """Read and check the CBAM sheets of ``path``; raise :class:`CbamDataInvalid` listing all."""
    sheets = read_workbook(path)
    problems: list[Problem] = []
    if "cbam_installation" not in sheets:
        raise CbamDataInvalid.single(
            Location(str(path), "cbam_installation"),
            "no CBAM data: add the sheets cbam_installation, cbam_electricity, cbam_precursors "
            "(and cbam_direct) to the plant workbook, or pass --cbam-data (see README, CBAM)",
        )
    installation = _installation(sheets["cbam_installation"], problems)
    direct = _direct(sheets["cbam_direct"], problems) if "cbam_direct" in sheets else {}
    electricity = (
        _electricity(sheets["cbam_electricity"], problems) if "cbam_electricity" in sheets else []
    )
    precursors = (
        _precursors(sheets["cbam_precursors"], problems) if "cbam_precursors" in sheets else []
    )
    assumptions = (
        _assumptions(sheets["cbam_assumptions"], problems) if "cbam_assumptions" in sheets else []
    )
    if problems:
        raise CbamDataInvalid(problems, headline=f"invalid CBAM data {path}")
    return CbamData(
        str(path), installation, direct, tuple(electricity), tuple(precursors), tuple(assumptions)
    )


def _assumptions(sheet: Sheet, problems: list[Problem]) -> list[Assumption]:
    if not _need_columns(sheet, ("id", "text"), problems):
        return []
    out = []
    for cells in sheet.rows:
        where = _row_location(sheet, cells)
        if not (_text(cells.get("id")) and _text(cells.get("text"))):
            problems.append(Problem(where, "an assumption needs its id and text"))
            continue
        out.append(
            Assumption(
                id=_text(cells.get("id")),
                text=_text(cells.get("text")),
                text_zh=_text(cells.get("text_zh")) or None,
                affects=_text(cells.get("affects")) or None,
                location=where,
            )
        )
    return out


def mass_t(amount: float, unit: str) -> float:
    return amount * factor(unit, "t")
