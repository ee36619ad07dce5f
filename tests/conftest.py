"""Test set-up: a throw-away Brightway data directory for the whole session.

``BRIGHTWAY2_DIR`` must be set before bw2data is imported, hence at module import here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_BW_DIR = tempfile.mkdtemp(prefix="bw-alu-tests-")
os.environ["BRIGHTWAY2_DIR"] = _BW_DIR

from bw_alu.project import ensure_data_dir  # noqa: E402

ensure_data_dir()

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
USLCI_ZIP = SHARED / "data" / "uslci" / "uslci_fy21_q3_01_olca_10_3_ecospold2.zip"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_BW_DIR, ignore_errors=True)


@pytest.fixture
def needs_shared():
    if not USLCI_ZIP.exists():
        pytest.skip(f"../shared USLCI release not present ({USLCI_ZIP})")
    return USLCI_ZIP


@pytest.fixture(scope="module", autouse=True)
def _module_project(request):
    """A module's project (its ``PROJECT``) is made current up front, as the CLI does.

    bw-alu's library calls restore bw2data's current project (test_api.py checks it), and
    each bw2data switch costs up to a second in a process this size (a full gc.collect):
    with the module's project current, the calls need none.
    """
    name = getattr(request.module, "PROJECT", None)
    if name:
        from bw_alu.project import activate

        activate(name)
