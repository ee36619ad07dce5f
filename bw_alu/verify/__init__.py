"""``bw-alu verify``: declared results against a recomputation, and a verifier's checks.

Modules, in the order a run uses them:

- :mod:`.declared`: read the declared results table (the contract's columns), keeping the
  precision each number was written with;
- :mod:`.units`: declared unit vs the indicator's unit;
- :mod:`.compare`: every declared row against the recomputed table;
- :mod:`.arithmetic`: the declaration's own sums and shares;
- :mod:`.inventory`: what a verifier notices in the study's inventory;
- :mod:`.findings`, :mod:`.report`: findings ordered by materiality, md / json;
- :mod:`.run`: the whole run; :mod:`.command`: the click command.
"""


# Nothing is imported here, so that ``bw-alu --help`` stays fast (pandas, bw2data load
# only when the command runs): import from the modules, e.g. ``bw_alu.verify.run.verify``.
