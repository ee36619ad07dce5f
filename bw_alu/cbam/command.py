"""``bw-alu cbam``: CBAM embedded emissions of one product (thin layer over the library)."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli_common import friendly_errors, project_option

LANG_CHOICES = ("zh", "en", "both")
FORMAT_CHOICES = ("md", "xlsx", "json")


@click.command("cbam")
@click.option("--product", "product_id", required=True, help="Product id of the workbook.")
@project_option
@click.option(
    "--workbook",
    type=click.Path(path_type=Path),
    default=None,
    help="Plant workbook (.xlsx or CSV folder) for the CBAM sheets and, without the "
    "product in the project, the quantities [default: the file the product was imported "
    "from, else databases/plants/<product>.xlsx].",
)
@click.option(
    "--from-workbook",
    is_flag=True,
    default=False,
    help="Compute from the workbook even when the product is in the project.",
)
@click.option(
    "--cbam-data",
    type=click.Path(path_type=Path),
    default=None,
    help="Workbook or CSV folder with the cbam_* sheets [default: <workbook>_cbam beside "
    "the workbook, the workbook's own cbam_* sheets, or databases/cbam/<product>/].",
)
@click.option(
    "--defaults",
    type=click.Path(path_type=Path),
    default=None,
    help="Default-value table (CSV) [default: methods/cbam_default_values.csv].",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMAT_CHOICES),
    multiple=True,
    help="Repeat for several formats [default: md, xlsx, json].",
)
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES),
    default="both",
    show_default=True,
    help="Language of md and xlsx (one file each).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Directory to write into (created if missing).",
)
@friendly_errors
def cbam_cmd(
    product_id, project, workbook, from_workbook, cbam_data, defaults, formats, lang, output
):
    """EU CBAM specific embedded emissions (t CO2e per t of good), direct and indirect.

    With the product imported in --project, the quantities are its stored graph's
    (what bw2data and Activity Browser show and edit): direct-emission exchanges kept by
    CBAM's scope rule for their calculator, electricity and precursor inputs. Else (or
    with --from-workbook) the workbook's direct-emission items computed by the CFP's own
    calculators. Indirect emissions are electricity x the factor CBAM's rules give it;
    precursors add supplier data or published default values. Writes
    <product>_cbam_<lang>.md/.xlsx and <product>_cbam.json, and prints the specific
    embedded emissions.
    """
    from . import cbam_of_product
    from .labels import LANGS
    from .writers import FORMATS, write_cbam

    result = cbam_of_product(
        project,
        product_id,
        workbook=workbook,
        cbam_data=cbam_data,
        defaults=defaults,
        from_workbook=from_workbook,
    )
    paths = write_cbam(
        result,
        output,
        langs=LANGS if lang == "both" else (lang,),
        formats=tuple(formats) or FORMATS,
    )
    s = result["see"]
    click.echo(
        f"{product_id}: SEE direct {s['direct']:.3f}, SEE indirect {s['indirect']:.3f}, "
        f"total {s['total']:.3f} t CO2e/t; counted for CBAM ({result['period']}) "
        f"{s['counted']:.3f} t CO2e/t (from the {result['source']['text']})"
    )
    for p in paths:
        click.echo(str(p))
