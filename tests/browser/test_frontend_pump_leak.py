"""The pump–leak loop and the stoichiometry explorer drawn by the browser, network blocked.

Static engine (file://, the page the book embeds): keyboard and menus move the figure, the readout
and the text alternative; the numbers shown equal nakmodel's (in-browser parity); Reset (axe-core
light and dark at phone width: test_frontend.py, for every explorer). Live engine: the
resting-potential chapter in Voilà, one key press answered by the kernel.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from nakmodel.widgets.live import PumpLeakLive, StoichiometryLive
from tests.browser.helpers import canvas_pixels, open_static, open_voila, press, readout, set_control

pytestmark = pytest.mark.browser


def number_after(text, label, unit="mV"):
    m = re.search(rf"{re.escape(label)}\s*([+-]?\d+\.\d+) {re.escape(unit)}", text.replace("−", "-"))
    assert m, text
    return float(m.group(1))


def table_vm(page):
    """Vm column of the stoichiometry readout: {"3:2": mV, ...}."""
    rows = page.evaluate("() => [...document.querySelectorAll('.nak-readout tr')].slice(1)"
                         ".map(r => [...r.cells].map(c => c.textContent))")
    return {r[0]: float(r[1].replace("−", "-")) for r in rows}


def test_static_pump_leak_keyboard_menu_and_reset(browser, tmp_path):
    app = PumpLeakLive()
    page = open_static(browser, tmp_path, app, viewport={"width": 1000, "height": 1100})
    assert page.locator(".nak-fallback").first.is_hidden()
    before, alt_before = canvas_pixels(page), page.locator(".nak-figure").first.get_attribute("aria-label")
    assert number_after(readout(page), "Vm") == pytest.approx(round(app.result["vm"], 1), abs=0.051)
    p_na = page.get_by_label("Na⁺ leak P_Na (cm/s)")
    p_na.focus()
    for _ in range(15):  # 15 steps of 0.02 in log10: the Na⁺ leak doubled (x 10**0.3)
        page.keyboard.press("ArrowRight")
    want = app.compute({**app.values, "p_na": app.values["p_na"] * 10 ** 0.3})
    text = readout(page)
    assert number_after(text, "Vm") == pytest.approx(round(want["vm"], 1), abs=0.051)
    assert number_after(text, "spent by leaks", "pW") == pytest.approx(round(want["power_dissipated_pW"], 2),
                                                                        abs=0.0051)
    mant, exp = f"{app.values['p_na'] * 10 ** 0.3:.2e}".split("e")  # 1.08e-07 -> 1.08 × 10⁻⁷ cm/s
    sup = str(int(exp)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    assert p_na.get_attribute("aria-valuetext") == f"{mant} × 10{sup} cm/s"
    assert canvas_pixels(page) != before
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert alt != alt_before and f"Vm = {want['vm']:+.1f} mV".replace("-", "−") in alt.replace("-", "−")
    page.get_by_label("pump stoichiometry").select_option(index=1)  # 3 Na⁺ : 3 K⁺
    assert number_after(readout(page), "pump current (net)", "µA/cm²") == 0.0
    page.get_by_role("button", name="Reset").click()
    assert number_after(readout(page), "Vm") == pytest.approx(round(app.result["vm"], 1), abs=0.051)
    assert page.locator(".nak-readout").first.get_attribute("aria-live") == "polite"
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_stoichiometry_menus_and_slider_match_nakmodel(browser, tmp_path):
    app = StoichiometryLive()
    page = open_static(browser, tmp_path, app, viewport={"width": 1000, "height": 1400})
    before = canvas_pixels(page)
    page.get_by_label("highlight").select_option("blocked")
    page.get_by_label("compare at").select_option("same Na⁺ pumping")
    density = page.get_by_label("pumps (per µm²)")
    density.focus()
    for _ in range(5):  # 5 x 20 pumps/µm² up (the slider snaps to its step)
        page.keyboard.press("ArrowRight")
    value = float(density.input_value())
    want = app.compute({**app.values, "variant": "blocked", "basis": "same Na⁺ pumping",
                        "pump_density": value})
    got = table_vm(page)
    for row in want["rows"]:
        n, m = row["stoichiometry"]
        assert got[f"{n}:{m}"] == pytest.approx(round(row["v_mV"], 1), abs=0.051)
    alt = page.locator(".nak-figure").first.get_attribute("aria-label")
    assert "to the pump blocked" in alt and f"{want['course']['v_mV'][-1]:.1f}".replace("-", "−") in alt
    assert canvas_pixels(page) != before
    assert not page.external and not page.errors, (page.external, page.errors)
    page.close()


def test_static_random_settings_match_nakmodel_in_browser(browser, tmp_path):
    """Five random settings of each explorer set in the page; Vm shown equals nakmodel's to 0.1 mV."""
    from tests.frontend.test_parity import random_values

    rng = np.random.default_rng(31)
    for app in (PumpLeakLive(), StoichiometryLive()):
        page = open_static(browser, tmp_path, app, viewport={"width": 1000, "height": 1200})
        controls = {c.name: c for c in app.controls}
        for values in random_values(app, rng, 5):
            shown = {}
            for name, v in values.items():
                c = controls.get(name)
                if c is None:
                    set_control(page, name, v)
                    shown[name] = v
                else:  # the slider snaps to its step grid (log10 for log controls)
                    pos = np.log10(v) if c.log else v
                    lo = np.log10(c.minimum) if c.log else c.minimum
                    pos = lo + round((pos - lo) / c.step) * c.step
                    set_control(page, name, pos)
                    shown[name] = float(min(c.maximum, max(c.minimum, 10 ** pos if c.log else round(pos, 6))))
            want = app.compute(shown)
            if app.name == "pump_leak":
                assert number_after(readout(page), "Vm") == pytest.approx(round(want["vm"], 1), abs=0.051)
            else:
                got = table_vm(page)
                for row in want["rows"]:
                    n, m = row["stoichiometry"]
                    assert got[f"{n}:{m}"] == pytest.approx(round(row["v_mV"], 1), abs=0.051), shown
        assert not page.errors, page.errors
        page.close()


def test_voila_pump_leak_answers_a_key_press(browser, voila_server):
    """The resting-potential chapter in Voilà: the pump–leak loop's front end, fed by the kernel."""
    app = PumpLeakLive()
    page = open_voila(browser, voila_server, "resting_potential.ipynb", ".nak-pump_leak")
    live = page.locator(".nak-pump_leak")
    p_k = live.get_by_label("K⁺ leak P_K (cm/s)")
    press(page, p_k, selector=".nak-pump_leak")
    want = app.compute({**app.values, "p_k": app.values["p_k"] * 10 ** 0.02})
    text = live.locator(".nak-readout").inner_text()
    assert number_after(text, "Vm") == pytest.approx(round(want["vm"], 1), abs=0.051)
    # two explorers on the page (GHK and this one): every label names an input of its own explorer
    ids = page.evaluate("() => [...document.querySelectorAll('.nak-live input, .nak-live select')]"
                        ".map(i => i.id)")
    assert len(ids) == len(set(ids))
    assert not page.external, page.external
    page.close()
