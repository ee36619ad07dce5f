"""Characterization factors from bw2io's bundled ecoinvent LCIA implementation (v3.9).

bw2io 0.9.17 ships ``data/lcia/lcia_39_ecoinvent.zip`` (one ``data.json``, 762 methods)
written against the ecoinvent 3.9 elementary-flow list of ``create_default_biosphere3``.
We read it directly instead of calling ``bw2io.create_default_lcia_methods``, which fails
on bw2data 4.8 because the JSON stores flow keys as lists (bw2io#277).
"""

from __future__ import annotations

import json
import zipfile
from functools import lru_cache
from pathlib import Path

from .output import write_text
from .project import bw

bw()  # bw2io imports bw2data: its first import runs under the set-up lock (see calculate/)

import bw2io  # noqa: E402

LCIA_ZIP = Path(bw2io.__file__).parent / "data" / "lcia" / "lcia_39_ecoinvent.zip"


@lru_cache(maxsize=1)
def _all_methods() -> dict[tuple[str, ...], dict]:
    with zipfile.ZipFile(LCIA_ZIP) as zf, zf.open("data.json") as fh:
        data = json.load(fh)
    return {tuple(m["name"]): m for m in data}


# Parsing the whole bundled file takes about a second; a project keeps the factors of the
# methods it uses in a small cache beside its data (written at set-up, see project.py).
_cache: dict[str, list] = {}


def use_cache(path: Path) -> None:
    _cache.clear()
    with open(path, encoding="utf-8") as fh:
        _cache.update(json.load(fh))


def write_cache(path: Path, names: list[tuple[str, ...]]) -> None:
    data = {" / ".join(n): [[c, f] for c, f in method_cfs(n)] for n in names}
    write_text(path, json.dumps(data))


def method_cfs(name: tuple[str, ...]) -> list[tuple[str, float]]:
    """``[(biosphere3 code, factor), ...]`` of one method, in file order."""
    key = " / ".join(name)
    if key in _cache:
        return [(c, float(f)) for c, f in _cache[key]]
    method = _all_methods()[tuple(name)]
    return [(exc["input"][1], float(exc["amount"])) for exc in method["exchanges"]]


def method_unit(name: tuple[str, ...]) -> str:
    return _all_methods()[tuple(name)]["unit"]


def method_description(name: tuple[str, ...]) -> str:
    return _all_methods()[tuple(name)].get("description", "")


@lru_cache(maxsize=8)
def cf_lookup(name: tuple[str, ...]) -> dict[str, float]:
    """Factor per biosphere3 code for one method (e.g. IPCC 2021 GWP100 for audits)."""
    return dict(method_cfs(name))


IPCC_GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
