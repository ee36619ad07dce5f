"""``bw-alu batch``: many products in one run (thin click layer over ``runner.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli_common import background_options, friendly_errors, project_option

KINDS = {"epd": ("epd",), "cfp": ("cfp",), "both": ("epd", "cfp")}
LANGS = {"zh": ("zh",), "en": ("en",), "both": ("zh", "en")}
FORMATS = ("md", "html", "xlsx", "docx")


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for summary.csv, failures.csv and one folder per product.",
)
@click.option("--force", is_flag=True, help="Recompute every product, changed or not.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice((*FORMATS, "ilcd")),
    help="Report format (repeat for several; default: all four); ilcd adds the ILCD+EPD "
    "archive of each product.",
)
@click.option(
    "--kind",
    type=click.Choice(sorted(KINDS)),
    default="both",
    show_default=True,
    help="Reports to write.",
)
@click.option(
    "--lang",
    type=click.Choice(sorted(LANGS)),
    default="both",
    show_default=True,
    help="Report language(s).",
)
@click.option("--no-reports", is_flag=True, help="Write results only, no reports.")
@background_options
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.option(
    "--replace",
    is_flag=True,
    help="Replace products whose product_id the project holds from another workbook file.",
)
@project_option
@friendly_errors
def batch_cmd(
    inputs,
    output,
    force,
    formats,
    kind,
    lang,
    no_reports,
    background,
    factors,
    quiet,
    replace,
    project,
):
    """Import and calculate many products in one run, with one factorization.

    INPUT: plant workbooks (.xlsx or CSV folders), folders of them (scanned recursively),
    and recipes tables (.csv) that derive product variants from a base workbook (see the
    README, "Batch"). Writes OUTPUT/summary.csv (totals and stage subtotals of every
    product, the contract's results table), OUTPUT/<product>/results.csv, result.json
    and reports, and OUTPUT/failures.csv when some product failed.

    A re-run skips products whose inputs (workbook bytes, recipe row, background
    version, bw-alu version, options) did not change; --force recomputes them.

    Exit status: 0 all products done; 1 some products failed (listed, the others are
    done); 2 the batch could not start (a missing input, an invalid recipes table).
    """
    from .runner import ReportOptions, run_batch

    reports = None
    if not no_reports:
        reports = ReportOptions(KINDS[kind], LANGS[lang], tuple(formats) or FORMATS)
    outcome = run_batch(
        project,
        list(inputs),
        output,
        force=force,
        background=background,
        factors_file=factors,
        reports=reports,
        progress=not quiet,
        replace=replace,
    )
    for f in outcome.failed:
        click.echo(f"FAILED {f.job}" + (f" [{f.product_id}]" if f.product_id else ""), err=True)
        click.echo("  " + f.reason.replace("\n", "\n  "), err=True)
    for note in outcome.notes:
        click.echo(f"note: {note}", err=True)
    t = outcome.timings
    click.echo(
        f"batch: {len(outcome.computed)} computed, {len(outcome.skipped)} unchanged (skipped), "
        f"{len(outcome.failed)} failed; import {t['import_s']:.1f} s, calculate "
        f"{t['calculate_s']:.1f} s, outputs {t['outputs_s']:.1f} s; summary {outcome.summary}"
    )
    sys.exit(outcome.exit_code)
