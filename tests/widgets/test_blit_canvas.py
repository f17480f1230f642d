"""The redraw shortcut (BlitCanvas) must show exactly what a full draw shows.

Reference in every test: matplotlib's own full draw of the same figure state
(a plain ``FigureCanvasAgg`` with no artist left out, or BlitCanvas with its
cached backgrounds thrown away). Pixels must be identical.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nakmodel import widgets
from nakmodel.plots.style import BlitCanvas, new_figure
from nakmodel.widgets import App

APPS = [getattr(widgets, n) for n in widgets.__all__]
APPS = [a for a in APPS if isinstance(a, type) and issubclass(a, App) and a is not App]


def pixels(canvas):
    return np.asarray(canvas.buffer_rgba()).copy()


def plain_full_draw(fig):
    """Pixels of a full draw with nothing left out (every animated flag off)."""
    canvas = fig.canvas
    animated = [a for a in fig.findobj() if a.get_animated()]
    for a in animated:
        a.set_animated(False)
    try:
        plain = FigureCanvasAgg(fig)
        plain.draw()
        return pixels(plain)
    finally:
        for a in animated:
            a.set_animated(True)
        fig.set_canvas(canvas)


def draw(fig):
    fig.canvas.draw()
    return pixels(fig.canvas)


def frozen_figure(ncols=2):
    """A two-panel figure after its first draw, layout frozen as FigureView does."""
    fig, axes = new_figure(6, 3, ncols=ncols)
    lines = [ax.plot([0, 1, 2], [0, 1, 0], label="data")[0] for ax in axes]
    for ax in axes:
        ax.set_xlim(-0.5, 2.5)  # data clear of the spines, which are drawn above lines
        ax.set_ylim(-1, 2)
        ax.set_title("panel")
        ax.legend(loc="lower left")  # below the data: nothing drawn over it
    fig.canvas.draw()
    fig.set_layout_engine("none")
    return fig, axes, lines


def test_new_figure_uses_blit_canvas():
    fig, _ax = new_figure()
    assert isinstance(fig.canvas, BlitCanvas)


def test_changed_line_is_blitted_and_matches_full_draw():
    fig, axes, lines = frozen_figure()
    draw(fig)  # full draw with the layout frozen
    lines[0].set_ydata([1, 0, 1])
    draw(fig)  # learns that the line changes: one more full draw
    lines[0].set_ydata([0.5, 1.5, 0.2])
    blits = fig.canvas.n_blits
    shown = draw(fig)
    assert fig.canvas.n_blits == blits + 1
    assert lines[0].get_animated()
    assert np.array_equal(shown, plain_full_draw(fig))


def test_new_limits_in_one_axes_redraw_only_that_axes():
    fig, axes, lines = frozen_figure()
    draw(fig)
    axes[1].set_ylim(-5, 5)
    full, partial = fig.canvas.n_full_draws, fig.canvas.n_axes_redraws
    shown = draw(fig)
    assert (fig.canvas.n_full_draws, fig.canvas.n_axes_redraws) == (full, partial + 1)
    assert np.array_equal(shown, plain_full_draw(fig))


def test_new_tick_labels_change_the_picture():
    fig, axes, _lines = frozen_figure()
    draw(fig)
    axes[0].set_xticks([0, 2], ["start", "end"])
    assert np.array_equal(draw(fig), plain_full_draw(fig))


def test_removed_and_hidden_static_artists_disappear():
    fig, axes, lines = frozen_figure()
    extra = axes[0].axhline(0.5, color="red", lw=4)
    note = axes[1].text(1, 1, "NOTE", fontsize=20)
    draw(fig)
    draw(fig)
    extra.remove()
    note.set_visible(False)
    shown = draw(fig)
    assert np.array_equal(shown, plain_full_draw(fig))
    red = (shown[..., 0] > 200) & (shown[..., 1] < 60) & (shown[..., 2] < 60)
    assert not red.any()


def test_resized_figure_is_drawn_in_full():
    fig, axes, _lines = frozen_figure()
    draw(fig)
    fig.set_size_inches(5, 2.5)
    full = fig.canvas.n_full_draws
    shown = draw(fig)
    assert fig.canvas.n_full_draws == full + 1
    assert shown.shape[:2] == (250, 500)


@pytest.mark.parametrize("cls", APPS, ids=lambda c: c.__name__)
def test_every_app_shows_what_a_full_draw_shows(cls):
    """After random slider moves, the cached drawing equals a fresh full draw."""
    rng = np.random.default_rng(1)
    app = cls()
    names = list(app.sliders)
    canvas = app.plot.fig.canvas
    assert isinstance(canvas, BlitCanvas)
    for i in range(12):
        slider = app.sliders[names[i % len(names)]]
        lo, hi = slider.min, slider.max
        value = rng.uniform(lo, hi)
        slider.value = float(slider.base ** value if hasattr(slider, "base") else value)
        if i % 4 == 3:
            shown = pixels(canvas)
            canvas._backgrounds.clear()  # forget every cached background: full draw
            canvas.draw()
            assert np.array_equal(shown, pixels(canvas)), \
                f"{cls.__name__}: cached drawing differs after move {i}"
    assert canvas.n_blits + canvas.n_axes_redraws > 0, f"{cls.__name__} never used the shortcut"


def test_text_cache_draws_the_same_pixels_as_matplotlib():
    """Rotated, math, bold, small and large text, twice (second time from the caches)."""
    fig, ax = new_figure(5, 3)
    ax.set_title("Title with $E_{\\mathrm{Na}}$ and µ, Ω, ⁺")
    ax.set_ylabel("rotated label (mV)")
    for i, angle in enumerate((0, 15, 45, 90, 180)):
        ax.text(0.1 + 0.15 * i, 0.5, f"text {i} Na⁺/K⁺", rotation=angle, fontsize=6 + 3 * i,
                fontweight="bold" if i % 2 else "normal", transform=ax.transAxes)
    ax.text(0.05, 0.1, "mono 123", family="monospace", transform=ax.transAxes)
    fig.canvas.draw()
    fig.set_layout_engine("none")  # as FigureView does: the layout is solved once
    for _ in range(2):
        fig.canvas.draw()
        assert np.array_equal(pixels(fig.canvas), plain_full_draw(fig))


def test_text_cache_is_active_with_the_pinned_matplotlib():
    """requirements.txt pins matplotlib 3.11 for the cache; an upgrade must revisit it."""
    from nakmodel.plots import style

    fig, _ax = new_figure()
    fig.canvas.draw()
    assert style._TEXT_CACHE
    assert isinstance(fig.canvas.get_renderer(), style._TextCachingRenderer)


def test_back_and_forth_between_cached_limits_then_new_limits():
    """A -> B (one axes redrawn) -> A (cached) -> C: the redraw for C must start from A's
    picture and A's axes extents, not B's."""
    fig, axes, _lines = frozen_figure()
    draw(fig)
    axes[1].set_ylim(-1000, 1000)  # B: wide tick labels on the right panel
    draw(fig)
    axes[1].set_ylim(-1, 2)  # back to A: from the cache
    blits = fig.canvas.n_blits
    draw(fig)
    assert fig.canvas.n_blits == blits + 1
    axes[0].set_ylim(-3, 3)  # C: the left panel changes
    assert np.array_equal(draw(fig), plain_full_draw(fig))
