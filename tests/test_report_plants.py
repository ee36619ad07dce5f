"""Reports of the two example plants, read back as a client would get them.

- The Chinese reports are in Chinese: every Latin word of the zh docx text is either in
  a dataset's name or provenance (kept as the background database writes them), or in
  the short allow-list below (chemical formulas, units, standards, method and software
  names, codes).
- The CFP docx states the GWP100 total in kg CO2e with 2 decimals.
- Match labels follow each dataset's provenance the same way for both plants.
"""

from __future__ import annotations

import re

import docx
import pytest

from bw_alu.importer import import_plant
from bw_alu.lcia import calculate_products
from bw_alu.linking.link import study_mapping
from bw_alu.paths import PLANTS_DIR
from bw_alu.report import render_reports

PROJECT = "test-report-plants"
PLANTS = ("ingot_yunnan_2024", "castrod_kunshan_2024")

# Latin words a Chinese verification report carries: chemical formulas and elements,
# units, standards and method names, codes of indicators, software and file names.
ALLOWED = set(
    [
        "CO2",
        "CO2e",
        "CH4",
        "N2O",
        "CF4",
        "C2F6",
        "HFC",
        "HFCs",
        "HCFC",
        "CFC",
        "CFCs",
        "CCl4",
        "SO2",
        "NOx",
        "NH3",
        "NMVOC",
        "PM2",
        "CO",
        "Cr",
        "VI",
        "Ni",
        "As",
        "Zn",
        "Pb",
        "Hg",
        "Cu",
        "Al",
        "Au",
        "Ag",
        "Sn",
        "Sb",
        "U-235",
        "C-14",
        "Rn-222",
        "P",
        "N",
        "H",
        "CaCO3",
        "Na2CO3",
        "R-32",
        "R-22",
        "R-14",
        "HFC-32",
        "HCFC-22",
        "HCFCs",
        "HFC-116",
        "HFC-125",
        "HFC-134a",
        "HFC-143a",
        "CFC-11",
        "t-Al",
        "tC",
        "kg",
        "kWh",
        "MWh",
        "GJ",
        "MJ",
        "km",
        "kBq",
        "mol",
        "Nm3",
        "m3",
        "CTUh",
        "CTUe",
        "Pt",
        "eq",
        "ISO",
        "GB",
        "TS",
        "PAS",
        "EN",
        "GHG",
        "Protocol",
        "Product",
        "Standard",
        "IPCC",
        "GWP",
        "GWP100",
        "AR6",
        "EF",
        "PEF",  # the EU product environmental footprint method, cited by its name
        "EU",  # in the designation "Commission Recommendation (EU) 2021/2279"
        "EPD",
        "LCIA",
        "DQR",
        "TeR",
        "GeR",
        "TiR",
        "NCV",
        "AD",
        "CC",
        "OF",
        "NC",
        "EF_CF4",
        "GWP_CF4",
        "EF_C2F6",
        "GWP_C2F6",
        "AD_i",
        "EF_i",
        "m_j",
        "GWP_j",
        "GWP-total",
        "ODP",
        "IRP",
        "POCP",
        "PM",
        "HTP-nc",
        "HTP-c",
        "AP",
        "EP-freshwater",
        "EP-marine",
        "EP-terrestrial",
        "ETP-fw",
        "SQP",
        "WDP",
        "ADP-fossil",
        "ADP-minerals",
        "GWP100-fossil",
        "GWP100-biogenic",
        "GWP100-luluc",
        "fossil",
        "biogenic",
        "luluc",
        "metals",
        "bw-alu",
        "bw2calc",
        "bw2data",
        "bw2io",
        "ecoinvent",
        "pypardiso",
        "Intel",
        "MKL",
        "PARDISO",
        "SimaPro",
        "CPCD",
        "xlsx",
        "CN",
        "CN-YN",
        "CN-JS",
        "GLO",
        "RNA",
        "RoW",
        "US",
        "APOS",
        "Cut-off",
        "NDRC",
        "A2",
        "R22",
        "R32",
        "A-SYS",
        "A-DIESEL",
        "B-PROD",
        "B-SCRAP",
        "B-LOAD",
        "B-ALLOC",
        "B-BG",
        "A00",
        "Mn",
    ]
)


@pytest.fixture(scope="module")
def plants():
    for name in PLANTS:
        import_plant(PROJECT, PLANTS_DIR / f"{name}.xlsx")
    results = {r.product_id: r for r in calculate_products(PROJECT, list(PLANTS))}
    files = {
        pid: render_reports(r, langs=("zh", "en"), formats=("docx",)) for pid, r in results.items()
    }
    return results, files


def _docx_text(data: bytes) -> list[str]:
    import io

    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            texts += [c.text for c in r.cells]
    for s in d.sections:
        texts += [p.text for p in s.header.paragraphs + s.footer.paragraphs]
    return texts


