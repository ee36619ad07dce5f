"""Specific embedded emissions (t CO2e per t of good) of one plant, by CBAM's rules.

SEE_direct   = (AttrEm_dir + sum_i M_i x SEE_i,dir) / AL      (R03, R04)
SEE_indirect = (Em_el + sum_i M_i x SEE_i,ind) / AL           (R13, R04)

computed per tonne of good directly: the plant workbook's amounts are turned into
amounts per declared unit exactly as the CFP does (``Product.per_du``), and divided by
the declared unit's tonnes. The direct emissions are the CFP's own direct-emission items
(:func:`bw_alu.direct.compute`, the same calculators, parameters and audit), each kept or
left out by CBAM's scope rule for its calculator (:data:`rules.CALCULATOR_SCOPE`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import direct as direct_calc
from ..direct.flows import FLOWS
from ..errors import CbamDataInvalid, Problem
from ..paths import ROOT
from ..units import dimension, factor
from ..workbook.model import Plant
from . import rules
from .basis import Basis, basis_of
from .inputs import CbamData, Precursor
from .stored import StoredProduct, gases_of

ELECTRICITY_UNITS = ("kWh", "MWh", "GWh")
_KEY_BY_CODE = {f.code: f.key for f in FLOWS.values()}


def _direct_sources(
    plant: Plant, stored: StoredProduct | None
) -> list[tuple[str, str, dict, list]]:
    """(label, calculator, audit, [(audit gas, kg per DU)]) of each direct-emission item:
    the stored graph's exchanges, else the workbook computed by the CFP's calculators."""
    if stored is not None:
        return [(it.label, it.calculator, it.audit, gases_of(it)) for it in stored.items]
    p = plant.product
    ctx = direct_calc.DirectContext(per_du=p.per_du, du_tonnes_al=p.du_tonnes)
    out = []
    for item in plant.direct:
        audit = direct_calc.compute(item, ctx).audit
        out.append((item.label, item.calculator, audit, [(g, g["kg"]) for g in audit["gases"]]))
    return out


def _direct(
    plant: Plant,
    data: CbamData,
    problems: list[Problem],
    b: Basis,
    stored: StoredProduct | None = None,
) -> dict[str, Any]:
    du_t = b.du_tonnes
    sources = _direct_sources(plant, stored)
    labels = {label for label, *_ in sources}
    for label, override in data.direct.items():
        if label not in labels:
            problems.append(
                Problem(
                    override.location,
                    f"no direct-emission item {label!r} in the plant workbook "
                    f"(items: {', '.join(sorted(labels)) or 'none'})",
                )
            )
    items = []
    total = 0.0
    gwp_table = rules.gwp()
    for label, calculator, audit, item_gases in sources:
        scope, rule_id = rules.CALCULATOR_SCOPE.get(calculator, ("out", "R01"))
        reason = f"rule for {calculator}"
        chosen = data.direct.get(label)
        if chosen is not None:
            scope, rule_id, reason = chosen.scope, "R12", chosen.reason
        gases = []
        t_item = 0.0
        for gas, kg in item_gases:
            key = _KEY_BY_CODE.get(gas["code"], gas["name"])
            counted = scope == "in" and key in rules.ALUMINIUM_GASES
            # R09: CBAM's GWP100 (methods/cbam_gwp.csv) for its gases; a gas CBAM does
            # not count keeps the CFP's factor, for information
            row = gwp_table.get(key) if counted else None
            factor = float(row["gwp100"]) if row else gas["gwp100"]
            t = kg * factor / 1000.0 / du_t
            gases.append(
                {
                    "gas": key,
                    "kg_per_t": kg / du_t,
                    "gwp100": factor,
                    "gwp100_cfp": gas["gwp100"],
                    "gwp_basis": row["basis"] if row else "CFP: IPCC AR6 (IPCC 2021, bw2io)",
                    "t_co2e_per_t": t,
                    "counted": counted,
                }
            )
            t_item += t if counted else 0.0
        total += t_item
        items.append(
            {
                "label": label,
                "calculator": calculator,
                "scope": scope,
                "rule": rule_id,
                "reason": reason,
                "cfp_kg_co2e_per_du": sum(kg * gas["gwp100"] for gas, kg in item_gases),
                "t_co2e_per_t": t_item,
                "gases": gases,
                "formula": audit.get("formula", ""),
                # data quality: parameters the calculator took from methods/ defaults
                "default_parameters": [
                    {"name": x["name"], "source": x["default_source"]}
                    for x in audit.get("parameters", [])
                    if x.get("default")
                ],
            }
        )
    return {
        "items": items,
        "t_co2e_per_t": total,
        "gwp": "CBAM: the GWP100 of Implementing Regulation (EU) 2025/2547 Annex II point G, "
        "Table 6, to which point B.7.3 refers (CF4 6630, C2F6 11100, the IPCC AR5 values; "
        "methods/cbam_gwp.csv, rule R09; point G's own text not read); the CFP uses IPCC AR6 "
        "(IPCC 2021)",
    }


def _inventory(plant: Plant) -> dict[str, Any]:
    return {row.label: row for row in plant.inventory}


def _indirect(
    plant: Plant,
    data: CbamData,
    problems: list[Problem],
    b: Basis,
    stored: StoredProduct | None = None,
) -> dict[str, Any]:
    inventory = _inventory(plant)
    electric = [
        r for r in plant.inventory if r.stage == "production" and r.unit in ELECTRICITY_UNITS
    ]
    covered = {e.inventory_label for e in data.electricity}
    for row in electric:
        if row.label not in covered:
            problems.append(
                Problem(
                    row.location,
                    f"electricity row {row.label!r} has no row in sheet cbam_electricity "
                    "(its source type and emission factor)",
                )
            )
    rows = []
    mwh_total = t_total = 0.0
    for e in data.electricity:
        inv = inventory.get(e.inventory_label)
        if inv is None or inv.unit not in ELECTRICITY_UNITS:
            problems.append(
                Problem(
                    e.location,
                    f"inventory_label {e.inventory_label!r} is not an electricity row "
                    "(kWh/MWh) of the plant's inventory",
                )
            )
            continue
        amount, unit = inv.amount, inv.unit
        if stored is not None:
            # the stored electricity exchanges of the row, per declared unit
            mwh_du = _stored_row(stored, inv.label, "MWh", e.location, problems)
            if mwh_du is None:
                continue
            mwh_per_t = mwh_du / b.du_tonnes
            amount, unit = mwh_du * 1000.0, "kWh"
        else:
            mwh_per_t = inv.amount * factor(inv.unit, "MWh") * b.per_du / b.du_tonnes
        t = mwh_per_t * e.factor_t_per_mwh
        mwh_total += mwh_per_t
        t_total += t
        rows.append(
            {
                "inventory_label": inv.label,
                "label_zh": inv.label_zh,
                "amount": amount,
                "unit": unit,
                "mwh_per_t": mwh_per_t,
                "source_type": e.source_type,
                "factor_t_co2_per_mwh": e.factor_t_per_mwh,
                "factor_written": e.factor_written,
                "factor_source": e.factor_source,
                "factor_year": e.factor_year,
                "evidence": e.evidence,
                "note": e.note,
                "rule": "R14" if e.source_type == "grid" else "R15",
                "t_co2e_per_t": t,
                "formula": f"{mwh_per_t:.6g} MWh/t x {e.factor_t_per_mwh:.6g} t CO2/MWh = {t:.6g}",
            }
        )
    return {"rows": rows, "mwh_per_t": mwh_total, "t_co2e_per_t": t_total}


def _stored_row(
    stored: StoredProduct, label: str, unit: str, where, problems: list[Problem]
) -> float | None:
    """Row ``label``'s stored exchanges per declared unit, in ``unit`` (a problem if the
    stored product has none, or has them in a unit that does not convert)."""
    units = stored.row_units(label)
    if not units or any(dimension(u) != dimension(unit) for u in units):
        problems.append(
            Problem(
                where,
                f"product {stored.product_id!r} in project {stored.project!r} has no "
                f"exchange of row {label!r} in a unit convertible to {unit} "
                f"(stored units: {', '.join(sorted(units)) or 'none'})",
            )
        )
        return None
    return stored.row_amount(label, unit)


def _precursor_mass_per_t(
    plant: Plant,
    pre: Precursor,
    problems: list[Problem],
    b: Basis,
    stored: StoredProduct | None = None,
) -> float | None:
    if (
        pre.inventory_label is not None
        and stored is not None
        and _inventory(plant).get(pre.inventory_label) is not None
    ):
        t_du = _stored_row(stored, pre.inventory_label, "t", pre.cell("inventory_label"), problems)
        return None if t_du is None else t_du / b.du_tonnes
    if pre.inventory_label is not None:
        inv = _inventory(plant).get(pre.inventory_label)
        if inv is None or dimension(inv.unit) != "mass":
            problems.append(
                Problem(
                    pre.cell("inventory_label"),
                    f"inventory_label {pre.inventory_label!r} is not a row of the plant's "
                    "inventory given by mass",
                )
            )
            return None
        amount, unit = inv.amount, inv.unit
    else:
        assert pre.amount is not None and pre.unit is not None  # checked by load_cbam
        amount, unit = pre.amount, pre.unit
    # an amount on the workbook's basis: per declared unit, then per t of good
    return amount * factor(unit, "t") * b.per_du / b.du_tonnes


def _import_year(data: CbamData) -> int:
    """The year of import whose mark-up a default value carries (R21)."""
    text = data.text("import_year")
    return int(text) if text.isdigit() else rules.FIRST_DEFINITIVE_YEAR


def _precursor_formula(
    m: float, see_d: float, see_i: float, d: float, i: float, dv: dict[str, Any] | None
) -> str:
    if dv is None:
        return (
            f"{m:.6g} t/t x {see_d:.6g} = {d:.6g} (direct); "
            f"{m:.6g} t/t x {see_i:.6g} = {i:.6g} (indirect)"
        )
    up = f"(1 + {dv['markup_pct']:g} %, import year {dv['import_year']})"
    ind = (
        f"{m:.6g} t/t x {dv['indirect_without_markup']:.6g} x {up} = {i:.6g} (indirect)"
        if dv["indirect_given"]
        else "no indirect default value given (0)"
    )
    return f"{m:.6g} t/t x {dv['direct_without_markup']:.6g} x {up} = {d:.6g} (direct); {ind}"


def _precursors(
    plant: Plant,
    data: CbamData,
    defaults: str | None,
    problems: list[Problem],
    b: Basis,
    stored: StoredProduct | None = None,
) -> list[dict[str, Any]]:
    out = []
    for pre in data.precursors:
        m = _precursor_mass_per_t(plant, pre, problems, b, stored)
        see_d, see_i, source = pre.see_direct, pre.see_indirect, pre.source
        default_ref = None
        if pre.data_source == "default":
            dv = rules.default_value(pre.cn_code, pre.country, defaults)
            if isinstance(dv, str):
                problems.append(
                    Problem(
                        pre.cell("data_source"),
                        f"precursor {pre.label!r} asks for the default value, but {dv}",
                    )
                )
                continue
            # R21: the default value carries the mark-up of the year of import
            year = _import_year(data)
            mk = rules.markup("Aluminium", year)
            if isinstance(mk, str):
                problems.append(Problem(pre.cell("data_source"), mk))
                continue
            up = 1.0 + mk.pct / 100.0
            see_d, see_i = dv.direct * up, (dv.indirect or 0.0) * up
            source = f"{dv.act}, {dv.table} (read {dv.retrieved}; {_shown(dv.file)} row {dv.row})"
            if dv.source:
                source += f"; transcribed from: {dv.source}"
            default_ref = {
                "file": _shown(dv.file),
                "row": dv.row,
                "cn_code": dv.cn_code,
                "status": dv.status,
                "direct_without_markup": dv.direct,
                "indirect_without_markup": dv.indirect,
                "indirect_given": dv.indirect is not None,
                "import_year": year,
                "markup_pct": mk.pct,
                "markup_from_year": mk.from_year,
                "markup_source": f"{mk.act}, {mk.provision} ({_shown(mk.file)} row {mk.row})",
                "markup_status": mk.status,
                "rule": "R21",
            }
        if m is None or see_d is None or see_i is None:
            continue
        d, i = m * see_d, m * see_i
        out.append(
            {
                "label": pre.label,
                "cn_code": pre.cn_code,
                "country": pre.country,
                "route": pre.route,
                "data_source": pre.data_source,
                "supplier": pre.supplier,
                "t_per_t": m,
                "see_direct": see_d,
                "see_indirect": see_i,
                "direct_t_co2e_per_t": d,
                "indirect_t_co2e_per_t": i,
                "source": source,
                "default": default_ref,
                "note": pre.note,
                "rule": "R16",
                "formula": _precursor_formula(m, see_d, see_i, d, i, default_ref),
            }
        )
    return out


def _shown(path: str) -> str:
    """``databases/cbam/x`` for a path inside the repository, else the file's name."""
    p = Path(path).resolve()
    return p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else p.name


