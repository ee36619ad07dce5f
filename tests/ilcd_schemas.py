"""Validate ILCD data sets against the XSDs the ``pyilcd`` package ships, offline.

The ILCD schemas import the W3C ``xml.xsd`` (for ``xml:lang``) from the network; a
resolver answers that import with the same declarations written here (the attributes
``xml:lang``, ``xml:space``, ``xml:base``, ``xml:id`` of the W3C XML namespace schema).

The one deviation, for the process data set only: ``typeOfDataSet`` takes the value
``EPD``, which the ILCD+EPD format (v1.2, InData / ÖKOBAUDAT) adds to the ILCD 1.1
enumeration ``TypeOfProcessValues``; ``pyilcd`` ships the plain ILCD 1.1 schemas.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

XML_XSD = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.w3.org/XML/1998/namespace" xml:lang="en">
  <xs:attribute name="lang"><xs:simpleType><xs:union memberTypes="xs:language">
    <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/>
    </xs:restriction></xs:simpleType></xs:union></xs:simpleType></xs:attribute>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
</xs:schema>
"""

SCHEMAS = {
    "processes": "ILCD_ProcessDataSet.xsd",
    "flows": "ILCD_FlowDataSet.xsd",
    "flowproperties": "ILCD_FlowPropertyDataSet.xsd",
    "unitgroups": "ILCD_UnitGroupDataSet.xsd",
    "sources": "ILCD_SourceDataSet.xsd",
    "contacts": "ILCD_ContactDataSet.xsd",
}
EPD_TYPE = (
    b'<xs:enumeration value="Avoided product system">',
    b'<xs:enumeration value="EPD"></xs:enumeration><xs:enumeration value="Avoided product system">',
)


class _Resolver(etree.Resolver):
    def __init__(self, folder: Path, epd: bool):
        super().__init__()
        self.folder, self.epd = folder, epd

    def resolve(self, url, pubid, context):
        if url and url.endswith("xml.xsd"):
            return self.resolve_string(XML_XSD, context)
        name = Path(url or "").name
        path = self.folder / name
        if name == "ILCD_Common_EnumerationValues.xsd" and self.epd:
            data = path.read_bytes()
            assert EPD_TYPE[0] in data
            return self.resolve_string(data.replace(*EPD_TYPE), context)
        if path.exists():
            return self.resolve_filename(str(path), context)
        return None


@cache
def schema(kind: str) -> etree.XMLSchema:
    import pyilcd

    folder = Path(pyilcd.__file__).parent / "schemas"
    parser = etree.XMLParser()
    parser.resolvers.add(_Resolver(folder, epd=kind == "processes"))
    doc = etree.parse(str(folder / SCHEMAS[kind]), parser)
    return etree.XMLSchema(doc)


def errors(kind: str, blob: bytes) -> list[str]:
    xs = schema(kind)
    if xs.validate(etree.fromstring(blob)):
        return []
    return [f"line {e.line}: {e.message}" for e in xs.error_log]
