"""What a batch runs: workbooks, CSV-folder workbooks, recipes tables, found under INPUTs.

- an ``.xlsx``/``.xlsm`` file: a plant workbook;
- a folder holding ``product.csv``: a CSV-folder workbook;
- a ``.csv`` file (given, or found in a scanned folder): a recipes table
  (``recipes.py``), one job per row;
- any other folder: scanned recursively, in name order (hidden entries and the batch's
  own output folders are skipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Location, Problem, RecipeInvalid
from .recipes import Recipe, read_recipes

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class Job:
    """One product to compute: a workbook, or one recipe row."""

    key: str  # stable identity across runs (resolved path, or recipes file#product id)
    path: Path  # the workbook (the base workbook for a recipe)
    recipe: Recipe | None = None

    @property
    def label(self) -> str:
        if self.recipe is not None:
            return f"{self.recipe.file} row {self.recipe.row} ({self.recipe.product_id})"
        return str(self.path)


def _is_csv_workbook(folder: Path) -> bool:
    return (folder / "product.csv").is_file()


def _is_simapro(path: Path) -> bool:
    """A SimaPro CSV export (imported as a plant), not a recipes table."""
    from ..workbook.simapro import is_simapro

    return is_simapro(path)


def _scan(folder: Path, skip: set[Path]) -> list[Path]:
    found = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith((".", "~$")) or child.resolve() in skip:
            continue
        if child.is_dir():
            found += [child] if _is_csv_workbook(child) else _scan(child, skip)
        elif child.suffix.lower() in WORKBOOK_SUFFIXES or child.suffix.lower() == ".csv":
            found.append(child)
    return found


def discover(inputs: list[Path], *, skip: tuple[Path, ...] = ()) -> list[Job]:
    """Jobs of ``inputs`` in order; raise listing every missing input and bad recipes table.

    ``skip``: folders never scanned (the batch's output folder).
    """
    skip_set = {Path(p).resolve() for p in skip}
    problems: list[Problem] = []
    recipe_errors: list[RecipeInvalid] = []
    paths: list[Path] = []
    for p in inputs:
        p = Path(p)
        if not p.exists():
            problems.append(Problem(Location(str(p)), "no such file or folder"))
        elif p.is_dir() and not _is_csv_workbook(p):
            paths += _scan(p, skip_set)
        elif p.is_file() and p.suffix.lower() not in WORKBOOK_SUFFIXES | {".csv"}:
            problems.append(
                Problem(
                    Location(str(p)), "not a workbook (.xlsx), CSV-folder workbook or recipes .csv"
                )
            )
        else:
            paths.append(p)
    jobs, seen = [], set()
    for p in paths:
        if p.is_file() and p.suffix.lower() == ".csv" and not _is_simapro(p):
            try:
                recipes = read_recipes(p)
            except RecipeInvalid as exc:
                recipe_errors.append(exc)
                continue
            for r in recipes:
                job = Job(r.key, r.base, r)
                if job.key not in seen:
                    seen.add(job.key)
                    jobs.append(job)
        else:
            key = str(p.resolve())
            if key not in seen:
                seen.add(key)
                jobs.append(Job(key, p))
    if recipe_errors:
        merged = [pr for e in recipe_errors for pr in e.problems] + problems
        raise RecipeInvalid(merged, headline=recipe_errors[0].headline)
    if problems:
        raise InputError(problems, headline="batch inputs not found")
    if not jobs:
        raise InputError.single(
            Location(", ".join(str(p) for p in inputs)), "no workbook or recipes table found"
        )
    return jobs
