"""Start a real JupyterHub on loopback for the tests (deploy/jupyterhub/jupyterhub_config.py)."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, VENV_BIN, free_port, wait_for_http

HUB_DIR = ROOT / "deploy" / "jupyterhub"
CHP = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "class-password"


class Hub:
    """A JupyterHub with the course's configuration, its proxy and idle culler, on 127.0.0.1."""

    def __init__(self, state: Path, cull_timeout_s: int = 20, cull_every_s: int = 5):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(16)
        self.log = state / "hub.log"
        env = {
            **os.environ,
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "NAKBOOK_HUB_STATE": str(state),
            "NAKBOOK_HUB_PORT": str(self.port),
            "NAKBOOK_HUB_API_PORT": str(free_port()),
            "NAKBOOK_HUB_PROXY_API_PORT": str(free_port()),
            "NAKBOOK_HUB_PASSWORD": PASSWORD,
            "NAKBOOK_HUB_ADMIN_TOKEN": self.token,
            "NAKBOOK_HUB_CULL_TIMEOUT": str(cull_timeout_s),
            "NAKBOOK_HUB_CULL_EVERY": str(cull_every_s),
        }
        with open(self.log, "w") as fh:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")],
                cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
            )
        try:
            wait_for_http(self.base + "/hub/api/", 60)
        except Exception:
            self.stop()
            raise

    def api(self, path: str):
        req = urllib.request.Request(self.base + "/hub/api" + path,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def servers(self) -> dict:
        """Running (or starting) servers by user name."""
        return {u["name"]: u["servers"] for u in self.api("/users?state=active")
                if u.get("servers")}

    def wait_no_servers(self, users, timeout_s: float) -> float:
        """Seconds until none of ``users`` has a server (raises after ``timeout_s``)."""
        t0 = time.time()
        while time.time() - t0 < timeout_s:
            running = self.servers()
            if not any(u in running for u in users):
                return time.time() - t0
            time.sleep(1)
        raise AssertionError(f"servers of {users} still running after {timeout_s} s: {self.servers()}")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def login(page, hub: Hub, user: str, timeout_ms: float = 180000) -> None:
    """Log in through the hub's form; returns when the student's gallery is shown."""
    page.goto(hub.base + "/hub/login", wait_until="domcontentloaded")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(re.compile(rf".*/user/{user}/.*"), timeout=timeout_ms)
    page.locator("li.card").first.wait_for(timeout=timeout_ms)
