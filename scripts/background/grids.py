"""Chinese grid mixes from cited statistics, and the grid-factor comparison table.

Inputs (committed, hand-entered, one cited figure a row; ``status`` says whether the
figure was confirmed against a public source during the build's review):

- ``databases/background/sources/grid_mixes.csv``: generation by technology (TWh or share)
  and line loss per grid;
- ``databases/background/sources/technology_factors.csv``: life-cycle kg CO2e/kWh of the
  technologies TianGong lacks (wind, solar, biomass: the official 2023 Chinese
  carbon-footprint factors; hydro: IPCC AR5), GHG-only proxies;
- ``databases/background/sources/official_grid_factors.csv``: the official factor each
  modelled grid is compared with in ``grid_factors.csv``.

Per kWh delivered: sum over technologies of share / (1 - line loss) kWh of that
technology's generation activity. Thermal power is TianGong's (province or national).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .biosphere import AIR_U, Matcher
from .ilcd import Archive
from .tiangong import REPOSITORY, thermal_code

SOURCES = Path(__file__).resolve().parents[2] / "databases" / "background" / "sources"

# Which generation activity stands for each technology in each grid.
THERMAL_OF = {
    "cn-elec-grid-national": thermal_code("national"),
    "cn-elec-grid-yunnan": thermal_code("yunnan"),
    # East China: the Jiangsu thermal fleet (the largest generator of the region and the
    # province of plant B) stands for the region's.
    "cn-elec-grid-east": thermal_code("jiangsu"),
    "cn-elec-grid-jiangsu": thermal_code("jiangsu"),
}
NUCLEAR = "uslci-93698"  # USLCI 'Electricity, nuclear, at power plant' (U.S.; proxy)
GRIDS = {
    "cn-elec-grid-national": ("Electricity, at grid, China national mix 2023", "CN"),
    "cn-elec-grid-yunnan": ("Electricity, at grid, Yunnan provincial mix 2022", "CN-YN"),
    "cn-elec-grid-east": ("Electricity, at grid, East China regional mix 2023", "CN-East"),
    "cn-elec-grid-jiangsu": ("Electricity, at grid, Jiangsu provincial mix 2019", "CN-JS"),
}
NAMES_ZH = {
    "cn-elec-grid-national": "全国电网平均电力 2023",
    "cn-elec-grid-yunnan": "云南电网电力 2022",
    "cn-elec-grid-east": "华东电网电力 2023",
    "cn-elec-grid-jiangsu": "江苏电网电力 2019",
}

# Grids whose generation shares are read from a TianGong electricity-mix dataset
# (``Electricity production ; Electricity mix ; <province>``, 2019, shares from the China
# Energy Statistical Yearbook 2020) instead of ``grid_mixes.csv``: grid -> process uuid.
# No 2023 generation by source of Jiangsu was found by search; TianGong's 2019 shares are
# the latest cited ones. The line loss (not in TianGong's dataset) is the national row of
# ``grid_mixes.csv``.
TIANGONG_MIXES = {
    "cn-elec-grid-jiangsu": "03ae7e51-0820-4c7c-82aa-785c1fe2afd8",
}
# TianGong's input flows of its mix datasets (English name, lower case) -> technology.
TIANGONG_TECHNOLOGY = {
    "electricity for thermal power": "thermal",
    "electricity from hydroelectric power plant": "hydro",
    "electricity for nuclear power": "nuclear",
    "electricity from wind power": "wind",
    "electricity for solar power": "solar",
}


def read_csv(name: str) -> list[dict]:
    with open(SOURCES / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def mix(grid: str, rows: list[dict]) -> tuple[dict[str, float], float, str]:
    """(shares by technology, line loss, year) of one grid from ``grid_mixes.csv``."""
    mine = [r for r in rows if r["grid_code"] == grid]
    loss = [float(r["value"]) for r in mine if r["technology"] == "line_loss"]
    techs = [r for r in mine if r["technology"] not in ("line_loss", "total")]
    total = [float(r["value"]) for r in mine if r["technology"] == "total"]
    year = max(r["year"] for r in techs)
    if total:
        values = {r["technology"]: float(r["value"]) for r in techs}
        if "thermal" not in values:  # national: thermal is the remainder of the total
            values["thermal"] = total[0] - sum(values.values())
        shares = {k: v / total[0] for k, v in values.items()}
    else:
        shares = {r["technology"]: float(r["value"]) for r in techs}
    if abs(sum(shares.values()) - 1.0) > 1e-6:
        raise ValueError(f"{grid}: shares add up to {sum(shares.values())}")
    return shares, loss[0], year


def tiangong_mix_rows(archive: Archive) -> list[dict]:
    """Rows in the shape of ``grid_mixes.csv`` for the grids of ``TIANGONG_MIXES``.

    Each share is the TianGong input of that technology over the sum of its inputs (all in
    MJ; Jiangsu's add up to 3.6000036 MJ per 3.6 MJ out, a rounding, so the shares are
    normalised); every input must be one of ``TIANGONG_TECHNOLOGY``, and the inputs must
    match the reference output within 0.01 %.
    """
    national = [r for r in read_csv("grid_mixes.csv") if r["grid_code"] == "cn-elec-grid-national"]
    (loss,) = [r for r in national if r["technology"] == "line_loss"]
    out = []
    for grid, uuid in TIANGONG_MIXES.items():
        proc = archive.process(uuid)
        ref = proc.reference_exchange
        inputs = [e for e in proc.exchanges if e.internal_id != proc.reference]
        total = sum(e.amount for e in inputs)
        if abs(total / ref.amount - 1) > 1e-4:
            raise ValueError(f"{grid}: TianGong {uuid} inputs add up to {total} for {ref.amount}")
        source = (
            f"TianGong LCA Data ({REPOSITORY}), process {uuid} '{proc.name_en}' "
            f"({proc.name_zh}); literature: {'; '.join(proc.sources) or 'not stated'}"
        )
        for exc in inputs:
            tech = TIANGONG_TECHNOLOGY.get(exc.label.strip().lower())
            if tech is None or exc.direction != "Input":
                raise ValueError(
                    f"{grid}: TianGong {uuid} has an unexpected exchange {exc.label!r}"
                )
            out.append(
                {
                    "grid_code": grid,
                    "technology": tech,
                    "value": exc.amount / total,
                    "unit": "share",
                    "year": proc.year,
                    "source": source,
                    "document": "China Energy Statistical Yearbook 2020, as cited by TianGong",
                    "table_or_page": f"exchange {exc.internal_id}: {exc.label}",
                    "status": "cited (TianGong dataset)",
                }
            )
        out.append(
            {
                **loss,
                "grid_code": grid,
                "source": "national line-loss rate applied (no provincial figure found)",
            }
        )
    return out


def _provider(grid: str, tech: str) -> str:
    if tech == "thermal":
        return THERMAL_OF[grid]
    if tech == "nuclear":
        return NUCLEAR
    return f"cn-elec-{tech}"


def technology_activities(m: Matcher) -> list[dict]:
    co2 = m.named("Carbon dioxide, fossil", AIR_U).code
    acts = []
    for row in read_csv("technology_factors.csv"):
        value = float(row["value_kg_co2e_per_kwh"])
        acts.append(
            {
                "code": row["code"],
                "name": f"Electricity, {row['technology']}, life-cycle GHG proxy ({row['geography']} {row['year']})",
                "reference product": f"electricity, {row['technology']}",
                "unit": "kWh",
                "location": "CN",
                "provenance": {
                    "source": f"{row['source']}: {row['document']}, {row['table_or_page']}: "
                    f"{value} kg CO2e/kWh, emitted as fossil CO2",
                    "year": row["year"],
                    "geography": row["geography"],
                    "licence": "cited figure (no database content)",
                    "proxy": True,
                    "proxy_for": f"electricity from {row['technology']}, China",
                    "ghg_only": True,
                    "adapted": None,
                },
                "exchanges": [
                    {"type": "production", "amount": 1.0},
                    {"type": "biosphere", "input": co2, "amount": value},
                ],
            }
        )
    return acts


def grid_activities(extra_rows: list[dict] | None = None) -> list[dict]:
    """Grid mixes of ``GRIDS``; ``extra_rows`` (from ``tiangong_mix_rows``) add to the CSV."""
    rows = read_csv("grid_mixes.csv") + list(extra_rows or [])
    acts = []
    for code, (name, location) in GRIDS.items():
        shares, loss, year = mix(code, rows)
        status = sorted({r["status"].split(":")[0] for r in rows if r["grid_code"] == code})
        where = (
            f"TianGong process {TIANGONG_MIXES[code]} (shares, China Energy Statistical "
            "Yearbook 2020) and the national line loss of databases/background/sources/"
            "grid_mixes.csv"
            if code in TIANGONG_MIXES
            else "databases/background/sources/grid_mixes.csv (one cited figure a row"
        )
        acts.append(
            {
                "code": code,
                "name": name,
                "name_zh": NAMES_ZH[code],
                "reference product": "electricity, at grid",
                "unit": "kWh",
                "location": location,
                "provenance": {
                    "source": "generation by technology and line loss: "
                    + where
                    + ("; " if code not in TIANGONG_MIXES else " (")
                    + "figure status: "
                    + ", ".join(status)
                    + "); thermal power TianGong LCA Data 2019; wind, solar, biomass: MEE/NBS/"
                    "NEA 2023 carbon-footprint factors; hydro: IPCC AR5; nuclear: USLCI",
                    "year": year,
                    "geography": location,
                    "licence": "TianGong LCA Data (MIT) and USLCI (MIT) for the technology "
                    "datasets; statistics cited",
                    "proxy": True,
                    "proxy_for": f"grid electricity, {location}, as delivered",
                    "ghg_only": False,
                    "adapted": "mix activity: "
                    + ", ".join(f"{t} {s:.4f}" for t, s in sorted(shares.items()))
                    + f"; line loss {loss}",
                },
                "exchanges": [{"type": "production", "amount": 1.0}]
                + [
                    {
                        "type": "technosphere",
                        "input": _provider(code, t),
                        "amount": s / (1.0 - loss),
                    }
                    for t, s in sorted(shares.items())
                ],
            }
        )
    return acts


GRID_FACTOR_COLUMNS = [
    "code",
    "name",
    "modelled_kg_co2e_per_kwh",
    "official_value",
    "official_unit",
    "official_year",
    "official_kind",
    "official_publisher",
    "official_document",
    "ratio",
    "note",
]


def grid_factor_rows(gwp: dict[str, float], names: dict[str, str]) -> list[dict]:
    """One row per grid: modelled IPCC 2021 GWP100 per kWh delivered vs the official figure."""
    official = {r["grid_code"]: r for r in read_csv("official_grid_factors.csv")}
    out = []
    for code in GRIDS:
        o = official.get(code)
        value = gwp[code]
        ratio = value / float(o["value"]) if o else None
        note = ""
        if o and abs(ratio - 1) > 0.15:
            note = EXPLANATIONS.get(code, "")
            if not note:
                raise ValueError(f"{code}: {ratio:.3f} x the official factor, unexplained")
        out.append(
            {
                "code": code,
                "name": names[code],
                "modelled_kg_co2e_per_kwh": f"{value:.4f}",
                "official_value": o["value"] if o else "",
                "official_unit": o["unit"] if o else "",
                "official_year": o["year"] if o else "",
                "official_kind": o["kind"] if o else "",
                "official_publisher": o["publisher"] if o else "",
                "official_document": o["document"] if o else "",
                "ratio": f"{ratio:.3f}" if ratio else "",
                "note": note,
            }
        )
    return out


# Grids more than 15 % off their official figure, and why (checked against the build).
EXPLANATIONS: dict[str, str] = {
    "cn-elec-grid-yunnan": (
        "different scope and data years: the official figure is combustion CO2 of 2022 "
        "(provincial generation and net imports); the model is life-cycle GHG of the 2022 mix. "
        "0.128 kWh of TianGong's Yunnan thermal power per kWh delivered (2019 fleet: 1.161 kg "
        "CO2/kWh at the plant, including 0.263 kg blast-furnace gas per kWh; the national "
        "thermal dataset gives 0.834) makes 0.149 of the 0.183; hydro at the IPCC AR5 "
        "life-cycle median (24 g/kWh) adds 0.020, which a combustion factor counts as 0"
    ),
    "cn-elec-grid-jiangsu": (
        "different scope, area and data years: the official figure is the 2023 combustion CO2 "
        "of the whole East China grid (Jiangsu's own 2023 factor was not found by search), "
        "the model is the life-cycle GHG of Jiangsu's own 2019 generation (TianGong: 86.5 % "
        "thermal) without inter-provincial imports. 0.906 kWh of TianGong's Jiangsu thermal "
        "power per kWh delivered (2019 fleet: 0.784 kg CO2/kWh burnt at the plant, 0.849 kg "
        "CO2e/kWh with coal and gas supply) makes 0.769 of the 0.773, of which 0.711 is "
        "combustion CO2 (1.29 x 0.5500); the East China mix modelled with the same thermal "
        "fleet and 2023 regional shares gives 0.631 (1.148)"
    ),
}
