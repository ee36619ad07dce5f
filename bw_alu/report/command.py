"""``bw-alu report``: EPD and CFP reports of one product (thin layer over write_reports)."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli_common import friendly_errors, project_option

KIND_CHOICES = ("epd", "cfp", "both")
LANG_CHOICES = ("zh", "en", "both")
FORMAT_CHOICES = ("md", "html", "xlsx", "docx", "csv", "ilcd")


def _choice_or_both(name: str, choices: tuple[str, ...], help_text: str):
    """An option taking one of ``choices``, ``both`` by default."""
    return click.option(
        name, type=click.Choice(choices), default="both", show_default=True, help=help_text
    )


# Shared with ``bw-alu verify``.
previous_option = click.option(
    "--previous",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Results table (CSV, the contract's columns) of the previous declaration: adds "
    "the EPD update check (an indicator up 10 % or more requires an update).",
)


def _expand(value: str, both: tuple[str, ...]) -> tuple[str, ...]:
    return both if value == "both" else (value,)


@click.command("report")
@click.option("--product", "product_id", required=True, help="Product id (as imported).")
@_choice_or_both(
    "--kind",
    KIND_CHOICES,
    "EPD (16 EF 3.1 indicators), CFP (IPCC 2021 GWP100 by stage and item), or both.",
)
@_choice_or_both("--lang", LANG_CHOICES, "Chinese, English, or both (one file each).")
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMAT_CHOICES),
    multiple=True,
    help="Repeat for several formats [default: md, html, xlsx, docx]; "
    "csv writes the contract's results table; ilcd an ILCD+EPD archive (zip).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Directory to write into (created if missing).",
)
@click.option(
    "--unit",
    type=click.Choice(("kg", "t")),
    default="kg",
    show_default=True,
    help="Unit of the carbon footprint: kg CO2e with 2 decimals, or t CO2e.",
)
@click.option(
    "--toc-pages",
    is_flag=True,
    help="Fill the page numbers of the Word table of contents from LibreOffice's layout "
    "(needs soffice and pdftotext: scripts/install_libreoffice.sh; exit 2 without them).",
)
@previous_option
@project_option
@friendly_errors
def report_cmd(product_id, kind, lang, formats, output, unit, toc_pages, previous, project):
    """Verification-style EPD and CFP tables and charts for one product.

    Writes <product>_<kind>_<lang>.<format> per kind, language and format, and the
    charts (stage shares, largest contributors) as PNG and SVG beside them. The same
    result gives byte-identical files.
    """
    from ..lcia import calculate_products
    from .generate import KINDS, write_reports
    from .i18n import LANGS
    from .writers import FORMATS

    (result,) = calculate_products(project, [product_id])
    paths = []
    documents = tuple(f for f in formats if f != "ilcd")
    if "ilcd" in formats:  # machine-readable EPD (bw_alu/export/ilcd.py)
        from ..export.ilcd import write_ilcd

        paths.append(write_ilcd(result, output))
    if documents or not formats:
        paths += write_reports(
            result,
            output,
            kinds=_expand(kind, KINDS),
            langs=_expand(lang, LANGS),
            formats=documents or FORMATS,
            unit=unit,
            previous=previous,
            toc_pages=toc_pages,
        )
    for p in paths:
        click.echo(str(p))
    click.echo(f"{len(paths)} file(s) written for {product_id} to {output}", err=True)
