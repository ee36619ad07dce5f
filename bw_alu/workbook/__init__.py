"""The plant workbook: read (``read.py``), validate into records (``validate.py``)."""

from .model import Assumption, InventoryRow, LeftOut, Plant, Product
from .validate import load_plant

__all__ = ["Assumption", "InventoryRow", "LeftOut", "Plant", "Product", "load_plant"]
