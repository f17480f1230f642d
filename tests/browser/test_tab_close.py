"""Closing a dashboard tab shuts its kernel down at once (not only after the idle cull).

Voilà's page sends a beacon on unload; stock Jupyter Server refuses it (403,
no XSRF header; voila-dashboards/voila#1458). ``voila.json`` (read by the classroom
server and by standalone Voilà) sets ``disable_check_xsrf``. Cross-origin requests
stay refused (Jupyter Server's origin check).
"""

import re
import time

import pytest

from tests.browser.figures import wait_figure
from tests.classroom.server import ClassroomServer

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
    ids = set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", page.content()))
    assert len(ids) == 1, f"expected the page's kernel id in its HTML, found {ids}"
    response = context.request.post(server.base + f"/voila/api/shutdown/{ids.pop()}",
                                    headers={"Origin": "http://evil.example"})
    # Jupyter Server blocks cross-origin API requests (answers 404); the XSRF check would give 403
    assert response.status in (403, 404)
    time.sleep(1)
    assert server.status()["kernels"] == kernels
    context.close()


def test_plain_voila_also_shuts_the_kernel_down(browser, voila_server):
    """``make voila`` (standalone Voilà): the same voila.json setting; a cross-origin
    request is still refused."""
    page = browser.new_page()
    page.goto(voila_server + "/voila/render/ion_gradients.ipynb", wait_until="domcontentloaded")
    wait_figure(page)
    ids = set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", page.content()))
    assert len(ids) == 1
    kernel_url = voila_server + f"/api/kernels/{ids.pop()}"
    assert page.request.get(kernel_url).status == 200
    forged = page.context.request.post(kernel_url.replace("/api/kernels/", "/voila/api/shutdown/"),
                                       headers={"Origin": "http://evil.example"})
    assert forged.status in (403, 404) and page.request.get(kernel_url).status == 200
    page.goto("about:blank")
    deadline = time.time() + 20
    while time.time() < deadline and page.request.get(kernel_url).status == 200:
        time.sleep(0.5)
    assert page.request.get(kernel_url).status == 404, "the kernel outlived its closed tab"
    page.close()
