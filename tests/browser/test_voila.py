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
