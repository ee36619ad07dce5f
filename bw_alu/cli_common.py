"""Options and error handling shared by every command (imported by command modules)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from .errors import BwAluError

DEFAULT_PROJECT = "bw-alu"


def _pick_project(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The CLI picks the project: made current here when it exists, so the library's
    entry points (which restore the current project, see ``project.in_project``) need
    not switch to it and back, about 0.2-0.7 s each in bw2data. A project that does not
    exist yet is left to the command (a failed first import leaves none behind)."""
    from .project import activate, project_exists

    try:
        if project_exists(value):
            activate(value)  # may wait for the project's lock (an interrupted write)
    except BwAluError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    return value


def _set_lock_timeout(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
    from .lock import set_timeout

    set_timeout(value)


def project_option(f):
    """``--project``, and ``--lock-timeout`` for how long to wait for another bw-alu
    process writing to it (see :mod:`bw_alu.lock`)."""
    f = click.option(
        "--project",
        default=DEFAULT_PROJECT,
        show_default=True,
        callback=_pick_project,
        help="Brightway project to use (BRIGHTWAY2_DIR is honoured).",
    )(f)
    return click.option(
        "--lock-timeout",
        type=click.FloatRange(min=0),
        default=None,
        expose_value=False,
        is_eager=True,  # before --project, whose opening may wait for the lock
        callback=_set_lock_timeout,
        help="Seconds to wait while another bw-alu process writes to the project "
        "[default: BW_ALU_LOCK_TIMEOUT, else 600].",
    )(f)


def background_options(f):
    """``--background`` (the database inventories link to) and ``--background-factors``
    (a CSV of per-unit impacts to link rows to instead), for ``import`` and ``batch``."""
    f = click.option(
        "--background-factors",
        "factors",
        type=click.Path(path_type=Path),
        default=None,
        help="CSV dataset,unit,indicator,value of per-unit impacts to link rows to.",
    )(f)
    return click.option(
        "--background",
        default="uslci_cn",
        show_default=True,
        help="Background database the inventory links to (bw-alu's open background, "
        "the project's own ecoinvent, or one added with 'bw-alu background add').",
    )(f)


def friendly_errors(f):
    """Turn bw-alu errors into one clear message and exit status 2, never a traceback."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except BwAluError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)

    return wrapper


def write_output(path, text: str) -> None:
    """Write a command's ``--output`` file (see :mod:`bw_alu.output`)."""
    from .output import write_text

    write_text(path, text)
