"""Read the USLCI EcoSpold 1 export into plain process records.

The openLCA 1.10.3 export does not validate against the EcoSpold 1 schema, so it is
parsed without validation (lxml, ``recover=False`` but no schema). Only what the later
stages need is kept.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

NS = "{http://www.EcoInvent.org/EcoSpold01}"

# EcoSpold 1 exchange groups (outputGroup / inputGroup).
REFERENCE = "reference"  # outputGroup 0
COPRODUCT = "coproduct"  # outputGroup 2 (allocated byproduct; the export has no factors)
WASTE = "waste"  # outputGroup 3 (to treatment)
EMISSION = "emission"  # outputGroup 4 (to nature)
RESOURCE = "resource"  # inputGroup 4 (from nature)
INPUT = "input"  # inputGroup 5 (from technosphere)

_OUTPUT_GROUPS = {"0": REFERENCE, "1": COPRODUCT, "2": COPRODUCT, "3": WASTE, "4": EMISSION}
_INPUT_GROUPS = {"1": INPUT, "2": INPUT, "3": INPUT, "4": RESOURCE, "5": INPUT}


def _xml_member(zf: zipfile.ZipFile) -> str:
    names = [n for n in zf.namelist() if n.endswith(".xml") and not n.endswith("categories.xml")]
    if len(names) != 1:
        raise ValueError(f"expected one EcoSpold process file in the zip, found {names}")
    return names[0]


def _text(node, path: str) -> str | None:
    found = node.find(path)
    return None if found is None or found.text is None else found.text.strip()


def read_processes(zip_path: Path) -> list[dict]:
    """All datasets of the export, in file order, as plain dicts."""
    with zipfile.ZipFile(zip_path) as zf, zf.open(_xml_member(zf)) as fh:
        parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
        root = etree.parse(fh, parser).getroot()
    processes = []
    for ds in root.iter(f"{NS}dataset"):
        pinfo = ds.find(f"{NS}metaInformation/{NS}processInformation")
        ref = pinfo.find(f"{NS}referenceFunction")
        geo = pinfo.find(f"{NS}geography")
        tp = pinfo.find(f"{NS}timePeriod")
        exchanges = []
        for exc in ds.iter(f"{NS}exchange"):
            out_group = _text(exc, f"{NS}outputGroup")
            in_group = _text(exc, f"{NS}inputGroup")
            group = _OUTPUT_GROUPS[out_group] if out_group is not None else _INPUT_GROUPS[in_group]
            exchanges.append(
                {
                    "group": group,
                    "name": exc.get("name"),
                    "category": exc.get("category") or "",
                    "subcategory": exc.get("subCategory") or "",
                    "cas": exc.get("CASNumber") or "",
                    "unit": exc.get("unit"),
                    "amount": float(exc.get("meanValue")),
                    "location": exc.get("location") or "",
                    "comment": exc.get("generalComment") or "",
                }
            )
        year = None
        if tp is not None:
            end = _text(tp, f"{NS}endDate") or _text(tp, f"{NS}endYear")
            start = _text(tp, f"{NS}startDate") or _text(tp, f"{NS}startYear")
            year = (end or start or "")[:4] or None
        processes.append(
            {
                "number": ds.get("number"),
                "name": ref.get("name"),
                "unit": ref.get("unit"),
                "amount": float(ref.get("amount") or 1.0),
                "category": ref.get("category") or "",
                "subcategory": ref.get("subCategory") or "",
                "location": (geo.get("location") if geo is not None else None) or "US",
                "geography_text": (geo.get("text") if geo is not None else None) or "",
                "comment": " ".join((ref.get("generalComment") or "").split()),
                "year": year,
                "exchanges": exchanges,
            }
        )
    return processes
