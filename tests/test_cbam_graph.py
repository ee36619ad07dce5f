"""bw-alu cbam from the product stored in a Brightway project (issue 14, "the Brightway
database is the model").

A real project on disk: plants A and B imported with bw-alu import, then read back by
``cbam_of_product``. The stored amounts are the Python floats of bw2data's SQLite rows
(the float32 copies in the processed arrays are what bw2calc uses, not what CBAM reads),
so the stored-graph figures equal the workbook-based ones to float64 rounding (rel 1e-9
is far above the ~1e-16 seen). Edits are made with bw2data, as Activity Browser makes
them, and the CBAM figure moves by the hand-derived amount.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from bw_alu.cbam import cbam_of_product, cbam_result
from bw_alu.cli import main
from bw_alu.importer import import_plant
from bw_alu.paths import DATABASES_DIR, PLANTS_DIR
from bw_alu.workbook import load_plant

PROJECT = "test-cbam-graph"
A_ID, B_ID = "ingot_yunnan_2024", "castrod_kunshan_2024"
A = PLANTS_DIR / f"{A_ID}.xlsx"
B = PLANTS_DIR / f"{B_ID}.xlsx"
REL = 1e-9
# Plant A's grid factor for both electricity rows (databases/cbam/ingot_yunnan_2024/
# cbam_electricity.csv: MEE/NBS 2022 national factor, 0.1073 kg CO2/kWh = t CO2/MWh)
A_GRID = 0.1073
A_COAL = "grid electricity, coal-fired share"


# Plant A written as several processes (the product's process takes the others' outputs):
# the stored exchanges are per run of each process and the foreground's supply scales them
A_PROC_ID = "ingot_yunnan_2024_processes"
A_PROC = PLANTS_DIR / f"{A_PROC_ID}.xlsx"
A_CBAM = DATABASES_DIR / "cbam" / A_ID


@pytest.fixture(scope="module")
def imported():
    for path in (A, B, A_PROC):
        import_plant(PROJECT, path)
    return PROJECT


def _exchange(pid: str, pred):
    """The one exchange of the product activity ``pid`` for which ``pred(bw_alu meta)``."""
    import bw2data as bd

    node = bd.get_node(database=pid, code=pid)
    found = [x for x in node.exchanges() if pred(x.get("bw_alu") or {})]
    assert len(found) == 1
    return found[0]


def _cbam(project: str, output: Path, *extra: str, fmt: str | None = "json"):
    """``bw-alu cbam --product <plant A> --project PROJECT [--format FMT] --output OUTPUT
    EXTRA...`` through the CLI."""
    args = ["cbam", "--product", A_ID, "--project", project, "--output", str(output)]
    if fmt:
        args += ["--format", fmt]
    return CliRunner().invoke(main, [*args, *extra])


def _close(a, b):
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _close(a[k], b[k])
    elif isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, rel=REL, abs=1e-15)
    else:
        assert a == b


@pytest.mark.parametrize(
    "pid,path,cbam_data", [(A_ID, A, None), (B_ID, B, None), (A_PROC_ID, A_PROC, A_CBAM)]
)
def test_stored_graph_equals_workbook(imported, pid, path, cbam_data):
    stored = cbam_of_product(imported, pid, cbam_data=cbam_data)
    book = cbam_result(path, cbam_data=cbam_data)
    assert stored["source"]["kind"] == "stored graph"
    assert stored["source"]["text"] == f"stored graph in project {PROJECT}"
    assert book["source"] == {"kind": "workbook", "project": None, "text": "workbook"}
    _close(stored["see"], book["see"])
    for s_item, b_item in zip(stored["direct"]["items"], book["direct"]["items"], strict=True):
        assert (s_item["label"], s_item["scope"], s_item["rule"]) == (
            b_item["label"],
            b_item["scope"],
            b_item["rule"],
        )
        assert s_item["t_co2e_per_t"] == pytest.approx(b_item["t_co2e_per_t"], rel=REL, abs=1e-15)
        assert s_item["cfp_kg_co2e_per_du"] == pytest.approx(b_item["cfp_kg_co2e_per_du"], rel=REL)
    assert [r["mwh_per_t"] for r in stored["indirect"]["rows"]] == pytest.approx(
        [r["mwh_per_t"] for r in book["indirect"]["rows"]], rel=REL
    )
    assert [x["t_per_t"] for x in stored["precursors"]] == pytest.approx(
        [x["t_per_t"] for x in book["precursors"]], rel=REL
    )


def test_from_workbook_flag_and_missing_product_keep_workbook_path(imported):
    assert cbam_of_product(imported, A_ID, from_workbook=True)["source"]["kind"] == "workbook"
    # a project that does not exist: the workbook, and no project created
    import bw2data as bd

    r = cbam_of_product("test-cbam-graph-nowhere", A_ID)
    assert r["source"]["kind"] == "workbook"
    assert "test-cbam-graph-nowhere" not in bd.projects


def test_current_project_left_as_found(imported):
    import bw2data as bd

    bd.projects.set_current("default")
    try:
        cbam_of_product(imported, A_ID)
        assert bd.projects.current == "default"
    finally:
        bd.projects.set_current(PROJECT)


def test_edit_of_anode_co2_exchange_moves_see_direct(imported):
    before = cbam_of_product(imported, A_ID)
    exc = _exchange(
        A_ID, lambda m: m.get("label") == "anode consumption" and m.get("role") == "direct"
    )
    kg = exc["amount"]
    # Plant A: one process, production 1 declared unit = 1 t (runs = 1, du tonnes = 1).
    # Stored anode CO2 per DU: 0.389 t C x (1 - 0.02 - 0.004) x 44/12 = 1.3921013 t
    # = 1392.1013 kg (the workbook's anode parameters, plants.md A.4)
    assert kg == pytest.approx(0.389 * (1 - 0.02 - 0.004) * 44 / 12 * 1000, rel=1e-12)
    # The SQLite row holds the Python float; bw2calc's processed arrays hold float32, off
    # by more than rel 1e-9 here: CBAM reads the row, hence its 1e-9 agreement.
    import numpy as np

    assert abs(float(np.float32(kg)) - kg) / kg > 1e-9
    try:
        exc["amount"] = kg * 1.1
        exc.save()
        after = cbam_of_product(imported, A_ID)
    finally:
        exc["amount"] = kg
        exc.save()
    # delta = 0.1 x 1392.1013 kg CO2/DU x runs 1 / 1 t per DU / 1000 kg/t x GWP 1
    #       = 0.13921013 t CO2e/t
    delta = 0.1 * kg * 1.0 / 1.0 / 1000.0
    assert delta == pytest.approx(0.13921013333, rel=1e-9)
    assert after["see"]["direct"] - before["see"]["direct"] == pytest.approx(delta, rel=1e-9)
    assert after["see"]["indirect"] == before["see"]["indirect"]
    # lcia's view and cbam's agree again once restored
    assert cbam_of_product(imported, A_ID)["see"] == before["see"]


def test_edit_of_electricity_input_moves_see_indirect(imported):
    before = cbam_of_product(imported, A_ID)
    exc = _exchange(A_ID, lambda m: m.get("label") == A_COAL and m.get("role") == "row")
    kwh = exc["amount"]
    # the stored kWh per DU is the workbook row's amount (1 t declared unit, per_du 1)
    row = next(r for r in load_plant(A).inventory if r.label == A_COAL)
    assert (row.unit, kwh) == ("kWh", pytest.approx(row.amount, rel=1e-12))
    try:
        exc["amount"] = kwh * 1.1
        exc.save()
        after = cbam_of_product(imported, A_ID)
    finally:
        exc["amount"] = kwh
        exc.save()
    # delta = 0.1 x kWh / 1000 (MWh) x runs 1 / 1 t x 0.1073 t CO2/MWh
    delta = 0.1 * kwh / 1000.0 * A_GRID
    assert after["see"]["indirect"] - before["see"]["indirect"] == pytest.approx(delta, rel=1e-9)
    assert after["see"]["direct"] == before["see"]["direct"]


def test_cli_reports_source_and_refuses_changed_workbook(imported, tmp_path: Path):
    run = _cbam(PROJECT, tmp_path / "out")
    assert run.exit_code == 0, run.output
    assert f"from the stored graph in project {PROJECT}" in run.output
    data = json.loads((tmp_path / "out" / f"{A_ID}_cbam.json").read_text(encoding="utf-8"))
    assert data["source"]["project"] == PROJECT

    # a user's own workbook (outside the examples), imported, then changed on disk
    own = tmp_path / "own" / "ingot_yunnan_2024.xlsx"
    own.parent.mkdir()
    shutil.copy(A, own)
    project2 = "test-cbam-graph-own"
    import_plant(project2, own)
    run = _cbam(project2, tmp_path / "o2")
    assert run.exit_code == 0, run.output
    own.write_bytes(own.read_bytes() + b"\0")  # a changed file
    run = _cbam(project2, tmp_path / "o3")
    assert run.exit_code == 2
    assert "has changed since" in run.output and str(own) in run.output
    assert "Traceback" not in run.output
    assert not (tmp_path / "o3").exists()
    run = _cbam(project2, tmp_path / "o4", "--workbook", str(A))
    assert run.exit_code == 0, run.output


def test_gone_workbook_falls_back_only_to_the_same_file(imported, tmp_path: Path):
    """The workbook a product was imported from is deleted: the embedded example stands in
    only when its bytes are the recorded ones (SHA-256); another file's CBAM sheets would
    give another plant's figures, so that is one error (exit 2) naming the path."""
    from bw_alu.errors import CbamSourceChanged

    same = tmp_path / "same" / f"{A_ID}.xlsx"  # the example's bytes at another path
    same.parent.mkdir()
    shutil.copy(A, same)
    import_plant("test-cbam-graph-gone", same)
    same.unlink()
    result = cbam_of_product("test-cbam-graph-gone", A_ID)
    assert result["source"]["kind"] == "stored graph"
    _close(result["see"], cbam_result(A)["see"])

    other = tmp_path / "other" / f"{A_ID}.xlsx"  # other bytes: the example, a zip comment
    other.parent.mkdir()
    shutil.copy(A, other)
    with zipfile.ZipFile(other, "a") as z:
        z.comment = b"another copy"
    import_plant("test-cbam-graph-gone", other, replace=True)
    other.unlink()
    with pytest.raises(CbamSourceChanged, match="is gone"):
        cbam_of_product("test-cbam-graph-gone", A_ID)
    run = _cbam("test-cbam-graph-gone", tmp_path / "o", fmt=None)
    assert run.exit_code == 2 and str(other) in run.output and "Traceback" not in run.output
    assert not (tmp_path / "o").exists()


