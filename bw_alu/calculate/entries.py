"""A product's contributors, read from its stored graph.

The contribution of an exchange is the runs of its process in the product's life cycle
(``supply.py``) x its amount x the unit score of its input (a background activity) or the
characterization factor of its flow. Exchanges are grouped by what their ``bw_alu``
metadata says they carry: one inventory row (a row of a process with co-products sits on
each allocated process) or one direct-emission item (one exchange per gas). An exchange
without metadata (added with bw2data or Activity Browser) is a contributor of its own,
under its process's stage, labelled from its input. Exchanges between the product's own
processes are not contributors: their burden is counted at the supplying process's
exchanges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ForegroundInvalid
from .foreground import LEAVES, ForegroundProduct, StoredNode, node_data
from .supply import Unsolvable, solve_supply

SUPPLY_SOLVER = "numpy.linalg.solve (LAPACK gesv) of the foreground processes"
_TRANSPORT_UNITS = {"t*km", "kg*km", "ton kilometer", "tonne kilometer", "tkm"}
_ENERGY_UNITS = {"kwh", "kilowatt hour", "mwh", "mj", "megajoule", "gj"}


@dataclass
class Entry:
    key: tuple  # ("row", index) | ("direct", index) | ("extra", exchange id) | ("link", index)
    meta: dict  # the row's / item's metadata (of its first exchange), or built for an extra
    technosphere: list[tuple[tuple[str, str], float]] = field(default_factory=list)
    biosphere: list[tuple[tuple[str, str], float]] = field(default_factory=list)
    factors: list[tuple[dict, float]] = field(default_factory=list)  # (values, coefficient)
    amount: float = 0.0  # sum over its technosphere exchanges of runs x amount (per DU)

    @property
    def label(self) -> str:
        return str(self.meta.get("label", ""))

    def table_meta(self) -> dict:
        m = self.meta
        return {
            "role": m.get("role"),
            "stage": m.get("stage"),
            "label": m.get("label"),
            "kind": m.get("kind"),
            "calculator": m.get("calculator"),
        }


@dataclass
class ProductGraph:
    entries: list[Entry]  # contributors, rows first (sheet order), then direct items, extras
    process_rows: list[Entry]  # rows that take another process of the plant (no contribution)
    supply: dict[str, float]  # runs of each foreground process per declared unit


def foreground_supply(fp: ForegroundProduct, *, raw: bool = False) -> dict[str, float]:
    """Runs of each foreground process per declared unit; ``raw``: from the amounts as
    the SQLite rows hold them (float64) rather than the stored float32 ones."""
    processes = fp.processes()
    codes = [n.code for n in processes]
    fg = set(codes)
    production = {n.code: n.runs_per_unit for n in processes}
    links = []
    for n in processes:
        for x in n.exchanges:
            if x.input[0] == fp.product_id and x.input[1] in fg and x.kind != "biosphere":
                amount = x.raw if raw else x.amount
                links.append((n.code, x.input[1], -amount if x.kind == "substitution" else amount))
    try:
        return solve_supply(codes, production, links, fp.product_id)
    except Unsolvable as exc:
        raise ForegroundInvalid(f"product {fp.product_id!r}: {exc}") from None


def product_entries(fp: ForegroundProduct) -> ProductGraph:
    supply = foreground_supply(fp)
    entries: dict[tuple, Entry] = {}
    process_rows: dict[tuple, Entry] = {}
    extras: list[tuple[Entry, StoredNode, object]] = []
    for node in fp.processes():
        runs = supply[node.code]
        for x in node.exchanges:
            coef = runs * (-x.amount if x.kind == "substitution" else x.amount)
            meta = x.meta or {}
            role = meta.get("role")
            key = (role, meta.get("index")) if role in {"row", "direct"} else ("extra", x.order)
            own = x.input[0] == fp.product_id
            target = fp.nodes.get(x.input[1]) if own else None
            if own and target is None:
                raise ForegroundInvalid(
                    f"product {fp.product_id!r}, process {node.code!r}: input {x.input} does "
                    "not exist"
                )
            if own and target is not None and target.role not in LEAVES:
                if role == "row":  # a row taking another process of the plant
                    e = process_rows.setdefault(key, Entry(key, meta))
                    e.amount += coef
                continue
            if key not in entries:
                entries[key] = Entry(key, meta)
                if role not in {"row", "direct"}:
                    extras.append((entries[key], node, x))
            e = entries[key]
            if x.kind == "biosphere":
                e.biosphere.append((x.input, coef))
                continue
            e.amount += coef
            if target is not None:  # a leaf: burden-free (nothing) or a factor dataset
                if target.role == "factor_dataset":
                    # Impacts per unit from a file: bw2calc never sees them, so the amount
                    # is taken as stored (float64), not as bw2calc's float32 arrays hold it.
                    e.factors.append((target.meta["factors"]["values"], runs * x.raw))
                continue
            e.technosphere.append((x.input, coef))
    _label_extras(extras, {e.label for e in entries.values() if e.key[0] != "extra"})
    order = {"row": 0, "direct": 1, "extra": 2}
    ordered = sorted(entries.values(), key=lambda e: (order[e.key[0]], e.key[1]))
    return ProductGraph(ordered, sorted(process_rows.values(), key=lambda e: e.key[1]), supply)


def _label_extras(extras, taken: set[str]) -> None:
    """Metadata of exchanges added by hand: labelled from the input, under the stage of
    the process that holds them."""
    if not extras:
        return
    info = node_data({x.input for _, _, x in extras})
    for e, node, x in extras:
        data = info.get(x.input, {})
        name = str(data.get("name", f"{x.input[0]}:{x.input[1]}"))
        if x.kind == "biosphere" and data.get("categories"):
            name = f"{name} ({', '.join(data['categories'])})"
        given = x.meta or {}
        if given.get("role") == "substance":  # an elementary exchange of an import
            name = str(given.get("label") or name)
        label = name if name not in taken else f"{name} [exchange {x.order}]"
        taken.add(label)
        unit = str(data.get("unit", ""))
        kind = "direct" if x.kind == "biosphere" else _kind(unit)
        e.meta = {
            "role": "extra",
            "index": x.order,
            "process": node.meta.get("process", node.code),
            "stage": given.get("stage") or node.meta.get("stage") or "production",
            "label": label,
            "label_zh": None,
            "kind": kind,
            "amount": x.amount,
            "unit": unit,
            "load_t": None,
            "dataset": name,
            "data_type": None,
            "source": given.get("source") or "added to the database by hand (no bw-alu metadata)",
            "dq": {},
            "assumption": None,
            "note": None,
            "location": given.get("location") or f"{node.code} (stored exchange {x.order})",
            "link": {
                "match": "substance" if given.get("role") == "substance" else "added",
                "amount": x.amount,
                "unit": unit,
                "note": "elementary exchange of the import"
                if given.get("role") == "substance"
                else "exchange without bw-alu metadata",
                "proxy": bool((data.get("provenance") or {}).get("proxy")),
                "target": {
                    "database": x.input[0],
                    "code": x.input[1],
                    "name": name,
                    "unit": unit,
                    "location": data.get("location", ""),
                    "provenance": data.get("provenance") or {},
                },
                "factors": None,
                "process": None,
            },
        }


def _kind(unit: str) -> str:
    u = unit.strip().lower()
    if u in _TRANSPORT_UNITS:
        return "transport"
    if u in _ENERGY_UNITS:
        return "energy"
    return "material"


_PRIVATE = {"role", "allocation_factor"}


def _public(meta: dict) -> dict:
    return {k: v for k, v in meta.items() if k[:1] != "_" and k not in _PRIVATE}


def stored_rows(graph: ProductGraph) -> tuple[list[dict], list[dict]]:
    """The inventory rows as stored (amount per declared unit from the graph) and the
    audit of each direct-emission item."""
    rows = []
    for e in sorted(
        [x for x in graph.entries if x.key[0] in {"row", "extra"}] + graph.process_rows,
        key=lambda x: (x.key[0] == "extra", x.key[1]),
    ):
        if e.meta.get("role") == "extra" and e.biosphere:
            continue  # an added emission is not an inventory row
        row = _public(e.meta)
        link = dict(row.get("link") or {})
        if e.meta.get("role") == "row":
            link["imported_amount"] = link.get("amount")
        link["amount"] = e.amount
        row["link"] = link
        rows.append(row)
    direct = [e.meta["audit"] for e in graph.entries if e.key[0] == "direct" and "audit" in e.meta]
    return rows, direct


def foreground_summary(fp: ForegroundProduct, graph: ProductGraph) -> dict:
    """The product's processes as stored: runs per declared unit, allocation."""
    return {
        "supply_solver": SUPPLY_SOLVER,
        "processes": [
            {
                "code": n.code,
                "name": n.name,
                "unit": n.unit,
                "role": n.role,
                "runs_per_du": graph.supply[n.code],
                "allocation": n.meta.get("allocation"),
            }
            for n in fp.processes()
        ],
    }
