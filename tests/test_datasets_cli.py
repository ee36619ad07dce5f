"""`bw-alu datasets`: a search over the installed background, in English and Chinese.

Runs on the project the grid-factor test also uses (the embedded background set up once).
"""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from bw_alu.cli import main

PROJECT = "test-grid-factors"


def _csv(*args: str) -> list[dict]:
    res = CliRunner().invoke(main, ["datasets", *args, "--format", "csv", "--project", PROJECT])
    assert res.exit_code == 0, res.output
    return list(csv.DictReader(io.StringIO(res.output)))


def test_alumina_in_english_and_chinese():
    english = {r["code"]: r for r in _csv("alumina")}
    assert {"cn-alumina", "uslci-89282"} <= set(english)
    row = english["cn-alumina"]
    assert (row["unit"], row["location"], row["year"]) == ("kg", "CN", "2019")
    assert "TianGong" in row["source"] and row["name_zh"].startswith("氧化铝生产")
    chinese = {r["code"] for r in _csv("氧化铝")}
    assert "cn-alumina" in chinese


def test_proxy_flags_and_table_format():
    rows = {r["code"]: r for r in _csv("hydro")}
    assert rows["cn-elec-hydro"]["proxy"] == "yes" and rows["cn-elec-hydro"]["ghg_only"] == "yes"
    res = CliRunner().invoke(main, ["datasets", "thermal Yunnan", "--project", PROJECT])
    assert res.exit_code == 0, res.output
    assert "uslci_cn:cn-elec-thermal-yunnan  [kWh, CN-YN, 2019]" in res.output
    assert "电力生产 ; 火电 ; 云南" in res.output and res.output.rstrip().endswith("1 dataset(s)")


def test_unknown_background_is_a_clear_error():
    res = CliRunner().invoke(main, ["datasets", "x", "--background", "nope", "--project", PROJECT])
    assert res.exit_code == 2
    assert "background database 'nope' is not in project" in res.output


def test_both_yunnan_grids_found_in_chinese():
    rows = {r["code"]: r for r in _csv("云南")}
    assert {"cn-elec-grid-yunnan", "cn-elec-grid-yunnan-2022"} <= set(rows)
    assert rows["cn-elec-grid-yunnan"]["year"] == "2023"
    assert rows["cn-elec-grid-yunnan-2022"]["year"] == "2022"
    assert rows["cn-elec-grid-yunnan"]["name_zh"] == "云南电网电力 2023"
    assert rows["cn-elec-grid-yunnan-2022"]["name_zh"] == "云南电网电力 2022"


def test_technology_proxies_found_by_their_short_chinese_names():
    # 水电 / 风电 / 光伏 / 生物质: the names users type for hydro, wind, PV and biomass power
    for word, code in (
        ("水电", "cn-elec-hydro"),
        ("风电", "cn-elec-wind"),
        ("光伏", "cn-elec-solar"),
        ("生物质发电", "cn-elec-biomass"),
    ):
        rows = {r["code"]: r for r in _csv(word)}
        assert code in rows, word
        assert rows[code]["ghg_only"] == "yes" and rows[code]["year"] == "2023"
