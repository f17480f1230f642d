"""Predict-then-test judged by the explorer the student moved (live: the same kernel).

For every predict question: the live explorer it names, set as the question asks, gives at ``read`` in
its ``result`` the number the key computed at build time, so the page's verdict and the book's
agree. Then the widget flow: not set as asked -> says what to set; set -> judged live.
"""

from __future__ import annotations

import math

import pytest

from nakmodel.book import CHAPTERS
from nakmodel.book.questions import load
from nakmodel.widgets import registry
from nakmodel.widgets.questions import Questions, judge_prediction, setting_problems

PREDICTS = [pytest.param(q, id=q["id"]) for c in CHAPTERS for q in load(c, validate=False)["questions"]
            if q["kind"] == "predict"]


def _explorer_class(name):
    """The live explorer whose ``name`` is ``name`` (else the widget class called ``name``)."""
    import nakmodel.widgets as w
    import nakmodel.widgets.live as live

    for module in (live, w):
        for cls_name in module.__all__:
            cls = getattr(module, cls_name)
            if isinstance(cls, type) and getattr(cls, "name", None) == name:
                return cls
    return getattr(w, name)


#: How close the live explorer's number must be to the build-time key (absolute, in the key's unit):
#: the spike explorer samples its run every few µs with its own output step, the key with the
#: solver's default, so the peak of a 40 mV spike differs by a few hundredths of a mV.
AGREE = {"spike_peak_mV": 0.1}


def _controls(app):
    return {c.name: c for c in app.controls}


def test_every_predict_names_an_explorer():
    for p in PREDICTS:
        q = p.values[0]
        assert q.get("explorer"), f"{q['id']}: no explorer"
        _explorer_class(q["explorer"])  # exists


