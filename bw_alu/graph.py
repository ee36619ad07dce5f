"""The plant as a Brightway graph: foreground processes with real exchange amounts.

One activity per foreground process (the product's process has code ``<product_id>``,
the others their workbook id), each consuming per unit of its reference product:

- its background datasets, in the dataset's unit (technosphere exchanges);
- the plant's other processes (technosphere exchanges inside the product database;
  loops allowed);
- its direct emissions, kg of each gas (biosphere exchanges).

The inventory row behind an exchange rides on the exchange as ``bw_alu`` metadata
(label, stage, kind, source, data quality, link, workbook cell; the calculator and audit
of a direct emission), so bw2data and Activity Browser show the real amounts and
bw-alu can label what it computes from the stored graph.

Two kinds of nodes stand in for what has no process of its own:

- ``cutoff-NNN``: a burden-free input (scrap under the cut-off rule), no exchanges;
- ``factors-NN``: a dataset of a ``--background-factors`` file, no exchanges; its per-unit
  impacts are its metadata (bw2calc cannot compute them; see ``calculate``).

A process with co-products is written as allocated single-output processes
(``allocation.py``): ``<code>.coproduct-N`` beside the main one, factors stored on both.
"""

from __future__ import annotations

from .allocation import MAIN, allocation_factors
from .biosphere import flow_keys, gas_keys
from .errors import InputError, Problem
from .units import factor
from .workbook.model import Plant, Process

BIOSPHERE = "biosphere3"


def process_codes(plant: Plant) -> dict[str, str]:
    """Database code of every process: the product id for the first, else its id."""
    pid = plant.product.product_id
    return {p.id: (pid if n == 0 else p.id) for n, p in enumerate(plant.processes)}


def outputs_per_du(plant: Plant) -> dict[str, float]:
    """Output of each process per declared unit of the product, in the process's unit
    (declared units for the product's process)."""
    per_du, du_t = plant.product.per_du, plant.product.du_tonnes
    out = {}
    for n, p in enumerate(plant.processes):
        if n == 0:
            out[p.id] = p.amount * factor(p.unit, "t") * per_du / du_t
        else:
            out[p.id] = p.amount * per_du
    return out


def _link_meta(link, process_id: str, location: str) -> dict:
    row = link.row
    target = None
    if link.target is not None:
        t = link.target
        target = {
            "database": t.database,
            "code": t.code,
            "name": t.name,
            "reference_product": t.reference_product,
            "unit": t.unit,
            "location": t.location,
            "provenance": t.provenance,
        }
    factors = None
    if link.factors is not None:
        factors = {
            "name": link.factors.name,
            "unit": link.factors.unit,
            "values": link.factors.values,
            "source": link.factors.source,
        }
    return {
        "role": "row",
        "index": row.index,
        "process": process_id,
        "stage": row.stage,
        "label": row.label,
        "label_zh": row.label_zh,
        "kind": row.kind,
        "amount": row.amount,
        "unit": row.unit,
        "load_t": row.load_t,
        "dataset": row.dataset,
        "data_type": row.data_type,
        "source": row.source,
        "dq": row.dq,
        "assumption": row.assumption,
        "note": row.note,
        "location": location,
        "link": {
            "match": link.match,
            "amount": link.amount,
            "unit": link.unit,
            "note": link.note,
            "proxy": link.is_proxy,
            "target": target,
            "factors": factors,
            "process": link.process,
        },
    }


