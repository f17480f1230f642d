"""The simulated student fetches widget states as the browser's widget manager does.

ipywidgets 8's manager asks for every state in one ``request_states`` over the
``jupyter.widget.control`` comm; the older way (``comm_info_request`` and one ``request_state``
per widget) costs one kernel round trip per widget, which made the benchmark's time to
interactive a property of the simulation (the ion-gradients page has over a hundred widgets).
Both ways must give the same widgets and the same states: the one-by-one way is the independent
check of the one-reply way.
"""

from __future__ import annotations

from classroom.student import Student
from tests.classroom.server import shared_server


def test_one_reply_gives_the_same_states_as_one_by_one():
    server = shared_server()
    server.wait_pool_ready()
    fast, slow = Student(server.base, "ion_gradients.ipynb", timeout=120), None
    try:
        fast.open()
        slow = Student(server.base, "ion_gradients.ipynb", timeout=120)
        slow.ws, slow.session, slow.kernel_id = fast.ws, fast.session, fast.kernel_id
        slow._fetch_states_one_by_one()
        assert set(fast.states) == set(slow.states)
        assert len(fast.states) > 20  # a page with the explorer and the chapter's questions
        for model_id, state in slow.states.items():
            assert fast.states[model_id]["_model_name"] == state["_model_name"]
            assert fast.states[model_id].get("value") == state.get("value"), model_id
        # the explorer's controls are found in the one-reply states
        assert any("#" in key for key in fast.sliders())
    finally:
        fast.close()


def test_a_move_that_changes_no_figure_is_answered():
    """The cycle explorer's event slider sets the step shown, not the figure: the move is answered when
    the kernel is idle again after handling it (before: the student waited for a new image and failed)."""
    server = shared_server()
    server.wait_pool_ready()
    s = Student(server.base, "pump_cycle.ipynb", timeout=120)
    try:
        s.open()
        event = [(cid, st) for cid, st in s.sliders().items() if st.get("description") == "event"]
        assert event, "the cycle explorer has no event slider any more: pick another such slider"
        cid, st = event[0]
        figure = {f: s.states[f].get("value") for f in s.figure_ids()}
        seconds = s.move(cid, int(st["max"]) if st["value"] != st["max"] else 0, timeout=30)
        assert 0 < seconds < 30
        assert {f: s.states[f].get("value") for f in s.figure_ids()} == figure  # no figure changed
        # a move that does change the figure still waits for the new image
        na = next(c for c, x in s.sliders().items() if "Na" in str(x.get("description")))
        assert s.move(na, 50.0, timeout=60) > 0
        assert any(s.states[f].get("value") != figure[f] for f in figure)
    finally:
        s.close()
