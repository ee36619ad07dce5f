"""Recipes table: product variants (alloy grades, ...) derived from one plant workbook.

One CSV row per variant::

    product_id,base,basis,product:product_name_en,unit:copper,amount:copper,amount:zinc
    castrod_6063,castrod_kunshan_2024.xlsx,per_declared_unit,6063 billet,kg,5,
    castrod_7075,castrod_kunshan_2024.xlsx,per_declared_unit,7075 billet,kg,16,56

- ``product_id`` (required): the variant's id (names its database, as in a workbook).
- ``base`` (required): the plant workbook (.xlsx or CSV folder), relative to this file.
- ``basis`` (optional): ``workbook`` (default) - amounts are on the base workbook's basis
  (annual or per declared unit, as it says); ``per_declared_unit`` - amounts are per
  declared unit and are scaled to the workbook's basis (for an annual workbook: times
  annual production / declared unit).
- ``amount:<label>``, ``unit:<label>``, ``dataset:<label>``: the inventory row of that
  label gets this amount, unit or dataset.
- ``product:<field>``: a field of the ``product`` sheet (name, annual production, ...).
- ``direct:<label>:<parameter>``: the value of a direct-emission parameter.
- ``note``: free text, ignored.

An empty cell keeps the base value. Problems of the table itself (columns, ids, numbers,
a base that does not exist) are all reported at once before anything runs; a label the
base workbook does not have fails that variant only. Every message names the recipes
file, row and column.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..csv_input import read_rows
from ..errors import Location, Problem, RecipeInvalid
from ..numbers import storable
from ..output import write_text
from ..product_id import problem as product_id_problem

REQUIRED = ("product_id", "base")
BASES = ("workbook", "per_declared_unit")
PREFIXES = ("amount", "unit", "dataset", "product", "direct")


@dataclass(frozen=True)
class Override:
    target: tuple[str, ...]  # ("amount", label) / ("product", field) / ("direct", label, param)
    value: float | str  # a float for "amount" targets, the cell text otherwise
    location: Location


@dataclass(frozen=True)
class Recipe:
    file: Path
    row: int  # spreadsheet row (header is row 1)
    product_id: str
    base: Path
    basis: str
    overrides: tuple[Override, ...]
    cells: dict = field(default_factory=dict, compare=False)  # raw row, for the content hash

    @property
    def location(self) -> Location:
        return Location(str(self.file), None, self.row, None)

    @property
    def key(self) -> str:
        return f"{self.file.resolve()}#{self.product_id}"


def _column_target(header: str) -> tuple[str, ...] | None:
    prefix, sep, rest = header.partition(":")
    if not sep or prefix not in PREFIXES or not rest.strip():
        return None
    if prefix == "direct":
        label, sep2, param = rest.rpartition(":")
        if not sep2 or not label.strip() or not param.strip():
            return None
        return ("direct", label.strip(), param.strip().lower())
    if prefix == "product":
        return ("product", rest.strip().lower())
    return (prefix, rest.strip())


def read_recipes(path: str | Path) -> list[Recipe]:
    """Parse and check a recipes table; raise :class:`RecipeInvalid` listing every problem."""
    path = Path(path)
    where = Location(str(path))
    raw = read_rows(path, RecipeInvalid)
    if not raw:
        raise RecipeInvalid.single(where, "recipes table is empty")
    headers = [h.strip() for h in raw[0]]
    problems: list[Problem] = []
    lower = [h.lower() for h in headers]
    for name in REQUIRED:
        if name not in lower:
            problems.append(Problem(Location(str(path), None, 1, name), "required column missing"))
    targets: dict[int, tuple[str, ...]] = {}
    for c, h in enumerate(headers):
        if h.lower() in {*REQUIRED, "basis", "note"} or h == "":
            continue
        t = _column_target(h)
        if t is None:
            problems.append(
                Problem(
                    Location(str(path), None, 1, h),
                    "unknown column: use product_id, base, basis, note, amount:<label>, "
                    "unit:<label>, dataset:<label>, product:<field> or "
                    "direct:<label>:<parameter>",
                )
            )
        elif t in targets.values():
            problems.append(Problem(Location(str(path), None, 1, h), "column given twice"))
        else:
            targets[c] = t
    if problems:
        raise RecipeInvalid(problems, headline=f"recipes table {path} has bad columns")

    recipes: list[Recipe] = []
    seen: dict[str, int] = {}  # product_id -> row
    for r, values in enumerate(raw[1:], start=2):
        values = [v.strip() for v in values]
        if not any(values):
            continue
        if any(values[len(headers) :]):
            problems.append(
                Problem(
                    Location(str(path), None, r, None),
                    f"{len(values)} cells but {len(headers)} columns in the header",
                )
            )
            continue
        values = values[: len(headers)] + [""] * (len(headers) - len(values))
        # empty cells keep base values: leave them out, so adding a column to the table
        # does not change the other rows' content hash
        cells = {headers[c]: values[c] for c in range(len(headers)) if headers[c] and values[c]}
        row = {lower[c]: values[c] for c in range(len(headers))}

        def loc(col: str, r=r) -> Location:
            return Location(str(path), None, r, col)

        pid, base = row.get("product_id", ""), row.get("base", "")
        if product_id_problem(pid):
            problems.append(Problem(loc("product_id"), f"{pid[:80]!r}: {product_id_problem(pid)}"))
        elif pid in seen:
            problems.append(Problem(loc("product_id"), f"{pid!r} already on row {seen[pid]}"))
        else:
            seen[pid] = r
        base_path = (path.parent / base) if base else None
        if base_path is None:
            problems.append(Problem(loc("base"), "empty: name the base plant workbook"))
        elif not base_path.exists():
            problems.append(Problem(loc("base"), f"{base!r}: no such workbook ({base_path})"))
        basis = row.get("basis") or "workbook"
        if basis not in BASES:
            problems.append(Problem(loc("basis"), f"{basis!r}: use one of {', '.join(BASES)}"))
        overrides = []
        for c, t in targets.items():
            value = values[c]
            if value == "":
                continue
            if t[0] == "amount":
                try:
                    number = float(value)
                except ValueError:
                    number = math.nan
                if not storable(number) or number < 0:
                    problems.append(
                        Problem(
                            loc(headers[c]),
                            f"{value!r} is not a non-negative number that fits float32",
                        )
                    )
                    continue
                overrides.append(Override(t, number, loc(headers[c])))
            else:
                overrides.append(Override(t, value, loc(headers[c])))
        if base_path is None:  # reported above: the table is rejected below
            continue
        recipes.append(Recipe(path, r, pid, base_path, basis, tuple(overrides), cells))
    if problems:
        raise RecipeInvalid(problems, headline=f"recipes table {path} is invalid")
    if not recipes:
        raise RecipeInvalid.single(where, "recipes table has no rows")
    return recipes


# --- deriving a variant's workbook -------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return repr(value)
    return str(value)


def base_sheets(path: Path) -> dict[str, tuple[list[str], list[dict]]]:
    """The base workbook's sheets as ``{name: (headers, [row dicts of values])}``."""
    from ..workbook.read import read_workbook

    out = {}
    for name, sheet in read_workbook(path).items():
        rows = [{h: cell.value for h, cell in row.items()} for row in sheet.rows]
        out[name] = (list(sheet.headers), rows)
    return out


