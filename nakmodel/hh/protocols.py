"""Protocols on the HH-type models: ion budget of one spike, f–I curve, excitability probe,
refractory periods, depolarisation block by non-inactivating Na+ channels.

References: Hodgkin1952, Wang1996, Carter2009, Rinzel1980.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.integrate import odeint, solve_ivp

from .._validation import ParameterError, check_number
from ..constants import AVOGADRO
from ..electrochem import PUMP_NA_OUT
from .models import HHParams, channel_currents, gates_inf
from .simulate import NC_TO_PMOL, ionic_current, make_rhs, resolve_model, resting_state, simulate_hh

__all__ = [
    "FI_CURRENTS_UA_CM2",
    "FI_RUN_MS",
    "ExcitabilityProbe",
    "LockedOpen",
    "RefractoryPeriods",
    "SpikeBudget",
    "fi_curve",
    "firing_rate_hz",
    "locked_open_response",
    "min_locked_fraction_for_block",
    "probe_excitability",
    "refractory_periods",
    "spike_ion_budget",
    "steady_rate_hz",
]

# --------------------------------------------------------------------------- per-spike budget
@dataclass(frozen=True)
class SpikeBudget:
    """Ion movements and ATP cost of one isolated action potential, per cm² of membrane.

    Attributes
    ----------
    na_entry_pmol_cm2 : float
        Na+ entering through Na+ channels during the spike, above the resting
        Na+ current over the same window, pmol/cm².
    k_exit_pmol_cm2 : float
        K+ leaving through K+ channels, above rest, pmol/cm².
    amplitude_mV : float
        Spike peak minus resting potential, mV.
    peak_mV : float
        Spike peak, mV.
    min_charge_pmol_cm2 : float
        Minimum charge C·ΔV (ΔV = amplitude) as monovalent ions, pmol/cm².
    excess_ratio : float
        Na+ entry / minimum charge (1 = no Na+/K+ current overlap). For the
        space-clamped HH model it is about 4 at 18.5 °C (the "4-fold" of the
        squid literature used by Attwell & Laughlin 2001) but about 13 at
        6.3 °C, where slow gating makes the Na+ and K+ currents overlap for
        longer; about 1.3 for the Wang-Buzsaki model at 37 °C. Carter & Bean
        (2009) measured about 1.25 in cortical pyramidal neurons but about 2
        in fast-spiking neurons (cortical interneurons, Purkinje cells), the
        cell type the Wang-Buzsaki model stands for: its Na+ channels
        inactivate more completely during repolarisation than theirs.
    atp_pmol_cm2 : float
        ATP to pump the Na+ back out, pmol/cm² (= Na+ entry / 3).
    model : str
    temperature_C : float
    half_width_ms : float
        Spike width at half amplitude (halfway from rest to peak), ms.
    na_after_peak_fraction : float
        Fraction of the Na+ entry that flows after the peak, in the falling
        phase, where it is cancelled by K+ exit instead of charging the
        membrane (Carter & Bean 2009).
    """

    na_entry_pmol_cm2: float
    k_exit_pmol_cm2: float
    amplitude_mV: float
    peak_mV: float
    min_charge_pmol_cm2: float
    excess_ratio: float
    atp_pmol_cm2: float
    model: str
    temperature_C: float
    half_width_ms: float = float("nan")
    na_after_peak_fraction: float = float("nan")

    @property
    def atp_molecules_per_um2(self) -> float:
        """ATP to pump the Na+ back out, molecules per µm² of membrane (N_A · 1e-12 / 1e8 per pmol/cm²)."""
        return self.atp_pmol_cm2 * AVOGADRO * 1e-20


_BUDGET_STIM = {"squid": (20.0, 0.5, 40.0), "mammalian": (20.0, 0.5, 20.0)}


def spike_ion_budget(model="squid", temperature_C=None, *, na_locked_open_fraction=0.0, params=None):
    """Na+ entry, K+ exit, minimum charge and ATP cost of one spike from rest.

    One spike is evoked by a brief pulse (20 µA/cm² for 0.5 ms, i.e. 10 mV of
    depolarisation, above threshold for both models) and the Na+ and K+
    channel currents are integrated over a window (40 ms squid, 20 ms
    mammalian) long enough for the membrane to return near rest; the resting
    current over the same window is subtracted.

    Parameters
    ----------
    model : {"squid", "mammalian"}
    temperature_C : float or None
        As in :func:`simulate_hh`.
    na_locked_open_fraction : float
        As in :func:`simulate_hh`.
    params : HHParams or None
        As in :func:`simulate_hh` (e.g. other reversal potentials).

    Returns
    -------
    SpikeBudget

    Raises
    ------
    ParameterError
        If the inputs are invalid or the pulse does not evoke exactly one spike.

    Examples
    --------
    At 18.5 °C the squid spike uses about 4 times the minimum charge, the
    factor Attwell & Laughlin (2001) took from the squid calculations:

    >>> b = spike_ion_budget("squid", temperature_C=18.5)
    >>> 3.0 < b.excess_ratio < 5.0
    True
    """
    model, p, _temp, _ = resolve_model(model, temperature_C, params)
    return _spike_ion_budget(model, p, temperature_C, float(na_locked_open_fraction))


@lru_cache(maxsize=256)
def _spike_ion_budget(model, p, temperature_C, na_locked_open_fraction):
    temp = p.temperature_C if temperature_C is None else float(temperature_C)
    amp, width, window = _BUDGET_STIM[model]
    r = simulate_hh(amp, window, onset_ms=0.0, pulse_ms=width, model=model, temperature_C=temperature_C,
                    na_locked_open_fraction=na_locked_open_fraction, params=p)
    if r.n_spikes != 1:
        raise ParameterError("temperature_C" if temperature_C is not None else "model",
                             temperature_C if temperature_C is not None else model, "",
                             f"the standard pulse evoked {r.n_spikes} spikes, not 1; no single-spike budget")
    v_rest = float(r.v_mV[0])
    i_na0, i_k0 = float(r.i_na[0]), float(r.i_k[0])
    na = r.na_entry_pmol_cm2 + i_na0 * window * NC_TO_PMOL
    k = r.k_exit_pmol_cm2 - i_k0 * window * NC_TO_PMOL
    peak = float(r.v_mV.max())
    amp_mV = peak - v_rest
    qmin = p.c_uF_cm2 * amp_mV * NC_TO_PMOL
    t, v = r.t_ms, r.v_mV
    k_peak = int(np.argmax(v))
    half = v_rest + 0.5 * amp_mV
    ups = np.flatnonzero((v[:-1] < half) & (v[1:] >= half))
    downs = k_peak + np.flatnonzero((v[k_peak:-1] >= half) & (v[k_peak + 1:] < half))
    if ups.size == 0 or downs.size == 0:  # e.g. Na+ channels locked open: the membrane stays depolarised
        raise ParameterError("na_locked_open_fraction", na_locked_open_fraction, "",
                             "the membrane did not repolarise after the standard pulse; "
                             "no single-spike budget")
    up, down = ups[0], downs[0]

    def cross(i):
        return t[i] + (half - v[i]) / (v[i + 1] - v[i]) * (t[i + 1] - t[i])

    extra_na = -(r.i_na - i_na0)
    after = np.trapezoid(extra_na[k_peak:], t[k_peak:]) / np.trapezoid(extra_na, t)
    return SpikeBudget(
        na_entry_pmol_cm2=float(na), k_exit_pmol_cm2=float(k), amplitude_mV=amp_mV, peak_mV=peak,
        min_charge_pmol_cm2=qmin, excess_ratio=float(na / qmin), atp_pmol_cm2=float(na / PUMP_NA_OUT),
        model=model, temperature_C=temp, half_width_ms=float(cross(down) - cross(up)),
        na_after_peak_fraction=float(after),
    )



# --------------------------------------------------------------------------- excitability probe
@dataclass(frozen=True)
class ExcitabilityProbe:
    """Result of :func:`probe_excitability`.

    Attributes: ``t_ms``, ``v_mV`` (the test-pulse trace), ``peak_mV`` (its
    maximum), ``fires`` (True if V crossed ``threshold_mV``), ``v_hold_mV``,
    ``e_na_mV``, ``e_k_mV``, ``e_leak_mV`` (the leak reversal that makes
    ``v_hold_mV`` a fixed point), all in mV or ms.
    """

    t_ms: np.ndarray
    v_mV: np.ndarray
    peak_mV: float
    fires: bool
    v_hold_mV: float
    e_na_mV: float
    e_k_mV: float
    e_leak_mV: float


def probe_excitability(v_hold_mV, e_na_mV, e_k_mV, *, i_amp_uA_cm2=20.0, pulse_ms=1.0, onset_ms=1.0,
                       duration_ms=20.0, model="mammalian", threshold_mV=0.0):
    """Can a membrane at ``v_hold_mV`` with run-down E_Na and E_K still fire?

    A test pulse for slow simulations (e.g. a pump–leak cell whose gradients
    run down after ouabain): the HH-type model gets the given E_Na and E_K,
    its leak reversal is chosen so that ``v_hold_mV`` is a fixed point with
    all gates at steady state (the leak stands in for whatever holds the cell
    there), the run starts at that point and a brief current pulse is given.
    The membrane counts as excitable if V crosses ``threshold_mV`` (0 mV: an
    overshooting action potential). A hold point that is unstable fires
    without the pulse, which also counts (the depolarised cell is firing).

    Parameters
    ----------
    v_hold_mV : float
        Membrane potential before the pulse, mV (-100 to 60).
    e_na_mV, e_k_mV : float
        Reversal potentials, mV (E_Na -100 to 150, E_K -150 to 50).
    i_amp_uA_cm2, pulse_ms, onset_ms, duration_ms : float
        Pulse amplitude (µA/cm², 0–1000), length, onset and run length (ms).
        Default 20 µA/cm² for 1 ms: 20 nC/cm², a 20 mV kick on 1 µF/cm²,
        several times threshold at rest.
    model : {"mammalian", "squid"}
        Rate functions and conductances (:data:`MAMMALIAN_WB` at 37 °C by
        default, or :data:`SQUID_HH` at 6.3 °C).
    threshold_mV : float
        Spike criterion, mV.

    Returns
    -------
    ExcitabilityProbe

    Examples
    --------
    >>> probe_excitability(-70.0, 60.0, -90.0).fires
    True
    >>> probe_excitability(-40.0, 10.0, -45.0).fires   # run down: depolarised, E_Na low
    False
    """
    v = check_number("v_hold_mV", v_hold_mV, "mV", -100.0, 60.0)
    ena = check_number("e_na_mV", e_na_mV, "mV", -100.0, 150.0)
    ek = check_number("e_k_mV", e_k_mV, "mV", -150.0, 50.0)
    amp = check_number("i_amp_uA_cm2", i_amp_uA_cm2, "µA/cm²", 0.0, 1000.0)
    pulse = check_number("pulse_ms", pulse_ms, "ms", 0.0, 100.0, lo_inclusive=False)
    onset = check_number("onset_ms", onset_ms, "ms", 0.0, 100.0)
    dur = check_number("duration_ms", duration_ms, "ms", onset + pulse, 1000.0)
    thr = check_number("threshold_mV", threshold_mV, "mV", -60.0, 60.0)
    model, p, _temp, phi = resolve_model(model, None)
    p = replace(p, e_na_mV=ena, e_k_mV=ek, v_rest_mV=v)
    m, h, n = gates_inf(p, v)
    i_na, i_k, _ = channel_currents(p, v, m, h, n, 0.0)
    e_l = v + (i_na + i_k) / p.g_leak_mS_cm2
    p = replace(p, e_leak_mV=float(e_l))
    y = np.array([v, m, h, n, 0.0, 0.0, 0.0])
    ts_all, vs_all = [np.array([0.0])], [np.array([v])]
    for a, b, i_amp in ((0.0, onset, 0.0), (onset, onset + pulse, amp), (onset + pulse, dur, 0.0)):
        if b <= a:
            continue
        ts = np.linspace(a, b, max(2, round((b - a) / 0.05) + 1))
        sol = odeint(make_rhs(p, phi, 0.0, i_amp), y, ts, rtol=1e-6, atol=1e-8, mxstep=100000)
        ts_all.append(ts[1:])
        vs_all.append(sol[1:, 0])
        y = sol[-1].copy()
    t = np.concatenate(ts_all)
    vv = np.concatenate(vs_all)
    peak = float(vv.max())
    return ExcitabilityProbe(t_ms=t, v_mV=vv, peak_mV=peak, fires=bool(peak >= thr), v_hold_mV=float(v),
                             e_na_mV=float(ena), e_k_mV=float(ek), e_leak_mV=float(e_l))


# --------------------------------------------------------------------------- refractory periods
@dataclass(frozen=True)
class RefractoryPeriods:
    """Result of :func:`refractory_periods` (paired-pulse protocol).

    All intervals are measured from the onset of the conditioning pulse to
    the onset of the test pulse (the interstimulus interval), ms.

    Attributes
    ----------
    absolute_ms : float
        Absolute refractory period: the shortest interval after which a test
        pulse of ``absolute_factor`` times the resting threshold evokes a
        second spike (at that and all later intervals tested), ms. Earlier,
        no test pulse up to that bound gives a spike.
    relative_ms : float
        End of the relative refractory period: the shortest interval after
        which ``relative_factor`` times the resting threshold suffices, i.e.
        the threshold is back within that factor of its resting value, ms.
        The relative phase itself lasts ``relative_ms - absolute_ms``.
    threshold_uA_cm2 : float
        Threshold of a single ``pulse_ms`` pulse from rest, µA/cm² (to 0.1 %).
    conditioning_uA_cm2 : float
        Amplitude of the conditioning pulse, µA/cm².
    pulse_ms : float
        Duration of each pulse, ms.
    absolute_factor, relative_factor : float
        Test amplitudes, in multiples of ``threshold_uA_cm2``, that define
        the two periods.
    first_peak_ms : float
        Peak of the conditioning spike, ms: the shortest interval tested (an
        earlier test pulse would merge with the first spike).
    h_rest, n_rest : float
        Na+ inactivation gate h and K+ activation gate n at rest.
    h_at_absolute, n_at_absolute : float
        The same gates at ``absolute_ms`` after the conditioning onset.
    h_at_relative, n_at_relative : float
        The same gates at ``relative_ms``.
    tol_ms : float
        Bisection tolerance, ms: each period is an upper bound within
        ``tol_ms`` of the exact crossing.
    model : str
    temperature_C : float
    """

    absolute_ms: float
    relative_ms: float
    threshold_uA_cm2: float
    conditioning_uA_cm2: float
    pulse_ms: float
    absolute_factor: float
    relative_factor: float
    first_peak_ms: float
    h_rest: float
    n_rest: float
    h_at_absolute: float
    n_at_absolute: float
    h_at_relative: float
    n_at_relative: float
    tol_ms: float
    model: str
    temperature_C: float

    @property
    def max_rate_hz(self) -> float:
        """Ceiling on the firing rate set by the absolute refractory period, Hz (1000 / absolute_ms)."""
        return 1000.0 / self.absolute_ms


#: Largest pulse amplitude tried when looking for the resting threshold, µA/cm².
_MAX_TEST_UA_CM2 = 1000.0


def _evokes_spike(p: HHParams, phi: float, y0, amp: float, pulse: float, window: float) -> bool:
    """Does a pulse ``amp`` (µA/cm²) x ``pulse`` (ms) from state ``y0`` evoke a spike?

    A spike is a moment, within ``pulse + window`` ms, at which V >= 0 mV
    while the membrane's own ionic current is inward (regenerative): an
    upward zero of min(V, -I_ion). A strong pulse that merely drags a
    refractory membrane above 0 mV against an outward ionic current is not a
    spike; a resting membrane kicked above 0 mV faster than its Na+ channels
    open still is, once they do.
    """
    def regenerative(t, y):
        return min(y[0], -ionic_current(p, y))
    regenerative.terminal = True
    regenerative.direction = 1
    y = np.asarray(y0, dtype=float)
    for i_amp, span in ((amp, (0.0, pulse)), (0.0, (pulse, pulse + window))):
        rhs = make_rhs(p, phi, 0.0, i_amp)
        sol = solve_ivp(lambda t, yy, f=rhs: f(yy, t), span, y, method="LSODA", events=regenerative,
                        rtol=1e-6, atol=1e-8)
        if sol.t_events[0].size:
            return True
        y = sol.y[:, -1]
    return False


def _first_interval(fires, lo: float, hi: float, tol: float, n_check: int = 8) -> float:
    """Shortest t in [lo, hi] at which ``fires`` holds, and at ``n_check`` later check points.

    Bisection between ``lo`` and ``hi`` to ``tol``; then ``n_check`` evenly
    spaced later intervals are tested and, if one of them fails (a late dip
    in excitability), the search restarts above it. Returns ``inf`` if
    ``fires(hi)`` is False.
    """
    if not fires(hi):
        return math.inf
    while True:
        if fires(lo):
            good = lo
        else:
            bad, good = lo, hi
            while good - bad > tol:
                mid = 0.5 * (bad + good)
                if fires(mid):
                    good = mid
                else:
                    bad = mid
        failed = [t for t in np.linspace(good, hi, n_check + 2)[1:-1] if not fires(t)]
        if not failed:
            return good
        lo = float(failed[-1])


def refractory_periods(model="squid", temperature_C=None, *, pulse_ms=0.5, conditioning_factor=2.0,
                       absolute_factor=10.0, relative_factor=1.1, tol_ms=0.02, params=None):
    """Absolute and relative refractory periods by a paired-pulse protocol.

    The protocol of Hodgkin & Huxley (1952, Part III, "Refractory period",
    Fig. 20), who computed the response of their membrane to a strong second
    shock (90 nC/cm²) given at various intervals after a first one
    (15 nC/cm²): from rest, a conditioning pulse of ``conditioning_factor``
    times the resting threshold evokes one spike; a test pulse of the same
    duration follows after an interval Δ (onset to onset).

    1. The resting threshold I_th, the smallest amplitude of a ``pulse_ms``
       pulse that evokes a spike from rest, is found by bisection on
       amplitude (to 0.1 %).
    2. The **absolute refractory period** is the shortest Δ at which a test
       pulse of ``absolute_factor`` × I_th (default 10×, far more than a
       synapse delivers) evokes a second spike. At shorter intervals no
       pulse up to that bound does.
    3. The **end of the relative refractory period** is the shortest Δ at
       which ``relative_factor`` × I_th (default 1.1×) suffices: the
       threshold is back within 10 % of its resting value.

    Δ is searched from the peak of the conditioning spike on, by bisection to
    ``tol_ms``; eight evenly spaced longer intervals are then checked to fire
    as well (the search restarts above any that does not, so a late dip in
    excitability is not missed). A spike is a moment at which V >= 0 mV while
    the ionic current is inward (regenerative), so a test pulse that only
    drags a refractory membrane above 0 mV does not count.

    Parameters
    ----------
    model : {"squid", "mammalian"}
        As in :func:`simulate_hh` (Hodgkin & Huxley 1952 squid axon; Wang &
        Buzsáki 1996 interneuron at 37 °C).
    temperature_C : float or None
        As in :func:`simulate_hh`: the squid model takes 0-45 °C (all gating
        rates × φ = 3^((T-6.3)/10)), but stops firing above about 28 °C (heat
        block); the mammalian model 37 °C only. ``None``: 6.3 °C squid,
        37 °C mammalian.
    pulse_ms : float
        Duration of the conditioning and test pulses, ms (0.05-2). Default
        0.5 ms, a brief shock (HH used near-instantaneous ones).
    conditioning_factor : float
        Conditioning amplitude as a multiple of I_th (1.05-20). Default 2;
        HH's 15 nC/cm² shock was about 2.3 times their 6-7 mV threshold.
    absolute_factor : float
        Test amplitude, in multiples of I_th, that defines the absolute
        refractory period (1.01-50, larger than ``relative_factor``).
        Default 10.
    relative_factor : float
        Test amplitude, in multiples of I_th, that defines the end of the
        relative refractory period (1.01-50). Default 1.1.
    tol_ms : float
        Bisection tolerance on the intervals, ms (0.001-1). Default 0.02 ms.
    params : HHParams or None
        Override the parameter set (its ``name`` must match ``model``), e.g.
        to test time scaling with a different capacitance.

    Returns
    -------
    RefractoryPeriods

    Raises
    ------
    ParameterError
        On invalid input, if no pulse up to 1000 µA/cm² evokes a spike, or if
        the conditioning pulse does not evoke exactly one spike overshooting
        0 mV (e.g. the squid model above about 28 °C).

    Notes
    -----
    The absolute refractory period is set by Na+ inactivation (h low after
    the spike: too few Na+ channels are available to out-run the K+ current)
    together with the raised K+ activation n; the relative one by the
    recovery of h and the decline of n and of the after-hyperpolarisation.
    Only the gating rates depend on temperature, so for the squid model the
    periods shorten by somewhat less than φ: the pulse and the membrane's
    charging time do not scale. With C and the pulse duration both divided
    by φ the model is an exact time-rescaled copy of itself at 6.3 °C, and
    the periods divide exactly by φ (tested).

    With the defaults the absolute period depends on ``absolute_factor``
    (HH's point: a stronger shock gets in earlier) for the squid model, much
    less for the mammalian one. HH's own shocks (0.05 ms, 15 and 90 nC/cm²)
    give 5.6 ms at 6.3 °C; their threshold of 6-7 nC/cm² (a 6-7 mV
    depolarisation, Fig. 12) is reproduced (6.5 nC/cm², tested).

    Computed in well under a second; results are cached.

    References
    ----------
    Hodgkin AL, Huxley AF (1952). J Physiol 117:500-544 (threshold: Fig. 12;
    refractory period: Figs 20-21). Wang X-J, Buzsáki G (1996). J Neurosci
    16:6402-6413.

    Examples
    --------
    >>> r = refractory_periods("squid")          # 6.3 °C
    >>> 3.0 < r.absolute_ms < r.relative_ms < 25.0
    True
    >>> r.h_at_absolute < r.h_rest
    True
    """
    model, p, temp, phi = resolve_model(model, temperature_C, params)
    pulse = check_number("pulse_ms", pulse_ms, "ms", 0.05, 2.0)
    k_cond = check_number("conditioning_factor", conditioning_factor, "× threshold", 1.05, 20.0)
    k_abs = check_number("absolute_factor", absolute_factor, "× threshold", 1.01, 50.0)
    k_rel = check_number("relative_factor", relative_factor, "× threshold", 1.01, 50.0)
    if k_rel >= k_abs:
        raise ParameterError("relative_factor", k_rel, "× threshold",
                             f"must be smaller than absolute_factor = {k_abs:g}")
    tol = check_number("tol_ms", tol_ms, "ms", 1e-3, 1.0)
    return _refractory_periods(model, p, float(temp), float(phi), pulse, k_cond, k_abs, k_rel, tol)


@lru_cache(maxsize=64)
def _refractory_periods(model, p, temp, phi, pulse, k_cond, k_abs, k_rel, tol):
    # Time scales. Squid: gating speeds up with φ, but the membrane (C/g, 1-3 ms) and the pulse
    # do not, hence the floors. Wang-Buzsaki: the relative period is long (~30 ms) because the
    # after-hyperpolarisation decays with the 10 ms leak time constant C/g_L.
    if model == "squid":
        window = 15.0 / phi + 3.0 + pulse      # wait for a delayed spike after the test pulse
        horizon = 60.0 / phi + 10.0             # longest interval searched
    else:
        window = 8.0 + pulse
        horizon = 80.0
    y_rest = np.array([*resting_state(p, 0.0), 0.0, 0.0, 0.0])

    # resting threshold: double the amplitude until a spike, then bisect (0.1 %)
    lo, hi = 0.0, 0.5
    while not _evokes_spike(p, phi, y_rest, hi, pulse, window):
        lo, hi = hi, 2.0 * hi
        if hi > _MAX_TEST_UA_CM2:
            name, val, unit = (("temperature_C", temp, "°C") if model == "squid"
                               else ("pulse_ms", pulse, "ms"))
            raise ParameterError(name, val, unit,
                                 f"no {pulse:g} ms pulse up to {_MAX_TEST_UA_CM2:g} µA/cm² evokes a spike "
                                 "from rest, so there is no refractory period to measure")
    while hi - lo > 1e-3 * hi:
        mid = 0.5 * (lo + hi)
        if _evokes_spike(p, phi, y_rest, mid, pulse, window):
            hi = mid
        else:
            lo = mid
    i_th = hi

    # the conditioning spike, once, with dense output: the state at any interval is read from it
    i_cond = k_cond * i_th
    rhs_on, rhs_off = make_rhs(p, phi, 0.0, i_cond), make_rhs(p, phi, 0.0, 0.0)
    s_on = solve_ivp(lambda t, y: rhs_on(y, t), (0.0, pulse), y_rest, method="LSODA",
                     rtol=1e-8, atol=1e-10)
    s_off = solve_ivp(lambda t, y: rhs_off(y, t), (pulse, horizon + pulse), s_on.y[:, -1], method="LSODA",
                      rtol=1e-8, atol=1e-10, dense_output=True)
    t_chk = np.linspace(pulse, horizon + pulse, int(40 * (horizon + pulse)) + 1)
    v_chk = s_off.sol(t_chk)[0]
    n_up = int(np.sum((v_chk[:-1] < 0.0) & (v_chk[1:] >= 0.0))) + int(s_on.y[0, -1] >= 0.0)
    if n_up != 1:
        hot = model == "squid" and temp > 25.0
        name, val, unit = (("temperature_C", temp, "°C") if hot
                           else ("conditioning_factor", k_cond, "× threshold"))
        raise ParameterError(name, val, unit,
                             f"the conditioning pulse ({k_cond:g} × threshold) evoked {n_up} spikes "
                             "overshooting 0 mV, not 1" + (" (heat block: the squid model stops firing "
                                                            "above about 28 °C)" if hot else ""))
    t_peak = float(t_chk[np.argmax(v_chk)])

    def state(delta):
        return s_on.y[:, -1] if delta <= pulse else s_off.sol(delta)

    def fires_at(factor):
        return lambda delta: _evokes_spike(p, phi, state(delta), factor * i_th, pulse, window)

    t_abs = _first_interval(fires_at(k_abs), t_peak, horizon, tol)
    t_rel = _first_interval(fires_at(k_rel), t_abs, horizon, tol)
    if not math.isfinite(t_rel):
        raise ParameterError("relative_factor", k_rel, "× threshold",
                             f"the threshold did not fall below {k_rel:g} × its resting value within "
                             f"{horizon:g} ms; use a larger factor")
    y_abs, y_rel = state(t_abs), state(t_rel)
    return RefractoryPeriods(
        absolute_ms=float(t_abs), relative_ms=float(t_rel), threshold_uA_cm2=float(i_th),
        conditioning_uA_cm2=float(i_cond), pulse_ms=float(pulse), absolute_factor=float(k_abs),
        relative_factor=float(k_rel), first_peak_ms=t_peak,
        h_rest=float(y_rest[2]), n_rest=float(y_rest[3]),
        h_at_absolute=float(y_abs[2]), n_at_absolute=float(y_abs[3]),
        h_at_relative=float(y_rel[2]), n_at_relative=float(y_rel[3]),
        tol_ms=float(tol), model=model, temperature_C=float(temp),
    )


# --------------------------------------------------------------------------- firing rate and f–I curve
def steady_rate_hz(spike_times_ms, after_ms=0.0) -> float:
    """Firing rate from the mean interval of spikes later than ``after_ms``, Hz (0 if fewer than 2)."""
    st = np.asarray(spike_times_ms, dtype=float)
    st = st[st > after_ms]
    return float(1000.0 / np.mean(np.diff(st))) if st.size >= 2 else 0.0


#: Currents of the book's f–I curves, µA/cm²: dense near the onsets (class-1 Wang–Buzsáki
#: near 0.2, squid near 6.3 µA/cm²), coarse at high currents.
FI_CURRENTS_UA_CM2 = (0.0, 0.1, 0.15, 0.16, 0.17, 0.18, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0,
                      5.5, 6.0, 6.25, 6.5,
                      7.0, 8.0, 9.0, 10.0, 12.0, 15.0, 18.0, 20.0, 22.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0)
#: Longest f–I run from rest, ms: several intervals even at ~2 Hz.
FI_RUN_MS = 2500.0


@lru_cache(maxsize=512)
def firing_rate_hz(model="squid", i_amp_uA_cm2=10.0, *, run_ms=FI_RUN_MS) -> float:
    """Steady repetitive firing rate under a current step from rest, Hz (0 if it stops).

    The step starts at t = 0 from rest. A first run of 300 ms is used if it
    holds at least eight spikes; otherwise the step is held for ``run_ms``
    (300–1e4 ms). The rate is the inverse of the mean of the last three
    interspike intervals; it is 0 if fewer than three spikes occur, or if
    the last spike is followed by silence longer than twice the last interval
    (the membrane stopped firing: depolarisation block or a transient burst).
    At the model's own temperature.

    Examples
    --------
    The Wang–Buzsáki model is class 1: it fires slowly just above its onset.

    >>> 3.0 < firing_rate_hz("mammalian", 0.2) < 20.0
    True
    """
    i_amp = check_number("i_amp_uA_cm2", i_amp_uA_cm2, "µA/cm²", 0.0, 1000.0)
    run = check_number("run_ms", run_ms, "ms", 300.0, 1e4)
    st = simulate_hh(i_amp, 300.0, model=model, dt_ms=0.1).spike_times_ms
    t_end = 300.0
    if st.size < 8:
        st = simulate_hh(i_amp, run, model=model, dt_ms=0.1).spike_times_ms
        t_end = run
    if st.size < 3:
        return 0.0
    isi = np.diff(st)[-3:]
    if t_end - st[-1] > 2.0 * isi[-1]:
        return 0.0
    return float(1000.0 / isi.mean())


def fi_curve(model="squid", currents_uA_cm2=FI_CURRENTS_UA_CM2):
    """Steady firing rate (Hz) against step current (µA/cm²), at the model's own temperature.

    One :func:`firing_rate_hz` run from rest per current (cached).

    Returns
    -------
    (currents_uA_cm2, rates_hz) : tuple of ndarray
    """
    currents = np.asarray(currents_uA_cm2, dtype=float)
    return currents, np.array([firing_rate_hz(model, float(i)) for i in currents])


# --------------------------------------------------------------------------- Na+ channels locked open
@dataclass(frozen=True)
class LockedOpen:
    """Response to a current step with a fraction of Na+ channels unable to inactivate.

    Attributes
    ----------
    n_spikes : int
        Spikes in the run.
    plateau_mV : float
        Membrane potential at ``t_plateau_ms``, mV.
    na_influx_pmol_cm2_s : float
        Na+ influx at ``t_plateau_ms``, pmol/cm²/s.
    lock, i_amp_uA_cm2, t_plateau_ms : float
    model : str
    result : HHResult
    """

    n_spikes: int
    plateau_mV: float
    na_influx_pmol_cm2_s: float
    lock: float
    i_amp_uA_cm2: float
    t_plateau_ms: float
    model: str
    result: object


def locked_open_response(model="squid", lock=0.2, *, i_amp_uA_cm2=10.0, onset_ms=5.0, pulse_ms=40.0,
                         t_plateau_ms=40.0):
    """A current step with a fraction ``lock`` (0–1) of Na+ channels that cannot inactivate.

    Only inactivation is removed (h = 1 for those channels); their activation
    m keeps the normal voltage dependence. Toxins such as batrachotoxin also
    shift activation to more negative voltages, which this model does not do.

    Returns
    -------
    LockedOpen
    """
    r = simulate_hh(i_amp_uA_cm2, onset_ms + pulse_ms + 5.0, onset_ms=onset_ms, pulse_ms=pulse_ms,
                    model=model, na_locked_open_fraction=lock)
    i_na = r.at(t_plateau_ms, "i_na")
    return LockedOpen(n_spikes=r.n_spikes, plateau_mV=r.at(t_plateau_ms),
                      na_influx_pmol_cm2_s=-i_na * 1e3 * NC_TO_PMOL,
                      lock=float(lock), i_amp_uA_cm2=float(i_amp_uA_cm2), t_plateau_ms=float(t_plateau_ms),
                      model=r.model, result=r)


@lru_cache(maxsize=16)
def min_locked_fraction_for_block(model="squid", i_amp_uA_cm2=10.0, duration_ms=100.0, step=0.01):
    """Smallest locked-open Na+ fraction (0-1, on a grid of ``step``) at which a current step
    evokes at most one spike (the membrane then stays depolarised: depolarisation block).

    Bisection on the grid (the spike count falls as the fraction rises).
    Returns ``nan`` if no fraction up to 1 blocks repetitive firing.
    """
    step = check_number("step", step, "", 1e-4, 0.5)

    def blocked(k):
        r = simulate_hh(i_amp_uA_cm2, duration_ms, onset_ms=5.0, model=model,
                        na_locked_open_fraction=min(1.0, k * step), dt_ms=0.1)
        return r.n_spikes <= 1

    hi = math.ceil(1.0 / step)
    if not blocked(hi):
        return float("nan")
    lo = 0
    if blocked(lo):
        return 0.0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if blocked(mid):
            hi = mid
        else:
            lo = mid
    return float(round(hi * step, 6))