def test_deleted_electricity_exchange_is_one_clear_error(imported, tmp_path: Path):
    """An electricity row of cbam_electricity whose stored exchange was deleted (with
    bw2data / Activity Browser): one message naming the CBAM sheet's cell, exit 2,
    nothing written."""
    from bw_alu.project import in_project

    project = "test-cbam-graph-deleted"
    import_plant(project, A)
    with in_project(project):
        _exchange(A_ID, lambda m: m.get("label") == A_COAL and m.get("role") == "row").delete()
    run = _cbam(project, tmp_path / "out")
    assert run.exit_code == 2, run.output
    assert "cbam_electricity" in run.output and A_COAL in run.output
    assert f"stored in project {project!r}" in run.output
    assert "Traceback" not in run.output
    assert not (tmp_path / "out").exists()


def _edit_product(pid: str, *, amount=None, unit=None, activity_unit=None) -> None:
    """Edit the declared unit bw-alu stored with product ``pid`` (the product activity's
    ``bw_alu.product`` metadata and its ``unit``), as a script with bw2data would."""
    import bw2data as bd

    node = bd.get_node(database=pid, code=pid)
    meta = dict(node["bw_alu"])
    product = dict(meta["product"])
    if amount is not None:
        product["declared_unit_amount"] = amount
    if unit is not None:
        product["declared_unit_unit"] = unit
    meta["product"] = product
    node["bw_alu"] = meta
    if activity_unit is not None:
        node["unit"] = activity_unit
    node.save()


