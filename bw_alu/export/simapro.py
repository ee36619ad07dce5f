"""A plant as a SimaPro CSV export of processes (``export/simapro_csv.py`` writes the text).

:func:`plant_to_simapro` writes a plant workbook (``scripts/make_simapro_example.py``).
Names: a technosphere input keeps its ``dataset`` (the SimaPro / ecoinvent name);
an input from another process of the plant names that process's reference product;
a direct-emission gas is named by the SimaPro substance that ``randonneur_data``'s
SimaPro-9 -> ecoinvent 3.9 correspondence maps to its ecoinvent flow.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Location
from ..units import UnitError, factor, normalize
from ..workbook.model import per_declared_unit
from ..workbook.simapro_substances import simapro_substance
from .simapro_csv import Exchange, Output, SpProcess, UnwritableText, render

# bw-alu unit -> (SimaPro unit, factor from the bw-alu amount)
SIMAPRO_UNITS = {
    "kg": ("kg", 1.0),
    "t": ("ton", 1.0),
    "g": ("g", 1.0),
    "kWh": ("kWh", 1.0),
    "MWh": ("MWh", 1.0),
    "MJ": ("MJ", 1.0),
    "GJ": ("GJ", 1.0),
    "m3": ("m3", 1.0),
    "l": ("l", 1.0),
    "t*km": ("tkm", 1.0),
    "kg*km": ("tkm", 0.001),
    "km": ("km", 1.0),
    "TJ": ("TJ", 1.0),
    "GWh": ("GWh", 1.0),
    "unit": ("p", 1.0),
}


def simapro_unit(unit: str, where: Location) -> tuple[str, float]:
    """(SimaPro unit, factor) of a bw-alu unit; an error names the place otherwise."""
    u = normalize(unit)
    if u not in SIMAPRO_UNITS:
        raise InputError.single(where, f"unit {unit!r} has no SimaPro CSV counterpart here")
    return SIMAPRO_UNITS[u]


def substance_line(code: str, kg: float, comment: str, where: Location) -> tuple[str, Exchange]:
    """(block, line) of an elementary flow given by its ecoinvent 3.9 code."""
    found = simapro_substance(code)
    if found is None:
        raise InputError.single(
            where, f"elementary flow {code} has no SimaPro name in randonneur_data's mapping"
        )
    name, block, sub, unit = found
    return block, Exchange(name, unit, kg * factor("kg", unit), sub=sub, comment=comment)


def plant_to_simapro(workbook: str | Path, *, date: str) -> str:
    """The SimaPro CSV text of a plant workbook (amounts per declared unit)."""
    from ..importer import compute_direct
    from ..workbook import load_plant

    plant = load_plant(workbook)
    prod = plant.product
    per_du = prod.per_du
    if any(p.coproducts for p in plant.processes):
        raise InputError.single(
            Location(str(workbook), "coproducts"),
            "co-products are not written to SimaPro CSV yet",
        )
    first = plant.processes[0].id
    names = {p.id: p.reference_product for p in plant.processes}
    procs: dict[str, SpProcess] = {}
    for n, p in enumerate(plant.processes):
        if n == 0:
            unit, k = simapro_unit(prod.declared_unit_unit, Location(str(workbook), "product"))
            amount = prod.declared_unit_amount * k
        else:
            unit, k = simapro_unit(p.unit, p.location)
            amount = p.amount * per_du * k
        procs[p.id] = SpProcess(
            identifier=f"BwAlu{abs(hash_id(prod.product_id + p.id)):012d}",
            name=p.name,
            products=[Output(p.reference_product, unit, amount)],
            time_period=f"{prod.time_period_start[:4]}",
            geography="China" if prod.geography.upper().startswith("CN") else prod.geography,
            technology=str(prod.extra.get("process") or ""),
            date=date,
            comment=f"{prod.declared_unit}; written by bw-alu from {Path(workbook).name}",
        )
    for r in plant.inventory:
        owner = procs[r.process or first]
        amount, unit = r.amount * per_du, r.unit
        if r.load_t is not None:  # km at an average load: t*km
            amount, unit = amount * r.load_t, "t*km"
        sp_unit, k = simapro_unit(unit, r.location)
        name = names.get(r.dataset.removeprefix("process:"), r.dataset)
        block = {"energy": "Electricity/heat", "waste": "Waste to treatment"}.get(
            r.kind, "Materials/fuels"
        )
        owner.blocks.setdefault(block, []).append(
            Exchange(name, sp_unit, amount * k, comment=r.label)
        )
    for item, result in zip(plant.direct, compute_direct(plant)):
        owner = procs[item.process or first]
        for code, kg in sorted(result.flows.items()):
            block, line = substance_line(
                code, kg, f"{result.calculator}: {result.label}", item.location
            )
            owner.blocks.setdefault(block, []).append(line)
    return render(list(procs.values()), prod.company, date)


def hash_id(text: str) -> int:
    """A stable number from text (Python's hash() changes between runs)."""
    import zlib

    return zlib.crc32(text.encode("utf-8"))


# --- the stored graph of an imported product -------------------------------------------


def product_to_simapro(project: str, product_id: str, *, date: str | None = None) -> str:
    """The SimaPro CSV text of product ``product_id`` as stored in ``project``.

    One ``Process`` per foreground process (the product's first, its output the
    declared unit), each exchange as stored (per unit of the process's output):
    background inputs by the dataset name the inventory row used (else
    ``<database>:<code>``), inputs from the plant's own processes by their reference
    product, burden-free inputs as ``burden-free (cut-off)``, elementary exchanges as
    SimaPro substances. A process with co-products is written with all its outputs
    and their allocation % (its exchanges before allocation); the allocated co-product
    processes bw-alu stores are not written separately. Avoided products (substitution
    exchanges) and inputs taken from a co-product are refused. Leaves bw2data's current
    project as found.
    """
    from ..project import in_project, products

    if product_id not in products(project):
        from ..errors import UnknownProduct

        raise UnknownProduct(f"product {product_id!r} is not imported in project {project!r}")
    with in_project(project):
        return _stored_to_simapro(product_id, date or _today())


def _today() -> str:
    import datetime

    return datetime.date.today().strftime("%d.%m.%Y")


def _stored_to_simapro(pid: str, date: str) -> str:
    import bw2data as bd

    from ..errors import ExportRefused
    from ..workbook.model import BURDEN_FREE

    acts = {a["code"]: a for a in bd.Database(pid)}
    product = acts[pid]
    meta = product.get("bw_alu") or {}
    prod = meta.get("product") or {}
    du_amount = float(prod.get("declared_unit_amount") or 1.0)
    du_unit = str(prod.get("declared_unit_unit") or product.get("unit") or "kg")
    problems: list[str] = []

    def role(a) -> str:
        return str((a.get("bw_alu") or {}).get("role", "process"))

    foreground = [pid] + [c for c, a in acts.items() if c != pid and role(a) in {"process"}]
    ref_names: dict[str, str] = {}
    for c in foreground:
        name = str(acts[c].get("reference product") or acts[c]["name"])
        if name in ref_names.values():
            problems.append(f"two processes make {name!r}: SimaPro names inputs by product")
        ref_names[c] = name

    def sp_unit(unit: str, what: str) -> tuple[str, float]:
        try:
            u = normalize(unit)
        except UnitError:
            problems.append(f"{what}: unit {unit!r} is not one bw-alu knows")
            return unit, 1.0
        if u not in SIMAPRO_UNITS:
            problems.append(f"{what}: unit {unit!r} has no SimaPro CSV counterpart here")
            return unit, 1.0
        return SIMAPRO_UNITS[u]

    summaries = {str(x.get("code")): x for x in meta.get("processes") or []}
    per_du = _per_du(prod)
    procs = []
    for c in foreground:
        a = acts[c]
        where = f"process {a['name']!r}"
        if c == pid:
            unit, k = sp_unit(du_unit, where)
            output = Output(ref_names[c], unit, du_amount * k)
        else:
            unit, k = sp_unit(str(a.get("unit", "")), where)
            output = Output(ref_names[c], unit, k)
        outputs, unallocate = _outputs(a, output, summaries.get(c), per_du, where, problems)
        p = SpProcess(
            identifier=f"BwAlu{hash_id(pid + '/' + c):012d}",
            name=str(a["name"]),
            products=outputs,
            time_period=str(prod.get("time_period_start", ""))[:4] or "Unspecified",
            geography=str(prod.get("geography") or "Unspecified"),
            date=date,
            comment=f"exported by bw-alu from product {pid}",
            allocation_rules=str(
                ((a.get("bw_alu") or {}).get("allocation") or {}).get("rule") or ""
            ),
        )
        # exchanges as stored: per unit of output (the product's: per declared unit), before
        # allocation when the process has co-products (the Products block gives the %s)
        for exc in a.exchanges():
            kind = exc["type"]
            if kind == "production":
                continue
            info = exc.get("bw_alu") or {}
            amount = float(exc["amount"]) * unallocate
            in_db, in_code = exc["input"]
            label = str(info.get("label") or "")
            if kind == "substitution":
                problems.append(f"{where}: avoided product {in_db}:{in_code} (not written)")
                continue
            if kind == "biosphere":
                _biosphere_line(p, exc, info, amount, where, problems)
                continue
            if in_db == pid:
                target = acts.get(in_code)
                if target is None:
                    problems.append(f"{where}: input {in_code!r} does not exist")
                    continue
                if role(target) == "cutoff":
                    unit, k = sp_unit(str(target.get("unit", "")), where)
                    name = BURDEN_FREE
                elif role(target) == "coproduct":
                    problems.append(
                        f"{where}: takes co-product {target['name']!r} (bw-alu's SimaPro "
                        "import links inputs to reference products only)"
                    )
                    continue
                elif role(target) == "factor_dataset":
                    unit, k = sp_unit(str(target.get("unit", "")), where)
                    name = str(target["name"])
                else:
                    name = ref_names.get(in_code, "")
                    if in_code == pid:  # the product itself, counted in declared units
                        unit, k = sp_unit(du_unit, where)
                        k *= du_amount
                    else:
                        unit, k = sp_unit(str(target.get("unit", "")), where)
            else:
                target = bd.get_node(database=in_db, code=in_code)
                unit, k = sp_unit(str(target.get("unit", "")), where)
                linked = (info.get("link") or {}).get("target") or {}
                name = str(info.get("dataset") or "")
                if not name or (linked.get("database"), linked.get("code")) != (in_db, in_code):
                    # added or re-linked by hand: name the dataset the exchange takes
                    name = f"{in_db}:{in_code}"
            block = (
                "Electricity/heat"
                if info.get("kind") == "energy"
                else ("Waste to treatment" if info.get("kind") == "waste" else "Materials/fuels")
            )
            p.blocks.setdefault(block, []).append(Exchange(name, unit, amount * k, comment=label))
        procs.append(p)
    if problems:
        raise ExportRefused(
            f"product {pid!r} cannot be written as SimaPro CSV: " + "; ".join(problems)
        )
    try:
        return render(procs, str(prod.get("company") or pid), date)
    except UnwritableText as exc:
        raise ExportRefused(f"product {pid!r} cannot be written as SimaPro CSV: {exc}") from None


def _biosphere_line(p: SpProcess, exc, info: dict, amount: float, where: str, problems) -> None:
    import bw2data as bd

    flow = bd.get_node(database=exc["input"][0], code=exc["input"][1])
    code = str(flow.get("code"))
    unit = str(flow.get("unit", "kg"))
    sub = info.get("substance") if info.get("role") == "substance" else None
    if sub:  # an imported SimaPro substance keeps its name and compartment
        name, block, context = sub["name"], sub["block"], sub["context"]
        subc = context[1] if len(context) > 1 else ""
        unit = str(info.get("unit") or "kg")
    else:
        found = simapro_substance(code)
        if found is None:
            problems.append(
                f"{where}: elementary flow {flow.get('name')!r} {tuple(flow.get('categories', ()))}"
                " has no SimaPro name in randonneur_data's mapping"
            )
            return
        name, block, subc, sp_u = found
        amount = amount * factor(unit, sp_u) if unit != sp_u else amount
        unit = sp_u
    comment = (
        f"{info['calculator']}: {info['label']}"
        if info.get("role") == "direct"
        else str(info.get("label") or "")
    )
    p.blocks.setdefault(block, []).append(Exchange(name, unit, amount, sub=subc, comment=comment))


def _per_du(prod: dict) -> float:
    """The product's factor from a workbook amount to an amount per declared unit."""
    annual = prod.get("annual_production")
    return per_declared_unit(
        float(prod["declared_unit_amount"]),
        str(prod["declared_unit_unit"]),
        prod.get("basis"),
        None if annual is None else float(annual),
        prod.get("annual_production_unit"),
    )


def _outputs(act, main: Output, summary: dict | None, per_du: float, where: str, problems):
    """The Products lines of a stored process (its co-products with their allocation %)
    and the factor that undoes the allocation of its stored exchanges."""
    alloc = (act.get("bw_alu") or {}).get("allocation") or {}
    cos = (summary or {}).get("coproducts") or []
    if not alloc.get("rule") or not cos:
        return [main], 1.0
    share = float(alloc.get("factor", 1.0))
    if not share > 0:
        problems.append(f"{where}: its reference product carries no burden (allocation 0)")
        return [main], 1.0
    factors = alloc.get("factors") or {}
    out_du = float(summary.get("output_per_du") or 1.0)  # type: ignore[union-attr]
    main.allocation = share * 100
    outputs = [main]
    for co in cos:
        try:
            u = normalize(str(co["unit"]))
        except UnitError:
            u = str(co["unit"])
        if u not in SIMAPRO_UNITS:
            problems.append(f"{where}: co-product {co['label']!r} in {co['unit']!r}")
            continue
        unit, k = SIMAPRO_UNITS[u]
        outputs.append(
            Output(
                str(co["label"]),
                unit,
                float(co["amount"]) * per_du / out_du * k,
                allocation=float(factors.get(co["label"], 0.0)) * 100,
            )
        )
    return outputs, 1.0 / share
