"""``bw-alu background add`` and ``bw-alu links`` (thin layers over the library)."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli_common import friendly_errors, project_option, write_output


@click.group("background")
def background_cmd():
    """Background databases of the project (ecoSpold2 releases)."""


@background_cmd.command("add")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", required=True, help="Name of the new background database.")
@click.option(
    "--biosphere",
    default=None,
    help="Biosphere database to link elementary flows to [default: the project's only one, "
    "else bw-alu's biosphere3].",
)
@project_option
@friendly_errors
def background_add_cmd(folder, name, biosphere, project):
    """Import an ecoSpold2 release folder (datasets/*.spold, MasterData/) offline.

    Uses bw2io's ecoSpold2 importer and strategies; nothing is written unless every
    exchange links. Then: bw-alu import WORKBOOK --background NAME.
    """
    from .release import add_release

    s = add_release(project, folder, name, biosphere=biosphere)
    for line in s.setup:
        click.echo(f"set-up: {line}")
    click.echo(
        f"added background {s.database}: {s.activities} activities, ecoinvent "
        f"{s.ecoinvent_version or '?'} {s.system_model or ''}, biosphere {s.biosphere!r}, "
        f"project {project!r}"
    )


LINK_COLUMNS = [
    "row",
    "label",
    "dataset",
    "match",
    "proxy",
    "database",
    "activity",
    "reference_product",
    "location",
    "amount",
    "unit",
    "note",
]


def link_rows(project: str, product_id: str) -> list[dict]:
    """Every inventory row of an imported product with its link (the relinking report)."""
    from ..calculate.entries import product_entries, stored_rows
    from ..calculate.foreground import load_foreground
    from ..errors import UnknownProduct
    from ..project import activate, products

    activate(project)
    if product_id not in products(project):
        raise UnknownProduct(f"product {product_id!r} is not imported in project {project!r}")
    fp = load_foreground([product_id])[product_id]
    rows, _ = stored_rows(product_entries(fp))
    out = []
    for m in rows:
        link = m.get("link") or {}
        t = link.get("target") or {}
        out.append(
            {
                "row": m.get("location", ""),
                "label": m.get("label", ""),
                "dataset": m.get("dataset", ""),
                "match": link.get("match", ""),
                "proxy": bool(link.get("proxy")),
                "database": t.get("database", "") or (product_id if link.get("process") else ""),
                "activity": t.get("name", "") or (link.get("process") or ""),
                "reference_product": t.get("reference_product", ""),
                "location": t.get("location", ""),
                "amount": link.get("amount", ""),
                "unit": link.get("unit", ""),
                "note": link.get("note", ""),
            }
        )
    return out


@click.command("links")
@click.option("--product", "product_id", required=True, help="Product id (as imported).")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the CSV to this file instead of the terminal.",
)
@project_option
@friendly_errors
def links_cmd(product_id, output, project):
    """The relinking report: every inventory row, its match type and the dataset it links to.

    Match types: exact, simapro (product, activity and location), migrated (ecoinvent
    version migration), mapped, proxy, factors, burden-free.
    """
    text = links_csv(project, product_id)
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


def links_csv(project: str, product_id: str) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=LINK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(link_rows(project, product_id))
    return buf.getvalue()


def write_links(project: str, product_id: str, path) -> None:
    """The relinking report of ``product_id`` to ``path`` (whole or not at all)."""
    write_output(path, links_csv(project, product_id))
