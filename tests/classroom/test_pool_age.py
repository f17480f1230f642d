"""A preheated kernel serves its app however long it waited for its student (issue 14, Build 1).

Voilà's ``VoilaExecutor.timeout`` counts while a cell runs. The apps used to
wait inside their cell for the page's request (``voila.utils.get_query_string``),
so a pooled kernel that waited longer than the timeout served only "Cell
execution timed out". Now no cell waits: the notebook runs to its end when the
kernel is warmed, and a teacher link reaches the app from the page afterwards
(:class:`nakmodel.widgets.links.LocationReport`).

The server here runs with a short executor timeout (``NAK_POOL_TIMEOUT_S``,
default 20 s: long enough for the app cell itself on a loaded 2-core machine)
and the pages are opened ``NAK_POOL_AGE_S`` (default 30 s) after the pool is
warm, i.e. past the timeout. The full classroom case (default
120 s timeout, page opened 130 s after warm-up) is the same test with
``NAK_POOL_TIMEOUT_S=120 NAK_POOL_AGE_S=130``.
"""

from __future__ import annotations

import os
import time
import urllib.parse

import pytest

from nakmodel.constants import MAMMALIAN_NEURON
from tests.browser.figures import move_first_control, wait_figure
from tests.classroom.server import ClassroomServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT_S = int(os.environ.get("NAK_POOL_TIMEOUT_S", "20"))
AGE_S = float(os.environ.get("NAK_POOL_AGE_S", "30"))
CHAPTER = "ion_gradients"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TIMED_OUT = ("timed out", "took too long", "could not be computed")


@pytest.fixture(scope="module")
def server():
    # only this chapter is pooled (one kernel), so the warm-up is not slowed by seven others
    s = ClassroomServer("--pool=0", f"--pool-for={CHAPTER}=1", "--max-kernels=6",
                        f"--VoilaExecutor.timeout={TIMEOUT_S}")
    yield s
    s.stop()


def _wait_ready(server, timeout_s=240.0) -> float:
    """Until a pooled kernel has run its notebook to the end; returns that moment (time.time())."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if server.status()["ready"] >= 1:
            return time.time()
        time.sleep(0.5)
    pytest.fail(f"no pooled kernel became ready within {timeout_s:.0f} s: {server.status()}")


def _page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):  # nothing but the loopback server
        host = urllib.parse.urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    return page, errors


def _open_after_age(browser, server, query=""):
    ready_at = _wait_ready(server)
    pooled_before = server.log.read_text(errors="replace").count("Using pre-heated kernel")
    time.sleep(max(0.0, ready_at + AGE_S - time.time()))
    page, errors = _page(browser)
    page.goto(f"{server.base}/voila/render/{CHAPTER}.ipynb{query}", wait_until="domcontentloaded",
              timeout=120000)
    wait_figure(page, timeout=60000)
    # the page came from the pool (not from a kernel started for it)
    assert server.log.read_text(errors="replace").count("Using pre-heated kernel") == pooled_before + 1
    text = page.locator("body").inner_text().lower()
    assert not any(t in text for t in TIMED_OUT), f"page of a kernel {AGE_S:.0f} s old: {text[:400]}"
    return page, errors


def _slider_values(page) -> dict:
    if page.locator(".nak-live").count():  # a live explorer draws its own controls
        readouts = page.locator(".nak-control output")
        labels = page.locator(".nak-control label")
    else:
        readouts = page.locator(".widget-slider .widget-readout")
        labels = page.locator(".widget-slider .widget-label")
    return {labels.nth(i).inner_text(): readouts.nth(i).inner_text() for i in range(readouts.count())}


def test_pooled_page_opened_after_the_executor_timeout_shows_its_app(browser, server):
    page, errors = _open_after_age(browser, server)
    assert _slider_values(page)["[K⁺] outside (mM)"] == "5"
    # the app answers: a slider move redraws the figure
    move_first_control(page, presses=1, timeout=30000)
    assert not errors, errors
    page.close()


def test_teacher_link_reaches_an_aged_pooled_kernel(browser, server):
    """The next pooled kernel (refilled after the first page took one), opened with a teacher link."""
    page, errors = _open_after_age(browser, server, "?scenario=hyperkalaemia&temperature_C=20&na_in=abc")
    page.locator(".nak-message, .nak-notice", has_text="from the link").first.wait_for(timeout=30000)
    values = _slider_values(page)
    assert values["[K⁺] outside (mM)"] == "10" and values["temperature (°C)"] == "20.0"
    # the bad value is not applied ...
    assert values["[Na⁺] inside (mM)"] == f"{MAMMALIAN_NEURON.c_in_mM['Na']:.0f}"
    msg = page.locator(".nak-message, .nak-notice").first.inner_text()
    assert "scenario “hyperkalaemia”" in msg and "na_in=abc" in msg  # ... and is reported
    # E_K at 10/140 mM and 20 °C by the Nernst equation: (RT/F) ln(10/140) = −66.7 mV
    assert "-66.7 mV" in page.locator(".nak-readout").first.inner_text().replace("−", "-")
    assert not errors, errors
    page.close()
