"""Where bw-alu's committed data lives (``methods/`` and ``databases/`` beside the package).

bw-alu is installed from its checkout (``pip install -e .``), so the data tables stay
plain, reviewable files at the top of the repository rather than hidden in the package.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS_DIR = ROOT / "methods"
DATABASES_DIR = ROOT / "databases"
BACKGROUND_DIR = DATABASES_DIR / "background"
MAPPINGS_DIR = DATABASES_DIR / "mappings"
PLANTS_DIR = DATABASES_DIR / "plants"
