"""The figure of an app: a matplotlib Figure shown as a PNG ``<img>`` with alt text.

The same element shows in the static book (from saved widget state), in
Jupyter and in Voilà: an ``ipywidgets.HTML`` whose value is replaced on every
redraw (the DOM element stays).
"""

from __future__ import annotations

import base64
import html
import time

import ipywidgets as W

__all__ = ["FigureView"]


class FigureView:
    """A matplotlib Figure shown as an ``<img>`` (with alt text) inside an HTML widget."""

    #: Widest the image is shown, CSS pixels (the book's text column).
    MAX_WIDTH_PX = 820
    #: Highest rendering resolution, dots per inch.
    MAX_DPI = 100

    def __init__(self, fig, dpi: float | None = None, width: str = "100%"):
        self.fig = fig
        # no more pixels than are shown: a 10-inch figure is rendered at 82 dpi (820 px),
        # which saves drawing and PNG time; the layout (in points) is the same at any dpi
        self.dpi = dpi if dpi is not None else min(self.MAX_DPI, self.MAX_WIDTH_PX / fig.get_figwidth())
        self._style = f"width:{width};max-width:{self.MAX_WIDTH_PX}px;height:auto"
        self.widget = W.HTML(layout=W.Layout(width="100%"))
        self.widget.add_class("nak-figure")
        self.last_render_s = 0.0

    def refresh(self, alt_text: str) -> None:
        """Render the figure and replace the image (the DOM element stays)."""
        # matplotlib on first draw only: importing this module (every app's base does) stays cheap
        # for the live explorers, whose Voilà kernels draw no PNG
        from matplotlib.layout_engine import PlaceHolderLayoutEngine

        from ..plots.style import render_png

        t0 = time.perf_counter()
        png = base64.b64encode(render_png(self.fig, self.dpi)).decode("ascii")
        if not isinstance(self.fig.get_layout_engine(), (PlaceHolderLayoutEngine, type(None))):
            # constrained layout is solved once (first render); re-solving it on every
            # slider move costs more than drawing. Axes limits may still change.
            self.fig.set_layout_engine("none")
        self.widget.value = (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt_text, quote=True)}" '
            f'role="img" style="{self._style}">'
        )
        self.last_render_s = time.perf_counter() - t0
