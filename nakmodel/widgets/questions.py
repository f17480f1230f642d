"""A chapter's questions with feedback: one object, two renderings.

``Questions("ion_gradients")`` reads the chapter's question file through
:func:`nakmodel.book.questions.load` (answers computed by nakmodel) and shows

* in the static book (``display_mode() == "static"``): an HTML block with the
  questions as JSON in a ``<script type="application/json">`` element, which
  ``_static/nakquestions/questions.js`` (a classic script the book's Sphinx
  extension adds to every page) turns into a quiz: no kernel, works offline and
  from ``file://``, no inline script;
* live (Jupyter, Voilà): ipywidgets controls (radio buttons, text box, buttons)
  checked in Python; each question's feedback goes into one persistent polite
  live region (:mod:`nakmodel.widgets.live_region`, a few lines of anywidget
  ES module, no inline script), which keeps the classroom server's
  ``Content-Security-Policy: script-src 'self' blob:`` intact.

Kinds (see ``docs/questions.md``): ``choice`` (feedback on each option),
``numeric`` (unit, tolerance, worked hint) and ``predict`` (commit a
prediction, move the explorer, then compare with the model's result).
"""

from __future__ import annotations

import html
import json
import math
import re

from ..book.questions import _fmt, load
from .live_region import live_region
from .mode import display_mode
from .registry import find_explorer

__all__ = ["Questions", "check_numeric", "judge_prediction", "live_number", "parse_number",
           "setting_problems"]

_NUMBER = re.compile(r"^[+\-−–]?\s*(\d+(?:[.,]\d*)?|[.,]\d+)(?:\s*[eE]\s*([+\-−]?\d+))?$")


def parse_number(text: str) -> float | None:
    """A number typed by a student, or ``None`` if it is not one.

    Accepts a true minus sign (−) or a dash, a decimal comma, thousands
    separators written as spaces or thin spaces ("1 200"), a power of ten
    (``6.2e2``) and a trailing unit, which is ignored ("−98.6 mV").
    """
    s = (text or "").strip().replace("\u2009", "").replace("\u202f", "")
    s = re.sub(r"\s*[A-Za-zµ°%/²]+[A-Za-zµ°%/²\s]*$", "", s)  # trailing unit
    s = re.sub(r"(?<=\d) (?=\d{3}\b)", "", s)
    m = _NUMBER.match(s)
    if not m:
        return None
    sign = -1.0 if s[0] in "-−–" else 1.0
    value = float(m.group(1).replace(",", "."))
    if m.group(2):
        value *= 10.0 ** int(m.group(2).replace("−", "-"))
    return sign * value


def check_numeric(question: dict, text: str) -> bool | None:
    """``True``/``False`` for a typed answer to a numeric question, ``None`` if it is not a number."""
    value = parse_number(text)
    if value is None:
        return None
    return abs(value - question["answer"]) <= question["tolerance"]


def _explorer_controls(explorer) -> tuple[list, list]:
    """``(controls, choices)`` of an explorer as the front end's spec lists them (dicts)."""
    from .live._explorer import control_json

    menus = getattr(explorer, "choices", ())
    choices = [{"name": c.name, "label": c.label, "default": c.default} for c in menus]
    return [control_json(c) for c in explorer.controls], choices


def setting_problems(q: dict, controls: list, choices: list, values: dict) -> list[str]:
    """What the student still has to set for predict question ``q``: each control at ``q["given"]``'s
    value, every other control and menu at its default, within half a slider step (on the log10 scale
    for log controls). ``[]`` when the explorer is set as asked. The page's twin is
    ``settingProblems`` in ``_static/nakquestions/questions.js``."""
    given = q.get("given") or {}
    out = []
    for c in controls:
        want = float(given.get(c["name"], c["default"]))
        have = values.get(c["name"])
        pos = (lambda v: math.log10(v)) if c["log"] else (lambda v: v)
        try:
            off = not math.isfinite(float(have)) or abs(pos(float(have)) - pos(want)) > c["step"] / 2 + 1e-9
        except (TypeError, ValueError):
            off = True
        if off:
            unit = f" {c['unit']}" if c["unit"] else ""
            now = f" (now {_fmt(float(have), 'g')}{unit})" if isinstance(have, (int, float)) else ""
            out.append(f"<strong>{c['label']}</strong> to {_fmt(want, 'g')}{unit}{now}")
    for c in choices:
        want = str(given.get(c["name"], c["default"]))
        if values.get(c["name"]) != want:
            out.append(f"<strong>{c['label']}</strong> to {want}")
    return out


