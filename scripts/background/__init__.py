"""Build steps of the embedded open background (``databases/background/uslci_cn.json.gz``).

The pipeline runs one way, one module per stage:

``extract`` (USLCI EcoSpold 1 XML -> plain process records) ->
``biosphere`` (FEDEFL elementary flows -> ecoinvent 3.9 biosphere3 codes) ->
``technosphere`` (allocation, provider choice, cut-offs, self-consumption) ->
``china`` (CN grid mixes, adapted copies, proxies) ->
``output`` (checks, coverage, deterministic gzip JSON).
"""
