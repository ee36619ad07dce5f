"""``bw-alu cbam``: CBAM embedded emissions of one product (thin layer over the library)."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli_common import friendly_errors

LANG_CHOICES = ("zh", "en", "both")
FORMAT_CHOICES = ("md", "xlsx", "json")


@click.command("cbam")
@click.option("--product", "product_id", required=True, help="Product id of the workbook.")
@click.option(
    "--workbook",
    type=click.Path(path_type=Path),
    default=None,
    help="Plant workbook (.xlsx or CSV folder) [default: databases/plants/<product>.xlsx].",
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
def cbam_cmd(product_id, workbook, cbam_data, defaults, formats, lang, output):
    """EU CBAM specific embedded emissions (t CO2e per t of good), direct and indirect.

    Direct emissions are the workbook's direct-emission items computed by the CFP's own
    calculators, restricted to CBAM's scope; indirect emissions are electricity x the
    factor CBAM's rules give it; precursors add supplier data or published default
    values. Writes <product>_cbam_<lang>.md/.xlsx and <product>_cbam.json, and prints
    the specific embedded emissions.
    """
    from ..errors import CbamDataInvalid, Location
    from ..paths import PLANTS_DIR
    from . import cbam_result
    from .labels import LANGS
    from .writers import FORMATS, write_cbam

    path = workbook or PLANTS_DIR / f"{product_id}.xlsx"
    result = cbam_result(path, cbam_data=cbam_data, defaults=defaults)
    if result["product_id"] != product_id:
        raise CbamDataInvalid.single(
            Location(str(path), "product", None, "product_id"),
            f"workbook is product {result['product_id']!r}, not {product_id!r}",
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
        f"{s['counted']:.3f} t CO2e/t"
    )
    for p in paths:
        click.echo(str(p))
