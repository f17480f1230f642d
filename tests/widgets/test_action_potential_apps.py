import numpy as np
import pytest

from nakmodel.constants import SQUID_AXON
from nakmodel.hh import reference_state, simulate_hh, spike_ion_budget
from nakmodel.widgets import RundownExplorer, SpikeExplorer
from nakmodel.widgets import action_potentials as ap

from .fuzz import fuzz_app


def test_fuzz_spike_explorer():
    timings = fuzz_app(SpikeExplorer())
    assert len(timings) == 4 * 22


def test_fuzz_rundown_explorer_both_pump_states():
    app = RundownExplorer()
    assert len(fuzz_app(app)) == 2 * 22
    app.pump.value = True
    assert len(fuzz_app(app, seed=1)) == 2 * 22


def test_fuzz_mammalian_model():
    app = SpikeExplorer()
    app.model_choice.value = "mammalian"
    assert app.sliders["temperature_C"].disabled
    # the temperature slider is disabled for this model (fixed at 37 °C): fuzz the others
    app.sliders.pop("temperature_C")
    app._defaults.pop("temperature_C")
    assert len(fuzz_app(app, n_random=5)) == 3 * 7


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


def test_pump_off_line_is_the_closed_form():
    """[Na]i with the pump stopped: [Na]i0 + N·Q_Na·4/d, computed here by hand."""
    app = RundownExplorer()
    app.set_values(diameter_um=2.0)
    n, na = app.plot.line_na.get_data()
    q = spike_ion_budget("squid").na_entry_pmol_cm2  # pmol/cm²
    step_mM = q * 1e-12 * (4.0 / 2.0e-4) * 1e3 * 1e3
    na0 = SQUID_AXON.c_in_mM["Na"]
    np.testing.assert_allclose(na[1:], na0 + n[1:] * step_mM, rtol=1e-9)


def test_presets_and_model_switch():
    app = RundownExplorer()
    app.thin.click()
    assert app.values["diameter_um"] == pytest.approx(ap.THIN_AXON_UM)
    app.case.value = ("mammalian", None)
    assert app.result.model == "mammalian"
    assert app.result.na_in_pump_off_mM[0] == reference_state("mammalian").na_in_mM
    assert "spikes" in app.readout.value
    app.giant.click()
    assert app.values["diameter_um"] == pytest.approx(ap.GIANT_AXON_UM)


def test_fast_pump_never_reaches_criterion():
    app = RundownExplorer()
    app.case.value = ("mammalian", None)
    app.pump.value = True
    app.set_values(rate_hz=1.0)  # well below the ~10 Hz at which the cycle-model pump holds E_Na within 10 mV
    assert np.isinf(app.result.spikes_to_criterion_pump_on)
    assert "never" in app.readout.value
