"""What the SimaPro tests share: the two background datasets their hand derivations use,
and a workbook whose declared unit takes 1 kWh of one and 1 kg of the other, so that one
calculation gives the unit scores e (per kWh) and f (per kg) the derivations are built on."""

from __future__ import annotations

from pathlib import Path

from bw_alu.workbook.write import write_workbook

from .small_system import plant_sheets

ELEC = "Electricity, aluminum smelting and ingot casting regions"
ALF3 = "Aluminium fluoride, at plant, CN, process fuels only (TianGong, Peng et al. 2019)"


def unit_scores_workbook(folder: Path, product_id: str) -> Path:
    """``folder/<product_id>.xlsx``: 1 kWh of ELEC (row "e") and 1 kg of ALF3 (row "f")
    per declared unit, no direct emissions."""
    sheets = plant_sheets(product_id, basis="per_declared_unit")
    sheets["inventory"] = [
        {
            "stage": "production",
            "label": "e",
            "kind": "energy",
            "amount": 1,
            "unit": "kWh",
            "dataset": ELEC,
        },
        {
            "stage": "raw_materials",
            "label": "f",
            "kind": "material",
            "amount": 1,
            "unit": "kg",
            "dataset": ALF3,
        },
    ]
    sheets.pop("direct_emissions", None)
    return write_workbook(folder / f"{product_id}.xlsx", sheets)
