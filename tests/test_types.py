"""The package type-checks: mypy with the ``[tool.mypy]`` settings of pyproject.toml.

Type hints that lie are worse than none; this keeps them checked on every test run.
"""

from __future__ import annotations

from pathlib import Path

import mypy.api
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_reports_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    # From the repository root, so mypy finds pyproject.toml and keeps its cache there.
    monkeypatch.chdir(ROOT)
    stdout, stderr, status = mypy.api.run(["bw_alu"])
    assert status == 0, f"mypy found type errors:\n{stdout}{stderr}"
