"""What every interactive app of the book shares.

An app *holds* its figure and calls pure model functions; it never changes the
model's parameters in place. Each app:

* builds its controls once, each labelled with its unit and knowing its
  default (a reset button restores all defaults; a slider whose value differs
  from its default shows a coloured handle);
* keeps one figure whose artists are updated in place and shown as a PNG
  ``<img>`` with alt text inside an ``ipywidgets.HTML`` — the same element in
  the static book (from saved widget state), in Jupyter and in Voilà;
* catches :class:`nakmodel.ParameterError` and shows it as a friendly message
  instead of a traceback.

Rendering mode (:func:`display_mode`): ``"static"`` while the book is built
(the book's Sphinx extension sets ``NAKMODEL_DISPLAY=static`` for the kernels
it starts) and ``"live"`` otherwise. In static mode the app adds a note that
the page is a snapshot and how to make it live.
"""

from __future__ import annotations

import base64
import html
import math
import os
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

import ipywidgets as W
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from .._validation import ParameterError
from ..plots.style import render_png

__all__ = ["App", "Control", "FigureView", "display_mode"]

#: Handle colour of a slider moved away from its default (Okabe-Ito orange).
CHANGED_HANDLE_COLOR = "#E69F00"
_DESCRIPTION_STYLE = {"description_width": "13em"}
_CONTROL_LAYOUT = {"width": "30em"}


def display_mode() -> str:
    """``"static"`` during the book build, ``"live"`` in Jupyter/Voilà.

    The environment variable ``NAKMODEL_DISPLAY`` (``static``/``live``)
    decides; the book's Sphinx extension (``_ext/nakbook.py``) sets it to
    ``static`` for the kernels that execute the chapters.
    """
    mode = os.environ.get("NAKMODEL_DISPLAY", "live").strip().lower()
    return "static" if mode == "static" else "live"


@dataclass(frozen=True)
class Control:
    """Specification of one numeric control: label, unit and range.

    Attributes
    ----------
    name : str
        Keyword the app uses for this value.
    label : str
        What the reader sees, without the unit.
    unit : str
        Unit shown in brackets after the label ("" for none).
    default, minimum, maximum, step : float
        Slider values, in ``unit``.
    log : bool
        Use a logarithmic slider (``default``/``minimum``/``maximum`` still in ``unit``).
    readout_format : str
        Python format spec for the value shown beside the slider.
    """

    name: str
    label: str
    unit: str
    default: float
    minimum: float
    maximum: float
    step: float
    log: bool = False
    readout_format: str = ".1f"

    def make_widget(self, continuous_update: bool):
        desc = f"{self.label} ({self.unit})" if self.unit else self.label
        common = dict(
            description=desc,
            style=dict(_DESCRIPTION_STYLE),
            layout=W.Layout(**_CONTROL_LAYOUT),
            continuous_update=continuous_update,
            readout_format=self.readout_format,
        )
        if self.log:
            import math

            return W.FloatLogSlider(
                value=self.default,
                base=10,
                min=math.log10(self.minimum),
                max=math.log10(self.maximum),
                step=self.step,
                **common,
            )
        return W.FloatSlider(value=self.default, min=self.minimum, max=self.maximum, step=self.step, **common)


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


def selector_options(widget) -> tuple:
    """The values a choice widget accepts (``(False, True)`` for a checkbox)."""
    if isinstance(widget, (W.Checkbox, W.ToggleButton)):
        return (False, True)
    vals = getattr(widget, "_options_values", None)
    if vals is None:
        vals = tuple(o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in widget.options)
    return tuple(vals)


_CHOICE_TYPES = (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.Select, W.Checkbox, W.ToggleButton)


def _choice_widgets(widgets) -> list:
    """The menus, toggle buttons and check boxes among ``widgets`` (boxes searched too)."""
    found = []
    for w in widgets:
        if isinstance(w, _CHOICE_TYPES):
            found.append(w)
        elif isinstance(w, W.Box):
            found += _choice_widgets(w.children)
    return found


def _in_voila() -> bool:
    """True in a kernel Voilà started for a page (or preheated for one)."""
    return "VOILA_SERVER_URL" in os.environ or "VOILA_PREHEAT" in os.environ


