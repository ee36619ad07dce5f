"""What CBAM takes from a product stored in a Brightway project (``graph.py``).

The product database is the model: an amount edited with bw2data or Activity Browser
reaches the CBAM figures as it reaches ``bw-alu lcia``. Per declared unit of the
product, each exchange counts ``runs of its process x its amount`` (the foreground's
supply, ``calculate/supply.py``); the exchange's ``bw_alu`` metadata says what it is:

- ``role: direct``: one gas of a direct-emission item (kg), with the item's calculator
  and audit (CBAM keeps or leaves out the item by its calculator's rule);
- ``role: row``: an inventory row (its label names it in the CBAM sheets: electricity
  rows, precursor rows), in the unit of the dataset it is linked to.

Amounts are the Python floats of the SQLite rows (``StoredExchange.raw``), not the
float32 copies of bw2calc's processed arrays: the figures equal the workbook's to
float64 rounding. Exchanges added by hand without metadata have no CBAM meaning and are
left out (listed in ``unlabelled``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ProjectNotReady
from ..project import restores_project


@dataclass
class StoredItem:
    """One direct-emission item as stored: kg of each gas per declared unit."""

    index: int
    label: str
    calculator: str
    stage: str | None
    audit: dict
    kg_per_du: dict[str, float] = field(default_factory=dict)  # flow code -> kg


@dataclass
class StoredProduct:
    project: str
    product_id: str
    source: dict | None  # the database's ``bw_alu_source`` (workbook path, SHA-256)
    items: list[StoredItem]
    rows: dict[str, list[tuple[float, str]]]  # row label -> [(amount per DU, unit)]
    unlabelled: list[str]  # exchanges without bw-alu metadata (not counted)
    # the declared unit stored with the product at import (``bw_alu.product``) and the
    # product activity's own unit; None when the product carries no such metadata
    declared_unit: dict[str, Any] | None = None

    def row_amount(self, label: str, to_unit: str) -> float | None:
        """Sum per declared unit of the stored exchanges of row ``label`` in ``to_unit``
        (None when the product has no such row)."""
        from ..units import factor

        parts = self.rows.get(label)
        if not parts:
            return None
        return sum(a * factor(u, to_unit) for a, u in parts)

    def row_units(self, label: str) -> set[str]:
        return {u for _, u in self.rows.get(label, [])}


def stored_product(project: str, product_id: str) -> StoredProduct | None:
    """The CBAM quantities of ``product_id`` as stored in ``project``; None when the
    project does not exist (it is not created) or holds no such product. Reads only
    (no lock); bw2data's current project is left as found."""
    from ..project import project_exists

    if not project_exists(project):
        return None
    return _stored_product(project, product_id)


@restores_project
def _stored_product(project: str, product_id: str) -> StoredProduct | None:
    import bw2data as bd

    from ..project import activate, products

    activate(project)
    if product_id not in products(project):
        return None
    from ..calculate.entries import foreground_supply
    from ..calculate.foreground import load_foreground

    try:
        fp = load_foreground([product_id])[product_id]
    except ProjectNotReady:
        return None
    supply = foreground_supply(fp, raw=True)
    items: dict[int, StoredItem] = {}
    rows: dict[str, list[tuple[float, str]]] = {}
    unlabelled: list[str] = []
    flows: dict[int, dict[tuple[str, str], float]] = {}
    for node in fp.processes():
        runs = supply.get(node.code, 0.0)
        for x in node.exchanges:
            meta = x.meta or {}
            role = meta.get("role")
            if role == "direct" and x.kind == "biosphere":
                n = int(meta["index"])
                item = items.get(n)
                if item is None:
                    item = items[n] = StoredItem(
                        n,
                        meta.get("label", ""),
                        meta.get("calculator", ""),
                        meta.get("stage"),
                        meta.get("audit") or {},
                    )
                flows.setdefault(n, {})
                flows[n][x.input] = flows[n].get(x.input, 0.0) + runs * x.raw
            elif role == "row" and x.kind in {"technosphere", "substitution"}:
                unit = (meta.get("link") or {}).get("unit") or meta.get("unit") or ""
                sign = -1.0 if x.kind == "substitution" else 1.0
                rows.setdefault(meta.get("label", ""), []).append((sign * runs * x.raw, unit))
            elif not meta and runs:
                unlabelled.append(f"{node.code}: {x.kind} {x.input[0]}/{x.input[1]}")
    _resolve_gases(items, flows)
    source = bd.databases[product_id].get("bw_alu_source")
    return StoredProduct(
        project=project,
        product_id=product_id,
        source=dict(source) if source else None,
        items=[items[k] for k in sorted(items)],
        rows=rows,
        unlabelled=unlabelled,
        declared_unit=_declared_unit(fp),
    )


def _declared_unit(fp) -> dict[str, Any] | None:
    """The declared unit and production volume bw-alu stored with the product (the
    workbook's product sheet as imported), with the product activity's ``unit``."""
    product = fp.meta.get("product")
    if not isinstance(product, dict):
        return None
    node = fp.nodes.get(fp.product_id)
    return {
        "amount": product.get("declared_unit_amount"),
        "unit": product.get("declared_unit_unit"),
        "activity_unit": node.unit if node is not None else None,
        "basis": product.get("basis"),
        "annual_production": product.get("annual_production"),
        "annual_production_unit": product.get("annual_production_unit"),
    }


def _resolve_gases(items: dict[int, StoredItem], flows: dict) -> None:
    """Key each item's stored gases by the flow code of its audit (the ecoinvent 3.9
    code; a biosphere with other codes is matched by the flow's name)."""
    from ..calculate.foreground import node_data

    keys = {k for f in flows.values() for k in f}
    data = node_data(keys) if keys else {}
    for n, item in items.items():
        by_code = {g["code"]: g for g in item.audit.get("gases", [])}
        by_name = {g["name"]: g for g in item.audit.get("gases", [])}
        for key, kg in flows.get(n, {}).items():
            name = data.get(key, {}).get("name", key[1])
            gas = by_code.get(key[1]) or by_name.get(name)
            if gas is None:  # a gas the item's calculator did not give: kept by its name
                gas = {"code": key[1], "name": name, "gwp100": 0.0}
                item.audit.setdefault("gases", []).append(gas)
            code = gas["code"]
            item.kg_per_du[code] = item.kg_per_du.get(code, 0.0) + kg


def gases_of(item: StoredItem) -> list[tuple[dict[str, Any], float]]:
    """(audit gas record, stored kg per DU) of each gas of ``item``, in audit order;
    a gas of the audit with no stored exchange (deleted by hand) counts 0 kg."""
    seen: set[str] = set()
    out = []
    for gas in item.audit.get("gases", []):
        if gas["code"] in seen:
            continue
        seen.add(gas["code"])
        out.append((gas, item.kg_per_du.get(gas["code"], 0.0)))
    return out
