"""Headless fuzzing of an app: every slider at min, max and random values.

Used by every app's test module: ``fuzz_app(SomeApp())``. Before each move
the sliders go back to their defaults (menus stay as the caller set them), so
every step compares one move against the same starting picture. Each step checks

* the model re-ran exactly once when the slider really moved (``App.n_updates``),
  and not at all when the value did not change;
* no error message for values inside the sliders' ranges (unless allowed);
* every plotted number is finite and no label shows "nan";
* the displayed data changed: the figure's artists (line data, bar geometry,
  collection offsets and colours, images, axis limits, texts) or the readout
  differ from those at the defaults, and a changed figure was re-rendered — unless the control is declared
  ``inert`` (it must then change nothing at all) or the app snapped the slider
  back to its default (then the picture must be exactly the default one);
* back at the defaults, the app shows the very picture and readout it showed
  at the start (same settings, same display).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.collections import Collection
from matplotlib.patches import Rectangle
from matplotlib.text import Text


def plotted_numbers(fig) -> np.ndarray:
    """All numeric data drawn in ``fig`` (line data, bar geometry, collection offsets, axis limits)."""
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
                if coll.get_array() is not None:  # colour-mapped values (meshes, scatter colours)
                    values.append(np.ma.filled(np.asarray(coll.get_array(), dtype=float), np.nan).ravel())
        for image in ax.images:
            values.append(np.ma.filled(np.asarray(image.get_array(), dtype=float), np.nan).ravel())
        values.append(np.asarray(ax.get_ylim() + ax.get_xlim(), dtype=float))
    return np.concatenate(values) if values else np.array([])


def figure_texts(fig):
    """Visible texts of ``fig`` except tick labels (those follow the axis limits, which
    :func:`plotted_numbers` holds, and are refreshed only when their axes is redrawn)."""
    ticks = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update(map(id, (tick.label1, tick.label2)))
            ticks.add(id(axis.offsetText))
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and id(t) not in ticks]


@dataclass
class Display:
    """What the student sees, taken apart: figure data, figure texts, readout, image."""

    data: np.ndarray
    texts: list
    readout: str
    png: str

    @classmethod
    def of(cls, app) -> Display:
        return cls(plotted_numbers(app.plot.fig), figure_texts(app.plot.fig), app.readout.value,
                   app.view.widget.value)

    def same_figure(self, other) -> bool:
        return (self.data.shape == other.data.shape and np.array_equal(self.data, other.data, equal_nan=True)
                and self.texts == other.texts)


@dataclass
class FuzzReport:
    steps: list = field(default_factory=list)  # (control, value asked, value shown, moved, seconds)

    @property
    def n_moved(self) -> int:
        return sum(1 for s in self.steps if s[3])


def _slider_range(slider):
    if hasattr(slider, "base"):  # FloatLogSlider: min/max are exponents
        return slider.base ** slider.min, slider.base ** slider.max
    return slider.min, slider.max


def fuzz_app(app, n_random: int = 20, seed: int = 0, allow_messages: bool = False, inert=()) -> FuzzReport:
    """Drive every slider of ``app`` through min, max and ``n_random`` random values.

    ``inert``: names of sliders that must not change anything in the present
    state of the app's menus (e.g. a temperature the chosen model ignores).
    """
    rng = np.random.default_rng(seed)
    defaults = {n: v for n, v in app.panel.defaults.items() if n in app.sliders}
    app.set_values(**defaults)
    start = Display.of(app)
    assert app.message.value == "", f"app shows a message at its defaults: {app.message.value}"
    report = FuzzReport()
    for name, slider in app.sliders.items():
        lo, hi = _slider_range(slider)
        for v in [lo, hi, *rng.uniform(lo, hi, n_random)]:
            app.set_values(**defaults)
            at_defaults = Display.of(app)
            if not app.message.value:
                assert at_defaults.same_figure(start) and at_defaults.readout == start.readout, \
                    f"{name}: the defaults no longer show the default picture"
            n_before = app.n_updates
            old = slider.value
            slider.value = v
            moved = app.panel.is_changed(name)
            report.steps.append((name, v, slider.value, moved, app.last_update_s))
            if not allow_messages:
                assert app.message.value == "", f"{name}={v}: app showed an error: {app.message.value}"
            if app.message.value:
                continue
            now = Display.of(app)
            assert np.all(np.isfinite(now.data)), f"{name}={v}: non-finite data plotted"
            assert not any("nan" in t.lower() for t in now.texts), f"{name}={v}: NaN in a label"
            if v == old:
                assert app.n_updates == n_before, f"{name}={v}: model re-ran though nothing changed"
            if name in inert or not moved:
                # nothing that matters changed (an inert control, or the app snapped the slider back)
                assert now.same_figure(at_defaults) and now.readout == at_defaults.readout, \
                    f"{name}={v}: display changed though the effective settings did not"
                continue
            assert app.n_updates == n_before + 1, \
                f"{name}={v}: {app.n_updates - n_before} model runs for one move"
            figure_changed = not now.same_figure(at_defaults)
            assert figure_changed or now.readout != at_defaults.readout, \
                f"{name}={v}: neither the figure's data nor the readout changed"
            if figure_changed:
                assert now.png != at_defaults.png, \
                    f"{name}={v}: figure data changed but the image was not re-rendered"
    app.set_values(**defaults)
    return report
