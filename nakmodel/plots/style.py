"""One visual language for the whole book.

Every ion has one colour (Okabe & Ito 2008 colour-blind-safe palette) and one
line style, so colour is never the only thing that tells ions apart.
"""

from __future__ import annotations

import io
import math

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .shared import ION_COLORS, ION_LABELS, ION_LINESTYLES  # noqa: F401 - re-exported

# No matplotlib.use(): importing this module leaves the user's backend alone. Every figure
# made here gets its Agg canvas explicitly (new_figure attaches one, render_png too when the
# figure has none), so no GUI backend is needed in kernels or builds. The figures are drawn once
# each (the static book's fallback PNG, the reference figures): live figures are drawn by the
# browser (frontend/), so nothing here caches or blits.

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


def nice_ceiling(x: float) -> float:
    """Smallest of 1, 2, 2.5, 5 × 10^k that is >= ``x``; 1 for ``x <= 0``."""
    if not x > 0:
        return 1.0
    k = math.floor(math.log10(x))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10**k >= x * (1 - 1e-12):
            return m * 10**k
    return 10.0 ** (k + 1)


def nice_top(x: float) -> float:
    """``x`` rounded up to a tenth of :func:`nice_ceiling` (11.9 -> 12, 0.41 -> 0.45):
    an axis top that leaves little empty space and still changes only in steps."""
    return ceil_to(x, nice_ceiling(x) / 10) if x > 0 else 1.0


def ceil_to(x: float, step: float) -> float:
    """``x`` rounded up to a multiple of ``step``."""
    return round(math.ceil(x / step - 1e-9) * step, 12)


def floor_to(x: float, step: float) -> float:
    """``x`` rounded down to a multiple of ``step``."""
    return round(math.floor(x / step + 1e-9) * step, 12)


def nice_range(lo: float, hi: float, pad: float = 0.08) -> tuple:
    """Limits around [``lo``, ``hi``] with ``pad`` (fraction of the span) on each side,
    rounded outwards to a fifth of a :func:`nice_ceiling` of the span."""
    span = max(hi - lo, 1e-12)
    step = nice_ceiling(span * (1 + 2 * pad)) / 5
    return floor_to(lo - pad * span, step), ceil_to(hi + pad * span, step)


def decade_limits(lo: float, hi: float) -> tuple:
    """Log-axis limits: ``lo`` and ``hi`` (> 0) widened to whole powers of ten."""
    return 10.0 ** math.floor(math.log10(lo)), 10.0 ** math.ceil(math.log10(hi))


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

    It draws the Agg canvas a single time and encodes with a fast zlib level
    (the static book embeds one PNG per explorer as its no-JavaScript fallback).
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
