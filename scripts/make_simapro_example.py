"""Write ``databases/plants/ingot_yunnan_2024_simapro.csv``: plant A as a SimaPro CSV
export of processes, from its committed workbook (``ingot_yunnan_2024.xlsx``).

- One ``Process`` per workbook process (plant A: one), its product the declared unit
  (1 ton of remelting aluminium ingot).
- Each inventory row is one technosphere input named by its ``dataset`` (the SimaPro /
  ecoinvent name the study used), per declared unit, in SimaPro's unit (kg*km as tkm,
  t as ton); energy under ``Electricity/heat``, the rest under ``Materials/fuels``; the
  row's label is the line's comment.
- Each direct-emission item (computed by bw-alu's calculators from the workbook's
  parameters) is one ``Emissions to air`` line per gas, in kg, named by the SimaPro
  substance that ``randonneur_data``'s SimaPro-9 -> ecoinvent 3.9 correspondence maps to
  the gas's ecoinvent flow; the item is the line's comment.

``bw-alu import`` of the file gives the workbook's totals (tests/test_simapro_example.py).
Run: ``python scripts/make_simapro_example.py`` (byte-identical output).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "databases" / "plants" / "ingot_yunnan_2024.xlsx"
OUT = ROOT / "databases" / "plants" / "ingot_yunnan_2024_simapro.csv"
DATE = "31.12.2024"  # fixed: the file is reproducible


def main() -> int:
    from bw_alu.export.simapro import plant_to_simapro

    OUT.write_bytes(plant_to_simapro(WORKBOOK, date=DATE).encode("utf-8"))
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
