"""SimaPro ``Product stage`` blocks, from the raw lines ``bw-simapro-csv`` hands back.

``bw-simapro-csv`` 0.5 reads and tokenises a product stages export (header, delimiter,
decimal separator, line numbers) but leaves each ``Product stage`` block unparsed: its
``main.py`` maps the block to a function returning the block's ``(line number, fields)``
pairs. Here only those sections are interpreted, with the parser's own classes:

- :class:`ProductStage` is a ``bw_simapro_csv`` ``Process`` whose sections are the
  stage's (``Category type``, ``Products``, ``Materials/assemblies``, ``Processes``,
  ``Input parameters``, ``Calculated parameters``, ``Reference assembly``, ...). Being a
  ``Process``, the parser itself evaluates its parameters and formulas (with the file's
  project and database parameters, ``Process.resolve_local_parameters``) and converts its
  units (``normalize_units``), exactly as for the process blocks.
- :class:`StagesCSV` is ``bw_simapro_csv.SimaProCSV`` returning a :class:`ProductStage`
  where the parser returns the raw lines of a ``Product stage``.

Which stages bw-alu imports is decided in ``simapro.py``: assemblies and life cycles
(cradle-to-gate); disposal scenarios, disassemblies and reuses (end of life) are refused.
"""

from __future__ import annotations

from typing import Any

from bw_simapro_csv import SimaProCSV  # type: ignore[import-untyped]
from bw_simapro_csv.blocks.base import SimaProCSVBlock  # type: ignore[import-untyped]
from bw_simapro_csv.blocks.calculated_parameters import (  # type: ignore[import-untyped]
    DatasetCalculatedParameters,
)
from bw_simapro_csv.blocks.parameters import (  # type: ignore[import-untyped]
    DatasetInputParameters,
)
from bw_simapro_csv.blocks.process import Process  # type: ignore[import-untyped]
from bw_simapro_csv.blocks.technosphere_edges import (  # type: ignore[import-untyped]
    TechnosphereEdges,
)
from bw_simapro_csv.utils import (  # type: ignore[import-untyped]
    add_amount_or_formula,
    get_key_multiline_values,
    skip_empty,
)

# Cradle-to-gate stages, imported as foreground processes
IMPORTED_KINDS = ("assembly", "life cycle")
# Sections of a stage that are technosphere inputs (same line layout as a process's
# ``Materials/fuels``: name; unit; amount or formula; uncertainty; 3 params; comment)
INPUT_SECTIONS = ("Materials/assemblies", "Processes", "Assembly")
# End-of-life sections: kept as raw lines, so a refusal can name each line
END_OF_LIFE_SECTIONS = (
    "Reference assembly",
    "Waste/Disposal scenario",
    "Waste scenarios",
    "Disposal scenarios",
    "Disassemblies",
    "Reuses",
    "Additional life cycles",
    "Additional disposal scenarios",
)
SECTIONS = (
    "Category type",
    "Status",
    "Comment",
    "Products",
    "Input parameters",
    "Calculated parameters",
    *INPUT_SECTIONS,
    *END_OF_LIFE_SECTIONS,
)


class StageProducts(SimaProCSVBlock):
    """A stage's ``Products`` line: name; unit; amount or formula; category; comment
    (a stage has no allocation % or waste type, unlike a process's ``Products``)."""

    def __init__(self, block: list[tuple], header: dict, **kwargs: Any):
        self.parsed = []
        self.has_formula = True
        for line_no, line in skip_empty(block):
            line = list(line) + [""] * 5
            self.parsed.append(
                add_amount_or_formula(
                    {
                        "name": line[0],
                        "unit": line[1],
                        "category": line[3],
                        "comment": line[4],
                        "line_no": line_no,
                    },
                    line[2],
                    header["decimal_separator"],
                )
            )


class RawLines(SimaProCSVBlock):
    """A section kept as its lines (``parsed``: name, raw fields and line number)."""

    def __init__(self, block: list[tuple], header: dict, **kwargs: Any):
        self.parsed = [
            {"name": line[0], "fields": list(line), "line_no": line_no}
            for line_no, line in skip_empty(block)
        ]


SECTION_CLASSES = {
    "Products": StageProducts,
    "Input parameters": DatasetInputParameters,
    "Calculated parameters": DatasetCalculatedParameters,
    **{label: TechnosphereEdges for label in INPUT_SECTIONS},
}


class ProductStage(Process):
    """A ``Product stage`` block as a ``bw_simapro_csv`` process: ``parsed['metadata']``
    holds ``Category type`` (the stage kind); ``blocks`` its sections; ``line_no`` the
    line of its ``Product stage`` heading."""

    def __init__(self, block: list[tuple], header: dict):
        self.parsed: dict[str, Any] = {"metadata": {}}
        self.blocks: dict[str, Any] = {}
        self.header = header
        lines = list(block)
        # the block's lines start right after its "Product stage" line
        self.line_no = lines[0][0] - 1 if lines else None
        self.unknown: list[tuple[str, int | None]] = []
        for key, data in get_key_multiline_values(lines, stop_terms=SECTIONS):
            if key in ("Category type", "Status", "Comment"):
                self.parsed["metadata"][key] = " ".join(
                    str(f) for _, fields in data for f in fields if f
                ).strip()
            elif key in SECTION_CLASSES:
                self.blocks[key] = SECTION_CLASSES[key](block=data, header=header, category=key)
            elif key in END_OF_LIFE_SECTIONS:
                self.blocks[key] = RawLines(block=data, header=header)
            else:
                self.unknown.append((key, data[0][0] if data else None))

    @property
    def kind(self) -> str:
        return str(self.parsed["metadata"].get("Category type") or "").strip().casefold()

    def check_waste_production_model_consistency(self) -> None:
        """Not a process: nothing to check (the parser calls this on every process)."""


class StagesCSV(SimaProCSV):
    """``SimaProCSV`` that keeps each ``Product stage`` as a :class:`ProductStage`
    (built before the parser resolves parameters and units, so both apply to it)."""

    def get_next_block(self, reader: Any, header: dict) -> Any:
        block = super().get_next_block(reader, header)
        if isinstance(block, list):  # bw-simapro-csv's raw "Product stage" lines
            return ProductStage(block, header)
        return block
