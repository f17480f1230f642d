"""Teacher links: ``…/chapter.ipynb?scenario=<name>`` or ``?<control>=<value>`` open an app at that state.

Where the query string comes from (nothing here ever waits for it):

* a Voilà kernel started *for* a page has it in ``QUERY_STRING``; it is
  applied while the app is built;
* a kernel of Voilà's preheated pool was started before any request, so the
  page itself reports it: :class:`LocationReport`, a tiny anywidget without
  any visible content, sends ``window.location.search`` to the kernel once
  its view is rendered, and the app then applies it. The notebook's cells
  never block, so a pooled kernel that waited hours for its student still
  serves its app (Voilà's ``VoilaExecutor.timeout`` counts only running cells).

The report is accepted once per app (the page's address does not change) and
handled like any other control move: values are checked against the
controls' ranges and options, bad ones are listed in the app's message. It
gives a page no power beyond moving the app's own controls.

In the static book the anywidget is never created (the book's widget manager
cannot load it); outside Voilà (Jupyter, Binder's lab) neither.
"""

from __future__ import annotations

import functools
import html
import math
import os
import time
from urllib.parse import parse_qs

from .controls import option_values
from .mode import in_voila, preheated

__all__ = ["MAX_QUERY_CHARS", "LinkAdapter", "LocationReport", "request_query"]

#: Longest query string considered; longer reports are ignored (a teacher link is short).
MAX_QUERY_CHARS = 2000

_ESM = """
function report(model) {
  if (!model.get("search")) {
    model.set("search", (window.location.search || "?").slice(0, MAX));
    model.save_changes();
  }
}
export default {
  render({ model, el }) {
    el.setAttribute("aria-hidden", "true");
    // report once the app's sliders are drawn: a slider view may send its own value back when it
    // is created, and that must reach the kernel before the link's values do
    let tries = 0;
    const tick = () => {
      const box = el.closest(".nak-app");
      const drawn = box ? box.querySelectorAll(".widget-slider .noUi-handle").length : 0;
      if (drawn >= model.get("sliders") || ++tries > 100) {
        requestAnimationFrame(() => setTimeout(() => report(model), 50));
      } else {
        setTimeout(tick, 50);
      }
    };
    tick();
  }
};
""".replace("MAX", str(MAX_QUERY_CHARS))

#: Seconds after a reported link during which a slider value sent by the page that equals the
#: slider's value before the link is taken for a late echo of its first drawing, not a move.
ECHO_WINDOW_S = 10.0


@functools.lru_cache(maxsize=1)
def _location_report_class():
    import anywidget
    import traitlets

    class LocationReport(anywidget.AnyWidget):
        """Reports the page's ``window.location.search`` (``"?"`` if empty) to the kernel, once."""

        _esm = _ESM
        search = traitlets.Unicode("").tag(sync=True)
        sliders = traitlets.Int(0).tag(sync=True)  # how many slider handles to wait for

    return LocationReport


def LocationReport(**kwargs):
    """A :class:`anywidget.AnyWidget` that sends the page's query string to the kernel."""
    return _location_report_class()(**kwargs)


def request_query() -> str | None:
    """The page's query string if this kernel was started for the request, else ``None``.

    ``None`` in a preheated kernel (no request yet) and outside Voilà.
    """
    if preheated():
        return None
    return os.environ.get("QUERY_STRING")


