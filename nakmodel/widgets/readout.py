"""The key numbers beside an app's figure: small HTML tables in one ``aria-live`` region.

A screen reader announces the region when its text changes (``aria-live="polite"``),
so a student who cannot see the figure hears the numbers a control move changed.
Cells are HTML fragments written by the app (``E<sub>K</sub>``, ``<b>…</b>``);
anything that comes from outside (a URL, a user's text) must be escaped by the
caller.

Example::

    readout(table([("E<sub>K</sub>", "−90.0 mV"), ("E<sub>Na</sub>", "+60.0 mV")],
                  title="Equilibrium potentials"),
            note("at 37 °C"))
"""

from __future__ import annotations

__all__ = ["HIGHLIGHT_STYLE", "MUTED_COLOR", "note", "readout", "table"]

#: Grey of secondary text (contrast 7.5:1 on white).
MUTED_COLOR = "#555"
#: Style of a highlighted row (bold on a pale orange; not colour alone).
HIGHLIGHT_STYLE = "font-weight:bold;background:#fdf1dc"


def readout(*blocks: str, font_size: str | None = None) -> str:
    """Join ``blocks`` (tables, notes, lines of text) in one polite live region."""
    size = f";font-size:{font_size}" if font_size else ""
    return f"<div aria-live='polite' style='padding-left:1.5em{size}'>{''.join(blocks)}</div>"


def table(rows, title: str | None = None, header=None, highlight=(), subtitle: str | None = None) -> str:
    """A table of readout rows, optionally under a bold ``title``.

    Parameters
    ----------
    rows : iterable of tuple
        One tuple of cells per row: the label first (left-aligned), then the
        values (right-aligned). A row with a single cell spans the table.
    title : str, optional
        Shown in bold above the table.
    subtitle : str, optional
        Shown after the title, not bold (conditions of the numbers).
    header : tuple, optional
        Column headings (``<th>``).
    highlight : collection of int
        Indices of rows to emphasise (:data:`HIGHLIGHT_STYLE`).
    """
    rows = [tuple(r) for r in rows]
    width = max([len(r) for r in rows] + [len(header) if header else 0, 1])
    out = [f"<b>{title}</b>"] if title else []
    if subtitle:
        out.append(f" {subtitle}")
    out.append("<table>")
    if header:
        out.append("<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>")
    for i, row in enumerate(rows):
        style = f" style='{HIGHLIGHT_STYLE}'" if i in highlight else ""
        if len(row) == 1:
            cells = f"<td colspan={width}>{row[0]}</td>"
        else:
            cells = f"<td>{row[0]}</td>" + "".join(f"<td style='text-align:right'>{c}</td>" for c in row[1:])
        out.append(f"<tr{style}>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def note(text: str) -> str:
    """Secondary text (assumptions, units, conditions) in grey."""
    return f"<span style='color:{MUTED_COLOR}'>{text}</span>"
