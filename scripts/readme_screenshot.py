"""Take the README's screenshot of a chapter page from the built book.

Usage (after ``make build``)::

    .venv/bin/python scripts/readme_screenshot.py [chapter] [out.png]

Opens the chapter of ``_build/html`` from ``file://`` in the system Chromium (headless, every
request that is not ``file:``/``data:``/``blob:`` is aborted, so the page is offline) in a window
1280 CSS pixels wide, waits until the page has drawn its first live explorer (the figure the
book's script draws, not the PNG fallback) and saves the window from the heading of that
interactive app down to the explorer's readout, with the book's navigation beside it.
"""

from __future__ import annotations

import shutil
import sys
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
WIDTH, HEIGHT = 1280, 880


OFFLINE_SCHEMES = ("file", "data", "blob", "about")


def main(chapter: str = "ion_gradients", out: str = "docs/images/book_screenshot.png") -> None:
    page_file = HTML / "chapters" / f"{chapter}.html"
    if not page_file.exists():
        raise SystemExit(f"{page_file} not found: build the book first (make build)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no system Chromium (make chromium installs it)")
    blocked = []

    def route(r):
        if urllib.parse.urlsplit(r.request.url).scheme in OFFLINE_SCHEMES:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.route("**/*", route)
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        app = page.locator(".nak-explorer.nak-mounted").first  # a live explorer the page drew itself
        app.locator("canvas").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        # from the app's heading down to the bottom of its readout, the page's full width
        top = page.evaluate("""() => {
            const h = [...document.querySelectorAll('h2')].find(e => /interactive/i.test(e.textContent));
            return h ? h.getBoundingClientRect().top + window.scrollY - 72 : 0;  // under the header
        }""")
        box = app.locator(".nak-readout").first.bounding_box()
        bottom = box["y"] + box["height"] + page.evaluate("window.scrollY") + 12
        # a window exactly that tall, scrolled there: the book's sidebars stay in the picture
        page.set_viewport_size({"width": WIDTH, "height": int(bottom - top)})
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(500)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=out)
        browser.close()
    if blocked:
        print(f"blocked {len(blocked)} non-local requests, e.g. {blocked[0]}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
