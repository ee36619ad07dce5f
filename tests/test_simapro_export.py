"""``bw-alu export PRODUCT --format simapro-csv``: the stored foreground as a SimaPro CSV
export, read back by ``bw-simapro-csv`` through ``bw-alu import``.

Round trip: export, re-import under another product id, compare. The export writes
each stored exchange's amount (15 significant digits) under the name that links it to
the same background dataset (the row's dataset name) or the same elementary flow (the
SimaPro substance mapped to it), so the re-imported product holds the same exchanges and
each of the 20 totals must be the original's (rel 1e-6): an identity, nothing to derive.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bw_alu.cli import main
from bw_alu.importer import import_plant
from bw_alu.indicators import indicators
from bw_alu.lcia import calculate_products
from bw_alu.paths import PLANTS_DIR
from bw_alu.project import in_project

PROJECT = "test-simapro-export"
HERE = Path(__file__).parent
LABELS = [i.label for i in indicators()]


def _round_trip(tmp_path, product: str, again: str) -> None:
    out = tmp_path / f"{product}.csv"
    runner = CliRunner()
    res = runner.invoke(
        main,
        ["export", product, "--format", "simapro-csv", "--output", str(out), "--project", PROJECT],
    )
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"{SimaPro ")
    res = runner.invoke(main, ["import", str(out), "--project", PROJECT, "--product-id", again])
    assert res.exit_code == 0, res.output
    first, second = calculate_products(PROJECT, [product, again])
    assert len(LABELS) == 20
    for label in LABELS:
        assert second.total(label) == pytest.approx(first.total(label), rel=1e-6, abs=1e-12), label


def test_round_trip_plant_a(tmp_path):
    import_plant(PROJECT, PLANTS_DIR / "ingot_yunnan_2024.xlsx")
    _round_trip(tmp_path, "ingot_yunnan_2024", "plant_a_again")
    # the direct emissions came back as substances, in the production stage
    import bw2data as bd

    with in_project(PROJECT):
        bio = [e for e in bd.get_node(database="plant_a_again", code="plant_a_again").biosphere()]
    assert len(bio) == 7  # 5 items: 4 x CO2, CF4 + C2F6
    assert {e["bw_alu"]["role"] for e in bio} == {"substance"}


def test_round_trip_three_processes_with_cut_off_coproduct(tmp_path):
    import_plant(PROJECT, PLANTS_DIR / "ingot_yunnan_2024_processes.xlsx")
    _round_trip(tmp_path, "ingot_yunnan_2024_processes", "plant_a3_again")
    import bw2data as bd

    with in_project(PROJECT):
        codes = {a["code"] for a in bd.Database("plant_a3_again")}
    # three processes and the spent anode butts, a co-product cut off (0 %) as before
    assert "plant_a3_again" in codes and len(codes) == 4
    assert sum(c.endswith(".coproduct-1") for c in codes) == 1


def test_round_trip_of_a_simapro_import(tmp_path):
    import_plant(PROJECT, HERE / "fixtures" / "simapro_substances.csv")
    _round_trip(tmp_path, "aluminium-ingot-casting", "casting_again")


def test_avoided_products_are_refused(tmp_path):
    """bw-alu imports no avoided products, so it writes none: a substitution exchange
    added by hand makes the export stop with one message (exit 2), nothing written."""
    import bw2data as bd

    import_plant(PROJECT, HERE / "fixtures" / "simapro_two_processes.csv", product_id="subst")
    with in_project(PROJECT):
        act = bd.get_node(database="subst", code="subst")
        other = next(a for a in bd.Database("uslci_cn"))
        act.new_exchange(input=other, amount=1.0, type="substitution").save()
    out = tmp_path / "subst.csv"
    res = CliRunner().invoke(main, ["export", "subst", "--output", str(out), "--project", PROJECT])
    assert res.exit_code == 2, res.output
    assert "avoided product" in res.output and "Traceback" not in res.output
    assert not out.exists()


def test_unknown_product_exit_2(tmp_path):
    res = CliRunner().invoke(main, ["export", "nope", "--project", PROJECT])
    assert res.exit_code == 2 and "not imported" in res.output


def test_round_trip_coproducts_with_allocation_percent(tmp_path):
    """The smelter of simapro_coproducts.csv (90 % liquid aluminium, 10 % butts) is
    written before allocation (stored exchanges / 0.9) with its two outputs and their %,
    which the re-import applies again."""
    import_plant(PROJECT, HERE / "fixtures" / "simapro_coproducts.csv", product_id="co")
    _round_trip(tmp_path, "co", "co_again")
    text = (tmp_path / "co.csv").read_bytes().decode("utf-8")
    # per kg of liquid aluminium, as stored: 0.1 kg of butts; 19.5 kg / 1000 kg of AlF3
    # before allocation (the stored 0.9 x 0.0195 kg, divided back by 0.9)
    assert "\r\nLiquid aluminium;kg;1;90;not defined;" in text
    assert "\r\nSpent anode butts;kg;0,1;10;not defined;" in text
    line = next(x for x in text.split("\r\n") if x.startswith("Aluminium fluoride"))
    assert float(line.split(";")[2].replace(",", ".")) == pytest.approx(0.0195, rel=1e-7)


def test_cut_off_coproduct_written_at_0_percent(tmp_path):
    import_plant(PROJECT, PLANTS_DIR / "ingot_yunnan_2024_processes.xlsx")
    out = tmp_path / "a3.csv"
    res = CliRunner().invoke(
        main, ["export", "ingot_yunnan_2024_processes", "--output", str(out), "--project", PROJECT]
    )
    assert res.exit_code == 0, res.output
    text = out.read_bytes().decode("utf-8")
    assert ";0;not defined;" in text  # the butts: cut off, 0 % of the burden


def test_exchange_relinked_by_hand_written_as_database_code(tmp_path):
    """An exchange moved to another background dataset with bw2data is written as
    ``<database>:<code>`` (its row's dataset name no longer says what it takes), which
    the re-import links exactly: the totals still match."""
    import bw2data as bd

    import_plant(PROJECT, HERE / "fixtures" / "simapro_two_processes.csv", product_id="moved")
    with in_project(PROJECT):
        act = bd.get_node(database="moved", code="moved")
        exc = next(e for e in act.technosphere() if e.input["database"] == "uslci_cn")
        other = next(
            a
            for a in bd.Database("uslci_cn")
            if a["unit"] == exc.input["unit"] and a.key != exc.input.key
        )
        exc["input"] = other.key
        exc.save()
    _round_trip(tmp_path, "moved", "moved_again")
    text = (tmp_path / "moved.csv").read_bytes().decode("utf-8")
    assert f"\r\nuslci_cn:{other['code']};" in text


def test_default_file_name_and_unwritable_output(tmp_path):
    import os

    import_plant(PROJECT, HERE / "fixtures" / "simapro_two_processes.csv", product_id="named")
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        res = runner.invoke(main, ["export", "named", "--project", PROJECT])
        assert res.exit_code == 0, res.output
        assert os.path.exists("named_simapro.csv") and "wrote named_simapro.csv" in res.output
    res = runner.invoke(
        main,
        [
            "export",
            "named",
            "--output",
            str(tmp_path / "no" / "such" / "x.csv"),
            "--project",
            PROJECT,
        ],
    )
    assert res.exit_code == 2 and "Traceback" not in res.output
