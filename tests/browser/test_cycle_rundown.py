"""The pump-cycle and run-down explorers in the browser, network blocked.

Static engine (the book's page from file://): keyboard moves controls, Step/Play/Pause and the
presets work by keyboard, the readout equals nakmodel's numbers (in-browser parity), the
animation runs in the page (axe-core in light and dark mode at phone width: test_frontend.py, for
every explorer). Live engine: the chapter in Voilà answers one key press from the kernel.
"""

from __future__ import annotations

import re

import pytest

from nakmodel import PUMP_STATES, pump_cycle_rate
from nakmodel.widgets import CycleExplorer, RundownExplorer
from tests.browser.helpers import canvas_pixels, open_file, open_static, open_voila, press, readout, redrawn
from tests.frontend.node import run_port
from tests.frontend.pages import write_static_page

pytestmark = pytest.mark.browser


def readout_rate(page):
    text = readout(page)
    m = re.search(r"net rate\s*([+-]?\d+\.\d) cycles/s", text)
    assert m, text
    return float(m.group(1))


def status(page):
    return page.locator(".nak-player-status").first.inner_text()


@pytest.fixture(scope="module")
def cycle_page(tmp_path_factory):
    return write_static_page(tmp_path_factory.mktemp("cycle"), CycleExplorer())


def test_static_cycle_keyboard_moves_the_model_and_steps_the_run(browser, cycle_page):
    app = CycleExplorer()
    page = open_file(browser, cycle_page, viewport={"width": 1000, "height": 1100})
    assert page.locator(".nak-fallback").first.is_hidden()
    assert readout_rate(page) == pytest.approx(round(app.result["rate"], 1), abs=0.051)
    # Step by keyboard through the page's run (the static engine recomputes at load: its own
    # seeded Gillespie, the same in Node), state by state
    step = page.get_by_role("button", name="Step ▸")
    step.focus()
    (js,) = run_port("pump_cycle", app.params(), [app.values])
    (counts,) = run_port("pump_cycle", app.params()["pump"], [js["run"]["states"]], function="runCounts")
    states = counts["state"]
    for i in range(1, 8):
        page.keyboard.press("Enter")
        name = PUMP_STATES[states[i]]
        assert status(page).startswith(f"Event {i} of {len(states) - 1}: {name}")
        assert page.locator(".nak-current text").first.text_content() == name
    assert f"{counts['na_out'][7]:+d} Na⁺ out".replace("+0", "0") in status(page)
    # a slider by keyboard: the page's port computes the new rate (in-browser parity) and a new run
    pixels, alt = canvas_pixels(page), page.locator(".nak-figure").first.get_attribute("aria-label")
    na_in = page.get_by_label("[Na⁺] inside (mM)")
    na_in.focus()
    for _ in range(6):  # 12 mM + 6 x 0.5 mM
        page.keyboard.press("ArrowRight")
    assert na_in.input_value() == "15"
    assert readout_rate(page) == pytest.approx(round(pump_cycle_rate(15.0, 5.0, -70.0), 1), abs=0.051)
    assert canvas_pixels(page) != pixels
    assert page.locator(".nak-figure").first.get_attribute("aria-label") != alt
    assert page.locator(".nak-player input[type=range]").input_value() == "0"  # the new run starts at 0
    # Play and Pause by keyboard: the frames advance in the page (no kernel)
    play = page.get_by_role("button", name="Play")
    play.focus()
    page.keyboard.press("Space")
    play = page.get_by_role("button", name="Pause")  # the same button, now labelled Pause
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => +document.querySelector('.nak-player input[type=range]').value >= 5",
                           timeout=10000)
    page.keyboard.press("Space")
    assert page.get_by_role("button", name="Play").get_attribute("aria-pressed") == "false"
    assert status(page).startswith("Paused. Event ")
    frame = int(page.locator(".nak-player input[type=range]").input_value())
    page.wait_for_timeout(400)
    assert int(page.locator(".nak-player input[type=range]").input_value()) == frame  # really paused
    assert page.locator(".nak-player-status").get_attribute("aria-live") == "polite"
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_rundown_menus_presets_and_slider(browser, tmp_path):
    app = RundownExplorer()
    page = open_static(browser, tmp_path, app)
    text = readout(page)
    assert f"{round(app.result['spikes_to_criterion']):,} spikes" in text
    page.get_by_label("neuron model").select_option("mammalian 37 °C")
    page.get_by_label("Na⁺/K⁺ pump").select_option("pump working")
    page.get_by_role("button", name="thin axon 0.2 µm").focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("axon diameter (µm)").locator("..").locator("output").inner_text() == "0.2"
    rate = page.get_by_label("firing rate (Hz)")
    rate.focus()
    for _ in range(10):  # 10 Hz + 10 x 1 Hz = 20 Hz, about twice what the pump sustains
        page.keyboard.press("ArrowRight")
    want = app.compute({"diameter_um": 0.2, "rate_hz": 20.0, "case": "mammalian 37 °C",
                        "pump": "pump working"})
    assert want["status"] == "reached"
    text = readout(page)
    assert f"{round(want['spikes_to_criterion']):,} spikes" in text, text
    f_max = float(format(want["max_sustainable_rate_hz"], ".2g"))
    assert f"up to {f_max:g} Hz" in text
    rate.focus()
    for _ in range(19):  # 1 Hz: the pump keeps up
        page.keyboard.press("ArrowLeft")
    assert "never: the pump keeps up" in readout(page)
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_voila_cycle_chapter_answers_a_key_from_the_kernel(browser, voila_server):
    page = open_voila(browser, voila_server, "pump_cycle.ipynb", viewport={"width": 1200, "height": 1100})
    na_in = page.get_by_label("[Na⁺] inside (mM)")
    press(page, na_in)
    assert readout_rate(page) == pytest.approx(round(pump_cycle_rate(12.5, 5.0, -70.0), 1), abs=0.051)
    page.get_by_role("button", name="Step ▸").click()
    assert status(page).startswith("Event 1 of ")
    assert not page.external, page.external
    page.close()


def test_voila_rundown_answers_a_menu_from_the_kernel(browser, voila_server):
    """The chapter's kernel first builds the spike explorer (its f–I curves: minutes on a loaded
    machine until they become build-time data), hence the long wait for the page."""
    page = open_voila(browser, voila_server, "action_potentials.ipynb", ".nak-rundown", timeout=480000,
                      viewport={"width": 1200, "height": 1100})
    live = page.locator(".nak-rundown")
    with redrawn(page, ".nak-rundown", timeout=60000):
        live.get_by_label("neuron model").select_option("squid 18.5 °C")
    want = RundownExplorer(case="squid 18.5 °C").result["spikes_to_criterion"]
    assert f"{round(want):,} spikes" in live.locator(".nak-readout").inner_text()
    assert not page.external, page.external
    page.close()
