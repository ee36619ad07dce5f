"""Validate the sheets of a plant workbook into :class:`~bw_alu.workbook.model.Plant`.

Every problem in every sheet is collected first, each with its file, sheet, row and
column, and raised once as :class:`~bw_alu.errors.WorkbookInvalid`: a plant engineer
fixes the whole list in one pass.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from .. import direct
from ..errors import Location, Problem, WorkbookInvalid
from ..numbers import not_storable, storable
from ..product_id import problem as product_id_problem
from ..units import UnitError, dimension, normalize
from .model import (
    BASES,
    KINDS,
    STAGES,
    Assumption,
    InventoryRow,
    LeftOut,
    Plant,
    Product,
)
from .processes import check_processes, read_processes
from .read import Cell, Sheet, read_workbook

REQUIRED_SHEETS = ("product", "inventory")


def _text(value: object) -> object:
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if value is None or isinstance(value, str) else str(value)


def _unit(value: str) -> str:
    try:
        return normalize(value)
    except UnitError as exc:
        raise ValueError(str(exc)) from None


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class ProductFields(_Row):
    product_id: str
    company: str
    product_name_en: str
    declared_unit: str
    declared_unit_amount: float = Field(gt=0)
    declared_unit_unit: str
    basis: Literal[BASES]  # type: ignore[valid-type]
    boundary: str
    time_period_start: str
    time_period_end: str
    geography: str
    standards: str
    annual_production: float | None = Field(default=None, gt=0)
    annual_production_unit: str | None = None
    annual_production_assumption: str | None = None
    product_name_zh: str | None = None

    @field_validator("product_id")
    @classmethod
    def _slug(cls, v: str) -> str:
        why = product_id_problem(v)
        if why:
            raise ValueError(why)
        return v

    @field_validator("declared_unit_unit", "annual_production_unit")
    @classmethod
    def _mass(cls, v: str | None) -> str | None:
        if v is None:
            return v
        v = _unit(v)
        if dimension(v) != "mass":
            raise ValueError(f"must be a mass unit (t, kg), not {v}")
        return v


class InventoryFields(_Row):
    stage: Literal[STAGES]  # type: ignore[valid-type]
    label: str
    label_zh: str | None = None
    kind: Literal[KINDS]  # type: ignore[valid-type]
    amount: float = Field(ge=0)
    unit: str
    dataset: str
    load_t: float | None = Field(default=None, gt=0)
    data_type: Literal["primary", "secondary"] | None = None
    source: str | None = None
    dq_ter: int | None = Field(default=None, ge=1, le=5)
    dq_ger: int | None = Field(default=None, ge=1, le=5)
    dq_tir: int | None = Field(default=None, ge=1, le=5)
    dq_p: int | None = Field(default=None, ge=1, le=5)
    assumption: str | None = None
    note: str | None = None
    process: str | None = None

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, v: str) -> str:
        return _unit(v)


class DirectFields(_Row):
    label: str
    calculator: Literal[direct.CALCULATORS]  # type: ignore[valid-type]
    stage: Literal[STAGES] = "production"  # type: ignore[valid-type]
    parameter: str
    value: float | str
    unit: str | None = None
    source: str | None = None
    process: str | None = None


class AssumptionFields(_Row):
    id: str
    text: str
    text_zh: str | None = None
    affects: str | None = None


class LeftOutFields(_Row):
    label: str
    mass: float = Field(ge=0)
    unit: str
    precious: Literal["yes", "no"] = "no"
    reason: str | None = None

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, v: str) -> str:
        return _unit(v)


def _validate(model: type[_Row], cells: dict[str, Cell], where: Location, problems: list):
    """Model instance from one row's cells, or None with its problems appended."""
    flawed = {k for k, c in cells.items() if c.flaw}  # the reader reported these already
    bad = False
    data = {}
    for k, c in cells.items():
        if c.value is None:
            continue
        if k in _NUMERIC and isinstance(c.value, bool):
            problems.append(
                Problem(c.location, f"{'TRUE' if c.value else 'FALSE'} is not a number")
            )
            bad = True
            continue
        data[k] = c.value if k in _NUMERIC else _text(c.value)
    try:
        fields = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else None
            if field in flawed or (err["type"] == "missing" and field in data):
                continue
            if err["type"] == "missing" and field in cells and isinstance(cells[field].value, bool):
                continue
            loc = (
                cells[field].location
                if field in cells
                else Location(where.file, where.sheet, where.row, field)
            )
            problems.append(Problem(loc, _message(err, field)))
        return None
    for k in _NUMERIC & set(model.model_fields):
        x = getattr(fields, k, None)
        if isinstance(x, float) and not isinstance(x, bool) and not storable(x):
            loc = cells[k].location if k in cells else where
            problems.append(Problem(loc, not_storable(x)))
            bad = True
    return None if bad or flawed & set(model.model_fields) else fields