def _freeze_garbage_collector() -> None:
    """Move every object alive now out of the garbage collector's way.

    A full collection in a kernel holding numpy, scipy, matplotlib and a
    figure scans ~170 000 objects and pauses 60–90 ms, now and then in the
    middle of a slider update. A Voilà kernel serves one page and its
    objects live as long as the kernel, so after the app is built they are
    frozen (:func:`gc.freeze`); later collections scan only new objects
    (pauses under ~15 ms). Not done in Jupyter, where re-running a cell
    should let old apps be collected.
    """
    import gc

    gc.collect()
    gc.freeze()


_PREHEAT_QUERY: list = []  # query string of this kernel's request, once known (preheated Voilà)


def _query_string() -> str:
    """The Voilà page's URL query string, "" outside Voilà.

    Voilà puts it in ``QUERY_STRING`` for a kernel started for the request;
    a preheated kernel (``VOILA_PREHEAT=True``) was started before any request,
    so :func:`voila.utils.get_query_string` waits here until the request
    arrives (everything before this point was computed ahead of time).
    """
    if os.environ.get("VOILA_PREHEAT") == "True" and os.environ.get("VOILA_KERNEL_ID"):
        if not _PREHEAT_QUERY:
            try:
                from voila.utils import get_query_string

                _PREHEAT_QUERY.append(get_query_string() or "")
            except Exception:  # noqa: BLE001 - never break the app over a link
                _PREHEAT_QUERY.append("")
        return _PREHEAT_QUERY[0]
    return os.environ.get("QUERY_STRING", "")


