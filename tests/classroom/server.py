"""Start classroom servers for the tests (one shared per test process, others on demand)."""

from __future__ import annotations

import atexit
import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, free_port, wait_for_http

_SHARED: dict = {}


class ClassroomServer:
    def __init__(self, *options: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="classroom_", suffix=".log")[1])
        with open(self.log, "w") as fh:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "classroom", f"--port={self.port}", "--ip=127.0.0.1", *options],
                cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
            )
        try:
            wait_for_http(self.base + "/classroom/status", 90)
        except Exception:
            self.stop()
            raise

    def status(self) -> dict:
        with urllib.request.urlopen(self.base + "/classroom/status", timeout=10) as r:
            return json.loads(r.read())

    def wait_pool_ready(self, timeout: float = 120) -> None:
        """Until no kernel is still starting (the preheated pool is warm)."""
        import time

        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.status()
            if s["ready"] >= s["pooled"]:
                return
            time.sleep(0.5)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def shared_server() -> ClassroomServer:
    """The classroom server as ``make classroom`` starts it (pool 1, cap auto, culling 10 min)."""
    if "server" not in _SHARED:
        _SHARED["server"] = ClassroomServer()
        atexit.register(_SHARED["server"].stop)
    return _SHARED["server"]
