"""``bw-alu export PRODUCT --format simapro-csv [--output FILE]``."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli_common import friendly_errors, project_option, write_output


@click.command("export")
@click.argument("product")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["simapro-csv"]),
    default="simapro-csv",
    show_default=True,
    help="Interchange format.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: PRODUCT_simapro.csv in the current folder).",
)
@project_option
@friendly_errors
def export_cmd(product, fmt, output, project):
    """Write an imported product's foreground (its processes and exchanges as stored)
    as a SimaPro CSV export of processes, which `bw-alu import` reads back."""
    from .simapro import product_to_simapro

    text = product_to_simapro(project, product)
    target = output or Path(f"{product}_simapro.csv")
    write_output(target, text)
    click.echo(f"wrote {target}")
