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


def test_a_move_that_changes_no_result_is_answered():
    """A live explorer's control set to the value it already has changes no result, so the kernel
    sends none (traitlets syncs only changes): the move is answered when the kernel is idle again
    after handling it, instead of the student waiting for a new result and counting an error."""
    server = shared_server()
    server.wait_pool_ready()
    s = Student(server.base, "ion_gradients.ipynb", timeout=120)
    try:
        s.open()
        cid, st = next((k, v) for k, v in s.sliders().items() if "#" in k)
        seconds = s.move(cid, st["value"], timeout=30)
        assert 0 < seconds < 30
        # and a real move still waits for, and gets, a new result
        other = st["max"] if st["value"] != st["max"] else st["min"]
        before = s.states[cid.split("#")[0]]["result"]
        assert 0 < s.move(cid, other, timeout=30) < 30
        assert s.states[cid.split("#")[0]]["result"] != before
    finally:
        s.close()
