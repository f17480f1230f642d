"""Live explorers drawn by the browser (frontend/), network blocked.

Static engine: the page the book embeds (explorer placeholder + _static/nakfront/nakfront.js),
opened from file://; a slider moved by keyboard changes figure, readout and text alternative,
and the numbers shown equal nakmodel's (one in-browser parity check). Live engine: the same
module inside Voilà, fed by the Python app; a slider move comes back as a new figure.
"""

from __future__ import annotations

import math
import re

import pytest

from nakmodel.electrochem import nernst
from nakmodel.widgets.live import EnergyLive, GHKLive, NernstLive, OuabainDoseLive, PumpBlockLive, SpikeLive
from tests.browser.helpers import (
    assert_accessible,
    canvas_pixels,
    check_static_axe,
    offline_page,
    open_file,
    open_static,
    open_voila,
    press,
    readout,
    require_axe,
    set_control,
)
from tests.frontend.pages import explorers, write_static_page
from tests.frontend.test_spike_parity import near_threshold

pytestmark = pytest.mark.browser


def readout_mV(page, ion):
    text = readout(page)
    m = re.search(rf"E\s*{ion}\s*([+-]?\d+\.\d) mV", text)
    assert m, text
    return float(m.group(1))


@pytest.fixture(scope="module")
def nernst_page(tmp_path_factory):
    return write_static_page(tmp_path_factory.mktemp("static"), NernstLive())


def test_static_page_keyboard_moves_figure_and_readout(browser, nernst_page):
    page = open_file(browser, nernst_page)
    assert page.locator(".nak-fallback").first.is_hidden()  # the PNG is the no-JavaScript fallback
    before_pixels = canvas_pixels(page)
    alt_before = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert readout_mV(page, "K") == pytest.approx(nernst(1, 5, 140, 37), abs=0.05)
    k_out = page.get_by_label("[K⁺] outside (mM)")
    k_out.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert k_out.input_value() == "10"
    assert readout_mV(page, "K") == pytest.approx(nernst(1, 10, 140, 37), abs=0.05)  # in-browser parity
    assert canvas_pixels(page) != before_pixels
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert alt != alt_before and "10 mM outside" in alt
    assert page.locator(".nak-readout").first.get_attribute("aria-live") == "polite"
    page.get_by_role("button", name="Reset").click()
    assert k_out.input_value() == "5"
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_page_random_values_match_nakmodel_in_browser(browser, nernst_page):
    """Ten random slider settings set in the page; the readout equals nakmodel's to its 0.1 mV."""
    import numpy as np

    app = NernstLive()
    page = open_file(browser, nernst_page, viewport={"width": 1280, "height": 720})
    rng = np.random.default_rng(5)
    for _ in range(10):
        c_out, c_in, t = int(rng.integers(1, 501)), int(rng.integers(1, 501)), float(rng.integers(0, 91)) / 2
        for name, v in (("na_out", c_out), ("na_in", c_in), ("temperature_C", t)):
            page.evaluate("([n, v]) => { const i = document.querySelector(`.nak-live input[name=${n}]`);"
                          " i.value = v; i.dispatchEvent(new Event('input', {bubbles: true})); }", [name, v])
        want = app.compute({**app.values, "na_out": c_out, "na_in": c_in, "temperature_C": t})["E"]["Na"]
        assert math.isclose(readout_mV(page, "Na"), round(want, 1), abs_tol=0.051)
    page.close()


