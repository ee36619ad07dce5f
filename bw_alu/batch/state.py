"""Content hashes of batch jobs and ``DIR/.batch-state.json``: what can be skipped.

A job's hash covers everything its results depend on: the workbook's bytes (every CSV
sheet of a CSV folder), the recipe row (for a variant), the background's name and
version, the factor file's bytes, the bw-alu version, and the report options (so a
re-run asking for other formats recomputes). A job is skipped when its hash, project
and product database (its ``modified`` stamp) are those of the last successful run and
its results file is still there.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import __version__
from ..output import write_text
from .inputs import Job

STATE_FILE = ".batch-state.json"
STATE_VERSION = 1


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, or of a CSV folder's sheet names and bytes."""
    h = hashlib.sha256()
    path = Path(path)
    if path.is_dir():
        for f in sorted(path.glob("*.csv")):
            h.update(f.name.encode())
            h.update(b"\0")
            h.update(f.read_bytes())
            h.update(b"\0")
    else:
        h.update(path.read_bytes())
    return h.hexdigest()


def job_hash(job: Job, *, background: dict, factors_digest: str | None, options: dict) -> str:
    payload = {
        "workbook": file_digest(job.path),
        "recipe": None
        if job.recipe is None
        else {"cells": job.recipe.cells, "basis": job.recipe.basis},
        "background": [background.get("database"), background.get("version")],
        "factors": factors_digest,
        "bw_alu": __version__,
        "options": options,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class BatchState:
    """``{job key: {hash, project, product_id, db_modified, status, reason}}`` on disk."""

    def __init__(self, output: Path):
        self.path = Path(output) / STATE_FILE
        self.jobs: dict[str, dict] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}  # unreadable state: recompute everything
            if data.get("version") == STATE_VERSION:
                self.jobs = dict(data.get("jobs", {}))

    def get(self, key: str) -> dict | None:
        return self.jobs.get(key)

    def put(self, key: str, record: dict) -> None:
        self.jobs[key] = record

    def save(self) -> None:
        data = {"version": STATE_VERSION, "jobs": self.jobs}
        write_text(self.path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False))
