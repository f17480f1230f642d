"""The base class of the book's interactive apps.

An app *holds* its figure and calls pure model functions; it never changes
the model's parameters in place. Its life has two steps:

1. ``__init__`` (the subclass's and :meth:`App.__init__`) stores state and may
   create the app's own menus and buttons, before or after
   ``super().__init__()``; no overridden method runs here.
2. :meth:`App.build`, called once right after construction (``SomeApp()``
   returns a built app): controls (:class:`~nakmodel.widgets.controls.ControlPanel`,
   one defaults map for sliders and menus), the figure (:meth:`make_figure`,
   shown by a :class:`~nakmodel.widgets.view.FigureView`), the readout, the
   first :meth:`update`, teacher links (:class:`~nakmodel.widgets.links.LinkAdapter`)
   and the layout. A subclass that needs more after building overrides
   :meth:`build` and calls ``super().build()`` first.

:meth:`update` re-runs the model; whatever it raises, the app stays usable:
the student sees a short message (never a traceback), the figure keeps the
last settings that worked, and the error is logged (logger
``nakmodel.widgets``, written to the kernel process's own stderr — the
server's log — and never sent to the page).

Rendering mode (:func:`~nakmodel.widgets.mode.display_mode`): ``"static"``
while the book is built and ``"live"`` otherwise. In static mode the app adds
a note that the page is a snapshot and how to make it live, and ignores links.
"""

from __future__ import annotations

import html
import logging
import sys
import time
from typing import ClassVar

import ipywidgets as W

from .._validation import ModelError, ParameterError
from .controls import ControlPanel, choice_widgets, fit_descriptions
from .gcfreeze import freeze_after_build
from .links import LinkAdapter
from .mode import display_mode
from .registry import register_explorer
from .view import FigureView

__all__ = ["App", "log"]

log = logging.getLogger("nakmodel.widgets")
if not log.handlers:
    # the kernel's sys.stderr is forwarded to the page (iopub); the process's own stderr is the server log
    _handler = logging.StreamHandler(sys.__stderr__)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)

#: Longest error text shown to the student, characters.
MAX_MESSAGE_CHARS = 240
#: What built parts an old-style subclass may touch inside its ``__init__`` (built early, with a warning).
_BUILT_PARTS = frozenset(
    {"panel", "sliders", "plot", "view", "readout", "message", "reset_button", "links", "widget"}
)


class _BuildAfterInit(type):
    """``SomeApp(...)`` constructs, then builds: overridden methods never run inside ``__init__``."""

    def __call__(cls, *args, **kwargs):
        app = super().__call__(*args, **kwargs)
        app.build()
        return app


