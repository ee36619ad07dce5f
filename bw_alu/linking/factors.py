"""Factor backgrounds: datasets given only by their per-unit impacts (contract.md).

File columns ``dataset,unit,indicator,value``: ``value`` is the indicator per one ``unit``
of the dataset (a SimaPro process-contribution export, or a published factor set).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..csv_input import read_dicts
from ..errors import FactorFileInvalid, Location, Problem
from ..indicators import by_label
from ..numbers import storable
from ..units import UnitError, normalize

COLUMNS = ("dataset", "unit", "indicator", "value")


@dataclass
class FactorDataset:
    name: str
    unit: str
    values: dict[str, float] = field(default_factory=dict)  # indicator label -> per unit
    source: str = ""


def read_factor_file(path: str | Path) -> dict[str, FactorDataset]:
    """Datasets by name; raises :class:`FactorFileInvalid` listing every bad cell."""
    path = Path(path)
    problems: list[Problem] = []
    known = by_label()
    out: dict[str, FactorDataset] = {}
    fieldnames, reader = read_dicts(path, FactorFileInvalid)
    missing = [c for c in COLUMNS if c not in fieldnames]
    if missing:
        raise FactorFileInvalid.single(
            Location(str(path), None, 1), f"missing column(s) {missing}; need {list(COLUMNS)}"
        )
    for r, rec in enumerate(reader, start=2):

        def loc(col: str, r=r) -> Location:
            letter = "ABCD"[COLUMNS.index(col)] if col in COLUMNS else "?"
            return Location(str(path), None, r, f"{letter} ({col})")

        name = (rec["dataset"] or "").strip()
        if not name:
            problems.append(Problem(loc("dataset"), "dataset name is empty"))
            continue
        try:
            unit = normalize(rec["unit"])
        except UnitError as exc:
            problems.append(Problem(loc("unit"), str(exc)))
            continue
        indicator = (rec["indicator"] or "").strip()
        if indicator not in known:
            problems.append(
                Problem(
                    loc("indicator"),
                    f"unknown indicator {indicator!r}; use the labels of methods/indicators.csv",
                )
            )
            continue
        try:
            value = float(rec["value"])
            if not storable(value):
                raise ValueError
        except (TypeError, ValueError):
            problems.append(Problem(loc("value"), f"not a finite number: {rec['value']!r}"))
            continue
        ds = out.setdefault(name, FactorDataset(name=name, unit=unit, source=str(path.name)))
        if ds.unit != unit:
            problems.append(
                Problem(loc("unit"), f"dataset {name!r} was given in {ds.unit} on an earlier row")
            )
        elif indicator in ds.values:
            problems.append(Problem(loc("indicator"), f"{indicator!r} given twice for {name!r}"))
        else:
            ds.values[indicator] = value
    if problems:
        raise FactorFileInvalid(problems, headline=f"invalid factor file {path}")
    return out
