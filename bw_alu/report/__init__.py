"""Verification-style EPD and CFP reports (md, html, xlsx, docx) with charts.

Reads only a :class:`~bw_alu.results.ProductResult`, never a matrix. Modules, in the
order data flows through them:

- ``figures``: the carbon footprint numbers as displayed (rounding rule in ``rounding``)
- ``content``: sections and tables of a report (``model``), labels from ``i18n``
- ``charts``: matplotlib charts (``fonts`` provides a CJK-capable font)
- ``writers``: one renderer per format
- ``generate``: :func:`write_reports`; ``command``: ``bw-alu report``
"""

from __future__ import annotations

__all__ = ["ReportOptionInvalid", "ReportOutputError", "render_reports", "write_reports"]


def __getattr__(name: str):
    # Lazy, so that ``bw-alu --help`` (which imports ``report.command``) stays fast:
    # the report machinery pulls in pandas and matplotlib.
    if name in __all__:
        from . import generate

        return getattr(generate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
