"""A small hand-computable system: a three-process background and a one-product plant.

Technosphere (columns: activities producing one unit; rows: products)::

                 elec(kWh)  truck(t*km)  alumina(kg)
    elec            1          0           -0.5
    truck         -0.01        1            0
    alumina         0          0            1

Biosphere (kg per unit of activity)::

                        elec     truck    alumina
    CO2, fossil (air)   0.8      0.1      1.0
    CH4, fossil (air)   0        0.001    0
    CH4, non-fossil     0        0        0.01
    SO2 (air)           0.002    0        0

IPCC 2021 GWP100 (bw2io's ecoinvent LCIA v3.9): CO2 fossil 1, CH4 fossil 29.8,
CH4 non-fossil 27. EF 3.1 acidification: SO2 1.31 mol H+ eq/kg. ``alumina`` is a proxy.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

CO2 = "349b29d1-3e58-4c66-98b9-9d1a076efd2e"  # Carbon dioxide, fossil (air)
CH4 = "0795345f-c7ae-410c-ad25-1845784c75f5"  # Methane, fossil (air)
CH4_BIO = "da1157e2-7593-4dfd-80dd-a3449b37a4d8"  # Methane, non-fossil (air)
SO2 = "fd7aa71c-508c-480d-81a6-8052aad92646"  # Sulfur dioxide (air)

PROV = {
    "source": "test",
    "year": "2026",
    "geography": "GLO",
    "licence": "CC0",
    "proxy": False,
    "proxy_for": None,
    "ghg_only": False,
    "adapted": None,
}


def _act(code, name, unit, techno=(), bio=(), **prov):
    exchanges = [{"type": "production", "amount": 1.0}]
    exchanges += [{"type": "technosphere", "input": c, "amount": a} for c, a in techno]
    exchanges += [{"type": "biosphere", "input": c, "amount": a} for c, a in bio]
    return {
        "code": code,
        "name": name,
        "reference product": name,
        "unit": unit,
        "location": "GLO",
        "provenance": {**PROV, **prov},
        "exchanges": exchanges,
    }


def tiny_background(path: Path, version: str = "test-1") -> Path:
    data = {
        "database": "tiny",
        "title": "tiny test background",
        "version": version,
        "notice": "made up for tests",
        "activities": [
            _act(
                "elec",
                "Electricity, tiny grid",
                "kWh",
                [("truck", 0.01)],
                [(CO2, 0.8), (SO2, 0.002)],
            ),
            _act("truck", "Transport, tiny truck", "t*km", (), [(CO2, 0.1), (CH4, 0.001)]),
            _act(
                "alumina",
                "Alumina, tiny",
                "kg",
                [("elec", 0.5)],
                [(CO2, 1.0), (CH4_BIO, 0.01)],
                proxy=True,
                proxy_for="alumina, metallurgical",
            ),
        ],
    }
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    return path


def plant_sheets(product_id: str = "tiny_plant", **product_overrides) -> dict[str, list[dict]]:
    """Annual basis, 1000 t/yr, declared unit 1 t: per-DU factor 0.001."""
    product = {
        "product_id": product_id,
        "company": "Test Smelter Co.",
        "product_name_en": "test ingot",
        "product_name_zh": "测试铝锭",
        "declared_unit": "1 t test ingot",
        "declared_unit_amount": 1,
        "declared_unit_unit": "t",
        "basis": "annual",
        "annual_production": 1000,
        "boundary": "cradle-to-gate",
        "time_period_start": "2024-01-01",
        "time_period_end": "2024-12-31",
        "geography": "CN",
        "standards": "ISO 14067:2018",
    }
    product.update(product_overrides)
    return {
        "product": [{"field": k, "value": v} for k, v in product.items()],
        "inventory": [
            {
                "stage": "raw_materials",
                "label": "alumina",
                "kind": "material",
                "amount": 2,
                "unit": "t",
                "dataset": "Alumina, tiny",
                "data_type": "primary",
                "source": "purchase list",
            },
            {
                "stage": "raw_materials",
                "label": "scrap",
                "kind": "material",
                "amount": 500,
                "unit": "t",
                "dataset": "burden-free (cut-off)",
                "data_type": "primary",
            },
            {
                "stage": "raw_material_transport",
                "label": "alumina by road",
                "kind": "transport",
                "amount": 1_000_000,
                "unit": "kg*km",
                "dataset": "Transport, tiny truck",
            },
            {
                "stage": "production",
                "label": "electricity",
                "kind": "energy",
                "amount": 3,
                "unit": "MWh",
                "dataset": "Electricity, tiny grid",
                "source": "invoices",
            },
        ],
        "direct_emissions": [
            {
                "label": "soda ash",
                "calculator": "carbonate_decomposition",
                "parameter": "carbonate",
                "value": "soda_ash",
                "source": "plant",
            },
            {
                "label": "soda ash",
                "calculator": "carbonate_decomposition",
                "parameter": "mass",
                "value": 1,
                "unit": "t",
                "source": "purchase list",
            },
            {
                "label": "soda ash",
                "calculator": "carbonate_decomposition",
                "parameter": "factor",
                "value": 0.4149,
                "unit": "t CO2/t",
                "source": "GB/T 44905-2024",
            },
        ],
        "assumptions": [{"id": "A1", "text": "test assumption", "affects": "annual_production"}],
    }
