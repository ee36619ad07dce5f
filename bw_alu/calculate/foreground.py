"""All products' foreground in one pass over the project's SQLite tables.

A product database (``importer.py``) holds one activity for the product, one per
inventory row (a technosphere input from the background, or none when burden-free or
linked to per-unit factors) and one per direct-emission item (biosphere flows). Two
queries (activities, exchanges) read every requested product, however many: no
per-product database access.

Amounts are rounded to float32 as Brightway's processed arrays hold them
(bw_processing), so a product's score equals what bw2calc computes from the same
database to the last bits (the cross-check of ``products.py`` confirms it).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import numpy as np

from ..errors import ProjectNotReady

_CHUNK = 500  # names per SQL ``IN (...)``: far below SQLite's variable limit


@dataclass
class ForegroundEntry:
    """An inventory-row or direct-emission activity of a product."""

    meta: dict  # the activity's ``bw_alu`` metadata (role, index, stage, label, link, ...)
    node_id: int
    production: float = 1.0
    technosphere: list[tuple[tuple[str, str], float]] = field(default_factory=list)
    biosphere: list[tuple[tuple[str, str], float]] = field(default_factory=list)


@dataclass
class ForegroundProduct:
    product_id: str
    meta: dict  # the product activity's ``bw_alu`` metadata
    node_id: int
    entries: list[ForegroundEntry]  # rows in sheet order, then direct items

    @property
    def background(self) -> str:
        return self.meta["background"]["database"]


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
    """Product and entries of each of ``product_ids`` (the project must be current)."""
    from bw2data.backends import ActivityDataset as AD
    from bw2data.backends import ExchangeDataset as ED

    acts: dict[tuple[str, str], tuple[int, dict]] = {}
    for chunk in _chunks(list(product_ids)):
        query = AD.select(AD.id, AD.database, AD.code, AD.data).where(AD.database.in_(chunk))
        for nid, db, code, data in _raw(query.order_by(AD.id)):
            acts[(db, code)] = (nid, _data(data))
    exchanges: dict[tuple[str, str], list] = {}
    for chunk in _chunks(list(product_ids)):
        query = ED.select(
            ED.output_database, ED.output_code, ED.input_database, ED.input_code, ED.type, ED.data
        ).where(ED.output_database.in_(chunk))
        for out_db, out_code, in_db, in_code, kind, data in _raw(query.order_by(ED.id)):
            exchanges.setdefault((out_db, out_code), []).append(
                (kind, (in_db, in_code), _data(data)["amount"])
            )

    products: dict[str, tuple[dict, int]] = {}
    entries: dict[str, list[ForegroundEntry]] = {pid: [] for pid in product_ids}
    for (db, code), (nid, data) in acts.items():
        meta = dict(data.get("bw_alu", {}))
        role = meta.get("role")
        if role == "product":
            products[db] = (meta, nid)
        elif role in {"row", "direct"}:
            entry = ForegroundEntry(meta=meta, node_id=nid)
            for kind, key, amount in exchanges.get((db, code), []):
                if kind == "production":
                    entry.production = _f32(amount)
                elif kind == "technosphere":
                    entry.technosphere.append((key, _f32(amount)))
                elif kind == "biosphere":
                    entry.biosphere.append((key, _f32(amount)))
            entries[db].append(entry)
    out = {}
    for pid in product_ids:
        if pid not in products:
            raise ProjectNotReady(f"database {pid!r} has no bw-alu product activity; re-import it")
        meta, nid = products[pid]
        ents = sorted(entries[pid], key=lambda e: (e.meta["role"] != "row", e.meta["index"]))
        out[pid] = ForegroundProduct(pid, meta, nid, ents)
    return out


def node_ids(keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Node ids of ``(database, code)`` keys, one query per database."""
    from bw2data.backends import ActivityDataset as AD

    by_db: dict[str, set[str]] = {}
    for db, code in keys:
        by_db.setdefault(db, set()).add(code)
    out = {}
    for db, codes in by_db.items():
        query = AD.select(AD.id, AD.code).where(AD.database == db)
        for nid, code in _raw(query):
            if code in codes:
                out[(db, code)] = nid
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
