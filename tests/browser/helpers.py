"""What the browser tests share: a page with the network blocked, an explorer's static page and
its redraw counter, the Voilà dashboard of a chapter, and the axe-core check.

* :func:`offline_page`: every request that is not ``file:``, ``data:``, ``blob:``, ``about:`` or
  loopback (or, with ``allow=``, that does not start with the given prefix) is aborted and
  recorded in ``page.external``; page errors and console errors go to ``page.errors``.
* :func:`open_static` / :func:`open_voila`: an explorer's page, returned once it has drawn;
  :func:`serve_folder`: a built site on a loopback HTTP server.
* :func:`redrawn`: a block after which the explorer has redrawn at least once more (every live
  explorer counts its redraws in ``data-updates`` on its host element, ``frontend/core/app.js``).
* :func:`axe_violations` / :func:`assert_accessible`: axe-core (npm, ``make frontend``) run on
  part of the page; a serious or critical violation fails.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import urllib.parse

import pytest

from tests.conftest import ROOT
from tests.frontend.pages import write_static_page

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: axe-core impacts that fail a test (minor and moderate ones are reported by axe, not failed here)
FAILING_IMPACTS = ("serious", "critical")
LIVE = ".nak-live"


def require_axe():
    """axe-core from npm (``make frontend``); missing fails when ``CI`` is set."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but node_modules/axe-core is missing: run make frontend")
        pytest.skip("axe-core not installed (make frontend)")


def offline_page(browser, allow: str | None = None, theme: str | None = None, **kw):
    """A new page on which every request is aborted (and its URL appended to ``page.external``)
    unless its scheme is file, data, blob or about or its host is loopback; with ``allow``, unless
    its URL starts with ``allow`` (e.g. one server's address, or ``"file://"``). Page errors and
    console errors are appended to ``page.errors``. ``theme`` ("light" or "dark") is the book
    theme's stored choice, set before any page script runs. ``kw`` go to ``browser.new_page``."""
    page = browser.new_page(**kw)
    page.external, page.errors = [], []
    if theme is not None:
        page.add_init_script(f"localStorage.setItem('theme', '{theme}'); "
                             f"localStorage.setItem('mode', '{theme}');")

    def allowed(url):
        if allow is not None:
            return url.startswith(allow)
        u = urllib.parse.urlsplit(url)
        return u.scheme in ("file", "data", "blob", "about") or u.hostname in LOOPBACK

    def route(r):
        if allowed(r.request.url):
            r.continue_()
        else:
            page.external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: page.errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: page.errors.append(f"error: {m.text}") if m.type == "error" else None)
    return page


@contextlib.contextmanager
def serve_folder(folder):
    """A static HTTP server for ``folder`` on a free loopback port; yields its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a, **k: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def open_file(browser, path, *, viewport=None, timeout=30000):
    """The page at ``path`` from file://, network blocked, once an explorer has drawn on it."""
    page = offline_page(browser, viewport=viewport or {"width": 1000, "height": 1000})
    page.goto(path.as_uri())
    page.locator(f"{LIVE} canvas").first.wait_for(timeout=timeout)
    return page


def open_static(browser, folder, app, *, dark=False, viewport=None):
    """The static page of ``app`` (as the book embeds it, written to ``folder``) from file://, once
    its explorer has drawn."""
    return open_file(browser, write_static_page(folder, app, dark=dark), viewport=viewport)


def open_voila(browser, base, notebook, selector=LIVE, *, timeout=120000, viewport=None):
    """The chapter ``notebook`` rendered by the Voilà server at ``base``, once the explorer
    ``selector`` has drawn."""
    page = offline_page(browser, viewport=viewport or {"width": 1200, "height": 1000})
    page.goto(f"{base}/voila/render/{notebook}", wait_until="domcontentloaded", timeout=timeout)
    page.locator(f"{selector} canvas").first.wait_for(timeout=timeout)
    return page


def updates(page, selector=LIVE) -> int:
    """How often the first explorer matching ``selector`` has redrawn."""
    return int(page.locator(selector).first.locator("..").get_attribute("data-updates") or 0)


def wait_for_update(page, since: int, selector=LIVE, timeout=30000):
    """Wait until the first explorer matching ``selector`` has redrawn more than ``since`` times."""
    page.wait_for_function("([sel, n]) => +document.querySelector(sel).parentElement.dataset.updates > n",
                           arg=[selector, since], timeout=timeout)


@contextlib.contextmanager
def redrawn(page, selector=LIVE, timeout=30000):
    """``with redrawn(page): <press a key>`` returns once the explorer has drawn the answer."""
    since = updates(page, selector)
    yield
    wait_for_update(page, since, selector, timeout)


def press(page, control, key="ArrowRight", selector=LIVE, timeout=30000):
    """Focus ``control`` (a locator), press ``key`` and wait until the explorer ``selector`` has
    drawn the answer (in Voilà: the kernel's)."""
    control.focus()
    with redrawn(page, selector, timeout):
        page.keyboard.press(key)


def canvas_pixels(page):
    """Every canvas of the page's explorers as data URLs (to see that a figure changed)."""
    return page.evaluate(f"() => [...document.querySelectorAll('{LIVE} canvas')]"
                         ".map(c => c.toDataURL()).join()")


def set_control(page, name, value):
    """Set the explorer's control ``name`` (slider position or menu option) as an input event would."""
    page.evaluate("([n, v]) => { const i = document.querySelector(`.nak-live [name=${n}]`); i.value = v;"
                  " const kind = i.tagName === 'SELECT' ? 'change' : 'input';"
                  " i.dispatchEvent(new Event(kind, {bubbles: true})); }", [name, value])


def readout(page, index=0):
    """The text of the page's ``index``-th explorer readout, with true minus signs as ASCII ones."""
    return page.locator(".nak-readout").nth(index).inner_text().replace("−", "-")


def axe_violations(page, selector=LIVE, every=False):
    """axe-core's serious and critical violations in the first element matching ``selector``
    (every matching element with ``every``): a list of (rule id, impact, first three targets)."""
    require_axe()
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async ([sel, every, failing]) => { const out = [];"
        " const els = every ? [...document.querySelectorAll(sel)] : [document.querySelector(sel)];"
        " for (const el of els) { const r = await axe.run(el);"
        " for (const v of r.violations) if (failing.includes(v.impact))"
        " out.push([v.id, v.impact, v.nodes.slice(0, 3).map((n) => n.target)]); }"
        " return out; }", [selector, every, list(FAILING_IMPACTS)])


def assert_accessible(page, selector=LIVE, every=False, width=None):
    """No serious or critical axe-core violation in ``selector``; with ``width`` (px), nothing on
    the page wider than that (no horizontal scrolling on a phone)."""
    bad = axe_violations(page, selector, every)
    assert not bad, bad
    if width is not None:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def check_static_axe(browser, folder, app, dark):
    """``app``'s static page at phone width (390 px), light or dark: accessible and no wider than
    the phone. Returns the page (the caller closes it)."""
    require_axe()
    page = open_static(browser, folder, app, dark=dark, viewport={"width": 390, "height": 900})
    assert_accessible(page, width=390)
    return page
