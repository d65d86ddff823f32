"""A report as one self-contained, printable HTML page: no scripts, no external files, styles
inline, the sector chart as inline SVG, an A4 print stylesheet. Every value goes through
:func:`html.escape`, so a name such as ``<script>…`` shows as text."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stakeholders.io.report_document import Document, Table, label
from stakeholders.render import text_cell

STYLE = """
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 2rem auto;
       max-width: 60rem; padding: 0 1.5rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; margin-top: 1.6rem; }
.subtitle { color: #555; margin-top: 0; }
.facts { display: flex; gap: 2rem; margin: 1rem 0; }
.fact strong { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: start; vertical-align: top;
         unicode-bidi: plaintext; overflow-wrap: anywhere; }
th { background: #f0f0f0; }
tr { page-break-inside: avoid; break-inside: avoid; }
.speaker { margin: .6rem 0; page-break-inside: avoid; break-inside: avoid; }
.speaker blockquote { margin: .2rem 0 .2rem 1.2rem; color: #333; unicode-bidi: plaintext;
                      overflow-wrap: anywhere; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  thead { display: table-header-group; }
}
"""

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 22, 6, 160, 420


def render(doc: Document) -> str:
    """The whole page as text."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    if doc.subtitle:
        parts.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    parts.append(_facts(doc.facts))
    if doc.by_sector:
        parts += ["<h2>People who attended, by sector</h2>", bar_chart(doc.by_sector)]
    if doc.speakers:
        parts += ["<h2>Speakers</h2>", *(_speaker(s) for s in doc.speakers)]
    parts += [_table(t) for t in doc.tables]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _facts(facts: Sequence[tuple[str, object]]) -> str:
    cells = "".join(f'<div class="fact"><strong>{escape(text_cell(v))}</strong>'
                    f"{escape(k)}</div>" for k, v in facts)
    return f'<div class="facts">{cells}</div>'


def bar_chart(counts: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, one per sector, longest first, with the count at the end."""
    top = max((n for _, n in counts), default=0) or 1
    height = len(counts) * (BAR_HEIGHT + BAR_GAP)
    width = LABEL_WIDTH + BAR_WIDTH + 50
    bars = []
    for i, (name, n) in enumerate(counts):
        y = i * (BAR_HEIGHT + BAR_GAP)
        length = BAR_WIDTH * n / top
        text_y = y + BAR_HEIGHT * 0.7
        bars.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(name)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="#1565c0"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{text_y:.1f}">{n}</text>'
        )
    return (f'<svg class="chart" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-size="13" role="img" '
            f'aria-label="People who attended, by sector">{"".join(bars)}</svg>')


def _speaker(s) -> str:
    """A speaker with what they said; anyone quoted in another role (a moderator's welcome, a
    question from the floor) is named with it, so the page does not make them a speaker."""
    who = s.get("speaker") or s.get("person", "")
    role = s.get("role")
    said_as = f", {escape(text_cell(role))}" if role and role != "speaker" else ""
    where = ", ".join(text_cell(s[k]) for k in ("organization", "event") if s.get(k))
    said = "".join(f"<blockquote>{escape(text_cell(t))}</blockquote>"
                   for t in s.get("statements", []))
    return (f'<div class="speaker"><strong>{escape(text_cell(who))}</strong>{said_as}'
            + (f" <span>({escape(where)})</span>" if where else "") + said + "</div>")


def _table(t: Table) -> str:
    head = "".join(f"<th>{escape(label(c))}</th>" for c in t.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(text_cell(r.get(c)))}</td>" for c in t.columns)
        + "</tr>"
        for r in t.rows
    )
    return (f"<h2>{escape(t.title)}</h2><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")
