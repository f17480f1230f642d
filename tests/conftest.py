"""Fixtures shared by the whole test suite.

* ``built_book``: builds the book once per session with the exact command of
  the README (``jupyter-book build . --all -W -n --keep-going``) and returns
  the result; tests that need ``_build/html`` depend on it.
* ``chromium_executable``: the system Chromium. Missing Chromium fails when
  ``CI`` is set (browser tests must run there) and skips otherwise.
* ``voila_server``: Voilà serving ``chapters/`` as ``make voila`` does (the repository's
  ``voila.json`` and the book's template) on a free local port.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
os.environ.setdefault("MPLBACKEND", "Agg")


@dataclass
class BookBuild:
    returncode: int
    seconds: float
    log: str
    html: Path


@pytest.fixture(scope="session")
def built_book() -> BookBuild:
    html = ROOT / "_build" / "html"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(VENV_BIN / "jupyter-book"), "build", ".", "--all", "-W", "-n", "--keep-going"],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )
    seconds = time.perf_counter() - t0
    print(f"\nbook build: {seconds:.1f} s, exit {proc.returncode}")
    return BookBuild(proc.returncode, seconds, proc.stdout + proc.stderr, html)


def _find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium_executable():
    path = _find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no system Chromium was found: install the Debian packages "
                        "'chromium chromium-driver' (make test does this)")
        pytest.skip("no system Chromium (set CI=true to make this a failure)")
    return path


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout_s: float = 60.0) -> None:
    import urllib.request

    deadline = time.time() + timeout_s
    last = None
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except Exception as err:  # noqa: BLE001 - retry until the deadline
            last = err
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s: {last}")


@contextlib.contextmanager
def running_server(cmd, base, health_url, log, env=None, start_timeout_s=90, stop_timeout_s=20):
    """Start ``cmd`` (a server answering at ``base``), wait until ``health_url`` answers 200,
    yield ``base``; terminate it afterwards (kill if it does not stop). Output goes to ``log``."""
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_for_http(health_url, start_timeout_s)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(stop_timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [str(VENV_BIN / "voila"), "chapters/", f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"]
    env = dict(os.environ)
    from classroom.template import template_options

    cmd += template_options(env)  # as `make voila`: the book's template from the repository
    with running_server(cmd, base, base + "/", tmp_path_factory.mktemp("voila") / "voila.log", env=env) as url:
        yield url