def test_declared_unit_is_the_stored_products(tmp_path: Path):
    """From the stored graph, the figures are per t of the declared unit stored with the
    product, not the workbook's: the stored exchanges are amounts per declared unit, so a
    product whose stored declared unit is 2000 kg (2 t) while the workbook says 1 t has
    half the SEE of the 1 t product. --from-workbook keeps the workbook's 1 t."""
    from bw_alu.project import in_project

    project = "test-cbam-graph-du"
    import_plant(project, A)
    before = json.loads(_run_json(project, tmp_path / "before"))
    assert before["declared_unit"]["t"] == 1.0  # plant A: 1 t declared unit
    with in_project(project):
        _edit_product(A_ID, amount=2000.0, unit="kg", activity_unit="kg")
    after = json.loads(_run_json(project, tmp_path / "after"))
    # Hand derivation: the stored amounts per declared unit are unchanged (no exchange
    # was edited); the declared unit is now 2000 kg x 0.001 t/kg = 2 t, so every figure
    # per t of good is the 1 t figure x 1 t / 2 t. Plant A (README, CBAM section):
    # direct 1.547284 / 2 = 0.773642, indirect 1.492170 / 2 = 0.746085 t CO2e/t.
    du_t = 2000.0 * 0.001
    assert after["declared_unit"] == {
        "amount": 2000.0,
        "unit": "kg",
        "t": du_t,
        "basis": "per_declared_unit",
        "production_volume_t": None,
        "from": f"stored product in project {project}",
        "workbook": "1 t",
    }
    assert after["declared_unit_t"] == du_t
    for key in ("attributed_direct", "direct", "electricity_indirect", "indirect", "total"):
        assert after["see"][key] == pytest.approx(before["see"][key] * 1.0 / du_t, rel=1e-12)
    assert after["see"]["direct"] == pytest.approx(1.547284 / 2, abs=1e-6)
    assert after["see"]["indirect"] == pytest.approx(1.492170 / 2, abs=1e-6)
    md = (tmp_path / "after" / f"{A_ID}_cbam_en.md").read_text(encoding="utf-8")
    assert f"2000 kg (from the stored product in project {project}; the workbook says 1 t)" in md
    # the workbook path keeps the workbook's declared unit
    book = cbam_of_product(project, A_ID, from_workbook=True)
    assert book["declared_unit"]["from"] == "workbook" and book["declared_unit_t"] == 1.0
    assert book["see"]["direct"] == pytest.approx(before["see"]["direct"], rel=REL)


