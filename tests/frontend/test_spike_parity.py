"""The spike explorer's static port (frontend/ports/spike.js: fixed-step RK4) against nakmodel (LSODA).

Random settings on the controls' step grids (what a reader can reach), both models. Tolerances:

* spike count equal; spike times within 0.1 ms (the crossing of 0 mV, linearly interpolated by
  both; RK4 at 0.01 ms and LSODA at rtol 1e-6 differ by ~0.003 ms);
* peak within 1 mV of nakmodel's V sampled every 0.005 ms (the kernel samples every 0.05 ms and
  can miss the top of a warm squid's spike by ~2 mV, a sampling matter, not the model's);
* Na⁺ entry over the run and the isolated-spike bill within 1 % (observed ~1e-5).

Settings within 0.05 µA/cm² of a firing threshold that nakmodel itself finds (the spike count
differs between I − 0.05 and I + 0.05) are legitimately sensitive to the integrator and are
excluded; the test says how many and still needs at least 50 compared sets.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nakmodel.hh import simulate_hh
from nakmodel.widgets.live.spike import MODEL_CHOICES, STIM_ONSET_MS, WINDOW_MS, SpikeLive

from .node import run_port

N_DRAWN = 72
N_MIN_COMPARED = 50
MARGIN_UA_CM2 = 0.05
F = 96485.33212  # C/mol, CODATA 2018 (independent of nakmodel.constants)


def on_grid(c, rng):
    k = int(rng.integers(0, round((c.maximum - c.minimum) / c.step) + 1))
    return float(round(c.minimum + k * c.step, 10))


def draw(app, rng, n):
    labels = list(MODEL_CHOICES)
    return [{**{c.name: on_grid(c, rng) for c in app.controls}, "model": labels[int(rng.integers(2))]}
            for _ in range(n)]


def count(app, values, i_amp):
    model, _, pulse, temp, lock = app.run_inputs(values)
    return simulate_hh(i_amp, WINDOW_MS, onset_ms=STIM_ONSET_MS, pulse_ms=pulse, model=model,
                       temperature_C=temp, na_locked_open_fraction=lock, dt_ms=0.05).n_spikes


def near_threshold(app, values):
    lo, hi = max(0.0, values["i_amp"] - MARGIN_UA_CM2), values["i_amp"] + MARGIN_UA_CM2
    return count(app, values, lo) != count(app, values, hi)


@pytest.fixture(scope="module")
def runs():
    app = SpikeLive()
    cases = draw(app, np.random.default_rng(2026), N_DRAWN)
    return app, cases, run_port("spike", app.params(), cases)


def test_port_matches_nakmodel_on_random_settings(runs):
    app, cases, js = runs
    compared, excluded, worst = 0, 0, {"t": 0.0, "peak": 0.0, "na": 0.0, "bill": 0.0}
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        if near_threshold(app, values):
            excluded += 1
            continue
        want = app.compute(values)
        assert got["n_spikes"] == want["n_spikes"], (values, got["spike_times_ms"], want["spike_times_ms"])
        dt = np.abs(np.array(got["spike_times_ms"]) - np.array(want["spike_times_ms"]))
        assert np.all(dt <= 0.1), (values, dt)
        model, _, pulse, temp, lock = app.run_inputs(values)
        fine = simulate_hh(values["i_amp"], WINDOW_MS, onset_ms=STIM_ONSET_MS, pulse_ms=pulse, model=model,
                           temperature_C=temp, na_locked_open_fraction=lock, dt_ms=0.005)
        assert got["peak_mV"] == pytest.approx(float(fine.v_mV.max()), abs=1.0), values
        assert got["na_entry_pmol_cm2"] == pytest.approx(want["na_entry_pmol_cm2"], rel=0.01), values
        assert got["rate_hz"] == pytest.approx(want["rate_hz"], rel=0.01, abs=1e-9), values
        gb, wb = got["budget"], want["budget"]
        assert ("error" in gb) == ("error" in wb), (values, gb, wb)
        if "error" in want["budget"]:
            assert got["budget"]["error"] == want["budget"]["error"]
        else:
            for key in ("na_entry_pmol_cm2", "k_exit_pmol_cm2", "excess_ratio", "atp_pmol_cm2"):
                assert got["budget"][key] == pytest.approx(want["budget"][key], rel=0.01), (key, values)
                worst["bill"] = max(worst["bill"], abs(got["budget"][key] / want["budget"][key] - 1))
        worst["t"] = max(worst["t"], float(dt.max(initial=0.0)))
        worst["peak"] = max(worst["peak"], abs(got["peak_mV"] - float(fine.v_mV.max())))
        if want["na_entry_pmol_cm2"]:
            worst["na"] = max(worst["na"], abs(got["na_entry_pmol_cm2"] / want["na_entry_pmol_cm2"] - 1))
        compared += 1
    print(f"spike port: {compared} sets compared, {excluded} within {MARGIN_UA_CM2} µA/cm² of a threshold "
          f"excluded; worst: spike time {worst['t']:.4f} ms, peak {worst['peak']:.3f} mV, "
          f"Na+ entry {worst['na']:.1e}, isolated-spike bill {worst['bill']:.1e} (relative)")
    assert compared >= N_MIN_COMPARED


def test_random_settings_cover_both_models_and_firing_patterns(runs):
    _, cases, js = runs
    assert {c["model"] for c in cases} == set(MODEL_CHOICES)
    counts = {r["n_spikes"] for r in js}
    assert 0 in counts and 1 in counts and max(counts) >= 3
    assert any("error" in r["budget"] for r in js) and any("error" not in r["budget"] for r in js)


def test_port_minimum_charge_is_c_delta_v():
    """Independent check: the bill's minimum charge is C·ΔV / F (C = 1 µF/cm², HH 1952 Table 3)."""
    app = SpikeLive()
    (got,) = run_port("spike", app.params(), [dict(app.values)])
    b = got["budget"]
    v_rest = got["v"][0]
    q_min = 1.0 * (b["peak_mV"] - v_rest) * 1e3 / F  # µF/cm² x mV = nC/cm²; / F -> pmol/cm²
    assert b["min_charge_pmol_cm2"] == pytest.approx(q_min, rel=1e-9)
    assert b["atp_pmol_cm2"] == pytest.approx(b["na_entry_pmol_cm2"] / 3, rel=1e-12)  # 3 Na+ per ATP


