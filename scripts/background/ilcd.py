"""A small ILCD 1.1 reader (ElementTree) for the TianGong LCA Data archive.

bw2io 0.9.17 has no ILCD importer (brightway2-io issue 194). This reads just what the
background build needs: process datasets (names in English and Chinese, location, year,
type, sources, licence, exchanges with their direction and amount) and flow datasets
(type, elementary-flow category path, CAS number, reference unit through the flow
property and its unit group).

The archive is unpacked into a temporary directory for the build and removed after it;
nothing of TianGong's raw files is committed.
"""

from __future__ import annotations

import tarfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

NS = {
    "p": "http://lca.jrc.it/ILCD/Process",
    "f": "http://lca.jrc.it/ILCD/Flow",
    "fp": "http://lca.jrc.it/ILCD/FlowProperty",
    "u": "http://lca.jrc.it/ILCD/UnitGroup",
    "c": "http://lca.jrc.it/ILCD/Common",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROOT = "tiangong_lca_data"


@dataclass(frozen=True)
class Exchange:
    internal_id: str
    flow: str  # flow uuid
    direction: str  # "Input" | "Output"
    amount: float
    label: str  # the process's short description of the flow (English)


@dataclass(frozen=True)
class Process:
    uuid: str
    name_en: str
    name_zh: str
    location: str
    year: str
    kind: str  # typeOfDataSet
    classification: tuple[str, ...]
    reference: str  # internal id of the reference exchange
    exchanges: tuple[Exchange, ...]
    sources: tuple[str, ...]
    licence: str
    comment: str = ""

    @property
    def reference_exchange(self) -> Exchange:
        (ref,) = [e for e in self.exchanges if e.internal_id == self.reference]
        return ref


@dataclass(frozen=True)
class Flow:
    uuid: str
    name_en: str
    name_zh: str
    kind: str  # "Elementary flow" | "Product flow" | "Waste flow"
    categories: tuple[str, ...]  # elementary-flow categorisation (levels 0..2) or class path
    cas: str
    unit: str  # reference unit of the reference flow property
    property_name: str
    synonyms: tuple[str, ...] = field(default=(), compare=False)


def unpack(archive: Path, into: Path) -> Path:
    """Unpack ``tiangong.tar.xz`` into ``into``; returns the ``tiangong_lca_data`` folder."""
    with tarfile.open(archive, "r:xz") as tar:
        tar.extractall(into, filter="data")
    return into / ROOT


def _text(node: ET.Element | None) -> str:
    return (node.text or "").strip() if node is not None else ""


def _lang(parent: ET.Element | None, path: str, lang: str) -> str:
    if parent is None:
        return ""
    found = parent.findall(path, NS)
    for node in found:
        if node.get(XML_LANG) == lang:
            return _text(node)
    return _text(found[0]) if found and lang == "en" else ""


def read_process(path: Path) -> Process:
    root = ET.parse(path).getroot()
    info = root.find("p:processInformation", NS)
    dsi = info.find("p:dataSetInformation", NS) if info is not None else None
    if dsi is None:
        raise ValueError(f"{path}: no dataSetInformation")
    name = dsi.find("p:name", NS)
    classes = tuple(
        _text(c) for c in dsi.findall("p:classificationInformation/c:classification/c:class", NS)
    )
    geo = info.find("p:geography/p:locationOfOperationSupplyOrProduction", NS)
    exchanges = []
    for exc in root.findall("p:exchanges/p:exchange", NS):
        ref = exc.find("p:referenceToFlowDataSet", NS)
        amount = _text(exc.find("p:resultingAmount", NS)) or _text(exc.find("p:meanAmount", NS))
        exchanges.append(
            Exchange(
                internal_id=exc.get("dataSetInternalID", ""),
                flow=ref.get("refObjectId", "") if ref is not None else "",
                direction=_text(exc.find("p:exchangeDirection", NS)),
                amount=float(amount or 0.0),
                label=_lang(ref, "c:shortDescription", "en"),
            )
        )
    mv = root.find("p:modellingAndValidation", NS)
    sources = tuple(
        _lang(s, "c:shortDescription", "en")
        for s in (
            mv.findall("p:dataSourcesTreatmentAndRepresentativeness/p:referenceToDataSource", NS)
            if mv is not None
            else []
        )
    )
    return Process(
        uuid=_text(dsi.find("c:UUID", NS)),
        name_en=" ".join(_lang(name, "p:baseName", "en").split()),
        name_zh=" ".join(_lang(name, "p:baseName", "zh").split()),
        location=geo.get("location", "") if geo is not None else "",
        year=_text(info.find("p:time/c:referenceYear", NS)),
        kind=_text(mv.find("p:LCIMethodAndAllocation/p:typeOfDataSet", NS))
        if mv is not None
        else "",
        classification=classes,
        reference=_text(info.find("p:quantitativeReference/p:referenceToReferenceFlow", NS)),
        exchanges=tuple(exchanges),
        sources=tuple(s for s in sources if s),
        licence=_text(
            root.find("p:administrativeInformation/p:publicationAndOwnership/c:licenseType", NS)
        ),
        comment=_lang(dsi, "c:generalComment", "en"),
    )


class Archive:
    """Read access to an unpacked TianGong folder, with flows, properties and units cached."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def process(self, uuid: str) -> Process:
        return read_process(self.folder / "processes" / f"{uuid}.xml")

    def process_uuids(self) -> list[str]:
        return sorted(p.stem for p in (self.folder / "processes").glob("*.xml"))

    @cache  # noqa: B019 (one Archive per build)
    def unit_of_group(self, uuid: str) -> str:
        path = self.folder / "unitgroups" / f"{uuid}.xml"
        root = ET.parse(path).getroot()
        ref = _text(
            root.find(
                "u:unitGroupInformation/u:quantitativeReference/u:referenceToReferenceUnit", NS
            )
        )
        for unit in root.findall("u:units/u:unit", NS):
            if unit.get("dataSetInternalID") == ref:
                return _text(unit.find("u:name", NS))
        raise ValueError(f"{path}: no reference unit")

    @cache  # noqa: B019
    def property_of(self, uuid: str) -> tuple[str, str]:
        """(flow property name, reference unit) of a flow property dataset."""
        path = self.folder / "flowproperties" / f"{uuid}.xml"
        root = ET.parse(path).getroot()
        info = root.find("fp:flowPropertiesInformation", NS)
        name = _lang(info, "fp:dataSetInformation/c:name", "en") if info is not None else ""
        group = root.find(
            "fp:flowPropertiesInformation/fp:quantitativeReference/fp:referenceToReferenceUnitGroup",
            NS,
        )
        if group is None:
            raise ValueError(f"{path}: no unit group")
        return name, self.unit_of_group(group.get("refObjectId", ""))

    @cache  # noqa: B019
    def flow(self, uuid: str) -> Flow | None:
        """The flow dataset, or None where the archive lacks it (220 referenced flows)."""
        path = self.folder / "flows" / f"{uuid}.xml"
        if not path.exists():
            return None
        root = ET.parse(path).getroot()
        dsi = root.find("f:flowInformation/f:dataSetInformation", NS)
        name = dsi.find("f:name", NS) if dsi is not None else None
        cats = tuple(
            _text(c)
            for c in root.findall(
                "f:flowInformation/f:dataSetInformation/f:classificationInformation/"
                "c:elementaryFlowCategorization/c:category",
                NS,
            )
        ) or tuple(
            _text(c)
            for c in root.findall(
                "f:flowInformation/f:dataSetInformation/f:classificationInformation/"
                "c:classification/c:class",
                NS,
            )
        )
        ref = _text(
            root.find(
                "f:flowInformation/f:quantitativeReference/f:referenceToReferenceFlowProperty", NS
            )
        )
        prop_name, unit, factor = "", "", 1.0
        for prop in root.findall("f:flowProperties/f:flowProperty", NS):
            if prop.get("dataSetInternalID") == ref:
                target = prop.find("f:referenceToFlowPropertyDataSet", NS)
                prop_name, unit = self.property_of(target.get("refObjectId", ""))
                factor = float(_text(prop.find("f:meanValue", NS)) or 1.0)
        if factor != 1.0:
            raise ValueError(f"{path}: reference flow property with mean value {factor}")
        return Flow(
            uuid=uuid,
            name_en=" ".join(_lang(name, "f:baseName", "en").split()),
            name_zh=" ".join(_lang(name, "f:baseName", "zh").split()),
            kind=_text(root.find("f:modellingAndValidation/f:LCIMethod/f:typeOfDataSet", NS)),
            categories=cats,
            cas=_text(dsi.find("f:CASNumber", NS)) if dsi is not None else "",
            unit=unit,
            property_name=prop_name,
        )
