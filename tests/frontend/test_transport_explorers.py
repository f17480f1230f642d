"""The secondary-transport chapter's live explorers (cotransport, epithelium): Python side.

Checks against closed forms written out here (CODATA 2018 R and F typed in), conservation laws
of the steady state, the published calibration (Lee & Armstrong 1972) and the chapter's claims.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from nakmodel import ParameterError
from nakmodel.widgets.live import CotransportLive, EpitheliumLive

R, F, T0 = 8.314462618, 96485.33212, 273.15  # CODATA 2018, independent of nakmodel.constants


def rtf_mV(t_C):
    return R * (t_C + T0) / F * 1e3


def test_cotransport_limits_are_the_closed_form():
    app = CotransportLive()
    w = app.widget
    w.values = {**w.values, "v_mV": -40.0, "na_in": 20.0, "na_out": 150.0}
    assert w.error == ""
    one = (150.0 / 20.0) * math.exp(40.0 / rtf_mV(37.0))  # one Na+ per glucose
    assert w.result["ratio"]["SGLT2"] == pytest.approx(one, rel=1e-12)
    assert w.result["ratio"]["SGLT1"] == pytest.approx(one**2, rel=1e-12)  # two: every factor squared
    grid = app.params()["v_grid_mV"]
    by_hand = [(150.0 / 20.0) * math.exp(-v / rtf_mV(37.0)) for v in grid]
    np.testing.assert_allclose(w.result["curves"]["SGLT2"], by_hand, rtol=1e-12)
    np.testing.assert_allclose(w.result["curves"]["SGLT1"], np.square(by_hand), rtol=1e-12)


def test_cotransport_flux_vanishes_at_the_thermodynamic_limit_and_reverses_beyond():
    """J = 0 exactly where [G]i/[G]o equals the equilibrium ratio (the flux's thermodynamic factor)."""
    app = CotransportLive(v_mV=0.0, na_in=100.0, na_out=140.0)  # limits 1.4 (SGLT2), 1.96 (SGLT1) at 0 mV
    assert app.result["ratio"]["SGLT2"] == pytest.approx(1.4, rel=1e-12)
    ref = app.params()["reference_glucose_mM"]
    at_limit = app.compute({**app.values, "glucose_in": 1.4 * ref})
    assert at_limit["flux_ref"]["SGLT2"] == pytest.approx(0.0, abs=1e-12)
    assert at_limit["flux_ref"]["SGLT1"] > 0  # SGLT1 (limit 1.96) still pumps
    beyond = app.compute({**app.values, "glucose_in": 2.0 * ref})
    assert beyond["flux_ref"]["SGLT2"] < 0 and beyond["flux_ref"]["SGLT1"] < 0
    # Michaelis-Menten factor with no glucose inside: 10/(10 + K_0.5), K_0.5 0.5 and 5 mM (Wright 2011)
    empty = app.compute({**app.values, "glucose_in": 0.0})
    assert empty["flux_ref"]["SGLT1"] == pytest.approx(ref / (ref + 0.5), rel=1e-12)
    assert empty["flux_ref"]["SGLT2"] == pytest.approx(ref / (ref + 5.0), rel=1e-12)


def test_cotransport_ncx_reversal_is_three_e_na_minus_two_e_ca():
    app = CotransportLive(na_in=15.0, na_out=145.0)
    e_na = rtf_mV(37.0) * math.log(145.0 / 15.0)
    e_ca = rtf_mV(37.0) / 2 * math.log(1.2 / 1e-4)  # Clapham 2007: 1.2 mM out, 100 nM in
    assert app.result["e_na"] == pytest.approx(e_na, abs=1e-9)
    assert app.result["e_ncx"] == pytest.approx(3 * e_na - 2 * e_ca, abs=1e-9)


def test_epithelium_steady_state_conserves_glucose_and_sodium():
    """Whatever the settings: glucose in = glucose out; Na+ in (2 per SGLT1 cycle + leak) = 3 per pump
    cycle."""
    app = EpitheliumLive()
    rng = np.random.default_rng(3)
    for _ in range(20):
        values = {c.name: float(rng.uniform(c.minimum, c.maximum)) for c in app.controls}
        values["apical_vm"] = app.choices[0].options[int(rng.integers(2))]
        r = app.set_values(**values)
        assert r["sglt_flux_mM_s"] == pytest.approx(r["glut2_flux_mM_s"], abs=1e-9)
        na_in = 2 * r["sglt_flux_mM_s"] + r["na_leak_mM_s"]
        assert na_in == pytest.approx(3 * r["pump_rate_mM_s"], abs=1e-9 * max(1.0, abs(na_in)))
        assert r["glucose_cell_mM"] >= 0 and r["na_cell_mM"] > 0


def test_epithelium_without_sugar_holds_the_measured_cell_sodium():
    """Calibration: no sugar on either side, pump on -> the 14.4 mM Na+ activity of Lee & Armstrong 1972."""
    app = EpitheliumLive()
    with pytest.raises(ParameterError):  # the lowest luminal glucose the slider allows is 0.2 mM
        app.set_values(glucose_lumen=0.0)
    held = app.choices[0].options[1]
    r = app.compute({"glucose_lumen": 0.2, "glucose_blood": 2.0, "pump_fraction": 1.0, "apical_vm": held})
    assert 14.4 < r["na_cell_mM"] < 14.4 + 3.1  # a little sugar adds Na+ entry: within one SD above


def test_epithelium_pump_block_reverses_fasting_absorption_and_voltage_menu():
    app = EpitheliumLive()
    app.apply_url_parameters("scenario=ouabain-fasting")
    assert app.result["glucose_flux_mM_s"] < 0  # glucose now leaks from blood to lumen (chapter claim)
    assert app.result["v_apical_mV"] > -40.0  # the coupled apical membrane has depolarised
    held = EpitheliumLive()
    held.apply_url_parameters("scenario=ouabain-voltage-held")
    assert held.result["v_apical_mV"] == -60.0
    w = held.widget
    w.values = {**w.values, "apical_vm": "tied to nothing"}
    assert "apical_vm" in w.error and "must be one of" in w.error
    w.values = {**w.values, "apical_vm": held.choices[0].options[1], "pump_fraction": 1.5}
    assert "pump_fraction" in w.error and "between 0 and 1" in w.error


@pytest.mark.parametrize("cls", [CotransportLive, EpitheliumLive])
def test_transport_scenarios_reach_the_live_explorers(cls):
    for name, settings in cls.scenarios.items():
        app = cls()
        default = app.result
        applied = app.apply_url_parameters(f"scenario={name}")
        assert applied == settings and all(app.values[k] == v for k, v in settings.items())
        assert f"scenario “{name}”" in app.notice and app.result != default
    assert set(cls.scenario_notes) == set(cls.scenarios)


@pytest.mark.parametrize("cls,alt", [(CotransportLive, "Two panels"), (EpitheliumLive, "Schematic")])
def test_static_placeholder_has_state_and_png_with_alt(cls, alt):
    html = cls().static_html()
    assert f'class="nak-explorer" data-explorer="{cls.name}"' in html
    state = json.loads(re.search(r'<script type="application/json" class="nak-explorer-state">(.*?)</script>',
                                 html).group(1))
    assert set(state) == {"spec", "values", "result"}
    assert '<img src="data:image/png;base64,' in html and f'alt="{alt}' in html


def test_old_png_apps_are_gone():
    import nakmodel.widgets as w

    assert "CotransportExplorer" not in w.__all__ and "EpitheliumView" not in w.__all__
    with pytest.raises(AttributeError):
        w.CotransportExplorer  # noqa: B018


@pytest.mark.parametrize("glucose_in", [0.0, 0.5, 1.0, 3.0, 12.0, 20.0])
def test_fallback_cell_glucose_label_clears_the_curves(glucose_in):
    """The "cell glucose" label of the PNG never lies on a flux curve (it did at low cell glucose)."""
    app = CotransportLive(glucose_in=glucose_in)
    fig, _ = app.fallback_figure(app.values, app.result)
    fig.canvas.draw()
    from nakmodel.plots.secondary_transport import CotransportPlot  # noqa: F401 - the figure's class

    ax = fig.axes[1]
    text = next(t for t in ax.texts if t.get_text().startswith("cell glucose"))
    box = text.get_window_extent().expanded(1.02, 1.1)
    for line in ax.get_lines():
        x, y = line.get_xdata(), line.get_ydata()
        if len(x) < 10:  # the vertical marker lines
            continue
        dense_x = np.linspace(x[0], x[-1], 4000)
        pts = ax.transData.transform(np.column_stack([dense_x, np.interp(dense_x, x, y)]))
        inside = (pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0) & (pts[:, 1] < box.y1)
        assert not inside.any(), (glucose_in, line.get_label())
