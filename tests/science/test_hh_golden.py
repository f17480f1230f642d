"""Golden tests of nakmodel.hh against the Hodgkin–Huxley (1952) and Wang–Buzsáki (1996)
equations written out independently here, in the papers' own forms and sign conventions.

Nothing from nakmodel.hh's rate code is used to build the reference: the HH rates are
typed from HH 1952 (eqs 12, 13, 20, 21, 23, 24; V = displacement from rest, depolarisation
negative), the WB rates from Wang & Buzsaki 1996 (Methods), and each reference is
integrated with a fixed-step classical RK4 written below.
"""

import math

import numpy as np
import pytest

from nakmodel.hh import (
    MAMMALIAN_WB,
    RATE_FORMS,
    SQUID_HH,
    RateFunction,
    evaluate_rate,
    gate_rates,
    rate_table,
    simulate_hh,
)

V_REST = -65.0  # modern potential of HH's resting membrane, mV


# ----------------------------------------------------------------------------- HH 1952, original form
def _vtrap(x, y):
    """x / (exp(x/y) - 1), with its limit y at x = 0 (series)."""
    if abs(x / y) < 1e-6:
        return y * (1.0 - x / y / 2.0)
    return x / (math.exp(x / y) - 1.0)


def hh1952_rates(u):
    """HH 1952 rates (1/ms, 6.3 °C) at u = V_HH, mV (u = -(V - V_rest): depolarisation negative)."""
    a_n = 0.01 * _vtrap(u + 10.0, 10.0)            # 0.01(V+10)/(exp((V+10)/10)-1), eq. 12
    b_n = 0.125 * math.exp(u / 80.0)                # eq. 13
    a_m = 0.1 * _vtrap(u + 25.0, 10.0)              # eq. 20
    b_m = 4.0 * math.exp(u / 18.0)                  # eq. 21
    a_h = 0.07 * math.exp(u / 20.0)                 # eq. 23
    b_h = 1.0 / (math.exp((u + 30.0) / 10.0) + 1.0)  # eq. 24
    return a_m, b_m, a_h, b_h, a_n, b_n


def hh1952_rhs(y, i_app):
    """HH 1952 eq. 26 in HH's convention: C du/dt = -(I_app + I_ion), I_ion = Σ g (u - E_HH)."""
    u, m, h, n = y
    a_m, b_m, a_h, b_h, a_n, b_n = hh1952_rates(u)
    i_ion = 120.0 * m**3 * h * (u + 115.0) + 36.0 * n**4 * (u - 12.0) + 0.3 * (u + 10.613)
    return np.array([-(i_app + i_ion), a_m * (1 - m) - b_m * m, a_h * (1 - h) - b_h * h,
                     a_n * (1 - n) - b_n * n])


def rk4(f, y0, t_end, dt, i_of_t):
    n = round(t_end / dt)
    y = np.array(y0, dtype=float)
    out = np.empty((n + 1, y.size))
    out[0] = y
    for k in range(n):
        t = k * dt
        k1 = f(y, i_of_t(t))
        k2 = f(y + 0.5 * dt * k1, i_of_t(t + 0.5 * dt))
        k3 = f(y + 0.5 * dt * k2, i_of_t(t + 0.5 * dt))
        k4 = f(y + dt * k3, i_of_t(t + dt))
        y = y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[k + 1] = y
    return np.arange(n + 1) * dt, out


def crossings(t, v, level):
    idx = np.flatnonzero((v[:-1] < level) & (v[1:] >= level))
    return t[idx] + (level - v[idx]) / (v[idx + 1] - v[idx]) * (t[idx + 1] - t[idx])


def hh1952_spike_times(i_amp, t_end, onset=0.0, dt=0.005):
    a_m, b_m, a_h, b_h, a_n, b_n = hh1952_rates(0.0)
    y0 = [0.0, a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n)]
    t, y = rk4(hh1952_rhs, y0, t_end, dt, lambda tt: i_amp if tt >= onset else 0.0)
    v_modern = V_REST - y[:, 0]
    return crossings(t, v_modern, 0.0)


