"""Many products in one run: ``inputs`` (workbooks, recipes) -> ``runner`` -> outputs.

``recipes.py`` derives product variants from a base workbook, ``state.py`` decides what
is unchanged since the last run, ``command.py`` is the ``bw-alu batch`` command.
"""

from .runner import BatchOutcome, Failure, ReportOptions, run_batch

__all__ = ["BatchOutcome", "Failure", "ReportOptions", "run_batch"]
