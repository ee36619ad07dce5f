"""The plant as processes: sheets ``processes`` and ``coproducts``, and their cross-checks.

A workbook without a ``processes`` sheet is one process that makes the declared product
(every existing workbook imports unchanged). With one, each row is a foreground process:

- ``id`` (names it in the ``process`` column of inventory and direct-emission rows, and
  in the ``dataset`` column of the rows of another process that consumes it),
  ``name``/``name_zh``, ``reference_product``, ``amount`` + ``unit`` (its output on the
  workbook's basis), ``stage`` (default stage of exchanges added later without bw-alu
  metadata), ``allocation`` (``mass``, ``economic`` or ``cut-off`` when it has
  co-products) and ``price`` (of its reference product per ``unit``, for economic
  allocation).
- The first row makes the declared product; blank ``process`` cells mean that one.

``coproducts`` rows: ``process``, ``label``, ``label_zh``, ``amount``, ``unit``, ``price``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from ..errors import Location, Problem
from .model import ALLOCATIONS, STAGES, CoProduct, Process, Product
from .read import Sheet

_ID = re.compile(r"[a-z0-9][a-z0-9_\-]*")
PROCESS_PREFIX = "process:"


def _fields():
    # validate.py imports this module: take its row machinery lazily.
    from . import validate as v

    class ProcessFields(v._Row):
        id: str
        name: str
        name_zh: str | None = None
        reference_product: str | None = None
        amount: float | None = Field(default=None, gt=0)
        unit: str | None = None
        stage: Literal[STAGES] = "production"  # type: ignore[valid-type]
        allocation: Literal[ALLOCATIONS] | None = None  # type: ignore[valid-type]
        price: float | None = Field(default=None, gt=0)

        @field_validator("id")
        @classmethod
        def _slug(cls, value: str) -> str:
            if not _ID.fullmatch(value):
                raise ValueError("use lower-case letters, digits, '_' or '-'")
            return value

        @field_validator("unit")
        @classmethod
        def _known_unit(cls, value: str | None) -> str | None:
            return None if value is None else v._unit(value)

    class CoProductFields(v._Row):
        process: str
        label: str
        label_zh: str | None = None
        amount: float = Field(gt=0)
        unit: str
        price: float | None = Field(default=None, gt=0)
        note: str | None = None

        @field_validator("unit")
        @classmethod
        def _known_unit(cls, value: str) -> str:
            return v._unit(value)

    return v, ProcessFields, CoProductFields


def default_process(product: Product) -> Process:
    """The one process of a workbook without a ``processes`` sheet."""
    if product.basis == "annual" and product.annual_production is not None:
        amount = product.annual_production
        unit = product.annual_production_unit or product.declared_unit_unit
    else:
        amount, unit = product.declared_unit_amount, product.declared_unit_unit
    return Process(
        id=product.product_id,
        name=product.product_name_en,
        name_zh=product.product_name_zh,
        reference_product=product.product_name_en,
        amount=amount,
        unit=unit,
        stage="production",
        location=product.location or Location("", "product"),
    )


def read_processes(
    sheets: dict[str, Sheet], product: Product | None, problems: list[Problem]
) -> list[Process]:
    """Processes of the workbook (the product's first), with their co-products."""
    if product is None:
        return []
    sheet = sheets.get("processes")
    if sheet is None or not sheet.rows:
        if "coproducts" in sheets and sheets["coproducts"].rows:
            problems.append(
                Problem(
                    sheets["coproducts"].location(),
                    "co-products need a 'processes' sheet naming the process that makes them",
                )
            )
        return [default_process(product)]
    v, ProcessFields, CoProductFields = _fields()
    rows: list[tuple[object, Location]] = []
    for cells in sheet.rows:
        row_no = next(iter(cells.values())).location.row
        where = sheet.location(row_no)
        f = v._validate(ProcessFields, cells, where, problems)
        if f is not None:
            rows.append((f, where))
    seen: dict[str, Location] = {}
    for f, where in rows:
        pid = f.id  # type: ignore[attr-defined]
        if pid in seen:
            problems.append(Problem(where, f"process id {pid!r} is given twice"))
        seen[pid] = where
    coproducts = _coproducts(sheets.get("coproducts"), CoProductFields, v, set(seen), problems)
    processes = []
    for n, (f, where) in enumerate(rows):
        processes.append(_process(f, where, n == 0, product, coproducts, problems))
    return processes


def _process(f, where: Location, first: bool, product: Product, coproducts, problems) -> Process:
    amount, unit = f.amount, f.unit
    if first and amount is None:
        default = default_process(product)
        amount, unit = default.amount, default.unit
    if amount is None or unit is None:
        problems.append(Problem(where, f"process {f.id!r} needs its output 'amount' and 'unit'"))
        amount, unit = amount or 1.0, unit or "kg"
    if first:
        from ..units import UnitError, dimension

        try:
            mass = dimension(unit) == "mass"
        except UnitError:
            mass = False
        if not mass:
            problems.append(
                Problem(where, f"the product's process {f.id!r} must give its output by mass")
            )
    mine = tuple(c for c in coproducts if c.process == f.id)
    if mine and f.allocation is None:
        problems.append(
            Problem(
                where,
                f"process {f.id!r} has co-products: set 'allocation' ({', '.join(ALLOCATIONS)})",
            )
        )
    if f.allocation == "economic":
        if f.price is None:
            problems.append(Problem(where, f"economic allocation needs the 'price' of {f.id!r}"))
        for c in mine:
            if c.price is None:
                problems.append(
                    Problem(c.location, f"economic allocation needs the price of {c.label!r}")
                )
    return Process(
        id=f.id,
        name=f.name,
        name_zh=f.name_zh,
        reference_product=f.reference_product or f.name,
        amount=amount,
        unit=unit,
        stage=f.stage,
        location=where,
        allocation=f.allocation,
        price=f.price,
        coproducts=mine,
    )


def _coproducts(sheet: Sheet | None, model, v, ids: set[str], problems) -> list[CoProduct]:
    if sheet is None:
        return []
    out = []
    for cells in sheet.rows:
        row_no = next(iter(cells.values())).location.row
        where = sheet.location(row_no)
        f = v._validate(model, cells, where, problems)
        if f is None:
            continue
        if f.process not in ids:
            problems.append(Problem(cells["process"].location, f"unknown process {f.process!r}"))
            continue
        out.append(
            CoProduct(
                process=f.process,
                label=f.label,
                label_zh=f.label_zh,
                amount=f.amount,
                unit=f.unit,
                price=f.price,
                note=f.note,
                location=where,
            )
        )
    return out


def process_reference(dataset: str, ids: set[str]) -> str | None:
    """The process a ``dataset`` cell names (``<id>`` or ``process:<id>``), else None."""
    name = dataset.strip()
    if name.startswith(PROCESS_PREFIX):
        name = name[len(PROCESS_PREFIX) :].strip()
    return name if name in ids else None


def check_processes(processes: list[Process], inventory, items, problems: list[Problem]) -> None:
    """Every row names a known process; every process but the product's is consumed."""
    if not processes:
        return
    ids = {p.id for p in processes}
    first = processes[0].id
    used: set[str] = set()
    for row in inventory:
        if row.process and row.process not in ids:
            problems.append(Problem(row.cell("process"), f"unknown process {row.process!r}"))
        target = process_reference(row.dataset, ids)
        if target is not None and target != (row.process or first):
            used.add(target)
    for item in items:
        if item.process and item.process not in ids:
            problems.append(Problem(item.location, f"unknown process {item.process!r}"))
    for p in processes[1:]:
        if p.id not in used:
            problems.append(
                Problem(
                    p.location,
                    f"process {p.id!r} is not used: no inventory row names it "
                    "in its 'dataset' cell",
                )
            )