@pytest.mark.parametrize("q", PREDICTS)
def test_explorer_set_as_asked_gives_the_build_time_number(q, monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")  # no widget, no kernel needed
    app = _explorer_class(q["explorer"])()
    controls = _controls(app)
    given = {k: v for k, v in (q.get("given") or {}).items() if k in controls}
    assert given, f"{q['id']}: the student is asked to set no control of {q['explorer']}"
    for name, value in given.items():
        c = controls[name]
        assert c.minimum <= value <= c.maximum, f"{q['id']}: {name}={value} outside the slider"
    assert q.get("read"), f"{q['id']}: no 'read' (the path of the key's number in {q['explorer']}'s result)"
    defaults = dict(app.values)
    app.set_values(**given)
    value = app.result
    for part in q["read"].split("."):
        value = value[part]
    assert value * q.get("read_scale", 1.0) == pytest.approx(q["result"], rel=1e-9,
                                                             abs=AGREE.get(q["key"], 1e-9))
    app.set_values(**defaults)
    base = {k: v for k, v in (q.get("baseline_given") or {}).items() if k in controls}
    app.set_values(**base)
    value = app.result
    for part in q["read"].split("."):
        value = value[part]
    assert value * q.get("read_scale", 1.0) == pytest.approx(q["baseline"], rel=1e-9,
                                                             abs=AGREE.get(q["key"], 1e-9))


def _ghk_question():
    qs = Questions("resting_potential", mode="live")
    q = next(q for q in qs.data["questions"] if q["kind"] == "predict" and "k_out" in q["given"])
    return q


def test_live_judge_says_what_to_set_then_judges_with_the_explorer(monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    from nakmodel.widgets import GHKLive

    monkeypatch.setattr(registry, "_LAST", {})
    app = GHKLive()
    q = _ghk_question()
    right = next(o for o in q["options"] if o["correct"])
    wrong = next(o for o in q["options"] if not o["correct"])
    text = judge_prediction(q, right)
    assert "not set as asked" in text and "K⁺" in text and "10" in text and "nak-q-right" not in text
    app.set_values(k_out=10.0, pna_pk=0.2)  # right control, but another one moved too
    assert "P_Na" in judge_prediction(q, right) or "P" in judge_prediction(q, right)
    app.set_values(pna_pk=float(next(c for c in app.controls if c.name == "pna_pk").default))
    text = judge_prediction(q, right)
    assert "nak-q-right" in text and "Read from the explorer" in text
    assert f"{app.result['vm']:+.1f}".replace("-", "−") in text
    assert "nak-q-wrong" in judge_prediction(q, wrong)


def test_live_judge_uses_the_live_number_not_the_stored_one(monkeypatch):
    """A question whose stored result were wrong is judged by the explorer's number."""
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    from nakmodel.widgets import GHKLive

    app = GHKLive(k_out=10.0)
    q = dict(_ghk_question(), result=-999.0)
    text = judge_prediction(q, next(o for o in q["options"] if o["direction"] == "up"), explorer=app)
    assert "nak-q-right" in text and "−999" not in text


def test_setting_problems_half_a_step_and_log_controls():
    lin = {"name": "x", "label": "x", "unit": "mM", "default": 5.0, "step": 0.5, "log": False}
    log = {"name": "p", "label": "p", "unit": "", "default": 0.05, "step": 0.1, "log": True}
    q = {"given": {"x": 10.0}}
    assert setting_problems(q, [lin, log], [], {"x": 10.2, "p": 0.05}) == []
    assert setting_problems(q, [lin, log], [], {"x": 10.3, "p": 0.05})  # more than half a step
    assert setting_problems(q, [lin, log], [], {"x": 10.0, "p": 0.05 * 10 ** 0.06})  # log10 scale
    assert setting_problems(q, [lin], [{"name": "m", "label": "m", "default": "a"}], {"x": 10.0, "m": "b"})
    assert not math.isnan(1.0)


def test_the_live_widget_reveal_reads_the_kernels_explorer(monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    from nakmodel.widgets import GHKLive

    monkeypatch.setattr(registry, "_LAST", {})
    app = GHKLive()
    qs = Questions("resting_potential", mode="live")
    i, q = next((i, q) for i, q in enumerate(qs.data["questions"]) if q["kind"] == "predict")
    item = qs.widget.children[i]
    radios = next(c for c in item.children if hasattr(c, "options"))
    buttons = [c for c in item.children if getattr(c, "description", "").startswith(("Commit", "I have"))]
    feedback = item.children[-1]
    radios.value = next(k for k, o in enumerate(q["options"]) if o["correct"])
    buttons[0].click()
    buttons[1].click()
    assert "not set as asked" in feedback.value
    app.set_values(**{k: v for k, v in q["given"].items()})
    buttons[1].click()
    assert "nak-q-right" in feedback.value and "Read from the explorer" in feedback.value


def test_cycle_explorer_in_the_kernel_judges(monkeypatch):
    """The cycle explorer (a live explorer outside widgets/live) registers by its name; the setting is
    checked on its controls and its own V_rev judges."""
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    from nakmodel.widgets import CycleExplorer

    monkeypatch.setattr(registry, "_LAST", {})
    app = CycleExplorer()
    q = next(q for q in load("pump_cycle", validate=False)["questions"] if q["id"] == "pc-predict-dg")
    up = next(o for o in q["options"] if o["direction"] == "up")
    text = judge_prediction(q, up)
    assert "not set as asked" in text and "ΔG of ATP hydrolysis" in text and "−30" in text
    app.set_values(dg_atp=-30.0)
    text = judge_prediction(q, up)
    assert "nak-q-right" in text and "Read from the explorer" in text
    assert f"{q['result']:+.0f}".replace("-", "−") in text


def test_stoichiometry_explorer_in_the_kernel_judges_the_energy_left(monkeypatch):
    """The stoichiometry explorer's own energy left per cycle judges sto-predict-dg: not set -> what to
    set; ΔG of ATP at −45 -> its live number, which is 10 kJ/mol less than at −55 (the work of the
    cycle does not depend on ΔG_ATP), shown in the feedback."""
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    from nakmodel.widgets.live import StoichiometryLive

    monkeypatch.setattr(registry, "_LAST", {})
    app = StoichiometryLive()
    at_55 = app.result["energy_left_kJ"]
    q = next(q for q in load("stoichiometry", validate=False)["questions"] if q["id"] == "sto-predict-dg")
    down = next(o for o in q["options"] if o["direction"] == "down")
    text = judge_prediction(q, down)
    assert "not set as asked" in text and "ΔG of ATP" in text and "−45" in text
    app.set_values(dg_atp=-45.0)
    live = app.result["energy_left_kJ"]
    assert live == pytest.approx(at_55 - 10.0, abs=1e-9)
    text = judge_prediction(q, down)
    assert "nak-q-right" in text and "Read from the explorer" in text
    assert f"{live:.1f}".replace("-", "−") in text
    same = next(o for o in q["options"] if o["direction"] == "same")
    assert "nak-q-wrong" in judge_prediction(q, same)


def test_a_predict_question_without_read_is_refused():
    from nakmodel.widgets.questions import live_number

    with pytest.raises(ValueError, match="no 'read'"):
        live_number({"id": "x", "explorer": "ghk"}, object())


def test_an_explorer_without_a_finite_number_asks_to_change_the_setting():
    """Set as asked, but the explorer's last update failed (no finite number at ``read``): the student is
    asked to change the setting; nothing is judged, and the stored number is not used instead."""
    from nakmodel.widgets import GHKLive

    q = _ghk_question()

    class Failed:  # GHKLive's controls, set as the question asks, with a failed update's result
        controls = GHKLive.controls
        choices = ()
        values = {c.name: float(q["given"].get(c.name, c.default)) for c in GHKLive.controls}
        result = {"vm": float("nan")}

    for result in ({"vm": float("nan")}, {}, None):
        Failed.result = result
        text = judge_prediction(q, next(o for o in q["options"] if o["correct"]), explorer=Failed())
        assert "no result for this setting" in text
        assert "nak-q-right" not in text and "nak-q-wrong" not in text