def apply_overrides(
    recipe: Recipe, sheets: dict[str, tuple[list[str], list[dict]]], per_du: float | None
) -> None:
    """Apply ``recipe`` to ``sheets`` in place. ``per_du`` scales per-declared-unit amounts
    to the workbook's basis (None: leave amounts alone, for a first pass)."""
    problems = []
    product = sheets.setdefault("product", (["field", "value"], []))[1]
    inventory = sheets.get("inventory", ([], []))[1]
    direct = sheets.get("direct_emissions", ([], []))[1]

    def set_field(name: str, value) -> None:
        for row in product:
            if str(row.get("field") or "").strip().lower() == name:
                row["value"] = value
                return
        product.append({"field": name, "value": value})

    set_field("product_id", recipe.product_id)
    for o in recipe.overrides:
        kind = o.target[0]
        if kind == "product":
            if o.target[1] == "product_id":
                problems.append(Problem(o.location, "set the id in the product_id column"))
            else:
                set_field(o.target[1], o.value)
            continue
        if kind == "direct":
            _, label, param = o.target
            hits = [
                r
                for r in direct
                if str(r.get("label") or "").strip() == label
                and str(r.get("parameter") or "").strip().lower() == param
            ]
            if len(hits) != 1:
                problems.append(
                    Problem(
                        o.location,
                        _not_one(hits, f"direct item {label!r} parameter {param!r}", recipe),
                    )
                )
                continue
            hits[0]["value"] = o.value
            continue
        label = o.target[1]
        hits = [r for r in inventory if str(r.get("label") or "").strip() == label]
        if len(hits) != 1:
            problems.append(Problem(o.location, _not_one(hits, f"inventory row {label!r}", recipe)))
            continue
        if kind == "amount":
            value = o.value
            if recipe.basis == "per_declared_unit" and per_du is not None:
                assert isinstance(value, float)  # amount overrides are parsed as numbers
                value = value / per_du
            hits[0]["amount"] = value
        else:  # unit / dataset
            hits[0][kind] = o.value
    if problems:
        raise RecipeInvalid(
            problems,
            headline=f"recipe {recipe.product_id!r} does not fit its base {recipe.base.name}",
        )


