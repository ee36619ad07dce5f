"""Text of a SimaPro CSV export of processes (the format of SimaPro 9's "Export" of
processes: semicolon separated, decimal comma, ``dd.MM.yyyy`` dates, CRLF lines).

The layout follows the real exports kept in ``../shared/data/simapro_csv/`` (header of
``{...}`` lines, one ``Process`` ... ``End`` block per process with its documentation
fields, then ``Products``, ``Avoided products``, ``Resources``, ``Materials/fuels``,
``Electricity/heat``, ``Emissions to air``/``water``/``soil``, ``Final waste flows``,
``Non material emissions``, ``Social issues``, ``Economic issues``,
``Waste to treatment``, ``Input parameters``, ``Calculated parameters``), and is read
back by ``bw-simapro-csv``. Only what bw-alu needs is written: no uncertainty
(``Undefined;0;0;0``), no parameters, amounts as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..workbook.simapro_substances import BLOCKS as SUBSTANCE_BLOCKS

TECHNOSPHERE_BLOCKS = ("Materials/fuels", "Electricity/heat", "Waste to treatment")
# the blocks of elementary exchanges, as the import reads them
BIOSPHERE_BLOCKS = SUBSTANCE_BLOCKS
# SimaPro's order of a process's blocks: resources, then materials and energy, then the
# emission blocks, then waste to treatment
ORDER = (
    "Avoided products",
    SUBSTANCE_BLOCKS[0],
    "Materials/fuels",
    "Electricity/heat",
    *SUBSTANCE_BLOCKS[1:],
    "Waste to treatment",
)
SIMAPRO_VERSION = "9.6.0.1"  # the release whose header the shared project_params.csv shows
CSV_FORMAT = "9.0.0"


class UnwritableText(ValueError):
    """A name or text the SimaPro CSV format cannot hold (a separator, a line break)."""


@dataclass
class Output:
    name: str
    unit: str
    amount: float
    allocation: float = 100.0  # % of the process's burden
    category: str = "Aluminium"
    comment: str = ""


@dataclass
class Exchange:
    name: str
    unit: str
    amount: float
    sub: str = ""  # sub-compartment, elementary exchanges only
    comment: str = ""


@dataclass
class SpProcess:
    identifier: str
    name: str
    products: list[Output]
    blocks: dict[str, list[Exchange]] = field(default_factory=dict)
    category_type: str = "material"
    time_period: str = "Unspecified"
    geography: str = "Unspecified"
    technology: str = "Unspecified"
    date: str = "01.01.2025"
    comment: str = ""
    allocation_rules: str = ""
    literature: str = ""


def number(x: float) -> str:
    """A SimaPro number with decimal comma, 15 significant digits (round trip exact to
    about 1e-15 relative)."""
    x = float(x)
    if x == 0:
        return "0"
    text = f"{x:.15g}"
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}E{int(exp)}"
    return text.replace(".", ",")


def _text(value: str, what: str) -> str:
    s = str(value or "")
    if ";" in s or "\n" in s or "\r" in s:
        raise UnwritableText(f"{what} {s!r} holds a ';' or a line break")
    return s


def _free(value: str) -> str:
    """Free text (comments): separators become commas, line breaks spaces."""
    return " ".join(str(value or "").replace(";", ",").split())


def header(project: str, date: str, time: str = "00:00:00") -> list[str]:
    return [
        f"{{SimaPro {SIMAPRO_VERSION}}}",
        "{processes}",
        f"{{Date: {date}}}",
        f"{{Time: {time}}}",
        f"{{Project: {_free(project)}}}",
        f"{{CSV Format version: {CSV_FORMAT}}}",
        "{CSV separator: Semicolon}",
        "{Decimal separator: ,}",
        "{Date separator: .}",
        "{Short date format: dd.MM.yyyy}",
        "{Export platform IDs: No}",
        "{Skip empty fields: No}",
        "{Convert expressions to constants: Yes}",
        "{Selection: Selection (1)}",
        "{Related objects (system descriptions, substances, units, etc.): No}",
        "{Include sub product stages and processes: No}",
        f"{{Open project: '{_free(project)}'}}",
        "",
    ]


def _field(name: str, value: str) -> list[str]:
    return [name, value, ""]


def process_lines(p: SpProcess) -> list[str]:
    out = ["Process", ""]
    out += _field("Category type", p.category_type)
    out += _field("Process identifier", _text(p.identifier, "process identifier"))
    out += _field("Type", "Unit process")
    out += _field("Process name", _text(p.name, "process name"))
    out += _field("Status", "Draft")
    out += _field("Time period", _free(p.time_period) or "Unspecified")
    out += _field("Geography", _free(p.geography) or "Unspecified")
    out += _field("Technology", _free(p.technology) or "Unspecified")
    out += _field("Representativeness", "Unspecified")
    out += _field("Multiple output allocation", "Unspecified")
    out += _field("Substitution allocation", "Unspecified")
    out += _field("Cut off rules", "Unspecified")
    out += _field("Capital goods", "Unspecified")
    out += _field("Boundary with nature", "Unspecified")
    out += _field("Infrastructure", "No")
    out += _field("Date", p.date)
    out += _field("Record", "")
    out += _field("Generator", "")
    out += _field("External documents", "")
    out += _field("Literature references", _free(p.literature))
    out += _field("Collection method", "")
    out += _field("Data treatment", "")
    out += _field("Verification", "")
    out += _field("Comment", _free(p.comment))
    out += _field("Allocation rules", _free(p.allocation_rules))
    out += _field("System description", "")
    out.append("Products")
    for o in p.products:
        out.append(
            f"{_text(o.name, 'product')};{_text(o.unit, 'unit')};{number(o.amount)};"
            f"{number(o.allocation)};not defined;{_free(o.category)};{_free(o.comment)}"
        )
    out.append("")
    for block in ORDER:
        out.append(block)
        for e in p.blocks.get(block, []):
            name, unit = _text(e.name, "name"), _text(e.unit, "unit")
            if block in BIOSPHERE_BLOCKS:
                out.append(
                    f"{name};{_text(e.sub, 'sub-compartment')};{unit};{number(e.amount)};"
                    f"Undefined;0;0;0;{_free(e.comment)}"
                )
            else:
                out.append(f"{name};{unit};{number(e.amount)};Undefined;0;0;0;{_free(e.comment)}")
        out.append("")
    out += ["Input parameters", "", "Calculated parameters", "", "End", "", ""]
    return out


def render(processes: list[SpProcess], project: str, date: str) -> str:
    """The whole file, CRLF line ends (as SimaPro writes on Windows)."""
    lines = header(project, date)
    for p in processes:
        lines += process_lines(p)
    return "\r\n".join(lines)
