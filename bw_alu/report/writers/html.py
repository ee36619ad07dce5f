"""A self-contained html page: inline CSS, charts embedded as SVG data URIs.

Printable: the print CSS sets A4 pages with page numbers, a cover page, repeats table
headers on every page, keeps rows and captions with their tables, and never wraps a
number. Tables and figures carry the same numbers as in the docx ("表 3").
"""

from __future__ import annotations

import base64
from html import escape

from ..fonts import CSS_STACK
from ..model import Bullets, Chart, Document, Paragraph, Table

CSS = f"""
body {{ font-family: {CSS_STACK}; margin: 2em auto; max-width: 1200px; color: #222;
       line-height: 1.45; padding: 0 1em; }}
h1 {{ font-size: 1.6em; border-bottom: 2px solid #1f6f8b; padding-bottom: .2em; }}
h2 {{ font-size: 1.25em; color: #1f6f8b; margin-top: 1.8em; }}
h3 {{ font-size: 1.05em; margin-top: 1.2em; }}
table {{ border-collapse: collapse; margin: .5em 0 1em; font-size: .88em; }}
th, td {{ border: 1px solid #b8c4cc; padding: .25em .5em; vertical-align: top; min-width: 4em; }}
th {{ background: #e8eff3; text-align: left; }}
td.num {{ min-width: 0; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
tr.subtotal td {{ font-weight: bold; background: #f5f7f8; }}
tr.total td {{ font-weight: bold; background: #e8eff3; border-top: 2px solid #1f6f8b; }}
p.note {{ font-size: .85em; color: #555; font-style: italic; }}
figure {{ margin: 1em 0; }}
figure img {{ max-width: 100%; height: auto; }}
footer {{ margin-top: 3em; font-size: .8em; color: #777; }}
caption {{ caption-side: top; text-align: left; font-weight: bold; padding: .3em 0; }}
figcaption {{ text-align: center; font-weight: bold; font-size: .9em; }}
.cover {{ text-align: center; padding: 4em 0 3em; }}
.cover h1 {{ border: none; font-size: 2em; }}
.cover table {{ margin: 2em auto; font-size: 1em; }}
.cover td {{ border: none; text-align: left; }}
nav.toc ol {{ list-style: none; padding-left: 0; }}
@page {{ size: A4; margin: 18mm 15mm 20mm;
         @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 9pt; }} }}
@media print {{
  body {{ max-width: none; margin: 0; padding: 0; font-size: 10pt; }}
  .cover, nav.toc {{ break-after: page; }}
  thead {{ display: table-header-group; }}
  tr {{ break-inside: avoid; }}
  caption, h2, h3 {{ break-after: avoid; }}
  figure {{ break-inside: avoid; }}
  table {{ font-size: 8.5pt; }}
}}
"""


def _table(t: Table, section_title: str = "") -> list[str]:
    out = [f'<table id="{escape(t.key)}">']
    out.append(f"<caption>{escape(t.caption or t.title)}</caption>")
    out.append(
        "<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in t.columns) + "</tr></thead>"
    )
    out.append("<tbody>")
    for r in t.rows:
        cls = f' class="{r.style}"' if r.style else ""
        tds = "".join(
            f'<td class="num">{escape(c.text)}</td>' if c.numeric else f"<td>{escape(c.text)}</td>"
            for c in r.cells
        )
        out.append(f"<tr{cls}>{tds}</tr>")
    out.append("</tbody></table>")
    if t.note:
        out.append(f'<p class="note">{escape(t.note)}</p>')
    return out


def _chart(c: Chart) -> list[str]:
    data = base64.b64encode(c.svg).decode("ascii")
    return [
        "<figure>",
        f'<img alt="{escape(c.title)}" src="data:image/svg+xml;base64,{data}">',
        f"<figcaption>{escape(c.caption or c.title)}</figcaption>",
        "</figure>",
    ]


def render(doc: Document) -> bytes:
    lang = "zh-CN" if doc.lang == "zh" else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="cover">',
        f"<h1>{escape(doc.title)}</h1>",
    ]
    if doc.subtitle:
        out.append(f"<p>{escape(doc.subtitle)}</p>")
    if doc.cover:
        out.append("<table>")
        out += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in doc.cover]
        out.append("</table>")
    out.append("</header>")
    out.append(f'<nav class="toc"><h2>{escape(doc.words.get("toc", "Contents"))}</h2><ol>')
    out += [f'<li><a href="#sec-{escape(s.key)}">{escape(s.title)}</a></li>' for s in doc.sections]
    out.append("</ol></nav>")
    for s in doc.sections:
        out.append(f'<section id="sec-{escape(s.key)}">')
        out.append(f"<h2>{escape(s.title)}</h2>")
        for b in s.blocks:
            if isinstance(b, Table):
                out += _table(b, s.title)
            elif isinstance(b, Paragraph):
                out.append(f"<p>{escape(b.text)}</p>")
            elif isinstance(b, Bullets):
                out.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in b.items) + "</ul>")
            elif isinstance(b, Chart):
                out += _chart(b)
        out.append("</section>")
    if doc.footer:
        out.append(f"<footer>{escape(doc.footer)}</footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")
