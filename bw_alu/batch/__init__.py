"""Many products in one run: ``inputs`` (workbooks, recipes) -> ``runner`` -> outputs.

``recipes.py`` derives product variants from a base workbook, ``state.py`` decides what
is unchanged since the last run, ``command.py`` is the ``bw-alu batch`` command.
Import from the modules (``bw_alu.batch.runner``): nothing heavy is imported here, so that
``bw-alu --help`` (which imports ``batch.command``) stays fast.
"""
