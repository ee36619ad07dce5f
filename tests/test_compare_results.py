"""scripts/compare_results.py on two small hand-written lcia CSV tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_results.py"
HEADER = "product,indicator,unit,stage,contributor,kind,score\n"


def test_totals_and_moved_contributors(tmp_path):
    before = tmp_path / "before.csv"
    after = tmp_path / "after.csv"
    before.write_text(
        HEADER
        + "p,GWP,kg,,,,100\n"
        + "p,GWP,kg,raw_materials,alumina,material,70\n"
        + "p,GWP,kg,production,electricity,material,30\n"
        + "p,Land,Pt,,,,0\n",
        encoding="utf-8",
    )
    after.write_text(
        HEADER
        + "p,GWP,kg,,,,80\n"
        + "p,GWP,kg,raw_materials,alumina,material,45\n"
        + "p,GWP,kg,production,electricity,material,35\n"
        + "p,Land,Pt,,,,0.5\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(before), str(after), "--largest", "2"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # GWP: (80 - 100) / 100 = -20 %; Land: 0 -> 0.5 is a new result.
    assert "| GWP | kg | 100 | 80 | -20.0 % |" in out
    assert "| Land | Pt | 0 | 0.5 | new |" in out
    # Contributors of GWP by absolute move: alumina 70 -> 45 (-25) before electricity 30 -> 35 (+5).
    gwp = out.split("- GWP")[1]
    assert gwp.index("raw_materials: alumina: 70 -> 45 (-25)") < gwp.index(
        "production: electricity: 30 -> 35 (+5)"
    )
    # Ranking: Land (infinite change) first, then GWP (20 %).
    assert out.index("- Land") < out.index("- GWP")
