"""Headless fuzzing of an app: every control at min, max and random values.

Used by every app's test module: ``fuzz_app(SomeApp())``. It checks that each
update runs without raising, that no error message is shown for values inside
the sliders' ranges, that every plotted number is finite, and that moving a
control away from its default changes the figure.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import Collection
from matplotlib.patches import Rectangle
from matplotlib.text import Text


def plotted_numbers(fig) -> np.ndarray:
    """All numeric data drawn in ``fig`` (line data, bar heights, collection offsets)."""
    values = []
    for ax in fig.axes:
        for line in ax.get_lines():
            values.append(np.asarray(line.get_xydata(), dtype=float).ravel())
        for patch in ax.patches:
            if isinstance(patch, Rectangle):
                values.append(np.array([patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()]))
        for coll in ax.collections:
            if isinstance(coll, Collection):
                values.append(np.asarray(coll.get_offsets(), dtype=float).ravel())
        values.append(np.asarray(ax.get_ylim() + ax.get_xlim(), dtype=float))
    return np.concatenate(values) if values else np.array([])


def figure_texts(fig):
    return [t.get_text() for t in fig.findobj(Text)]


def _slider_range(slider):
    if hasattr(slider, "base"):  # FloatLogSlider: min/max are exponents
        return slider.base ** slider.min, slider.base ** slider.max
    return slider.min, slider.max


def fuzz_app(app, n_random: int = 20, seed: int = 0, allow_messages: bool = False):
    """Drive every slider of ``app`` through min, max and random values.

    Menus and buttons stay as the caller set them (fuzz one model, then another).
    Returns the list of (control, value, seconds) for each update.
    """
    rng = np.random.default_rng(seed)
    timings = []
    for name, slider in app.sliders.items():
        lo, hi = _slider_range(slider)
        values = [lo, hi] + list(rng.uniform(lo, hi, n_random))
        for v in values:
            app.set_values(**app._defaults)  # sliders back to defaults; menus stay as the caller set them
            before = app.view.widget.value
            n_before = app.n_updates
            slider.value = v
            if not allow_messages:
                assert app.message.value == "", f"{name}={v}: app showed an error: {app.message.value}"
            if app.message.value == "":
                assert app.n_updates == n_before + (0 if slider.value == app._defaults[name] else 1) or \
                    app.n_updates >= n_before
                data = plotted_numbers(app.plot.fig)
                assert np.all(np.isfinite(data)), f"{name}={v}: non-finite data plotted"
                assert not any("nan" in t.lower() for t in figure_texts(app.plot.fig)), f"{name}={v}: NaN in a label"
                if abs(slider.value - app._defaults[name]) > 1e-9 * max(1, abs(app._defaults[name])):
                    assert app.view.widget.value != before, f"{name}={v}: figure did not change"
            timings.append((name, v, app.last_update_s))
    app.set_values(**app._defaults)
    return timings