@pytest.mark.parametrize("i_amp", [7.0, 10.0, 20.0])
def test_squid_spike_times_match_hh1952_written_out(i_amp):
    """Repetitive firing from rest: every spike time within 0.05 ms over 60 ms."""
    ref = hh1952_spike_times(i_amp, 60.0)
    r = simulate_hh(i_amp, 60.0, rtol=1e-9, atol=1e-11, dt_ms=0.005)
    assert r.n_spikes == ref.size >= 3
    assert np.max(np.abs(r.spike_times_ms - ref)) < 0.05


def test_squid_spike_times_default_tolerances_within_0_1_ms():
    ref = hh1952_spike_times(10.0, 100.0)
    r = simulate_hh(10.0, 100.0)
    assert r.n_spikes == ref.size
    assert np.max(np.abs(r.spike_times_ms - ref)) < 0.1


def test_squid_single_pulse_spike_time_and_peak():
    """A 20 µA/cm² x 0.5 ms pulse: one spike; time and peak as in the written-out equations."""
    a_m, b_m, a_h, b_h, a_n, b_n = hh1952_rates(0.0)
    y0 = [0.0, a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n)]
    t, y = rk4(hh1952_rhs, y0, 30.0, 0.0025, lambda tt: 20.0 if tt < 0.5 else 0.0)
    v = V_REST - y[:, 0]
    r = simulate_hh(20.0, 30.0, pulse_ms=0.5, rtol=1e-9, atol=1e-11, dt_ms=0.0025)
    assert r.n_spikes == 1 == crossings(t, v, 0.0).size
    assert r.spike_times_ms[0] == pytest.approx(crossings(t, v, 0.0)[0], abs=0.02)
    assert r.v_mV.max() == pytest.approx(v.max(), abs=0.05)


def test_squid_temperature_factor_time_scaling():
    """HH 1952: rates × 3^((T-6.3)/10). With C also divided by φ the model is a time-rescaled copy."""
    from dataclasses import replace
    phi = 3.0 ** ((18.5 - 6.3) / 10.0)
    cold = simulate_hh(10.0, 60.0, rtol=1e-9, atol=1e-11)
    # t' = t/φ: gates run φ times faster, and with C' = C/φ so does dV/dt (same g and I)
    warm2 = simulate_hh(10.0, 60.0 / phi, temperature_C=18.5, rtol=1e-9, atol=1e-11,
                        params=replace(SQUID_HH, c_uF_cm2=1.0 / phi), dt_ms=0.005)
    assert warm2.n_spikes == cold.n_spikes
    assert np.max(np.abs(warm2.spike_times_ms * phi - cold.spike_times_ms)) < 0.02


# ----------------------------------------------------------------------------- Wang-Buzsaki 1996
def wb_rhs(y, i_app):
    """Wang & Buzsaki 1996 (Methods), φ = 5, m instantaneous."""
    v, h, n = y
    a_m = -0.1 * (v + 35.0) / (math.exp(-0.1 * (v + 35.0)) - 1.0)
    b_m = 4.0 * math.exp(-(v + 60.0) / 18.0)
    m = a_m / (a_m + b_m)
    a_h = 0.07 * math.exp(-(v + 58.0) / 20.0)
    b_h = 1.0 / (math.exp(-0.1 * (v + 28.0)) + 1.0)
    a_n = -0.01 * (v + 34.0) / (math.exp(-0.1 * (v + 34.0)) - 1.0)
    b_n = 0.125 * math.exp(-(v + 44.0) / 80.0)
    i_ion = 35.0 * m**3 * h * (v - 55.0) + 9.0 * n**4 * (v + 90.0) + 0.1 * (v + 65.0)
    return np.array([i_app - i_ion, 5.0 * (a_h * (1 - h) - b_h * h), 5.0 * (a_n * (1 - n) - b_n * n)])


def test_wb_spike_times_match_paper_equations():
    r = simulate_hh(1.0, 100.0, model="mammalian", rtol=1e-9, atol=1e-11, dt_ms=0.005)
    y0 = [r.v_mV[0], r.h[0], r.n[0]]  # the resting point (checked below to be a fixed point)
    assert np.max(np.abs(wb_rhs(np.array(y0), 0.0))) < 1e-6
    t, y = rk4(wb_rhs, y0, 100.0, 0.002, lambda tt: 1.0)
    ref = crossings(t, y[:, 0], 0.0)
    assert r.n_spikes == ref.size >= 3
    assert np.max(np.abs(r.spike_times_ms - ref)) < 0.05


