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


def boundary_chart(stage_labels: list[str], title: str, outside: str) -> tuple[bytes, bytes]:
    """The system boundary: the stages included as boxes in flow order inside a dashed
    frame, resources entering from the left and the product leaving on the right."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    with matplotlib.rc_context(_rc()):
        n = max(len(stage_labels), 1)
        fig = Figure(figsize=(7.5, 2.2))
        ax = fig.subplots()
        ax.set_xlim(0, n * 3 + 2)
        ax.set_ylim(-0.3, 3)
        ax.axis("off")
        frame = FancyBboxPatch(
            (0.8, 0.35),
            n * 3 + 0.4,
            2.2,
            boxstyle="round,pad=0.05",
            fill=False,
            linestyle="--",
            edgecolor="#1f6f8b",
            linewidth=1.2,
        )
        ax.add_patch(frame)
        ax.text(1.0, 2.35, title, fontsize=9, color="#1f6f8b", va="center")
        for k, label in enumerate(stage_labels):
            x = 1.3 + 3 * k
            box = FancyBboxPatch(
                (x, 0.95),
                2.2,
                0.9,
                boxstyle="round,pad=0.05",
                facecolor="#e8eff3",
                edgecolor="#1f6f8b",
            )
            ax.add_patch(box)
            ax.text(x + 1.1, 1.4, label, ha="center", va="center", fontsize=9, wrap=True)
            if k:
                ax.annotate(
                    "",
                    xy=(x - 0.05, 1.4),
                    xytext=(x - 0.75, 1.4),
                    arrowprops={"arrowstyle": "->", "color": "#444444"},
                )
        ax.annotate(
            "",
            xy=(1.25, 1.4),
            xytext=(0.05, 1.4),
            arrowprops={"arrowstyle": "->", "color": "#999999"},
        )
        end = 1.3 + 3 * (n - 1) + 2.25
        ax.annotate(
            "",
            xy=(n * 3 + 1.95, 1.4),
            xytext=(end, 1.4),
            arrowprops={"arrowstyle": "->", "color": "#999999"},
        )
        ax.text(n * 3 + 1.95, -0.15, outside, ha="right", fontsize=7, color="#777777")
        fig.tight_layout()
        return _render(fig)
