"""``bw-alu batch`` on the small system of ``small_system.py``.

Inputs (folder ``good/``)::

    good/
      plant.xlsx        tiny_plant  (alumina 2 t/yr, as test_small_system)
      two/*.csv         tiny_two    (CSV-folder workbook, electricity 5 MWh/yr)
      recipes.csv       variants of plant.xlsx:
        tiny_al3        alumina 3 t/yr
        tiny_al4        alumina 4 t/yr
        tiny_al4_du     alumina 4 kg per declared unit (= 4 t/yr at 1000 t/yr)

Hand values (IPCC 2021 GWP100, see test_small_system): alumina 1.670649 kg CO2 eq/kg,
base total 6.289892 with 2 kg alumina per t; each extra t/yr of alumina adds 1 kg per
t, i.e. 1.670649: 4 t/yr -> 6.289892 + 3.341298. Electricity 0.801298 per kWh:
5 MWh/yr instead of 3 -> + 2 x 0.801298.
"""

from __future__ import annotations

import functools
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from bw_alu import project as bw_project
from bw_alu.batch import runner as batch_runner
from bw_alu.batch.runner import run_batch
from bw_alu.errors import RecipeInvalid
from bw_alu.lcia import calculate_products
from bw_alu.results import COLUMNS
from bw_alu.workbook.write import write_csv_folder, write_workbook

from .small_system import plant_sheets, tiny_background

PROJECT = "test-batch"
REL = 1e-6  # float32 storage of amounts, see test_small_system
GWP = "GWP100 (IPCC 2021)"
BASE = 6.289892
ALUMINA_T = 1.670649  # per t/yr of alumina: 1 kg per declared unit


def _recipes(path, rows: list[str]) -> None:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    bg = tiny_background(base / "tiny.json.gz")
    good = base / "good"
    write_workbook(good / "plant.xlsx", plant_sheets())
    two = plant_sheets("tiny_two")
    two["inventory"][3]["amount"] = 5
    write_csv_folder(good / "two", two)
    _recipes(
        good / "recipes.csv",
        [
            "product_id,base,basis,product:product_name_en,unit:alumina,amount:alumina,note",
            "tiny_al3,plant.xlsx,,ingot al3,,3,",
            "tiny_al4,plant.xlsx,workbook,ingot al4,,4,annual t",
            "tiny_al4_du,plant.xlsx,per_declared_unit,,kg,4,kg per t",
        ],
    )
    bad = plant_sheets("tiny_bad")
    bad["inventory"][0]["dataset"] = "No such dataset"
    write_workbook(base / "bad.xlsx", bad)
    return {"base": base, "bg": bg, "good": good, "bad": base / "bad.xlsx"}


def _run(inputs, paths, out, **kw):
    kw.setdefault("reports", None)
    return run_batch(PROJECT, paths, out, background="tiny", background_file=inputs["bg"], **kw)


@pytest.fixture(scope="module")
def first_run(inputs):
    out = inputs["base"] / "out"
    outcome = _run(inputs, [inputs["good"]], out)
    return {"out": out, "outcome": outcome}


def _total(table, indicator=GWP):
    sel = table[(table.indicator == indicator) & (table.stage == "")]
    assert len(sel) == 1
    return float(sel.score.iloc[0])


def test_all_products_computed(first_run):
    o = first_run["outcome"]
    assert o.failed == []
    assert o.exit_code == 0
    assert o.computed == [
        "tiny_plant",
        "tiny_al3",
        "tiny_al4",
        "tiny_al4_du",
        "tiny_two",
    ]  # name order
    # one factorization for all products and indicators; bw2calc cross-check on one
    assert list(o.calculation["backgrounds"]) == ["tiny"]
    assert o.calculation["cross_check"]["products"] == ["tiny_plant"]
    assert o.calculation["cross_check"]["max_rel"] < 1e-12


