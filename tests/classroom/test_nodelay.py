"""Nagle's algorithm is off on the kernel websockets of every server that serves the apps.

A kernel answers a slider move with several small frames; with Nagle on, the second waits for
the browser's delayed acknowledgement of the first (~40 ms on Linux). The check reads the socket
option ``TCP_NODELAY`` on the server's own end of the test's connection (tests/classroom/sockets.py).
Each test also reads a connection the server leaves with Nagle on (an HTTP keep-alive connection,
which tornado resets to its default after every response), so the probe is seen to tell the two apart.
"""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from classroom.student import Student
from tests.classroom import sockets
from tests.classroom.server import shared_server
from tests.conftest import ROOT, VENV_BIN, free_port, wait_for_http

CONNECTION_CLASS = "nakmodel.nodelay.NoDelayKernelWebsocketConnection"


@pytest.fixture(autouse=True)
def _linux_only():
    sockets.skip_unless_supported()


def _keepalive_nodelay(host: str, port: int, path: str) -> bool:
    """TCP_NODELAY on the server's end of an HTTP/1.1 keep-alive connection after one response."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path)
        conn.getresponse().read()
        on, _pid = sockets.server_nodelay(conn.sock)
        return on
    finally:
        conn.close()


def _assert_kernel_socket_nodelay(base: str, notebook: str, server_pids: set[int]) -> None:
    s = Student(base, notebook, timeout=120)
    try:
        s.open()
        on, pid = sockets.server_nodelay(s.ws.sock)
        assert pid in server_pids, f"the websocket's server end is in process {pid}, not the server"
        assert on, "TCP_NODELAY is off on the server's end of the kernel websocket (Nagle on)"
        # and the app still answers over it
        cid, state = next(iter(s.sliders().items()))
        lo, hi = float(state["min"]), float(state["max"])
        assert s.move(cid, lo + 0.5 * (hi - lo) if state["value"] != lo + 0.5 * (hi - lo) else lo) > 0
    finally:
        s.close()


def test_classroom_server_kernel_websocket_has_nodelay():
    """The classroom server (``make classroom``, ``make voila``; reads voila.json)."""
    server = shared_server()
    server.wait_pool_ready()
    port = int(server.base.rsplit(":", 1)[1])
    assert _keepalive_nodelay("127.0.0.1", port, "/classroom/status") is False  # the probe sees Nagle on
    _assert_kernel_socket_nodelay(server.base, "ion_gradients.ipynb", {server.proc.pid})


def test_configs_name_the_nodelay_connection():
    import json

    voila = json.loads((ROOT / "voila.json").read_text())
    binder = json.loads((ROOT / "jupyter_config.json").read_text())
    assert voila["Voila"]["kernel_websocket_connection_class"] == CONNECTION_CLASS
    assert binder["ServerApp"]["kernel_websocket_connection_class"] == CONNECTION_CLASS


@pytest.mark.slow
def test_binder_server_kernel_websocket_has_nodelay(tmp_path):
    """Binder: Jupyter Server with the Voilà extension, configured by jupyter_config.json in ~/.jupyter
    (as postBuild installs it), the book's template found through JUPYTER_PATH."""
    home = tmp_path / "home"
    (home / ".jupyter").mkdir(parents=True)
    shutil.copy(ROOT / "jupyter_config.json", home / ".jupyter" / "jupyter_config.json")
    env = {**os.environ, "HOME": str(home), "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
           "PYTHONPATH": str(ROOT), "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("JUPYTER_CONFIG_DIR", None)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="binder_nodelay_", suffix=".log")[1])
    with open(log, "w") as fh:
        proc = subprocess.Popen([str(VENV_BIN / "jupyter"), "server", "--no-browser", f"--port={port}",
                                 "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--allow-root"],
                                cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_for_http(base + "/api/status", 90)
        assert _keepalive_nodelay("127.0.0.1", port, "/api/status") is False
        _assert_kernel_socket_nodelay(base, "chapters/ion_gradients.ipynb", {proc.pid})
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
