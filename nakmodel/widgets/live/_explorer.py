"""What every live explorer shares: controls and parameters as JSON, two engines.

An explorer *holds* its widget (composition): in live mode an
:class:`anywidget.AnyWidget` whose JavaScript (``esm/<name>.js``, built from
``frontend/<name>.js``) draws controls, figure and readout; in static mode
(the book build) an HTML placeholder carrying the same JSON and the matplotlib
PNG as the no-JavaScript fallback, brought to life by the book's script.

State, the same in both modes (see ``frontend/core/model.js``):

``spec``
    ``{"explorer", "title", "controls": [...], "params": {...}, "style": {...}}``:
    every control's label, unit, default, range and step, every model
    parameter the JavaScript port needs, the book's ion colours. Never changes.
``values``
    ``{control name: value}``, set by the front end when a control moves (and by the kernel
    when it answers with other values, e.g. a teacher link learnt after the page loaded).
``move``
    ``{"seq": n, "set": {control: value}}``: sent by the front end in the same message as
    ``values``: the reader's moves the kernel has not answered yet (every control for Reset).
    The kernel applies only those, so a page that has not yet received the kernel's values
    (a teacher link learnt a moment ago) never undoes them, and no move is lost when
    ipywidgets merges messages queued behind a slow answer.
``result``
    what the figure and readout show, computed by :meth:`LiveExplorer.compute`
    (live) or by the JavaScript port (static), with ``result["values"]``, the values it was
    computed for (the front end draws from these, never from values a later message brings),
    and ``result["answered"]``, the ``seq`` of the last move it includes.
``error``
    a message for the reader when the values were refused ("" otherwise).
``notice``
    a note about the page's URL parameters (teacher links such as ``?k_out=10``), if any.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import math
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from ..._validation import ModelError, ParameterError
from ..controls import Control
from ..links import MAX_QUERY_CHARS, LocationReport, request_query
from ..mode import display_mode, in_voila
from ..registry import register_explorer
from ._style import ion_style

_log = logging.getLogger(__name__)
ESM_DIR = Path(__file__).resolve().parent / "esm"


@dataclass(frozen=True)
class Choice:
    """A menu: ``name`` in ``values``, what the reader sees (``label``), its ``options`` (the
    strings shown, which are also the values) and the ``default`` option."""

    name: str
    label: str
    options: tuple
    default: str


def control_json(c: Control) -> dict:
    """One control as the front end reads it (decimals from its ``readout_format``; ``exp`` for a
    ``.2e``-style format, shown as 1.00 × 10⁻⁶; ``significant`` for a ``.3g``-style one, shown with
    that many significant digits)."""
    m = re.fullmatch(r"\.(\d+)([fge])", c.readout_format or "")
    return {"name": c.name, "label": c.label, "unit": c.unit, "default": c.default, "min": c.minimum,
            "max": c.maximum, "step": c.step, "log": c.log, "decimals": int(m.group(1)) if m else 2,
            "exp": bool(m and m.group(2) == "e"),
            "significant": int(m.group(1)) if m and m.group(2) == "g" else 0}


def _widget_class(name: str):
    """An AnyWidget subclass whose front end is ``esm/<name>.js`` (imported lazily: the
    static book build needs no anywidget)."""
    import anywidget
    import traitlets as t

    class ExplorerWidget(anywidget.AnyWidget):
        _esm = ESM_DIR / f"{name}.js"
        spec = t.Dict().tag(sync=True)
        values = t.Dict().tag(sync=True)
        move = t.Dict().tag(sync=True)
        result = t.Dict().tag(sync=True)
        error = t.Unicode("").tag(sync=True)
        notice = t.Unicode("").tag(sync=True)
        #: ``callback(move)`` for a reader's move from the page (set by the explorer)
        on_page_move = None
        in_page_move = False

        def set_state(self, sync_data):
            """State from the page. A move arrives as one message holding ``values`` and ``move``
            (the reader's moves); it goes to :attr:`on_page_move` once both traits are set, and
            the ``values`` observers know it is part of a move (:attr:`in_page_move`)."""
            if "move" not in sync_data or self.on_page_move is None:
                super().set_state(sync_data)
                return
            self.in_page_move = True
            try:
                super().set_state(sync_data)
            finally:
                self.in_page_move = False
            self.on_page_move(dict(self.move))

    ExplorerWidget.__name__ = f"{name.capitalize()}Widget"
    return ExplorerWidget


class LiveExplorer:
    """Base class: subclasses set ``name``, ``title``, ``controls`` and implement
    :meth:`params`, :meth:`compute` and :meth:`fallback_figure`."""

    name: str = ""
    title: str = ""
    controls: tuple = ()
    choices: tuple = ()
    #: Teacher scenarios ``{name: {control: value}}`` for ``?scenario=name`` links, with a note each
    #: (listed in docs/classroom.md with their links).
    scenarios: dict = {}
    scenario_notes: dict = {}

    def __init__(self, **initial_values):
        self.mode = display_mode()
        self.values = {c.name: float(c.default) for c in self.controls}
        self.values.update({c.name: c.default for c in self.choices})
        self.values.update(self.check_values(initial_values))
        self.result = self.compute(self.values)
        self.last_update_s = 0.0
        self.notice = ""
        self._widget = None
        self._reader = None
        self._link_applied = False
        self._moved: set = set()  # controls the reader has moved on the page (a later link leaves them)
        self._pushing = False  # True while the kernel writes its values to the widget
        self._answered = 0  # seq of the last move from the page applied (or refused)
        register_explorer(self.name, self)  # the chapter's questions read it (nakmodel.widgets.registry)
        if self.mode == "live":
            query = request_query()  # None in a preheated kernel: the page reports it later
            if query:
                self.apply_url_parameters(query)
                self._link_applied = True

    # -- what subclasses provide -----------------------------------------------------------
    def params(self) -> dict:  # pragma: no cover - abstract
        """Every model parameter the JavaScript port needs (plain JSON numbers)."""
        raise NotImplementedError

    def compute(self, values: dict) -> dict:  # pragma: no cover - abstract
        """The result the figure shows, from :mod:`nakmodel`; same keys as the port's."""
        raise NotImplementedError

    def fallback_figure(self, values: dict, result: dict):  # pragma: no cover - abstract
        """``(matplotlib Figure, alt text)`` for the no-JavaScript/print picture."""
        raise NotImplementedError

    def static_params(self) -> dict:
        """Parameters only the static page needs (e.g. a build-time result grid the page looks up),
        added to ``spec["params"]`` in the placeholder's JSON but never sent to a live widget."""
        return {}

    # -- shared ------------------------------------------------------------------------------
    def spec(self) -> dict:
        """Controls, parameters and style: everything the front end needs, as JSON."""
        return {"explorer": self.name, "title": self.title,
                "controls": [control_json(c) for c in self.controls],
                "choices": [{"name": c.name, "label": c.label, "options": list(c.options),
                             "default": c.default} for c in self.choices],
                "params": self.params(), "style": {"ions": ion_style()},
                # teacher links, applied by the static book's page as apply_url_parameters does
                "scenarios": {k: dict(v) for k, v in self.scenarios.items()},
                "scenario_notes": dict(self.scenario_notes), "max_query_chars": MAX_QUERY_CHARS}

    def check_values(self, values: dict) -> dict:
        """Floats within each control's range; anything else raises :class:`ParameterError`."""
        by_name = {c.name: c for c in self.controls}
        menus = {c.name: c for c in self.choices}
        out = {}
        for key, v in values.items():
            if key in menus:
                if v not in menus[key].options:
                    raise ParameterError(key, v, "", "must be one of: " + "; ".join(menus[key].options))
                out[key] = v
                continue
            c = by_name.get(key)
            if c is None:
                known = ", ".join([*by_name, *menus])
                raise ParameterError(key, v, "", f"is not a control of this explorer ({known})")
            try:
                x = float(v)
            except (TypeError, ValueError):
                raise ParameterError(key, v, c.unit, "must be a number") from None
            if not (math.isfinite(x) and c.minimum <= x <= c.maximum):
                raise ParameterError(key, v, c.unit,
                                     f"must be between {c.minimum:g} and {c.maximum:g} {c.unit}")
            out[key] = x
        return out

    def set_values(self, **values) -> dict:
        """Change some controls' values, recompute; returns the new result (raises on bad input).

        The widget gets the result together with the values it was computed for, in one message
        (``values`` is sent only if the page's differ, e.g. after a teacher link).
        """
        t0 = time.perf_counter()
        new = {**self.values, **self.check_values(values)}
        self.result = self.compute(new)
        self.values = new
        if self._widget is not None:
            with self._widget.hold_sync():
                self._widget.error = ""
                self._widget.result = self.synced_result()
                self._push_values()
        self.last_update_s = time.perf_counter() - t0
        return self.result

    def synced_result(self) -> dict:
        """:attr:`result` as the front end gets it: with ``"values"``, the values it is for, and
        ``"answered"``, the ``seq`` of the last move from the page it includes."""
        return {**self.result, "values": dict(self.values), "answered": self._answered}

    def _push_values(self) -> None:
        """Give the widget the kernel's values (sent only if they differ from the page's)."""
        self._pushing = True
        try:
            self._widget.values = dict(self.values)
        finally:
            self._pushing = False

    def apply_url_parameters(self, query: str | None, keep=()) -> dict:
        """Apply a page's URL parameters (``k_out=10``) to the controls (teacher links).

        Parameters naming no control are ignored (other apps on the page may use them);
        bad values never raise: they are listed in :attr:`notice` and the rest is applied.
        Controls named in ``keep`` (those the reader moved before a preheated kernel learnt the
        link) keep their value, and :attr:`notice` says so. Returns the values applied.
        A query longer than :data:`~nakmodel.widgets.links.MAX_QUERY_CHARS` is not used at all
        (a teacher link is short), and :attr:`notice` says so. The static book applies the same
        rules in the page (``frontend/core/links.js``).
        """
        if len(query or "") > MAX_QUERY_CHARS:
            self.notice = (f"The link's settings were not used: the link is longer than "
                           f"{MAX_QUERY_CHARS} characters.")
            return {}
        params = {k: v[-1] for k, v in parse_qs(query or "", keep_blank_values=True).items()}
        names = {c.name for c in self.controls} | {c.name for c in self.choices}
        applied, problems, notes = {}, [], []
        scenario = params.pop("scenario", None)
        if scenario is not None and scenario in self.scenarios:
            applied.update(self.check_values(dict(self.scenarios[scenario])))
            note = self.scenario_notes.get(scenario)
            notes.append(f"Opened at the scenario “{scenario}”" + (f": {note}." if note else "."))
        elif scenario is not None and self.scenarios:
            problems.append(f"unknown scenario “{scenario}” (known: {', '.join(self.scenarios)})")
        for key, raw in params.items():
            if key not in names:
                continue
            try:
                applied.update(self.check_values({key: raw}))
            except ParameterError as err:
                problems.append(f"{key}={raw} ({err.allowed})")
        kept = [k for k in applied if k in set(keep) and applied[k] != self.values[k]]
        applied = {k: v for k, v in applied.items() if k not in set(keep)}
        if applied:
            self.set_values(**applied)
            notes.append("Opened with the settings from the link; Reset restores the defaults.")
        if kept:
            labels = {c.name: c.label for c in (*self.controls, *self.choices)}
            notes.append("Kept what you had already set for " + ", ".join(labels[k] for k in kept)
                         + " (the link's value" + ("s were" if len(kept) > 1 else " was") + " not used).")
        if problems:
            notes.append("Some link settings were not used: " + "; ".join(problems) + ".")
        self.notice = " ".join(notes)
        return applied

    @property
    def widget(self):
        """The anywidget (created on first use, live mode)."""
        if self._widget is None:
            self._widget = _widget_class(self.name)(spec=self.spec(), values=dict(self.values),
                                                    result=self.synced_result(), notice=self.notice)
            self._widget.observe(self._on_values, names="values")
            self._widget.on_page_move = self._on_page_move
        return self._widget

    def _on_values(self, change) -> None:
        """``values`` set without a ``move`` (kernel-side code, or a client that does not say what
        moved): every control takes the value given."""
        if self._pushing or self._widget.in_page_move:
            return  # the kernel's own answer, or a page move (handled whole by _on_page_move)
        self._answer(dict(change["new"]))

    def _on_page_move(self, move: dict) -> None:
        """The reader's moves ``move["set"]`` (Reset: every control). Only those controls take
        the page's values: the page may not yet have the kernel's (a teacher link learnt a moment
        ago), and the others must not fall back to what the page still shows. The kernel's values
        go back to the page with the result, which says up to which move it answers."""
        moved = move.get("set")
        moved = dict(moved) if isinstance(moved, dict) else {}
        self._moved.update(moved)
        if isinstance(move.get("seq"), int):
            self._answered = move["seq"]
        self._answer(moved, acknowledge=True)

    def _answer(self, values: dict, acknowledge: bool = False) -> None:
        try:
            self.set_values(**values)
            return
        except (ParameterError, ModelError) as err:
            message = str(err)
        except Exception:  # noqa: BLE001 - a model fault must never leave the page without an answer
            _log.exception("%s: the model failed for %r", self.name, values)
            message = ("This setting could not be computed (a fault in the model, logged for "
                       "the teacher). Move a control or press Reset to go on.")
        with self._widget.hold_sync():
            self._widget.error = message
            if acknowledge:  # the last result stays, but the page stops resending the refused move
                self._widget.result = self.synced_result()

    # -- display -------------------------------------------------------------------------------
    def static_html(self) -> str:
        """The placeholder the book's script turns into the live explorer (JSON + PNG fallback)."""
        from ...plots.style import render_png

        fig, alt = self.fallback_figure(self.values, self.result)
        png = base64.b64encode(render_png(fig, 100)).decode("ascii")
        spec = self.spec()
        spec["params"] = {**spec["params"], **self.static_params()}
        state = json.dumps({"spec": spec, "values": self.values, "result": self.result},
                           separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
        return (
            f'<div class="nak-explorer" data-explorer="{self.name}">'
            f'<script type="application/json" class="nak-explorer-state">{state}</script>'
            '<figure class="nak-fallback">'
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt, quote=True)}" '
            'style="width:100%;max-width:820px;height:auto">'
            "<figcaption>Picture at the default settings. With JavaScript on, this page draws the "
            "explorer itself and its controls work.</figcaption></figure></div>"
        )

    def _on_location(self, change) -> None:
        """A preheated kernel learns the page's teacher link from the page (once)."""
        query = str(change["new"] or "")
        if self._link_applied:
            return
        self._link_applied = True
        if self._widget is None:
            self.apply_url_parameters(query.removeprefix("?"), keep=self._moved)
            return
        # values, result and notice reach the page in one message; controls the reader already
        # moved keep the reader's values
        with self._widget.hold_sync():
            self.apply_url_parameters(query.removeprefix("?"), keep=self._moved)
            self._push_values()
            self._widget.notice = self.notice

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.mode == "static":
            return {"text/html": self.static_html(), "text/plain": self.title}
        if in_voila() and not self._link_applied:
            import ipywidgets

            # the hidden reader sends window.location.search once the page is drawn
            self._reader = LocationReport(sliders=0)
            self._reader.layout.display = "none"
            self._reader.observe(self._on_location, names="search")
            box = ipywidgets.VBox([self.widget, self._reader])
            return box._repr_mimebundle_(include=include, exclude=exclude)
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)
