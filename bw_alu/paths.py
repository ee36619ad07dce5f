"""Where bw-alu's data lives: the ``methods/`` and ``databases/`` folders.

In the repository they are plain, reviewable folders at the top of the checkout. A wheel
carries copies of them in ``bw_alu/_data/`` (``setup.py`` puts them there), found here
with importlib.resources, so an installed bw-alu runs from any folder. An editable
install (``pip install -e .``) has no ``_data`` and reads the checkout's folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGED = "_data"


def data_root(package: Path, packaged: str = PACKAGED) -> Path:
    """The folder holding ``methods/`` and ``databases/`` for the package at ``package``."""
    installed = package / packaged
    if installed.is_dir():
        return installed
    return package.parent  # a checkout: the repository root


# A wheel is always unpacked to the file system by pip, so the package has a real path.
ROOT = data_root(Path(str(resources.files("bw_alu"))))
METHODS_DIR = ROOT / "methods"
DATABASES_DIR = ROOT / "databases"
BACKGROUND_DIR = DATABASES_DIR / "background"
MAPPINGS_DIR = DATABASES_DIR / "mappings"
PLANTS_DIR = DATABASES_DIR / "plants"
