"""Scientific claims made in the chapter "Action potentials: who pays for them"."""

import numpy as np
import pytest

from nakmodel.hh import fi_curve, max_sustainable_rate_hz, simulate_hh, spike_ion_budget, spike_train_rundown


def test_spikes_to_criterion_scale_with_diameter():
    """Pump off: Δ[Na]i per spike = Q·4/d, so 500 µm lasts 2500x longer than 0.2 µm."""
    giant = spike_train_rundown(500.0, n_spikes=10)
    thin = spike_train_rundown(0.2, n_spikes=10)
    assert (giant.spikes_to_criterion_pump_off / thin.spikes_to_criterion_pump_off
            == pytest.approx(2500.0, rel=1e-9))


@pytest.mark.parametrize("model,temp", [("squid", None), ("squid", 18.5), ("mammalian", None)])
def test_giant_axon_fires_thousands_of_spikes_without_pump(model, temp):
    """'Thousands of action potentials without the pump' holds for a 500 µm axon, whatever the spike."""
    r = spike_train_rundown(500.0, n_spikes=10, model=model, temperature_C=temp)
    assert r.spikes_to_criterion_pump_off > 1000


def test_thin_axon_runs_down_in_tens_of_spikes():
    r = spike_train_rundown(0.2, n_spikes=10, model="mammalian")
    assert 10 < r.spikes_to_criterion_pump_off < 100


@pytest.mark.parametrize("model", ["squid", "mammalian"])
def test_locked_open_na_channels_stop_repetitive_firing(model):
    """20 % non-inactivating Na+ channels: one spike, then depolarisation block with a large Na+ influx."""
    free = simulate_hh(10.0, 100.0, onset_ms=5.0, model=model)
    locked = simulate_hh(10.0, 100.0, onset_ms=5.0, model=model, na_locked_open_fraction=0.2)
    assert free.n_spikes >= 5
    assert locked.n_spikes <= 1
    late = locked.t_ms > 50.0
    assert np.all(locked.v_mV[late] > -40.0)          # held depolarised
    assert np.all(locked.i_na[late] < -100.0)         # sustained inward Na+ current, µA/cm²


def test_locked_channels_do_not_disturb_rest():
    """Without activation the modified channels stay shut: rest barely moves."""
    r = simulate_hh(0.0, 20.0, na_locked_open_fraction=0.2)
    assert r.n_spikes == 0
    assert abs(r.v_mV[-1] - (-65.0)) < 1.0


def test_mammalian_spike_is_thriftier_than_squid():
    mam = spike_ion_budget("mammalian").excess_ratio
    assert mam < spike_ion_budget("squid", 18.5).excess_ratio < spike_ion_budget("squid").excess_ratio
    assert mam < 2.0


def test_warming_shortens_overlap_and_cuts_waste():
    ratios = [spike_ion_budget("squid", t).excess_ratio for t in (6.3, 12.0, 18.5)]
    assert ratios[0] > ratios[1] > ratios[2]


def test_mammalian_model_shows_depolarisation_block():
    i, f = fi_curve("mammalian")
    assert f.max() > 300.0
    peak = i[np.argmax(f)]
    assert np.all(f[i > peak + 3.0] == 0.0)


def test_squid_firing_starts_abruptly():
    """Type-II onset: the first nonzero rate of the HH squid model is far above 0 Hz."""
    _i, f = fi_curve("squid")
    assert f[f > 0][0] > 40.0
    assert np.all(np.diff(f[f > 0]) > 0)


def test_sustainable_rate_does_not_depend_on_diameter():
    """Pump capacity and Na+ load both scale with membrane area: whether E_Na falls by 10 mV
    depends on the rate only, and when it does, the spike count scales with the diameter."""
    f_max = max_sustainable_rate_hz("mammalian")
    counts = []
    for d in (0.2, 5.0, 500.0):
        below = spike_train_rundown(d, n_spikes=1e5, rate_hz=0.9 * f_max, model="mammalian")
        above = spike_train_rundown(d, n_spikes=1e7, rate_hz=3.0 * f_max, model="mammalian")
        assert np.isinf(below.spikes_to_criterion_pump_on)
        assert np.isfinite(above.spikes_to_criterion_pump_on)
        assert above.spikes_to_criterion_pump_on > above.spikes_to_criterion_pump_off
        counts.append(above.spikes_to_criterion_pump_on / d)
    assert np.allclose(counts, counts[0], rtol=1e-3)


def test_pump_criterion_rate_closed_form_check():
    """Just above the rate from max_sustainable_rate_hz the criterion is reached; just below it is not."""
    f_max = max_sustainable_rate_hz("squid", 18.5)
    assert np.isinf(spike_train_rundown(50.0, n_spikes=1e6, rate_hz=0.97 * f_max, model="squid",
                                        temperature_C=18.5).spikes_to_criterion_pump_on)
    r = spike_train_rundown(50.0, n_spikes=1e7, rate_hz=1.03 * f_max, model="squid", temperature_C=18.5)
    assert not np.isinf(r.spikes_to_criterion_pump_on)


def _half_activation(f, lo, hi):
    from scipy.optimize import brentq

    top = f(hi)
    return brentq(lambda x: f(x) - 0.5 * top, lo, hi)


def test_run_down_pump_has_the_pump_chapters_affinities():
    """One pump for the book: the run-down's pump half-activates near 10 mM Na+i (Glitsch et al. 1989:
    ~9 mM; Luo & Rudy 1994: 10 mM) and at 1-2 mM K+o (Gadsby 1980: ~1 mM; Luo & Rudy: 1.5 mM), unlike
    the per-site law it replaces (true half-activation ~38 mM Na+, ~8.5 mM K+)."""
    from nakmodel.hh import pump_flux_pmol_cm2_s, reference_state

    s = reference_state("mammalian")

    def j(na, k):
        return float(pump_flux_pmol_cm2_s(na, k, s.v_rest_mV, na_out_mM=s.na_out_mM, k_in_mM=s.k_in_mM,
                                          temperature_C=37.0))

    k_na = _half_activation(lambda na: j(na, s.k_out_mM), 0.1, 2000.0)
    k_k = _half_activation(lambda k: j(s.na_in_mM * 10, k), 0.01, 200.0)  # near-saturating Na+
    assert 5.0 < k_na < 20.0
    assert 0.5 < k_k < 3.0


def test_locked_open_response_is_the_simulation():
    from nakmodel.constants import FARADAY
    from nakmodel.hh import locked_open_response

    lk = locked_open_response("squid", 0.2)
    r = simulate_hh(10.0, 50.0, onset_ms=5.0, pulse_ms=40.0, na_locked_open_fraction=0.2)
    k = np.searchsorted(r.t_ms, 40.0)
    assert lk.plateau_mV == pytest.approx(r.v_mV[k], abs=0.05)
    assert lk.na_influx_pmol_cm2_s == pytest.approx(-r.i_na[k] * 1e6 / FARADAY, rel=1e-3)
