"""Markdown (GitHub tables). Charts are linked as the PNG files beside the report."""

from __future__ import annotations

from ..model import Bullets, Chart, Document, Paragraph, Table


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _table(t: Table, section_title: str = "") -> list[str]:
    numeric = [any(r.cells[k].numeric for r in t.rows) for k in range(len(t.columns))]
    out = [f"### {_esc(t.caption or t.title)}", ""]
    out.append("| " + " | ".join(_esc(c) for c in t.columns) + " |")
    out.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    for r in t.rows:
        texts = [_esc(c.text) for c in r.cells]
        if r.style:
            texts = [f"**{x}**" if x else x for x in texts]
        out.append("| " + " | ".join(texts) + " |")
    out.append("")
    if t.note:
        out += [f"*{_esc(t.note)}*", ""]
    return out


def render(doc: Document) -> bytes:
    lines = [f"# {_esc(doc.title)}", ""]
    if doc.subtitle:
        lines += [_esc(doc.subtitle), ""]
    for s in doc.sections:
        lines += [f"## {_esc(s.title)}", ""]
        for b in s.blocks:
            if isinstance(b, Table):
                lines += _table(b, s.title)
            elif isinstance(b, Paragraph):
                lines += [_esc(b.text), ""]
            elif isinstance(b, Bullets):
                lines += [f"- {_esc(x)}" for x in b.items] + [""]
            elif isinstance(b, Chart):
                lines += [
                    f"![{_esc(b.title)}]({b.png_name})",
                    "",
                    f"*{_esc(b.caption or b.title)}*",
                    "",
                ]
    if doc.footer:
        lines += ["---", "", _esc(doc.footer), ""]
    return "\n".join(lines).encode("utf-8")