def live_number(q: dict, explorer) -> float | None:
    """The number that judges ``q``: the live explorer's result at ``q["read"]`` (× ``read_scale``);
    ``None`` while the explorer has no finite number there (its last update failed)."""
    if not q.get("read"):
        raise ValueError(f"predict question {q.get('id')!r} names explorer {q.get('explorer')!r} but no "
                         "'read' (the path of its number in the explorer's result)")
    value = getattr(explorer, "result", None)
    for part in q["read"].split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value) * q.get("read_scale", 1.0)


def judge_prediction(q: dict, option: dict, explorer=None) -> str:
    """Feedback HTML for the committed ``option`` of predict question ``q``.

    With the question's explorer in this kernel (``q["explorer"]``, found through
    :mod:`nakmodel.widgets.registry` unless given): first checks that it is set as asked (else says
    what to set), then judges with its live number. Without it: with the result computed at build time.
    """
    explorer = explorer if explorer is not None else find_explorer(q.get("explorer"))
    if explorer is None:
        return _verdict(option["correct"], q["explain"], _head(option["correct"]))
    problems = setting_problems(q, *_explorer_controls(explorer), dict(explorer.values))
    if problems:
        return _note("The explorer is not set as asked yet. Set " + "; ".join(problems)
                     + ", then press the button again.")
    value = live_number(q, explorer)
    if value is None:
        return _note("The explorer has no result for this setting (see its message). Change the setting, "
                     "then press the button again.")
    delta = value - q["baseline"]
    same = q.get("same_within", 0.5)
    direction = "same" if abs(delta) <= same else ("up" if delta > 0 else "down")
    ok = option["direction"] == direction
    spec = q.get("format", ".1f")
    text = q["explain_live"].replace("{result}", _fmt(value, spec)).replace(
        "{change}", _fmt(delta, "+" + spec.lstrip("+")))
    source = "<span class='nak-q-source'>(Read from the explorer above.)</span>"
    return _verdict(ok, f"{text} {source}", _head(ok))


def _head(ok: bool) -> str:
    return "Your prediction matches the model." if ok else "The model disagrees with your prediction."


_NOT_A_NUMBER = "Type a number (for example −12.5); the unit is optional."


