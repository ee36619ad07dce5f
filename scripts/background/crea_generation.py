"""Write ``databases/background/sources/provincial_generation.csv`` from CREA's NBS export.

Not part of the build (the build reads the committed CSV only). Run once by hand::

    python scripts/background/crea_generation.py PROVINCIAL.csv NATIONAL.csv OUT.csv

with the two files of the public repository energyandcleanair/china_co2 (CREA, GPL-3.0
code; the figures are National Bureau of Statistics statistics, exported from the Wind
database) at commit ``COMMIT``:

- ``inst/csv/power_generation_by_province_and_source.csv``: year-to-date generation per
  province (thermal, hydro, nuclear, solar: NBS, industrial enterprises above designated
  size; wind: series of source "Wind", which stops at November 2023);
- ``inst/csv/power_generation_by_type.csv``: national year-to-date generation (NBS, 10^8 kWh).

One row per figure: the December 2023 year-to-date value (the calendar year) of thermal,
hydro, nuclear and solar per province, the January-November 2023 value of wind per
province, and the national 2023 values. Series the export does not hold (for example
Shanghai hydro) get no row.
"""

from __future__ import annotations

import csv
import sys

REPO = "energyandcleanair/china_co2"
COMMIT = "6ba841097f2e3a3a5ce1df15e17f039c64d9f5c4"
PROVINCIAL = "inst/csv/power_generation_by_province_and_source.csv"
NATIONAL = "inst/csv/power_generation_by_type.csv"
# Series name prefix -> technology.
PROVINCIAL_SERIES = {
    "Output: Thermal Power Generating Capacity": "thermal",
    "Output: Hydro Power Generating Capacity": "hydro",
    "Output: Nuclear Power": "nuclear",
    "Output: Solar": "solar",
    "Power Generation: Wind Power": "wind_jan_nov",
}
NATIONAL_SERIES = {
    "China: Output: Electricity Production: YTD": "total",
    "China: Output: Thermal Power: YTD": "thermal",
    "China: Output: Hydropower: YTD": "hydro",
    "China: Output: Nuclear Power: YTD": "nuclear",
    "China: Output: Solar: YTD": "solar",
    "China: Output: Wind Power: YTD": "wind",
}
COLUMNS = [
    "province",
    "technology",
    "value",
    "unit",
    "period",
    "series",
    "source",
    "document",
    "status",
]
SOURCE = (
    "National Bureau of Statistics of China (NBS), monthly industrial output by province, "
    "year to date, as exported from the Wind database by CREA"
)
NATIONAL_SOURCE = (
    "National Bureau of Statistics of China (NBS), monthly industrial output, year to date, "
    "as exported from the Wind database by CREA"
)
WIND_SOURCE = (
    "Wind database series of wind power generation by province, year to date, as exported "
    "by CREA (the export names the vendor 'Wind' as source, no statistical office; its "
    "January-November 2023 total, 7,960 x 10^8 kWh, exceeds NBS's national 7,252: a wider "
    "scope than NBS's enterprises above designated size)"
)


def _table(path: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    meta = {r[0]: r for r in rows if r and not r[0][:2].isdigit()}
    dates = {r[0]: r for r in rows if r and r[0][:2].isdigit()}
    return meta, dates


def _number(text: str) -> float:
    return float(text.strip().replace(",", ""))


def provincial_rows(path: str) -> list[dict]:
    meta, dates = _table(path)
    names, ids, sources = meta["Name"], meta["ID"], meta["Source"]
    out = []
    for i, name in enumerate(names[1:], start=1):
        prefix, province, _ = (p.strip() for p in name.rsplit(":", 2))
        tech = PROVINCIAL_SERIES.get(prefix)
        if tech is None:  # consumption series of the same export
            continue
        period = "2023-11" if tech == "wind_jan_nov" else "2023-12"
        value = _number(dates[period][i])
        if tech == "wind_jan_nov" and not value:
            raise ValueError(f"{name}: no January-November 2023 value")
        out.append(
            {
                "province": province,
                "technology": tech,
                "value": f"{value:.2f}",
                "unit": "10^4 kWh",
                "period": f"2023-01 to {period}",
                "series": f"{ids[i]} '{name}'",
                "source": SOURCE if sources[i] != "Wind" else WIND_SOURCE,
                "document": f"github.com/{REPO} {PROVINCIAL} at {COMMIT[:12]}, row {period}",
                "status": "cited (statistics series via CREA's export)",
            }
        )
    return out


def national_rows(path: str) -> list[dict]:
    meta, dates = _table(path)
    names, ids, units = meta["Name"], meta["ID"], meta["Unit"]
    out = []
    for i, name in enumerate(names):
        tech = NATIONAL_SERIES.get(name.strip())
        if tech is None:
            continue
        out.append(
            {
                "province": "China",
                "technology": tech,
                "value": f"{_number(dates['2023-12'][i]):.2f}",
                "unit": units[i].strip(),
                "period": "2023-01 to 2023-12",
                "series": f"{ids[i]} '{name.strip()}'",
                "source": NATIONAL_SOURCE,
                "document": f"github.com/{REPO} {NATIONAL} at {COMMIT[:12]}, row 2023-12",
                "status": "cited (statistics series via CREA's export)",
            }
        )
    return out


def main(provincial: str, national: str, out: str) -> None:
    rows = national_rows(national) + provincial_rows(provincial)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(*sys.argv[1:4])
