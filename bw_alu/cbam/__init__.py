"""EU CBAM embedded emissions of aluminium goods from the plant workbook.

- ``rules``: CBAM's rules as applied, each tied to a row of ``methods/cbam_rules.csv``;
  the default-value table (``methods/cbam_default_values.csv``);
- ``inputs``: the CBAM sheets (installation, scope decisions, electricity, precursors,
  assumptions), read with their cells' locations;
- ``calculate``: specific embedded emissions, direct and indirect, per t of good;
- ``labels`` and ``writers``: bilingual Markdown, xlsx (the communication template's tabs)
  and json;
- ``command``: ``bw-alu cbam``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def cbam_result(
    workbook: str | Path,
    *,
    cbam_data: str | Path | None = None,
    defaults: str | Path | None = None,
) -> dict[str, Any]:
    """The CBAM result of the plant workbook ``workbook`` (see :func:`calculate.calculate`)."""
    from ..workbook import load_plant
    from .calculate import calculate
    from .inputs import find_cbam_source, load_cbam

    plant = load_plant(workbook)
    data = load_cbam(find_cbam_source(workbook, cbam_data, plant.product.product_id))
    return calculate(plant, data, defaults=str(defaults) if defaults else None)


__all__ = ["cbam_result"]
