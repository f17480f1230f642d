"""What a browser test waits for on an app page, whichever engine draws the figure.

Every explorer is a live explorer (``nakmodel.widgets.live``): it draws canvases in ``.nak-live``
with range inputs and counts its redraws in ``data-updates`` on its host element.
"""

from __future__ import annotations

from tests.browser.helpers import redrawn

FIGURE = ".nak-figure img, .nak-live canvas"


def wait_figure(page, timeout=120000):
    page.locator(FIGURE).first.wait_for(state="visible", timeout=timeout)


def move_first_control(page, presses=3, key="ArrowLeft", timeout=60000):
    """Focus the page's first slider, press ``key`` ``presses`` times, wait for a new figure."""
    if page.locator(".nak-live").count():
        page.locator(".nak-live input[type=range]").first.focus()
        with redrawn(page, timeout=timeout):
            for _ in range(presses):
                page.keyboard.press(key)
        return
    img = page.locator(".nak-figure img").first
    before = img.get_attribute("src")
    page.locator(".widget-slider .noUi-handle").first.focus()
    for _ in range(presses):
        page.keyboard.press(key)
    page.wait_for_function(
        "(old) => { const i = document.querySelector('.nak-figure img'); return i && i.src !== old; }",
        arg=before, timeout=timeout,
    )