class LinkAdapter:
    """Applies a page's URL parameters to one app's controls.

    Parameters
    ----------
    panel : nakmodel.widgets.controls.ControlPanel
        The app's controls (sliders by :class:`~nakmodel.widgets.controls.Control`
        name, menus by attribute name).
    scenarios : dict
        ``{name: {control: value}}``, the app's teacher scenarios.
    sibling_scenarios : set
        Scenario names other apps of the same page define (ignored quietly).
    apply_values : callable
        ``apply_values(values)`` sets controls by name and redraws once.
    show_notice : callable
        ``show_notice(html)`` shows the link's notice (called after each apply).
    """

    def __init__(self, panel, scenarios, sibling_scenarios, apply_values, show_notice):
        self.panel = panel
        self.scenarios = scenarios
        self.sibling_scenarios = set(sibling_scenarios)
        self.apply_values = apply_values
        self.show_notice = show_notice
        #: HTML the app shows while no error is shown (kept until :meth:`clear`).
        self.notice = ""
        self.reader = None
        self.applied_query: str | None = None
        self._echo_guard: dict = {}  # slider name -> (value before the link, value the link set)
        self._echo_until = 0.0

    def start(self) -> list:
        """Apply the request's query (if known now); return the widgets the page must show
        for a preheated kernel to learn it later (``[]`` outside Voilà)."""
        query = request_query()
        if query:
            self.apply(query)
        if not in_voila():
            return []
        self.reader = LocationReport(sliders=len(self.panel.sliders))
        self.reader.layout.display = "none"
        self.reader.observe(self._on_report, names="search")
        return [self.reader]

    def _on_report(self, change) -> None:
        query = str(change["new"] or "")
        if self.applied_query is not None or len(query) > MAX_QUERY_CHARS:
            return  # once per page; a link is short
        before = self.panel.values
        applied = self.apply(query.removeprefix("?"))
        self._echo_guard = {k: (before[k], v) for k, v in applied.items() if k in self.panel.sliders}
        self._echo_until = time.monotonic() + ECHO_WINDOW_S

    def late_echo(self, name: str, old, new) -> bool:
        """Whether a page's change of slider ``name`` from ``old`` to ``new`` is the late echo of the
        slider's first drawing (its value before the link, back from the page) rather than a move.

        A slider view may send its value (rounded to its step grid) when it is created; if that
        message reaches the kernel after the link's values, it would undo the link.
        """
        guard = self._echo_guard.pop(name, None)
        if guard is None or time.monotonic() > self._echo_until:
            return False
        before, linked = guard
        tol = 1e-9 * max(1.0, abs(before))
        return abs(old - linked) <= tol and abs(new - before) <= tol

    def clear(self) -> None:
        self.notice = ""

    def control_selector(self, key: str):
        """The menu a link or scenario key names (``None`` for sliders, private names, unknown keys)."""
        if key.startswith("_") or key in self.panel.sliders:
            return None
        return self.panel.choices.get(key)

    def apply(self, query: str | None) -> dict:
        """Apply URL parameters to the controls; return the values applied.

        ``scenario=<name>`` applies :attr:`scenarios` ``[name]`` (sliders and
        menus); then every parameter named like a slider (``na_in=30``) sets
        it. Parameters naming no control of this app are ignored (another app
        on the page may use them), and so is a scenario that another app of
        the same page defines. Bad values never raise: they are listed in the
        notice and the rest is applied.
        """
        self.applied_query = query or ""
        params = {k: v[-1] for k, v in parse_qs(query or "", keep_blank_values=True).items()}
        values, problems, notes = {}, [], []
        name = params.get("scenario")
        if name is not None and self.scenarios:
            if name in self.scenarios:
                for k, v in self.scenarios[name].items():
                    menu = self.control_selector(k)
                    if k in self.panel.sliders or (menu is not None and v in option_values(menu)):
                        values[k] = v
                    else:
                        problems.append(f"scenario setting {html.escape(k)}={html.escape(repr(v))}")
                notes.append(f"scenario “{html.escape(name)}”")
            elif name not in self.sibling_scenarios:
                problems.append(
                    f"unknown scenario “{html.escape(name)}” "
                    f"(known: {html.escape(', '.join(self.scenarios))})"
                )
        for key, raw in params.items():
            spec = self.panel.specs.get(key)
            if spec is None:
                continue
            try:
                v = float(raw)
                if not math.isfinite(v) or not spec.minimum <= v <= spec.maximum:
                    raise ValueError
            except ValueError:
                problems.append(
                    f"{html.escape(key)}={html.escape(raw)} is not a number between {spec.minimum:g} "
                    f"and {spec.maximum:g} {html.escape(spec.unit)}"
                )
                continue
            values[key] = v
        msgs = []
        if values:
            which = f" ({notes[0]})" if notes else ""
            msgs.append(f"<div style='color:#555'>Opened with the settings from the link{which}; "
                        "<b>Reset</b> restores the defaults.</div>")
        if problems:
            msgs.append("<div role='alert' style='color:#a33;'>Some link settings were not used: "
                        + "; ".join(problems) + ".</div>")
        self.notice = "".join(msgs)
        if values:
            self.apply_values(values)
        self.show_notice(self.notice)
        return values
