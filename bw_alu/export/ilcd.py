"""``bw-alu report --format ilcd``: one ILCD+EPD archive (zip) per product.

The archive is laid out as EPD programmes exchange it (``ILCD/processes``, ``flows``,
``flowproperties``, ``unitgroups``, ``sources``, ``contacts``): one process data set in
the ILCD 1.1 format with the EPD extensions (namespace ``epd`` = EPD/2013 of ILCD+EPD
1.1, ``epd2`` = EPD/2019 of ILCD+EPD 1.2), holding

- the declared unit (reference flow: the product, in kg of its mass),
- one LCIA result per EF 3.1 indicator of the EPD table, declared against the LCIA method
  data set of the EF reference package (UUID and version from
  ``methods/ilcd_lcia_methods.csv``), with its value for module A1-A3 (``epd:amount
  epd:module="A1-A3"``; A4 where the product has a distribution stage), plus GWP-fossil,
  -biogenic and -luluc;
- time (reference year, validity), geography (country of the plant), technology,
  the background database and the LCIA methods as source data sets, and the verifier
  (``verifier``, ``verifier_email`` fields of the product sheet) as a review, when given.

Everything comes from a :class:`~bw_alu.results.ProductResult`; no matrix is touched.
UUIDs are derived from the product id (uuid5), and the zip entries carry the fixed time
of the other report writers, so the same result gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..paths import METHODS_DIR

NS = {
    "process": "http://lca.jrc.it/ILCD/Process",
    "flow": "http://lca.jrc.it/ILCD/Flow",
    "fp": "http://lca.jrc.it/ILCD/FlowProperty",
    "ug": "http://lca.jrc.it/ILCD/UnitGroup",
    "source": "http://lca.jrc.it/ILCD/Source",
    "contact": "http://lca.jrc.it/ILCD/Contact",
    "common": "http://lca.jrc.it/ILCD/Common",
    "epd": "http://www.iai.kit.edu/EPD/2013",
    "epd2": "http://www.indata.network/EPD/2019",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
VERSION = "01.00.000"
_ROOT_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/bw-alu/ilcd")

# A1-A3 (product stage) and A4 (transport to the customer) per EN 15804 of bw-alu's stages.
MODULES = {
    "raw_materials": "A1-A3",
    "raw_material_transport": "A1-A3",
    "production": "A1-A3",
    "distribution": "A4",
}


@dataclass(frozen=True)
class IlcdMethod:
    indicator: str  # bw-alu label (methods/indicators.csv)
    uuid: str
    version: str
    name: str
    code: str  # EN 15804+A2


@lru_cache(maxsize=1)
def ilcd_methods() -> tuple[IlcdMethod, ...]:
    with open(METHODS_DIR / "ilcd_lcia_methods.csv", encoding="utf-8", newline="") as fh:
        return tuple(
            IlcdMethod(
                r["indicator"], r["ilcd_uuid"], r["ilcd_version"], r["ilcd_name"], r["en15804_code"]
            )
            for r in csv.DictReader(fh)
        )


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(_ROOT_NS, "/".join(parts)))


def _q(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def _el(parent, tag: str, text=None, lang: str | None = None, **attrs):
    e = etree.SubElement(parent, _q(tag))
    for k, v in attrs.items():
        e.set(_q(k) if ":" in k else k, str(v))
    if lang:
        e.set(_q("xml:lang"), lang)
    if text is not None:
        e.text = str(text)
    return e


def _ref(parent, tag: str, kind: str, folder: str, ref_id: str, label: str, version: str = VERSION):
    r = _el(
        parent,
        tag,
        type=kind,
        refObjectId=ref_id,
        version=version,
        uri=f"../{folder}/{ref_id}.xml",
    )
    _el(r, "common:shortDescription", label, lang="en")
    return r


def _root(kind: str, nsmap_keys: tuple[str, ...]):
    nsmap: dict[str | None, str] = {None: NS[kind], **{k: NS[k] for k in nsmap_keys}}
    local = {
        "process": "processDataSet",
        "flow": "flowDataSet",
        "fp": "flowPropertyDataSet",
        "ug": "unitGroupDataSet",
        "source": "sourceDataSet",
        "contact": "contactDataSet",
    }[kind]
    root = etree.Element(f"{{{NS[kind]}}}{local}", nsmap=nsmap)
    root.set("version", "1.1")
    return root


def _tostring(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _fmt(x: float) -> str:
    return repr(float(x))


# --- the data sets -------------------------------------------------------------------


def _header(kind: str, info_tag: str, dataset_id: str):
    """Root, its information element and dataSetInformation with the UUID."""
    root = _root(kind, ("common",))
    info = _el(root, f"{kind}:{info_tag}")
    dsi = _el(info, f"{kind}:dataSetInformation")
    _el(dsi, "common:UUID", dataset_id)
    return root, info, dsi


def _version(root, prefix: str) -> None:
    """administrativeInformation / publicationAndOwnership / dataSetVersion."""
    admin = _el(root, f"{prefix}:administrativeInformation")
    pub = _el(admin, f"{prefix}:publicationAndOwnership")
    _el(pub, "common:dataSetVersion", VERSION)


def _unit_group(ug_id: str, name: str, units: list[tuple[str, float]]) -> bytes:
    root, info, dsi = _header("ug", "unitGroupInformation", ug_id)
    _el(dsi, "common:name", name, lang="en")
    qr = _el(info, "ug:quantitativeReference")
    _el(qr, "ug:referenceToReferenceUnit", 0)
    _version(root, "ug")
    us = _el(root, "ug:units")
    for i, (unit, factor) in enumerate(units):
        u = _el(us, "ug:unit", dataSetInternalID=i)
        _el(u, "ug:name", unit)
        _el(u, "ug:meanValue", _fmt(factor))
    return _tostring(root)


def _flow_property(fp_id: str, name: str, ug_id: str, ug_name: str) -> bytes:
    root, info, dsi = _header("fp", "flowPropertiesInformation", fp_id)
    _el(dsi, "common:name", name, lang="en")
    qr = _el(info, "fp:quantitativeReference")
    _ref(
        qr, "fp:referenceToReferenceUnitGroup", "unit group data set", "unitgroups", ug_id, ug_name
    )
    _version(root, "fp")
    return _tostring(root)


def _product_flow(flow_id: str, names: dict[str, str], fp_id: str, location: str) -> bytes:
    root, info, dsi = _header("flow", "flowInformation", flow_id)
    name = _el(dsi, "flow:name")
    for lang, text in names.items():
        _el(name, "flow:baseName", text, lang=lang)
    qr = _el(info, "flow:quantitativeReference")
    _el(qr, "flow:referenceToReferenceFlowProperty", 0)
    geo = _el(info, "flow:geography")
    _el(geo, "flow:locationOfSupply", location, lang="en")
    mv = _el(root, "flow:modellingAndValidation")
    lci = _el(mv, "flow:LCIMethod")
    _el(lci, "flow:typeOfDataSet", "Product flow")
    _version(root, "flow")
    props = _el(root, "flow:flowProperties")
    p = _el(props, "flow:flowProperty", dataSetInternalID=0)
    _ref(
        p,
        "flow:referenceToFlowPropertyDataSet",
        "flow property data set",
        "flowproperties",
        fp_id,
        "Mass",
    )
    _el(p, "flow:meanValue", "1.0")
    return _tostring(root)


def _source(source_id: str, short_name: str, citation: str, comment: str) -> bytes:
    root, info, dsi = _header("source", "sourceInformation", source_id)
    _el(dsi, "common:shortName", short_name, lang="en")
    _el(dsi, "source:sourceCitation", citation)
    _el(dsi, "source:publicationType", "Undefined")
    _el(dsi, "source:sourceDescriptionOrComment", comment, lang="en")
    _version(root, "source")
    return _tostring(root)


def _contact(contact_id: str, name: str, email: str | None) -> bytes:
    root, info, dsi = _header("contact", "contactInformation", contact_id)
    _el(dsi, "common:shortName", name, lang="en")
    _el(dsi, "common:name", name, lang="en")
    if email:
        _el(dsi, "contact:email", email)
    _version(root, "contact")
    return _tostring(root)


# --- the EPD process data set ----------------------------------------------------------


MASS_FP = ("Mass", "kg")


def module_values(result) -> dict[str, dict[str, float]]:
    """indicator label -> {module: value}: A1-A3 is the sum of the product-stage
    subtotals, A4 the distribution subtotal (from the results table)."""
    t = result.table
    sub = t[(t["stage"] != "") & (t["contributor"] == "")]
    out: dict[str, dict[str, float]] = {}
    for row in sub.itertuples(index=False):
        module = MODULES.get(str(row.stage), "A1-A3")
        d = out.setdefault(str(row.indicator), {})
        d[module] = d.get(module, 0.0) + float(row.score)
    for label, total in result.totals().items():
        out.setdefault(label, {}).setdefault("A1-A3", 0.0)
        if not any(v for v in out[label].values()):
            out[label]["A1-A3"] = float(total)
    return out


def _has_a4(result) -> bool:
    return any("A4" in v for v in module_values(result).values())


def _declared_unit_kg(product: dict) -> float:
    from ..units import factor

    return float(product["declared_unit_amount"]) * factor(str(product["declared_unit_unit"]), "kg")


def _country(geography: str) -> str:
    """ILCD location code: ISO country of ``CN-YN`` style codes (the province goes to the
    description)."""
    return (geography or "GLO").split("-")[0] or "GLO"


def build_archive(result) -> dict[str, bytes]:
    """Archive member name -> bytes (``ILCD/...``), in memory."""
    meta = result.meta
    product = meta["product"]
    extra = dict(product.get("extra") or {})
    pid = result.product_id
    bg = meta.get("background", {})
    process_id = _uid("process", pid)
    flow_id = _uid("flow", pid)
    mass_fp, mass_ug = _uid("flowproperty", "mass"), _uid("unitgroup", "mass")
    bg_source = _uid("source", "background", str(bg.get("database", "")))
    method_source = _uid("source", "methods")
    files: dict[str, bytes] = {}

    files[f"ILCD/unitgroups/{mass_ug}.xml"] = _unit_group(
        mass_ug, "Units of mass", [("kg", 1.0), ("t", 1000.0)]
    )
    files[f"ILCD/flowproperties/{mass_fp}.xml"] = _flow_property(
        mass_fp, "Mass", mass_ug, "Units of mass"
    )
    names = {"en": product.get("product_name_en") or pid}
    if product.get("product_name_zh"):
        names["zh"] = product["product_name_zh"]
    files[f"ILCD/flows/{flow_id}.xml"] = _product_flow(
        flow_id, names, mass_fp, _country(product.get("geography", ""))
    )
    bg_title = bg.get("title") or bg.get("database", "")
    bg_desc = ", ".join(
        x
        for x in (
            f"database {bg.get('database')}" if bg.get("database") else "",
            f"ecoinvent {bg['ecoinvent_version']}" if bg.get("ecoinvent_version") else "",
            f"system model {bg['system_model']}" if bg.get("system_model") else "",
            f"version {bg['version']}" if bg.get("version") else "",
        )
        if x
    )
    files[f"ILCD/sources/{bg_source}.xml"] = _source(
        bg_source, f"Background: {bg_title}", bg_title, f"{bg_desc}. {bg.get('notice', '')}".strip()
    )
    versions = result.calculation.get("versions", {})
    methods_used = result.calculation.get("project_methods") or result.calculation.get(
        "methods", {}
    )
    files[f"ILCD/sources/{method_source}.xml"] = _source(
        method_source,
        "LCIA: EF 3.1 and IPCC 2021 (AR6) GWP100",
        "Environmental Footprint 3.1 (JRC) and IPCC 2021 AR6 GWP100, as implemented in "
        "ecoinvent's LCIA implementation and computed with Brightway",
        "Methods: "
        + "; ".join(f"{k}: {' / '.join(v)}" for k, v in sorted(methods_used.items()))
        + ". Software: "
        + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())),
    )
    verifier = extra.get("verifier")
    verifier_id = _uid("contact", "verifier", str(verifier)) if verifier else None
    if verifier and verifier_id:
        files[f"ILCD/contacts/{verifier_id}.xml"] = _contact(
            verifier_id, str(verifier), extra.get("verifier_email")
        )

    unit_groups: dict[str, str] = {}
    for ind in result_indicators(result):
        ug = _uid("unitgroup", ind["unit"])
        unit_groups[ind["unit"]] = ug
        files[f"ILCD/unitgroups/{ug}.xml"] = _unit_group(ug, ind["unit"], [(ind["unit"], 1.0)])

    files[f"ILCD/processes/{process_id}.xml"] = _process(
        result,
        ids={
            "process": process_id,
            "flow": flow_id,
            "bg_source": bg_source,
            "method_source": method_source,
            "verifier": verifier_id,
        },
        labels={
            "bg": f"Background: {bg_title}",
            "methods": "LCIA: EF 3.1 and IPCC 2021 (AR6) GWP100",
        },
        unit_groups=unit_groups,
    )
    return files


def result_indicators(result) -> list[dict]:
    """The LCIA results written, in ``ilcd_lcia_methods.csv`` order, with value per module."""
    from ..indicators import by_label

    values = module_values(result)
    labels = by_label()
    out = []
    for m in ilcd_methods():
        if m.indicator not in labels or m.indicator not in values:
            continue
        out.append({"method": m, "unit": labels[m.indicator].unit, "modules": values[m.indicator]})
    return out


def _process(result, *, ids: dict, labels: dict, unit_groups: dict) -> bytes:
    meta = result.meta
    product = meta["product"]
    extra = dict(product.get("extra") or {})
    root = _root("process", ("common", "epd", "epd2"))
    root.set("locations", "../ILCDLocations.xml")
    root.set(_q("epd2:epd-version"), "1.2")

    info = _el(root, "process:processInformation")
    dsi = _el(info, "process:dataSetInformation")
    _el(dsi, "common:UUID", ids["process"])
    name = _el(dsi, "process:name")
    _el(name, "process:baseName", product.get("product_name_en") or result.product_id, lang="en")
    if product.get("product_name_zh"):
        _el(name, "process:baseName", product["product_name_zh"], lang="zh")
    _el(name, "process:functionalUnitFlowProperties", product.get("declared_unit", ""), lang="en")
    _el(
        dsi,
        "common:generalComment",
        f"EPD data of {product.get('company', '')}, {product.get('product_name_en', '')}: "
        f"declared unit {product.get('declared_unit', '')}; {product.get('boundary', '')}. "
        f"Standards: {product.get('standards', '')}. Computed with bw-alu.",
        lang="en",
    )

    qr = _el(info, "process:quantitativeReference", type="Reference flow(s)")
    _el(qr, "process:referenceToReferenceFlow", 0)

    time = _el(info, "process:time")
    start = str(product.get("time_period_start") or "")
    end = str(product.get("time_period_end") or "")
    if start[:4].isdigit():
        _el(time, "common:referenceYear", start[:4])
    valid = extra.get("valid_until") or (str(int(end[:4]) + 5) if end[:4].isdigit() else None)
    if valid:
        _el(time, "common:dataSetValidUntil", str(valid)[:4])
    _el(time, "common:timeRepresentativenessDescription", f"{start} .. {end}", lang="en")

    geo = _el(info, "process:geography")
    loc = _el(
        geo,
        "process:locationOfOperationSupplyOrProduction",
        location=_country(product.get("geography", "")),
    )
    desc = ", ".join(
        x for x in (str(product.get("geography", "")), str(extra.get("address", ""))) if x
    )
    _el(loc, "process:descriptionOfRestrictions", desc, lang="en")

    tech = _el(info, "process:technology")
    _el(
        tech,
        "process:technologyDescriptionAndIncludedProcesses",
        extra.get("process") or product.get("boundary", ""),
        lang="en",
    )

    mv = _el(root, "process:modellingAndValidation")
    lci = _el(mv, "process:LCIMethodAndAllocation")
    # "EPD": the ILCD+EPD format's own type of data set (see the README on validation).
    _el(lci, "process:typeOfDataSet", "EPD")
    lci_other = _el(lci, "common:other")
    _el(lci_other, "epd:subType", "specific dataset")
    ds = _el(mv, "process:dataSourcesTreatmentAndRepresentativeness")
    _ref(
        ds,
        "process:referenceToDataSource",
        "source data set",
        "sources",
        ids["bg_source"],
        labels["bg"],
    )
    _ref(
        ds,
        "process:referenceToDataSource",
        "source data set",
        "sources",
        ids["method_source"],
        labels["methods"],
    )
    _el(
        ds,
        "process:useAdviceForDataSet",
        f"Results per declared unit ({product.get('declared_unit', '')}): module A1-A3 "
        "(cradle to gate: raw materials, their transport, production)"
        + ("; A4 (transport to the customer) apart." if _has_a4(result) else "."),
        lang="en",
    )
    if ids.get("verifier"):
        val = _el(mv, "process:validation")
        review = _el(val, "process:review", type="Independent external review")
        _ref(
            review,
            "common:referenceToNameOfReviewerAndInstitution",
            "contact data set",
            "contacts",
            ids["verifier"],
            str(extra.get("verifier")),
        )

    admin = _el(root, "process:administrativeInformation")
    entry = _el(admin, "process:dataEntryBy")
    from ..report.writers._zip import fixed_instant

    _el(entry, "common:timeStamp", fixed_instant().strftime("%Y-%m-%dT%H:%M:%S"))
    pub = _el(admin, "process:publicationAndOwnership")
    _el(pub, "common:dataSetVersion", VERSION)
    if extra.get("epd_registration_number"):
        _el(pub, "common:registrationNumber", extra["epd_registration_number"])

    exchanges = _el(root, "process:exchanges")
    exc = _el(exchanges, "process:exchange", dataSetInternalID=0)
    _ref(
        exc,
        "process:referenceToFlowDataSet",
        "flow data set",
        "flows",
        ids["flow"],
        product.get("product_name_en") or result.product_id,
    )
    _el(exc, "process:exchangeDirection", "Output")
    kg = _declared_unit_kg(product)
    _el(exc, "process:meanAmount", _fmt(kg))
    _el(exc, "process:resultingAmount", _fmt(kg))

    lcia = _el(root, "process:LCIAResults")
    for ind in result_indicators(result):
        m: IlcdMethod = ind["method"]
        r = _el(lcia, "process:LCIAResult")
        _ref(
            r,
            "process:referenceToLCIAMethodDataSet",
            "LCIA method data set",
            "lciamethods",
            m.uuid,
            # the EN 15804+A2 code in the name lets EPD tools map the indicator by name
            f"{m.name} ({m.code})",
            version=m.version,
        )
        a1a3 = ind["modules"].get("A1-A3", 0.0)
        _el(r, "process:meanAmount", _fmt(a1a3))
        comment = f"{m.code}; bw-alu indicator {m.indicator!r}"
        if "IPCC 2021" in m.indicator:
            comment += " (IPCC 2021 AR6 GWP100 sub-indicator)"
        _el(r, "process:generalComment", comment, lang="en")
        other = _el(r, "common:other")
        for module in ("A1-A3", "A4"):
            if module in ind["modules"]:
                _el(other, "epd:amount", _fmt(ind["modules"][module]), **{"epd:module": module})
        _ref(
            other,
            "epd:referenceToUnitGroupDataSet",
            "unit group data set",
            "unitgroups",
            unit_groups[ind["unit"]],
            ind["unit"],
        )
    return _tostring(root)


# --- writing -----------------------------------------------------------------------------


def archive_bytes(result) -> bytes:
    from ..report.writers._zip import fixed_instant

    when = fixed_instant().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in sorted(build_archive(result).items()):
            zi = zipfile.ZipInfo(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, blob)
    return out.getvalue()


def write_ilcd(result, output_dir: Path) -> Path:
    """Write ``<product>_ilcd_epd.zip`` into ``output_dir`` (created), whole or not at all."""
    from ..errors import ReportOutputError
    from ..report.generate import write_atomic

    blob = archive_bytes(result)  # everything in memory first
    output_dir = Path(output_dir)
    path = output_dir / f"{result.product_id}_ilcd_epd.zip"
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(path, blob)
    except OSError as exc:
        raise ReportOutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
