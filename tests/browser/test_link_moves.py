"""Teacher links in a real browser: the reader's first move in a preheated kernel, and the GHK and
energy markers on the first drawing after a link (static page and Voilà).

The Voilà pages come from a classroom server whose kernels are preheated (`--pool-for`), so the
kernel learns the link from the page after the page is drawn (``LiveExplorer._on_location``), as
in a classroom. To make the race happen every time, the test holds the kernel's messages to the
page (Playwright's WebSocket routing) from the one carrying the link's answer until the reader's
move has left the page: the move is then sent with the page's stale default values.

A marker is checked where it is drawn: the figure drawn first after the link must be pixel for
pixel the figure drawn after the reader moves the same control away and back (a drawing from one
setting's values and another's result differs), and its text alternative names the link's value.
"""

from __future__ import annotations

import contextlib
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from nakmodel.electrochem import ghk_voltage, nernst
from nakmodel.widgets.live import EnergyLive, GHKLive, NernstLive
from tests.browser.test_frontend import offline_page
from tests.classroom.server import ClassroomServer
from tests.frontend.pages import write_static_page

pytestmark = pytest.mark.browser

CHAPTERS = {"ion_gradients": 1, "resting_potential": 1, "energy_bill": 1}


@pytest.fixture(scope="module")
def pooled():
    """A classroom server with one preheated kernel for each chapter used here (no other pool)."""
    s = ClassroomServer("--pool=0", *(f"--pool-for={c}={n}" for c, n in CHAPTERS.items()), "--max-kernels=8")
    deadline = time.time() + 300
    while time.time() < deadline and s.status()["ready"] < len(CHAPTERS):
        time.sleep(0.5)
    if s.status()["ready"] < len(CHAPTERS):
        s.stop()
        pytest.fail(f"the preheated pool did not fill within 300 s: {s.status()}")
    yield s
    s.stop()


def _pooled_page(browser, server):
    """A network-blocked page, and how many pooled kernels the server had handed out before it."""
    before = server.log.read_text(errors="replace").count("Using pre-heated kernel")
    page = offline_page(browser, viewport={"width": 1200, "height": 1000})
    return page, before


def _assert_came_from_the_pool(server, before):
    assert server.log.read_text(errors="replace").count("Using pre-heated kernel") == before + 1


def updates(page, sel) -> int:
    return int(page.evaluate("s => +document.querySelector(s).parentElement.dataset.updates", sel))


def press(page, sel, label, key, timeout=30000):
    """Press ``key`` on the explorer's control ``label`` and wait for the explorer to redraw."""
    n = updates(page, sel)
    page.locator(sel).get_by_label(label, exact=True).focus()
    page.keyboard.press(key)
    page.wait_for_function("([s, n]) => +document.querySelector(s).parentElement.dataset.updates > n",
                           arg=[sel, n], timeout=timeout)


def left_chart(page, sel) -> str:
    """The explorer's first chart as a PNG data URL, once it stopped changing (its width follows
    the page's layout: a ResizeObserver may redraw it a moment after the first drawing)."""
    grab = "s => document.querySelector(`${s} .nak-chart canvas`).toDataURL()"
    last = page.evaluate(grab, sel)
    for _ in range(20):
        page.wait_for_timeout(150)
        now = page.evaluate(grab, sel)
        if now == last:
            return now
        last = now
    return last


def alt_text(page, sel) -> str:
    return page.locator(f"{sel} .nak-figure").get_attribute("aria-label")


def page_values(page, name) -> dict:
    """The explorer's values as the page holds them (window.nakExplorers, frontend/core/registry.js)."""
    return page.evaluate("n => window.nakExplorers[n].values()", name)


def readout_E(page, sel, ion) -> float:
    text = page.locator(f"{sel} .nak-readout").inner_text().replace("−", "-")
    m = re.search(rf"E\s*{ion}\s*([+-]?\d+\.\d) mV", text)
    assert m, text
    return float(m.group(1))


def _contains(message, text: str) -> bool:
    data = message if isinstance(message, bytes) else message.encode()
    return text.encode() in data