def calculate(
    plant: Plant,
    data: CbamData,
    *,
    defaults: str | None = None,
    stored: StoredProduct | None = None,
) -> dict[str, Any]:
    """The CBAM result of ``plant`` as a plain dict (what every writer renders).

    ``stored``: the product as stored in a Brightway project; its direct-emission
    exchanges, electricity and precursor inputs replace the workbook's amounts, and its
    stored declared unit and production volume the workbook's (:func:`basis.basis_of`);
    the workbook still gives the CBAM sheets' data.

    Raises :class:`CbamDataInvalid` listing every problem (unknown rows, uncovered
    electricity, a default value the table does not give).
    """
    problems: list[Problem] = []
    p = plant.product
    # the declared unit and production volume: the stored product's from the stored graph
    b = basis_of(plant, stored)
    direct = _direct(plant, data, problems, b, stored)
    indirect = _indirect(plant, data, problems, b, stored)
    precursors = _precursors(plant, data, defaults, problems, b, stored)
    al_field = data.installation.get("activity_level_t")
    al = None
    if al_field is not None and al_field.value:
        try:
            al = float(al_field.value)
        except ValueError:
            problems.append(Problem(al_field.location, "activity_level_t must be a number (t)"))
    else:  # the production volume of the declared unit's basis (None: per declared unit)
        al = b.annual_t
    if problems:
        raise CbamDataInvalid(
            problems,
            headline=f"CBAM data do not fit the plant workbook {plant.path}"
            + (
                f" and product {stored.product_id!r} as stored in project {stored.project!r}"
                if stored is not None
                else ""
            ),
        )

    pre_d = sum(x["direct_t_co2e_per_t"] for x in precursors)
    pre_i = sum(x["indirect_t_co2e_per_t"] for x in precursors)
    see_d = direct["t_co2e_per_t"] + pre_d
    see_i = indirect["t_co2e_per_t"] + pre_i
    default_d = sum(x["direct_t_co2e_per_t"] for x in precursors if x["data_source"] == "default")
    default_i = sum(x["indirect_t_co2e_per_t"] for x in precursors if x["data_source"] == "default")
    period = data.text("period", "definitive")
    see = {
        "attributed_direct": direct["t_co2e_per_t"],
        "precursors_direct": pre_d,
        "direct": see_d,
        "electricity_indirect": indirect["t_co2e_per_t"],
        "precursors_indirect": pre_i,
        "indirect": see_i,
        "total": see_d + see_i,
        # R02: aluminium counts only direct emissions in the definitive period.
        "counted": see_d if period == "definitive" else see_d + see_i,
    }
    installation = {
        k: {"value": f.value, "source": f.source} for k, f in sorted(data.installation.items())
    }
    reporting_period = {
        "start": data.text("reporting_period_start", p.time_period_start),
        "end": data.text("reporting_period_end", p.time_period_end),
    }
    return {
        "product_id": p.product_id,
        "product_name_en": p.product_name_en,
        "product_name_zh": p.product_name_zh,
        "company": p.company,
        # names, not machine paths: the outputs are archived and compared across machines
        "workbook": _shown(plant.path),
        "cbam_data": _shown(data.path),
        # where the quantities (direct emissions, electricity, precursor masses) come from
        "source": (
            {
                "kind": "stored graph",
                "project": stored.project,
                "text": f"stored graph in project {stored.project}",
                "unlabelled_exchanges_left_out": stored.unlabelled,
            }
            if stored is not None
            else {"kind": "workbook", "project": None, "text": "workbook"}
        ),
        "period": period,
        "reporting_period": reporting_period,
        "installation": installation,
        "declared_unit_t": b.du_tonnes,
        # the declared unit of the figures, and where it comes from (the stored product's
        # from the stored graph; the workbook's own beside it when they differ)
        "declared_unit": {
            "amount": b.du_amount,
            "unit": b.du_unit,
            "t": b.du_tonnes,
            "basis": b.basis,
            "production_volume_t": b.annual_t,
            "from": b.origin,
            "workbook": f"{p.declared_unit_amount:g} {p.declared_unit_unit}",
        },
        # the workbook's processes together form the one CBAM production process (R18)
        "processes": [x.id for x in plant.processes],
        "activity_level_t": al,
        "direct": direct,
        "indirect": indirect,
        "precursors": precursors,
        "see": see,
        "annual_t_co2e": ({k: v * al for k, v in see.items()} if al is not None else None),
        "flags": {
            "default_values_used": any(x["data_source"] == "default" for x in precursors),
            "default_share_of_direct": default_d / see_d if see_d else 0.0,
            "default_share_of_total": (default_d + default_i) / see["total"]
            if see["total"]
            else 0.0,
            "electricity_source_types": sorted({r["source_type"] for r in indirect["rows"]}),
            "gwp_confirmed_against_cbam_act": False,
            # status of each default value and mark-up used (how each was checked)
            "default_value_status": sorted(
                {
                    f"CN {x['default']['cn_code']}: {x['default']['status'] or 'no status'}; "
                    f"mark-up: {x['default']['markup_status'] or 'no status'}"
                    for x in precursors
                    if x["default"]
                }
            ),
            "grid_factor_rule": (
                "transitional rule applied (R14): the workbook's publicly available grid factor; "
                "China's factor of Implementing Regulation (EU) 2025/2621 Annex II not found"
            ),
            # R23: the SEE belongs to the goods produced in the reporting period; goods
            # imported in import_year but produced after it need that later period's figures
            "reporting_period_rule": {
                "see_serves_goods_produced": reporting_period,
                "import_year": _import_year(data),
                "rule": "R23",
            },
        },
        "assumptions": [
            {"id": a.id, "text": a.text, "text_zh": a.text_zh, "affects": a.affects}
            for a in (*plant.assumptions, *data.assumptions)
        ],
        "rules": [dict(row) for row in rules.rules().values()],
    }
