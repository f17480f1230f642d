"""Hodgkin–Huxley-type neurons with ion accounting.

Two single-compartment (space-clamped) models:

``"squid"``
    Hodgkin & Huxley (1952) squid giant axon, exact 1952 rate functions in the
    modern sign convention (inside minus outside, depolarisation positive),
    resting potential -65 mV, standard temperature 6.3 °C, temperature factor
    φ = 3^((T - 6.3)/10) (HH 1952, p. 519) applied to all gating rates.
``"mammalian"``
    Wang & Buzsáki (1996) fast-spiking hippocampal interneuron, a published
    HH-type model whose kinetics were fitted for mammalian neurons at body
    temperature (37 °C). We chose it over "HH with a Q10" because its
    rate functions and conductances come from mammalian data, and over the
    Traub–Miles form because its Na+ activation is instantaneous and its
    parameter set is short and widely reproduced. Its temperature factor
    φ = 5 is a fixed fitted constant, not a Q10 law, so the model is offered
    at 37 °C only: any other ``temperature_C`` is refused with a
    :class:`~nakmodel.ParameterError`.

Ion accounting: Na+ entry and K+ exit are the time integrals of the Na+ and
K+ channel currents, integrated as extra state variables (so they are as
accurate as the voltage), divided by Faraday's constant. Leak current is
not attributed to an ion. For long spike trains, :func:`spike_train_rundown`
uses time-scale separation: the per-spike loads of one spike, times the
surface-to-volume ratio (4/d for a cylinder), give the concentration step per
spike, and a slow ODE with a saturating Na+/K+ pump handles the recovery.

References
----------
.. [Hodgkin1952] Hodgkin AL, Huxley AF (1952). J Physiol 117:500-544.
.. [Wang1996] Wang X-J, Buzsáki G (1996). J Neurosci 16:6402-6413.
.. [Keynes1951] Keynes RD, Lewis PR (1951). J Physiol 114:151-182.
.. [Carter2009] Carter BC, Bean BP (2009). Neuron 64:898-909.
.. [Alle2009] Alle H, Roth A, Geiger JRP (2009). Science 325:1405-1408.
.. [Sengupta2010] Sengupta B, Stemmler M, Laughlin SB, Niven JE (2010).
   PLoS Comput Biol 6:e1000840.
.. [Rinzel1980] Rinzel J, Miller RN (1980). Math Biosci 49:27-59.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
from scipy.integrate import odeint, solve_ivp
from scipy.special import exprel

from ._validation import ParameterError, check_choice, check_concentration, check_number, check_temperature
from .constants import FARADAY, HH_TEMPERATURE_C, MAMMALIAN_NEURON, SQUID_AXON, rt_over_f_mV
from .electrochem import PUMP_K_IN, PUMP_NA_OUT

__all__ = [
    "HHParams",
    "SQUID_HH",
    "MAMMALIAN_WB",
    "HHResult",
    "SpikeBudget",
    "SaturatingPump",
    "RundownResult",
    "simulate_hh",
    "spike_ion_budget",
    "spike_train_rundown",
    "pmol_per_cm2_from_charge",
    "concentration_step_per_spike_mM",
    "ExcitabilityProbe",
    "probe_excitability",
    "RefractoryPeriods",
    "refractory_periods",
]

_MODELS = ("squid", "mammalian")
# µA/cm² · ms = nC/cm²; nC / F (C/mol) = 1e-9/F mol -> pmol: * 1e12
_NC_TO_PMOL = 1e3 / FARADAY


@dataclass(frozen=True)
class HHParams:
    """Conductances, reversal potentials and kinetics of an HH-type model.

    Attributes
    ----------
    name : str
        ``"squid"`` or ``"mammalian"`` (selects the rate functions).
    c_uF_cm2 : float
        Membrane capacitance, µF/cm².
    g_na_mS_cm2, g_k_mS_cm2, g_leak_mS_cm2 : float
        Maximal conductances, mS/cm².
    e_na_mV, e_k_mV, e_leak_mV : float
        Reversal potentials, mV.
    temperature_C : float
        Temperature at which the rate functions were fitted, °C.
    v_rest_mV : float
        Resting potential of the model with no stimulus, mV (used as the
        initial condition; the exact fixed point is found numerically).
    source : str
        Where the numbers come from.
    """

    name: str
    c_uF_cm2: float
    g_na_mS_cm2: float
    g_k_mS_cm2: float
    g_leak_mS_cm2: float
    e_na_mV: float
    e_k_mV: float
    e_leak_mV: float
    temperature_C: float
    v_rest_mV: float
    source: str


#: Hodgkin & Huxley (1952) squid axon, modern convention: rest -65 mV,
#: E_Na = -65 + 115 = 50 mV, E_K = -65 - 12 = -77 mV, E_L = -65 + 10.613 mV,
#: g_Na 120, g_K 36, g_L 0.3 mS/cm², C 1 µF/cm², 6.3 °C (HH 1952, Table 3).
SQUID_HH = HHParams(
    name="squid", c_uF_cm2=1.0, g_na_mS_cm2=120.0, g_k_mS_cm2=36.0, g_leak_mS_cm2=0.3,
    e_na_mV=50.0, e_k_mV=-77.0, e_leak_mV=-54.387, temperature_C=HH_TEMPERATURE_C,
    v_rest_mV=-65.0, source="Hodgkin & Huxley 1952, J Physiol 117:500, Table 3 (shifted to rest -65 mV)",
)

#: Wang & Buzsáki (1996) interneuron at 37 °C: g_Na 35, g_K 9, g_L 0.1 mS/cm²,
#: E_Na 55, E_K -90, E_L -65 mV, C 1 µF/cm², φ = 5.
MAMMALIAN_WB = HHParams(
    name="mammalian", c_uF_cm2=1.0, g_na_mS_cm2=35.0, g_k_mS_cm2=9.0, g_leak_mS_cm2=0.1,
    e_na_mV=55.0, e_k_mV=-90.0, e_leak_mV=-65.0, temperature_C=37.0,
    v_rest_mV=-64.0, source="Wang & Buzsaki 1996, J Neurosci 16:6402 (model equations, Methods)",
)

_PARAMS = {"squid": SQUID_HH, "mammalian": MAMMALIAN_WB}
_WB_PHI = 5.0


# --------------------------------------------------------------------------- rates
def _rates_squid(v):
    """HH 1952 rate functions (1/ms) at 6.3 °C, modern convention, v in mV."""
    a_m = 1.0 / exprel(-(v + 40.0) / 10.0)            # 0.1(V+40)/(1-exp(-(V+40)/10))
    b_m = 4.0 * np.exp(-(v + 65.0) / 18.0)
    a_h = 0.07 * np.exp(-(v + 65.0) / 20.0)
    b_h = 1.0 / (1.0 + np.exp(-(v + 35.0) / 10.0))
    a_n = 0.1 / exprel(-(v + 55.0) / 10.0)            # 0.01(V+55)/(1-exp(-(V+55)/10))
    b_n = 0.125 * np.exp(-(v + 65.0) / 80.0)
    return a_m, b_m, a_h, b_h, a_n, b_n


def _rates_wb(v):
    """Wang & Buzsáki 1996 rate functions (1/ms, before φ), v in mV."""
    a_m = 1.0 / exprel(-(v + 35.0) / 10.0)            # 0.1(V+35)/(1-exp(-(V+35)/10))
    b_m = 4.0 * np.exp(-(v + 60.0) / 18.0)
    a_h = 0.07 * np.exp(-(v + 58.0) / 20.0)
    b_h = 1.0 / (1.0 + np.exp(-(v + 28.0) / 10.0))
    a_n = 0.1 / exprel(-(v + 34.0) / 10.0)            # 0.01(V+34)/(1-exp(-(V+34)/10))
    b_n = 0.125 * np.exp(-(v + 44.0) / 80.0)
    return a_m, b_m, a_h, b_h, a_n, b_n


def _make_rhs(p: HHParams, phi: float, lock: float, i_amp: float):
    """Right-hand side for (V, m, h, n, Q_Na, Q_K, Q_L), Q in nC/cm²."""
    gna, gk, gl = p.g_na_mS_cm2, p.g_k_mS_cm2, p.g_leak_mS_cm2
    ena, ek, el, c = p.e_na_mV, p.e_k_mV, p.e_leak_mV, p.c_uF_cm2
    exp = math.exp
    _exprel = exprel
    if p.name == "squid":
        def rhs(y, t):
            v, m, h, n = y[0], y[1], y[2], y[3]
            a_m = 1.0 / _exprel(-(v + 40.0) / 10.0)
            b_m = 4.0 * exp(-(v + 65.0) / 18.0)
            a_h = 0.07 * exp(-(v + 65.0) / 20.0)
            b_h = 1.0 / (1.0 + exp(-(v + 35.0) / 10.0))
            a_n = 0.1 / _exprel(-(v + 55.0) / 10.0)
            b_n = 0.125 * exp(-(v + 65.0) / 80.0)
            i_na = gna * m * m * m * ((1.0 - lock) * h + lock) * (v - ena)
            n2 = n * n
            i_k = gk * n2 * n2 * (v - ek)
            i_l = gl * (v - el)
            return (
                (i_amp - i_na - i_k - i_l) / c,
                phi * (a_m * (1.0 - m) - b_m * m),
                phi * (a_h * (1.0 - h) - b_h * h),
                phi * (a_n * (1.0 - n) - b_n * n),
                i_na, i_k, i_l,
            )
    else:
        def rhs(y, t):
            v, h, n = y[0], y[2], y[3]
            a_m = 1.0 / _exprel(-(v + 35.0) / 10.0)
            b_m = 4.0 * exp(-(v + 60.0) / 18.0)
            m = a_m / (a_m + b_m)  # instantaneous activation (WB 1996)
            a_h = 0.07 * exp(-(v + 58.0) / 20.0)
            b_h = 1.0 / (1.0 + exp(-(v + 28.0) / 10.0))
            a_n = 0.1 / _exprel(-(v + 34.0) / 10.0)
            b_n = 0.125 * exp(-(v + 44.0) / 80.0)
            i_na = gna * m * m * m * ((1.0 - lock) * h + lock) * (v - ena)
            n2 = n * n
            i_k = gk * n2 * n2 * (v - ek)
            i_l = gl * (v - el)
            return (
                (i_amp - i_na - i_k - i_l) / c,
                0.0,
                phi * (a_h * (1.0 - h) - b_h * h),
                phi * (a_n * (1.0 - n) - b_n * n),
                i_na, i_k, i_l,
            )
    return rhs


def _gates_inf(p: HHParams, v):
    rates = _rates_squid(v) if p.name == "squid" else _rates_wb(v)
    a_m, b_m, a_h, b_h, a_n, b_n = rates
    return a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n)


def _currents(p: HHParams, v, m, h, n, lock):
    i_na = p.g_na_mS_cm2 * m**3 * ((1.0 - lock) * h + lock) * (v - p.e_na_mV)
    i_k = p.g_k_mS_cm2 * n**4 * (v - p.e_k_mV)
    i_l = p.g_leak_mS_cm2 * (v - p.e_leak_mV)
    return i_na, i_k, i_l


def _resting_state(p: HHParams, lock: float):
    """Resting V (mV) with gates at steady state: root of the total current."""
    from scipy.optimize import brentq

    def total(v):
        m, h, n = _gates_inf(p, v)
        return sum(_currents(p, v, m, h, n, lock))

    # bracket around the nominal rest; widen if the lock shifted it
    for lo, hi in ((p.v_rest_mV - 5.0, p.v_rest_mV + 5.0), (-100.0, 60.0)):
        if total(lo) < 0 < total(hi):
            v0 = brentq(total, lo, hi, xtol=1e-10)
            return (v0, *_gates_inf(p, v0))
    v0 = p.v_rest_mV
    return (v0, *_gates_inf(p, v0))


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class HHResult:
    """Result of :func:`simulate_hh`.

    Attributes
    ----------
    t_ms : ndarray
        Time, ms.
    v_mV : ndarray
        Membrane potential, mV.
    m, h, n : ndarray
        Gating variables (dimensionless, 0-1); for the mammalian model ``m``
        is the instantaneous value m_inf(V).
    i_na, i_k, i_leak, i_stim : ndarray
        Current densities, µA/cm² (ionic: positive = outward; stimulus:
        positive = depolarising, injected).
    spike_times_ms : ndarray
        Upward crossings of 0 mV, linearly interpolated, ms.
    na_entry_pmol_cm2 : float
        Total Na+ entry through Na+ channels over the run, pmol/cm².
    k_exit_pmol_cm2 : float
        Total K+ exit through K+ channels over the run, pmol/cm².
    leak_charge_nC_cm2, stim_charge_nC_cm2 : float
        Time integrals of the leak and stimulus currents, nC/cm².
    model : str
        ``"squid"`` or ``"mammalian"``.
    temperature_C : float
        Temperature of the run, °C.
    params : HHParams
        The parameter set used.
    na_locked_open_fraction : float
        Fraction of Na+ conductance that does not inactivate.
    """

    t_ms: np.ndarray
    v_mV: np.ndarray
    m: np.ndarray
    h: np.ndarray
    n: np.ndarray
    i_na: np.ndarray
    i_k: np.ndarray
    i_leak: np.ndarray
    i_stim: np.ndarray
    spike_times_ms: np.ndarray
    na_entry_pmol_cm2: float
    k_exit_pmol_cm2: float
    leak_charge_nC_cm2: float
    stim_charge_nC_cm2: float
    model: str
    temperature_C: float
    params: HHParams = field(repr=False)
    na_locked_open_fraction: float = 0.0

    @property
    def n_spikes(self) -> int:
        """Number of spikes (upward 0 mV crossings)."""
        return int(self.spike_times_ms.size)

    @property
    def na_entry_per_spike_pmol_cm2(self) -> float:
        """Total Na+ entry divided by the number of spikes, pmol/cm² (nan if none).

        Includes the resting Na+ current between spikes; for the cost of one
        isolated spike use :func:`spike_ion_budget`.
        """
        return self.na_entry_pmol_cm2 / self.n_spikes if self.n_spikes else float("nan")

    @property
    def k_exit_per_spike_pmol_cm2(self) -> float:
        """Total K+ exit divided by the number of spikes, pmol/cm² (nan if none)."""
        return self.k_exit_pmol_cm2 / self.n_spikes if self.n_spikes else float("nan")

    @property
    def atp_pmol_cm2(self) -> float:
        """ATP the Na+/K+ pump needs to expel the Na+ that entered, pmol/cm² (Na/3)."""
        return self.na_entry_pmol_cm2 / PUMP_NA_OUT


def _spike_times(t, v, threshold=0.0):
    above = v >= threshold
    idx = np.flatnonzero(~above[:-1] & above[1:])
    v0, v1 = v[idx], v[idx + 1]
    frac = (threshold - v0) / (v1 - v0)
    return t[idx] + frac * (t[idx + 1] - t[idx])


def pmol_per_cm2_from_charge(charge_nC_cm2):
    """Convert a charge density (nC/cm²) to monovalent ions, pmol/cm² (divide by F).

    Examples
    --------
    100 mV across 1 µF/cm² is 100 nC/cm², about 1.04 pmol/cm² of monovalent ions:

    >>> round(pmol_per_cm2_from_charge(100.0), 3)
    1.036
    """
    q = check_number("charge_nC_cm2", charge_nC_cm2, "nC/cm²", -1e12, 1e12)
    return q * _NC_TO_PMOL


def _check_model_temperature(model, temperature_C):
    model = check_choice("model", model, _MODELS)
    p = _PARAMS[model]
    if temperature_C is None:
        return model, p, p.temperature_C, 1.0 if model == "squid" else _WB_PHI
    t = check_temperature(temperature_C)
    if model == "squid":
        return model, p, t, 3.0 ** ((t - HH_TEMPERATURE_C) / 10.0)
    if abs(t - p.temperature_C) > 1e-9:
        raise ParameterError(
            "temperature_C", t, "°C",
            "the mammalian model (Wang & Buzsaki 1996) is defined at 37 °C only "
            "(its φ = 5 is a fitted constant, not a Q10 law); use 37 or None",
        )
    return model, p, t, _WB_PHI


def simulate_hh(i_amp_uA_cm2, duration_ms, *, onset_ms=0.0, pulse_ms=None, model="squid",
                temperature_C=None, na_locked_open_fraction=0.0, params=None, dt_ms=0.025,
                rtol=1e-6, atol=1e-8):
    """Simulate a space-clamped HH-type membrane under a current step or pulse.

    .. math::

        C \\frac{dV}{dt} = I_{stim}(t) - \\bar g_{Na} m^3 h (V - E_{Na})
                          - \\bar g_K n^4 (V - E_K) - g_L (V - E_L),\\qquad
        \\frac{dx}{dt} = \\phi\\,[\\alpha_x(V)(1-x) - \\beta_x(V) x]

    Parameters
    ----------
    i_amp_uA_cm2 : float
        Stimulus current density, µA/cm² (positive depolarises; -1000 to 1000).
    duration_ms : float
        Length of the run, ms (> 0, at most 1e5).
    onset_ms : float, optional
        Stimulus onset, ms (>= 0). Default 0.
    pulse_ms : float or None, optional
        Stimulus duration, ms (> 0); ``None`` (default) means a step lasting
        to the end of the run.
    model : {"squid", "mammalian"}, optional
        ``"squid"`` (Hodgkin & Huxley 1952, default) or ``"mammalian"``
        (Wang & Buzsáki 1996, 37 °C).
    temperature_C : float or None, optional
        Temperature, °C (0-45). ``None`` uses the model's own (6.3 °C squid,
        37 °C mammalian). For the squid model all rates are multiplied by
        φ = 3^((T-6.3)/10) (HH 1952). The mammalian model accepts only 37 °C.
    na_locked_open_fraction : float, optional
        Fraction (0-1) of the Na+ conductance that cannot inactivate (h fixed
        at 1), e.g. channels modified by a toxin such as veratridine or
        batrachotoxin. Default 0.
    params : HHParams or None, optional
        Override the parameter set (its ``name`` must match ``model``).
    dt_ms : float, optional
        Output sampling interval, ms (0.001-1). Default 0.025 ms. The
        integrator (LSODA via :func:`scipy.integrate.odeint`) chooses its own
        internal steps; the ion integrals do not depend on ``dt_ms``.
    rtol, atol : float, optional
        Integrator tolerances. Defaults 1e-6 and 1e-8 keep spike times within
        0.1 ms of a 1e-10 reference over 1 s (tested).

    Returns
    -------
    HHResult
        Time, voltage, gates, currents, spike times and Na+/K+ totals.

    Examples
    --------
    >>> r = simulate_hh(10.0, 50.0)
    >>> r.n_spikes >= 3
    True
    """
    i_amp = check_number("i_amp_uA_cm2", i_amp_uA_cm2, "µA/cm²", -1000.0, 1000.0)
    dur = check_number("duration_ms", duration_ms, "ms", 0.0, 1e5, lo_inclusive=False)
    onset = check_number("onset_ms", onset_ms, "ms", 0.0, 1e5)
    pulse = None if pulse_ms is None else check_number("pulse_ms", pulse_ms, "ms", 0.0, 1e5, lo_inclusive=False)
    lock = check_number("na_locked_open_fraction", na_locked_open_fraction, "", 0.0, 1.0)
    dt = check_number("dt_ms", dt_ms, "ms", 1e-3, 1.0)
    rtol = check_number("rtol", rtol, "", 1e-12, 1e-2)
    atol = check_number("atol", atol, "", 1e-14, 1e-2)
    model, p, temp, phi = _check_model_temperature(model, temperature_C)
    if params is not None:
        if not isinstance(params, HHParams) or params.name != model:
            raise ParameterError("params", params, "", f"must be an HHParams with name {model!r}")
        p = params

    # output grid with the stimulus edges inserted so the integration is split there
    n_out = int(round(dur / dt))
    t_out = np.linspace(0.0, dur, n_out + 1) if n_out >= 1 else np.array([0.0, dur])
    off = dur if pulse is None else min(onset + pulse, dur)
    edges = sorted({0.0, min(onset, dur), off, dur})
    y0 = np.array([*_resting_state(p, lock), 0.0, 0.0, 0.0])
    t_parts, y_parts = [], []
    for k in range(len(edges) - 1):
        a, b = edges[k], edges[k + 1]
        if b <= a:
            continue
        amp = i_amp if (a >= onset and b <= off and onset < dur) else 0.0
        # output times within rounding of an edge would give LSODA a zero-length
        # step ("illegal input") and NaN output, so keep them clear of the edges
        gap = 1e-9 * max(1.0, b)
        inner = t_out[(t_out > a + gap) & (t_out < b - gap)]
        ts = np.concatenate(([a], inner, [b]))
        sol, info = odeint(_make_rhs(p, phi, lock, amp), y0, ts, rtol=rtol, atol=atol,
                           mxstep=100000, full_output=True)
        if info.get("message") != "Integration successful." or not np.all(np.isfinite(sol)):
            raise RuntimeError(
                f"simulate_hh: the integrator failed between {a:g} and {b:g} ms "
                f"({info.get('message')}); try a different dt_ms"
            )
        t_parts.append(ts if not t_parts else ts[1:])
        y_parts.append(sol if not y_parts else sol[1:])
        y0 = sol[-1].copy()
    t = np.concatenate(t_parts)
    y = np.concatenate(y_parts)
    v, m, h, n = y[:, 0], y[:, 1], y[:, 2], y[:, 3]
    if p.name == "mammalian":
        a_m, b_m = _rates_wb(v)[:2]
        m = a_m / (a_m + b_m)
    i_na, i_k, i_l = _currents(p, v, m, h, n, lock)
    i_stim = np.zeros_like(t)
    if onset < dur:
        i_stim[(t >= onset) & (t < off)] = i_amp
    stim_charge = i_amp * max(0.0, off - onset) if onset < dur else 0.0
    return HHResult(
        t_ms=t, v_mV=v, m=m, h=h, n=n, i_na=i_na, i_k=i_k, i_leak=i_l, i_stim=i_stim,
        spike_times_ms=_spike_times(t, v),
        na_entry_pmol_cm2=float(-y[-1, 4] * _NC_TO_PMOL),
        k_exit_pmol_cm2=float(y[-1, 5] * _NC_TO_PMOL),
        leak_charge_nC_cm2=float(y[-1, 6]),
        stim_charge_nC_cm2=float(stim_charge),
        model=model, temperature_C=float(temp), params=p, na_locked_open_fraction=float(lock),
    )


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
        longer; about 1.3 for the Wang-Buzsaki model at 37 °C, close to the
        1.2-1.3 Carter & Bean (2009) measured in mammalian central neurons.
    atp_pmol_cm2 : float
        ATP to pump the Na+ back out, pmol/cm² (= Na+ entry / 3).
    model : str
    temperature_C : float
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


_BUDGET_STIM = {"squid": (20.0, 0.5, 40.0), "mammalian": (20.0, 0.5, 20.0)}


def spike_ion_budget(model="squid", temperature_C=None, *, na_locked_open_fraction=0.0):
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
    model, p, temp, _ = _check_model_temperature(model, temperature_C)
    amp, width, window = _BUDGET_STIM[model]
    r = simulate_hh(amp, window, onset_ms=0.0, pulse_ms=width, model=model, temperature_C=temperature_C,
                    na_locked_open_fraction=na_locked_open_fraction)
    if r.n_spikes != 1:
        raise ParameterError("temperature_C" if temperature_C is not None else "model",
                             temperature_C if temperature_C is not None else model, "",
                             f"the standard pulse evoked {r.n_spikes} spikes, not 1; no single-spike budget")
    v_rest = float(r.v_mV[0])
    i_na0, i_k0 = float(r.i_na[0]), float(r.i_k[0])
    na = r.na_entry_pmol_cm2 + i_na0 * window * _NC_TO_PMOL
    k = r.k_exit_pmol_cm2 - i_k0 * window * _NC_TO_PMOL
    peak = float(r.v_mV.max())
    amp_mV = peak - v_rest
    qmin = p.c_uF_cm2 * amp_mV * _NC_TO_PMOL
    return SpikeBudget(
        na_entry_pmol_cm2=float(na), k_exit_pmol_cm2=float(k), amplitude_mV=amp_mV, peak_mV=peak,
        min_charge_pmol_cm2=qmin, excess_ratio=float(na / qmin), atp_pmol_cm2=float(na / PUMP_NA_OUT),
        model=model, temperature_C=temp,
    )


# --------------------------------------------------------------------------- long spike trains
@dataclass(frozen=True)
class SaturatingPump:
    """A simple saturating Na+/K+ pump rate law for slow concentration dynamics.

    .. math:: J = J_{max}\\left(\\frac{[Na]_i}{[Na]_i + K_{Na}}\\right)^3
                         \\left(\\frac{[K]_o}{[K]_o + K_K}\\right)^2

    (pump cycles per cm² per second; 3 Na+ out and 2 K+ in per cycle). The
    form and the half-saturation constants K_Na = 10 mM, K_K = 3.5 mM are those
    of the phenomenological pump of Kager, Wadman & Somjen (2000,
    J Neurophysiol 84:495). J_max = 16.6 pmol/cm²/s corresponds to about
    1000 pumps/µm² turning over at 100 s⁻¹ (order of magnitude only; pump
    densities of 10³-10⁴ µm⁻² are quoted for neurons and axons, so treat it
    as adjustable).

    Attributes
    ----------
    j_max_pmol_cm2_s : float
        Maximal cycle flux, pmol/cm²/s.
    k_na_mM, k_k_mM : float
        Half-saturation constants for internal Na+ and external K+, mM.
    """

    j_max_pmol_cm2_s: float = 16.6
    k_na_mM: float = 10.0
    k_k_mM: float = 3.5

    def __post_init__(self):
        check_number("j_max_pmol_cm2_s", self.j_max_pmol_cm2_s, "pmol/cm²/s", 0.0, 1e6)
        check_concentration("k_na_mM", self.k_na_mM)
        check_concentration("k_k_mM", self.k_k_mM)

    def __call__(self, na_in_mM, k_out_mM):
        """Cycle flux, pmol/cm²/s, at ``na_in_mM`` and ``k_out_mM`` (mM)."""
        f_na = na_in_mM / (na_in_mM + self.k_na_mM)
        f_k = k_out_mM / (k_out_mM + self.k_k_mM)
        return self.j_max_pmol_cm2_s * f_na**3 * f_k**2


def concentration_step_per_spike_mM(load_pmol_cm2, diameter_um):
    """Change of internal concentration per spike in a cylinder of diameter d, mM.

    Surface/volume of a long cylinder is 4/d, so Δc = load × 4/d:
    1 pmol/cm² × 4/(1 µm) = 4e-12 mol / 1e-4 cm³ ... = 0.04 mM.

    Parameters
    ----------
    load_pmol_cm2 : float
        Ions moved per spike per cm² of membrane, pmol/cm².
    diameter_um : float
        Axon (cylinder) diameter, µm (0.01-5000).

    Examples
    --------
    >>> round(concentration_step_per_spike_mM(1.0, 1.0), 6)
    0.04
    """
    q = check_number("load_pmol_cm2", load_pmol_cm2, "pmol/cm²", 0.0, 1e6)
    d = check_number("diameter_um", diameter_um, "µm", 0.01, 5000.0)
    # pmol/cm² * (4 / (d·1e-4 cm)) = 4e4·q/d pmol/cm³ = 4e4·q/d ·1e-12 mol / 1e-3 L = 4e-2 q/d mM
    return 4e-2 * q / d


@dataclass(frozen=True)
class RundownResult:
    """Concentrations vs spike number in a long train (:func:`spike_train_rundown`).

    Attributes
    ----------
    spike_number : ndarray
        Spike count at each sample.
    t_s : ndarray
        Time at each sample, s (spike_number / rate_hz).
    na_in_mM, k_in_mM, e_na_mV, e_k_mV : ndarray
        With the pump working.
    na_in_pump_off_mM, k_in_pump_off_mM, e_na_pump_off_mV, e_k_pump_off_mV : ndarray
        With the pump stopped (closed form: linear in spike number).
    spikes_to_criterion_pump_on, spikes_to_criterion_pump_off : float
        Spikes until E_Na has fallen by ``e_na_drop_mV`` (inf if never).
    na_step_mM, k_step_mM : float
        Change of [Na]i and [K]i per spike, mM.
    na_per_spike_pmol_cm2, k_per_spike_pmol_cm2 : float
        Per-spike loads used, pmol/cm².
    diameter_um, rate_hz, e_na_drop_mV : float
    model : str
    """

    spike_number: np.ndarray
    t_s: np.ndarray
    na_in_mM: np.ndarray
    k_in_mM: np.ndarray
    e_na_mV: np.ndarray
    e_k_mV: np.ndarray
    na_in_pump_off_mM: np.ndarray
    k_in_pump_off_mM: np.ndarray
    e_na_pump_off_mV: np.ndarray
    e_k_pump_off_mV: np.ndarray
    spikes_to_criterion_pump_on: float
    spikes_to_criterion_pump_off: float
    na_step_mM: float
    k_step_mM: float
    na_per_spike_pmol_cm2: float
    k_per_spike_pmol_cm2: float
    diameter_um: float
    rate_hz: float
    e_na_drop_mV: float
    model: str


def spike_train_rundown(diameter_um, *, n_spikes=None, rate_hz=10.0, duration_s=None, model="squid",
                        temperature_C=None, pump=None, e_na_drop_mV=10.0,
                        na_per_spike_pmol_cm2=None, k_per_spike_pmol_cm2=None, n_points=400):
    """Run-down of [Na]i and [K]i during a long spike train, with and without the pump.

    Time-scale separation: each spike adds Δ[Na]i = Q_Na·4/d and removes
    Δ[K]i = Q_K·4/d (Q = per-spike load of one isolated spike,
    :func:`spike_ion_budget`; 4/d = surface/volume of a cylinder). Between
    spikes the pump removes the extra Na+ (3 Na+ out, 2 K+ in per cycle):

    .. math:: \\frac{d[Na]_i}{dt} = \\frac{4}{d}\\left[f Q_{Na} - 3\\,(J([Na]_i) - J([Na]_i^0))\\right]

    and likewise for K+ (coefficients -Q_K and +2). The resting leaks are
    assumed balanced by the resting pump flux J([Na]_i^0) (the cell starts at
    its steady state); [Na]o, [K]o are held constant (large extracellular
    space) and per-spike loads are held at their resting values. With the
    pump off the solution is the closed form [Na]_i = [Na]_i^0 + N Δ[Na]_i.

    Parameters
    ----------
    diameter_um : float
        Axon diameter, µm (0.01-5000; squid giant axon ~500 µm, thin
        unmyelinated cortical axons ~0.1-0.3 µm).
    n_spikes : int or None
        Number of spikes (1 to 1e9). If ``None``, ``rate_hz * duration_s``.
    rate_hz : float
        Firing rate, Hz (0 < f <= 1000). Default 10 Hz.
    duration_s : float or None
        Duration, s (used when ``n_spikes`` is None; default 60 s).
    model : {"squid", "mammalian"}
        Sets the per-spike loads and the ion set (``SQUID_AXON`` or
        ``MAMMALIAN_NEURON`` from :mod:`nakmodel.constants`).
    temperature_C : float or None
        As in :func:`simulate_hh`; also sets RT/F for E_Na and E_K.
    pump : callable or None
        Rate law ``pump(na_in_mM, k_out_mM) -> cycles pmol/cm²/s``; ``None``
        uses :class:`SaturatingPump` with its defaults.
    e_na_drop_mV : float
        Criterion: fall of E_Na, mV (0 < x <= 100). Default 10 mV. (A doubling of
        [Na]i is a fall of (RT/F)·ln 2.)
    na_per_spike_pmol_cm2, k_per_spike_pmol_cm2 : float or None
        Override the per-spike loads, pmol/cm².
    n_points : int
        Number of samples in the returned arrays (10-100000).

    Returns
    -------
    RundownResult

    Examples
    --------
    >>> r = spike_train_rundown(500.0, n_spikes=1000, model="squid", temperature_C=18.5)
    >>> r.spikes_to_criterion_pump_off > 1000
    True
    """
    d = check_number("diameter_um", diameter_um, "µm", 0.01, 5000.0)
    rate = check_number("rate_hz", rate_hz, "Hz", 0.0, 1000.0, lo_inclusive=False)
    if n_spikes is None:
        dur = 60.0 if duration_s is None else check_number("duration_s", duration_s, "s", 0.0, 1e7,
                                                            lo_inclusive=False)
        n_tot = rate * dur
    else:
        n_tot = check_number("n_spikes", n_spikes, "spikes", 1.0, 1e9)
    drop = check_number("e_na_drop_mV", e_na_drop_mV, "mV", 0.0, 100.0, lo_inclusive=False)
    npts = int(check_number("n_points", n_points, "", 10, 100000))
    model, _, temp, _ = _check_model_temperature(model, temperature_C)
    if pump is None:
        pump = SaturatingPump()
    elif not callable(pump):
        raise ParameterError("pump", pump, "", "must be callable pump(na_in_mM, k_out_mM) or None")
    if na_per_spike_pmol_cm2 is None or k_per_spike_pmol_cm2 is None:
        b = spike_ion_budget(model, temperature_C)
    qna = b.na_entry_pmol_cm2 if na_per_spike_pmol_cm2 is None else check_number(
        "na_per_spike_pmol_cm2", na_per_spike_pmol_cm2, "pmol/cm²", 0.0, 1e4)
    qk = b.k_exit_pmol_cm2 if k_per_spike_pmol_cm2 is None else check_number(
        "k_per_spike_pmol_cm2", k_per_spike_pmol_cm2, "pmol/cm²", 0.0, 1e4)
    ions = SQUID_AXON if model == "squid" else MAMMALIAN_NEURON
    na_o, k_o = ions.c_out_mM["Na"], ions.c_out_mM["K"]
    na0, k0 = ions.c_in_mM["Na"], ions.c_in_mM["K"]
    rtf = rt_over_f_mV(temp)
    s_over_v = concentration_step_per_spike_mM(1.0, d)  # mM per (pmol/cm²)
    dna, dk = qna * s_over_v, qk * s_over_v
    na_crit = na0 * math.exp(drop / rtf)

    n = np.linspace(0.0, n_tot, npts)
    na_off = na0 + n * dna
    k_off = np.maximum(k0 - n * dk, 1e-9)
    n_off = (na_crit - na0) / dna if dna > 0 else math.inf

    j0 = float(pump(na0, k_o))

    def rhs(t, y):
        j = pump(y[0], k_o) - j0
        return [s_over_v * (rate * qna - PUMP_NA_OUT * j), s_over_v * (-rate * qk + PUMP_K_IN * j)]

    def crossed(t, y):
        return y[0] - na_crit
    crossed.terminal = False
    crossed.direction = 1

    t_end = n_tot / rate
    sol = solve_ivp(rhs, (0.0, t_end), [na0, k0], method="LSODA", t_eval=n / rate, events=crossed,
                    rtol=1e-8, atol=1e-10)
    na_on, k_on = sol.y[0], np.maximum(sol.y[1], 1e-9)
    ev = sol.t_events[0]
    n_on = float(ev[0] * rate) if ev.size else math.inf
    if not ev.size:
        # beyond the run: is the criterion reachable at all? compare load with spare pump capacity
        spare = 3.0 * (pump(1e6, k_o) - j0)
        if rate * qna > spare and math.isfinite(n_off):
            n_on = math.nan  # reachable, but later than the simulated train
    e_na = lambda c: rtf * np.log(na_o / c)  # noqa: E731
    e_k = lambda c: rtf * np.log(k_o / c)  # noqa: E731
    return RundownResult(
        spike_number=n, t_s=n / rate, na_in_mM=na_on, k_in_mM=k_on, e_na_mV=e_na(na_on), e_k_mV=e_k(k_on),
        na_in_pump_off_mM=na_off, k_in_pump_off_mM=k_off, e_na_pump_off_mV=e_na(na_off),
        e_k_pump_off_mV=e_k(k_off), spikes_to_criterion_pump_on=n_on, spikes_to_criterion_pump_off=float(n_off),
        na_step_mM=float(dna), k_step_mM=float(dk), na_per_spike_pmol_cm2=float(qna),
        k_per_spike_pmol_cm2=float(qk), diameter_um=d, rate_hz=rate, e_na_drop_mV=drop, model=model,
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
    model, p, _temp, phi = _check_model_temperature(model, None)
    p = replace(p, e_na_mV=ena, e_k_mV=ek, v_rest_mV=v)
    m, h, n = _gates_inf(p, v)
    i_na, i_k, _ = _currents(p, v, m, h, n, 0.0)
    e_l = v + (i_na + i_k) / p.g_leak_mS_cm2
    p = replace(p, e_leak_mV=float(e_l))
    y = np.array([v, m, h, n, 0.0, 0.0, 0.0])
    ts_all, vs_all = [np.array([0.0])], [np.array([v])]
    for a, b, i_amp in ((0.0, onset, 0.0), (onset, onset + pulse, amp), (onset + pulse, dur, 0.0)):
        if b <= a:
            continue
        ts = np.linspace(a, b, max(2, int(round((b - a) / 0.05)) + 1))
        sol = odeint(_make_rhs(p, phi, 0.0, i_amp), y, ts, rtol=1e-6, atol=1e-8, mxstep=100000)
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


def _ionic_current(p: HHParams, y):
    """Net ionic current density (outward positive), µA/cm², in state y = (V, m, h, n, ...)."""
    v, m, h, n = y[0], y[1], y[2], y[3]
    if p.name == "mammalian":
        a_m, b_m = _rates_wb(v)[:2]
        m = a_m / (a_m + b_m)
    return sum(_currents(p, v, m, h, n, 0.0))


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
        return min(y[0], -_ionic_current(p, y))
    regenerative.terminal = True
    regenerative.direction = 1
    y = np.asarray(y0, dtype=float)
    for i_amp, span in ((amp, (0.0, pulse)), (0.0, (pulse, pulse + window))):
        rhs = _make_rhs(p, phi, 0.0, i_amp)
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
    model, p, temp, phi = _check_model_temperature(model, temperature_C)
    pulse = check_number("pulse_ms", pulse_ms, "ms", 0.05, 2.0)
    k_cond = check_number("conditioning_factor", conditioning_factor, "× threshold", 1.05, 20.0)
    k_abs = check_number("absolute_factor", absolute_factor, "× threshold", 1.01, 50.0)
    k_rel = check_number("relative_factor", relative_factor, "× threshold", 1.01, 50.0)
    if k_rel >= k_abs:
        raise ParameterError("relative_factor", k_rel, "× threshold",
                             f"must be smaller than absolute_factor = {k_abs:g}")
    tol = check_number("tol_ms", tol_ms, "ms", 1e-3, 1.0)
    if params is not None:
        if not isinstance(params, HHParams) or params.name != model:
            raise ParameterError("params", params, "", f"must be an HHParams with name {model!r}")
        p = params
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
    y_rest = np.array([*_resting_state(p, 0.0), 0.0, 0.0, 0.0])

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
    rhs_on, rhs_off = _make_rhs(p, phi, 0.0, i_cond), _make_rhs(p, phi, 0.0, 0.0)
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