def _database_texts(result) -> list[str]:
    """Texts the report shows as the database (or the study) names them."""
    out = [result.product_id, str(result.meta.get("workbook", ""))]
    bg = result.meta.get("background", {})
    out += [str(bg.get(k, "")) for k in ("title", "notice", "version", "database")]
    for r in result.rows:
        link = r.get("link") or {}
        target = link.get("target") or {}
        out += [r.get("dataset", ""), target.get("name") or ""]
        # a link note of the built-in mapping has a Chinese note_zh, which the zh report
        # shows: only other notes (the linker's own words) stay exempt
        if not (study_mapping().get(r.get("dataset", "")) or {}).get("note_zh"):
            out.append(link.get("note") or "")
        out += [target.get("location") or ""]  # the dataset's location code (CN-GS, ...)
        out += [str(v) for v in (target.get("provenance") or {}).values() if isinstance(v, str)]
        out += [str(v) for v in (link.get("factors") or {}).values() if isinstance(v, str)]
    for d in result.direct:
        out += [str(p.get("default_source") or "") for p in d.get("parameters", [])]
    # citations of the data quality levels, as the publications name themselves
    from bw_alu.report.content.quality import bands, formula

    out += [b["source"] for b in bands()] + [f["source"] for f in formula().values()]
    out += [f["value"] for f in formula().values()]
    # Short codes (a location "CN") would cut words apart: they are in ALLOWED instead.
    return sorted({x for x in out if len(x) > 3}, key=len, reverse=True)


@pytest.mark.parametrize("pid", PLANTS)
def test_chinese_reports_have_no_english_outside_dataset_names(plants, pid):
    results, files = plants
    exempt = _database_texts(results[pid])
    leftovers: dict[str, str] = {}
    for name, data in files[pid].items():
        if not name.endswith("_zh.docx"):
            continue
        for text in _docx_text(data):
            for x in exempt:
                text = text.replace(x, " ")
            text = re.sub(r"\d[\d.,]*[Ee][+-]?\d+", " ", text)  # 1.23E-06
            for word in re.findall(r"[A-Za-z][A-Za-z0-9_'\-]*", text):
                if word not in ALLOWED and len(word) > 1:
                    leftovers.setdefault(word, text[:120])
    assert not leftovers, "\n".join(f"{k}: {v}" for k, v in sorted(leftovers.items()))


@pytest.mark.parametrize("pid", PLANTS)
def test_cfp_total_in_kg_with_two_decimals(plants, pid):
    results, files = plants
    total = results[pid].total("GWP100 (IPCC 2021)")
    shown = f"{total:,.2f}"
    for lang, head in (("zh", "生命周期阶段"), ("en", "Life-cycle stage")):
        d = docx.Document(__import__("io").BytesIO(files[pid][f"{pid}_cfp_{lang}.docx"]))
        (stage,) = [t for t in d.tables if t.rows[0].cells[0].text == head]
        assert "kg CO2e" in stage.rows[0].cells[1].text
        assert stage.rows[-1].cells[1].text == shown


def test_match_labels_follow_provenance_for_both_plants(plants):
    """The same pig-iron proxy is labelled the same in both plants; GHG-only proxies say so."""
    results, files = plants
    labels = {}
    for pid in PLANTS:
        d = docx.Document(__import__("io").BytesIO(files[pid][f"{pid}_cfp_en.docx"]))
        (table,) = [t for t in d.tables if [c.text for c in t.rows[0].cells][4:5] == ["Match"]]
        for r in table.rows[1:]:
            cells = [c.text for c in r.cells]
            labels.setdefault((pid, cells[3]), set()).add(cells[4])
    pig = "Pig iron, blast furnace, CN, structural proxy"
    assert labels[("ingot_yunnan_2024", pig)] == labels[("castrod_kunshan_2024", pig)]
    assert labels[("castrod_kunshan_2024", pig)] == {"proxy (structural)"}
    magnesium = "Magnesium, primary, Pidgeon process, CN, GHG proxy"
    assert labels[("castrod_kunshan_2024", magnesium)] == {"proxy (GHG-only)"}
    # the study's alumina is mapped; the supplier's alumina stands in by the same dataset
    alumina = "Alumina, metallurgical, at refinery, CN (TianGong, Yang et al. 2019)"
    assert labels[("ingot_yunnan_2024", alumina)] == {
        "mapped",
        "proxy (structural)",
    }


