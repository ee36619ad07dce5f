"""Displayed figures of the carbon footprint tables, rounded once for every format.

Language-independent: the stage table, the contribution table, the charts and the
reduction ranking all show these numbers, so they agree with each other to the digit.
The rounding rule is in :mod:`bw_alu.report.rounding`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..indicators import GWP100
from ..results import ProductResult
from .rounding import apportion, decimals_for, round_half_up, shares, to_decimal

SPLIT = (
    ("gwp_fossil", "GWP100 fossil (IPCC 2021)"),
    ("gwp_biogenic", "GWP100 biogenic (IPCC 2021)"),
    ("gwp_luluc", "GWP100 land use (IPCC 2021)"),
)
SHARE_DECIMALS = 2


@dataclass
class Item:
    stage: str
    contributor: str
    kind: str
    exact: float  # in the display unit
    shown: Decimal
    share: Decimal | None


@dataclass
class StageFigures:
    stage: str
    exact: float
    shown: Decimal
    share: Decimal | None
    items: list[Item] = field(default_factory=list)


@dataclass
class CfpFigures:
    indicator: str
    unit: str  # display unit, "kg CO2e" or "t CO2e"
    scale: float  # display value = score x scale
    decimals: int
    total_exact: float
    total_shown: Decimal
    stages: list[StageFigures]
    split: list[tuple[str, float, Decimal]]  # (label key, exact, shown)
    split_adds_up: bool

    @property
    def total_share(self) -> Decimal | None:
        """100.00 (what the displayed stage shares add up to), None for a zero total."""
        return None if self.total_exact == 0 else Decimal(100).quantize(Decimal("0.01"))

    def items(self) -> list[Item]:
        return [i for s in self.stages for i in s.items]


def _block(result: ProductResult, indicator: str):
    t = result.table
    return t[t["indicator"] == indicator]


UNITS = ("kg", "t")
KG_DECIMALS = 2


def cfp_figures(result: ProductResult, indicator: str = GWP100, unit: str = "kg") -> CfpFigures:
    """The displayed CFP figures in kg CO2e with 2 decimals (as verification reports and
    EPDs print them), or in t CO2e with about five significant digits (``unit="t"``)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    block = _block(result, indicator)
    total_kg = float(block[block["stage"] == ""]["score"].iloc[0])
    scale, unit_text = (0.001, "t CO2e") if unit == "t" else (1.0, "kg CO2e")
    total = total_kg * scale
    dec = KG_DECIMALS if unit == "kg" else decimals_for(total, significant=5, lo=0, hi=6)
    total_shown = round_half_up(total, dec)

    subs = block[(block["stage"] != "") & (block["contributor"] == "")]
    stage_names = list(subs["stage"])
    stage_exact = [float(v) * scale for v in subs["score"]]
    stage_shown = apportion(stage_exact, total_shown, dec)
    stage_shares = shares(stage_exact, total, SHARE_DECIMALS)

    stages = []
    for k, name in enumerate(stage_names):
        sf = StageFigures(
            name, stage_exact[k], stage_shown[k], stage_shares[k] if stage_shares else None
        )
        contribs = block[(block["stage"] == name) & (block["contributor"] != "")]
        exact = [float(v) * scale for v in contribs["score"]]
        shown = apportion(exact, sf.shown, dec)
        item_shares: Sequence[Decimal | None]
        if sf.share is not None:
            pct = [to_decimal(v) * 100 / to_decimal(total) for v in exact]
            item_shares = apportion(pct, sf.share, SHARE_DECIMALS)
        else:
            item_shares = [None] * len(exact)
        for j, (_, row) in enumerate(contribs.iterrows()):
            sf.items.append(
                Item(name, row["contributor"], row["kind"], exact[j], shown[j], item_shares[j])
            )
        stages.append(sf)

    split_exact = []
    for key, label in SPLIT:
        b = _block(result, label)
        v = float(b[b["stage"] == ""]["score"].iloc[0]) * scale if len(b) else 0.0
        split_exact.append((key, v))
    adds_up = math.isclose(sum(v for _, v in split_exact), total, rel_tol=1e-9, abs_tol=1e-12)
    if adds_up:
        split_shown = apportion([v for _, v in split_exact], total_shown, dec)
    else:
        split_shown = [round_half_up(v, dec) for _, v in split_exact]
    split = [(k, v, s) for (k, v), s in zip(split_exact, split_shown)]
    return CfpFigures(indicator, unit_text, scale, dec, total, total_shown, stages, split, adds_up)


def ranked(fig: CfpFigures, top: int | None = None) -> list[Item]:
    """Contributors by displayed contribution, largest first (ties: table order)."""
    items = [i for i in fig.items() if i.exact != 0]
    order = sorted(range(len(items)), key=lambda k: (-items[k].exact, k))
    out = [items[k] for k in order]
    return out[:top] if top else out
