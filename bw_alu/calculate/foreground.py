"""All products' foreground, read from the project's SQLite tables as stored.

A product database (``graph.py``) holds the plant's processes with their exchanges.
Two queries (activities, exchanges) read every requested product, however many: no
per-product database access. Whatever bw2data or Activity Browser stored is what is
read: an exchange edited or added by hand counts, with or without bw-alu metadata.

Amounts are rounded to float32 as Brightway's processed arrays hold them
(bw_processing), so a product's score equals what bw2calc computes from the same
database to the last bits.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import numpy as np

from ..errors import ProjectNotReady

_CHUNK = 500  # names per SQL ``IN (...)``: far below SQLite's variable limit
LEAVES = {"cutoff", "factor_dataset"}  # nodes without exchanges that stand for an input


@dataclass
class StoredExchange:
    kind: str  # technosphere | biosphere | substitution
    input: tuple[str, str]
    amount: float  # float32-rounded, as bw2calc holds it
    raw: float  # as stored (float64): for inputs bw2calc does not compute (factor datasets)
    meta: dict | None  # the exchange's ``bw_alu`` metadata (None when added by hand)
    order: int  # the exchange's row id: a stable order for exchanges without metadata


@dataclass
class StoredNode:
    """An activity of a product database."""

    node_id: int
    code: str
    name: str
    unit: str
    meta: dict  # the activity's ``bw_alu`` metadata ({} when added by hand)
    production: float = 0.0
    has_production: bool = False
    exchanges: list[StoredExchange] = field(default_factory=list)

    @property
    def role(self) -> str:
        return self.meta.get("role", "process")

    @property
    def runs_per_unit(self) -> float:
        # bw2calc takes a process without a production exchange as producing 1.
        return self.production if self.has_production else 1.0


@dataclass
class ForegroundProduct:
    product_id: str
    meta: dict  # the product activity's ``bw_alu`` metadata
    node_id: int
    nodes: dict[str, StoredNode]  # by code

    @property
    def background(self) -> str:
        return self.meta["background"]["database"]

    def processes(self) -> list[StoredNode]:
        """Foreground processes (everything but the leaves), in database order."""
        return [n for n in self.nodes.values() if n.role not in LEAVES]


def _f32(x) -> float:
    return float(np.float32(x))


def _raw(query):
    """Rows of a peewee query as plain tuples straight from SQLite: peewee's per-row
    conversion costs more than the query itself on tens of thousands of rows. Pickled
    ``data`` columns come back as bytes (see :func:`_data`)."""
    return query.model._meta.database.execute(query)


def _data(blob) -> dict:
    return pickle.loads(blob) if isinstance(blob, bytes | bytearray | memoryview) else blob


def _chunks(items: list[str]):
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def load_foreground(product_ids: list[str]) -> dict[str, ForegroundProduct]:
    """The stored graph of each of ``product_ids`` (the project must be current)."""
    from bw2data.backends import ActivityDataset as AD
    from bw2data.backends import ExchangeDataset as ED

    nodes: dict[str, dict[str, StoredNode]] = {pid: {} for pid in product_ids}
    for chunk in _chunks(list(product_ids)):
        query = AD.select(AD.id, AD.database, AD.code, AD.data).where(AD.database.in_(chunk))
        for nid, db, code, blob in _raw(query.order_by(AD.id)):
            data = _data(blob)
            nodes[db][code] = StoredNode(
                node_id=nid,
                code=code,
                name=data.get("name", code),
                unit=data.get("unit", ""),
                meta=dict(data.get("bw_alu") or {}),
            )
    for chunk in _chunks(list(product_ids)):
        query = ED.select(
            ED.id,
            ED.output_database,
            ED.output_code,
            ED.input_database,
            ED.input_code,
            ED.type,
            ED.data,
        ).where(ED.output_database.in_(chunk))
        for eid, out_db, out_code, in_db, in_code, kind, blob in _raw(query.order_by(ED.id)):
            node = nodes[out_db].get(out_code)
            if node is None:
                continue
            data = _data(blob)
            raw = float(data.get("amount", 0.0))
            amount = _f32(raw)
            if kind == "production" and (in_db, in_code) == (out_db, out_code):
                node.production += amount
                node.has_production = True
            elif kind in {"technosphere", "biosphere", "substitution"}:
                node.exchanges.append(
                    StoredExchange(kind, (in_db, in_code), amount, raw, data.get("bw_alu"), eid)
                )
    out = {}
    for pid in product_ids:
        product = nodes[pid].get(pid)
        if product is None or product.meta.get("role") != "product":
            raise ProjectNotReady(f"database {pid!r} has no bw-alu product activity; re-import it")
        out[pid] = ForegroundProduct(pid, product.meta, product.node_id, nodes[pid])
    return out


def _by_database(keys: set[tuple[str, str]]) -> dict[str, list[str]]:
    by_db: dict[str, set[str]] = {}
    for db, code in keys:
        by_db.setdefault(db, set()).add(code)
    return {db: sorted(codes) for db, codes in by_db.items()}


def node_ids(keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Node ids of ``(database, code)`` keys (ids only: no activity data is unpickled)."""
    from bw2data.backends import ActivityDataset as AD

    out = {}
    for db, codes in _by_database(keys).items():
        for chunk in _chunks(codes):
            query = AD.select(AD.id, AD.code).where((AD.database == db) & AD.code.in_(chunk))
            for nid, code in _raw(query):
                out[(db, code)] = nid
    return out


def node_data(keys: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """Data (name, unit, categories, provenance, ...) of ``(database, code)`` keys."""
    from bw2data.backends import ActivityDataset as AD

    out = {}
    for db, codes in _by_database(keys).items():
        for chunk in _chunks(codes):
            query = AD.select(AD.code, AD.data).where((AD.database == db) & AD.code.in_(chunk))
            for code, blob in _raw(query):
                out[(db, code)] = _data(blob)
    return out


def proxy_ids(database: str) -> tuple[list[int], list[int]]:
    """Ids of the proxy activities of a background, and of those that are GHG-only."""
    from bw2data.backends import ActivityDataset as AD

    proxy, ghg = [], []
    for nid, data in _raw(AD.select(AD.id, AD.data).where(AD.database == database)):
        prov = _data(data).get("provenance") or {}
        if prov.get("proxy"):
            proxy.append(nid)
            if prov.get("ghg_only"):
                ghg.append(nid)
    return proxy, ghg
