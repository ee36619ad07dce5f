"""Chinese grid mixes from cited statistics, and the grid-factor comparison table.

Inputs (committed, hand-entered, one cited figure a row; ``status`` says whether the
figure was confirmed against a public source during the build's review):

- ``databases/background/sources/grid_mixes.csv``: generation by technology and the total (TWh)
  and line loss per grid;
- ``databases/background/sources/technology_factors.csv``: life-cycle kg CO2e/kWh of the
  technologies TianGong lacks (wind, solar, biomass: the official 2023 Chinese
  carbon-footprint factors, hydro included), GHG-only proxies;
- ``databases/background/sources/official_grid_factors.csv``: the official factor each
  modelled grid is compared with in ``grid_factors.csv``;
- ``databases/background/sources/provincial_generation.csv``: 2023 generation by province
  and technology (NBS series via CREA's export, written by ``crea_generation.py``) and
  ``regional_grids.csv``: the provinces of each regional grid. A regional grid's mix is
  the sum over its provinces; its thermal power is the provinces' TianGong thermal
  datasets weighted by each province's 2023 thermal generation.

Per kWh delivered: sum over technologies of share / (1 - line loss) kWh of that
technology's generation activity. Thermal power is TianGong's (province or national).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .biosphere import AIR_U, Matcher
from .tiangong import THERMAL, thermal_code

SOURCES = Path(__file__).resolve().parents[2] / "databases" / "background" / "sources"

# Which generation activity stands for each technology in each grid.
THERMAL_OF = {
    "cn-elec-grid-national": thermal_code("national"),
    "cn-elec-grid-yunnan-2022": thermal_code("yunnan"),
}
NUCLEAR = "uslci-93698"  # USLCI 'Electricity, nuclear, at power plant' (U.S.; proxy)
GRIDS = {
    "cn-elec-grid-national": ("Electricity, at grid, China national mix 2023", "CN"),
    "cn-elec-grid-yunnan": ("Electricity, at grid, Yunnan provincial mix 2023", "CN-YN"),
    "cn-elec-grid-yunnan-2022": ("Electricity, at grid, Yunnan provincial mix 2022", "CN-YN"),
    "cn-elec-grid-east": ("Electricity, at grid, East China regional mix 2023", "CN-East"),
    "cn-elec-grid-jiangsu": ("Electricity, at grid, Jiangsu provincial mix 2023", "CN-JS"),
    "cn-elec-grid-north": ("Electricity, at grid, North China regional mix 2023", "CN-North"),
    "cn-elec-grid-northeast": (
        "Electricity, at grid, Northeast China regional mix 2023",
        "CN-Northeast",
    ),
    "cn-elec-grid-central": (
        "Electricity, at grid, Central China regional mix 2023",
        "CN-Central",
    ),
    "cn-elec-grid-northwest": (
        "Electricity, at grid, Northwest China regional mix 2023",
        "CN-Northwest",
    ),
    "cn-elec-grid-south": ("Electricity, at grid, South China regional mix 2023", "CN-South"),
    "cn-elec-grid-southwest": (
        "Electricity, at grid, Southwest China regional mix 2023",
        "CN-Southwest",
    ),
}
NAMES_ZH = {
    "cn-elec-grid-national": "全国电网平均电力 2023",
    "cn-elec-grid-yunnan": "云南电网电力 2023",
    "cn-elec-grid-yunnan-2022": "云南电网电力 2022",
    "cn-elec-grid-east": "华东电网电力 2023",
    "cn-elec-grid-jiangsu": "江苏电网电力 2023",
    "cn-elec-grid-north": "华北电网电力 2023",
    "cn-elec-grid-northeast": "东北电网电力 2023",
    "cn-elec-grid-central": "华中电网电力 2023",
    "cn-elec-grid-northwest": "西北电网电力 2023",
    "cn-elec-grid-south": "南方电网电力 2023",
    "cn-elec-grid-southwest": "西南电网电力 2023",
}
# Grids summed over the provinces ``regional_grids.csv`` lists for them: the seven regions
# of the MEE/NBS 2023 factor notice, and Jiangsu and Yunnan each on its own.
REGIONAL = (
    "cn-elec-grid-north",
    "cn-elec-grid-northeast",
    "cn-elec-grid-east",
    "cn-elec-grid-central",
    "cn-elec-grid-northwest",
    "cn-elec-grid-south",
    "cn-elec-grid-southwest",
    "cn-elec-grid-jiangsu",
    "cn-elec-grid-yunnan",
)
# Technologies of ``provincial_generation.csv`` summed per region as they are.
SUMMED = ("thermal", "hydro", "nuclear", "solar")


def read_csv(name: str) -> list[dict]:
    """Rows of a source table; a row with more or fewer fields than the header is an error
    (an unquoted comma in a cited text would otherwise cut the text short unnoticed)."""
    with open(SOURCES / name, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise ValueError(f"sources/{name} line {i}: not as many fields as the header")
    return rows


def mix(grid: str, rows: list[dict]) -> tuple[dict[str, float], float, str]:
    """(shares by technology, line loss, year) of one grid from ``grid_mixes.csv``."""
    mine = [r for r in rows if r["grid_code"] == grid]
    loss = [float(r["value"]) for r in mine if r["technology"] == "line_loss"]
    techs = [r for r in mine if r["technology"] not in ("line_loss", "total")]
    total = [float(r["value"]) for r in mine if r["technology"] == "total"]
    year = max(r["year"] for r in techs)
    if len(total) != 1:
        raise ValueError(f"{grid}: grid_mixes.csv needs one 'total' row")
    values = {r["technology"]: float(r["value"]) for r in techs}
    if "thermal" not in values:  # national: thermal is the remainder of the total
        values["thermal"] = total[0] - sum(values.values())
    shares = {k: v / total[0] for k, v in values.items()}
    if abs(sum(shares.values()) - 1.0) > 1e-6:
        raise ValueError(f"{grid}: shares add up to {sum(shares.values())}")
    return shares, loss[0], year


def regional_mix(grid: str) -> tuple[dict[str, float], dict[str, float]]:
    """(shares by technology, share of each province in the thermal generation) of a region.

    Thermal, hydro, nuclear and solar: the 2023 figures of the region's provinces, summed.
    Wind: the series by province stops at November 2023, so each province gets the
    national 2023 wind generation (NBS) times its share of the January-November
    provincial total (December split like the eleven months before). All provincial
    figures are in 10^4 kWh, the national ones in 10^8 kWh.
    """
    members = [r["province"] for r in read_csv("regional_grids.csv") if r["grid_code"] == grid]
    if not members:
        raise ValueError(f"{grid}: no provinces in regional_grids.csv")
    rows = read_csv("provincial_generation.csv")
    (national_wind,) = [
        float(r["value"]) * 1e4
        for r in rows
        if r["province"] == "China" and r["technology"] == "wind"
    ]
    wind = {r["province"]: float(r["value"]) for r in rows if r["technology"] == "wind_jan_nov"}
    values = {t: 0.0 for t in (*SUMMED, "wind")}
    thermal: dict[str, float] = {}
    for r in rows:
        if r["province"] in members and r["technology"] in SUMMED:
            values[r["technology"]] += float(r["value"])
            if r["technology"] == "thermal":
                thermal[r["province"]] = float(r["value"])
    values["wind"] = sum(national_wind * wind.get(p, 0.0) / sum(wind.values()) for p in members)
    total = sum(values.values())
    shares = {t: v / total for t, v in values.items() if v}
    split = {p: v / values["thermal"] for p, v in thermal.items() if v}
    return shares, split


def _thermal_of_province(province: str) -> str:
    """TianGong thermal power of a province of a regional grid."""
    if province not in THERMAL:
        raise ValueError(f"{province}: no TianGong thermal power dataset (tiangong.THERMAL)")
    return thermal_code(THERMAL[province][0])


def _provider(grid: str, tech: str) -> str:
    if tech == "thermal":
        return THERMAL_OF[grid]
    if tech == "nuclear":
        return NUCLEAR
    return f"cn-elec-{tech}"


# Chinese names of the technology proxies, with the short forms users search for (水电, 风电).
TECHNOLOGY_ZH = {
    "hydro": "水电（水力发电）",
    "wind": "风电（风力发电）",
    "solar": "光伏发电",
    "biomass": "生物质发电",
}


def technology_activities(m: Matcher) -> list[dict]:
    co2 = m.named("Carbon dioxide, fossil", AIR_U).code
    acts = []
    for row in read_csv("technology_factors.csv"):
        value = float(row["value_kg_co2e_per_kwh"])
        where = "中国" if row["geography"] == "CN" else row["geography"]
        acts.append(
            {
                "code": row["code"],
                "name": f"Electricity, {row['technology']}, life-cycle GHG proxy ({row['geography']} {row['year']})",
                "name_zh": f"{TECHNOLOGY_ZH[row['technology']]}，生命周期温室气体代理（{where} {row['year']}）",
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


def _national_loss(rows: list[dict]) -> float:
    (loss,) = [
        float(r["value"])
        for r in rows
        if r["grid_code"] == "cn-elec-grid-national" and r["technology"] == "line_loss"
    ]
    return loss


def _regional(code: str, loss: float) -> tuple[str, str, list[dict], str]:
    """(source text, mix text, technosphere exchanges, year) of a regional grid."""
    shares, split = regional_mix(code)
    provinces = sorted(split, key=lambda p: (-split[p], p))
    membership = sorted(
        {
            r["status"].split(":")[0]
            for r in read_csv("regional_grids.csv")
            if r["grid_code"] == code
        }
    )
    exchanges = [
        {
            "type": "technosphere",
            "input": _thermal_of_province(p),
            "amount": shares["thermal"] * split[p] / (1.0 - loss),
        }
        for p in provinces
    ] + [
        {"type": "technosphere", "input": _provider(code, t), "amount": s / (1.0 - loss)}
        for t, s in sorted(shares.items())
        if t != "thermal"
    ]
    source = (
        "generation by technology: 2023 provincial statistics of databases/background/"
        "sources/provincial_generation.csv (NBS series via CREA's export; wind: the "
        "January-November provincial split of NBS's national 2023 total) summed over the "
        "provinces of sources/regional_grids.csv (membership status: "
        + ", ".join(membership)
        + "); line loss: national row of "
        "sources/grid_mixes.csv (unconfirmed); thermal power TianGong LCA Data 2019 per "
        "province, weighted by 2023 thermal generation; wind, "
        "solar, hydro: MEE/NBS/NEA 2023 carbon-footprint factors; nuclear: USLCI"
    )
    text = (
        "mix activity: "
        + ", ".join(f"{t} {s:.4f}" for t, s in sorted(shares.items()))
        + "; thermal split "
        + ", ".join(f"{p} {split[p]:.4f}" for p in provinces)
        + f"; line loss {loss}"
    )
    return source, text, exchanges, "2023"


def grid_activities() -> list[dict]:
    """Grid mixes of ``GRIDS``."""
    rows = read_csv("grid_mixes.csv")
    acts = []
    for code, (name, location) in GRIDS.items():
        if code in REGIONAL:
            source, adapted, exchanges, year = _regional(code, _national_loss(rows))
        else:
            shares, loss, year = mix(code, rows)
            status = sorted({r["status"].split(":")[0] for r in rows if r["grid_code"] == code})
            source = (
                "generation by technology and line loss: databases/background/sources/"
                "grid_mixes.csv (one cited figure a row; figure status: "
                + ", ".join(status)
                + "); thermal power TianGong LCA Data 2019; wind, solar, biomass: MEE/NBS/"
                "NEA 2023 carbon-footprint factors (hydro included); nuclear: USLCI"
            )
            adapted = (
                "mix activity: "
                + ", ".join(f"{t} {s:.4f}" for t, s in sorted(shares.items()))
                + f"; line loss {loss}"
            )
            exchanges = [
                {
                    "type": "technosphere",
                    "input": _provider(code, t),
                    "amount": s / (1.0 - loss),
                }
                for t, s in sorted(shares.items())
            ]
        acts.append(
            {
                "code": code,
                "name": name,
                "name_zh": NAMES_ZH[code],
                "reference product": "electricity, at grid",
                "unit": "kWh",
                "location": location,
                "provenance": {
                    "source": source,
                    "year": year,
                    "geography": location,
                    "licence": "TianGong LCA Data (MIT) and USLCI (MIT) for the technology "
                    "datasets; statistics cited",
                    "proxy": True,
                    "proxy_for": f"grid electricity, {location}, as delivered",
                    "ghg_only": False,
                    "adapted": adapted,
                },
                "exchanges": [{"type": "production", "amount": 1.0}, *exchanges],
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
    "cn-elec-grid-yunnan-2022": (
        "different scope and data years: the official figure is combustion CO2 of 2022 "
        "(provincial generation and net imports); the model is life-cycle GHG of the 2022 mix. "
        "0.128 kWh of TianGong's Yunnan thermal power per kWh delivered (2019 fleet: 1.161 kg "
        "CO2/kWh at the plant, including 0.263 kg blast-furnace gas per kWh; the national "
        "thermal dataset gives 0.834) makes 0.149 of the 0.175; hydro at its 2023 Chinese "
        "carbon-footprint factor (14.3 g/kWh) adds 0.012, which a combustion factor counts as 0"
    ),
    "cn-elec-grid-yunnan": (
        "different scope: the official figure is Yunnan's 2023 provincial combustion CO2 "
        "factor (MEE/NBS 2023 notice, annex table 3; partly confirmed: two public "
        "transcriptions agree, the annex not read; it counts electricity "
        "exchanged with other provinces), the model is the life-cycle GHG of Yunnan's own "
        "2023 generation (NBS, enterprises above designated size). 2023 followed a drought "
        "(S&P Global, 2023-02-27): hydro fell from 81.1 % of the 2022 mix "
        "(cn-elec-grid-yunnan-2022, Yunnan government data, 0.175) to 74.6 % and thermal rose "
        "from 12.2 % to 16.5 %; the official factor rose too, 0.1073 (2022) -> 0.1333 (2023). "
        "0.173 kWh of TianGong's Yunnan thermal power per kWh delivered (2019 fleet: 1.161 kg "
        "CO2/kWh burnt at the plant, 1.248 kg CO2e/kWh life cycle) makes 0.216 of the 0.230, "
        "of which 0.201 is combustion CO2 (1.50 x 0.1333); hydro at its 2023 Chinese "
        "carbon-footprint factor (14.3 g/kWh, 0.78 kWh per kWh) adds 0.011, which a combustion "
        "factor counts as 0"
    ),
    "cn-elec-grid-jiangsu": (
        "different scope: the official figure is Jiangsu's 2023 provincial combustion CO2 "
        "factor (MEE/NBS 2023 notice, annex table 3; partly confirmed: two public "
        "transcriptions agree, the annex not read; it counts electricity "
        "imported from other provinces; East China as a whole: 0.5500), the model "
        "is the life-cycle GHG of Jiangsu's own 2023 generation (NBS, enterprises above "
        "designated size: 81.5 % thermal) without inter-provincial imports. 0.853 kWh of "
        "TianGong's Jiangsu thermal power per kWh delivered (2019 fleet: 0.784 kg CO2/kWh "
        "burnt at the plant, 0.849 kg CO2e/kWh with fuel supply and the plants' CH4 and N2O) "
        "makes 0.725 of the 0.730, of which 0.669 is combustion CO2 (1.15 x 0.5827); "
        "TianGong's own 2019 Jiangsu mix (86.5 % thermal) gave 0.773"
    ),
}

REGIONAL_SCOPE = (
    "different scope and data years: the official figure is the 2023 combustion CO2 of "
    "the region's electricity as the MEE/NBS notice computes it (its provincial factors count "
    "electricity imported from other provinces; whether the regional ones count exchanges "
    "between regions was not found); the model is the life-cycle GHG of the region's own "
    "2023 generation (NBS, enterprises above designated size: distributed solar largely "
    "missing; thermal includes biomass and waste) with TianGong's 2019 provincial thermal "
    "fleets, without exchanges between regions. "
)


def _regional_note(thermal_kwh: str, burnt: str, co2: str, rest: str) -> str:
    return (
        REGIONAL_SCOPE
        + f"{thermal_kwh} kWh of thermal power per kWh delivered at a generation-weighted "
        f"{burnt} kg CO2/kWh burnt at the plant (TianGong 2019) makes {co2} of combustion "
        f"CO2 alone; {rest}"
    )


# Numbers below read from the build (generation-weighted TianGong thermal datasets).
EXPLANATIONS.update(
    {
        "cn-elec-grid-east": _regional_note(
            "0.819",
            "0.752",
            "0.616 (1.12 x 0.5500)",
            "fuel supply and the plants' CH4 and N2O add 0.056",
        ),
        "cn-elec-grid-north": _regional_note(
            "0.873",
            "0.912",
            "0.796 (1.25 x 0.6361)",
            "all of Inner Mongolia is counted in North (MEE's regional-grid table puts its "
            "eastern part, Mengdong, in Northeast; NBS gives one figure for the province) "
            "and its 2019 fleet burns 1.086 kg CO2/kWh at 32 % of the region's thermal generation, Hebei's 1.018; fuel "
            "supply and the plants' CH4 and N2O add 0.076",
        ),
        "cn-elec-grid-northeast": _regional_note(
            "0.691",
            "1.012",
            "0.699 (1.36 x 0.5122)",
            "the three provinces' 2019 fleets burn 0.944 to 1.089 kg CO2/kWh (much combined "
            "heat and power in the region; whether TianGong allocates any CO2 to heat is not "
            "stated in the datasets read); fuel supply and the plants' CH4 and N2O add 0.062",
        ),
        "cn-elec-grid-central": _regional_note(
            "0.729",
            "0.777",
            "0.566 (1.07 x 0.5271)",
            "fuel supply and the plants' CH4 and N2O add 0.051",
        ),
        "cn-elec-grid-northwest": _regional_note(
            "0.750",
            "0.838",
            "0.628 (1.13 x 0.5543)",
            "fuel supply and the plants' CH4 and N2O add 0.061",
        ),
        "cn-elec-grid-south": _regional_note(
            "0.604",
            "0.779",
            "0.471 (1.16 x 0.4042)",
            "fuel supply and the plants' CH4 and N2O add 0.045; hydro at its 2023 Chinese "
            "carbon-footprint factor adds 0.004",
        ),
        "cn-elec-grid-southwest": _regional_note(
            "0.321",
            "0.857",
            "0.275 (1.11 x 0.2472)",
            "fuel supply and the plants' CH4 and N2O add 0.022; hydro at its 2023 Chinese "
            "carbon-footprint factor (14.3 g/kWh, 0.68 kWh per kWh) adds 0.010, which a "
            "combustion factor counts as 0",
        ),
    }
)
