"""The ILCD reader and the EF -> ecoinvent flow rules of the background build, on literal files.

A two-exchange process written here by hand (not TianGong's files): 3.6 MJ of electricity
out, 0.8 kg of "carbon dioxide (fossil)" (the EF 3.1 uuid) and 2 kg of a flow the archive
lacks, labelled "Ethane, hexafluoro-, HFC-116". Per kWh: 0.8 kg CO2 -> ecoinvent
"Carbon dioxide, fossil" (air, unspecified) by the randonneur correspondence; the missing
flow -> "Ethane, hexafluoro-, HFC-116" (air) by its reviewed label.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from background.biosphere import Matcher  # noqa: E402
from background.ilcd import Archive, read_process  # noqa: E402
from background.ilcd_flows import FlowMapper  # noqa: E402
from background.tiangong import Report, Spec, convert  # noqa: E402

CO2 = "08a91e70-3ddc-11dd-923d-0050c2490048"  # EF 3.1 carbon dioxide (fossil), air
ELEC, MASS, ENERGY = (
    "e1ec0000-0000-0000-0000-000000000001",
    "f0000000-0000-0000-0000-0000000000a1",
    "f0000000-0000-0000-0000-0000000000a2",
)
UG_MASS, UG_ENERGY = "a0000000-0000-0000-0000-0000000000b1", "a0000000-0000-0000-0000-0000000000b2"
NS = 'xmlns="http://lca.jrc.it/ILCD/{}" xmlns:common="http://lca.jrc.it/ILCD/Common"'


def _unitgroup(uuid, unit):
    return f"""<unitGroupDataSet {NS.format("UnitGroup")}><unitGroupInformation><dataSetInformation>
<common:UUID>{uuid}</common:UUID></dataSetInformation><quantitativeReference>
<referenceToReferenceUnit>0</referenceToReferenceUnit></quantitativeReference></unitGroupInformation>
<units><unit dataSetInternalID="0"><name>{unit}</name><meanValue>1.0</meanValue></unit></units></unitGroupDataSet>"""


def _property(uuid, name, group):
    return f"""<flowPropertyDataSet {NS.format("FlowProperty")}><flowPropertiesInformation>
<dataSetInformation><common:UUID>{uuid}</common:UUID><common:name xml:lang="en">{name}</common:name>
</dataSetInformation><quantitativeReference><referenceToReferenceUnitGroup refObjectId="{group}"/>
</quantitativeReference></flowPropertiesInformation></flowPropertyDataSet>"""


def _flow(uuid, name, kind, cats, prop):
    cat = "".join(f'<common:category level="{i}">{c}</common:category>' for i, c in enumerate(cats))
    return f"""<flowDataSet {NS.format("Flow")}><flowInformation><dataSetInformation>
<common:UUID>{uuid}</common:UUID><name><baseName xml:lang="en">{name}</baseName></name>
<classificationInformation><common:elementaryFlowCategorization>{cat}</common:elementaryFlowCategorization>
</classificationInformation></dataSetInformation><quantitativeReference>
<referenceToReferenceFlowProperty>0</referenceToReferenceFlowProperty></quantitativeReference>
</flowInformation><modellingAndValidation><LCIMethod><typeOfDataSet>{kind}</typeOfDataSet></LCIMethod>
</modellingAndValidation><flowProperties><flowProperty dataSetInternalID="0">
<referenceToFlowPropertyDataSet refObjectId="{prop}"/><meanValue>1.0</meanValue></flowProperty>
</flowProperties></flowDataSet>"""


def _exchange(i, flow, direction, amount, label):
    return f"""<exchange dataSetInternalID="{i}"><referenceToFlowDataSet refObjectId="{flow}">
