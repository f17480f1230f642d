"""Refractory periods (nakmodel.hh.refractory_periods) against HH 1952, time scaling and bad input.

Literature used for the bands
-----------------------------
Hodgkin & Huxley (1952), J Physiol 117:500, Part III:
* Fig. 12: computed responses at 6 °C to instantaneous depolarisations of 90, 15, 7 and 6 mV;
  6 mV stays subthreshold, 7 mV fires. With C = 1 µF/cm² that is a threshold charge of
  6-7 nC/cm².
* "Refractory period", Fig. 20 (experiment at 9 °C: Fig. 21): a test shock of 90 nC/cm² given
  at intervals after a 15 nC/cm² conditioning shock. For a few ms after the first spike even
  this shock (about 14 times threshold) gives no full spike (absolute refractory period);
  then the response returns, with a raised threshold, over a further ~10 ms (relative
  refractory period). We test "a few ms" as 3-8 ms: longer than the spike itself (V stays
  above 0 mV until 2.5 ms after the conditioning onset at 6.3 °C) and shorter than the
  ~10 ms at which HH's responses were clearly recovering. tests/science/test_hh.py already
  checks the same paired-pulse picture with fixed pulses (fails at 5 ms, fires at 25 ms).
"""

import itertools
import math
import time
from dataclasses import replace

import pytest

from nakmodel import ParameterError
from nakmodel.hh import MAMMALIAN_WB, SQUID_HH, RefractoryPeriods, refractory_periods
from nakmodel.hh import gates_inf as _gates_inf


def phi(t_c):
    """HH 1952 temperature factor for the gating rates."""
    return 3.0 ** ((t_c - 6.3) / 10.0)


@pytest.fixture(scope="module")
def squid():
    return refractory_periods("squid")


@pytest.fixture(scope="module")
def wb():
    return refractory_periods("mammalian")


# ----------------------------------------------------------------------------- literature bands
def test_squid_threshold_charge_matches_hh_fig12():
    # A near-instantaneous shock (0.05 ms): threshold charge between HH's 6 and 7 nC/cm² (Fig. 12).
    r = refractory_periods("squid", pulse_ms=0.05)
    assert 6.0 < r.threshold_uA_cm2 * 0.05 < 7.0


def test_squid_hh_protocol_absolute_period_is_a_few_ms():
    # HH's own protocol (Fig. 20): 15 nC/cm² conditioning, 90 nC/cm² test, brief shocks, 6.3 °C.
    q_th = refractory_periods("squid", pulse_ms=0.05).threshold_uA_cm2 * 0.05
    r = refractory_periods("squid", pulse_ms=0.05, conditioning_factor=15.0 / q_th,
                           absolute_factor=90.0 / q_th)
    assert 3.0 < r.absolute_ms < 8.0
    assert r.absolute_ms < r.relative_ms < 25.0


def test_squid_default_periods_in_band(squid):
    assert squid.temperature_C == pytest.approx(6.3)
    assert 3.0 < squid.absolute_ms < 8.0
    # HH: recovery well under way within ~10 ms after the absolute period; fully recovered
    # (threshold within 10 %) before the 25 ms at which test_hh.py's second pulse fires
    assert 10.0 < squid.relative_ms < 25.0


def test_squid_stronger_test_shock_gets_in_earlier():
    # HH's point: refractoriness is graded, a stronger shock fires earlier in the recovery
    weak = refractory_periods("squid", absolute_factor=5.0).absolute_ms
    strong = refractory_periods("squid", absolute_factor=20.0).absolute_ms
    assert strong < weak


