"""The provenance every background activity carries (``provenance`` in its data).

The background build writes exactly these keys; lcia, report and verify read them.

- ``source``: the dataset or publication it comes from; ``year``; ``geography``;
- ``licence``: under which it may be used;
- ``proxy``: it stands in for something else, named in ``proxy_for``;
- ``ghg_only``: only greenhouse gases are modelled (a proxy from a cited CO2e figure);
- ``adapted``: what was changed from the source (e.g. electricity relinked to CN grids).
"""

PROVENANCE_KEYS = (
    "source",
    "year",
    "geography",
    "licence",
    "proxy",
    "proxy_for",
    "ghg_only",
    "adapted",
)
