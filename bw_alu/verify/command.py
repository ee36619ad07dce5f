"""The ``bw-alu verify`` command (registered in bw_alu/cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli_common import friendly_errors, project_option
from ..report.command import previous_option


@click.command("verify")
@click.option(
    "--declared",
    "declared",
    required=True,
    type=click.Path(path_type=Path),
    help="Declared results: CSV with the contract's columns "
    "product,indicator,unit,stage,contributor,kind,score (+ optional share).",
)
@click.option(
    "--product", default=None, help="Product id (default: the declared file's product column)."
)
@click.option(
    "--tolerance",
    default=0.05,
    show_default=True,
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Materiality threshold, relative, per row and for the total.",
)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the report to this file instead of the terminal.",
)
@previous_option
@project_option
@friendly_errors
def verify_cmd(declared, product, tolerance, fmt, output, previous, project):
    """Recompute a product and compare declared results with it.

    Also checks the declaration's own arithmetic (subtotals, total, shares, units) and the
    study's inventory (system models, km transport, reference flow, cut-off rule,
    identical amounts, proxies). Exit status 0: no material finding; 1: material
    findings; 2: an input could not be read.
    """
    from ..output import write_text
    from .run import verify

    report = verify(project, declared, product=product, tolerance=tolerance)
    text = report.dumps() + "\n" if fmt == "json" else report.markdown()
    if previous is not None:
        text = _with_update_check(text, fmt, project, report.product, previous)
    if output:
        write_text(output, text, parents=True)
        click.echo(
            f"verify {report.product}: {report.count('material')} material, "
            f"{report.count('minor')} minor, {report.count('info')} info finding(s); "
            f"report written to {output}"
        )
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_status)


def _with_update_check(text: str, fmt: str, project: str, product: str, previous: Path) -> str:
    """The report with the EPD update check against ``previous`` added (issue 11)."""
    import json

    from ..lcia import calculate_products
    from ..report import update

    prev = update.read_previous(previous, product)  # a bad file: exit 2 before any output
    (result,) = calculate_products(project, [product])
    changes = update.compare(prev, result)
    if fmt == "json":
        data = json.loads(text)
        data["update_check"] = update.to_json(changes)
        return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"
    return text.rstrip("\n") + "\n\n" + update.to_markdown(changes)
