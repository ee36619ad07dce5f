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
from .tiangong import thermal_code

SOURCES = Path(__file__).resolve().parents[2] / "databases" / "background" / "sources"

# Which generation activity stands for each technology in each grid.
THERMAL_OF = {
    "cn-elec-grid-national": thermal_code("national"),
    "cn-elec-grid-yunnan": thermal_code("yunnan"),
    # East China: the Jiangsu thermal fleet (the largest generator of the region and the
    # province of plant B) stands for the region's.
    "cn-elec-grid-east": thermal_code("jiangsu"),
}
NUCLEAR = "uslci-93698"  # USLCI 'Electricity, nuclear, at power plant' (U.S.; proxy)
GRIDS = {
    "cn-elec-grid-national": ("Electricity, at grid, China national mix 2023", "CN"),
    "cn-elec-grid-yunnan": ("Electricity, at grid, Yunnan provincial mix 2022", "CN-YN"),
    "cn-elec-grid-east": ("Electricity, at grid, East China regional mix 2023", "CN-East"),
}
NAMES_ZH = {
    "cn-elec-grid-national": "全国电网平均电力 2023",
    "cn-elec-grid-yunnan": "云南电网电力 2022",
    "cn-elec-grid-east": "华东电网电力 2023",
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


def grid_activities() -> list[dict]:
    rows = read_csv("grid_mixes.csv")
    acts = []
    for code, (name, location) in GRIDS.items():
        shares, loss, year = mix(code, rows)
        status = sorted({r["status"].split(":")[0] for r in rows if r["grid_code"] == code})
        acts.append(
            {
                "code": code,
                "name": name,
                "name_zh": NAMES_ZH[code],
                "reference product": "electricity, at grid",
                "unit": "kWh",
                "location": location,
                "provenance": {
                    "source": "generation by technology and line loss: databases/background/"
                    "sources/grid_mixes.csv (one cited figure a row; figure status: "
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
}
