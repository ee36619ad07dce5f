"""Thin command line layer: picks the project, calls the library, maps errors to exit 2."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .cli_common import background_options, friendly_errors, project_option, write_output


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bw-alu")
def main():
    """bw-alu: LCA of aluminium products on Brightway (EF 3.1, IPCC 2021, EPD/CFP tables)."""
    from .project import ensure_data_dir

    ensure_data_dir()


@main.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@background_options
@click.option(
    "--links",
    "links_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the relinking report (every row, its match type) to this CSV.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Your own study-dataset mapping (columns of databases/mappings/"
    "study_datasets.csv), added to the built-in one.",
)
@click.option(
    "--product-id",
    "product_id",
    default=None,
    help="SimaPro CSV only: the product id (default: the first process's name as a slug).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace a product of the same product_id imported from another workbook file.",
)
@project_option
@friendly_errors
def import_cmd(path, background, factors, links_file, mapping_file, product_id, replace, project):
    """Import a plant workbook (.xlsx or folder of CSV sheets) as a product database.

    Sets the project up on first use (elementary flows, EF 3.1 and IPCC 2021 methods,
    the embedded open background). Re-importing the same file replaces its product;
    a product_id imported from another file needs --replace.
    """
    from .importer import import_plant

    summary = import_plant(
        project,
        path,
        background=background,
        factors_file=factors,
        mapping_file=mapping_file,
        replace=replace,
        product_id=product_id,
    )
    for line in summary.setup:
        click.echo(f"set-up: {line}")
    matches = ", ".join(f"{k} {v}" for k, v in sorted(summary.matches.items()))
    click.echo(
        f"imported {summary.product_id}: {summary.rows} inventory rows ({matches}), "
        f"{summary.direct_items} direct-emission items, "
        + (f"{summary.substances} elementary exchanges, " if summary.substances else "")
        + f"project {project!r}"
    )
    if links_file:
        from .ecoinvent.command import write_links

        write_links(project, summary.product_id, links_file)
        click.echo(f"wrote {links_file}")


@main.command("datasets")
@click.argument("query", required=False, default="")
@click.option(
    "--background", default="uslci_cn", show_default=True, help="Background database to search."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True
)
@project_option
@friendly_errors
def datasets_cmd(query, background, fmt, project):
    """List background datasets whose name holds every word of QUERY (English or Chinese).

    Shows code, unit, location, year, source and proxy flags; name a dataset in a workbook
    by its exact name or as <database>:<code>.
    """
    from .linking.search import COLUMNS, rows, search_datasets

    found = rows(search_datasets(project, query, background))
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
        click.echo(buf.getvalue(), nl=False)
        return
    for r in found:
        flags = ", ".join(
            f for f in ("proxy" if r["proxy"] else "", "GHG only" if r["ghg_only"] else "") if f
        )
        click.echo(
            f"{background}:{r['code']}  [{r['unit']}, {r['location']}, {r['year']}]"
            + (f"  ({flags})" if flags else "")
        )
        click.echo(f"    {r['name']}" + (f"  /  {r['name_zh']}" if r["name_zh"] else ""))
        click.echo(f"    source: {r['source'][:160]}")
    click.echo(f"{len(found)} dataset(s)")


@main.command("template")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@friendly_errors
def template_cmd(path, force):
    """Write an empty plant workbook with an instructions sheet (English and Chinese).

    An existing PATH is kept (exit status 2) unless --force is given.
    """
    from .workbook.template import write_template

    click.echo(f"wrote {write_template(path, force=force)}")


@main.command("lcia")
@click.option("--product", "product_ids", multiple=True, help="Product id (default: all).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file instead of the terminal.",
)
@project_option
@friendly_errors
def lcia_cmd(product_ids, fmt, output, project):
    """EF 3.1 (16 EPD indicators) and IPCC 2021 GWP100 with contributions.

    csv is the long results table of the contract:
    product,indicator,unit,stage,contributor,kind,score.
    """
    from .lcia import calculate_products
    from .render_table import render_results

    results = calculate_products(project, list(product_ids) or None)
    if fmt == "csv":
        import io

        import pandas as pd

        from .results import write_csv

        buf = io.StringIO()
        write_csv(pd.concat([r.table for r in results], ignore_index=True), buf)
        text = buf.getvalue()
    elif fmt == "json":
        from .results import dumps

        text = dumps(results) + "\n"
    else:
        text = render_results(results) + "\n"
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


@main.command("repair")
@project_option
@friendly_errors
def repair_cmd(project):
    """Undo a write that a killed bw-alu process left half-done; re-create missing indexes.

    Any command that opens the project does this too; repair says what it found.
    """
    from .project import repair

    done = repair(project)
    for line in done:
        click.echo(f"repaired: {line}")
    click.echo(f"project {project!r}: " + ("repaired" if done else "nothing to repair"))


# --- commands defined in their own modules: one registration line each ---
from .report.command import report_cmd  # noqa: E402

main.add_command(report_cmd)
from .verify.command import verify_cmd  # noqa: E402

main.add_command(verify_cmd)
from .batch.command import batch_cmd  # noqa: E402

main.add_command(batch_cmd)
from .cbam.command import cbam_cmd  # noqa: E402

main.add_command(cbam_cmd)

from .ecoinvent.command import background_cmd, links_cmd  # noqa: E402

main.add_command(background_cmd)
main.add_command(links_cmd)
from .export.command import export_cmd  # noqa: E402

main.add_command(export_cmd)


if __name__ == "__main__":  # pragma: no cover
    main()