def build_records(plant: Plant, links: list, direct_results: list, meta: dict, locate) -> dict:
    """Brightway records of the product database. ``locate(row)`` gives a row's cell text."""
    pid = plant.product.product_id
    codes = process_codes(plant)
    out = outputs_per_du(plant)
    first = plant.processes[0].id
    problems: list[Problem] = []
    alloc = {p.id: allocation_factors(p, problems) for p in plant.processes}
    if problems:
        raise InputError(problems, headline="allocation cannot be computed")

    # Exchanges of each process per declared unit of the product (before allocation).
    per_du: dict[str, list[tuple[dict, float, dict]]] = {p.id: [] for p in plant.processes}
    records: dict[tuple[str, str], dict] = {}
    factor_nodes: dict[str, tuple[str, str]] = {}
    for link in links:
        owner = link.row.process or first
        info = _link_meta(link, owner, locate(link.row))
        amount = link.amount
        if link.process is not None:
            key = (pid, codes[link.process])
            if link.process == first:  # the product itself, in declared units
                amount = link.amount * factor(link.unit, "t") / plant.product.du_tonnes
        elif link.target is not None:
            key = (link.target.database, link.target.code)
        elif link.factors is not None:
            if link.factors.name not in factor_nodes:
                code = f"factors-{len(factor_nodes) + 1:02d}"
                factor_nodes[link.factors.name] = (pid, code)
                records[(pid, code)] = _leaf(
                    link.factors.name,
                    link.factors.unit,
                    "factor_dataset",
                    {"factors": info["link"]["factors"]},
                )
            key = factor_nodes[link.factors.name]
        else:  # burden-free (cut-off)
            code = f"cutoff-{link.row.index:03d}"
            key = (pid, code)
            records[key] = _leaf(
                f"{link.row.label} (burden-free, cut-off)",
                link.unit,
                "cutoff",
                {"label": link.row.label},
            )
        per_du[owner].append(({"type": "technosphere", "input": key}, amount, info))
    # Gases go to the background's own biosphere (biosphere3, or an ecoinvent project's
    # ecoinvent-3.x-biosphere), found by code or by name (bw_alu/biosphere.py).
    biosphere = meta.get("background", {}).get("biosphere", BIOSPHERE)
    gas = (
        gas_keys(biosphere, [f for r in direct_results for f in r.flows]) if direct_results else {}
    )
    for n, (item, result) in enumerate(zip(plant.direct, direct_results), start=1):
        owner = item.process or first
        info = {
            "role": "direct",
            "index": n,
            "process": owner,
            "stage": result.stage,
            "label": result.label,
            "calculator": result.calculator,
            "audit": result.audit,
        }
        for flow, kg in sorted(result.flows.items()):
            per_du[owner].append(({"type": "biosphere", "input": gas[flow]}, kg, info))
    _add_substances(plant, biosphere, first, per_du)

    summaries = []
    for n, p in enumerate(plant.processes):
        code = codes[p.id]
        factors = alloc[p.id]
        allocation = _allocation_meta(p, factors)
        summaries.append(_summary(p, code, out[p.id], allocation))
        records[(pid, code)] = _process_record(
            pid,
            code,
            p,
            out[p.id],
            factors[MAIN],
            per_du[p.id],
            allocation,
            role="product" if n == 0 else "process",
        )
        for k, c in enumerate(p.coproducts, start=1):
            ccode = f"{code}.coproduct-{k}"
            co = Process(
                id=f"{p.id}.coproduct-{k}",
                name=c.label,
                name_zh=c.label_zh,
                reference_product=c.label,
                amount=c.amount,
                unit=c.unit,
                stage=p.stage,
                location=c.location,
            )
            records[(pid, ccode)] = _process_record(
                pid,
                ccode,
                co,
                c.amount * plant.product.per_du,
                factors[c.label],
                per_du[p.id],
                {**allocation, "output": c.label},
                role="coproduct",
            )
    # The product activity is what scripts and verifiers find with get_node(database=pid,
    # code=pid): named and measured as the declared product.
    prod = plant.product
    product = records[(pid, pid)]
    product.update(
        {
            "name": prod.product_name_en,
            "reference product": prod.product_name_en,
            "unit": prod.declared_unit_unit,
            "location": prod.geography,
        }
    )
    product["bw_alu"] = {**product["bw_alu"], **meta, "processes": summaries}
    return records


def _add_substances(plant: Plant, biosphere: str, first: str, per_du: dict) -> None:
    """Elementary exchanges given as such (SimaPro substances): one biosphere exchange
    each, amount in the flow's unit per the process's output as written."""
    subs = plant.substances
    if not subs:
        return
    keys = flow_keys(
        biosphere,
        [(s.target.code, s.target.name, s.target.categories) for s in subs],
    )
    for n, s in enumerate(subs, start=1):
        owner = s.process or first
        info = {
            "role": "substance",
            "index": n,
            "process": owner,
            "stage": s.stage,
            "label": s.label,
            "kind": "direct",
            "amount": s.amount,
            "unit": s.target.unit,
            "source": s.source,
            "location": str(s.location),
            "substance": {"name": s.name, "context": list(s.context), "block": s.block},
            "flow": {
                "code": s.target.code,
                "name": s.target.name,
                "categories": list(s.target.categories),
            },
        }
        per_du[owner].append(
            (
                {"type": "biosphere", "input": keys[s.target.code]},
                s.amount * plant.product.per_du,
                info,
            )
        )


def _leaf(name: str, unit: str, role: str, extra: dict) -> dict:
    return {
        "name": name,
        "unit": unit,
        "reference product": name,
        "location": "GLO",
        "type": "process",
        "bw_alu": {"role": role, **extra},
    }


def _allocation_meta(p: Process, factors: dict[str, float]) -> dict:
    return {
        "rule": p.allocation if p.coproducts else None,
        "factors": {(k or p.reference_product): v for k, v in factors.items()},
        "prices": (
            {p.reference_product: p.price} | {c.label: c.price for c in p.coproducts}
            if p.allocation == "economic"
            else None
        ),
    }


def _summary(p: Process, code: str, out_du: float, allocation: dict) -> dict:
    return {
        "id": p.id,
        "code": code,
        "name": p.name,
        "name_zh": p.name_zh,
        "reference_product": p.reference_product,
        "amount": p.amount,
        "unit": p.unit,
        "output_per_du": out_du,
        "stage": p.stage,
        "allocation": allocation,
        "coproducts": [
            {
                "label": c.label,
                "label_zh": c.label_zh,
                "amount": c.amount,
                "unit": c.unit,
                "price": c.price,
            }
            for c in p.coproducts
        ],
    }


def _process_record(
    pid, code, p: Process, out_du: float, share: float, exchanges, allocation, *, role: str
) -> dict:
    """One allocated single-output process: its exchanges per unit of its output."""
    excs: list[dict] = [{"type": "production", "input": (pid, code), "amount": 1.0}]
    if share > 0:
        for base, amount, info in exchanges:
            meta = {**info, "allocation_factor": share}
            excs.append({**base, "amount": amount * share / out_du, "bw_alu": meta})
    return {
        "name": p.name,
        "name_zh": p.name_zh,
        "unit": p.unit,
        "reference product": p.reference_product,
        "location": "GLO",
        "type": "process",
        "bw_alu": {
            "role": role,
            "process": p.id,
            "stage": p.stage,
            "allocation": {**allocation, "factor": share},
        },
        "exchanges": excs,
    }