_NUMERIC = {"declared_unit_amount", "annual_production", "amount", "load_t", "mass", "value"}
_NUMERIC |= {"dq_ter", "dq_ger", "dq_tir", "dq_p", "price"}


def _message(err: ErrorDetails, field: str | None = None) -> str:
    if err["type"] == "missing":
        return f"required value {field!r} is missing" if field else "required value is missing"
    if err["type"] == "literal_error":
        return f"{err['msg'].lower()}; got {err.get('input')!r}"
    return f"{err['msg']}; got {err.get('input')!r}"


def _product(sheet: Sheet, problems: list) -> Product | None:
    missing = {"field", "value"} - set(sheet.headers)
    if missing:
        problems.append(Problem(sheet.location(1), f"needs columns {sorted(missing)}"))
        return None
    cells: dict[str, Cell] = {}
    for row in sheet.rows:
        key = row.get("field")
        if key is None or key.value is None:
            continue
        name = str(key.value).strip().lower()
        if name in cells:
            problems.append(Problem(key.location, f"field {name!r} is given twice"))
        cells[name] = row.get("value") or Cell(None, key.location)
    where = sheet.location(None, "B (value)")
    fields = _validate(ProductFields, cells, where, problems)
    if fields is None:
        return None
    if fields.basis == "annual" and fields.annual_production is None:
        problems.append(
            Problem(where, "basis is 'annual' but field 'annual_production' is missing")
        )
        return None
    known = set(ProductFields.model_fields)
    extra = {k: str(_text(c.value)) for k, c in cells.items() if k not in known and c.value}
    data = fields.model_dump()
    if data["annual_production"] is not None and data["annual_production_unit"] is None:
        data["annual_production_unit"] = data["declared_unit_unit"]
    return Product(**data, extra=extra, location=sheet.location())


def _inventory(sheet: Sheet, problems: list) -> list[InventoryRow]:
    rows = []
    for i, cells in enumerate(sheet.rows, start=1):
        row_no = next(iter(cells.values())).location.row
        where = sheet.location(row_no)
        f = _validate(InventoryFields, cells, where, problems)
        if f is None:
            continue
        if dimension(f.unit) == "distance" and f.load_t is None:
            problems.append(
                Problem(
                    cells["unit"].location,
                    "transport given in km needs the average load in column 'load_t' "
                    "(t per trip) to become t*km",
                )
            )
        dq = {k[3:]: getattr(f, k) for k in ("dq_ter", "dq_ger", "dq_tir", "dq_p")}
        rows.append(
            InventoryRow(
                index=i,
                stage=f.stage,
                label=f.label,
                label_zh=f.label_zh,
                kind=f.kind,
                amount=f.amount,
                unit=f.unit,
                dataset=f.dataset,
                load_t=f.load_t,
                data_type=f.data_type,
                source=f.source,
                dq={k: v for k, v in dq.items() if v is not None},
                assumption=f.assumption,
                note=f.note,
                location=where,
                columns={k: c.location.column for k, c in cells.items()},
                process=f.process or "",
            )
        )
    return rows


def _direct(sheet: Sheet, problems: list) -> list:
    """Group parameter rows by label into :class:`bw_alu.direct.DirectItem`."""
    groups: dict[str, dict] = {}
    for cells in sheet.rows:
        row_no = next(iter(cells.values())).location.row
        f = _validate(DirectFields, cells, sheet.location(row_no), problems)
        if f is None:
            continue
        g = groups.setdefault(
            f.label,
            {
                "calculator": f.calculator,
                "stage": f.stage,
                "params": {},
                "location": cells["calculator"].location,
                "process": f.process or "",
            },
        )
        if (f.calculator, f.stage, f.process or "") != (g["calculator"], g["stage"], g["process"]):
            problems.append(
                Problem(
                    cells["calculator"].location,
                    f"item {f.label!r} already has calculator {g['calculator']!r}, stage "
                    f"{g['stage']!r} and process {g['process']!r}; one label is one item",
                )
            )
            continue
        name = f.parameter.strip().lower()
        if name in g["params"]:
            problems.append(Problem(cells["parameter"].location, f"parameter {name!r} given twice"))
            continue
        g["params"][name] = direct.Param(
            name=name,
            value=f.value,
            unit=f.unit,
            source=f.source or "",
            location=cells["value"].location,
            unit_location=cells["unit"].location if "unit" in cells else None,
        )
    items = []
    for label, g in groups.items():
        item = direct.DirectItem(
            label=label,
            calculator=g["calculator"],
            stage=g["stage"],
            params=g["params"],
            location=g["location"],
            process=g["process"],
        )
        item_problems = direct.check(item)
        problems.extend(item_problems)
        if not item_problems:
            items.append(item)
    return items


