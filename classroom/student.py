"""A simulated student: opens a Voilà app and moves a slider, speaking the widget protocol.

Used by the load test and ``benchmarks/bench_classroom.py`` instead of one
Chromium per student (30 browsers do not fit on 2 cores). What a browser does,
step by step, and what is timed:

1. ``GET /voila/render/<chapter>.ipynb`` (the page; the kernel runs the notebook
   while the HTML streams); read ``kernelId`` from the page config;
2. open ``/api/kernels/<id>/channels`` (JSON websocket protocol) and fetch every
   widget's state as the widget manager of ipywidgets 8 does before drawing: one
   ``comm_open`` of the ``jupyter.widget.control`` comm and one ``request_states``,
   answered by one ``update_states`` message with all states. (If the kernel has
   no control comm, as the manager does: ``comm_info_request`` for
   ``jupyter.widget`` and one ``request_state`` per widget comm. A page with many
   widgets, e.g. the questions of a chapter, pays one kernel round trip per widget
   that way: 156 on the ion-gradients page.)
3. *time to interactive* = from 1 until every widget's state has arrived (the
   browser can then draw the sliders and the figure);
4. *slider round trip* = send a ``comm_msg`` ``update`` of a slider's value
   (what dragging does) and wait for the ``update`` of the figure's HTML model
   carrying a new ``<img>`` (a slider that changes no figure: until the kernel is
   idle again after handling the move, so every update it caused has arrived).
   A live explorer (``nakmodel.widgets.live``: one anywidget whose own JavaScript
   draws controls and figure) offers each of its controls as a slider
   ``"<comm id>#<control name>"``; moving one sends the explorer's new ``values``
   and waits for its new ``result``.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import time
import urllib.request
import uuid
from dataclasses import dataclass, field

import websocket  # websocket-client

SLIDER_MODELS = {"FloatSliderModel", "FloatLogSliderModel", "IntSliderModel"}


class StudentError(RuntimeError):
    pass


CONTROL_TARGET = "jupyter.widget.control"
CONTROL_PROTOCOL_VERSION = "1.0.0"  # ipywidgets 8's widget control protocol (ipywidgets.widgets.widget)


def _msg(session: str, msg_type: str, content: dict, channel: str = "shell",
         metadata: dict | None = None) -> dict:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "username": "student", "session": session,
                   "msg_type": msg_type, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel,
        "buffers": [],
    }


@dataclass
class Student:
    base: str                      # http://127.0.0.1:8866
    notebook: str = "ion_gradients.ipynb"
    query: str = ""
    timeout: float = 120.0
    kernel_id: str = ""
    html: str = ""
    status: int = 0
    states: dict = field(default_factory=dict)     # comm_id -> widget state
    time_to_html: float = float("nan")
    time_to_interactive: float = float("nan")
    ws: object = None

    def __post_init__(self):
        self.session = uuid.uuid4().hex

    # ----- opening -----------------------------------------------------------------------
    def open(self) -> float:
        t0 = time.perf_counter()
        url = f"{self.base}/voila/render/{self.notebook}" + (f"?{self.query}" if self.query else "")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as r:
                self.status, self.html = r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            self.status, self.html = err.code, err.read().decode("utf-8", "replace")
            raise StudentError(f"page answered HTTP {err.code}") from err
        self.time_to_html = time.perf_counter() - t0
        m = re.search(r'"kernelId":\s*"([0-9a-f\-]+)"', self.html)
        if not m:
            raise StudentError("no kernelId in the page")
        self.kernel_id = m.group(1)
        ws_url = self.base.replace("http", "ws", 1) \
            + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(ws_url, timeout=self.timeout)
        if not self._fetch_all_states():
            self._fetch_states_one_by_one()
        self.time_to_interactive = time.perf_counter() - t0
        return self.time_to_interactive

    def _fetch_all_states(self) -> bool:
        """Every widget's state in one reply over the widget control comm; False if the kernel has none."""
        comm_id = uuid.uuid4().hex
        self.send("comm_open", {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
                  metadata={"version": CONTROL_PROTOCOL_VERSION})
        self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            msg = self.recv(deadline)
            content = msg.get("content", {})
            if msg["msg_type"] == "comm_close" and content.get("comm_id") == comm_id:
                return False  # no such target in the kernel
            if msg["msg_type"] == "comm_msg" and content.get("comm_id") == comm_id:
                data = content.get("data", {})
                if data.get("method") == "update_states":
                    for model_id, entry in data.get("states", {}).items():
                        self.states[model_id] = dict(entry.get("state", {}))
                    with contextlib.suppress(Exception):
                        self.send("comm_close", {"comm_id": comm_id, "data": {}})
                    return bool(self.states)
        raise StudentError("the widget states never arrived")

    def _fetch_states_one_by_one(self) -> None:
        reply = self.request("comm_info_request", {"target_name": "jupyter.widget"}, "comm_info_reply")
        comms = list(reply["content"]["comms"])
        pending = set(comms)
        for cid in comms:
            self.send("comm_msg", {"comm_id": cid, "data": {"method": "request_state"}})
        deadline = time.time() + self.timeout
        while pending and time.time() < deadline:
            msg = self.recv(deadline)
            if msg["msg_type"] == "comm_msg":
                data = msg["content"]["data"]
                cid = msg["content"]["comm_id"]
                if data.get("method") == "update" and cid in pending:
                    self.states[cid] = dict(data.get("state", {}))
                    pending.discard(cid)
        if pending:
            raise StudentError(f"{len(pending)} widget states never arrived")

    # ----- protocol helpers --------------------------------------------------------------
    def send(self, msg_type: str, content: dict, channel: str = "shell", metadata: dict | None = None) -> str:
        m = _msg(self.session, msg_type, content, channel, metadata)
        self.ws.send(json.dumps(m))
        return m["header"]["msg_id"]

    def recv(self, deadline: float) -> dict:
        self.ws.settimeout(max(0.05, deadline - time.time()))
        try:
            raw = self.ws.recv()
        except websocket.WebSocketTimeoutException as err:
            raise StudentError("timed out waiting for the kernel") from err
        if isinstance(raw, bytes):  # a message with binary buffers: the legacy binary frame
            from jupyter_server.services.kernels.connection.base import deserialize_binary_message

            msg = deserialize_binary_message(raw)
        else:
            msg = json.loads(raw)
        msg["msg_type"] = msg.get("msg_type") or msg["header"]["msg_type"]
        return msg

    def request(self, msg_type: str, content: dict, reply_type: str, timeout: float | None = None) -> dict:
        msg_id = self.send(msg_type, content)
        deadline = time.time() + (timeout or self.timeout)
        while True:
            msg = self.recv(deadline)
            if msg["msg_type"] == reply_type and msg["parent_header"].get("msg_id") == msg_id:
                return msg

    # ----- widgets -----------------------------------------------------------------------
    def sliders(self) -> dict:
        """comm_id -> state of every slider (in page order); a live explorer's controls as
        ``"<comm id>#<name>"`` -> ``{"min", "max", "value", "_model_name"}``."""
        out = {cid: s for cid, s in self.states.items() if s.get("_model_name") in SLIDER_MODELS}
        for cid, s in self.states.items():
            if s.get("_model_name") == "AnyModel" and isinstance(s.get("spec"), dict):
                for c in s["spec"].get("controls", []):
                    value = s.get("values", {}).get(c["name"], c["default"])
                    if c.get("log"):  # as ipywidgets' FloatLogSlider: min/max/step are powers of 10
                        out[f"{cid}#{c['name']}"] = {"min": math.log10(c["min"]), "max": math.log10(c["max"]),
                                                     "step": c["step"], "base": 10, "value": value,
                                                     "_model_name": "FloatLogSliderModel"}
                    else:
                        out[f"{cid}#{c['name']}"] = {"min": c["min"], "max": c["max"], "step": c["step"],
                                                     "value": value, "_model_name": "FloatSliderModel"}
        return out

    def _move_explorer(self, slider_id: str, value: float, timeout: float) -> float:
        cid, name = slider_id.split("#", 1)
        state = self.states[cid]
        before = state.get("result")
        values = {**state.get("values", {}), name: value}
        t0 = time.perf_counter()
        update = {"method": "update", "state": {"values": values}, "buffer_paths": []}
        sent = self.send("comm_msg", {"comm_id": cid, "data": update})
        state["values"] = values
        deadline = time.time() + timeout
        while True:
            msg = self.recv(deadline)
            if (msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                    and msg.get("parent_header", {}).get("msg_id") == sent):
                # handled, and the result did not change (traitlets sends no unchanged state)
                return time.perf_counter() - t0
            if msg["msg_type"] != "comm_msg" or msg["content"]["comm_id"] != cid:
                continue
            data = msg["content"]["data"]
            if data.get("method") == "update" and "result" in data.get("state", {}):
                state.update(data["state"])
                if data["state"]["result"] != before:
                    return time.perf_counter() - t0

    def figure_ids(self) -> list[str]:
        """comm_ids of every figure (HTML widget holding an ``<img>``), in page order."""
        ids = [cid for cid, s in self.states.items()
               if s.get("_model_name") == "HTMLModel" and "<img" in str(s.get("value", ""))]
        if not ids:
            raise StudentError("no figure (HTML widget with <img>) on the page")
        return ids

    def figure_id(self) -> str:
        return self.figure_ids()[0]

    def slider_value(self, state: dict, rng) -> float:
        """A random value a person could drag ``state``'s slider to (on its step grid; log sliders in log)."""
        lo, hi = float(state["min"]), float(state["max"])
        step = float(state.get("step") or 0) or (hi - lo) / 100
        x = lo + round(rng.uniform(0, 1) * (hi - lo) / step) * step
        if state["_model_name"] == "FloatLogSliderModel":
            return float(state.get("base", 10)) ** x
        return round(x) if state["_model_name"] == "IntSliderModel" else round(x, 10)

    def move(self, slider_id: str, value: float, timeout: float = 60.0) -> float:
        """Set a slider's value like a drag; return seconds until a figure's new image arrives
        (a live explorer's control: until its new result arrives), or, for a slider that changes no
        figure, until the kernel reports it is idle again after handling the move.

        On a page with two apps the slider's own app redraws; any figure changing counts.
        """
        if "#" in slider_id:
            return self._move_explorer(slider_id, value, timeout)
        figs = set(self.figure_ids())
        before = {f: self.states[f].get("value") for f in figs}
        t0 = time.perf_counter()
        update = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        sent = self.send("comm_msg", {"comm_id": slider_id, "data": update})
        deadline = time.time() + timeout
        while True:
            msg = self.recv(deadline)
            if (msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                    and msg.get("parent_header", {}).get("msg_id") == sent):
                # the kernel has handled the move and sent everything it caused, but no figure changed
                # (a slider that sets a readout or another widget, e.g. the cycle's event slider)
                return time.perf_counter() - t0
            if msg["msg_type"] != "comm_msg":
                continue
            data, cid = msg["content"]["data"], msg["content"]["comm_id"]
            if data.get("method") in ("update", "echo_update"):
                self.states.setdefault(cid, {}).update(data.get("state", {}))
            if (cid in figs and data.get("method") == "update" and "value" in data.get("state", {})
                    and data["state"]["value"] != before[cid]):
                return time.perf_counter() - t0

    def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                self.ws.close()
            self.ws = None
