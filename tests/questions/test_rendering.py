"""The two renderings of a chapter's questions, without a browser."""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest

from nakmodel.book import CHAPTERS
from nakmodel.book.questions import load
from nakmodel.widgets.questions import Questions, check_numeric, parse_number


@pytest.mark.parametrize("text, value", [("−98.6", -98.6), ("-98,6 mV", -98.6), ("6.2e2", 620.0),
                                         ("1 200", 1200.0), ("+5", 5.0), (".5", 0.5), ("−6.2 × 10", None),
                                         ("abc", None), ("", None), ("--3", None)])
def test_parse_number(text, value):
    assert parse_number(text) == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_static_html_hides_the_answers(chapter):
    block = Questions(chapter, mode="static").static_html()
    m = re.search(r'<script type="application/json" class="nak-q-data">(.*?)</script>', block, re.DOTALL)
    assert m, block[:300]
    data = json.loads(m.group(1).replace("<\\/", "</"))
    assert data == json.loads(json.dumps(load(chapter)))
    visible = block[: m.start()] + block[m.end():]
    visible = htmllib.unescape(visible)
    assert "Right" not in visible and "Not quite" not in visible and "Hint" not in visible
    for q in data["questions"]:
        if q["kind"] == "numeric":
            assert f"{abs(q['answer']):.1f}" not in visible
    assert "<script>" not in block and "onclick" not in block


def test_bundle_depends_on_mode():
    assert "text/html" in Questions("ion_gradients", mode="static")._repr_mimebundle_()
    live = Questions("ion_gradients", mode="live")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in live


def _live_parts(box):
    import ipywidgets as w

    def walk(x):
        yield x
        for c in getattr(x, "children", ()):
            yield from walk(c)
    parts = list(walk(box))
    return ([p for p in parts if isinstance(p, w.RadioButtons)],
            [p for p in parts if isinstance(p, w.Button)],
            [p for p in parts if isinstance(p, w.Text)],
            [p for p in parts if "nak-q-feedback" in p._dom_classes])


def test_live_choice_right_and_wrong():
    qs = Questions("resting_potential", mode="live")
    q = qs.data["questions"][0]
    radios, buttons, _, feedback = _live_parts(qs.widget.children[0])
    buttons[0].click()
    assert "Choose an answer first" in feedback[0].value
    wrong = next(i for i, o in enumerate(q["options"]) if not o["correct"])
    radios[0].value = wrong
    buttons[0].click()
    assert "✗" in feedback[0].value and q["options"][wrong]["feedback"][:30] in feedback[0].value
    right = next(i for i, o in enumerate(q["options"]) if o["correct"])
    radios[0].value = right
    buttons[0].click()
    assert "✓" in feedback[0].value and "In the exam" in feedback[0].value


def test_live_numeric_and_hint():
    qs = Questions("resting_potential", mode="live")
    i, q = next((i, q) for i, q in enumerate(qs.data["questions"]) if q["kind"] == "numeric")
    _, buttons, texts, feedback = _live_parts(qs.widget.children[i])
    check, hint = buttons
    texts[0].value = "so so"
    check.click()
    assert "Type a number" in feedback[0].value
    texts[0].value = f"{q['answer'] + 3 * q['tolerance']:.1f}"
    check.click()
    assert "Not yet" in feedback[0].value
    texts[0].value = f"{q['answer']:.1f}".replace("-", "−")
    check.click()
    assert "Right" in feedback[0].value
    hint.click()
    assert check_numeric(q, f"{q['answer']:.2f}")


def test_live_predict_commit_then_reveal(monkeypatch):
    """Without the explorer in the kernel, the build-time result judges (tests/questions/test_live_link.py
    covers the explorer)."""
    from nakmodel.widgets import registry

    monkeypatch.setattr(registry, "_LAST", {})
    qs = Questions("ion_gradients", mode="live")
    i, q = next((i, q) for i, q in enumerate(qs.data["questions"]) if q["kind"] == "predict")
    radios, (commit, reveal), _, feedback = _live_parts(qs.widget.children[i])
    assert reveal.disabled
    wrong = next(k for k, o in enumerate(q["options"]) if not o["correct"])
    radios[0].value = wrong
    commit.click()
    assert radios[0].disabled and not reveal.disabled and feedback[0].value == ""
    reveal.click()
    assert "disagrees" in feedback[0].value and f"{q['result']:+.1f}".replace("-", "−") in feedback[0].value


def test_bad_mode():
    with pytest.raises(ValueError, match="mode must be"):
        Questions("ion_gradients", mode="print")


def test_dashboard_kernel_skips_jsonschema():
    """jsonschema costs over a second to import; a Voilà kernel showing the questions must not pay it."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = ("import sys; from nakmodel.widgets.questions import Questions; "
             "Questions('ion_gradients').widget; "
             "print('jsonschema' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NAKMODEL_DISPLAY": "live", "MPLBACKEND": "Agg"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_live_feedback_is_one_persistent_polite_region_per_question():
    """Live, each question's feedback is one live-region widget (its view: a role="status"
    aria-live="polite" element made once and kept, tests/browser/test_questions.py checks it in Voilà),
    empty until the student acts; the feedback HTML inside carries no second live region."""
    from nakmodel.widgets.live_region import LIVE_REGION_ESM

    qs = Questions("stoichiometry", mode="live")
    for item, q in zip(qs.widget.children, qs.data["questions"], strict=True):
        *_, feedback = _live_parts(item)
        assert len(feedback) == 1, q["id"]
        assert type(feedback[0]).__name__ == "LiveRegion" and feedback[0].value == ""
        assert feedback[0]._esm == LIVE_REGION_ESM
    assert 'setAttribute("aria-live", "polite")' in LIVE_REGION_ESM
    assert 'setAttribute("role", "status")' in LIVE_REGION_ESM
    assert "innerHTML" in LIVE_REGION_ESM and "change:value" in LIVE_REGION_ESM
    radios, buttons, _, feedback = _live_parts(qs.widget.children[0])
    radios[0].value = 0
    buttons[0].click()
    assert feedback[0].value and "role=" not in feedback[0].value and "aria-live" not in feedback[0].value
