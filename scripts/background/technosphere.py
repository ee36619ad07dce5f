"""USLCI processes -> single-output activities linked by code.

Steps (each recorded for ``coverage.json``):

- activities whose reference unit has no allowed equivalent (p*km, h) are left out;
- co-products: the export carries no allocation factors, so multi-output datasets are
  split by physical allocation (mass when every product has a mass, else energy when
  every product is energy); where neither applies the reference product carries the
  whole burden and the co-products are dropped (listed);
- technosphere inputs link by name, then unit (converted) and location; a name with
  several providers links to the one named in ``PROVIDER_CHOICES`` (written to
  ``databases/mappings/uslci_provider_choices.csv``) or, for regional variants of one
  U.S. dataset, to the variant whose comment says "U.S. average";
- inputs without a provider and waste sent to treatment without a provider are cut off;
- an activity that consumes its own product is netted (output 1 - a, rest / (1 - a)).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from . import units, water
from .biosphere import AIR_U, FedeflFlow, Matcher, biogenic_exchange_ids, link_flow

# Co-products that are not products: water passed through, recovered energy, tars.
_NOT_PRODUCTS = ("Water (", "Recovered energy", "Tar")

# Mass allocation of the refinery needs densities of its liquid and gaseous products.
# kg per m3, typical values (U.S. EIA / API): cited in databases/background/README.md.
PRODUCT_DENSITY = {
    "Diesel, at refinery": 850.0,
    "Gasoline, at refinery": 745.0,
    "Kerosene, at refinery": 800.0,
    "Residual fuel oil, at refinery": 990.0,
    "Liquefied petroleum gas, at refinery": 510.0,
    "Refinery gas, at refinery": 1.0,
}

# name -> (USLCI dataset number, reason). The only names with several providers.
PROVIDER_CHOICES = {
    "Electricity, at grid": (
        "93176",
        "U.S. national average grid mix (2009, eGRID-based); the others are eGRID "
        "sub-regions, states, or the 2014 Texas/Western/Eastern mixes. The CN dataset "
        "(92225, MJ) is used only where the input says location CN.",
    ),
    "Aluminum, primary, ingot, at plant": (
        "83186",
        "Aluminum Association 2014 North American cradle-to-gate inventory, the newer of "
        "two (80126 is the 1997 ingot-casting unit process, kept and used by the CN copies).",
    ),
    "Aluminum, secondary, ingot, at plant": (
        "86155",
        "Aluminum Association 2014 North American inventory, the newer of two (74061: 2002).",
    ),
    "Methylene diphenyl diisocyanate, MDI, resin, at plant": (
        "49391",
        "U.S. average (2003); the other two are Pacific North West and Southeast variants.",
    ),
    "Roundwood; hardwood; green; at logyard": ("11533", "NE/NC regional variant (first)."),
    "Roundwood; hardwood; green; at mill": ("11462", "NE/NC regional variant (first)."),
    "Sawn lumber; hardwood; rough; green; at sawmill": ("32401", "NE/NC regional variant."),
    "Sawn lumber; hardwood; rough; kiln dried; at kiln": ("32054", "NE/NC regional variant."),
    "Wood fuel; hardwood; gen at lumber mill; combusted in industrial boiler": (
        "94517",
        "First of two equivalent variants.",
    ),
    "Wood fuel; hardwood; purchased; combusted in industrial boiler": (
        "94231",
        "First of three equivalent variants.",
    ),
    "Wood fuel; softwood; gen at lumber mill; combusted in industrial boiler": (
        "94269",
        "First of two equivalent variants.",
    ),
}

# Datasets whose "self-consumption" is a mislabelled feedstock. "Aluminum, sheet, coated,
# at plant" consumes 5.8256312304 kg of its own product per 5.82563123 kg made (a ratio of
# 1.00000000007): netting that out leaves no product at all (a singular matrix). The
# parallel steel dataset ("Galvanized steel coil, coated") takes "Galvanized steel sheet"
# here, so the input is the uncoated sheet: relinked to cold-rolled aluminium sheet.
SELF_INPUT_FIXES = {
    "Aluminum, sheet, coated, at plant": "Aluminum, cold rolling, at plant",
}

# Exchanges that are obvious data errors in the release: (dataset number, flow name,
# group) -> reason. They are dropped and listed in coverage.json.
DATA_ERRORS = {
    ("48107", "Dioxins", "emission"): (
        "9.8E15 kg dioxins per kg PVC resin (more than the Earth's yearly output of anything); "
        "an exponent sign error, dropped"
    ),
}

_CHOSEN_NUMBERS = {number for number, _ in PROVIDER_CHOICES.values()}


def uslci_code(number: str, product: str | None = None) -> str:
    """Stable code: ``uslci-<dataset number>``; co-product splits get a name hash."""
    if product is None:
        return f"uslci-{number}"
    digest = hashlib.sha1(product.encode("utf-8")).hexdigest()[:8]
    return f"uslci-{number}-{digest}"


def _mass(amount: float, unit: str, product: str) -> float | None:
    base, factor = units.SAME_DIMENSION.get(unit, (None, None))
    if base == "kg":
        return amount * factor
    if base in ("m3", "l") and product in PRODUCT_DENSITY:
        m3 = amount * factor * (1e-3 if base == "l" else 1.0)
        return m3 * PRODUCT_DENSITY[product]
    return None


def _energy(amount: float, unit: str) -> float | None:
    base, factor = units.SAME_DIMENSION.get(unit, (None, None))
    if base == "MJ":
        return amount * factor
    if base == "kWh":
        return amount * factor * 3.6
    return None


def allocation(process: dict) -> tuple[list[tuple[str, float, str, float]], str]:
    """Products as ``(name, amount, unit, share)`` and the allocation basis used."""
    products = [(process["name"], process["amount"], process["unit"])]
    for e in process["exchanges"]:
        if (
            e["group"] == "coproduct"
            and e["amount"] > 0
            and not e["name"].startswith(_NOT_PRODUCTS)
        ):
            products.append((e["name"], e["amount"], e["unit"]))
    if len(products) == 1:
        return [(*products[0], 1.0)], "none"
    for basis, measure in (
        ("mass", lambda n, a, u: _mass(a, u, n)),
        ("energy", lambda n, a, u: _energy(a, u)),
    ):
        values = [measure(*p) for p in products]
        if all(v is not None for v in values) and sum(values) > 0:
            total = sum(values)
            return [(*p, v / total) for p, v in zip(products, values)], basis
    return [(*products[0], 1.0)], "reference carries all (no common basis)"


class Builder:
    """Turns the extracted processes into activities; collects what coverage reports."""

    def __init__(self, processes: list[dict], matcher: Matcher):
        self.processes = processes
        self.matcher = matcher
        self.activities: dict[str, dict] = {}
        self.raw_inputs: dict[str, list[dict]] = {}
        self.excluded: list[dict] = []
        self.allocations: list[dict] = []
        self.cutoffs: Counter = Counter()
        self.unlinked_flows: Counter = Counter()
        self.bio_counts = Counter()
        self.bio_amounts = Counter()
        self.flow_links: dict[FedeflFlow, object] = {}
        self.flow_uses: Counter = Counter()
        self.non_fossil: dict[str, list[str]] = defaultdict(list)
        self.choices: dict[str, dict] = {}
        self.self_consumption: list[dict] = []
        self.data_errors: list[dict] = []
        self.water_balances: list[dict] = []
        self.water_air = matcher.named("Water", AIR_U)
        if self.water_air is None or self.water_air.unit != "m3":
            raise ValueError("biosphere3 has no 'Water' (air, unspecified) flow in m3")

    # -- biosphere -----------------------------------------------------------------------
    def _bio(self, flow: FedeflFlow, amount: float, biogenic: bool) -> dict | None:
        key = (flow, biogenic)
        if key not in self.flow_links:
            self.flow_links[key] = link_flow(self.matcher, flow, biogenic)
        link = self.flow_links[key]
        self.flow_uses[key] += 1
        # "by amount" is meaningful for emissions in kg (water excluded: it dwarfs the rest).
        weight = (
            abs(amount)
            if flow.unit == "kg"
            and flow.direction == "emission"
            and not flow.name.startswith("Water")
            else 0.0
        )
        if link is None:
            self.unlinked_flows[flow] += 1
            self.bio_counts["unlinked"] += 1
            self.bio_amounts["unlinked_emission_kg"] += weight
            return None
        self.bio_counts["linked"] += 1
        self.bio_amounts["linked_emission_kg"] += weight
        return {"type": "biosphere", "input": link.code, "amount": amount * link.factor}

    # -- activities ----------------------------------------------------------------------
    def build(self) -> None:
        for process in self.processes:
            ref_unit = process["unit"]
            if ref_unit not in units.SAME_DIMENSION:
                self.excluded.append(
                    {"number": process["number"], "name": process["name"], "unit": ref_unit}
                )
                continue
            self._build_process(process)

    def _build_process(self, process: dict) -> None:
        products, basis = allocation(process)
        if basis != "none":
            self.allocations.append(
                {
                    "number": process["number"],
                    "name": process["name"],
                    "basis": basis,
                    "products": [[n, round(s, 6)] for n, _, _, s in products],
                    "dropped": [
                        e["name"]
                        for e in process["exchanges"]
                        if e["group"] == "coproduct" and e["name"] not in {p[0] for p in products}
                    ],
                }
            )
        biogenic = biogenic_exchange_ids(process)
        wb = water.balance(process)
        if wb is not None:
            self.water_balances.append(
                {
                    "number": process["number"],
                    "name": process["name"],
                    "per": f"{process['amount']:.12g} {process['unit']}",
                    "withdrawn_m3": round(wb.withdrawn, 9),
                    "returned_m3": round(wb.returned, 9),
                    "evaporation_reported_m3": round(wb.evaporated, 9),
                    "consumption_m3": round(wb.consumption, 9),
                    "added_to_air_m3": round(wb.added, 9),
                    "rule": wb.rule,
                }
            )
        for index, (name, amount, unit, share) in enumerate(products):
            code = uslci_code(process["number"], None if index == 0 else name)
            allowed_unit, factor = units.normalise(unit)
            scale = share / (amount * factor)  # per 1 allowed unit of this product
            exchanges = [{"type": "production", "amount": 1.0}]
            inputs = []
            for i, e in enumerate(process["exchanges"]):
                error = DATA_ERRORS.get((process["number"], e["name"], e["group"]))
                if error:
                    if index == 0:
                        self.data_errors.append(
                            {
                                "number": process["number"],
                                "dataset": process["name"],
                                "flow": e["name"],
                                "amount": e["amount"],
                                "action": error,
                            }
                        )
                    continue
                value = e["amount"] * scale
                if e["group"] in ("emission", "resource"):
                    flow = FedeflFlow(
                        e["group"], e["name"], e["category"], e["subcategory"], e["unit"], e["cas"]
                    )
                    exc = self._bio(flow, value, i in biogenic)
                    if exc:
                        exchanges.append(exc)
                        if i in biogenic and index == 0:
                            self.non_fossil[process["name"]].append(e["name"])
                elif e["group"] == "input" and e["category"] == "Ecosystem Services":
                    flow = FedeflFlow("land", e["name"], e["category"], "", e["unit"], "")
                    exc = self._bio(flow, value, False)
                    if exc:
                        exchanges.append(exc)
                elif e["group"] in ("input", "waste"):
                    inputs.append({**e, "amount": value})
            if wb is not None and wb.added > 0.0:
                # Consumption not already reported as evaporation (scripts/background/water.py).
                exchanges.append(
                    {"type": "biosphere", "input": self.water_air.code, "amount": wb.added * scale}
                )
            self.activities[code] = {
                "code": code,
                "name": name if index else process["name"],
                "reference product": name,
                "unit": allowed_unit,
                "location": process["location"],
                "number": process["number"],
                "comment": process["comment"],
                "provenance": {
                    "source": f"USLCI FY21 Q3, process {process['name']} (dataset {process['number']})",
                    "year": process["year"] or "unknown",
                    "geography": process["geography_text"] or process["location"],
                    "licence": "MIT (USLCI)",
                    "proxy": False,
                    "proxy_for": None,
                    "ghg_only": False,
                    "adapted": None
                    if basis == "none"
                    else f"co-product {name!r} split from {process['name']!r} by {basis} allocation (share {share:.4f})",
                },
                "exchanges": exchanges,
            }
            self.raw_inputs[code] = inputs

    # -- linking -------------------------------------------------------------------------
    def _candidates(self) -> dict[str, list[dict]]:
        by_name = defaultdict(list)
        for act in self.activities.values():
            by_name[act["reference product"]].append(act)
        return by_name

    def provider(self, by_name, name: str, location: str) -> tuple[dict | None, str]:
        cands = by_name.get(name, [])
        if not cands:
            return None, "no provider"
        if len(cands) == 1:
            return cands[0], "single provider"
        # A product that is the reference of one dataset and a split co-product of another
        # links to the dataset made for it.
        refs = [c for c in cands if c["code"] == uslci_code(c["number"])]
        if len(refs) == 1:
            return refs[0], "reference product preferred over a co-product split"
        cands = refs or cands
        same_loc = [c for c in cands if c["location"] == location]
        if location not in ("RNA", "US", "") and len(same_loc) == 1:
            choice = same_loc[0], f"location {location}"
        elif name in PROVIDER_CHOICES:
            number, reason = PROVIDER_CHOICES[name]
            picked = [c for c in cands if c["number"] == number]
            choice = picked[0], reason
        elif len(chosen := [c for c in cands if c["number"] in _CHOSEN_NUMBERS]) == 1:
            choice = chosen[0], "co-product of the dataset chosen for its reference product"
        else:
            us_avg = [c for c in cands if "represents the U.S. average" in c["comment"]]
            if len(us_avg) != 1:
                raise ValueError(f"{name!r}: {len(cands)} providers and no choice recorded")
            choice = us_avg[0], "regional variants: the one whose comment says 'U.S. average'"
        key = f"{name}|{location}"
        self.choices[key] = {
            "input_name": name,
            "input_location": location,
            "chosen_code": choice[0]["code"],
            "chosen_location": choice[0]["location"],
            "chosen_year": choice[0]["provenance"]["year"],
            "candidates": " ".join(sorted(c["code"] for c in cands)),
            "reason": choice[1],
        }
        return choice

    def link(self) -> None:
        by_name = self._candidates()
        for code in sorted(self.raw_inputs):
            act = self.activities[code]
            for e in self.raw_inputs[code]:
                name = e["name"]
                if name == act["reference product"] and name in SELF_INPUT_FIXES:
                    name = SELF_INPUT_FIXES[name]
                    self.self_consumption.append(
                        {
                            "code": code,
                            "name": act["name"],
                            "self_input_per_unit": e["amount"],
                            "fix": f"relinked to {name!r} (feedstock sheet), not netted",
                        }
                    )
                    act["provenance"]["adapted"] = (
                        f"own-product input ({e['amount']:.10g} per unit) relinked to {name!r}: "
                        "netting would leave no output; the parallel steel dataset uses the "
                        "uncoated sheet here"
                    )
                prov, _ = self.provider(by_name, name, e["location"])
                if prov is None:
                    self.cutoffs[(e["name"], e["unit"], e["group"])] += 1
                    continue
                try:
                    amount = units.convert(e["amount"], e["unit"], prov["unit"], name)
                except units.UnitError:
                    self.cutoffs[(e["name"], e["unit"], "unit mismatch")] += 1
                    continue
                act["exchanges"].append(
                    {"type": "technosphere", "input": prov["code"], "amount": amount}
                )
        for act in self.activities.values():
            net_self_consumption(act, self.self_consumption)


def net_self_consumption(act: dict, record: list) -> None:
    """Net out an input of the activity's own product: output 1 - a, rest scaled."""
    own = [e for e in act["exchanges"] if e["type"] == "technosphere" and e["input"] == act["code"]]
    if not own:
        return
    a = sum(e["amount"] for e in own)
    if a >= 1.0:
        raise ValueError(f"{act['name']!r} consumes {a} of its own product per unit")
    kept = [e for e in act["exchanges"] if e not in own and e["type"] != "production"]
    act["exchanges"] = [{"type": "production", "amount": 1.0}] + [
        {**e, "amount": e["amount"] / (1.0 - a)} for e in kept
    ]
    note = f"self-consumption of {a:.6g} per unit netted out (output 1 - a, inputs / (1 - a))"
    prov = act["provenance"]
    prov["adapted"] = f"{prov['adapted']}; {note}" if prov["adapted"] else note
    record.append({"code": act["code"], "name": act["name"], "self_input_per_unit": a})
