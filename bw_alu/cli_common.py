"""Options and error handling shared by every command (imported by command modules)."""

from __future__ import annotations

import functools
import sys

import click

from .errors import BwAluError

DEFAULT_PROJECT = "bw-alu"


def project_option(f):
    return click.option(
        "--project",
        default=DEFAULT_PROJECT,
        show_default=True,
        help="Brightway project to use (BRIGHTWAY2_DIR is honoured).",
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
    """Write ``text`` to ``path`` whole or not at all (temporary file, then rename)."""
    import os
    import tempfile
    from pathlib import Path

    from .errors import OutputNotWritable

    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputNotWritable(f"cannot write {path}: {exc.strerror or exc}") from exc
