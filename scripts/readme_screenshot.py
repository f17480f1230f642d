"""Take the README's screenshot of a chapter page from the built book.

Usage (after ``make build``)::

    .venv/bin/python scripts/readme_screenshot.py [chapter] [out.png]

Serves ``_build/html`` on a free loopback port, opens the chapter in the system Chromium
(headless, every request that is not to that server is blocked) in a window 1280 CSS pixels
wide and saves the window from the heading of its first interactive app down to the app's
figure, with the book's navigation beside it.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
WIDTH, HEIGHT = 1280, 880


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no line per request
        pass


def main(chapter: str = "ion_gradients", out: str = "docs/images/book_screenshot.png") -> None:
    page_file = HTML / "chapters" / f"{chapter}.html"
    if not page_file.exists():
        raise SystemExit(f"{page_file} not found: build the book first (make build)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no system Chromium (make chromium installs it)")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                       else route.abort())
            page.goto(f"{base}/chapters/{chapter}.html", wait_until="networkidle")
            app = page.locator(".jupyter-widgets img, img.widget-image").first  # the app's figure
            app.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            # from the app's heading down to the bottom of its figure, the page's full width
            top = page.evaluate("""() => {
                const h = [...document.querySelectorAll('h2')].find(e => /interactive/i.test(e.textContent));
                return h ? h.getBoundingClientRect().top + window.scrollY - 72 : 0;  // under the header
            }""")
            box = app.bounding_box()
            bottom = box["y"] + box["height"] + page.evaluate("window.scrollY") + 8
            # a window exactly that tall, scrolled there: the book's sidebars stay in the picture
            page.set_viewport_size({"width": WIDTH, "height": int(bottom - top)})
            page.evaluate(f"window.scrollTo(0, {top})")
            page.wait_for_timeout(500)
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=out)
            browser.close()
    finally:
        server.shutdown()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
