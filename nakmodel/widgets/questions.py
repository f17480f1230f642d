"""A chapter's questions with feedback: one object, two renderings.

``Questions("ion_gradients")`` reads the chapter's question file through
:func:`nakmodel.book.questions.load` (answers computed by nakmodel) and shows

* in the static book (``display_mode() == "static"``): an HTML block with the
  questions as JSON in a ``<script type="application/json">`` element, which
  ``_static/nakquestions/questions.js`` (a classic script the book's Sphinx
  extension adds to every page) turns into a quiz: no kernel, works offline and
  from ``file://``, no inline script;
* live (Jupyter, Voilà): ipywidgets controls (radio buttons, text box, buttons)
  checked in Python, so no custom JavaScript is needed at all, which keeps the
  classroom server's ``Content-Security-Policy: script-src 'self'`` intact.

Kinds (see ``docs/questions.md``): ``choice`` (feedback on each option),
``numeric`` (unit, tolerance, worked hint) and ``predict`` (commit a
prediction, move the explorer, then compare with the model's result).
"""

from __future__ import annotations

import html
import json
import re

from ..book.questions import load
from ._base import display_mode

__all__ = ["Questions", "check_numeric", "parse_number"]

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
        prompt = w.HTMLMath(f"<p><b>{number}.</b> {q['prompt']}</p>", layout=w.Layout(width="100%"))
        feedback = w.HTMLMath("", layout=w.Layout(width="100%"))
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
                extra = f"<p class='nak-q-exam'><b>In the exam:</b> {q['exam']}</p>" if q.get("exam") else ""
                feedback.value = _verdict(o["correct"], o["feedback"]) + (extra if o["correct"] else "")

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
                o = q["options"][radios.value]
                head = ("Your prediction matches the model." if o["correct"]
                        else "The model disagrees with your prediction.")
                feedback.value = _verdict(o["correct"], q["explain"], head)

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
    if head is None:
        return f"<div class='{cls}' role='status' style='{style}'><p><b>{mark}</b> {body}</p></div>"
    return f"<div class='{cls}' role='status' style='{style}'><p><b>{mark} {head}</b></p><p>{body}</p></div>"


def _note(text: str) -> str:
    return f"<div class='nak-q-note' role='status'><p>{text}</p></div>"