def _marker_drawn_for(page, sel, label, away):
    """The figure as first drawn, and redrawn after the control went one step ``away`` and back
    (the setting must lie on the slider's grid, as scenario values do)."""
    back = {"ArrowLeft": "ArrowRight", "ArrowRight": "ArrowLeft"}[away]
    first = left_chart(page, sel)
    press(page, sel, label, away)
    moved = left_chart(page, sel)
    press(page, sel, label, back)
    assert moved != first  # the chart does show the control
    return first, left_chart(page, sel)


# --- static page: the drawing follows the embedded settings (what a link does in Voilà) --------------
@pytest.fixture(scope="module")
def pna_on_grid(browser, tmp_path_factory):
    """A P_Na/P_K value on its log slider's grid, ten steps above the default, as the page computes
    it (a value the slider can show exactly, so the control can go away from it and back)."""
    page = offline_page(browser)
    page.goto(write_static_page(tmp_path_factory.mktemp("grid"), GHKLive()).as_uri())
    page.locator(".nak-ghk canvas").first.wait_for()
    page.locator(".nak-ghk").get_by_label("P_Na / P_K", exact=True).focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    value = page_values(page, "ghk")["pna_pk"]
    page.close()
    assert value > GHKLive().values["pna_pk"]
    return value


def ghk_case(pna):
    return ("P_Na / P_K", f"P_Na/P_K = {pna:.3g} ", "ArrowRight")


ENERGY_CASE = ("mean firing rate (Hz)", "at 10.0 Hz", "ArrowRight")


@pytest.mark.parametrize("explorer", ["ghk", "energy"])
def test_static_first_drawing_marks_the_settings_it_opened_with(browser, tmp_path, pna_on_grid, explorer):
    app, case = ((GHKLive(pna_pk=pna_on_grid), ghk_case(pna_on_grid)) if explorer == "ghk"
                 else (EnergyLive(rate_hz=10.0), ENERGY_CASE))
    label, said, away = case
    sel = f".nak-{explorer}"
    page = offline_page(browser, viewport={"width": 1200, "height": 1000})
    page.goto(write_static_page(tmp_path, app).as_uri())
    page.locator(f"{sel} canvas").first.wait_for()
    assert said in alt_text(page, sel)
    first, again = _marker_drawn_for(page, sel, label, away)
    assert first == again
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


# --- Voilà, preheated kernel ------------------------------------------------------------------------
@pytest.mark.slow
def test_voila_first_drawing_after_a_link_marks_the_links_value(browser, pooled, pna_on_grid):
    """GHK (resting potential) and energy (energy bill): the marker, readout and text alternative on
    the first drawing after the kernel applied the link are for the link's value."""
    cases = [("resting_potential", f"?pna_pk={pna_on_grid!r}", ".nak-ghk", ghk_case(pna_on_grid)),
             ("energy_bill", "?rate_hz=10", ".nak-energy", ENERGY_CASE)]
    for chapter, query, sel, (label, said, away) in cases:
        page, before = _pooled_page(browser, pooled)
        page.goto(f"{pooled.base}/voila/render/{chapter}.ipynb{query}", wait_until="domcontentloaded",
                  timeout=120000)
        # the notice comes in the kernel's answer to the link: the figure is redrawn by then
        page.locator(f"{sel} .nak-notice", has_text="from the link").wait_for(timeout=60000)
        _assert_came_from_the_pool(pooled, before)
        assert said in alt_text(page, sel), (chapter, alt_text(page, sel))
        if chapter == "resting_potential":
            app = GHKLive()
            c_out, c_in = app.concentrations(app.values)
            want = ghk_voltage({"K": 1.0, "Na": pna_on_grid, "Cl": app.values["pcl_pk"]}, c_out, c_in,
                               app.params()["temperature_C"])
            text = page.locator(f"{sel} .nak-readout").inner_text().replace("−", "-")
            vm = float(re.search(r"Vm\s*([+-]?\d+\.\d) mV", text).group(1))
            assert vm == pytest.approx(want, abs=0.051)
        first, again = _marker_drawn_for(page, sel, label, away)
        assert first == again, f"{chapter}: first drawing after the link != the same setting redrawn"
        assert not page.external, page.external
        page.close()


