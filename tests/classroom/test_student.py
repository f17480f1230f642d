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