def test_proxy_shares_agree_with_the_match_labels(plants):
    """Plant B's structural proxies (silicon, manganese, iron, East China grid, tap water)
    carry more than GHGs: their share shows in every indicator they touch, not 0.00 %."""
    from bw_alu.report.content.datasets import match_kind, proxy_shares

    results, _ = plants
    r = results["castrod_kunshan_2024"]
    shares = proxy_shares(r)
    t = r.table
    proxies = {x["label"] for x in r.rows if match_kind(x["link"]).startswith("proxy")}
    block = t[(t.indicator == "Acidification") & (t.contributor != "")]
    by_hand = block[block.contributor.isin(proxies)].score.sum() / r.total("Acidification")
    assert shares["Acidification"]["proxy"] == pytest.approx(by_hand, rel=1e-12)
    assert shares["Acidification"]["proxy"] > 0.01
    assert shares["Acidification"]["ghg_only_proxy"] == 0.0  # GHG-only proxies: GHGs only


def test_weighted_dqr_of_plant_a(plants):
    """The DQR table of plant A's CFP: a row's DQR is the mean of its four scores, the
    weighted DQR the mean of the scored rows' DQRs weighted by |GWP100 contribution|.

    By hand for one row: alumina, metallurgical, scores 2, 2, 2, 1 (see
    tests/test_example_dq.py) -> (2 + 2 + 2 + 1) / 4 = 1.75, "very good" (<= 2.0).
    The weighted value is recomputed here from the results table and the workbook's
    scores, then compared to the docx cell (2 decimals).
    """
    results, files = plants
    r = results["ingot_yunnan_2024"]
    d = docx.Document(
        __import__("io").BytesIO(files["ingot_yunnan_2024"]["ingot_yunnan_2024_cfp_en.docx"])
    )
    (table,) = [
        t
        for t in d.tables
        if [c.text for c in t.rows[0].cells][2:7] == ["TeR", "GeR", "TiR", "P", "DQR"]
    ]
    cells = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert cells["alumina, metallurgical"][2:8] == ["2", "2", "2", "1", "1.75", "very good"]
    t = r.table
    block = t[(t.indicator == "GWP100 (IPCC 2021)") & (t.contributor != "")]
    contrib = dict(zip(block.contributor, block.score.abs()))
    num = den = 0.0
    for row in r.rows:
        dq = row.get("dq") or {}
        if len(dq) == 4:
            w = contrib.get(row["label"], 0.0)
            num += w * sum(dq.values()) / 4
            den += w
    # no non-zero share shows as 0.00 (refining flux: about 0.004 %)
    for label, texts in cells.items():
        if texts[8] in ("0.00", "0"):
            assert contrib.get(label, 0.0) == 0.0, label
    assert cells["refining flux"][8] != "0.00"
    weighted = cells["Weighted by contribution"]
    assert weighted[6] == f"{num / den:.2f}"
    assert 2.0 < num / den <= 3.0 and weighted[7] == "good"


def test_main_substances_file_is_derived_from_plant_a(plants):
    """methods/indicator_substances.csv is what scripts/indicator_substances.py computes.

    By hand for GWP100 (IPCC 2021): the anode effect emits 0.02 kg CF4 per t (plant A's
    workbook), GWP100 of CF4 = 7380 (the direct-emission audit's factor), so the CF4 flow
    scores 0.02 x 7380 = 147.6 kg CO2e; its share is 147.6 over the sum of the absolute
    flow scores.
    """
    import sys

    import bw2calc as bc
    import bw2data as bd

    from bw_alu.paths import METHODS_DIR, ROOT
    from bw_alu.report.content.methods import substances

    sys.path.insert(0, str(ROOT / "scripts"))
    from indicator_substances import flow_scores, ranked_flows

    results, _ = plants
    (anode,) = [d for d in results["ingot_yunnan_2024"].direct if d["calculator"] == "anode_effect"]
    (cf4,) = [g for g in anode["gases"] if g["name"] == "Methane, tetrafluoro-, R-14"]
    assert (cf4["kg"], cf4["gwp100"]) == (0.02, 7380.0)
    product = bd.get_node(database="ingot_yunnan_2024", code="ingot_yunnan_2024")
    method = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
    lca = bc.LCA({product: 1}, method=method)
    lca.lci()
    scores = flow_scores(lca, method)
    # rel 1e-6: the processed matrices hold single-precision values (147.5999988 here)
    assert scores[("Methane, tetrafluoro-, R-14", "air")] == pytest.approx(0.02 * 7380, rel=1e-6)
    share = 0.02 * 7380 / sum(abs(v) for v in scores.values())
    row = [r for r in substances()["GWP100 (IPCC 2021)"] if r["flow"].endswith("R-14")]
    assert float(row[0]["share"]) == pytest.approx(share, rel=1e-5)
    # the committed file is the script's output, row for row
    import csv

    with (METHODS_DIR / "indicator_substances.csv").open(encoding="utf-8") as f:
        committed = list(csv.DictReader(f))
    fresh = [{k: str(v) for k, v in r.items()} for r in ranked_flows(3)]
    assert fresh == committed
