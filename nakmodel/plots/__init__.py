"""Matplotlib figures for the book: model results in, Figure out.

Nothing here knows about widgets. Figures are created without pyplot
(``matplotlib.figure.Figure`` with an Agg canvas) so that many kernels in a
classroom never accumulate global figure state.
"""

from nakmodel._lazy import lazy_exports

# imported on first use (PEP 562): ``nakmodel.plots.shared`` (colours, labels, grids) is read by the
# live explorers in Voilà kernels, which must not import matplotlib just to reach it
__getattr__, __dir__, __all__ = lazy_exports(__name__, globals(), {
    ".shared": ("ION_COLORS", "ION_LINESTYLES", "ION_LABELS"),
    ".style": ("new_figure", "render_png"),
    ".electrochem": ("EquilibriumPotentialPlot",),
})
