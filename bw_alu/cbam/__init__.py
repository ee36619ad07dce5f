"""EU CBAM embedded emissions of aluminium goods from the plant workbook.

- ``rules``: CBAM's rules as applied, each tied to a row of ``methods/cbam_rules.csv``;
  the default-value table (``methods/cbam_default_values.csv``);
- ``inputs``: the CBAM sheets (installation, scope decisions, electricity, precursors,
  assumptions), read with their cells' locations;
- ``basis``: the declared unit and production volume the figures are per (the stored
  product's from the stored graph, else the workbook's);
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
    stored: Any = None,
) -> dict[str, Any]:
    """The CBAM result of the plant workbook ``workbook`` (see :func:`calculate.calculate`);
    with ``stored`` (:class:`stored.StoredProduct`), its quantities from the stored graph."""
    from ..workbook import load_plant
    from .calculate import calculate
    from .inputs import find_cbam_source, load_cbam

    plant = load_plant(workbook)
    data = load_cbam(find_cbam_source(workbook, cbam_data, plant.product.product_id))
    return calculate(plant, data, defaults=str(defaults) if defaults else None, stored=stored)


def cbam_of_product(
    project: str,
    product_id: str,
    *,
    workbook: str | Path | None = None,
    cbam_data: str | Path | None = None,
    defaults: str | Path | None = None,
    from_workbook: bool = False,
) -> dict[str, Any]:
    """The CBAM result of ``product_id``: from its stored graph in ``project`` when it is
    imported there (and ``from_workbook`` is false), else from its workbook.

    From the stored graph, the declared unit and production volume are the ones stored
    with the product (:mod:`basis`; one error when CBAM cannot use them). The CBAM sheets
    (installation, electricity factors, precursor origins) come from a workbook:
    ``workbook``, else the file the product was
    imported from (``bw_alu_source``; refused with :class:`CbamSourceChanged` when its
    SHA-256 changed since, or when it is gone and the example is not the same file), else
    the embedded example ``databases/plants/<id>.xlsx``.
    bw2data's current project is left as found."""
    from ..errors import CbamDataInvalid, Location
    from ..paths import PLANTS_DIR
    from .stored import stored_product

    stored = None if from_workbook else stored_product(project, product_id)
    example = PLANTS_DIR / f"{product_id}.xlsx"
    path: Path
    if workbook is not None:
        path = Path(workbook)
    elif stored is not None and stored.source:
        path = _checked_source(stored.source, project, product_id, example)
    else:
        path = example
        if not path.exists():
            from ..errors import ProjectNotReady

            where = (
                f"it is not imported in project {project!r}"
                if stored is None
                else f"the workbook it was imported from ({(stored.source or {}).get('path')}) "
                "is gone"
            )
            raise ProjectNotReady(
                f"no workbook for product {product_id!r}: {where} and there is no example "
                f"{path}; give --workbook"
            )
    result = cbam_result(path, cbam_data=cbam_data, defaults=defaults, stored=stored)
    if result["product_id"] != product_id:
        raise CbamDataInvalid.single(
            Location(str(path), "product", None, "product_id"),
            f"workbook is product {result['product_id']!r}, not {product_id!r}",
        )
    return result


def _checked_source(source: dict, project: str, product_id: str, example: Path) -> Path:
    """The workbook the product was imported from, unchanged; when it is gone, the
    embedded example only if it holds the same bytes (an install moved), else an error:
    another workbook's CBAM sheets must not stand in silently."""
    from ..errors import CbamSourceChanged
    from ..importer import source_of

    path = Path(source["path"])
    if not path.exists():
        if example.exists() and source_of(example)["sha256"] == source.get("sha256"):
            return example
        raise CbamSourceChanged(
            f"{path}: the workbook product {product_id!r} of project {project!r} was imported "
            "from is gone. Give --workbook to take the CBAM sheets from a workbook of your "
            "choice, or re-import the product"
        )
    now = source_of(path)["sha256"]
    if now != source.get("sha256"):
        raise CbamSourceChanged(
            f"{path}: the workbook product {product_id!r} of project {project!r} was imported "
            f"from has changed since (SHA-256 {str(source.get('sha256'))[:12]}... then, "
            f"{now[:12]}... now). Re-import it (bw-alu import), or give --workbook to take "
            "the CBAM sheets from a workbook of your choice"
        )
    return path


__all__ = ["cbam_of_product", "cbam_result"]
