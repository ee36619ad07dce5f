"""bw-alu from Python: the calls a notebook or a script needs.

Each call takes the Brightway project name first and leaves bw2data's current project
as it found it (also when it raises), so it can be mixed freely with bw2data code that
works in another project::

    import bw2data as bd
    from bw_alu import api

    summary = api.import_workbook("bw-alu", "plant.xlsx")
    (result,) = api.calculate("bw-alu", summary.product_id)
    result.total("GWP100 (IPCC 2021)")          # kg CO2 eq per declared unit
    result.table                                 # the contract's results table
    api.write_reports("bw-alu", result, "out/", kinds=["cfp"], langs=["en"])
    api.verify("bw-alu", "declared.csv").exit_status
    api.batch("bw-alu", ["plants/"], "out/").summary

Errors are :class:`bw_alu.errors.BwAluError` subclasses (an invalid workbook lists every
problem with file, sheet, row and column). ``BRIGHTWAY2_DIR`` decides where the
projects live, as in bw2data; set it before the first import of bw2data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .batch.runner import BatchOutcome, ReportOptions
from .importer import ImportSummary
from .project import DEFAULT_BACKGROUND, in_project
from .results import ProductResult
from .verify.report import VerifyReport

__all__ = [
    "BatchOutcome",
    "ImportSummary",
    "ProductResult",
    "ReportOptions",
    "VerifyReport",
    "batch",
    "calculate",
    "import_workbook",
    "verify",
    "write_reports",
]

KINDS = ("epd", "cfp")
LANGS = ("zh", "en")
FORMATS = ("md", "html", "xlsx", "docx")
DEFAULT_REPORTS = ReportOptions()  # every kind, language and format


def import_workbook(
    project: str,
    path: str | Path,
    *,
    background: str = DEFAULT_BACKGROUND,
    background_factors: str | Path | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Validate a plant workbook (``.xlsx`` or a folder of CSV sheets), link it and write
    its product database (``bw-alu import``).

    The project is set up on first use (elementary flows, methods, the embedded open
    background). Nothing is written unless the whole workbook is valid; re-importing the
    same workbook file replaces its product, while a product_id imported from another
    file raises :class:`bw_alu.errors.ProductExists` unless ``replace=True``. Waits for
    another process writing to the project (``BW_ALU_LOCK_TIMEOUT`` seconds at most). ``background_factors``: a CSV of per-unit impacts
    (``dataset,unit,indicator,value``) that inventory rows link to by dataset name.
    """
    from .importer import import_plant

    with in_project(project):
        return import_plant(
            project,
            path,
            background=background,
            factors_file=background_factors,
            replace=replace,
        )


def calculate(project: str, products: str | Sequence[str] | None = None) -> list[ProductResult]:
    """EF 3.1 and IPCC 2021 results with contributions (``bw-alu lcia``).

    ``products``: one product id, several, or None for every imported product; results
    come in the order asked for. ``ProductResult.table`` is the contract's long results
    table (a pandas DataFrame), ``ProductResult.total(indicator)`` one total.
    """
    from .calculate import calculate_products

    ids = [products] if isinstance(products, str) else (list(products) if products else None)
    with in_project(project):
        return calculate_products(project, ids)


def write_reports(
    project: str,
    product: str | ProductResult,
    output_dir: str | Path,
    *,
    kinds: Iterable[str] = KINDS,
    langs: Iterable[str] = LANGS,
    formats: Iterable[str] = FORMATS,
) -> list[Path]:
    """Write the EPD/CFP reports of one product into ``output_dir`` (``bw-alu report``);
    return the paths written.

    ``product``: a product id (calculated now) or a result of :func:`calculate`.
    ``formats``: any of md, html, xlsx, docx, and csv for the results table.
    """
    from .report import write_reports as write

    with in_project(project):
        result = product if isinstance(product, ProductResult) else calculate(project, product)[0]
        return write(result, Path(output_dir), kinds=kinds, langs=langs, formats=formats)


def verify(
    project: str,
    declared: str | Path,
    *,
    product: str | None = None,
    tolerance: float = 0.05,
) -> VerifyReport:
    """Recompute a product and compare the declared results with it (``bw-alu verify``).

    ``declared``: a results table (``product,indicator,unit,stage,contributor,kind,score``);
    ``product`` defaults to the file's product column; ``tolerance`` is the materiality
    threshold (relative). ``report.exit_status`` is 0 without material findings, else 1;
    ``report.markdown()`` and ``report.to_json()`` are the command's outputs.
    """
    from .verify.run import verify as run

    with in_project(project):
        return run(project, declared, product=product, tolerance=tolerance)


def batch(
    project: str,
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    force: bool = False,
    background: str = DEFAULT_BACKGROUND,
    background_factors: str | Path | None = None,
    reports: ReportOptions | None = DEFAULT_REPORTS,
    replace: bool = False,
) -> BatchOutcome:
    """Import and calculate many products in one run (``bw-alu batch``).

    ``inputs``: workbooks, folders of them and recipes tables; ``output``: the folder of
    ``summary.csv``, one folder per product and ``failures.csv``. ``reports=None`` writes
    results only. A product that fails is listed in ``outcome.failed`` and the others
    finish; unchanged products are skipped unless ``force``. A product_id the project
    holds from another workbook file fails unless ``replace`` (as ``import_workbook``).
    """
    from .batch.runner import run_batch

    factors = Path(background_factors) if background_factors is not None else None
    with in_project(project):
        return run_batch(
            project,
            [Path(p) for p in inputs],
            Path(output),
            force=force,
            background=background,
            factors_file=factors,
            reports=reports,
            replace=replace,
        )
