"""Write plant workbooks (the example plants, templates, test fixtures)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ..output import ensure_dir, write_text, write_with

# Column order of each sheet, the one place the workbook layout is written down.
LAYOUT = {
    "product": ["field", "value", "note"],
    "inventory": [
        "stage",
        "label",
        "label_zh",
        "kind",
        "amount",
        "unit",
        "dataset",
        "load_t",
        "data_type",
        "source",
        "dq_ter",
        "dq_ger",
        "dq_tir",
        "dq_p",
        "assumption",
        "note",
    ],
    "direct_emissions": ["label", "calculator", "stage", "parameter", "value", "unit", "source"],
    "assumptions": ["id", "text", "text_zh", "affects"],
    "left_out": ["label", "mass", "unit", "precious", "reason"],
    "processes": [
        "id",
        "name",
        "name_zh",
        "reference_product",
        "amount",
        "unit",
        "stage",
        "allocation",
        "price",
    ],
    "coproducts": ["process", "label", "label_zh", "amount", "unit", "price", "note"],
}
# Columns written only when a row uses them (a one-process workbook has no ``process``).
OPTIONAL = {"inventory": ["process"], "direct_emissions": ["process"]}


def _headers(name: str, rows: list[dict]) -> list[str]:
    headers = list(LAYOUT.get(name) or rows[0])
    # An empty sheet (the template) shows them all.
    headers += [h for h in OPTIONAL.get(name, []) if not rows or any(row.get(h) for row in rows)]
    return headers


def product_rows(fields: dict) -> list[dict]:
    """Rows of the ``product`` sheet from ``{field: value}``."""
    return [{"field": k, "value": v} for k, v in fields.items()]


def direct_rows(label: str, calculator: str, params, stage: str = "production") -> list[dict]:
    """Rows of the ``direct_emissions`` sheet for one item: ``params`` are
    ``(parameter, value, unit, source)`` tuples."""
    return [
        {
            "label": label,
            "calculator": calculator,
            "stage": stage,
            "parameter": name,
            "value": value,
            "unit": unit,
            "source": source,
        }
        for name, value, unit, source in params
    ]


def write_workbook(
    path: str | Path, sheets: dict[str, list[dict]], *, overwrite: bool = True
) -> Path:
    """Write ``{sheet: [row dicts]}`` with the columns of :data:`LAYOUT` (deterministic).

    Through :mod:`bw_alu.output`; ``overwrite=False`` refuses to replace an existing file.
    """
    path = Path(path)
    wb = Workbook()
    first = wb.active  # the empty sheet a new workbook starts with
    assert first is not None
    wb.remove(first)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        headers = _headers(name, rows)
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            unknown = set(row) - set(headers)
            if unknown:
                raise ValueError(f"sheet {name}: unknown columns {sorted(unknown)}")
            ws.append([row.get(h) for h in headers])
        for col in ws.columns:
            width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
    wb.properties.creator = "bw-alu"
    # Fixed dates: the same rows give the same workbook, run after run.
    wb.properties.created = wb.properties.modified = datetime(2024, 12, 31)
    return write_with(path, wb.save, overwrite=overwrite, parents=True)


def write_csv_folder(folder: str | Path, sheets: dict[str, list[dict]]) -> Path:
    import csv

    folder = ensure_dir(Path(folder))
    for name, rows in sheets.items():
        headers = _headers(name, rows)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        for row in rows:
            w.writerow(["" if row.get(h) is None else row.get(h) for h in headers])
        write_text(folder / f"{name}.csv", buf.getvalue())
    return folder
