import numpy as np
import pytest

from nakmodel.hh import simulate_hh
from nakmodel.widgets import SpikeExplorer
from nakmodel.widgets import action_potentials as ap

from .fuzz import fuzz_app


def test_fuzz_spike_explorer():
    fuzz_app(SpikeExplorer())


def test_fuzz_mammalian_model():
    app = SpikeExplorer()
    app.model_choice.value = "mammalian"
    assert app.sliders["temperature_C"].disabled
    # the mammalian model runs at its own 37 °C: the (disabled) temperature slider must change nothing
    fuzz_app(app, n_random=5, inert=("temperature_C",))


def test_voltage_trace_is_the_model_run():
    """The plotted V(t) and Na+ current are those of simulate_hh called directly."""
    app = SpikeExplorer()
    app.set_values(i_amp=15.0, pulse_ms=20.0, temperature_C=10.0)
    r = simulate_hh(15.0, ap.WINDOW_MS, onset_ms=ap.STIM_ONSET_MS, pulse_ms=20.0, temperature_C=10.0,
                    dt_ms=ap.WINDOW_MS / 999)
    t, v = app.plot.line_v.get_data()
    np.testing.assert_allclose(t, r.t_ms)
    np.testing.assert_allclose(v, r.v_mV, atol=1e-6)
    np.testing.assert_allclose(app.plot.line_ina.get_ydata(), r.i_na, atol=1e-4)
    # the operating point sits at the stimulus current
    assert app.plot.point.get_xdata()[0] == pytest.approx(15.0)


def test_readout_minimum_charge_is_c_delta_v():
    app = SpikeExplorer()
    b = app.budget
    # C = 1 µF/cm²: amplitude (mV) in nC/cm², divided by F, in pmol/cm²
    assert b.min_charge_pmol_cm2 == pytest.approx(b.amplitude_mV * 1e3 / 96485.33212, rel=1e-9)
    assert f"{b.excess_ratio:.1f}×" in app.readout.value


def test_most_slider_moves_only_redraw_the_data():
    app = SpikeExplorer()
    canvas = app.plot.fig.canvas
    for amp in (1.0, 1.5):  # the canvas learns which artists change (first moves draw in full)
        app.sliders["i_amp"].value = amp
    n0 = canvas.n_full_draws + canvas.n_axes_redraws
    for amp in np.linspace(2, 40, 15):
        app.sliders["i_amp"].value = float(amp)
    assert canvas.n_full_draws + canvas.n_axes_redraws == n0


def test_locked_channels_block_firing_in_the_app():
    app = SpikeExplorer()
    assert app.result.n_spikes >= 3
    app.set_values(locked_pct=20.0)
    assert app.result.n_spikes == 1
    assert app.rate_hz == 0.0
