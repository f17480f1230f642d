"""Threshold as a voltage (nakmodel.hh.threshold), checked against Hodgkin & Huxley (1952) and a
closed form, not against its own output."""

import pytest

from nakmodel._validation import ParameterError
from nakmodel.hh import SQUID_HH, simulate_hh, voltage_threshold


@pytest.fixture(scope="module")
def squid():
    return voltage_threshold("squid")


def test_squid_threshold_matches_hodgkin_huxley(squid):
    """HH 1952 (Fig. 12): brief shocks fire the squid axon at 6.3 °C from 6-7 mV of depolarisation;
    allow 1 mV either side for the difference between their propagated and our patch response."""
    assert 5.0 <= squid.depolarisation_mV <= 8.0
    assert squid.v_threshold_mV == pytest.approx(squid.v_rest_mV + squid.depolarisation_mV)
    assert squid.v_rest_mV == pytest.approx(-65.0, abs=0.5)   # HH's resting potential, 1952 convention


def test_brief_pulse_charges_the_capacitor(squid):
    """For a pulse short against C/g_L, ΔV ≈ I·t/C (the leak and the first Na⁺ current change it by
    less than 10 %)."""
    closed_form = squid.amplitude_uA_cm2 * squid.pulse_ms / SQUID_HH.c_uF_cm2
    assert squid.depolarisation_mV == pytest.approx(closed_form, rel=0.10)


def test_threshold_separates_firing_from_silence(squid):
    below = simulate_hh(squid.amplitude_uA_cm2 - 3 * squid.tol_uA_cm2, 20.0 + squid.pulse_ms,
                        pulse_ms=squid.pulse_ms)
    above = simulate_hh(squid.amplitude_uA_cm2, 20.0 + squid.pulse_ms, pulse_ms=squid.pulse_ms)
    assert below.spike_times_ms.size == 0 and above.spike_times_ms.size == 1


def test_threshold_voltage_hardly_depends_on_pulse_length(squid):
    """A voltage threshold, unlike a current threshold, is nearly the same for 0.1 and 0.5 ms pulses."""
    short, long_ = voltage_threshold("squid", pulse_ms=0.1), voltage_threshold("squid", pulse_ms=0.5)
    assert long_.amplitude_uA_cm2 < 0.3 * short.amplitude_uA_cm2
    assert abs(short.v_threshold_mV - long_.v_threshold_mV) < 1.0


def test_mammalian_threshold_is_a_few_mV_above_rest():
    mam = voltage_threshold("mammalian")
    assert 3.0 < mam.depolarisation_mV < 15.0 and mam.v_threshold_mV < -45.0


@pytest.mark.parametrize("kw", [{"pulse_ms": 0.0}, {"pulse_ms": 5.0}, {"window_ms": 0.1},
                                {"tol_uA_cm2": 0.0}])
def test_bad_input_is_refused(kw):
    with pytest.raises(ParameterError):
        voltage_threshold("squid", **kw)