class App(metaclass=_BuildAfterInit):
    """Base class of the book's interactive apps.

    Subclasses set :attr:`title`, :attr:`controls` (a tuple of
    :class:`~nakmodel.widgets.controls.Control`), optionally return menus and
    buttons from :meth:`extra_controls`, and implement :meth:`make_figure`
    (build the plot object once, return it) and :meth:`compute_and_draw` (run
    the model for ``values`` and update the artists in place, returning
    ``(alt_text, readout_html)``; see :mod:`nakmodel.widgets.readout`).

    Use in a notebook: ``SomeApp()`` as the last expression of a cell.
    """

    title: str = ""
    controls: tuple = ()
    continuous_update: bool = False
    #: Named teacher scenarios: ``{"ouabain-10uM": {"control_name": value, ...}}``.
    #: In Voilà a link ``...ipynb?scenario=<name>`` (or ``?<control>=<value>``)
    #: opens the app at that state (see :class:`~nakmodel.widgets.links.LinkAdapter`).
    #: A key names a slider (:attr:`controls`) or a menu of the app by the
    #: attribute holding it (``Dropdown``, ``ToggleButtons``, ``Checkbox``),
    #: e.g. ``"cause": "anoxia"``; its value must be one of the menu's option
    #: values. Names are kebab-case (URL-safe).
    scenarios: ClassVar[dict] = {}
    #: One line per scenario for teachers, ``{name: "what students see"}``
    #: (listed in ``docs/classroom.md``).
    scenario_notes: ClassVar[dict] = {}

    def __init__(self, **initial_values):
        self.mode = display_mode()
        self.initial_values = dict(initial_values)
        self.n_updates = 0
        self.n_failures = 0
        self.last_update_s = 0.0
        #: The exception of the latest update if it failed, else ``None``.
        self.last_error: Exception | None = None
        self._building = False
        self._built = False
        register_explorer(type(self).__name__, self)  # for the chapter's questions (widgets/registry.py)

    # ----- to be provided by subclasses -------------------------------------------------
    def make_figure(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def compute_and_draw(self, values: dict):  # pragma: no cover - abstract
        raise NotImplementedError

    def extra_controls(self):
        """Widgets shown under the sliders (buttons, menus); none by default."""
        return []

    # ----- build step --------------------------------------------------------------------
    def build(self) -> None:
        """Create controls, figure, readout and layout; draw once; apply a teacher link.

        Called once after construction (again: no effect).
        """
        if self._built or self._building:
            return
        self._building = True
        self.panel = ControlPanel(self.controls, self.continuous_update)
        self.sliders = self.panel.sliders
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
        extra = list(self.extra_controls())
        for i, w in enumerate(choice_widgets(extra)):
            self.panel.add_choice(self._attribute_name(w) or f"_menu{i}", w)
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.links = LinkAdapter(self.panel, self.scenarios, self._sibling_scenarios(),
                                 apply_values=lambda values: self.set_values(**values),
                                 show_notice=self._show_notice)
        if self.initial_values:
            self.set_values(**self.initial_values, _update=False)
        self.update()
        page_only = []
        if self.mode == "live":
            # warm-up: a second identical update lets the figure's canvas learn which
            # artists change and cache the rest, so the reader's first move is fast
            self.update()
            page_only = self.links.start()
        self.widget = self._layout(extra, page_only)
        self._built, self._building = True, False
        if self.mode == "live":
            freeze_after_build()

    def __getattr__(self, name):
        # only reached for missing attributes: an older subclass touching built parts in its __init__
        if name in _BUILT_PARTS and not self.__dict__.get("_built") and not self.__dict__.get("_building") \
                and "mode" in self.__dict__:
            log.warning("%s.%s used inside __init__: built early; override build() instead",
                        type(self).__name__, name)
            self.build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!s} object has no attribute {name!r}")

    def _attribute_name(self, widget) -> str | None:
        for key, value in vars(self).items():
            if value is widget and not key.startswith("_"):
                return key
        return None

    @classmethod
    def _sibling_scenarios(cls) -> set:
        """Scenario names of the other apps defined in this app's module (the same chapter page)."""
        names, stack = set(), list(App.__subclasses__())
        while stack:
            other = stack.pop()
            stack.extend(other.__subclasses__())
            if other.__module__ == cls.__module__ and not issubclass(cls, other):
                names.update(other.scenarios)
        return names

    # ----- behaviour ---------------------------------------------------------------------
    @property
    def values(self) -> dict:
        """Current slider values keyed by control name (in the controls' units)."""
        return self.panel.values

    def set_values(self, _update: bool = True, **values) -> None:
        """Set several controls (sliders by name, menus by attribute name) and redraw once.

        Unknown names and menu values that are not options raise
        :class:`ParameterError`; sliders clip values to their ranges.
        """
        self.panel.set(values)
        if _update:
            self.update()

    def apply_url_parameters(self, query: str | None) -> dict:
        """Apply a page's URL query (``scenario=…``, ``<control>=…``); see
        :meth:`nakmodel.widgets.links.LinkAdapter.apply`. Returns the values applied."""
        return self.links.apply(query)

    def scenario_selector(self, key: str):
        """The menu a scenario key names (``None`` if ``key`` is a slider or names no menu)."""
        return self.links.control_selector(key)

    def reset(self) -> None:
        """Restore every control (sliders, menus, buttons, check boxes) to its default; redraw once."""
        self.links.clear()
        self.panel.reset()
        self.update()

    def _on_change(self, change) -> None:
        if self.panel.suspended:
            return
        name = next((n for n, s in self.sliders.items() if s is change["owner"]), None)
        if name is not None and self.links.late_echo(name, change["old"], change["new"]):
            with self.panel.quiet():
                change["owner"].value = change["old"]  # keep the link's value (and show it again)
            return
        self.update()

    def _show_notice(self, notice: str) -> None:
        if self.last_error is None:
            self.message.value = notice

    def update(self) -> None:
        """Re-run the model with the current values and refresh figure and readout.

        Never raises (except ``KeyboardInterrupt``/``SystemExit``): a failed run
        leaves the figure and readout at the last settings that worked and
        shows a short message; the error is logged.
        """
        t0 = time.perf_counter()
        self.panel.mark_changed()
        try:
            alt, readout = self.compute_and_draw(self.values)
            self.view.refresh(alt)
        except Exception as err:  # noqa: BLE001 - any failure must leave the app usable
            self._failed(err)
            return
        self.last_error = None
        self.message.value = self.links.notice
        self.readout.value = readout
        self.n_updates += 1
        self.last_update_s = time.perf_counter() - t0

    def _failed(self, err: Exception) -> None:
        self.last_error = err
        self.n_failures += 1
        settings = ", ".join(f"{k}={v:.6g}" for k, v in self.values.items())
        if isinstance(err, ParameterError):
            log.info("%s: settings refused (%s): %s", type(self).__name__, settings, err)
            text = f"These settings are outside what the model accepts: {_short(err)}"
        elif isinstance(err, ModelError):
            log.warning("%s: model failed (%s): %s", type(self).__name__, settings, err)
            text = (f"The model could not be computed for these settings ({_short(err, clause=True)}). "
                    "The figure still shows the last settings that worked: move a control a little, "
                    "or press Reset.")
        else:
            log.error("%s: update failed (%s)", type(self).__name__, settings, exc_info=err)
            text = ("Something went wrong while computing these settings. The figure still shows the last "
                    "settings that worked: move a control a little, or press Reset.")
        self.message.value = f'<div role="alert" style="color:#a33;">{html.escape(text)}</div>'

    # ----- layout ------------------------------------------------------------------------
    def _layout(self, extra, page_only=()):
        parts = []
        if self.title:
            parts.append(W.HTML(f"<h4 style='margin:0.2em 0'>{html.escape(self.title)}</h4>"))
        fit_descriptions(list(self.sliders.values()) + list(extra))
        parts += [
            W.HBox(
                [W.VBox(list(self.sliders.values()) + list(extra) + [self.reset_button]), self.readout],
                layout=W.Layout(flex_flow="row wrap", align_items="flex-start"),
            ),
            self.message,
            self.view.widget,
            *page_only,
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


def _short(err: Exception, clause: bool = False) -> str:
    """The error's text on one line, cut to :data:`MAX_MESSAGE_CHARS`; with ``clause``, only what
    precedes its first colon (the reason, without the numbers a developer needs)."""
    text = " ".join(str(err).split()) or type(err).__name__
    if clause and ":" in text:
        text = text.split(":", 1)[0].strip() or text
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"
