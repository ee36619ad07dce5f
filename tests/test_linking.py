"""Linking rules on literal inputs: no Brightway project, a hand-built background index."""

from __future__ import annotations

import pytest

from bw_alu.errors import UnlinkedExchange
from bw_alu.linking.link import BackgroundActivity, link_inventory, parse_simapro_name
from bw_alu.workbook import load_plant
from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets

# An ecoinvent-style background (lower-case products, ecoinvent unit names) with one name
# held twice, plus the open dataset that databases/mappings/study_datasets.csv maps
# ecoinvent's metallurgical alumina to (code cn-alumina).
ACTS = [
    BackgroundActivity(
        "ei",
        "a1",
        "aluminium oxide production",
        "kilogram",
        "RoW",
        "aluminium oxide, metallurgical",
    ),
    BackgroundActivity(
        "ei", "a2", "aluminium oxide production", "kilogram", "CN", "aluminium oxide, metallurgical"
    ),
    BackgroundActivity("ei", "t1", "Transport, truck", "ton kilometer", "GLO", "Transport, truck"),
    BackgroundActivity("ei", "t2", "Transport, truck", "ton kilometer", "RER", "Transport, truck"),
    BackgroundActivity("ei", "e1", "Electricity, grid", "kilowatt hour", "CN", "Electricity, grid"),
    BackgroundActivity(
        "uslci_cn",
        "cn-alumina",
        "Alumina, at plant, CN-adapted",
        "kg",
        "CN",
        "Alumina, at plant, CN-adapted",
        {"proxy": False},
    ),
]


def _index(acts=ACTS):
    index: dict[str, list[BackgroundActivity]] = {}
    for a in acts:
        index.setdefault(a.name, []).append(a)
    return index


def _plant(tmp_path, datasets: list[str]):
    sheets = plant_sheets(basis="per_declared_unit")
    for row, ds in zip(sheets["inventory"], datasets):
        row["dataset"] = ds
    return load_plant(write_workbook(tmp_path / "p.xlsx", sheets))


def test_parse_simapro_name():
    parts = parse_simapro_name(
        "Lime, hydrated, packed {RoW}| market for lime, hydrated, packed | APOS, U"
    )
    assert parts == {
        "product": "Lime, hydrated, packed",
        "location": "RoW",
        "activity": "market for lime, hydrated, packed",
        "system_model": "APOS",
        "process_type": "U",
    }
    assert parse_simapro_name("Electricity, grid") is None


def test_each_rule_and_the_unit_conversions(tmp_path):
    plant = _plant(
        tmp_path,
        [
            # SimaPro name -> ecoinvent activity by product (any case), activity and location
            "Aluminium oxide, metallurgical {CN}| aluminium oxide production | Cut-off, U",
            "burden-free (cut-off)",
            "ei:t2",  # a name held twice, picked by database:code
            "Electricity, grid",  # exact name
        ],
    )
    links = link_inventory(plant, _index())
    assert [(link.match, link.target.code if link.target else None) for link in links] == [
        ("simapro", "a2"),
        ("burden-free", None),
        ("exact", "t2"),
        ("exact", "e1"),
    ]
    # per declared unit as written: 2 t -> 2000 kg; 1e6 kg*km -> 1000 t*km; 3 MWh -> 3000 kWh
    assert [link.amount for link in links] == pytest.approx([2000.0, 500.0, 1000.0, 3000.0])
    assert [link.unit for link in links] == ["kilogram", "t", "ton kilometer", "kilowatt hour"]


def test_study_mapping_names_the_substitution(tmp_path):
    name = "Aluminium oxide, metallurgical {RoW}| market for aluminium oxide, metallurgical | Cut-off, U"
    plant = _plant(tmp_path, [name, "burden-free (cut-off)", "ei:t1", "Electricity, grid"])
    link = link_inventory(plant, _index())[0]
    assert (link.match, link.target.code) == ("mapped", "cn-alumina")
    assert "TianGong" in link.note and "alumina" in link.note


def test_unlinked_and_ambiguous_rows_are_all_listed(tmp_path):
    plant = _plant(
        tmp_path,
        ["No such thing", "burden-free (cut-off)", "Transport, truck", "Electricity, grid"],
    )
    with pytest.raises(UnlinkedExchange) as err:
        link_inventory(plant, _index())
    msg = str(err.value)
    assert "2 inventory row(s) could not be linked" in msg
    assert "row 2, column 'G (dataset)'" in msg and "no background dataset" in msg
    assert "row 4, column 'G (dataset)'" in msg and "2 background datasets share this name" in msg


def test_unlinked_rows_list_the_closest_candidates_and_how_to_name_one(tmp_path):
    plant = _plant(
        tmp_path,
        ["Electricity, grids", "burden-free (cut-off)", "Transport, truck", "Electricity, grid"],
    )
    with pytest.raises(UnlinkedExchange) as err:
        link_inventory(plant, _index())
    msg = str(err.value)
    # a near name: the closest dataset with database:code and unit, and how to name one
    assert "closest: 'Electricity, grid' (ei:e1, kilowatt hour)" in msg
    assert "'<database>:<code>'" in msg and "bw-alu datasets" in msg
    # a name held twice: every holder with its database:code
    assert (
        "'Transport, truck' (ei:t1, ton kilometer); 'Transport, truck' (ei:t2, ton kilometer)"
        in msg
    )


def test_user_mapping_file_adds_to_the_built_in_mapping(tmp_path):
    from bw_alu.errors import MappingFileInvalid
    from bw_alu.linking import read_mapping_file

    path = tmp_path / "my_mapping.csv"
    path.write_text(
        "study_dataset,background_code,match,note\n"
        "Our own grid dataset,e1,proxy,the supplier's grid\n",
        encoding="utf-8",
    )
    mapping = read_mapping_file(path)
    alumina = "Aluminium oxide, metallurgical {RoW}| market for aluminium oxide, metallurgical | Cut-off, U"
    plant = _plant(tmp_path, [alumina, "burden-free (cut-off)", "ei:t1", "Our own grid dataset"])
    links = link_inventory(plant, _index(), mapping=mapping)
    assert [(lk.match, lk.target.code if lk.target else None) for lk in links] == [
        ("mapped", "cn-alumina"),
        ("burden-free", None),
        ("exact", "t1"),
        ("proxy", "e1"),
    ]
    assert links[3].note == "the supplier's grid"
    bad = tmp_path / "bad.csv"
    bad.write_text("study_dataset,background_code,match\nX,,mapped\nY,e1,maybe\n", encoding="utf-8")
    with pytest.raises(MappingFileInvalid) as err:
        read_mapping_file(bad)
    assert "row 2, column 'background_code': empty" in str(err.value)
    assert "row 3, column 'match': 'maybe': use mapped or proxy" in str(err.value)


def test_dataset_search_in_english_and_chinese():
    from bw_alu.linking.search import find

    acts = [
        *ACTS,
        BackgroundActivity(
            "uslci_cn",
            "cn-anode",
            "Anode, prebaked, CN",
            "kg",
            "CN",
            "Anode, prebaked, CN",
            {},
            name_zh="碳阳极制造 ; 碳阳极",
        ),
    ]
    index = _index(acts)
    assert [a.code for a in find(index, "alumina")] == ["cn-alumina"]
    assert [a.code for a in find(index, "aluminium oxide CN")] == [
        "a2"
    ]  # words may name the location
    assert [a.code for a in find(index, "阳极")] == ["cn-anode"]