def _simple(sheet: Sheet | None, model: type[_Row], problems: list) -> list[tuple]:
    if sheet is None:
        return []
    out = []
    for cells in sheet.rows:
        row_no = next(iter(cells.values())).location.row
        f = _validate(model, cells, sheet.location(row_no), problems)
        if f is not None:
            out.append((f, sheet.location(row_no)))
    return out


def load_plant(path: str | Path) -> Plant:
    """Read and validate a plant workbook; raise :class:`WorkbookInvalid` listing every problem."""
    plant, problems = read_plant(path)
    if problems or plant is None:
        raise WorkbookInvalid(problems, headline=f"invalid plant workbook {path}")
    return plant


def read_plant(path: str | Path) -> tuple[Plant | None, list[Problem]]:
    """The plant of the workbook's valid rows (None without a valid product sheet), and
    every problem found. A file that cannot be read at all is raised."""
    problems: list[Problem] = []
    sheets = read_workbook(path, problems)
    missing = [
        Problem(Location(str(path), name), "required sheet is missing")
        for name in REQUIRED_SHEETS
        if name not in sheets
    ]
    if missing:
        raise WorkbookInvalid(problems + missing, headline="invalid plant workbook")

    product = _product(sheets["product"], problems)
    inventory = _inventory(sheets["inventory"], problems)
    if not sheets["inventory"].rows:
        problems.append(Problem(sheets["inventory"].location(), "inventory has no rows"))
    items = _direct(sheets["direct_emissions"], problems) if "direct_emissions" in sheets else []
    assumptions = [
        Assumption(id=f.id, text=f.text, text_zh=f.text_zh, affects=f.affects, location=loc)
        for f, loc in _simple(sheets.get("assumptions"), AssumptionFields, problems)
    ]
    left_out = [
        LeftOut(
            label=f.label,
            mass_kg=f.mass * _mass_factor(f.unit, loc, problems),
            precious=f.precious == "yes",
            reason=f.reason,
            location=loc,
        )
        for f, loc in _simple(sheets.get("left_out"), LeftOutFields, problems)
    ]
    _check_assumption_refs(product, inventory, assumptions, problems)
    processes = read_processes(sheets, product, problems)
    check_processes(processes, inventory, items, problems)
    problems = _in_sheet_order(problems)
    if product is None:
        return None, problems
    return Plant(
        path=str(path),
        product=product,
        inventory=tuple(inventory),
        direct=tuple(items),
        assumptions=tuple(assumptions),
        left_out=tuple(left_out),
        processes=tuple(processes),
    ), problems


def _in_sheet_order(problems: list[Problem]) -> list[Problem]:
    """Problems by sheet (in the order the sheets first appear) and row; the reader's
    (formulas, error values) and validation's of one sheet then come together."""
    first: dict[tuple[str, str | None], int] = {}
    for p in problems:
        first.setdefault((p.location.file, p.location.sheet), len(first))
    return sorted(
        problems, key=lambda p: (first[(p.location.file, p.location.sheet)], p.location.row or 0)
    )


def _mass_factor(unit: str, loc: Location, problems: list) -> float:
    from ..units import factor

    try:
        return factor(unit, "kg")
    except UnitError as exc:
        problems.append(Problem(loc, f"left-out item must be given by mass: {exc}"))
        return 0.0


def _check_assumption_refs(product, inventory, assumptions, problems) -> None:
    ids = {a.id for a in assumptions}
    for row in inventory:
        if row.assumption and row.assumption not in ids:
            problems.append(
                Problem(
                    row.location, f"assumption {row.assumption!r} is not in sheet 'assumptions'"
                )
            )
    ref = product.annual_production_assumption if product else None
    if ref and ref not in ids:
        problems.append(
            Problem(
                product.location,
                f"annual_production_assumption {ref!r} is not in sheet 'assumptions'",
            )
        )
