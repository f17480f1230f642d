"""A real JupyterHub on loopback: two students log in, use an app, cannot reach each other's
server, and their servers are culled after they leave.

The hub is started from ``deploy/jupyterhub/jupyterhub_config.py`` exactly as ``make hub``
does (configurable-http-proxy from npm, the idle culler as a hub service, each student's
server = the classroom server behind ``jupyter-standaloneproxy``), with a short culling time
so the test does not wait half an hour. Every request that leaves 127.0.0.1 is aborted and
fails the test: the hub, like the book, must work offline.
"""

from __future__ import annotations

import os
import time
from urllib.parse import urlparse

import pytest

from tests.browser.figures import move_first_control, wait_figure
from tests.hub.hub import CHP, Hub, login

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CULL_TIMEOUT_S = 60  # long enough that alice is not culled while bob (on a busy machine) logs in
CULL_EVERY_S = 5
APP = "stoichiometry.ipynb"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not CHP.exists():
        message = (f"configurable-http-proxy is not installed ({CHP}); `make test` installs it "
                   "with npm from deploy/jupyterhub/package-lock.json")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + " (set CI=true to make this a failure)")
    h = Hub(tmp_path_factory.mktemp("hub"), cull_timeout_s=CULL_TIMEOUT_S, cull_every_s=CULL_EVERY_S)
    yield h
    h.stop()


class Student:
    """One browser context (its own cookies) whose requests may only go to 127.0.0.1."""

    def __init__(self, browser, name: str):
        self.name = name
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self):
        self.context.close()


def _figure_changes_after_keys(page, key: str = "ArrowRight", presses: int = 5) -> None:
    """The explorer draws, and a key press on its first control comes back with a new figure
    (tests/browser/figures.py: the live explorer counts its redraws)."""
    wait_figure(page, timeout=180000)
    move_first_control(page, presses=presses, key=key, timeout=30000)


def test_two_students_use_apps_privately_and_are_culled(browser, hub, tmp_path):
    alice, bob = Student(browser, "alice"), Student(browser, "bob")
    try:
        timings = {}
        for s in (alice, bob):
            t0 = time.perf_counter()
            login(s.page, hub, s.name)
            timings[f"{s.name} login -> gallery"] = time.perf_counter() - t0
            # the gallery is the classroom server's, under the student's own prefix
            assert s.page.url.rstrip("/").endswith(f"/user/{s.name}")
            t0 = time.perf_counter()
            s.page.goto(f"{hub.base}/user/{s.name}/voila/render/{APP}", wait_until="domcontentloaded")
            _figure_changes_after_keys(s.page)
            timings[f"{s.name} app open + slider"] = time.perf_counter() - t0
            # no code on the page, as in the classroom
            assert s.page.locator(".jp-InputArea-editor, .CodeMirror").count() == 0
        print("; ".join(f"{k}: {v:.1f} s" for k, v in timings.items()))
        alice.page.screenshot(path=str(tmp_path / "hub_alice_app.png"))

        # alice, logged in, cannot open bob's server: not the page, not the kernel API
        for path in ("/", f"/voila/render/{APP}", "/api/kernels", "/classroom/status"):
            r = alice.page.request.get(f"{hub.base}/user/bob{path}", max_redirects=0)
            assert r.status in (302, 403, 404), (path, r.status)
            assert "stoichiometry" not in r.text().lower() or r.status != 200
            if r.status == 302:  # a redirect may only lead back to the hub's own login/spawn pages
                assert "/user/bob" not in r.headers.get("location", "").split("?")[0], r.headers
        assert set(hub.servers()) >= {"alice", "bob"}

        for s in (alice, bob):
            s.page.goto(hub.base + "/hub/logout", wait_until="domcontentloaded")
            assert s.outside == [], s.outside
            assert not s.errors, s.errors
    finally:
        alice.close()
        bob.close()

    # with nobody using them, the idle culler stops both servers
    waited = hub.wait_no_servers({"alice", "bob"}, timeout_s=CULL_TIMEOUT_S + 6 * CULL_EVERY_S + 60)
    print(f"servers culled {waited:.0f} s after logout (timeout {CULL_TIMEOUT_S} s, every {CULL_EVERY_S} s)")
    assert waited >= CULL_TIMEOUT_S - CULL_EVERY_S - 5, "culled before the idle timeout"
    assert "Culling server" in hub.log_text() or "culling" in hub.log_text().lower()
