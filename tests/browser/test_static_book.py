"""The static book in a real browser, offline: figures show and the console is clean."""

import pytest

from tests.browser.helpers import offline_page, serve_folder

pytestmark = pytest.mark.browser

IGNORED_CONSOLE = ("strict mode: use allowUnionTypes",)  # ajv schema warning inside the widget manager


@pytest.fixture(scope="module")
def static_site(built_book):
    assert built_book.returncode == 0, built_book.log[-4000:]
    with serve_folder(built_book.html) as url:
        yield url


def chapter_pages(built_book):
    return sorted(p.relative_to(built_book.html).as_posix()
                  for p in (built_book.html / "chapters").glob("*.html"))


def test_static_chapters_render_offline(browser, static_site, built_book, tmp_path):
    pages = chapter_pages(built_book)
    assert pages
    for rel in pages:
        page = offline_page(browser, allow=static_site, viewport={"width": 1280, "height": 900})
        problems, outside = page.errors, page.external
        # the list of this page, bound as a keyword-only default (B023): Playwright passes a handler as
        # many positional arguments as it declares
        page.on("response", lambda r, *, problems=problems:
                problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        page.goto(f"{static_site}/{rel}", wait_until="load")
        # a PNG app's image, or a live explorer drawn in the page (nakmodel.widgets.live)
        figure = page.locator(".nak-figure img, .nak-live .nak-figure").first
        figure.wait_for(state="visible", timeout=20000)
        box = figure.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 150, f"{rel}: figure too small {box}"
        assert figure.get_attribute("alt") or figure.get_attribute("aria-label"), \
            f"{rel}: figure without alt text"
        # the image actually decoded / the explorer drew its canvases
        assert page.evaluate("(el) => el.tagName === 'IMG' ? el.complete && el.naturalWidth > 0"
                             " : el.querySelectorAll('canvas').length > 0", figure.element_handle())
        page.wait_for_timeout(500)
        figure.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / (rel.replace("/", "_") + ".png")))
        problems = [p for p in problems if not any(s in p for s in IGNORED_CONSOLE)]
        assert not outside, f"{rel}: page tried to load outside resources: {outside}"
        assert not problems, f"{rel}: console errors: {problems}"
        page.close()