def _run_json(project: str, out: Path) -> str:
    run = _cbam(project, out, "--format", "md", "--lang", "en")
    assert run.exit_code == 0, run.output
    return (out / f"{A_ID}_cbam.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "edit,why",
    [
        ({"unit": "kWh", "activity_unit": "kWh"}, "its declared unit kWh is not a mass"),
        ({"activity_unit": "kg"}, "the product activity's unit kg disagrees"),
    ],
)
def test_stored_declared_unit_that_cbam_cannot_use_is_one_error(tmp_path: Path, edit, why):
    """A stored declared unit that is not a mass (CBAM counts per t of good; the CBAM
    sheets are in t), or a product activity whose unit disagrees with it: one message
    naming the stored product's unit and the workbook's, exit 2, nothing written."""
    from bw_alu.project import in_project

    project = "test-cbam-graph-du-bad"
    import_plant(project, A, replace=True)
    with in_project(project):
        _edit_product(A_ID, **edit)
    run = _cbam(project, tmp_path / "out")
    assert run.exit_code == 2, run.output
    assert why in run.output
    assert f"as stored in project {project!r}" in run.output
    assert "declared unit 1 t" in run.output  # the workbook's
    assert "Traceback" not in run.output
    assert not (tmp_path / "out").exists()


def test_hand_added_exchanges_are_listed_and_left_out(tmp_path: Path):
    """Exchanges added with bw2data without bw-alu metadata have no CBAM meaning: they are
    listed (json ``unlabelled_exchanges_left_out``, md flags, xlsx A_InstData) and the
    figures do not move."""
    import bw2data as bd

    from bw_alu.project import in_project

    project = "test-cbam-graph-hand"
    import_plant(project, A)
    before = json.loads(_run_json(project, tmp_path / "before"))
    assert before["source"]["unlabelled_exchanges_left_out"] == []
    with in_project(project):
        node = bd.get_node(database=A_ID, code=A_ID)
        co2 = _exchange(
            A_ID, lambda m: m.get("label") == "anode consumption" and m.get("role") == "direct"
        ).input
        coal = _exchange(A_ID, lambda m: m.get("label") == A_COAL and m.get("role") == "row").input
        node.new_exchange(input=co2, amount=1000.0, type="biosphere").save()
        node.new_exchange(input=coal, amount=500.0, type="technosphere").save()
        co2_key, coal_key = co2.key, coal.key
    run = _cbam(project, tmp_path / "after", fmt=None)
    assert run.exit_code == 0, run.output
    after = json.loads((tmp_path / "after" / f"{A_ID}_cbam.json").read_text(encoding="utf-8"))
    left_out = after["source"]["unlabelled_exchanges_left_out"]
    assert left_out == [
        f"{A_ID}: biosphere {co2_key[0]}/{co2_key[1]}",
        f"{A_ID}: technosphere {coal_key[0]}/{coal_key[1]}",
    ]
    # Hand derivation: counted, the 1000 kg CO2 per declared unit (1 t, runs 1) would add
    # 1000 kg / 1000 kg/t / 1 t x GWP 1 = 1.0 t CO2e/t to SEE direct, and the 500 kWh
    # 0.5 MWh/t x 0.1073 t CO2/MWh = 0.05365 t CO2e/t to SEE indirect; left out, both
    # stay exactly as before.
    assert after["see"] == before["see"]
    for lang in ("en", "zh"):
        md = (tmp_path / "after" / f"{A_ID}_cbam_{lang}.md").read_text(encoding="utf-8")
        assert all(x in md for x in left_out)
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "after" / f"{A_ID}_cbam_en.xlsx")["A_InstData"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["unlabelled_exchanges_left_out"] == "; ".join(left_out)