def test_static_ghk_log_slider_by_keyboard(browser, tmp_path):
    """A logarithmic control moves by keyboard; Vm follows nakmodel's GHK voltage."""
    from nakmodel.electrochem import ghk_voltage

    app = GHKLive()
    page = open_static(browser, tmp_path, app)
    before = canvas_pixels(page)
    ratio = page.get_by_label("P_Na / P_K")
    ratio.focus()
    for _ in range(10):  # ten steps of 0.02 in log10: x 10**0.2
        page.keyboard.press("ArrowRight")
    pna = app.values["pna_pk"] * 10 ** 0.2
    c_out, c_in = app.concentrations(app.values)
    want = ghk_voltage({"K": 1.0, "Na": pna, "Cl": app.values["pcl_pk"]}, c_out, c_in,
                       app.params()["temperature_C"])
    text = readout(page)
    vm = float(re.search(r"Vm\s*([+-]?\d+\.\d) mV", text).group(1))
    assert vm == pytest.approx(want, abs=0.051)
    assert canvas_pixels(page) != before
    assert f"P_Na/P_K = {pna:.3g}" in page.locator(".nak-figure").first.get_attribute("aria-label")
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_energy_menu_and_slider(browser, tmp_path):
    """A menu (keyboard) and a slider change the energy figure; ATP per second follows nakmodel."""
    app = EnergyLive()
    page = open_static(browser, tmp_path, app)
    before = canvas_pixels(page)
    page.get_by_label("spike model").select_option(index=1)
    page.get_by_label("mean firing rate (Hz)").focus()
    for _ in range(12):  # 4 Hz + 12 x 0.5 Hz = 10 Hz
        page.keyboard.press("ArrowRight")
    want = app.compute({**app.values, "spike_model": app.choices[0].options[1], "rate_hz": 10.0})
    text = readout(page)
    mant, exp = re.search(r"ATP per second\s+(\d\.\d\d) × 10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", text).groups()
    exp = int(exp.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
    assert float(mant) * 10**exp == pytest.approx(want["atp_per_s"], rel=0.006)
    assert canvas_pixels(page) != before
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def spike_readout(page):
    """(spikes, rate Hz, excess ratio or None) from the spike explorer's readout."""
    text = readout(page)
    n, rate = re.search(r"(\d+) spikes?, rate (\d+) Hz", text).groups()
    m = re.search(r"excess ratio \(Na⁺ in / minimum\)\s+(\d+\.\d)×", text)
    return int(n), int(rate), (float(m.group(1)) if m else None)


def test_static_spike_explorer_keyboard_menu_and_in_browser_parity(browser, tmp_path):
    """The spike explorer from file://: arrow keys lower the current below threshold (no spike), the
    model menu greys out the temperature, and random settings give nakmodel's spike count and bill."""
    import numpy as np

    app = SpikeLive()
    page = open_static(browser, tmp_path, app)
    assert page.locator(".nak-fallback").first.is_hidden()
    n, rate, excess = spike_readout(page)  # the page's RK4 numbers (it recomputes Python's embedded result)
    assert (n, rate) == (app.result["n_spikes"], round(app.result["rate_hz"]))
    assert excess == pytest.approx(app.result["budget"]["excess_ratio"], rel=0.01)
    before, alt_before = canvas_pixels(page), page.locator(".nak-figure").first.get_attribute("aria-label")
    amp = page.get_by_label("stimulus current (µA/cm²)")
    amp.focus()
    for _ in range(16):  # 10 - 16 x 0.5 = 2 µA/cm², the below-threshold scenario
        page.keyboard.press("ArrowLeft")
    assert amp.input_value() == "2"
    assert spike_readout(page)[0] == app.compute({**app.values, "i_amp": 2.0})["n_spikes"] == 0
    assert canvas_pixels(page) != before
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert alt != alt_before and "with 0 spikes" in alt and "2.0 µA/cm²" in alt
    temp = page.get_by_label("temperature (squid only) (°C)")
    assert temp.is_enabled()
    page.get_by_label("model", exact=True).select_option(index=1)
    assert temp.is_disabled()
    # announced as unavailable (the accessibility tree's disabled state) and greyed out
    assert page.get_by_role("slider", name="temperature (squid only) (°C)", disabled=True).count() == 1
    assert "nak-disabled" in temp.locator("..").get_attribute("class")
    page.get_by_role("button", name="Reset").click()
    assert amp.input_value() == "10" and temp.is_enabled()
    rng = np.random.default_rng(8)
    labels = list(app.choices[0].options)
    for _ in range(6):  # in-browser parity on random settings (on the sliders' steps)
        values = {"model": labels[int(rng.integers(2))], "i_amp": float(rng.integers(0, 101)) / 2,
                  "pulse_ms": float(rng.integers(1, 91)) / 2,
                  "temperature_C": float(rng.integers(0, 301)) / 10, "locked_pct": float(rng.integers(0, 30))}
        for name, v in values.items():
            set_control(page, name, v)
        values = {**app.values, **values}
        if near_threshold(app, values):  # integrator-sensitive: see tests/frontend/test_spike_parity.py
            continue
        want = app.compute(values)
        n, rate, excess = spike_readout(page)
        assert n == want["n_spikes"], values
        assert rate == pytest.approx(want["rate_hz"], abs=1.0), values
        if "error" not in want["budget"]:  # shown to 0.1, within the port's 1 % (test_spike_parity.py)
            assert excess == pytest.approx(want["budget"]["excess_ratio"], rel=0.01, abs=0.051), values
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


@pytest.mark.parametrize("cls", explorers(), ids=[cls.name for cls in explorers()])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_static_page_axe_no_serious_violations(browser, tmp_path, dark, cls):
    """No serious or critical axe-core violation and nothing wider than a 390 px phone; the figure
    is an image with a sentence-long text alternative."""
    page = check_static_axe(browser, tmp_path, cls(), dark)
    assert page.locator(".nak-figure").first.get_attribute("role") == "img"
    assert len(page.locator(".nak-figure").first.get_attribute("aria-label")) > 100
    page.close()


def test_static_ouabain_dose_by_keyboard(browser, tmp_path):
    """The log concentration slider by keyboard: the table equals nakmodel's one-site block."""
    from nakmodel.drugs import ouabain_pump_fraction

    app = OuabainDoseLive()
    page = open_static(browser, tmp_path, app)
    before = canvas_pixels(page)
    conc = page.get_by_label("ouabain (µM)")
    conc.focus()
    for _ in range(8):  # eight steps of 0.25 in log10: 10 nM -> 1 µM
        page.keyboard.press("ArrowRight")
    assert conc.get_attribute("aria-valuetext") == "1 µM"
    text = readout(page)
    assert "Pump activity left at 1 µM" in text
    pct = float(re.search(r"rat α1 \(resistant\)\s+(\d+\.\d) %", text).group(1))
    assert pct == pytest.approx(100 * ouabain_pump_fraction(1.0, "rodent_alpha1"), abs=0.051)
    assert canvas_pixels(page) != before
    assert "with a line at 1 µM" in page.locator(".nak-figure").first.get_attribute("aria-label")
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_pump_block_snaps_says_so_and_reads_the_grid(browser, tmp_path):
    """The run-down page: the note says the sliders snap; a keyboard step on the size slider and the
    anoxia menu show the grid's runs (readout equals nakmodel's run); the moot controls grey out."""
    from nakmodel.pump_block import scenario

    app = PumpBlockLive()
    page = open_static(browser, tmp_path, app, viewport={"width": 1000, "height": 1200})
    note = page.locator(".nak-note").first.inner_text()
    assert "step on those settings" in note and "5, 10, 20, 40 µm" in note
    before = canvas_pixels(page)
    size = page.get_by_label("cell diameter (µm)")
    size.focus()
    page.keyboard.press("ArrowLeft")  # 20 -> 10 µm
    assert size.get_attribute("aria-valuetext") == "10 µm"
    run = scenario("ouabain", "human_alpha1", 1.0, 10.0, None)
    text = readout(page)
    assert "cell 10 µm" in text
    v_end = float(re.search(r"\(20 s\) → (-?\d+\.\d) mV", text).group(1))
    assert v_end == pytest.approx(float(run["v_mV"][-1]), abs=0.051)
    assert canvas_pixels(page) != before
    page.get_by_label("what stops the pump").select_option(index=1)
    assert page.get_by_label("pump isoform").is_disabled() and page.get_by_label("ouabain (µM)").is_disabled()
    assert page.get_by_role("combobox", name="pump isoform", disabled=True).count() == 1
    page.get_by_label("what stops the pump").select_option(index=0)  # ouabain again: both apply
    assert page.get_by_label("pump isoform").is_enabled() and page.get_by_label("ouabain (µM)").is_enabled()
    page.get_by_label("what stops the pump").select_option(index=1)
    text = readout(page)
    assert "anoxia" in text and "ATP" in text
    assert "anoxia" in page.locator(".nak-figure").first.get_attribute("aria-label")
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_voila_same_module_draws_and_answers_a_slider(browser, voila_server):
    page = open_voila(browser, voila_server, "ion_gradients.ipynb")
    k_out = page.get_by_label("[K⁺] outside (mM)")
    press(page, k_out)
    assert k_out.input_value() == "6"
    # E_K at 6/140 mM, 37 °C, computed by the kernel
    assert readout_mV(page, "K") == pytest.approx(nernst(1, 6, 140, 37), abs=0.05)
    assert not page.external, page.external
    page.close()


def test_voila_spike_explorer_answers_a_key_press_from_the_kernel(browser, voila_server):
    """The spike explorer in Voilà: the same module, fed by the kernel's simulate_hh (LSODA)."""
    app = SpikeLive()
    page = open_voila(browser, voila_server, "action_potentials.ipynb", ".nak-spike")
    amp = page.get_by_label("stimulus current (µA/cm²)")
    press(page, amp, "ArrowLeft", selector=".nak-spike")
    assert amp.input_value() == "9.5"
    want = app.compute({**app.values, "i_amp": 9.5})
    assert spike_readout(page)[:2] == (want["n_spikes"], round(want["rate_hz"]))
    # the temperature greys out when the menu moves (the front end's rule), not when the kernel answers
    temp = page.get_by_label("temperature (squid only) (°C)")
    at_once = page.evaluate("() => { const s = document.querySelector('.nak-spike select[name=model]');"
                            " s.selectedIndex = 1; s.dispatchEvent(new Event('change', {bubbles: true}));"
                            " return document.querySelector('.nak-spike [name=temperature_C]').disabled; }")
    assert at_once is True  # in the same turn as the change event: before any kernel message
    assert temp.is_disabled()
    page.close()


def test_voila_ouabain_chapter_round_trip(browser, voila_server):
    """The ouabain dashboard: both explorers drawn by the same modules; a key press on the
    run-down's size slider comes back from the kernel with the grid run for 10 µm."""
    from nakmodel.pump_block import scenario

    page = open_voila(browser, voila_server, "ouabain.ipynb", ".nak-pump_block",
                      viewport={"width": 1200, "height": 1200})
    assert page.locator(".nak-ouabain_dose canvas").count() > 0
    # each explorer is its own ES module here: the controls' ids (their labels' targets) stay unique
    ids = page.evaluate("() => [...document.querySelectorAll('.nak-live [id]')].map((e) => e.id)")
    assert len(ids) >= 8 and len(ids) == len(set(ids)), ids
    size = page.get_by_label("cell diameter (µm)")
    press(page, size, "ArrowLeft", selector=".nak-pump_block")
    text = page.locator(".nak-pump_block .nak-readout").first.inner_text().replace("−", "-")
    v_end = float(re.search(r"\(20 s\) → (-?\d+\.\d) mV", text).group(1))
    assert v_end == pytest.approx(float(scenario("ouabain", "human_alpha1", 1.0, 10.0, None)["v_mV"][-1]),
                                  abs=0.051)
    assert not page.external, page.external
    page.close()


@pytest.mark.book
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_book_chapter_page_explorer_offline_and_accessible(browser, built_book, theme):
    """The built chapter page from file://: the explorer replaces its PNG, answers the keyboard,
    and axe-core finds no serious or critical violation in it, in the theme's light and dark mode."""
    assert built_book.returncode == 0, built_book.log[-4000:]
    require_axe()
    page = offline_page(browser, theme=theme, viewport={"width": 1200, "height": 1000})
    page.goto((built_book.html / "chapters" / "ion_gradients.html").as_uri())
    page.locator(".nak-live canvas").first.wait_for(timeout=20000)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    assert page.locator(".nak-explorer .nak-fallback").first.is_hidden()
    k_out = page.get_by_label("[K⁺] outside (mM)")
    k_out.focus()
    page.keyboard.press("ArrowRight")
    assert readout_mV(page, "K") == pytest.approx(nernst(1, 6, 140, 37), abs=0.05)
    assert_accessible(page)
    assert not page.external, page.external
    page.close()