def test_mammalian_periods(wb):
    # Fast kinetics at 37 °C: the absolute period is 1-3 ms, a few times shorter than the squid's;
    # the ceiling 1/ARP allows several hundred Hz, as fast-spiking interneurons fire
    # (Wang & Buzsaki 1996 tuned the model for that). It must outlast the spike itself
    # (V above 0 mV until 1.3 ms after the conditioning onset).
    assert 1.3 < wb.absolute_ms < 3.0
    assert wb.max_rate_hz > 300.0
    # relative period: the threshold stays >1.1x while the after-hyperpolarisation decays with
    # the leak time constant C/g_L = 10 ms (WB: g_L = 0.1 mS/cm²): a few time constants
    tau_leak = MAMMALIAN_WB.c_uF_cm2 / MAMMALIAN_WB.g_leak_mS_cm2
    assert tau_leak < wb.relative_ms < 5 * tau_leak


@pytest.mark.parametrize("name", ["squid", "wb"])
def test_absolute_shorter_than_relative(name, squid, wb):
    r = {"squid": squid, "wb": wb}[name]
    assert r.first_peak_ms < r.absolute_ms < r.relative_ms


@pytest.mark.parametrize("name", ["squid", "wb"])
def test_gates_explain_refractoriness(name, squid, wb):
    # at the end of the absolute period Na+ channels are still largely inactivated (h low)
    # and K+ channels still open (n high); by the end of the relative one both are back
    r = {"squid": squid, "wb": wb}[name]
    assert r.h_at_absolute < 0.6 * r.h_rest
    assert r.n_at_absolute > 1.5 * r.n_rest
    assert r.h_at_relative == pytest.approx(r.h_rest, rel=0.1)
    assert r.n_at_relative == pytest.approx(r.n_rest, rel=0.1)


def test_periods_are_tight_in_the_tolerance():
    coarse = refractory_periods("squid", tol_ms=0.05)
    fine = refractory_periods("squid", tol_ms=0.002)
    # each value is an upper bound within tol of the crossing
    assert 0.0 <= coarse.absolute_ms - fine.absolute_ms <= 0.05 + 0.002
    assert 0.0 <= coarse.relative_ms - fine.relative_ms <= 0.05 + 0.002


# ----------------------------------------------------------------------------- temperature
def test_warmer_is_shorter():
    rs = [refractory_periods("squid", t) for t in (0.0, 6.3, 12.0, 18.5, 25.0)]
    for a, b in itertools.pairwise(rs):
        assert b.absolute_ms < a.absolute_ms
        assert b.relative_ms < a.relative_ms


@pytest.mark.parametrize("t_c", [0.0, 12.0, 18.5, 25.0])
def test_exact_time_rescaling(t_c):
    """Independent check: gates x φ, C / φ and pulse / φ is the 6.3 °C model in time t·φ.

    Then every interval divides exactly by φ. Each period is within tol_ms above its exact value,
    so the two sides agree within tol·(1 + φ) (plus integrator noise, << tol).
    """
    tol = 0.005
    f = phi(t_c)
    ref = refractory_periods("squid", pulse_ms=0.5, tol_ms=tol)
    r = refractory_periods("squid", t_c, pulse_ms=0.5 / f, params=replace(SQUID_HH, c_uF_cm2=1.0 / f),
                           tol_ms=tol)
    assert r.threshold_uA_cm2 == pytest.approx(ref.threshold_uA_cm2, rel=2e-3)
    assert r.absolute_ms * f == pytest.approx(ref.absolute_ms, abs=tol * (1 + f) + 0.005)
    assert r.relative_ms * f == pytest.approx(ref.relative_ms, abs=tol * (1 + f) + 0.005)


