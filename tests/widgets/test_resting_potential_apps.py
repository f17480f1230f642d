"""PumpLeakLoop: fuzzing, and plotted data vs independent values (the GHK explorer is a live explorer:
tests/frontend)."""

import math

import numpy as np
import pytest

from nakmodel import CellParams
from nakmodel.widgets import PumpLeakLoop

from .fuzz import fuzz_app, plotted_numbers

E = 1.602176634e-19



def test_fuzz_pump_leak_loop():
    fuzz_app(PumpLeakLoop())


def test_pump_leak_bars_balance_and_atp_matches_flux():
    """Bars: pump Na+/K+ currents equal minus the leaks (steady state); ATP/cell from the Na+ leak by hand."""
    app = PumpLeakLoop()
    r = app.result
    pump = [b.get_height() for b in app.plot.pump_bars]
    leak = [b.get_height() for b in app.plot.leak_bars]
    assert np.allclose(np.array(pump) + np.array(leak), 0.0, atol=1e-6)
    # each cycle extrudes 3 Na+, so cycles/s/cm² = -I_Na,leak / (3 e)
    p = CellParams()
    area_cm2 = math.pi * (p.diameter_um * 1e-4) ** 2
    atp_by_hand = -r.state.na_leak_uA_cm2 * 1e-6 / (3 * E) * area_cm2
    assert r.atp_per_cell_s == pytest.approx(atp_by_hand, rel=1e-4)
    assert app.plot.vm_line.get_ydata()[0] == pytest.approx(r.state.v_mV)


def test_stoichiometry_dropdown_and_reset():
    app = PumpLeakLoop()
    v32 = app.result.state.v_mV
    n = app.n_updates
    app.stoich.value = list(app.stoich.options)[1]
    assert app.n_updates == n + 1
    assert app.plot.pump_bars[2].get_height() == pytest.approx(0.0, abs=1e-9)
    assert app.result.state.v_mV > v32
    assert np.all(np.isfinite(plotted_numbers(app.plot.fig)))
    app.sliders["p_na"].value = 1e-7
    app.reset()
    assert app.stoich.value == list(app.stoich.options)[0]
    assert app.sliders["p_na"].value == pytest.approx(CellParams().p_na_cm_s)
    assert app.result.state.v_mV == pytest.approx(v32)


def test_impossible_setting_shows_message_not_nan():
    app = PumpLeakLoop()
    app.set_values(density=60.0, p_na=3e-7, p_k=2e-7)
    assert np.all(np.isfinite(plotted_numbers(app.plot.fig)))


@pytest.mark.parametrize("cls", [PumpLeakLoop])
def test_log_slider_defaults_lie_on_the_snapping_grid(cls):
    """The browser snaps log sliders to min + k*step; the default must survive that snap."""
    for slider in cls().sliders.values():
        if hasattr(slider, "base"):
            k = (math.log10(slider.value) - slider.min) / slider.step
            assert abs(k - round(k)) < 1e-6
