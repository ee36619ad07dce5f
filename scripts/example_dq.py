"""Data quality scores (``dq_ter, dq_ger, dq_tir, dq_p``) of the example workbooks' rows.

The scores are not typed by hand: :func:`score_rows` derives them from each inventory
row (its ``data_type``, whether it rests on a workbook assumption) and from the
provenance of the background dataset the row links to (location, year, proxy /
GHG-only flag in ``databases/background/uslci_cn.json.gz``, reached through
``databases/mappings/study_datasets.csv`` as the linker does). The four PEF criteria
are scored 1 (best) .. 5 on the levels of the ecoinvent pedigree matrix (reliability,
temporal, geographical and technological correlation; the levels as quoted in
"Concept of pedigree matrix based on different indicator scores",
http://ftp.nowpublishers.com/view-large/89539869). Mapping the pedigree's five criteria
onto PEF's four is this project's choice:

- TeR, technological representativeness: the dataset is the background's dataset of
  the product itself (exact or mapped, not a proxy) -> 2 ("processes and materials
  under study, but from different enterprises"); a structural proxy -> 3 ("related
  processes or materials, same technology"); a GHG-only proxy -> 4 ("related processes
  or materials, different technology": only the greenhouse gases are modelled).
- GeR, geographical representativeness, from the dataset's location and the plant's
  ``geography``: the same area -> 1; a larger area that includes the plant (CN, GLO,
  or the regional grid the plant's own study names) -> 2; another province -> 3;
  North America / United States -> 4 ("slightly similar production conditions");
  anything else or unknown -> 5.
- TiR, temporal representativeness: the activity data are the reporting year's (both
  studies: 2024), so the dataset's year decides; difference to the reporting year
  < 3 years -> 1, < 6 -> 2, < 10 -> 3, < 15 -> 4, older or unknown -> 5.
- P, precision (pedigree reliability): primary data of a third-party verified study
  (both example studies are, shared/reference/plants.md) -> 1 ("verified data based on
  measurements"); primary data that need a workbook assumption to become an amount
  (``assumption`` column) -> 2 ("verified data partly based on assumptions");
  secondary data -> 3.

Rows without a background dataset (burden-free scrap, links to the plant's own
processes) get no scores: there is no dataset to rate, and they carry no burden.
"""

from __future__ import annotations

import csv
import gzip
import json
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKGROUND = ROOT / "databases" / "background" / "uslci_cn.json.gz"
STUDY_DATASETS = ROOT / "databases" / "mappings" / "study_datasets.csv"

# Areas that include a plant's province although their code does not say so: the
# regional grid plant B's own study names for its Kunshan (Jiangsu) plant
# ("purchased electricity (East China grid)", plants.md B.1).
INCLUDES = {"CN-East": {"CN-JS"}}
NORTH_AMERICA = {"US", "RNA", "CA"}


@cache
def _background() -> tuple[dict, dict]:
    activities = json.loads(gzip.decompress(BACKGROUND.read_bytes()))["activities"]
    by_code = {a["code"]: a for a in activities}
    by_name: dict[str, dict] = {}
    for a in activities:
        by_name.setdefault(a["name"], a)
    return by_code, by_name


@cache
def _study() -> dict[str, dict]:
    with STUDY_DATASETS.open(encoding="utf-8") as f:
        return {r["study_dataset"]: r for r in csv.DictReader(f)}


def resolve(dataset: str) -> tuple[dict, bool] | None:
    """The background activity a workbook dataset name links to, and whether the
    mapping table calls the link a proxy; None for rows without a background dataset."""
    by_code, by_name = _background()
    study = _study().get(dataset)
    if study:
        return by_code[study["background_code"]], study["match"] == "proxy"
    if dataset.startswith("uslci_cn:"):
        return by_code[dataset.split(":", 1)[1]], False
    if dataset in by_name:
        return by_name[dataset], False
    return None


def ter(activity: dict, mapped_as_proxy: bool) -> int:
    prov = activity.get("provenance") or {}
    if prov.get("proxy") and prov.get("ghg_only"):
        return 4
    if prov.get("proxy") or mapped_as_proxy:
        return 3
    return 2


def ger(location: str, plant_geography: str) -> int:
    if location == plant_geography:
        return 1
    country = plant_geography.split("-")[0]
    if location in (country, "GLO") or plant_geography in INCLUDES.get(location, ()):
        return 2
    if location.startswith(f"{country}-"):
        return 3
    if location in NORTH_AMERICA:
        return 4
    return 5


def tir(dataset_year: object, reporting_year: int) -> int:
    text = str(dataset_year or "")
    if not text.isdigit():
        return 5
    age = abs(reporting_year - int(text))
    for limit, score in ((3, 1), (6, 2), (10, 3), (15, 4)):
        if age < limit:
            return score
    return 5


def precision(row: dict) -> int:
    if row.get("data_type") == "secondary":
        return 3
    return 2 if row.get("assumption") else 1


def scores(row: dict, plant_geography: str, reporting_year: int) -> dict[str, int]:
    """``{"dq_ter": .., "dq_ger": .., "dq_tir": .., "dq_p": ..}`` for one inventory row,
    or ``{}`` when the row links to no background dataset."""
    found = resolve(str(row.get("dataset") or ""))
    if found is None:
        return {}
    activity, mapped_as_proxy = found
    prov = activity.get("provenance") or {}
    return {
        "dq_ter": ter(activity, mapped_as_proxy),
        "dq_ger": ger(str(activity.get("location") or ""), plant_geography),
        "dq_tir": tir(prov.get("year"), reporting_year),
        "dq_p": precision(row),
    }


def score_rows(sheets: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The workbook's sheets with the scores written into every inventory row that
    links to a background dataset (in place; returned for chaining)."""
    fields = {r["field"]: r["value"] for r in sheets["product"]}
    geography = str(fields["geography"])
    year = int(str(fields["time_period_end"])[:4])
    for row in sheets["inventory"]:
        row.update(scores(row, geography, year))
    return sheets
