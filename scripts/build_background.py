"""Build bw-alu's embedded open background from the USLCI FY21 Q3 EcoSpold 1 release.

    python scripts/build_background.py [--uslci PATH] [--out DIR]

Reads ``../shared/data/uslci/uslci_fy21_q3_01_olca_10_3_ecospold2.zip`` (relative to the
repository root) and writes, under ``DIR`` (default: the repository's ``databases/``):

- ``background/uslci_cn.json.gz``: the background database (byte-identical on rebuild);
- ``background/coverage.json``: what linked, what was dropped, the GHG mapping;
- ``mappings/fedefl_to_ecoinvent39.csv``: the elementary-flow mapping actually used;
- ``mappings/uslci_provider_choices.csv``: the provider chosen where a name has several;
- ``background/grid_factors.csv``: modelled grid factors against the official ones;
- ``LICENSE-TIANGONG``: TianGong LCA Data's MIT notice, copied from the archive.

TianGong LCA Data (``../shared/data/tiangong/tiangong.tar.xz``, ILCD) is unpacked into a
temporary directory for the build only.

The stages live in ``scripts/background/`` (extract -> biosphere -> technosphere ->
china -> output); see ``databases/background/README.md`` for the rules and sources.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background import china, grids, output, tiangong  # noqa: E402
from background.biosphere import (  # noqa: E402
    GHG_PROXIES,
    IPCC_GWP100,
    LAND_CLASS_RULE,
    WATER_NAMES,
    Matcher,
    ipcc_cas_set,
    is_ghg,
    method_factors,
)
from background.extract import read_processes  # noqa: E402
from background.ilcd import Archive, unpack  # noqa: E402
from background.technosphere import Builder  # noqa: E402
from background.water import DEFAULT_CONSUMPTION_FRACTION, DEFAULT_SOURCE  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_USLCI = REPO.parent / "shared/data/uslci/uslci_fy21_q3_01_olca_10_3_ecospold2.zip"
DEFAULT_TIANGONG = REPO.parent / "shared/data/tiangong/tiangong.tar.xz"

# Demands solved as a check (and the activities plant inventories will use most).
CHECK_DEMANDS = [
    "cn-alumina",
    "cn-alumina-bayer",
    "cn-anode",
    "cn-al-smelt-grid",
    "cn-elec-thermal-national",
    "proxy-silicon",
    "proxy-copper",
    "proxy-nickel",
    "proxy-manganese",
    "proxy-aluminium-fluoride",
    "proxy-cryolite",
    "proxy-tap-water",
    "cn-elec-grid-national",
    "cn-elec-grid-yunnan",
    "cn-elec-grid-yunnan-2022",
    "cn-elec-grid-east",
    "cn-al-ingot-grid",
    "cn-al-ingot-hydro",
    "cn-al-secondary-east",
    "cn-natural-gas-m3",
    "gasoline-kg",
    "uslci-89204",
    "uslci-15077",
    "cn-road-freight",
    "uslci-67802",
]


class GhgNotLinked(RuntimeError):
    """A greenhouse-gas emission of USLCI has no characterized ecoinvent flow."""


def mapping_rows(builder: Builder, matcher: Matcher) -> list[dict]:
    rows = []
    for (flow, biogenic), link in builder.flow_links.items():
        eco = matcher.flows[link.code] if link else None
        rows.append(
            {
                "fedefl_name": flow.name,
                "fedefl_direction": flow.direction,
                "fedefl_context": flow.context,
                "fedefl_unit": flow.unit,
                "cas": flow.cas,
                "carbon": "biogenic dataset" if biogenic else "",
                "ecoinvent_code": eco.code if eco else "",
                "ecoinvent_name": eco.name if eco else "",
                "ecoinvent_categories": "/".join(eco.categories) if eco else "",
                "ecoinvent_unit": eco.unit if eco else "",
                "factor": f"{link.factor:.12g}" if link else "",
                "rule": link.rule if link else "unlinked",
                "note": link.note if link else "",
                "uses": builder.flow_uses[(flow, biogenic)],
            }
        )
    rows.sort(
        key=lambda r: (
            r["fedefl_direction"],
            r["fedefl_name"],
            r["fedefl_context"],
            r["fedefl_unit"],
            r["carbon"],
        )
    )
    return rows


MAPPING_COLUMNS = [
    "fedefl_name",
    "fedefl_direction",
    "fedefl_context",
    "fedefl_unit",
    "cas",
    "carbon",
    "ecoinvent_code",
    "ecoinvent_name",
    "ecoinvent_categories",
    "ecoinvent_unit",
    "factor",
    "rule",
    "note",
    "uses",
]
TIANGONG_FLOW_COLUMNS = [
    "tiangong_flow",
    "direction",
    "name",
    "categories",
    "unit",
    "ecoinvent_code",
    "ecoinvent_name",
    "ecoinvent_categories",
    "rule",
]
CHOICE_COLUMNS = [
    "input_name",
    "input_location",
    "chosen_code",
    "chosen_location",
    "chosen_year",
    "candidates",
    "reason",
]


def ghg_table(builder: Builder, matcher: Matcher) -> list[dict]:
    ipcc = method_factors(IPCC_GWP100)
    cas = ipcc_cas_set()
    rows, missing = [], []
    for (flow, biogenic), link in builder.flow_links.items():
        if not is_ghg(flow, cas):
            continue
        eco = matcher.flows[link.code] if link else None
        ok = eco is not None and (eco.code in ipcc or eco.name == "Carbon dioxide, non-fossil")
        row = {
            "fedefl_name": flow.name,
            "fedefl_context": flow.context,
            "carbon": "biogenic dataset" if biogenic else "",
            "ecoinvent_name": eco.name if eco else None,
            "ecoinvent_categories": "/".join(eco.categories) if eco else None,
            "ecoinvent_code": eco.code if eco else None,
            "ipcc2021_gwp100": ipcc.get(eco.code, 0.0) if eco else None,
            "rule": link.rule if link else "unlinked",
            "uses": builder.flow_uses[(flow, biogenic)],
        }
        if flow.name in GHG_PROXIES:
            row["note"] = GHG_PROXIES[flow.name]
        rows.append(row)
        if not ok:
            missing.append(row)
    if missing:
        raise GhgNotLinked(f"greenhouse gases without a characterized flow: {missing}")
    return sorted(rows, key=lambda r: (r["fedefl_name"], r["fedefl_context"], r["carbon"]))


def _share(linked: int, total: int) -> float:
    return round(linked / total, 4) if total else 0.0


def land_water_coverage(builder: Builder) -> dict:
    """Land and water exchanges linked, before and after the land-class and water rules.

    "before" is what the rules of the first embedded build linked (land: same name and
    occupation by context; water: withdrawals and releases); "after" adds the reviewed
    land-class correspondences and the per-dataset water consumption flows.
    """
    land = Counter()
    water_flows = Counter()
    for (flow, biogenic), link in builder.flow_links.items():
        uses = builder.flow_uses[(flow, biogenic)]
        if flow.direction == "land" or flow.name == "Land use":
            land["total"] += uses
            if link:
                land["linked"] += uses
                if link.rule != LAND_CLASS_RULE:
                    land["linked_before"] += uses
        elif flow.name in WATER_NAMES:
            water_flows["total"] += uses
            water_flows["linked"] += uses * bool(link)
    balances = builder.water_balances
    added = [b for b in balances if b["added_to_air_m3"] > 0]
    return {
        "land_exchanges": {
            "total": land["total"],
            "linked_before": land["linked_before"],
            "share_linked_before": _share(land["linked_before"], land["total"]),
            "linked_after": land["linked"],
            "share_linked_after": _share(land["linked"], land["total"]),
            "rule_added": LAND_CLASS_RULE,
        },
        "water_exchanges": {
            "withdrawal_and_release_exchanges": water_flows["total"],
            "linked (before and after)": water_flows["linked"],
            "share_linked": _share(water_flows["linked"], water_flows["total"]),
            "datasets_withdrawing_freshwater": len(balances),
            "datasets_with_consumption_before (water to air reported)": sum(
                1 for b in balances if b["evaporation_reported_m3"] > 0
            ),
            "datasets_with_consumption_after": sum(
                1 for b in balances if b["consumption_m3"] > 0 or b["evaporation_reported_m3"] > 0
            ),
            "consumption_exchanges_added (water to air)": len(added),
            "by_rule": dict(sorted(Counter(b["rule"] for b in balances).items())),
            "default_consumption_fraction": DEFAULT_CONSUMPTION_FRACTION,
            "default_source": DEFAULT_SOURCE,
        },
        "water_balances": sorted(balances, key=lambda b: b["number"]),
    }


def coverage(builder: Builder, matcher: Matcher, activities: list[dict]) -> dict:
    linked = builder.bio_counts["linked"]
    unlinked = builder.bio_counts["unlinked"]
    kg_linked = builder.bio_amounts["linked_emission_kg"]
    kg_unlinked = builder.bio_amounts["unlinked_emission_kg"]
    distinct = {flow for flow, _ in builder.flow_links}
    distinct_linked = {flow for (flow, _), link in builder.flow_links.items() if link}
    origin = Counter(a["code"].split("-")[0] for a in activities)
    return {
        "activities": {"total": len(activities), "by_code_prefix": dict(sorted(origin.items()))},
        "biosphere_exchanges": {
            "linked": linked,
            "unlinked_dropped": unlinked,
            "share_linked": round(linked / (linked + unlinked), 4),
            "emissions_kg_share_linked (water excluded)": round(
                kg_linked / (kg_linked + kg_unlinked), 6
            ),
        },
        "distinct_flows": {
            "total": len(distinct),
            "linked": len(distinct_linked),
            "share_linked": round(len(distinct_linked) / len(distinct), 4),
        },
        "ghg_flows": ghg_table(builder, matcher),
        "non_fossil_datasets": {
            name: sorted(set(v)) for name, v in sorted(builder.non_fossil.items())
        },
        "unlinked_flows": [
            {
                "name": f.name,
                "direction": f.direction,
                "context": f.context,
                "unit": f.unit,
                "cas": f.cas,
                "exchanges": n,
            }
            for f, n in sorted(
                builder.unlinked_flows.items(),
                key=lambda kv: (-kv[1], kv[0].name, kv[0].context, kv[0].unit),
            )
        ],
        "cutoff_inputs": [
            {"name": name, "unit": unit, "kind": kind, "exchanges": n}
            for (name, unit, kind), n in sorted(
                builder.cutoffs.items(), key=lambda kv: (-kv[1], kv[0])
            )
        ],
        "excluded_activities (unit outside the contract)": sorted(
            builder.excluded, key=lambda r: r["number"]
        ),
        "allocations": sorted(builder.allocations, key=lambda r: r["number"]),
        "data_errors_dropped": builder.data_errors,
        "self_consumption": sorted(builder.self_consumption, key=lambda r: r["code"]),
        "provider_choices": len(builder.choices),
        **land_water_coverage(builder),
    }


def tiangong_coverage(rep: tiangong.Report, mapper, matcher: Matcher) -> dict:
    """What of the TianGong processes linked: elementary exchanges by rule, GHGs, cut-offs."""
    ipcc = method_factors(IPCC_GWP100)
    flows = []
    for key, link in sorted(mapper.decisions.items()):
        name, cats, unit = mapper.labels[key]
        eco = matcher.flows[link.code] if link else None
        flows.append(
            {
                "tiangong_flow": key[0],
                "direction": key[1],
                "name": name,
                "categories": cats,
                "unit": unit,
                "ecoinvent_code": eco.code if eco else "",
                "ecoinvent_name": eco.name if eco else "",
                "ecoinvent_categories": "/".join(eco.categories) if eco else "",
                "ipcc2021_gwp100": ipcc.get(eco.code, 0.0) if eco else None,
                "rule": link.rule if link else "unlinked",
            }
        )
    ghg_words = (
        "carbon dioxide",
        "methane",
        "dinitrogen",
        "nitrous",
        "fc-",
        "hfc",
        "fluoro",
        "sulfur hexafluoride",
    )
    unlinked_ghg = [
        f
        for f in flows
        if f["rule"] == "unlinked" and any(w in f["name"].lower() for w in ghg_words)
    ]
    if unlinked_ghg:
        raise GhgNotLinked(
            f"TianGong greenhouse gases without a characterized flow: {unlinked_ghg}"
        )
    linked, total = rep.elementary["linked"], rep.elementary["exchanges"]
    return {
        "source": f"TianGong LCA Data ({tiangong.REPOSITORY}); {tiangong.LICENCE}",
        "flow_mapping": grids_note(),
        "processes": sorted(rep.processes, key=lambda p: p["code"]),
        "elementary_exchanges": {
            "total": total,
            "linked": linked,
            "share_linked": round(linked / total, 4) if total else 0.0,
            "by_rule": {
                k[6:]: v for k, v in sorted(rep.elementary.items()) if k.startswith("rule: ")
            },
        },
        "flows": flows,
        "ghg_flows": [f for f in flows if f["ipcc2021_gwp100"]],
        "unlinked_exchanges": [
            {"label": k[0], "direction": k[1], "exchanges": n}
            for k, n in sorted(rep.unlinked.items())
        ],
        "cutoff_exchanges": [
            {"flow": k[0], "direction": k[1], "exchanges": n} for k, n in sorted(rep.cutoff.items())
        ],
        "burden_free_inputs": dict(sorted(rep.burden_free.items())),
    }


def grids_note() -> str:
    from background.ilcd_flows import RANDONNEUR_NOTE

    return (
        RANDONNEUR_NOTE
        + "; then reviewed names, name/CAS in compartment, reviewed labels of missing flows"
    )


def build(uslci: Path, out: Path, tiangong_archive: Path = DEFAULT_TIANGONG) -> dict:
    matcher = Matcher()
    builder = Builder(read_processes(uslci), matcher)
    builder.build()
    builder.link()
    raw = list(builder.activities.values())
    # TianGong is unpacked into a temporary directory for this build only.
    with tempfile.TemporaryDirectory(prefix="bw-alu-tiangong-") as tmp:
        archive = Archive(unpack(tiangong_archive, Path(tmp)))
        tg_acts, tg_report, tg_mapper = tiangong.build(archive, matcher)
        # TianGong's MIT notice travels with the derived data.
        licence = (archive.folder.parent / "LICENSE").read_bytes()
    (out / "LICENSE-TIANGONG").write_bytes(licence)
    raw += tg_acts
    raw += grids.technology_activities(matcher)
    raw += grids.grid_activities()
    raw += china.adapted(builder.activities)
    raw += china.wrappers(builder.activities)
    raw += china.proxies(matcher)
    activities = [output.clean(a) for a in raw]
    output.validate(activities, set(matcher.flows))
    supplies = output.check_solvable(activities, CHECK_DEMANDS + list(grids.GRIDS))
    report = coverage(builder, matcher, activities)
    report["tiangong"] = tiangong_coverage(tg_report, tg_mapper, matcher)
    gwp = output.scores(activities, supplies, method_factors(IPCC_GWP100))
    names = {a["code"]: a["name"] for a in activities}
    report["gwp100_key_activities"] = {
        code: {"name": names[code], "kg_co2e_per_unit": round(gwp[code], 6)} for code in sorted(gwp)
    }
    output.write_csv(
        grids.grid_factor_rows(gwp, names),
        grids.GRID_FACTOR_COLUMNS,
        out / "background" / "grid_factors.csv",
    )

    output.write_gzip_json(output.payload(activities), out / "background" / "uslci_cn.json.gz")
    output.write_json(report, out / "background" / "coverage.json")
    output.write_csv(
        mapping_rows(builder, matcher),
        MAPPING_COLUMNS,
        out / "mappings" / "fedefl_to_ecoinvent39.csv",
    )
    output.write_csv(
        report["tiangong"]["flows"],
        TIANGONG_FLOW_COLUMNS,
        out / "mappings" / "ef31_to_ecoinvent39.csv",
    )
    choices = sorted(builder.choices.values(), key=lambda r: (r["input_name"], r["input_location"]))
    output.write_csv(choices, CHOICE_COLUMNS, out / "mappings" / "uslci_provider_choices.csv")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--uslci", type=Path, default=DEFAULT_USLCI, help="USLCI FY21 Q3 EcoSpold 1 zip"
    )
    parser.add_argument(
        "--tiangong", type=Path, default=DEFAULT_TIANGONG, help="TianGong ILCD archive (tar.xz)"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "databases", help="databases directory to write into"
    )
    args = parser.parse_args(argv)
    if not args.uslci.exists():
        parser.error(f"USLCI release not found: {args.uslci}")
    if not args.tiangong.exists():
        parser.error(f"TianGong archive not found: {args.tiangong}")
    report = build(args.uslci, args.out, args.tiangong)
    bio, flows = report["biosphere_exchanges"], report["distinct_flows"]
    print(f"activities: {report['activities']['total']} {report['activities']['by_code_prefix']}")
    print(
        f"biosphere exchanges linked: {bio['linked']} / {bio['linked'] + bio['unlinked_dropped']}"
        f" ({bio['share_linked']:.1%}); emission mass linked {bio['emissions_kg_share_linked (water excluded)']:.4%}"
    )
    print(
        f"distinct flows linked: {flows['linked']} / {flows['total']} ({flows['share_linked']:.1%})"
    )
    print(f"greenhouse-gas flows: {len(report['ghg_flows'])}, all linked")
    land, wat = report["land_exchanges"], report["water_exchanges"]
    print(
        f"land exchanges linked: {land['share_linked_before']:.1%} before the class rules,"
        f" {land['share_linked_after']:.1%} after; water consumption added in"
        f" {wat['consumption_exchanges_added (water to air)']} datasets"
    )
    print(
        f"cut-off inputs: {sum(c['exchanges'] for c in report['cutoff_inputs'])} exchanges, {len(report['cutoff_inputs'])} names"
    )
    tg = report["tiangong"]["elementary_exchanges"]
    print(
        f"TianGong: {len(report['tiangong']['processes'])} processes; elementary exchanges linked"
        f" {tg['linked']} / {tg['total']} ({tg['share_linked']:.1%}) {tg['by_rule']}"
    )
    for code, row in report["gwp100_key_activities"].items():
        print(f"  GWP100 {code}: {row['kg_co2e_per_unit']:.4g} kg CO2e per unit")
    print(f"wrote {args.out / 'background' / 'uslci_cn.json.gz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
