"""The dashboards load nothing from outside the server (classrooms may have no internet).

Every request whose host is not the loopback server is aborted and recorded; a test fails if a
page attempted one. Voilà 0.5's lab template links Font Awesome from cdn.jsdelivr.net and, as a
Jupyter Server extension (Binder), loads MathJax from cdnjs; the repository's template
(share/jupyter/voila/templates/nak-offline) and jupyter_config.json serve them locally.
Checked for the three ways the apps are served: the classroom server (``make classroom``),
plain Voilà (``make voila``) and Jupyter Server with the Binder config (``postBuild``).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from tests.classroom.server import shared_server
from tests.conftest import ROOT, VENV_BIN, free_port, running_server

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# what a page may load from the network: <script src>, <link href>, import("...")
EXTERNAL_LOAD = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)=["']?((?:https?:)?//[^"'\s>]+)"""
                           r"""|import\(\s*["']((?:https?:)?//[^"']+)""", re.IGNORECASE)


class OfflinePage:
    """A page on which every non-loopback request is aborted and recorded."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.external: list[str] = []
        self.responses: dict[str, int] = {}
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("response", lambda r: self.responses.__setitem__(r.url, r.status))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        scheme, host = urllib.parse.urlsplit(url).scheme, urllib.parse.urlsplit(url).hostname
        if scheme in ("data", "blob", "about") or host in LOOPBACK:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def goto(self, url: str):
        self.page.goto(url, wait_until="load", timeout=120000)
        self.check_html()

    def check_html(self):
        """No <script src>/<link href>/import() to another host (also those only used on demand)."""
        urls = [m.group(1) or m.group(2) for m in EXTERNAL_LOAD.finditer(self.page.content())]
        loads = [u for u in urls if urllib.parse.urlsplit(u).hostname not in LOOPBACK]
        assert not loads, f"{self.page.url} references external assets: {loads}"

    def assert_offline(self, what: str):
        self.page.wait_for_timeout(1000)  # late requests (fonts, lazy modules)
        assert not self.external, f"{what} requested outside the server: {self.external}"
        bad = {u: s for u, s in self.responses.items() if "fontawesome" in u and s >= 400}
        assert not bad, f"{what}: vendored Font Awesome files missing: {bad}"

    def assert_explorer_draws(self):
        """The chapter's live explorer draws in the page (its front end and uPlot are served by the
        server, nothing from outside). Font Awesome, vendored for Voilà's file list and error pages,
        is checked by ``assert_offline`` (every request to it must succeed)."""
        self.page.locator(".nak-live canvas").first.wait_for(state="visible", timeout=120000)

    def close(self):
        assert not self.errors, self.errors
        self.page.close()


def test_classroom_gallery_and_dashboard_offline(browser):
    """``make classroom``: the gallery and an app opened from it."""
    server = shared_server()
    p = OfflinePage(browser)
    p.goto(server.base + "/")
    p.assert_offline("the gallery")
    p.page.locator('a.chapter[data-stem="ouabain"]').click()  # live explorers and ipywidgets questions
    p.page.wait_for_url(re.compile(r"/voila/render/ouabain\.ipynb"))
    p.assert_explorer_draws()
    p.check_html()
    p.assert_offline("the classroom dashboard")
    p.close()


def test_plain_voila_tree_dashboard_and_error_page_offline(browser, voila_server):
    """``make voila``: the file list, an app and the 404 page (Voilà's page.html links FA 4.5 from a CDN)."""
    p = OfflinePage(browser)
    p.goto(voila_server + "/")
    p.page.locator("text=ion_gradients.ipynb").first.wait_for(timeout=60000)
    p.assert_offline("the Voilà file list")
    p.goto(voila_server + "/voila/render/ouabain.ipynb")
    p.assert_explorer_draws()
    p.assert_offline("the Voilà dashboard")
    p.page.goto(voila_server + "/voila/render/no_such_chapter.ipynb", wait_until="load")
    p.assert_offline("Voilà's 404 page")
    p.page.close()  # the 404 page logs its status as a console error only


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory):
    """Jupyter Server as Binder starts it: ``postBuild`` run with a fresh HOME, then ``jupyter server``."""
    home = tmp_path_factory.mktemp("binder_home")
    env = {**os.environ, "HOME": str(home), "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("JUPYTER_CONFIG_DIR", None)
    built = subprocess.run(["bash", "postBuild"], check=False, cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert built.returncode == 0, f"postBuild failed:\n{built.stdout}{built.stderr}"
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="binder_", suffix=".log")[1])
    base = f"http://127.0.0.1:{port}"
    cmd = [str(VENV_BIN / "jupyter"), "server", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--allow-root"]
    with running_server(cmd, base, base + "/api/status", log, env=env) as url:
        yield url


def test_binder_voila_extension_offline(browser, binder_server):
    """Binder (Voilà as a Jupyter Server extension): the file list and an app; MathJax not from cdnjs."""
    p = OfflinePage(browser)
    p.goto(binder_server + "/voila/tree")
    p.page.get_by_text("chapters", exact=True).first.wait_for(timeout=60000)
    p.assert_offline("Binder's Voilà file list")
    p.goto(binder_server + "/voila/render/chapters/ouabain.ipynb")  # live explorers and ipywidgets questions
    p.assert_explorer_draws()
    p.assert_offline("Binder's Voilà dashboard")
    p.close()
