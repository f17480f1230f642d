"""Closing a dashboard tab shuts its kernel down at once (not only after the idle cull), with XSRF on.

Voilà's page sends a beacon on unload carrying the ``_xsrf`` cookie's token; stock
Voilà never sets that cookie, so Jupyter Server refuses the beacon (403,
voila-dashboards/voila#1458). The classroom server's page handler sets it
(SameSite=Strict), so the beacon passes the XSRF check; a request without the
token, or from another origin, is still refused.
"""

import re
import time

import pytest

from tests.browser.figures import wait_figure
from tests.classroom.server import ClassroomServer
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    # no pool (one kernel per page), culling far away (10 min): only the beacon can stop it quickly
    s = ClassroomServer("--pool=0")
    yield s
    s.stop()


def test_closing_the_tab_shuts_the_kernel_down(browser, server):
    page = browser.new_page()
    page.goto(server.base + "/voila/render/ion_gradients.ipynb", wait_until="domcontentloaded")
    wait_figure(page)
    assert server.status()["kernels"] == 1
    page.goto("about:blank")  # leaving the page fires the unload beacon, as closing the tab does
    deadline = time.time() + 20
    while time.time() < deadline and server.status()["kernels"] > 0:
        time.sleep(0.5)
    assert server.status()["kernels"] == 0, "the kernel outlived its closed tab"
    page.close()


def test_shutdown_from_another_origin_is_refused(browser, server):
    """A forged cross-site POST with the student's cookies is refused and the kernel lives on."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.base + "/voila/render/ion_gradients.ipynb", wait_until="domcontentloaded")
    wait_figure(page)
    kernels = server.status()["kernels"]
    # the page's own kernel (other ids on the page belong to its widgets)
    ids = set(re.findall(r'"kernelId":\s*"([0-9a-f\-]{36})"', page.content()))
    assert len(ids) == 1, f"expected the page's kernel id in its HTML, found {ids}"
    response = context.request.post(server.base + f"/voila/api/shutdown/{ids.pop()}",
                                    headers={"Origin": "http://evil.example"})
    # Jupyter Server blocks cross-origin API requests (answers 404); the XSRF check would give 403
    assert response.status in (403, 404)
    time.sleep(1)
    assert server.status()["kernels"] == kernels
    context.close()


def test_xsrf_cookie_is_strict_and_check_is_on(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.base + "/voila/render/ion_gradients.ipynb", wait_until="domcontentloaded")
    wait_figure(page)
    xsrf = [c for c in context.cookies() if c["name"] == "_xsrf"]
    assert xsrf and xsrf[0]["sameSite"] == "Strict"
    kid = re.search(r'"kernelId":\s*"([0-9a-f\-]{36})"', page.content()).group(1)
    # same origin, but no token: refused (before the fix voila.json turned the check off: 204)
    assert context.request.post(server.base + f"/voila/api/shutdown/{kid}").status == 403
    assert server.status()["kernels"] >= 1
    context.close()


def test_make_voila_runs_the_guarded_server_on_this_computer_only():
    """``make voila`` is the classroom server on loopback (cap, guard, CSP, XSRF), not bare ``voila``."""
    recipe = re.search(r"^voila:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE).group(1)
    assert "-m classroom" in recipe and "--ip=127.0.0.1" in recipe and "bin/voila " not in recipe
    assert "disable_check_xsrf" not in (ROOT / "voila.json").read_text()
