"""Behind JupyterHub, Nagle's algorithm is off on every hop of a kernel websocket.

The hub's path, without the hub's login: configurable-http-proxy (the hub's proxy, from npm) ->
``python -m classroom.hubproxy --no-authentication`` (the student server's command of
``deploy/jupyterhub/config.yaml``, jupyter-standaloneproxy with Nagle off) -> the classroom server.
A simulated student opens an app through it; the socket option TCP_NODELAY is read on both ends of
each hop of its websocket (tests/classroom/sockets.py). The same check on an HTTP keep-alive
connection through the proxy, which tornado leaves with Nagle on, shows that the probe tells the two
apart; ``jupyter-standaloneproxy`` itself leaves Nagle on (read here too: what the wrapper is for).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest

from classroom.student import Student
from tests.classroom import sockets
from tests.conftest import ROOT, VENV_BIN, free_port, wait_for_http
from tests.hub.hub import CHP

pytestmark = pytest.mark.slow

SERVER = ["--", sys.executable, "-m", "classroom", "--port={port}", "--ip=127.0.0.1", "--pool=0",
          "--cull-minutes=10"]


class Chain:
    """configurable-http-proxy -> standalone proxy (``proxy_cmd``) -> classroom server, on loopback."""

    def __init__(self, proxy_cmd: list[str], tmp: Path):
        self.procs: list[subprocess.Popen] = []
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
        self.proxy_port, self.chp_port = free_port(), free_port()
        self.proxy = self._start([*proxy_cmd, "--no-authentication", f"--port={self.proxy_port}",
                                  "--timeout=180", "--activity-interval=0", *SERVER], env, tmp / "proxy.log")
        self.chp = self._start([str(CHP), "--ip=127.0.0.1", f"--port={self.chp_port}",
                                f"--api-port={free_port()}", f"--default-target=http://127.0.0.1:{self.proxy_port}"],
                               {**env, "CONFIGPROXY_AUTH_TOKEN": "test-only"}, tmp / "chp.log")
        self.base = f"http://127.0.0.1:{self.chp_port}"
        wait_for_http(self.base + "/classroom/status", 120)

    def _start(self, cmd, env, log):
        with open(log, "w") as fh:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def classroom(self) -> psutil.Process:
        kids = [p for p in psutil.Process(self.proxy.pid).children()
                if "classroom" in " ".join(p.cmdline()) and "hubproxy" not in " ".join(p.cmdline())]
        assert kids, "the standalone proxy did not start the classroom server"
        return kids[0]

    def stop(self):
        for p in reversed(self.procs):
            for child in psutil.Process(p.pid).children(recursive=True) if p.poll() is None else []:
                child.terminate()
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()


def hop_ends(client_pid: int, server: psutil.Process) -> list[tuple[bool, bool]]:
    """(client end, server end) TCP_NODELAY of every established connection ``client_pid`` -> ``server``
    whose server end is a websocket (the server's HTTP keep-alive ends have Nagle on)."""
    port = next(c.laddr.port for c in server.net_connections("tcp") if c.status == psutil.CONN_LISTEN)
    out = []
    for c in psutil.Process(client_pid).net_connections("tcp"):
        if c.raddr and c.raddr.port == port and c.status == psutil.CONN_ESTABLISHED:
            pid, fd = sockets.peer_end((c.laddr.ip, c.laddr.port), (c.raddr.ip, c.raddr.port))
            out.append((bool(sockets.option_at(client_pid, c.fd)), bool(sockets.option_at(pid, fd))))
    return out


def _check_chain(chain: Chain) -> dict:
    s = Student(chain.base, "ion_gradients.ipynb", timeout=180)
    try:
        s.open()
        browser_end, chp_pid = sockets.server_nodelay(s.ws.sock)
        assert chp_pid == chain.chp.pid
        # the websocket's hops: CHP -> proxy, proxy -> classroom server
        chp_proxy = hop_ends(chain.chp.pid, psutil.Process(chain.proxy.pid))
        proxy_server = hop_ends(chain.proxy.pid, chain.classroom())
        # the app answers through the chain
        cid, state = next(iter(s.sliders().items()))
        target = float(state["min"]) if state["value"] != float(state["min"]) else float(state["max"])
        assert s.move(cid, target) > 0
        return {"browser<-chp": browser_end, "chp->proxy": chp_proxy, "proxy->server": proxy_server}
    finally:
        s.close()


@pytest.fixture(autouse=True)
def _needs():
    sockets.skip_unless_supported()
    if not CHP.exists():
        pytest.skip(f"configurable-http-proxy is not installed ({CHP}); `make test` installs it")


def test_every_hop_of_the_hub_path_has_nodelay(tmp_path):
    chain = Chain([sys.executable, "-m", "classroom.hubproxy"], tmp_path)
    try:
        hops = _check_chain(chain)
        print(hops)
        assert hops["browser<-chp"], "configurable-http-proxy's end towards the browser has Nagle on"
        # the websocket is the one connection of each hop whose server end has Nagle off
        assert [c for c, srv in hops["chp->proxy"] if srv] == [True], hops  # CHP's end, once
        assert [c for c, srv in hops["proxy->server"] if srv] == [True], hops
        # and an HTTP keep-alive connection through the proxy keeps tornado's default (the probe sees it)
        conn = http.client.HTTPConnection("127.0.0.1", chain.proxy_port, timeout=30)
        try:
            conn.request("GET", "/classroom/status")
            conn.getresponse().read()
            assert sockets.server_nodelay(conn.sock)[0] is False
        finally:
            conn.close()
    finally:
        chain.stop()


def test_stock_standaloneproxy_leaves_nagle_on(tmp_path):
    """What classroom.hubproxy is for: jupyter-standaloneproxy's websocket ends have Nagle on."""
    chain = Chain([str(VENV_BIN / "jupyter-standaloneproxy")], Path(tempfile.mkdtemp(dir=tmp_path)))
    try:
        hops = _check_chain(chain)
        print(hops)
        # proxy's end towards CHP: Nagle on, so no CHP->proxy connection has both ends off
        assert not any(c and srv for c, srv in hops["chp->proxy"]), hops
        assert not any(c for c, srv in hops["proxy->server"] if srv), hops
    finally:
        chain.stop()