<common:shortDescription xml:lang="en">{label}</common:shortDescription></referenceToFlowDataSet>
<exchangeDirection>{direction}</exchangeDirection><meanAmount>{amount}</meanAmount>
<resultingAmount>{amount}</resultingAmount></exchange>"""


PROCESS = f"""<processDataSet {NS.format("Process")}><processInformation><dataSetInformation>
<common:UUID>bbbb0000-0000-0000-0000-000000000001</common:UUID><name>
<baseName xml:lang="en">Electricity production ; Test</baseName><baseName xml:lang="zh">电力生产 ; 测试</baseName>
</name></dataSetInformation><quantitativeReference><referenceToReferenceFlow>0</referenceToReferenceFlow>
</quantitativeReference><time><common:referenceYear>2019</common:referenceYear></time>
<geography><locationOfOperationSupplyOrProduction location="CN"/></geography></processInformation>
<modellingAndValidation><LCIMethodAndAllocation><typeOfDataSet>Unit process, single operation</typeOfDataSet>
</LCIMethodAndAllocation></modellingAndValidation><administrativeInformation><publicationAndOwnership>
<common:licenseType>Free of charge for all users and uses</common:licenseType></publicationAndOwnership>
</administrativeInformation><exchanges>{_exchange(0, ELEC, "Output", 3.6, "electricity")}
{_exchange(1, CO2, "Output", 0.8, "carbon dioxide (fossil)")}
{_exchange(2, "dddd0000-0000-0000-0000-000000000009", "Output", 2.0, "Ethane, hexafluoro-, HFC-116")}
</exchanges></processDataSet>"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    root = tmp_path_factory.mktemp("ilcd")
    files = {
        f"unitgroups/{UG_MASS}.xml": _unitgroup(UG_MASS, "kg"),
        f"unitgroups/{UG_ENERGY}.xml": _unitgroup(UG_ENERGY, "MJ"),
        f"flowproperties/{MASS}.xml": _property(MASS, "Mass", UG_MASS),
        f"flowproperties/{ENERGY}.xml": _property(ENERGY, "Net calorific value", UG_ENERGY),
        f"flows/{CO2}.xml": _flow(
            CO2,
            "carbon dioxide (fossil)",
            "Elementary flow",
            ["Emissions", "Emissions to air", "Emissions to air, unspecified"],
            MASS,
        ),
        f"flows/{ELEC}.xml": _flow(
            ELEC, "electricity", "Product flow", ["Energy carriers"], ENERGY
        ),
        "processes/bbbb0000-0000-0000-0000-000000000001.xml": PROCESS,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text('<?xml version="1.0" encoding="utf-8"?>' + text, encoding="utf-8")
    return Archive(root)


def test_reader(archive):
    proc = read_process(archive.folder / "processes" / "bbbb0000-0000-0000-0000-000000000001.xml")
    assert (proc.name_en, proc.name_zh, proc.location, proc.year) == (
        "Electricity production ; Test",
        "电力生产 ; 测试",
        "CN",
        "2019",
    )
    assert proc.reference_exchange.amount == 3.6 and proc.licence.startswith("Free of charge")
    co2 = archive.flow(CO2)
    assert (co2.kind, co2.unit, co2.categories[1]) == ("Elementary flow", "kg", "Emissions to air")
    assert archive.flow(ELEC).unit == "MJ"
    assert archive.flow("dddd0000-0000-0000-0000-000000000009") is None  # missing from the archive


def test_convert_per_kwh_with_mapped_flows(archive):
    m = Matcher()
    mapper, report = FlowMapper(archive, m), Report()
    proc = archive.process("bbbb0000-0000-0000-0000-000000000001")
    act = convert(
        proc,
        Spec(proc.uuid, "test-elec", "Electricity, test", "CN", "kWh", 1 / 3.6),
        mapper,
        report,
    )
    bio = {e["input"]: e["amount"] for e in act["exchanges"] if e["type"] == "biosphere"}
    co2 = m.named("Carbon dioxide, fossil", ("air", "unspecified")).code
    c2f6 = m.named("Ethane, hexafluoro-, HFC-116", ("air", "unspecified")).code
    # 0.8 kg and 2 kg per 3.6 MJ = per kWh
    assert bio == {co2: pytest.approx(0.8), c2f6: pytest.approx(2.0)}
    assert act["name_zh"] == "电力生产 ; 测试" and act["unit"] == "kWh"
    assert report.elementary["rule: randonneur EF 3.1 -> ecoinvent 3.9.1"] == 1
    assert report.elementary["rule: missing flow, reviewed label"] == 1
