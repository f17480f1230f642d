"""The secondary-transport chapter's explorers drawn by the browser, network blocked.

Static engine from file:// (keyboard moves, readout and text alternative follow nakmodel, the
epithelium's root search in the page gives nakmodel's steady state; axe-core light/dark at phone
width: test_frontend.py, for every explorer); live engine: the chapter in Voilà answers one key
press from the kernel.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from nakmodel.widgets.live import CotransportLive, EpitheliumLive
from tests.browser.helpers import (
    assert_accessible,
    canvas_pixels,
    offline_page,
    open_static,
    open_voila,
    press,
    readout,
    require_axe,
    set_control,
)

pytestmark = pytest.mark.browser


def test_static_cotransport_keyboard_and_in_browser_parity(browser, tmp_path):
    app = CotransportLive()
    page = open_static(browser, tmp_path, app)
    assert page.locator(".nak-fallback").first.is_hidden()
    before, alt_before = canvas_pixels(page), page.locator(".nak-figure").first.get_attribute("aria-label")
    vm = page.get_by_label("membrane potential (mV)")
    vm.focus()
    for _ in range(20):  # -60 mV + 20 x 1 mV
        page.keyboard.press("ArrowRight")
    assert vm.input_value() == "-40"
    want = app.compute({**app.values, "v_mV": -40.0})
    text = readout(page)
    sglt1 = int(re.search(r"SGLT1 \(2 Na⁺\)\s+([\d,]+)×", text).group(1).replace(",", ""))
    assert sglt1 == round(want["ratio"]["SGLT1"])
    e_ncx = int(re.search(r"ENCX = ([+-]\d+) mV", text).group(1))
    assert e_ncx == round(want["e_ncx"])
    assert canvas_pixels(page) != before
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert alt != alt_before and "marked at -40 mV" in alt.replace("−", "-")
    assert page.locator(".nak-readout").first.get_attribute("aria-live") == "polite"
    page.get_by_role("button", name="Reset").click()
    assert vm.input_value() == "-60"
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_epithelium_root_search_in_the_page_matches_nakmodel(browser, tmp_path):
    """Ten random settings (sliders and the voltage menu) in the page; the readout shows nakmodel's steady
    state to its printed digits."""
    app = EpitheliumLive()
    page = open_static(browser, tmp_path, app)
    rng = np.random.default_rng(11)
    menu = page.get_by_label("apical membrane potential")
    for i in range(10):
        values = {"glucose_lumen": round(float(rng.uniform(0.2, 30.0)) / 0.2) * 0.2,
                  "glucose_blood": round(float(rng.uniform(2.0, 15.0)) / 0.5) * 0.5,
                  "pump_fraction": round(float(rng.uniform(0.0, 1.0)) / 0.05) * 0.05,
                  "apical_vm": app.choices[0].options[i % 2]}
        menu.select_option(values["apical_vm"])
        for name in ("glucose_lumen", "glucose_blood", "pump_fraction"):
            set_control(page, name, values[name])
        shown = {c.name: float(page.locator(f".nak-live input[name={c.name}]").input_value())
                 for c in app.controls}
        want = app.compute({**shown, "apical_vm": values["apical_vm"]})
        text = readout(page)
        assert float(re.search(r"cell \[Na⁺\]\s+([\d.]+) mM", text).group(1)) == round(want["na_cell_mM"], 1)
        assert float(re.search(r"cell \[glucose\]\s+([\d.]+) mM", text).group(1)) == \
            pytest.approx(round(want["glucose_cell_mM"], 2), abs=0.0051)
        assert float(re.search(r"pump cycles\s+([\d.]+) mM/s", text).group(1)) == \
            pytest.approx(round(want["pump_rate_mM_s"], 3), abs=0.00051)
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_epithelium_keyboard_pump_block_turns_the_flux_round(browser, tmp_path):
    app = EpitheliumLive(glucose_lumen=1.0)
    page = open_static(browser, tmp_path, app)
    before = canvas_pixels(page)
    assert "absorbed (lumen → blood)" in readout(page)
    pump = page.get_by_label("pump activity (1 = no ouabain)")
    pump.focus()
    page.keyboard.press("Home")  # pump fully blocked
    assert pump.input_value() == "0"
    text = readout(page)
    assert "lost (blood → lumen)" in text
    assert canvas_pixels(page) != before
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert "pump activity 0%" in alt and "from blood back to lumen" in alt
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_voila_epithelium_answers_a_key_press_from_the_kernel(browser, voila_server):
    page = open_voila(browser, voila_server, "secondary_transport.ipynb", ".nak-epithelium")
    pump = page.get_by_label("pump activity (1 = no ouabain)")
    press(page, pump, "ArrowLeft", selector=".nak-epithelium")
    assert pump.input_value() == "0.95"
    want = EpitheliumLive().compute({**EpitheliumLive().values, "pump_fraction": 0.95})
    text = page.locator(".nak-epithelium .nak-readout").inner_text()
    assert f"{want['pump_rate_mM_s']:.3f} mM/s" in text  # computed by the kernel
    assert page.locator(".nak-cotransport canvas").count() > 0  # the other explorer of the page drew too
    assert not page.external, page.external
    page.close()


def check_chapter_page(browser, html_dir, theme):
    """The built chapter from file://: both explorers replace their PNGs, answer the keyboard, and
    axe-core finds no serious or critical violation in either, in the theme's light or dark mode."""
    page = offline_page(browser, theme=theme, viewport={"width": 1200, "height": 1000})
    page.goto((html_dir / "chapters" / "secondary_transport.html").as_uri())
    page.locator(".nak-epithelium canvas").first.wait_for(timeout=20000)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    assert page.locator(".nak-live").count() == 2
    for i in range(2):
        assert page.locator(".nak-explorer .nak-fallback").nth(i).is_hidden()
    pump = page.get_by_label("pump activity (1 = no ouabain)")
    pump.focus()
    page.keyboard.press("ArrowLeft")
    app = EpitheliumLive()
    want = app.compute({**app.values, "pump_fraction": 0.95})
    assert f"{want['pump_rate_mM_s']:.3f} mM/s" in page.locator(".nak-epithelium .nak-readout").inner_text()
    assert not page.errors, page.errors  # (before axe-core, whose stylesheet requests file:// refuses)
    assert_accessible(page, every=True)
    assert not page.external, page.external
    page.close()


@pytest.mark.book
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_book_secondary_transport_page_offline_and_accessible(browser, built_book, theme):
    assert built_book.returncode == 0, built_book.log[-4000:]
    require_axe()
    check_chapter_page(browser, built_book.html, theme)