def test_batch_equals_single_lcia_exactly(first_run):
    out = first_run["out"]
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert list(summary.columns) == COLUMNS
    for pid in first_run["outcome"].computed:
        (single,) = calculate_products(PROJECT, [pid])
        batch = pd.read_csv(out / pid / "results.csv", keep_default_na=False)
        assert batch["product"].unique().tolist() == [pid]
        assert len(batch) == len(single.table)
        # the CSV keeps 10 significant digits; the tables themselves are bit-identical
        # (checked on the JSON, which keeps every bit)
        import json

        data = json.loads((out / pid / "result.json").read_text(encoding="utf-8"))
        assert [r["score"] for r in data["results"]] == single.table.score.tolist()
        assert data["results"] == single.table.to_dict(orient="records")
        rows = summary[summary["product"] == pid]
        expected = single.table[single.table.contributor == ""]
        assert len(rows) == len(expected) == 20 * 4  # total + 3 stages, 20 indicators
        assert rows.score.tolist() == pytest.approx(expected.score.tolist(), rel=1e-9)


def test_recipe_totals_by_hand(first_run):
    out = first_run["out"]

    def total(pid):
        return _total(pd.read_csv(out / pid / "results.csv", keep_default_na=False))

    assert total("tiny_plant") == pytest.approx(BASE, rel=REL)
    assert total("tiny_al3") == pytest.approx(BASE + ALUMINA_T, rel=REL)
    assert total("tiny_al4") == pytest.approx(BASE + 3.341298, rel=REL)
    assert total("tiny_al4_du") == pytest.approx(BASE + 3.341298, rel=REL)
    assert total("tiny_two") == pytest.approx(BASE + 2 * 0.801298, rel=REL)
    # the derived workbook is kept for the verifier, with the recipe in the product meta
    assert (out / "variants" / "tiny_al4_du" / "inventory.csv").exists()


def test_failing_product_is_reported_others_finish(inputs):
    out = inputs["base"] / "out_bad"
    o = _run(inputs, [inputs["bad"], inputs["good"] / "plant.xlsx"], out)
    assert o.exit_code == 1
    assert o.computed == ["tiny_plant"]
    (f,) = o.failed
    assert f.product_id is None or f.product_id == "tiny_bad"
    assert "could not be linked" in f.reason
    assert f"{inputs['bad']}, sheet 'inventory', row 2, column" in f.reason
    assert "'No such dataset'" in f.reason
    failures = pd.read_csv(out / "failures.csv", keep_default_na=False)
    assert failures.input.tolist() == [str(inputs["bad"])]
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert summary["product"].unique().tolist() == ["tiny_plant"]


def test_rerun_skips_unchanged_force_recomputes(inputs, tmp_path):
    good = tmp_path / "good"
    shutil.copytree(inputs["good"], good)
    out = tmp_path / "out"
    first = _run(inputs, [good], out)
    assert len(first.computed) == 5
    again = _run(inputs, [good], out)
    assert again.computed == []
    assert again.skipped == first.computed
    # the summary still holds every product
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert summary["product"].unique().tolist() == first.computed
    # a changed recipe row recomputes that variant only
    text = (good / "recipes.csv").read_text(encoding="utf-8")
    (good / "recipes.csv").write_text(
        text.replace("tiny_al3,plant.xlsx,,ingot al3,,3,", "tiny_al3,plant.xlsx,,ingot al3,,5,"),
        encoding="utf-8",
    )
    changed = _run(inputs, [good], out)
    assert changed.computed == ["tiny_al3"]
    al3 = pd.read_csv(out / "tiny_al3" / "results.csv", keep_default_na=False)
    assert _total(al3) == pytest.approx(BASE + 3 * ALUMINA_T, rel=REL)
    # a changed base workbook recomputes the plant and every variant derived from it
    sheets = plant_sheets()
    sheets["inventory"][2]["amount"] = 2_000_000  # transport doubled: + 0.1298
    write_workbook(good / "plant.xlsx", sheets)
    changed = _run(inputs, [good], out)
    assert changed.computed == ["tiny_plant", "tiny_al3", "tiny_al4", "tiny_al4_du"]
    forced = _run(inputs, [good], out, force=True)
    assert forced.computed == first.computed and forced.skipped == []