class Questions:
    """The questions of chapter ``chapter`` (``nakmodel/book/question_files/<chapter>.yaml``).

    Parameters
    ----------
    chapter : str
        Chapter name, e.g. ``"ion_gradients"``.
    mode : {"static", "live"}, optional
        Rendering; default :func:`nakmodel.widgets.display_mode`.
    """

    def __init__(self, chapter: str, mode: str | None = None):
        self.mode = mode or display_mode()
        if self.mode not in ("static", "live"):
            raise ValueError(f"mode must be 'static' or 'live'; got {self.mode!r}")
        # the book build checks the file against its schema; a dashboard kernel skips that (over 1 s)
        self.data = load(chapter, validate=self.mode == "static")
        self._box = None

    # ---------------------------------------------------------------- static
    def static_html(self) -> str:
        """The HTML block for the static book: data only, rendered by questions.js."""
        payload = json.dumps(self.data, ensure_ascii=False).replace("</", "<\\/")
        chapter = html.escape(self.data["chapter"])
        return (
            f'<div class="nak-questions" data-chapter="{chapter}">'
            '<p class="nak-q-nojs">The questions on this page need JavaScript. Open the chapter in the '
            "interactive app or enable JavaScript to answer them.</p>"
            f'<script type="application/json" class="nak-q-data">{payload}</script></div>'
        )

    # ------------------------------------------------------------------ live
    @property
    def widget(self):
        """The ipywidgets rendering (built on first use)."""
        if self._box is None:
            import ipywidgets as w

            items = [self._live_question(w, i, q) for i, q in enumerate(self.data["questions"], 1)]
            self._box = w.VBox(items, layout=w.Layout(width="100%"))
            self._box.add_class("nak-questions-live")
        return self._box

    def _live_question(self, w, number, q):
        style = _LIVE_STYLE if number == 1 else ""  # once per chapter, with the first question
        prompt = w.HTMLMath(f"{style}<p><b>{number}.</b> {q['prompt']}</p>", layout=w.Layout(width="100%"))
        feedback = live_region("", layout=w.Layout(width="100%"))  # announced by screen readers
        feedback.add_class("nak-q-feedback")
        parts = [prompt]
        if q["kind"] == "choice":
            options = [(_plain(o["text"]), i) for i, o in enumerate(q["options"])]
            radios = w.RadioButtons(options=options, value=None, layout=w.Layout(width="100%"))
            check = w.Button(description="Check", tooltip="Check your answer")

            def on_check(_b):
                if radios.value is None:
                    feedback.value = _note("Choose an answer first.")
                    return
                o = q["options"][radios.value]
                exam = o["correct"] and q.get("exam")
                extra = f"</p><p class='nak-q-exam'><b>In the exam:</b> {q['exam']}" if exam else ""
                feedback.value = _verdict(o["correct"], o["feedback"] + extra)

            check.on_click(on_check)
            parts += [radios, check]
        elif q["kind"] == "numeric":
            entry = w.Text(placeholder="your answer", description=f"Answer ({q['unit']})",
                         style={"description_width": "initial"})
            check = w.Button(description="Check", tooltip="Check your answer")
            hint_button = w.Button(description="Show a worked hint")
            hint = w.HTMLMath("")

            def on_check(_b):
                ok = check_numeric(q, entry.value)
                if ok is None:
                    feedback.value = _note(_NOT_A_NUMBER)
                else:
                    feedback.value = _verdict(ok, q["feedback_right"] if ok else q["feedback_wrong"])

            def on_hint(_b):
                hint.value = f"<p class='nak-q-hint'><b>Hint:</b> {q['hint']}</p>"

            check.on_click(on_check)
            hint_button.on_click(on_hint)
            parts += [w.HBox([entry, check, hint_button]), hint]
        else:  # predict
            options = [(_plain(o["text"]), i) for i, o in enumerate(q["options"])]
            radios = w.RadioButtons(options=options, value=None, layout=w.Layout(width="100%"))
            commit = w.Button(description="Commit my prediction")
            action = w.HTMLMath("")
            reveal = w.Button(description="I have tried it: show the model's result", disabled=True,
                              layout=w.Layout(width="auto"))

            def on_commit(_b):
                if radios.value is None:
                    feedback.value = _note("Choose a prediction first.")
                    return
                radios.disabled = commit.disabled = True
                reveal.disabled = False
                feedback.value = ""
                action.value = f"<p class='nak-q-action'><b>Now test it.</b> {q['action']}</p>"

            def on_reveal(_b):
                feedback.value = judge_prediction(q, q["options"][radios.value])

            commit.on_click(on_commit)
            reveal.on_click(on_reveal)
            parts += [radios, commit, action, reveal]
        parts.append(feedback)
        item = w.VBox(parts, layout=w.Layout(width="100%", margin="0 0 1.2em 0"))
        item.add_class("nak-question")
        return item

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.mode == "static":
            return {"text/html": self.static_html(),
                    "text/plain":
                        f"Questions({self.data['chapter']!r}): {len(self.data['questions'])} questions"}
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


#: ipywidgets gives each radio label one fixed 24 px line, so a long option wraps over the next one
#: (and covers its button). A style element (not a script: the classroom CSP allows inline styles),
#: scoped to the questions, lets labels grow with their text.
_LIVE_STYLE = """<style>
.nak-questions-live .widget-radio-box label, .nak-questions-live .jupyter-widget-radio-box label {
  height: auto; line-height: 1.4; white-space: normal; display: flex; align-items: flex-start;
  gap: 0.5em; margin: 0 0 0.5em 0; }
.nak-questions-live .widget-radio-box input, .nak-questions-live .jupyter-widget-radio-box input {
  flex: none; float: none; order: -1; height: 1.4em; margin: 0; }
</style>"""


def _plain(text: str) -> str:
    """Option label for a radio button (ipywidgets labels are plain text)."""
    text = re.sub(r"<sub>(.*?)</sub>", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def _verdict(ok: bool, body: str, head: str | None = None) -> str:
    cls = "nak-q-right" if ok else "nak-q-wrong"
    mark = "✓" if ok else "✗"
    # inline style, not a style sheet: Voilà does not load the book's CSS (a style attribute is not a script)
    style = f"border-left:4px solid {'#1b7f3b' if ok else '#b3261e'};padding:0.2em 0.8em;margin-top:0.4em"
    # no role here: the feedback widget around it is the question's one live region
    if head is None:
        return f"<div class='{cls}' style='{style}'><p><b>{mark}</b> {body}</p></div>"
    return f"<div class='{cls}' style='{style}'><p><b>{mark} {head}</b></p><p>{body}</p></div>"


def _note(text: str) -> str:
    return f"<div class='nak-q-note'><p>{text}</p></div>"
