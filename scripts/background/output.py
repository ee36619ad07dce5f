"""Checks and deterministic writing of the background, its coverage and mapping tables."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import csc_matrix
from scipy.sparse.linalg import splu

from bw_alu.provenance import PROVENANCE_KEYS

from .units import ALLOWED

DATABASE = "uslci_cn"
TITLE = "USLCI FY21 Q3 with TianGong LCA Data (China), adapted by bw-alu"
VERSION = "2026.12-8"
NOTICE = (
    "Derived from the U.S. Life Cycle Inventory Database (USLCI), release FY21 Q3, published "
    "by the U.S. National Renewable Energy Laboratory (NREL) through the Federal LCA Commons; "
    "MIT License, Copyright (c) 2017 uslci-admin (full text in databases/LICENSE-USLCI). "
    "Contains data from TianGong LCA Data (linancn/TianGong-LCA-Data, commit a55b302e, "
    "2024-04-26), MIT License, Copyright (c) 2023 linancn (full text in "
    "databases/LICENSE-TIANGONG); every TianGong dataset states 'Free of charge for all users "
    "and uses'. "
    "Changed by bw-alu: elementary flows mapped from FEDEFL to ecoinvent 3.9 (biosphere3), "
    "unmapped flows dropped; units normalised; multi-output datasets split by physical "
    "allocation; inputs linked by name with recorded provider choices, cut-off flows dropped; "
    "'Aluminum, sheet, coated' self-input relinked; passenger and hourly services left out; "
    "water consumption added per dataset as water to air; land classes renamed to "
    "ecoinvent 3.9; TianGong ILCD processes (thermal power, alumina, anode, electrolysis, "
    "silicon, copper, nickel) read with their EF 3.1 flows mapped to ecoinvent 3.9 and inputs "
    "completed with USLCI; China grid mixes from cited statistics; USLCI casting and "
    "secondary aluminium relinked to Chinese electricity; unit wrappers and proxies added "
    "(labelled in each activity's provenance). See databases/background/README.md."
)


class BackgroundInvalid(ValueError):
    """The assembled background is inconsistent (broken link, bad unit, singular matrix)."""


def _num(x: float) -> float:
    """12 significant digits: drops float noise so the file is stable and smaller."""
    return float(f"{x:.12g}")


def clean(activity: dict) -> dict:
    """Only the contract's keys; exchanges merged by (type, input), sorted, no zeros."""
    merged: dict[tuple[str, str], float] = defaultdict(float)
    production = 1.0
    for exc in activity["exchanges"]:
        if exc["type"] == "production":
            production = exc["amount"]
            continue
        merged[(exc["type"], exc["input"])] += exc["amount"]
    order = {"technosphere": 0, "biosphere": 1}
    exchanges = [{"type": "production", "amount": _num(production)}]
    for (kind, code), amount in sorted(merged.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        if amount != 0.0 and _num(amount) != 0.0:
            exchanges.append({"type": kind, "input": code, "amount": _num(amount)})
    out = {
        "code": activity["code"],
        "name": activity["name"],
        "reference product": activity["reference product"],
        "unit": activity["unit"],
        "location": activity["location"],
        "provenance": {k: activity["provenance"][k] for k in PROVENANCE_KEYS},
        "exchanges": exchanges,
    }
    if activity.get("name_zh"):
        # Chinese name (TianGong's own, or given by the build) for `bw-alu datasets`.
        out["name_zh"] = activity["name_zh"]
    return out


def validate(activities: list[dict], biosphere_codes: set[str]) -> None:
    codes = [a["code"] for a in activities]
    if len(set(codes)) != len(codes):
        raise BackgroundInvalid("duplicate activity codes")
    known = set(codes)
    for act in activities:
        if act["unit"] not in ALLOWED:
            raise BackgroundInvalid(f"{act['code']}: unit {act['unit']!r}")
        prov = act["provenance"]
        if set(prov) != set(PROVENANCE_KEYS) or not prov["source"] or not prov["licence"]:
            raise BackgroundInvalid(f"{act['code']}: incomplete provenance")
        for exc in act["exchanges"]:
            if exc["type"] == "technosphere" and exc["input"] not in known:
                raise BackgroundInvalid(f"{act['code']}: unknown input {exc['input']}")
            if exc["type"] == "biosphere" and exc["input"] not in biosphere_codes:
                raise BackgroundInvalid(f"{act['code']}: unknown biosphere flow {exc['input']}")


def technosphere_matrix(activities: list[dict]):
    index = {a["code"]: i for i, a in enumerate(activities)}
    rows, cols, vals = [], [], []
    for j, act in enumerate(activities):
        for exc in act["exchanges"]:
            if exc["type"] == "production":
                rows.append(j)
                vals.append(exc["amount"])
            elif exc["type"] == "technosphere":
                rows.append(index[exc["input"]])
                vals.append(-exc["amount"])
            else:
                continue
            cols.append(j)
        # duplicates (a self-input) are summed by the sparse constructor
    n = len(activities)
    return csc_matrix((vals, (rows, cols)), shape=(n, n)), index


def check_solvable(activities: list[dict], demands: list[str]) -> dict[str, np.ndarray]:
    matrix, index = technosphere_matrix(activities)
    try:
        lu = splu(matrix)
    except RuntimeError as exc:  # "Factor is exactly singular"
        raise BackgroundInvalid(f"technosphere matrix is singular: {exc}") from exc
    supplies = {}
    for code in demands:
        demand = np.zeros(len(activities))
        demand[index[code]] = 1.0
        supply = lu.solve(demand)
        if not np.all(np.isfinite(supply)):
            raise BackgroundInvalid(f"non-finite supply for {code}")
        supplies[code] = supply
    return supplies


def scores(
    activities: list[dict], supplies: dict[str, np.ndarray], factors: dict[str, float]
) -> dict[str, float]:
    """Characterized score of one unit of each solved demand (supply x biosphere x factors)."""
    per_activity = np.array(
        [
            sum(
                e["amount"] * factors.get(e["input"], 0.0)
                for e in act["exchanges"]
                if e["type"] == "biosphere"
            )
            for act in activities
        ]
    )
    return {code: float(supply @ per_activity) for code, supply in supplies.items()}


def payload(activities: list[dict]) -> dict:
    return {
        "database": DATABASE,
        "title": TITLE,
        "version": VERSION,
        "notice": NOTICE,
        "activities": sorted(activities, key=lambda a: a["code"]),
    }


def write_gzip_json(data: dict, path: Path) -> None:
    """Byte-stable: sorted keys, compact separators, gzip with mtime=0 and no file name."""
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def write_csv(rows: list[dict], columns: list[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in columns})
