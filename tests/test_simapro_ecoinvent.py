"""Plant A's SimaPro CSV export in a project made by ``bw2io.import_ecoinvent_release``
(the fixture release as ecoinvent 3.10 cut-off, its own ``ecoinvent-3.10-biosphere`` and
LCIA methods): the dataset names link to the ecoinvent-format background and the
substances to the project's own biosphere (by the ecoinvent 3.9 UUIDs the
correspondence gives, which the 3.10 biosphere keeps for these gases), so each of the
20 totals equals the workbook's imported into the same project (rel 1e-6, an identity).
The workbook's product exported from that project (``product_to_simapro``) and imported
again gives the same totals too.
"""

from __future__ import annotations

import pytest

from bw_alu.importer import import_plant
from bw_alu.indicators import indicators
from bw_alu.lcia import calculate_products
from bw_alu.paths import PLANTS_DIR

from .ecoinvent_project import make_ecoinvent_project, write_lcia_workbook

PROJECT = "test-simapro-ei"
BACKGROUND = "ecoinvent-3.10-cutoff"


def test_simapro_example_on_an_ecoinvent_project(tmp_path):
    with pytest.MonkeyPatch.context() as mp:
        make_ecoinvent_project(PROJECT, write_lcia_workbook(tmp_path / "lcia.xlsx"), mp)
    import_plant(PROJECT, PLANTS_DIR / "ingot_yunnan_2024.xlsx", background=BACKGROUND)
    summary = import_plant(
        PROJECT,
        PLANTS_DIR / "ingot_yunnan_2024_simapro.csv",
        background=BACKGROUND,
        product_id="plant_a_simapro",
    )
    assert summary.rows == 31
    wb, sp = calculate_products(PROJECT, ["ingot_yunnan_2024", "plant_a_simapro"])
    assert sp.meta["background"]["biosphere"] == "ecoinvent-3.10-biosphere"
    for ind in indicators():
        assert sp.total(ind.label) == pytest.approx(wb.total(ind.label), rel=1e-6, abs=1e-12), (
            ind.label
        )
    # and back out: the workbook product exported from this project and re-imported
    from bw_alu.export.simapro import product_to_simapro

    out = tmp_path / "a.csv"
    out.write_bytes(product_to_simapro(PROJECT, "ingot_yunnan_2024").encode("utf-8"))
    import_plant(PROJECT, out, background=BACKGROUND, product_id="plant_a_again")
    (again,) = calculate_products(PROJECT, ["plant_a_again"])
    for ind in indicators():
        assert again.total(ind.label) == pytest.approx(wb.total(ind.label), rel=1e-6, abs=1e-12), (
            ind.label
        )