def test_wb_is_class_1_slow_near_onset():
    """Wang & Buzsaki 1996: the model fires at arbitrarily low rates near onset (class 1)."""
    from nakmodel.hh import firing_rate_hz
    rates = [firing_rate_hz("mammalian", i) for i in (0.2, 0.3, 0.5, 1.0)]
    assert 0.0 < rates[0] < 15.0
    assert np.all(np.diff(rates) > 0)


# ----------------------------------------------------------------------------- rates as data
V_GRID = np.r_[np.linspace(-120.0, 60.0, 1801), -55.0, -40.0, -35.0, -34.0]


def hh_closed_forms(v):
    u = -(v - V_REST)
    return np.array([hh1952_rates(float(x)) for x in u]).T


def wb_closed_forms(v):
    with np.errstate(invalid="ignore", divide="ignore"):
        a_m = -0.1 * (v + 35.0) / (np.exp(-0.1 * (v + 35.0)) - 1.0)
        a_n = -0.01 * (v + 34.0) / (np.exp(-0.1 * (v + 34.0)) - 1.0)
    a_m = np.where(np.isclose(v, -35.0), 1.0, a_m)
    a_n = np.where(np.isclose(v, -34.0), 0.1, a_n)
    return np.array([a_m, 4.0 * np.exp(-(v + 60.0) / 18.0), 0.07 * np.exp(-(v + 58.0) / 20.0),
                     1.0 / (np.exp(-0.1 * (v + 28.0)) + 1.0), a_n, 0.125 * np.exp(-(v + 44.0) / 80.0)])


@pytest.mark.parametrize("p, closed", [(SQUID_HH, hh_closed_forms), (MAMMALIAN_WB, wb_closed_forms)])
def test_rates_agree_with_closed_forms_arrays_and_scalars(p, closed):
    ref = closed(V_GRID)
    arr = np.array(gate_rates(p, V_GRID))
    np.testing.assert_allclose(arr, ref, rtol=1e-9, atol=1e-14)
    scal = np.array([gate_rates(p, float(v)) for v in V_GRID]).T  # the integrators' scalar path
    np.testing.assert_allclose(scal, arr, rtol=1e-12, atol=0)
    # exactly at the removable singularities both paths give the limit a
    for r in (p.m.alpha, p.n.alpha):
        assert evaluate_rate(r, r.v_half_mV) == r.a_per_ms
        assert float(evaluate_rate(r, np.array([r.v_half_mV]))[0]) == pytest.approx(r.a_per_ms, rel=1e-15)
    assert np.all(np.isfinite(arr))


def test_rate_table_is_plain_json_and_reproduces_rates():
    """A port evaluating the exported table with the documented formulas gets the same rates."""
    import json

    formulas = {"linoid": lambda a, x: a * x / -np.expm1(-x) if x != 0 else a,
                "exponential": lambda a, x: a * math.exp(-x),
                "sigmoid": lambda a, x: a / (1.0 + math.exp(-x))}
    assert set(formulas) == set(RATE_FORMS)
    for model, p in (("squid", SQUID_HH), ("mammalian", MAMMALIAN_WB)):
        table = json.loads(json.dumps(rate_table(model)))
        assert table["g_na_mS_cm2"] == p.g_na_mS_cm2 and table["m_instantaneous"] == p.m_instantaneous
        for v in (-80.0, -55.0, -40.0, -35.0, 0.0, 30.0):
            got = []
            for g in ("m", "h", "n"):
                for side in ("alpha", "beta"):
                    c = table["gates"][g][side]
                    got.append(formulas[c["form"]](c["a_per_ms"], (v - c["v_half_mV"]) / c["k_mV"]))
            np.testing.assert_allclose(got, gate_rates(p, v), rtol=1e-12)


def test_rate_function_rejects_bad_input():
    from nakmodel import ParameterError
    with pytest.raises(ParameterError, match="form"):
        RateFunction("cubic", 1.0, 0.0, 1.0)
    with pytest.raises(ParameterError, match="k_mV"):
        RateFunction("linoid", 1.0, 0.0, 0.0)
    assert float(evaluate_rate(RateFunction("sigmoid", 2.0, 0.0, 5.0), 0.0)) == 1.0