def test_bad_recipes_table_stops_before_anything_is_written(inputs, tmp_path):
    recipes = tmp_path / "recipes.csv"
    shutil.copy(inputs["good"] / "plant.xlsx", tmp_path / "plant.xlsx")
    _recipes(
        recipes,
        [
            "product_id,base,amount:alumina,colour",
            "ok_one,plant.xlsx,1,",
        ],
    )
    out = tmp_path / "out"
    with pytest.raises(RecipeInvalid) as err:
        _run(inputs, [recipes], out)
    assert f"{recipes}, row 1, column 'colour'" in str(err.value)
    _recipes(
        recipes,
        [
            "product_id,base,amount:alumina",
            "ok_one,plant.xlsx,lots",
            "Bad Id,missing.xlsx,1",
            "ok_one,plant.xlsx,1",
        ],
    )
    with pytest.raises(RecipeInvalid) as err:
        _run(inputs, [recipes], out)
    msg = str(err.value)
    assert "4 problem(s)" in msg
    assert f"{recipes}, row 2, column 'amount:alumina': 'lots' is not a non-negative number" in msg
    assert f"{recipes}, row 3, column 'product_id'" in msg
    assert f"{recipes}, row 3, column 'base'" in msg
    assert f"{recipes}, row 4, column 'product_id': 'ok_one' already on row 2" in msg
    assert not out.exists()


def test_recipe_that_does_not_fit_its_base_fails_alone(inputs, tmp_path):
    shutil.copy(inputs["good"] / "plant.xlsx", tmp_path / "plant.xlsx")
    recipes = tmp_path / "recipes.csv"
    _recipes(
        recipes,
        [
            "product_id,base,amount:alumina,amount:copper",
            "tiny_cu,plant.xlsx,2,0.5",
            "tiny_al2,plant.xlsx,2,",
        ],
    )
    o = _run(inputs, [recipes], tmp_path / "out")
    assert o.computed == ["tiny_al2"]
    (f,) = o.failed
    assert f.product_id == "tiny_cu"
    assert f"{recipes}, row 2, column 'amount:copper'" in f.reason
    assert "has no inventory row 'copper'" in f.reason


def test_cli_exit_status_and_progress(inputs, tmp_path, monkeypatch):
    from bw_alu.cli import main

    # the tiny background instead of the embedded one: keeps the test fast
    monkeypatch.setattr(
        batch_runner, "setup", functools.partial(bw_project.setup, background_file=inputs["bg"])
    )
    runner = CliRunner()
    out = tmp_path / "out"
    # --replace: earlier tests of this module's project imported tiny_plant from their own
    # (edited) copies of the workbook, which batch, like import, would otherwise refuse
    args = ["batch", "--project", PROJECT, "--background", "tiny", "--no-reports", "--replace"]
    args.append("--output")
    ok = runner.invoke(main, [*args, str(out), str(inputs["good"] / "plant.xlsx")])
    assert ok.exit_code == 0, ok.output
    assert "1 computed, 0 unchanged (skipped), 0 failed" in ok.output
    mixed = runner.invoke(
        main, [*args, str(out), str(inputs["good"] / "plant.xlsx"), str(inputs["bad"])]
    )
    assert mixed.exit_code == 1
    assert "0 computed, 1 unchanged (skipped), 1 failed" in mixed.output
    assert f"FAILED {inputs['bad']}" in mixed.output
    missing = runner.invoke(main, [*args, str(out), str(tmp_path / "nope.xlsx")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.output
    assert "Traceback" not in missing.output
