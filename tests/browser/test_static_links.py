"""Teacher links in the static book: a page opened from file:// with ``?k_out=10`` or
``?scenario=<name>`` starts at those settings (controls, figure, readout) and says so; a bad value is
listed and the defaults stay. Network blocked."""

from __future__ import annotations

import re

import pytest

from nakmodel.electrochem import ghk_voltage, nernst
from nakmodel.widgets.live import GHKLive, NernstLive
from tests.browser.helpers import LIVE, assert_accessible, offline_page, readout
from tests.frontend.pages import write_static_page

pytestmark = pytest.mark.browser


def open_with(browser, path, query, viewport=None):
    page = offline_page(browser, viewport=viewport or {"width": 1000, "height": 1000})
    page.goto(path.as_uri() + query)
    page.locator(f"{LIVE} canvas").first.wait_for(timeout=30000)
    return page


def mV(text, name):
    m = re.search(rf"{name}\s*([+-]?\d+\.\d) mV", text)
    assert m, text
    return float(m.group(1))


def notice(page):
    return page.locator(f"{LIVE} .nak-notice").first.inner_text()


def test_nernst_link_sets_controls_figure_readout_and_notice(browser, tmp_path):
    page = open_with(browser, write_static_page(tmp_path, NernstLive()), "?k_out=10&temperature_C=20")
    assert page.get_by_label("[K⁺] outside (mM)").input_value() == "10"
    assert page.get_by_label("temperature (°C)").input_value() == "20"
    assert mV(readout(page), r"E\s*K") == pytest.approx(nernst(1, 10, 140, 20), abs=0.05)
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert "10 mM outside" in alt
    expected = NernstLive()
    expected.apply_url_parameters("k_out=10&temperature_C=20")
    assert notice(page) == expected.notice and "from the link" in notice(page)
    assert page.locator(".nak-notice").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Reset").click()  # Reset restores the defaults, as the notice says
    assert page.get_by_label("[K⁺] outside (mM)").input_value() == "5"
    assert mV(readout(page), r"E\s*K") == pytest.approx(nernst(1, 5, 140, 37), abs=0.05)
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_ghk_scenario_link_opens_that_scenario(browser, tmp_path):
    page = open_with(browser, write_static_page(tmp_path, GHKLive()), "?scenario=hyperkalaemia",
                     viewport={"width": 390, "height": 900})
    app = GHKLive()
    values = {**app.values, **GHKLive.scenarios["hyperkalaemia"]}
    assert page.get_by_label("[K⁺] outside (mM)").input_value() == "10"
    c_out, c_in = GHKLive.concentrations(values)
    want = ghk_voltage({"K": 1.0, "Na": values["pna_pk"], "Cl": values["pcl_pk"]}, c_out, c_in,
                       GHKLive.temperature_C)
    assert mV(readout(page), "Vm") == pytest.approx(want, abs=0.05)
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert f"Vm = {want:+.1f} mV".replace("-", "−") in alt
    text = notice(page)
    note = GHKLive.scenario_notes["hyperkalaemia"]
    assert text.startswith(f"Opened at the scenario “hyperkalaemia”: {note}.")
    assert "Reset restores the defaults" in text
    assert_accessible(page, width=390)
    page.screenshot(path=str(tmp_path / "ghk-scenario-390.png"), full_page=True)
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_bad_link_value_is_listed_and_the_defaults_stay(browser, tmp_path):
    page = open_with(browser, write_static_page(tmp_path, NernstLive()), "?k_out=abc&na_in=9000&unrelated=1")
    assert page.get_by_label("[K⁺] outside (mM)").input_value() == "5"
    assert mV(readout(page), r"E\s*K") == pytest.approx(nernst(1, 5, 140, 37), abs=0.05)
    text = notice(page)
    assert text == ("Some link settings were not used: k_out=abc (must be a number); "
                    "na_in=9000 (must be between 1 and 500 mM).")
    assert "from the link" not in text
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_page_without_link_has_no_notice(browser, tmp_path):
    page = open_with(browser, write_static_page(tmp_path, NernstLive()), "")
    assert notice(page) == "" and page.locator(".nak-notice").first.is_hidden()
    page.close()
