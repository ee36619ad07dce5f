"""Is a declared unit the indicator's unit (``methods/indicators.csv``), or a multiple of it?

Spellings differ between tools (``kg CO2-eq``, ``kg CO2e``, ``kg CO2 eq.``); those are the
same unit. ``t CO2 eq`` is a multiple (plant B's study reports t CO2e per functional unit):
consistent, converted for the comparison. Anything else is a different quantity.
"""

from __future__ import annotations

import re

_PREFIX = {
    "mg": 1e-6,
    "g": 1e-3,
    "kg": 1.0,
    "t": 1e3,
    "kt": 1e6,  # masses of a reference substance
    "kj": 1e-3,
    "mj": 1.0,
    "gj": 1e3,  # energy (resource use, fossils)
    "bq": 1e-3,
    "kbq": 1.0,
    "mbq": 1e3,  # ionising radiation
}
_SAME = [
    (r"[\u2082]", "2"),
    (r"m\u00b3", "m3"),
    (r"\bequivalents?\b", "eq"),
    (r"co2[- ]?eq\b|co2e\b", "co2 eq"),
    (r"-eq\b", " eq"),
    (r"cfc-?11", "cfc11"),
    (r"u-?235", "u235"),
    (r"\s*(/|\bper\b).*$", ""),  # "kg CO2 eq/t", "kg CO2e per FU": per declared unit anyway
    (r"\.", " "),
    (r"\s+", " "),
]


def _key(unit: str) -> str:
    s = unit.strip().lower()
    for pattern, repl in _SAME:
        s = re.sub(pattern, repl, s)
    return s.strip()


def _split(key: str) -> tuple[float, str]:
    head, _, rest = key.partition(" ")
    if rest and head in _PREFIX:
        return _PREFIX[head], rest
    if key in _PREFIX:  # "MJ", "GJ"
        return _PREFIX[key], "mj-energy"
    return 1.0, key


def unit_factor(declared: str, expected: str) -> float | None:
    """Factor from the declared unit to the expected one (1.0 when the same), None if unrelated."""
    d, e = _key(declared), _key(expected)
    if d == e:
        return 1.0
    fd, rd = _split(d)
    fe, re_ = _split(e)
    if rd == re_:
        return fd / fe
    return None
