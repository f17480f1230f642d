"""A teacher link learnt by a preheated kernel, and the reader's moves around it (kernel side).

In a preheated Voilà kernel the link arrives from the page after the page is drawn
(``LiveExplorer._on_location``); the page shows the defaults until the kernel's answer arrives. A
move the reader makes in that window is sent with the page's stale values. The page says what
the reader moved (``move = {seq, set}``, in the same message as ``values``, as
``frontend/core/app.js`` sends it: every move no result has answered yet); the kernel must apply
only those controls, keep the link's other settings, send its values back with a result that
says which move it answers, and never let a later link undo a control the reader moved.

Expected numbers are the Nernst equation written out with CODATA 2018 R and F.
"""

from __future__ import annotations

import math

import pytest

from nakmodel.widgets.live import EnergyLive, GHKLive, NernstLive

R, F, T0 = 8.314462618, 96485.33212, 273.15  # CODATA 2018, independent of nakmodel.constants
LINK = "?k_out=10&temperature_C=20"


def nernst_mV(z, co, ci, t):
    return R * (t + T0) / (z * F) * 1e3 * math.log(co / ci)


def page_message(w, state):
    """One message from the page, as ipywidgets hands it to the kernel-side widget."""
    w.set_state(state)


def page_move(w, values, names, seq):
    """What core/app.js sends when the reader has moved ``names`` (and no result has answered
    those moves yet): its whole values, and the moved controls' values with the move's number."""
    page_message(w, {"values": values, "move": {"seq": seq, "set": {n: values[n] for n in names}}})


def record_messages(w):
    """The sets of trait names the widget sends to the page, one set per message."""
    sent = []
    send_state = w.send_state

    def record(key=None):
        sent.append(set(key) if key is not None else set(w.keys))
        send_state(key)

    w.send_state = record
    return sent


def test_a_move_made_before_the_link_reached_the_page_keeps_the_link():
    app = NernstLive()
    w = app.widget
    page = dict(w.values)  # what the page shows until the kernel's answer to the link arrives
    app._on_location({"new": LINK})
    # the reader moves [Na+] inside before the link's values reach the page: stale values + the move
    page_move(w, {**page, "na_in": 20.0}, ["na_in"], 1)
    want = {**page, "k_out": 10.0, "temperature_C": 20.0, "na_in": 20.0}
    assert app.values == want
    assert w.values == want  # the kernel's values go back to the page with the result
    assert w.result["E"]["K"] == pytest.approx(nernst_mV(1, 10.0, page["k_in"], 20.0), abs=1e-9)
    assert w.result["E"]["Na"] == pytest.approx(nernst_mV(1, page["na_out"], 20.0, 20.0), abs=1e-9)
    assert w.result["values"] == want and w.result["answered"] == 1
    # a second move in the same window (the page still has not seen the link) loses neither
    page_move(w, {**page, "na_in": 20.0, "cl_in": 12.0}, ["cl_in"], 2)
    assert app.values == {**want, "cl_in": 12.0}
    assert "from the link" in w.notice


def test_moves_merged_behind_a_slow_answer_are_all_applied():
    """ipywidgets queues the page's messages while the kernel is busy and merges them into one:
    the merged message carries every move no result has answered (core/app.js), not just the last."""
    app = NernstLive()
    w = app.widget
    page = dict(w.values)
    app._on_location({"new": LINK})
    page_move(w, {**page, "na_in": 13.0}, ["na_in"], 1)
    # moves 2 (na_in to 14) and 3 (cl_in to 12) waited behind move 1 and left as one message
    page_move(w, {**page, "na_in": 14.0, "cl_in": 12.0}, ["na_in", "cl_in"], 3)
    assert app.values == {**page, "k_out": 10.0, "temperature_C": 20.0, "na_in": 14.0, "cl_in": 12.0}
    assert w.result["answered"] == 3