@pytest.mark.parametrize("t_c", [12.0, 18.5, 25.0])
def test_real_membrane_follows_q10_up_to_unscaled_time(t_c):
    """With the real C and a fixed pulse, the periods shorten by somewhat less than φ.

    Model: P(T) = a/φ + b, where b is the part that does not speed up with the gates. The only
    temperature-independent times in the model are the pulse (0.5 ms) and the resting membrane
    time constant C/g_rest (~1.5 ms), so 0 <= b <= pulse + C/g_rest (-tol for the bisection).
    """
    f = phi(t_c)
    p = SQUID_HH
    ref, r = refractory_periods("squid"), refractory_periods("squid", t_c)
    # resting input conductance: leak + K+ (n^4) + Na+ (m^3 h) at rest (gates from the result)
    m_rest = _gates_inf(p, -65.0)[0]  # m_inf at rest, about 0.053
    g_rest = p.g_leak_mS_cm2 + p.g_k_mS_cm2 * ref.n_rest**4 + p.g_na_mS_cm2 * m_rest**3 * ref.h_rest
    b_max = ref.pulse_ms + p.c_uF_cm2 / g_rest
    for p0, pt in ((ref.absolute_ms, r.absolute_ms), (ref.relative_ms, r.relative_ms)):
        b = (pt - p0 / f) / (1.0 - 1.0 / f)
        assert -0.05 <= b <= b_max
        assert p0 / pt <= f * 1.02   # never faster than the gates themselves


# ----------------------------------------------------------------------------- API and speed
def test_result_is_plain_floats(squid):
    assert isinstance(squid, RefractoryPeriods)
    for name in ("absolute_ms", "relative_ms", "threshold_uA_cm2", "h_at_absolute", "n_at_absolute"):
        assert type(getattr(squid, name)) is float
    assert squid.max_rate_hz == pytest.approx(1000.0 / squid.absolute_ms)


def test_fast_enough_for_the_book():
    from nakmodel.hh import protocols as hh

    hh._refractory_periods.cache_clear()
    t0 = time.perf_counter()
    refractory_periods("squid")
    refractory_periods("mammalian")
    # ~0.3 s on a quiet machine; generous bound for a shared 2-core CI runner
    assert time.perf_counter() - t0 < 4.0


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"model": "wb"}, "model"),
        ({"model": "mammalian", "temperature_C": 20.0}, "temperature_C"),
        ({"temperature_C": -5.0}, "temperature_C"),
        ({"temperature_C": 35.0}, "temperature_C"),        # heat block: no single spike
        ({"pulse_ms": 0.0}, "pulse_ms"),
        ({"pulse_ms": float("nan")}, "pulse_ms"),
        ({"pulse_ms": "0.5"}, "pulse_ms"),
        ({"conditioning_factor": 100.0}, "conditioning_factor"),
        ({"absolute_factor": 0.5}, "absolute_factor"),
        ({"relative_factor": 1.0}, "relative_factor"),
        ({"relative_factor": 12.0}, "relative_factor"),   # not below absolute_factor = 10
        ({"tol_ms": 0.0}, "tol_ms"),
        ({"params": MAMMALIAN_WB}, "params"),              # squid model, mammalian parameters
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ParameterError) as exc:
        refractory_periods(**kwargs)
    assert exc.value.name == name
    assert str(exc.value).startswith(name)


def test_no_spike_is_refused():
    # no 0.5 ms pulse can fire a membrane without Na+ channels
    with pytest.raises(ParameterError, match="no refractory period"):
        refractory_periods("squid", params=replace(SQUID_HH, g_na_mS_cm2=0.0))
    assert math.isfinite(refractory_periods("squid").absolute_ms)


def test_mammalian_late_relative_period_is_the_after_hyperpolarisation(wb):
    """Chapter claim: a few ms after the spike the WB gates are back at rest, V is still below it."""
    import numpy as np

    from nakmodel.hh import simulate_hh

    r = simulate_hh(wb.conditioning_uA_cm2, 12.0, pulse_ms=wb.pulse_ms, model="mammalian", dt_ms=0.01)
    late = (r.t_ms >= 5.0) & (r.t_ms <= 12.0)
    assert np.all(r.h[late] >= 0.95 * wb.h_rest)      # Na+ channels available again (h even overshoots)
    assert np.all(r.n[late] <= 1.05 * wb.n_rest)      # K+ channels closed again
    assert np.all(r.v_mV[late] < r.v_mV[0] - 1.0)     # still hyperpolarised by > 1 mV
