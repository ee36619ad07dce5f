"""Charts of the carbon footprint: stage shares and the largest contributors.

Matplotlib's object API (``Figure``, rendered by Agg; no pyplot, no display). Output is deterministic: a fixed
``svg.hashsalt``, no date in the SVG or PNG metadata, so the same result gives the same
bytes (and the html reports that embed the SVG stay byte-identical).
"""

from __future__ import annotations

import io

from . import i18n
from .figures import CfpFigures, ranked
from .fonts import cjk_family
from .rounding import fmt_fixed

TOP = 10
_COLORS = ("#1f6f8b", "#99a8b2", "#e6a157", "#5b8c5a", "#8e6c8a", "#c8553d")


def _rc() -> dict:
    family = cjk_family()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": ([family] if family else []) + ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "bw-alu",
        "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font installed
        "figure.dpi": 100,
    }


def _render(fig) -> tuple[bytes, bytes]:
    png, svg = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def _bars(ax, labels, values, texts, color):
    import numpy as np

    y = np.arange(len(labels))
    ax.barh(y, values, color=color)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.axvline(0, color="#444444", linewidth=0.8)
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    ax.set_xlim(lo - (0.18 * span if lo < 0 else 0), hi + 0.22 * span)
    for yi, v, txt in zip(y, values, texts):
        ax.text(
            v + (0.01 * span if v >= 0 else -0.01 * span),
            yi,
            txt,
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=9,
        )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _label(item_label: str, width: int = 28) -> str:
    return item_label if len(item_label) <= width else item_label[: width - 1] + "…"


def stage_chart(fig_data: CfpFigures, lang: str) -> tuple[bytes, bytes]:
    """Horizontal bars of the stage shares (a pie cannot show a negative stage)."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc()):
        stages = fig_data.stages
        labels = [i18n.stage(s.stage, lang) for s in stages]
        values = [float(s.share) if s.share is not None else 0.0 for s in stages]
        texts = [
            f"{fmt_fixed(s.shown, fig_data.decimals)} {fig_data.unit}"
            + (f"  ({fmt_fixed(s.share, 2)} %)" if s.share is not None else "")
            for s in stages
        ]
        fig = Figure(figsize=(7.5, 0.6 * len(stages) + 1.4))
        ax = fig.subplots()
        _bars(ax, labels, values, texts, _COLORS[: len(stages)] or _COLORS[0])
        ax.set_xlabel(i18n.t("share", lang))
        ax.set_title(i18n.t("chart_stages", lang) + " (IPCC 2021 GWP100)")
        fig.tight_layout()
        return _render(fig)


def top_chart(fig_data: CfpFigures, names: dict[str, str], lang: str) -> tuple[bytes, bytes]:
    """The largest contributors, in the display unit, largest first."""
    import matplotlib
    from matplotlib.figure import Figure

    items = ranked(fig_data, TOP)
    with matplotlib.rc_context(_rc()):
        labels = [_label(names.get(i.contributor, i.contributor)) for i in items] or ["-"]
        values = [float(i.shown) for i in items] or [0.0]
        texts = [fmt_fixed(i.shown, fig_data.decimals) for i in items] or [""]
        fig = Figure(figsize=(7.5, 0.42 * len(labels) + 1.4))
        ax = fig.subplots()
        _bars(ax, labels, values, texts, _COLORS[0])
        ax.set_xlabel(fig_data.unit)
        ax.set_title(i18n.t("chart_top", lang, unit=fig_data.unit))
        fig.tight_layout()
        return _render(fig)
