"""One visual language for the whole book.

Every ion has one colour (Okabe & Ito 2008 colour-blind-safe palette) and one
line style, so colour is never the only thing that tells ions apart.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg", force=False)  # no GUI backends in kernels or builds
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

#: Okabe-Ito colours, one per species or quantity (same across all chapters).
ION_COLORS = {
    "Na": "#D55E00",  # vermillion
    "K": "#0072B2",  # blue
    "Cl": "#009E73",  # bluish green
    "Ca": "#CC79A7",  # reddish purple
    "glucose": "#E69F00",  # orange
    "ATP": "#56B4E9",  # sky blue
    "Vm": "#000000",  # black
    "pump": "#E69F00",  # orange
}
#: Line styles that carry the same information as the colours.
ION_LINESTYLES = {"Na": "-", "K": "--", "Cl": "-.", "Ca": ":", "glucose": "-", "ATP": ":", "Vm": "-", "pump": "-"}
#: Typeset labels.
ION_LABELS = {"Na": "Na$^+$", "K": "K$^+$", "Cl": "Cl$^-$", "Ca": "Ca$^{2+}$", "glucose": "glucose", "ATP": "ATP"}

_RC = {
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.25,
    "legend.frameon": False,
    "figure.dpi": 100,
}


def new_figure(width_in: float = 8.0, height_in: float = 4.0, **subplots_kw):
    """Return ``(fig, axes)``: a pyplot-free Figure with the book style.

    ``subplots_kw`` goes to :meth:`Figure.subplots` (e.g. ``ncols=2``).
    """
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width_in, height_in), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(**subplots_kw)
    return fig, axes


def styled(func):
    """Decorator: run ``func`` inside the book's rc context (for artist creation)."""

    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(_RC):
            return func(*args, **kwargs)

    wrapper.__doc__ = func.__doc__
    wrapper.__name__ = func.__name__
    return wrapper


def render_png(fig, dpi: float | None = None) -> bytes:
    """Draw ``fig`` once and return PNG bytes.

    This is on every slider's path, so it draws the Agg canvas a single time
    and encodes with a fast zlib level (``savefig`` costs about 1.5x more).
    """
    from PIL import Image

    if dpi is not None and dpi != fig.dpi:
        fig.set_dpi(dpi)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    img = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()
