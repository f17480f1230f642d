"""Voilà dashboards in a real browser: no code shown, a slider move redraws the figure."""

import time

import pytest

from tests.browser.figures import move_first_control, wait_figure

pytestmark = pytest.mark.browser


def open_dashboard(browser, base, notebook):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/voila/render/{notebook}", wait_until="domcontentloaded", timeout=120000)
    wait_figure(page)
    return page, errors


def test_dashboard_slider_redraws_figure(browser, voila_server, tmp_path):
    page, errors = open_dashboard(browser, voila_server, "ion_gradients.ipynb")
    # no code cell is visible (sources stripped) and book-only prose is removed
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor, .CodeMirror").count() == 0
    content = page.content()
    assert "from nakmodel" not in content and "glue(" not in content
    assert "{glue:text}" not in content and "{cite}" not in content
    t0 = time.perf_counter()
    move_first_control(page, presses=5, timeout=30000)  # the explorer's first slider: [Na+] outside
    latency = time.perf_counter() - t0
    print(f"slider move -> new figure: {latency * 1000:.0f} ms")
    page.wait_for_timeout(1500)  # let the remaining key presses settle
    page.screenshot(path=str(tmp_path / "voila_ion_gradients.png"), full_page=True)
    assert not errors, errors
    page.close()


def test_dashboard_shows_core_path_not_going_deeper(browser, voila_server, tmp_path):
    """Issue 15: next to the app the student reads the core explanation and the misconception box;
    the Going deeper sections and the exam box (book-only) are not on the page; a What to try
    outcome stays closed until the student opens it."""
    page, errors = open_dashboard(browser, voila_server, "resting_potential.ipynb")
    assert page.get_by_role("heading", name="The core idea").count() == 1
    assert page.get_by_role("heading", name="Going deeper").count() == 0
    assert page.get_by_role("heading", name="In the exam").count() == 0
    box = page.locator("aside.nak-misconception")
    assert box.count() == 1 and box.is_visible() and "Common mistake" in box.inner_text()
    outcome = page.locator("details").first
    assert outcome.get_attribute("open") is None
    text_before = outcome.inner_text()
    outcome.locator("summary").click()
    assert outcome.get_attribute("open") is not None and len(outcome.inner_text()) > len(text_before)
    content = page.content()
    assert "{glue" not in content and "{cite" not in content and ":::" not in content
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=str(tmp_path / "voila_core_390.png"), full_page=False)
    assert not errors, errors
    page.close()
