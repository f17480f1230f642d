"""Classroom server in a real browser: gallery → every app opens, a control moves the figure; \
teacher links."""

import re
import time

import pytest

from classroom.chapters import discover
from nakmodel.constants import MAMMALIAN_NEURON
from tests.browser.figures import move_first_control, wait_figure
from tests.classroom.server import shared_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def classroom():
    return shared_server()


def _wait_figure(page):
    wait_figure(page)


def test_gallery_lists_every_chapter_and_each_app_works(browser, classroom):
    chapters = discover()
    assert chapters, "no chapters found"
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(classroom.base + "/", wait_until="load")
    cards = page.locator("li.card")
    assert cards.count() == len(chapters)
    for ch in chapters:
        card = page.locator(f'a.chapter[data-stem="{ch.stem}"]')
        assert card.locator("h2").inner_text() == ch.title
        img = card.locator("img")
        assert img.count() == 1 and img.evaluate("i => i.complete && i.naturalWidth > 100")
        assert page.locator(f'li.card:has(a[data-stem="{ch.stem}"]) .description').inner_text().strip()
    for ch in chapters:
        page.goto(classroom.base + "/", wait_until="load")
        t0 = time.perf_counter()
        page.locator(f'a.chapter[data-stem="{ch.stem}"]').click()
        page.wait_for_url(re.compile(re.escape(ch.url)))
        _wait_figure(page)
        print(f"{ch.stem}: gallery click -> figure {time.perf_counter() - t0:.1f} s")
        # no code on the page
        assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
        move_first_control(page, presses=3)
    assert not errors, errors
    page.close()


def test_teacher_link_opens_at_that_state(browser, classroom):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(classroom.base + "/voila/render/ion_gradients.ipynb?k_out=10&temperature_C=20&na_in=abc",
              wait_until="domcontentloaded")
    _wait_figure(page)
    # a pooled kernel learns the link from the page after it loaded: wait until it has applied it
    page.locator(".nak-notice", has_text="from the link").first.wait_for(timeout=30000)
    # the chapter's Nernst explorer draws its own controls (nakmodel.widgets.live)
    readouts = page.locator(".nak-control output")
    labels = page.locator(".nak-control label")
    values = {labels.nth(i).inner_text(): readouts.nth(i).inner_text() for i in range(readouts.count())}
    assert values["[K⁺] outside (mM)"] == "10"
    assert values["temperature (°C)"] == "20.0"
    # the bad value was not applied ...
    assert values["[Na⁺] inside (mM)"] == f"{MAMMALIAN_NEURON.c_in_mM['Na']:.0f}"
    msg = page.locator(".nak-notice").first.inner_text()
    assert "from the link" in msg and "na_in=abc" in msg  # ... and is reported
    # E_K at 10/140 mM and 20 °C, by the Nernst equation: -66.7 mV
    assert "-66.7 mV" in page.locator(".nak-readout").first.inner_text().replace("−", "-")
    page.close()
