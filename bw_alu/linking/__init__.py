"""Turn the dataset names of inventory rows into background datasets.

Order of rules for one row (first that applies wins):

1. ``burden-free (cut-off)``: no upstream burden (scrap under the cut-off approach).
2. ``--background-factors`` file: a dataset given by its per-unit impacts.
3. exact: a background activity has exactly this name, or the cell says
   ``<database>:<code>`` (for names the background holds more than once).
4. mapped / proxy: ``databases/mappings/study_datasets.csv`` names an open dataset for
   an ecoinvent/SimaPro name; a proxy is labelled so in every output.
5. simapro: a SimaPro name ``Product {LOC}| activity | System, U`` matched to an
   ecoinvent-style background (reference product, activity name and location).
"""

from .factors import FactorDataset, read_factor_file
from .link import Link, background_index, link_inventory, read_mapping_file

__all__ = [
    "FactorDataset",
    "Link",
    "background_index",
    "link_inventory",
    "read_factor_file",
    "read_mapping_file",
]
