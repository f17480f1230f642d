"""The shared browser-test helpers can fail: axe-core finds a known violation, the offline page
aborts and records a request to another host, and the redraw wait times out when nothing redraws."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible, axe_violations, offline_page, redrawn, serve_folder

pytestmark = pytest.mark.browser

# a 1×1 transparent PNG
PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8A"
         "AAAASUVORK5CYII=")


def page_with(browser, body):
    page = offline_page(browser)
    page.set_content(f'<!doctype html><html lang="en"><head><title>t</title></head><body><main>{body}</main>'
                     "</body></html>")
    return page


def test_axe_check_fails_on_an_image_without_alt(browser):
    """axe-core rates an <img> without a text alternative "critical" (rule image-alt): the helper
    reports it and the assertion fails; the same image with alt text passes."""
    page = page_with(browser, f'<div class="nak-live"><img src="{PIXEL}" width="20" height="20"></div>')
    bad = axe_violations(page)
    assert [v[0] for v in bad] == ["image-alt"] and bad[0][1] == "critical", bad
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
    page.close()
    page = page_with(browser, f'<div class="nak-live"><img src="{PIXEL}" alt="a dot" width="20" '
                              'height="20"></div>')
    assert axe_violations(page) == []
    assert_accessible(page)
    page.close()


def test_axe_check_every_explorer_finds_the_second_one(browser):
    """With ``every``, each matching element is checked, not only the first."""
    page = page_with(browser, '<div class="nak-live"><p>fine</p></div>'
                              f'<div class="nak-live"><img src="{PIXEL}" width="20" height="20"></div>')
    assert axe_violations(page) == []
    assert [v[0] for v in axe_violations(page, every=True)] == ["image-alt"]
    page.close()


def test_axe_check_fails_on_a_page_wider_than_the_phone(browser):
    page = offline_page(browser, viewport={"width": 390, "height": 900})
    page.set_content('<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
                     '<div class="nak-live" style="width: 600px">wide</div></main></body></html>')
    with pytest.raises(AssertionError):
        assert_accessible(page, width=390)
    page.close()


def test_offline_page_aborts_and_records_other_hosts(browser):
    page = page_with(browser, "<p>x</p>")
    page.evaluate("() => fetch('https://example.org/x.js').catch(() => null)")
    assert page.external == ["https://example.org/x.js"]
    page.close()
    page = offline_page(browser, allow="file://")
    page.set_content("<p>x</p>")
    page.evaluate("() => fetch('http://127.0.0.1:9/x').catch(() => null)")  # loopback, but not allowed
    assert page.external == ["http://127.0.0.1:9/x"]
    page.close()


def test_redrawn_waits_for_the_explorer_and_times_out_without_a_redraw(browser):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = page_with(browser, '<div id="host" data-updates="1"><div class="nak-live"></div></div>')
    with redrawn(page, timeout=5000):
        page.evaluate("() => setTimeout(() => { document.getElementById('host').dataset.updates = '2'; },"
                      " 100)")
    with pytest.raises(PlaywrightTimeout), redrawn(page, timeout=300):
        pass
    page.close()


def test_serve_folder_serves_the_folder_on_loopback_and_stops(tmp_path):
    import urllib.error
    import urllib.request

    (tmp_path / "page.html").write_text("<p>hello</p>", encoding="utf-8")
    with serve_folder(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/page.html", timeout=5) as r:
            assert r.read() == b"<p>hello</p>"
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/page.html", timeout=5)
