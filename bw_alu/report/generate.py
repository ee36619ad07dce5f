"""``write_reports``: every requested kind x language x format for one product.

Files (``<product>`` is the product id)::

    <product>_<kind>_<lang>.<md|html|xlsx|docx>   one report per kind, language, format
    <product>_stages_<lang>.png / .svg            CFP stage shares (with a CFP report)
    <product>_top_contributors_<lang>.png / .svg  largest contributors (with a CFP report)
    <product>_boundary_<lang>.png / .svg          the system boundary (every report)
    <product>_results.csv                         the contract's results table (format csv)

Every file is first written beside its target and then renamed over it, so a failure
leaves no half-written file. The same result gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import ReportOptionInvalid, ReportOutputError
from ..output import check_target, write_bytes
from ..results import ProductResult
from . import charts, i18n
from .content import build_document, contributor_names
from .figures import UNITS, cfp_figures
from .model import Chart
from .update import Change, compare, read_previous
from .writers import FORMATS, RENDERERS

KINDS = ("epd", "cfp")
EXTRA_FORMATS = ("csv",)


def _check(values: Iterable[str], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(values))
    bad = [v for v in values if v not in allowed]
    if bad or not values:
        raise ReportOptionInvalid(
            f"unknown report {what} {', '.join(map(repr, bad)) or '(none given)'}; "
            f"choose from {', '.join(allowed)}"
        )
    return values


def write_atomic(path: Path, data: bytes) -> None:
    write_bytes(path, data)  # temporary file + rename, regular files only, umask


def _boundary(result: ProductResult, lang: str) -> Chart:
    from .content.product import stages

    pid = result.product_id
    title = i18n.t("boundary_figure", lang)
    labels = [i18n.stage(s, lang) for s in stages(result)]
    png, svg = charts.boundary_chart(labels, title, i18n.t("boundary_outside", lang))
    return Chart(
        "boundary", title, f"{pid}_boundary_{lang}.png", f"{pid}_boundary_{lang}.svg", png, svg
    )


def _charts(result: ProductResult, fig, lang: str) -> dict[str, Chart]:
    pid = result.product_id
    if fig is None:
        return {"boundary": _boundary(result, lang)}
    png, svg = charts.stage_chart(fig, lang)
    stages = Chart(
        "stages",
        i18n.t("chart_stages", lang),
        f"{pid}_stages_{lang}.png",
        f"{pid}_stages_{lang}.svg",
        png,
        svg,
    )
    png, svg = charts.top_chart(fig, contributor_names(result, lang), lang)
    top = Chart(
        "top",
        i18n.t("chart_top", lang, unit=fig.unit),
        f"{pid}_top_contributors_{lang}.png",
        f"{pid}_top_contributors_{lang}.svg",
        png,
        svg,
    )
    return {"boundary": _boundary(result, lang), "stages": stages, "top": top}


def render_reports(
    result: ProductResult,
    *,
    kinds: Iterable[str] = KINDS,
    langs: Iterable[str] = i18n.LANGS,
    formats: Iterable[str] = FORMATS,
    unit: str = "kg",
    previous: str | Path | None = None,
    toc_pages: bool = False,
) -> dict[str, bytes]:
    """File name -> bytes of every report, chart and table (nothing written).

    ``unit``: the CFP's unit, ``kg`` (kg CO2e, 2 decimals) or ``t`` (t CO2e).
    ``previous``: the results table of the previous declaration, for the EPD update check.
    ``toc_pages``: fill the docx table of contents' page numbers from LibreOffice's layout
    (:mod:`bw_alu.report.tocpages`; needs soffice and pdftotext, checked first).
    """
    kinds = _check(kinds, KINDS, "kind")
    langs = _check(langs, i18n.LANGS, "language")
    formats = _check(formats, FORMATS + EXTRA_FORMATS, "format")
    (unit,) = _check((unit,), UNITS, "unit")
    if toc_pages and "docx" in formats:
        from .tocpages import check_tools

        check_tools()
    changes: list[Change] | None = None
    if previous is not None:
        changes = compare(read_previous(previous, result.product_id), result)
    files: dict[str, bytes] = {}
    fig = cfp_figures(result, unit=unit) if "cfp" in kinds else None
    for lang in langs:
        chart_blocks = _charts(result, fig, lang)
        for c in chart_blocks.values():
            files[c.png_name] = c.png
            files[c.svg_name] = c.svg
        for kind in kinds:
            doc = build_document(
                result, kind, lang, fig if kind == "cfp" else None, chart_blocks, changes
            )
            for fmt in formats:
                if fmt in RENDERERS:
                    files[f"{doc.stem}.{fmt}"] = RENDERERS[fmt](doc)
            if toc_pages and "docx" in formats:
                from .tocpages import pdf_pages, section_pages
                from .writers.docx import render as render_docx

                titles = [s.title for s in doc.sections]
                pages = section_pages(pdf_pages(files[f"{doc.stem}.docx"]), titles)
                files[f"{doc.stem}.docx"] = render_docx(doc, toc_pages=pages)
    if "csv" in formats:
        import io

        from ..results import write_csv

        buf = io.StringIO()
        write_csv(result.table, buf)
        files[f"{result.product_id}_results.csv"] = buf.getvalue().encode("utf-8")
    return files


def write_reports(
    result: ProductResult,
    output_dir: Path,
    *,
    kinds: Iterable[str] = KINDS,
    langs: Iterable[str] = i18n.LANGS,
    formats: Iterable[str] = FORMATS,
    unit: str = "kg",
    previous: str | Path | None = None,
    toc_pages: bool = False,
) -> list[Path]:
    """Write the reports of ``result`` into ``output_dir`` (created); return the paths.

    Everything is rendered in memory first, so an error leaves the directory untouched.
    ``unit`` and ``previous`` as for :func:`render_reports`.
    """
    files = render_reports(
        result,
        kinds=kinds,
        langs=langs,
        formats=formats,
        unit=unit,
        previous=previous,
        toc_pages=toc_pages,
    )
    output_dir = Path(output_dir)
    paths = []
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name in files:  # refuse a symlink, FIFO, ... before writing anything
            check_target(output_dir / name)
        for name in sorted(files):
            path = output_dir / name
            write_atomic(path, files[name])
            paths.append(path)
    except OSError as exc:
        raise ReportOutputError(
            f"cannot write reports to {output_dir}: {exc.strerror or exc}"
        ) from exc
    return paths
