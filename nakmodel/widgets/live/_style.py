"""The book's ion colours, line styles and labels, as the front end reads them.

Translates :mod:`nakmodel.plots.shared` (matplotlib names) into what a canvas
needs: CSS colours, dash patterns in CSS pixels, plain-text labels.
"""

from __future__ import annotations

import re

from ...plots.shared import ION_COLORS, ION_LABELS, ION_LINESTYLES

#: matplotlib named line styles -> canvas ``setLineDash`` patterns (CSS px, line width 2).
_DASHES = {"-": [], "solid": [], "--": [7, 4], "dashed": [7, 4], "-.": [7, 3, 2, 3], "dashdot": [7, 3, 2, 3],
           ":": [2, 3], "dotted": [2, 3]}
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def plain_label(mathtext: str) -> str:
    """``"Ca$^{2+}$"`` -> ``"Ca²⁺"``: a matplotlib mathtext label as Unicode text."""
    def sup(m):
        return m.group(1).translate(_SUPERSCRIPT)

    text = re.sub(r"\$\^\{?([0-9+\-]+)\}?\$", sup, mathtext)
    return text.replace("$", "")


def dash_pattern(linestyle: str) -> list:
    """A matplotlib line style (``"--"``, ``"dashed"``, …) as a canvas dash pattern (CSS px)."""
    return list(_DASHES[linestyle])


def ion_style() -> dict:
    """``{ion: {"color", "dash", "label"}}`` for every ion of :mod:`nakmodel.plots.style`."""
    return {
        ion: {"color": ION_COLORS[ion], "dash": dash_pattern(ION_LINESTYLES.get(ion, "-")),
              "label": plain_label(ION_LABELS.get(ion, ion))}
        for ion in ION_COLORS
    }