@pytest.mark.slow
def test_voila_a_move_before_the_links_values_arrive_keeps_the_link(browser, pooled):
    """The reader moves [Na⁺] inside (twice) and [Cl⁻] inside while the kernel's answer to the link
    is still on its way: the link keeps every other control, and no move is lost."""
    page, before = _pooled_page(browser, pooled)
    held, to_kernel, state = [], [], {"holding": False, "released": False}
    sockets = []

    def route(ws):
        server = ws.connect_to_server()

        def from_kernel(message):
            if not state["released"] and _contains(message, "from the link"):
                state["holding"] = True
            if state["holding"]:
                held.append(message)
            else:
                ws.send(message)

        def from_page(message):
            to_kernel.append(message)
            server.send(message)

        server.on_message(from_kernel)
        ws.on_message(from_page)
        sockets.append(ws)

    page.route_web_socket(re.compile(r".*/api/kernels/[^/]+/channels.*"), route)
    page.goto(f"{pooled.base}/voila/render/ion_gradients.ipynb?k_out=10&temperature_C=20",
              wait_until="domcontentloaded", timeout=120000)
    sel = ".nak-nernst"
    page.locator(f"{sel} canvas").first.wait_for(timeout=120000)
    deadline = time.time() + 60
    while not state["holding"] and time.time() < deadline:
        page.wait_for_timeout(50)
    assert state["holding"], "the kernel never answered the link"
    _assert_came_from_the_pool(pooled, before)
    app = NernstLive()
    defaults = dict(app.values)
    assert page_values(page, "nernst") == defaults  # the page has not seen the link yet
    step = {c.name: c.step for c in app.controls}
    sent = len(to_kernel)
    # the first press leaves at once; ipywidgets holds the next two (the kernel has not answered)
    # and merges them into one message when the answer comes
    for label, presses in (("[Na⁺] inside (mM)", 2), ("[Cl⁻] inside (mM)", 1)):
        page.locator(sel).get_by_label(label, exact=True).focus()
        for _ in range(presses):
            page.keyboard.press("ArrowRight")
    moved = {"na_in": defaults["na_in"] + 2 * step["na_in"], "cl_in": defaults["cl_in"] + step["cl_in"]}
    while not any(_contains(m, '"values"') for m in to_kernel[sent:]) and time.time() < deadline:
        page.wait_for_timeout(50)
    assert any(_contains(m, '"values"') for m in to_kernel[sent:]), "the move did not leave the page"
    assert page_values(page, "nernst") == {**defaults, **moved}  # the page still has the defaults
    page.wait_for_timeout(1500)  # the kernel handles the first move; its answer is held with the rest
    # what [Na⁺] inside shows at every redraw from now on (the link's answer comes first)
    page.evaluate("s => { window.__naShown = []; const host = document.querySelector(s).parentElement;"
                  " host.addEventListener('nak-updated', () => window.__naShown.push("
                  "document.querySelector(`${s} input[name=na_in]`).value)); }", sel)
    state["holding"], state["released"] = False, True
    for message in held:
        sockets[0].send(message)
    want = {**defaults, "k_out": 10.0, "temperature_C": 20.0, **moved}
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below shows what the page has instead
        page.wait_for_function("([n, want]) => Object.entries(want).every(([k, v]) =>"
                               " window.nakExplorers[n].values()[k] === v)",
                               arg=["nernst", want], timeout=30000)
    page.wait_for_timeout(1500)  # nothing later undoes it
    assert page_values(page, "nernst") == want
    shown = [page.locator(sel).get_by_label(label, exact=True).input_value()
             for label in ("[K⁺] outside (mM)", "temperature (°C)", "[Na⁺] inside (mM)", "[Cl⁻] inside (mM)")]
    assert shown == ["10", "20", f"{moved['na_in']:g}", f"{moved['cl_in']:g}"]
    # the reader's control never flicked back to the default while its move was unanswered
    na_shown = page.evaluate("() => window.__naShown")
    assert na_shown and set(na_shown) == {f"{moved['na_in']:g}"}, na_shown
    # E_K and E_Na at the link's 10 mM and 20 °C with the reader's [Na⁺] inside, from the kernel
    assert readout_E(page, sel, "K") == pytest.approx(nernst(1, 10.0, defaults["k_in"], 20.0), abs=0.051)
    assert readout_E(page, sel, "Na") == pytest.approx(nernst(1, defaults["na_out"], moved["na_in"], 20.0),
                                                       abs=0.051)
    assert "from the link" in page.locator(f"{sel} .nak-notice").inner_text()
    assert not page.external, page.external
    page.close()
