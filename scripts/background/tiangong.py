"""Chinese unit processes from TianGong LCA Data (ILCD) -> background activities.

Which TianGong processes are taken, under which code, and how each product input
that TianGong leaves without a provider is completed, is reviewed here by hand:

- ``THERMAL``: ``Electricity production ; Thermal power ; <province>`` (2019), national and
  the 30 provinces of the archive, one activity per kWh (reference 3.6 MJ = 1 kWh).
  TianGong counts the direct combustion only; fuel supply is completed below.
- ``PROVIDERS``: product inputs (by the flow's English name) -> an activity of this
  background, with the unit factor; fuels whose supply TianGong lacks are linked to the
  USLCI supply chain of the same fuel (labelled in the provenance). Recovered process
  gases of steel and coking plants (blast-furnace, converter, coke-oven gas), coal gangue
  and refinery gas are by-products burnt where they arise: no upstream burden (cut-off).
- Anything else (waste outputs, unlisted products) is cut off and counted in
  ``coverage.json``.

Licence: TianGong LCA Data, MIT (Copyright (c) 2023 linancn); every dataset states
"Free of charge for all users and uses". Credit kept in each activity's provenance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .biosphere import Matcher
from .ilcd import Archive, Process
from .ilcd_flows import FlowMapper

LICENCE = (
    "TianGong LCA Data, MIT licence (Copyright (c) 2023 linancn), 'Free of charge for all "
    "users and uses'"
)
REPOSITORY = "linancn/TianGong-LCA-Data commit a55b302e (2024-04-26)"

# Province (as TianGong names it) -> (code suffix, location, process uuid).
THERMAL = {
    "China": ("national", "CN", "aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac"),
    "Anhui": ("anhui", "CN-AH", "c2569b6b-e7c4-4527-bcbd-1565a0d93a60"),
    "Beijing": ("beijing", "CN-BJ", "dbf9e576-0d58-4ddd-b491-8dbfb73674ca"),
    "Chongqing": ("chongqing", "CN-CQ", "562973f6-797c-4148-b9e4-7ef1e5fcd950"),
    "Fujian": ("fujian", "CN-FJ", "9cceee2a-b701-4477-a78a-f91380282a2a"),
    "Gansu": ("gansu", "CN-GS", "fc4623f0-0016-44f5-813b-d64d88901176"),
    "Guangdong": ("guangdong", "CN-GD", "9edac7f6-ad26-491c-ab8b-35e7096a3a48"),
    "Guangxi": ("guangxi", "CN-GX", "2a037648-ec81-47ba-89ca-6526da0adc79"),
    "Guizhou": ("guizhou", "CN-GZ", "fff1ea03-589a-46a5-a56e-270f7d0dd581"),
    "Hainan": ("hainan", "CN-HI", "4b389663-8ac9-4652-a647-c2b8426ead3b"),
    "Hebei": ("hebei", "CN-HE", "7556790a-8093-43b1-bc30-e70cc1ebd02c"),
    "Heilongjiang": ("heilongjiang", "CN-HL", "0fe72399-47ef-441b-a716-d7038999a2f6"),
    "Henan": ("henan", "CN-HA", "54f3e09a-c958-481d-9ec9-17125e717a69"),
    "Hubei": ("hubei", "CN-HB", "16cf061d-f201-4b36-94b7-e55d613715d1"),
    "Hunan": ("hunan", "CN-HN", "b367d465-b28a-4979-a74b-f3b10f83e3b0"),
    "Inner Mongolia": ("inner-mongolia", "CN-NM", "11e85f3d-e033-4c84-9798-97ea4a8309fd"),
    "Jiangsu": ("jiangsu", "CN-JS", "183fbd9a-f1af-4cfd-97d0-68ae6021541b"),
    "Jiangxi": ("jiangxi", "CN-JX", "766a62a3-8b6a-4efb-8452-99db38bcce69"),
    "Jilin": ("jilin", "CN-JL", "e3699984-5ba6-4601-abb3-3cd25a96fcef"),
    "Liaoning": ("liaoning", "CN-LN", "8bfc761b-caa1-40e3-9ba5-1808ec52a8e0"),
    "Ningxia": ("ningxia", "CN-NX", "eb6216c8-05b8-4eba-80cc-cb3794726ac2"),
    "Qinghai": ("qinghai", "CN-QH", "6a51981c-26bf-49c6-bebc-be1c1b934df6"),
    "Shaanxi": ("shaanxi", "CN-SN", "c81a9c88-6c39-486a-ab50-f025c2c9ea1e"),
    "Shandong": ("shandong", "CN-SD", "2cd0cce8-bdb1-4200-940c-20f4a040bc7c"),
    "Shanghai": ("shanghai", "CN-SH", "5fe47320-8c57-46c5-8cc6-1702b8f46ccf"),
    "Shanxi": ("shanxi", "CN-SX", "d7f7b09d-6905-40ea-88ce-3ae0a7629c3f"),
    "Sichuan": ("sichuan", "CN-SC", "d80ac23c-0f25-4ec2-9ba6-7bf3330b8f7f"),
    "Tianjin": ("tianjin", "CN-TJ", "4ff79ece-9656-4574-8cdf-1b232e0a6bfe"),
    "Xinjiang": ("xinjiang", "CN-XJ", "f8860728-fce8-4423-933f-adec7c71b138"),
    "Yunnan": ("yunnan", "CN-YN", "cce4182c-a970-4168-bbee-5766ff04439a"),
    "Zhejiang": ("zhejiang", "CN-ZJ", "663b7cb0-8e5e-4410-97d1-f3d7c1a75450"),
}


def thermal_code(suffix: str) -> str:
    return f"cn-elec-thermal-{suffix}"


BURDEN_FREE = "by-product burnt where it arises: no upstream burden (cut-off)"
# Product input (English flow name, lower case) -> (provider code, factor to the
# provider's unit, note). ``None`` provider: burden-free by-product.
PROVIDERS: dict[str, tuple[str | None, float, str]] = {
    "raw coal": (
        "uslci-95324",
        1.0,
        "USLCI 'Bituminous coal, at mine' (U.S. mining) stands in for Chinese raw coal supply",
    ),
    "other washed coal": (
        "uslci-95324",
        1.0,
        "USLCI 'Bituminous coal, at mine' stands in for washed coal supply",
    ),
    "washed coal": (
        "uslci-95324",
        1.0,
        "USLCI 'Bituminous coal, at mine' stands in for washed coal supply",
    ),
    "hard coal briquettes": (
        "uslci-95324",
        1.0,
        "USLCI 'Bituminous coal, at mine' stands in for coal briquette supply",
    ),
    "briquettes": (
        "uslci-95324",
        1.0,
        "USLCI 'Bituminous coal, at mine' stands in for coal briquette supply",
    ),
    "coke": ("uslci-67525", 1.0, "USLCI 'Metallurgical coke, at plant'"),
    "natural gas, high pressure": (
        "uslci-95469",
        1.0,
        "USLCI 'Natural gas, production mixture, to energy use' (kg)",
    ),
    "natural gas, liquefied": (
        "uslci-95469",
        1.0,
        "USLCI natural gas production mixture (kg); liquefaction and shipping cut off",
    ),
    "diesel": (
        "uslci-67802",
        1 / 0.85,
        "USLCI 'Diesel, at refinery' (l); 850 kg/m3, the density of the refinery allocation",
    ),
    "fuel oil": (
        "uslci-67802-0855edec",
        1 / 0.99,
        "USLCI 'Residual fuel oil, at refinery' (l); 990 kg/m3, the density of the refinery allocation",
    ),
    "petroleum coke": ("uslci-67802-d7b2965c", 1.0, "USLCI 'Petroleum coke, at refinery' (kg)"),
    "gangue": (
        None,
        0.0,
        "coal gangue: mining residue burnt in gangue power plants; " + BURDEN_FREE,
    ),
    "coke oven gas": (None, 0.0, "coke-oven gas: " + BURDEN_FREE),
    "blast furnace gas": (None, 0.0, "blast-furnace gas: " + BURDEN_FREE),
    "converter gas": (None, 0.0, "converter (BOF) gas: " + BURDEN_FREE),
    "refinery gas": (None, 0.0, "refinery gas: " + BURDEN_FREE),
    "naphtha": (
        None,
        0.0,
        "naphtha burnt in power plants (20 g/kWh nationally): supply cut off, below 0.01 % of fuel mass",
    ),
    "other coking products": (None, 0.0, "coking by-products: " + BURDEN_FREE),
    "other petroleum products": (None, 0.0, "minor refinery products, supply cut off"),
    "other gas": (None, 0.0, "unspecified recovered gas: " + BURDEN_FREE),
    "other energy": (None, 0.0, "unspecified recovered energy: " + BURDEN_FREE),
    "crude oil": (
        "uslci-67802-0855edec",
        1 / 0.99,
        "crude oil burnt in power plants: USLCI residual fuel oil (l, 990 kg/m3) stands in",
    ),
    "gasoline": ("uslci-67802-ed6b2796", 1 / 0.745, "USLCI 'Gasoline, at refinery' (l); 745 kg/m3"),
    "kerosene": ("uslci-67802-d86ea0d4", 1 / 0.8, "USLCI 'Kerosene, at refinery' (l); 800 kg/m3"),
    "liquefied petroleum gas": (
        "uslci-67802-48e7c234",
        1 / 0.51,
        "USLCI 'Liquefied petroleum gas, at refinery' (l); 510 kg/m3",
    ),
}

# Exchanges read as something else than the flow dataset says, reviewed by hand.
# Converter gas is given in m3 by its flow dataset and treated as burden-free (above).


@dataclass
class Report:
    processes: list[dict] = field(default_factory=list)
    elementary: Counter = field(default_factory=Counter)
    unlinked: Counter = field(default_factory=Counter)
    cutoff: Counter = field(default_factory=Counter)
    burden_free: Counter = field(default_factory=Counter)
    dropped: dict = field(default_factory=dict)


def _provenance(proc: Process, adapted: str, proxy_note: str = "") -> dict:
    return {
        "source": (
            f"TianGong LCA Data ({REPOSITORY}), process {proc.uuid} "
            f"'{proc.name_en}'; literature: {'; '.join(proc.sources) or 'not stated'}"
        ),
        "year": proc.year,
        "geography": proc.location,
        "licence": LICENCE,
        "proxy": bool(proxy_note),
        "proxy_for": proxy_note or None,
        "ghg_only": False,
        "adapted": adapted,
    }


@dataclass
class Spec:
    """How one TianGong process becomes one activity (reviewed by hand)."""

    uuid: str
    code: str
    name: str
    location: str = "CN"
    unit: str = "kg"
    ref_to_unit: float = 1.0  # reference amount in ``unit`` per amount in its flow's unit
    providers: dict[str, tuple[str | None, float, str]] = field(default_factory=dict)
    drop: dict[str, str] = field(default_factory=dict)  # exchange name -> why removed
    add: list[tuple[str, str, float, str]] = field(default_factory=list)  # type, code, amount, why
    scale: dict[str, tuple[float, str]] = field(default_factory=dict)  # name -> factor, why
    notes: tuple[str, ...] = ()
    proxy_for: str = ""  # set when the dataset only partly stands for the product


def _exchange_name(mapper: FlowMapper, exc) -> str:
    flow = mapper.archive.flow(exc.flow)
    return (flow.name_en if flow else exc.label).strip().lower()


def convert(proc: Process, spec: Spec, mapper: FlowMapper, report: Report) -> dict:
    """One TianGong process as an activity per 1 ``spec.unit`` of its reference product."""
    ref = proc.reference_exchange
    per = ref.amount * spec.ref_to_unit  # reference amount in ``spec.unit``
    providers = {**PROVIDERS, **spec.providers}
    exchanges: list[dict] = [{"type": "production", "amount": 1.0}]
    done = []
    for exc in proc.exchanges:
        if exc.internal_id == proc.reference:
            continue
        name = _exchange_name(mapper, exc)
        amount = exc.amount / per * spec.scale.get(name, (1.0, ""))[0]
        if name in spec.drop:
            report.dropped[(spec.code, name)] = spec.drop[name]
            continue
        if name not in spec.providers and mapper.is_elementary(exc):
            report.elementary["exchanges"] += 1
            link = mapper.link(exc)
            if link is None:
                report.unlinked[(exc.label, exc.direction)] += 1
                continue
            report.elementary["linked"] += 1
            report.elementary[f"rule: {link.rule}"] += 1
            exchanges.append(
                {"type": "biosphere", "input": link.code, "amount": amount * link.factor}
            )
            continue
        if exc.direction == "Input" and name in providers:
            provider, factor, note = providers[name]
            if provider is None:
                report.burden_free[name] += 1
                continue
            exchanges.append({"type": "technosphere", "input": provider, "amount": amount * factor})
            done.append(f"{name} -> {provider}" + (f" ({note})" if name in spec.providers else ""))
            continue
        report.cutoff[(name, exc.direction)] += 1
    for kind, code, amount, _why in spec.add:
        exchanges.append({"type": kind, "input": code, "amount": amount})
    report.processes.append(
        {
            "uuid": proc.uuid,
            "code": spec.code,
            "name_en": proc.name_en,
            "name_zh": proc.name_zh,
            "year": proc.year,
        }
    )
    changes = [f"{n} removed: {w}" for n, w in sorted(spec.drop.items())]
    changes += [f"added {why}" for _k, _c, _a, why in spec.add]
    changes += [f"{why}" for _f, why in spec.scale.values()]
    return {
        "code": spec.code,
        "name": spec.name,
        "name_zh": proc.name_zh,
        "reference product": spec.name,
        "unit": spec.unit,
        "location": spec.location,
        "provenance": _provenance(
            proc,
            "read from ILCD; elementary flows mapped to ecoinvent 3.9 (randonneur EF 3.1 "
            "mapping + reviewed rules); inputs TianGong leaves without a provider linked: "
            + ("; ".join(sorted(set(done))) or "none")
            + "".join(f"; {c}" for c in changes)
            + "".join(f"; {n}" for n in spec.notes),
            spec.proxy_for,
        ),
        "exchanges": exchanges,
    }


def thermal_power(archive: Archive, mapper: FlowMapper, report: Report) -> list[dict]:
    out = []
    for province, (suffix, location, uuid) in sorted(THERMAL.items()):
        proc = archive.process(uuid)
        name = (
            "Electricity, thermal power, at plant, China average (TianGong 2019)"
            if province == "China"
            else f"Electricity, thermal power, at plant, {province} (TianGong 2019)"
        )
        spec = Spec(uuid, thermal_code(suffix), name, location, "kWh", 1 / 3.6)
        out.append(convert(proc, spec, mapper, report))
    return out


def build(archive: Archive, matcher: Matcher) -> tuple[list[dict], Report, FlowMapper]:
    mapper = FlowMapper(archive, matcher)
    report = Report()
    from . import aluminium, materials

    acts = thermal_power(archive, mapper, report)
    acts += aluminium.build(archive, mapper, report, matcher)
    for spec in materials.specs():
        spec.proxy_for = materials.PROXY_FOR.get(spec.code, "")
        acts.append(convert(archive.process(spec.uuid), spec, mapper, report))
    return acts, report, mapper