def _not_one(hits: list, what: str, recipe: Recipe) -> str:
    if not hits:
        return f"the base workbook {recipe.base.name} has no {what}"
    return f"the base workbook {recipe.base.name} has {len(hits)} of {what}: ambiguous"


def write_sheets(folder: Path, sheets: dict[str, tuple[list[str], list[dict]]]) -> Path:
    """Write sheets as a CSV-folder workbook (one ``<sheet>.csv`` per sheet)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    for name, (headers, rows) in sheets.items():
        cols = list(headers)
        for row in rows:
            cols += [h for h in row if h not in cols]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for row in rows:
            w.writerow([_cell_text(row.get(h)) for h in cols])
        write_text(folder / f"{name}.csv", buf.getvalue())
    return folder


def derive_variant(recipe: Recipe, folder: Path):
    """Write the variant's workbook to ``folder`` and return its validated Plant.

    Two passes when amounts are per declared unit: the variant's own product fields
    (annual production may be overridden too) give the factor to the workbook's basis.
    """
    from ..errors import WorkbookInvalid
    from ..workbook import load_plant

    def load(sheets):
        write_sheets(folder, sheets)
        try:
            return load_plant(folder)
        except WorkbookInvalid as exc:
            raise RecipeInvalid(
                [
                    Problem(recipe.location, f"variant {recipe.product_id!r} of {recipe.base}"),
                    *exc.problems,
                ],
                headline=f"recipe {recipe.product_id!r}: the derived workbook is invalid",
            ) from exc

    sheets = base_sheets(recipe.base)
    scaled = recipe.basis == "per_declared_unit" and any(
        o.target[0] == "amount" for o in recipe.overrides
    )
    if not scaled:
        apply_overrides(recipe, sheets, None)
        return load(sheets)
    first = {k: (h, [dict(r) for r in rows]) for k, (h, rows) in sheets.items()}
    apply_overrides(recipe, first, None)
    per_du = load(first).product.per_du
    apply_overrides(recipe, sheets, per_du)
    return load(sheets)
