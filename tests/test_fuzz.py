"""A seeded fuzz run of ``bw-alu import`` (issue 10): ``scripts/fuzz.py`` mutates the
example workbooks (cells, types, headers, sheets, zip and XML bytes) and imports each
in-process into a throw-away project. None may end in a traceback, an error that names
no file or cell, or a project changed by a failed import.

Run in its own process: the fuzzer sets its own BRIGHTWAY2_DIR before bw2data loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CASES = int(os.environ.get("BW_ALU_FUZZ_CASES", "200"))


def test_seeded_fuzz_run():
    p = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "fuzz.py"), "--cases", str(CASES), "--seed", "7"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-4000:]
    counts = json.loads(p.stdout.strip().splitlines()[-1])
    assert counts["cases"] == CASES
    assert counts["tracebacks"] == 0, p.stdout[-6000:]
    assert counts["unlocated"] == 0, p.stdout[-6000:]
    assert counts["changed_after_failure"] == 0, p.stdout[-6000:]
    # the mutations reach both outcomes: some workbooks still import, most are refused
    assert counts["exit_0"] > 0 and counts["exit_2"] > CASES // 2
