"""Reading one item's parameters: numbers, units, fractions, choices and defaults.

A :class:`Reader` never raises on bad input: it records a :class:`~bw_alu.errors.Problem`
at the offending cell and returns ``None``, so one pass finds every problem of an item.
It also writes the audit's parameter list, marking which values are defaults.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

from ..errors import Location, Problem
from ..units import UnitError, dimension, normalize
from .model import DirectItem, Param

# Spellings of "no unit" for a fraction or ratio, and of per cent.
_BLANK_UNITS = {"", "-", "1", "fraction", "ratio"}
_PERCENT = {"%", "percent", "pct"}
# Unit key (see unit_key; None for a blank unit) -> factor to the canonical unit.
UnitFactors = dict[str | None, float]
FRACTION_UNITS: UnitFactors = {None: 1.0, "%": 0.01}


def unit_key(unit: str | None) -> str | None:
    """A unit spelling reduced for matching: lower case, no spaces, hyphens or dots.

    ``None`` for a blank or dimensionless unit, ``"%"`` for per cent.
    """
    if unit is None:
        return None
    text = str(unit).strip().lower()
    if text in _BLANK_UNITS:
        return None
    if text in _PERCENT:
        return "%"
    for old, new in (("³", "3"), ("⁴", "^4"), ("·", ""), ("_", ""), ("-", ""), (" ", "")):
        text = text.replace(old, new)
    return text


def quantity_unit(unit: str | None) -> str:
    """Canonical bw_alu unit symbol of a mass or volume; raises UnitError."""
    text = str(unit or "").strip()
    text = text.replace("³", "3").replace("⁴", "^4")
    # "10^4Nm3", "10^4 Nm3", "104 Nm3" (a lost superscript) all mean ten thousand Nm3.
    text = re.sub(r"^10\^?4\s*", "10^4 ", text)
    return normalize(text)


def choice_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


class Reader:
    """Reads the parameters of ``item``; ``problems`` and ``audit`` fill as it goes."""

    def __init__(self, item: DirectItem, allowed: Iterable[str]):
        self.item = item
        self.allowed = tuple(allowed)
        self.problems: list[Problem] = []
        self.audit: list[dict] = []
        for name, param in item.params.items():
            if name not in self.allowed:
                self.fail(
                    param.location,
                    f"unknown parameter {name!r} for calculator {item.calculator!r} "
                    f"(allowed: {', '.join(self.allowed)})",
                )

    # -- problems ---------------------------------------------------------------

    def fail(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, f"item {self.item.label!r}: {message}"))

    def fail_missing(self, name: str, hint: str = "") -> None:
        self.fail(self.item.location, f"parameter {name!r} is missing{hint}")

    def fail_unit(self, param: Param, message: str) -> None:
        self.fail(param.unit_location or param.location, f"parameter {param.name!r}: {message}")

    # -- raw access -------------------------------------------------------------

    def given(self, name: str) -> Param | None:
        return self.item.params.get(name)

    def param(self, name: str) -> Param:
        """The parameter ``name``, known to be given (e.g. after a successful typed read)."""
        return self.item.params[name]

    def record(
        self,
        name: str,
        value: float | str,
        unit: str | None,
        *,
        source: str = "",
        default_source: str | None = None,
        used: float | str | None = None,
        used_unit: str | None = None,
    ) -> None:
        """Add one line to the audit's parameter list (``used``: the value in formula units)."""
        self.audit.append(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "source": source,
                "default": default_source is not None,
                "default_source": default_source,
                "used_value": value if used is None else used,
                "used_unit": unit if used_unit is None else used_unit,
            }
        )

    def record_param(self, param: Param, used: float | str, used_unit: str | None) -> None:
        self.record(
            param.name, param.value, param.unit, source=param.source, used=used, used_unit=used_unit
        )

    def raw_number(self, param: Param) -> tuple[float, bool] | None:
        """(number, written with a trailing %) or None with a problem recorded."""
        value = param.value
        percent = False
        if isinstance(value, str):
            text = value.strip().replace(",", "")
            if text.endswith("%"):
                percent, text = True, text[:-1].strip()
            try:
                value = float(text)
            except ValueError:
                self.fail(
                    param.location, f"parameter {param.name!r}: {param.value!r} is not a number"
                )
                return None
        value = float(value)
        if not math.isfinite(value):
            self.fail(param.location, f"parameter {param.name!r}: {param.value!r} is not a number")
            return None
        if value < 0:
            self.fail(param.location, f"parameter {param.name!r} is negative ({param.value!r})")
            return None
        return value, percent

    # -- typed reads ------------------------------------------------------------

    def number(
        self,
        name: str,
        units: UnitFactors,
        canonical: str,
        *,
        required: bool = True,
        default: tuple[float, str] | None = None,
        record: bool = True,
    ) -> float | None:
        """A non-negative number converted to ``canonical`` by ``units`` (unit key -> factor).

        Absent: the ``default`` (value in canonical unit, citation) if any, else a problem
        when ``required``.
        """
        param = self.given(name)
        if param is None:
            if default is not None:
                if record:
                    self.record(name, default[0], canonical, default_source=default[1])
                return default[0]
            if required:
                what = (
                    "a fraction, or per cent with unit %" if canonical == "fraction" else canonical
                )
                self.fail_missing(name, f" ({what})")
            return None
        raw = self.raw_number(param)
        if raw is None:
            return None
        value, percent = raw
        key = "%" if percent and param.unit is None else unit_key(param.unit)
        if percent and key not in (None, "%"):
            self.fail_unit(param, f"value written with % but unit is {param.unit!r}")
            return None
        if key not in units:
            hint = "a fraction (blank unit) or %" if canonical == "fraction" else canonical
            if canonical != "fraction" and None in units:
                hint += " (blank means " + canonical + ")"
            self.fail_unit(param, f"unit {param.unit!r} not accepted; use {hint}")
            return None
        used = value * units[key]
        if record:
            self.record_param(param, used, canonical)
        return used

    def fraction(
        self, name: str, *, required: bool = True, default: tuple[float, str] | None = None
    ) -> float | None:
        """A share between 0 and 1, written as a fraction (0.98) or per cent (98 %)."""
        param = self.given(name)
        value = self.number(
            name, FRACTION_UNITS, "fraction", required=required, default=default, record=False
        )
        if value is None:
            return None
        if value > 1:
            # A default is a fraction by construction, so only a given value can exceed 1.
            assert param is not None, f"default of {name!r} exceeds 1"
            self.fail(
                param.location,
                f"parameter {name!r} is a fraction and must be between 0 and 1, got "
                f"{param.value!r}{' ' + param.unit if param.unit else ''} "
                "(write e.g. 0.02, or 2 with unit %)",
            )
            return None
        if param is None:
            # No parameter but a value: it is the default (number() returned default[0]).
            assert default is not None
            self.record(name, value, "fraction", default_source=default[1])
        else:
            self.record_param(param, value, "fraction")
        return value

    def choice(
        self, name: str, aliases: dict[str, str], what: str, key: Callable[[str], str] = choice_key
    ) -> str | None:
        """A text parameter mapped through ``aliases`` (``key`` spelling -> canonical)."""
        param = self.given(name)
        if param is None:
            self.fail_missing(name, f" ({what}: {', '.join(sorted(set(aliases.values())))})")
            return None
        value = param.value
        if isinstance(value, float) and value.is_integer():
            value = str(int(value))
        canonical = aliases.get(key(str(value)))
        if canonical is None:
            self.fail(
                param.location,
                f"unknown {what} {param.value!r} (known: {', '.join(sorted(set(aliases.values())))})",
            )
            return None
        self.record_param(param, canonical, None)
        return canonical

    def quantity(self, name: str, dimensions: tuple[str, ...]) -> tuple[float, str] | None:
        """A non-negative amount in a bw_alu unit of one of ``dimensions``: (value, symbol)."""
        param = self.given(name)
        if param is None:
            self.fail_missing(name, f" ({' or '.join(dimensions)})")
            return None
        raw = self.raw_number(param)
        if raw is None:
            return None
        value, percent = raw
        symbol: str | None
        try:
            symbol = quantity_unit(param.unit)
            dim = dimension(symbol)
        except UnitError:
            symbol, dim = None, None
        if percent or symbol is None or dim not in dimensions:
            self.fail_unit(param, f"unit {param.unit!r} is not a unit of {' or '.join(dimensions)}")
            return None
        return value, symbol