class App:
    """Base class of the book's interactive apps.

    Subclasses set :attr:`title`, :attr:`controls` (a tuple of
    :class:`Control`), optionally :attr:`extra_widgets`, and implement
    :meth:`make_figure` (build the plot object once, return it) and
    :meth:`compute_and_draw` (run the model for ``values`` and update the
    artists in place, returning ``(alt_text, readout_html)``).

    Use in a notebook: ``SomeApp()`` as the last expression of a cell.
    """

    title: str = ""
    controls: tuple = ()
    continuous_update: bool = False
    #: Named teacher scenarios: ``{"ouabain-10uM": {"control_name": value, ...}}``.
    #: In Voilà a link ``...ipynb?scenario=<name>`` (or ``?<control>=<value>``)
    #: opens the app at that state (see :meth:`apply_url_parameters`). A key
    #: names a slider (:attr:`controls`) or a *selector* of the app: an
    #: attribute holding a choice widget (``Dropdown``, ``ToggleButtons``,
    #: ``Checkbox``), e.g. ``"cause": "anoxia"``; its value must be one of the
    #: selector's option values. Names are kebab-case (URL-safe).
    scenarios: dict = {}
    #: One line per scenario for teachers, ``{name: "what students see"}``
    #: (listed in ``docs/classroom.md``; not used by :meth:`apply_url_parameters`).
    scenario_notes: dict = {}

    def __init__(self, **initial_values):
        self.mode = display_mode()
        self.sliders = {c.name: c.make_widget(self.continuous_update) for c in self.controls}
        self._defaults = {c.name: c.default for c in self.controls}
        self._suspend = False
        self._selector_defaults = {}  # selectors a scenario changed -> value before (restored by reset)
        self.n_updates = 0
        self.last_update_s = 0.0
        self.plot = self.make_figure()
        self.view = FigureView(self.plot.fig)
        self.readout = W.HTML()
        self.readout.add_class("nak-readout")
        self.message = W.HTML()
        self.message.add_class("nak-message")
        self.reset_button = W.Button(
            description="Reset", icon="undo", tooltip="Set every control back to its default value",
            layout=W.Layout(width="8em"),
        )
        self.reset_button.on_click(lambda _b: self.reset())
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        if initial_values:
            self.set_values(**initial_values, _update=False)
        self.update()
        self._choice_defaults = [(w, w.value) for w in _choice_widgets(self.extra_controls())]
        if self.mode == "live":
            # warm-up: a second identical update lets the figure's canvas learn which
            # artists change and cache the rest, so the reader's first move is fast
            self.update()
            self.apply_url_parameters(_query_string())
        self.widget = self._layout()
        if self.mode == "live" and _in_voila():
            _freeze_garbage_collector()

    # ----- to be provided by subclasses -------------------------------------------------
    def make_figure(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def compute_and_draw(self, values: dict):  # pragma: no cover - abstract
        raise NotImplementedError

    def extra_controls(self):
        """Widgets shown under the sliders (buttons, dropdowns); none by default."""
        return []

    # ----- behaviour ---------------------------------------------------------------------
    @property
    def values(self) -> dict:
        """Current control values keyed by control name (in the controls' units)."""
        return {name: s.value for name, s in self.sliders.items()}

    def set_values(self, _update: bool = True, **values) -> None:
        """Set several controls at once and update the figure once.

        Unknown names raise :class:`ParameterError`; values are clipped by
        the sliders to their ranges.
        """
        for name in values:
            if name not in self.sliders:
                raise ParameterError("control", name, "", "must be one of " + ", ".join(self.sliders))
        self._suspend = True
        try:
            for name, v in values.items():
                self.sliders[name].value = v
        finally:
            self._suspend = False
        if _update:
            self.update()

    def apply_url_parameters(self, query: str | None) -> dict:
        """Apply a page's URL parameters (teacher links) to the controls.

        ``scenario=<name>`` applies :attr:`scenarios` ``[name]`` (sliders and
        selectors); then every parameter named like a slider (``na_in=30``)
        sets it. Parameters naming no control of this app are ignored (another
        app on the page may use them), and so is a scenario that another app
        of the same chapter module defines. Bad values never raise: they are
        listed in the app's message area and the rest is applied. Returns the
        values applied (sliders and selectors).
        """
        params = {k: v[-1] for k, v in parse_qs(query or "", keep_blank_values=True).items()}
        values, choices, problems, notes = {}, {}, [], []
        name = params.get("scenario")
        if name is not None and self.scenarios:
            if name in self.scenarios:
                for k, v in self.scenarios[name].items():
                    if k in self.sliders:
                        values[k] = v
                    elif self.scenario_selector(k) is not None and v in selector_options(self.scenario_selector(k)):
                        choices[k] = v
                    else:
                        problems.append(f"scenario setting {html.escape(k)}={html.escape(repr(v))}")
                notes.append(f"scenario “{html.escape(name)}”")
            elif name not in self._sibling_scenarios():
                problems.append(
                    f"unknown scenario “{html.escape(name)}” (known: {html.escape(', '.join(self.scenarios))})"
                )
        for key, raw in params.items():
            if key not in self.sliders:
                continue
            control = next(c for c in self.controls if c.name == key)
            try:
                v = float(raw)
                if not math.isfinite(v) or not control.minimum <= v <= control.maximum:
                    raise ValueError
            except ValueError:
                problems.append(
                    f"{html.escape(key)}={html.escape(raw)} is not a number between {control.minimum:g} "
                    f"and {control.maximum:g} {html.escape(control.unit)}"
                )
                continue
            values[key] = v
        if choices:
            self._set_selectors(choices)
        if values or choices:
            self.set_values(**values)
        msgs = []
        if values or choices:
            which = f" ({notes[0]})" if notes else ""
            msgs.append(f"<div style='color:#555'>Opened with the settings from the link{which}; "
                        "<b>Reset</b> restores the defaults.</div>")
        if problems:
            msgs.append("<div role='alert' style='color:#a33;'>Some link settings were not used: "
                        + "; ".join(problems) + ".</div>")
        self._link_notice = "".join(msgs)  # kept (update() re-shows it) until Reset
        if msgs and not self.message.value:
            self.message.value = self._link_notice
        return {**choices, **values}

    def scenario_selector(self, key: str):
        """The choice widget a scenario key names (``None`` if ``key`` is a slider or no selector)."""
        if key in self.sliders or key.startswith("_"):
            return None
        w = getattr(self, key, None)
        return w if isinstance(w, (W.Checkbox, W.ToggleButton)) or (
            isinstance(w, W.ValueWidget) and hasattr(w, "options")) else None

    def _set_selectors(self, choices: dict, remember: bool = True) -> None:
        """Set selectors (no redraw by suspend-aware observers); with ``remember``, keep their
        earlier values so :meth:`reset` restores them."""
        self._suspend = True
        try:
            for k, v in choices.items():
                w = self.scenario_selector(k)
                if remember:
                    self._selector_defaults.setdefault(k, w.value)
                w.value = v
        finally:
            self._suspend = False

    def _sibling_scenarios(self) -> set:
        """Scenario names of the other apps defined in this app's module (the same chapter page)."""
        names, stack = set(), list(App.__subclasses__())
        while stack:
            cls = stack.pop()
            stack.extend(cls.__subclasses__())
            if cls.__module__ == type(self).__module__ and not isinstance(self, cls):
                names.update(cls.scenarios)
        return names

    def reset(self) -> None:
        """Restore every control (sliders, menus, buttons, check boxes) to its default; redraw."""
        self._link_notice = ""
        saved, self._selector_defaults = self._selector_defaults, {}
        self._set_selectors(saved, remember=False)
        self._suspend = True
        try:
            for widget, value in self._choice_defaults:
                if widget.value != value:
                    widget.value = value
        finally:
            self._suspend = False
        self.set_values(**self._defaults)

    def _on_change(self, _change) -> None:
        if not self._suspend:
            self.update()

    def _mark_changed_sliders(self) -> None:
        for name, slider in self.sliders.items():
            changed = abs(slider.value - self._defaults[name]) > 1e-12 * max(1.0, abs(self._defaults[name]))
            slider.style.handle_color = CHANGED_HANDLE_COLOR if changed else None

    def update(self) -> None:
        """Re-run the model with the current values and refresh figure and readout."""
        t0 = time.perf_counter()
        self._mark_changed_sliders()
        try:
            alt, readout = self.compute_and_draw(self.values)
        except ParameterError as err:
            self.message.value = (
                '<div role="alert" style="color:#a33;">These settings are outside what the model '
                f"accepts: {html.escape(str(err))}</div>"
            )
            return
        self.message.value = getattr(self, "_link_notice", "")
        self.readout.value = readout
        self.view.refresh(alt)
        self.n_updates += 1
        self.last_update_s = time.perf_counter() - t0

    def _fit_descriptions(self, controls) -> None:
        """Give every control's label room for its full text (with unit), the same for all.

        ipywidgets cuts a description that is wider than ``description_width``
        with an ellipsis, which would hide the units. Widths are estimated at
        0.55 em per character (the UI font), between 13 and 24 em.
        """
        labelled = [c for c in controls if getattr(c, "description", "") and hasattr(c, "style")
                    and hasattr(c.style, "description_width")]
        if not labelled:
            return
        width_em = min(max(13.0, 0.55 * max(len(c.description) for c in labelled) + 1.0), 24.0)
        for c in labelled:
            c.style.description_width = f"{width_em:.1f}em"
            if isinstance(c, (W.FloatSlider, W.FloatLogSlider, W.IntSlider)):
                c.layout.width = f"{width_em + 17:.1f}em"
            if isinstance(c, W.ToggleButtons):
                c.style.button_width = "auto"  # each button as wide as its label

    def _layout(self):
        parts = []
        if self.title:
            parts.append(W.HTML(f"<h4 style='margin:0.2em 0'>{html.escape(self.title)}</h4>"))
        extra = self.extra_controls()
        self._fit_descriptions(list(self.sliders.values()) + list(extra))
        parts += [
            W.HBox(
                [W.VBox(list(self.sliders.values()) + extra + [self.reset_button]), self.readout],
                layout=W.Layout(flex_flow="row wrap", align_items="flex-start"),
            ),
            self.message,
            self.view.widget,
        ]
        if self.mode == "static":
            parts.append(
                W.HTML(
                    "<p class='nak-static-note' style='font-size:0.9em;color:#555'>This is a snapshot at the "
                    "default settings; the controls do nothing on this static page. To move them, open the "
                    "page live: use the rocket button (Binder) or the “interactive app” link at the top.</p>"
                )
            )
        box = W.VBox(parts, layout=W.Layout(width="100%"))
        box.add_class("nak-app")
        return box

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