def test_a_refused_move_is_answered_and_keeps_the_last_result():
    app = NernstLive()
    w = app.widget
    before = {k: v for k, v in w.result.items() if k != "answered"}
    page_move(w, {**w.values, "na_in": 900.0}, ["na_in"], 1)
    assert "na_in" in w.error and "between 1 and 500 mM" in w.error
    assert {k: v for k, v in w.result.items() if k != "answered"} == before
    assert w.result["answered"] == 1  # the page stops resending it


def test_a_move_made_before_the_kernel_learnt_the_link_wins_for_that_control():
    app = NernstLive()
    w = app.widget
    page = dict(w.values)
    page_move(w, {**page, "k_out": 7.0}, ["k_out"], 1)  # the reader was quicker than the report
    app._on_location({"new": LINK})
    assert app.values == {**page, "k_out": 7.0, "temperature_C": 20.0}
    assert w.values == app.values
    assert w.result["E"]["K"] == pytest.approx(nernst_mV(1, 7.0, page["k_in"], 20.0), abs=1e-9)
    # the link is not silently undone: the reader is told which setting was kept
    assert "from the link" in w.notice and "[K⁺] outside" in w.notice and "not used" in w.notice


def test_a_link_for_a_control_the_reader_moved_to_the_same_value_says_nothing_more():
    app = NernstLive()
    w = app.widget
    page_move(w, {**w.values, "k_out": 10.0}, ["k_out"], 1)
    app._on_location({"new": LINK})
    assert app.values["k_out"] == 10.0 and app.values["temperature_C"] == 20.0
    assert "Kept" not in w.notice


def test_reset_restores_the_defaults_after_a_link_even_from_a_page_that_never_saw_it():
    app = NernstLive()
    w = app.widget
    defaults = dict(w.values)
    app._on_location({"new": LINK})
    # the page still shows the defaults, so Reset changes none of its values: only `move` is sent
    page_message(w, {"move": {"seq": 1, "set": dict(defaults)}})
    assert app.values == defaults and w.values == defaults
    assert w.result["E"]["K"] == pytest.approx(nernst_mV(1, defaults["k_out"], defaults["k_in"], 37.0),
                                               abs=1e-9)
    # and from a page that had the link's values
    app2 = NernstLive()
    w2 = app2.widget
    app2._on_location({"new": LINK})
    page_move(w2, dict(defaults), list(defaults), 1)
    assert app2.values == defaults


def test_values_without_move_still_set_every_control():
    """Kernel-side code (and a client that does not say what moved) sets the whole dict, as before."""
    app = NernstLive()
    w = app.widget
    app._on_location({"new": LINK})
    w.values = {**w.values, "k_out": 5.0, "temperature_C": 37.0}
    assert app.values["k_out"] == 5.0 and app.values["temperature_C"] == 37.0
    assert w.result["values"] == app.values


def test_the_link_reaches_the_page_with_its_result_in_one_message():
    """The front end must never hold the link's result with the old values or the other way round."""
    app = GHKLive()
    w = app.widget
    sent = record_messages(w)
    app._on_location({"new": "?pna_pk=0.1"})
    with_result = [keys for keys in sent if "result" in keys]
    assert len(with_result) == 1 and {"values", "notice"} <= with_result[0], sent
    assert w.result["values"]["pna_pk"] == 0.1 == w.values["pna_pk"]


@pytest.mark.parametrize("cls", [NernstLive, GHKLive, EnergyLive])
def test_every_result_carries_the_values_it_was_computed_for(cls):
    """The front end draws a marker or a readout from ``result["values"]`` (core/app.js)."""
    app = cls()
    w = app.widget
    assert w.result["values"] == app.values
    c = app.controls[0]
    page_move(w, {**w.values, c.name: c.maximum}, [c.name], 1)
    assert w.result["values"] == app.values and app.values[c.name] == c.maximum
    assert {k: v for k, v in w.result.items() if k not in ("values", "answered")} == app.compute(app.values)
