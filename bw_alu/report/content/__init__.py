"""Build the report documents (content model) from a :class:`ProductResult`.

Order of the sections follows the verification reports (domain.md): basic information;
for a CFP the stage conclusion, contributions, direct emissions; for an EPD the EF 3.1
table; then for both the inventory, the background datasets, data quality and
assumptions; for a CFP last the ranking that grounds reduction measures.

Modules: ``document`` assembles the sections, one module a section family builds them
(``basic``, ``footprint``, ``direct``, ``epd``, ``inventory``, ``datasets``, ``quality``);
``product`` reads the product's facts and names, ``tables`` builds rows, headers, tables.
"""

from __future__ import annotations

from .document import build_document
from .product import contributor_names

__all__ = ["build_document", "contributor_names"]
