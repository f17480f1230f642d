"""Matplotlib figures for the book: model results in, Figure out.

Nothing here knows about widgets. Figures are created without pyplot
(``matplotlib.figure.Figure`` with an Agg canvas) so that many kernels in a
classroom never accumulate global figure state.
"""

from .electrochem import EquilibriumPotentialPlot
from .style import ION_COLORS, ION_LABELS, ION_LINESTYLES, new_figure, render_png

__all__ = [
    "ION_COLORS",
    "ION_LINESTYLES",
    "ION_LABELS",
    "new_figure",
    "render_png",
    "EquilibriumPotentialPlot",
]
