"""What a ``product_id`` may be: it names a Brightway database, a folder of batch output
and report files, on Linux, macOS and Windows.

At most :data:`MAX_LENGTH` characters of lower-case ASCII letters, digits, ``_`` and
``-``, starting with a letter or digit, and not a name Windows reserves for a device
(``con``, ``nul``, ``com1``, ...; also with a suffix after a dot, which the characters
rule already excludes).
"""

from __future__ import annotations

import re

MAX_LENGTH = 64
_ID = re.compile(r"[a-z0-9][a-z0-9_\-]*")
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def problem(pid: str) -> str | None:
    """Why ``pid`` cannot be a product id, or None when it can."""
    if len(pid) > MAX_LENGTH:
        return (
            f"is {len(pid)} characters long; at most {MAX_LENGTH} (it names a database and files)"
        )
    if not _ID.fullmatch(pid):
        return "use lower-case letters a-z, digits, '_' or '-' (it names a database and files)"
    if pid in WINDOWS_DEVICES:
        return f"{pid!r} is a device name on Windows; choose another id"
    return None