def test_port_rests_without_stimulus():
    """No current: the state found by the port is a fixed point (V stays within 1e-6 mV for 50 ms),
    and the run's Na⁺ entry is the resting Na⁺ current times 50 ms."""
    app = SpikeLive()
    for label in MODEL_CHOICES:
        (got,) = run_port("spike", app.params(), [{**app.values, "i_amp": 0.0, "model": label}])
        v = np.array(got["v"])
        assert np.ptp(v) < 1e-6 and got["n_spikes"] == 0
        assert got["na_entry_pmol_cm2"] == pytest.approx(-got["i_na"][0] * WINDOW_MS * 1e3 / F, rel=1e-6)


def test_port_refuses_an_unknown_model():
    app = SpikeLive()
    (got,) = run_port("spike", app.params(), [{**app.values, "model": "frog"}])
    assert "unknown model" in got["error"]


def test_port_uses_the_spec_not_its_own_constants():
    """Halving g_Na in the spec changes the port's run: the conductances come from Python."""
    app = SpikeLive()
    params = app.params()
    params["models"]["squid"]["g_na_mS_cm2"] /= 2.0
    (normal,) = run_port("spike", app.params(), [dict(app.values)])
    (weak,) = run_port("spike", params, [dict(app.values)])
    assert not math.isclose(normal["peak_mV"], weak["peak_mV"], abs_tol=1.0)
