"""One writer per format: ``render(document) -> bytes``, no file system access.

The caller (:mod:`bw_alu.report.generate`) writes the bytes atomically.
"""

from __future__ import annotations

from . import docx, html, markdown, xlsx

RENDERERS = {"md": markdown.render, "html": html.render, "xlsx": xlsx.render, "docx": docx.render}
FORMATS = tuple(RENDERERS)
