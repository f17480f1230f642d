"""Simulation of an HH-type membrane with ion accounting.

Na+ entry and K+ exit are the time integrals of the Na+ and K+ channel
currents, integrated as extra state variables (as accurate as the voltage),
divided by Faraday's constant. Leak current is not attributed to an ion.

References: Hodgkin1952, Wang1996.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import odeint
from scipy.optimize import brentq

from .._validation import ModelError, ParameterError, check_number
from ..constants import FARADAY
from ..electrochem import PUMP_NA_OUT
from .models import HHParams, channel_currents, gates_inf, model_params, rate_factor, scalar_rate

__all__ = [
    "NC_TO_PMOL",
    "REST_NEAR_MV",
    "REST_SEARCH_MV",
    "HHResult",
    "ionic_current",
    "make_rhs",
    "pmol_per_cm2_from_charge",
    "resolve_model",
    "rest_brackets",
    "resting_state",
    "simulate_hh",
    "spike_times",
]

#: µA/cm² · ms = nC/cm²; nC / F (C/mol) -> pmol: multiply by this.
NC_TO_PMOL = 1e3 / FARADAY
#: Half-width (mV) of the bracket around the model's nominal rest first searched for the resting
#: potential, and the wide bracket (mV) searched next (:func:`resting_state`, :func:`rest_brackets`).
REST_NEAR_MV = 5.0
REST_SEARCH_MV = (-100.0, 60.0)


def resolve_model(model, temperature_C, params=None):
    """(model name, HHParams, temperature °C, φ) after validating the inputs."""
    p = model_params(model)
    if params is not None:
        if not isinstance(params, HHParams) or params.name != p.name:
            raise ParameterError("params", params, "", f"must be an HHParams with name {p.name!r}")
        p = params
    temp, phi = rate_factor(p, temperature_C)
    return p.name, p, temp, phi


def make_rhs(p: HHParams, phi: float, lock: float, i_amp: float):
    """Right-hand side f(y, t) for y = (V, m, h, n, Q_Na, Q_K, Q_L), Q in nC/cm² (outward positive)."""
    c, inst = p.c_uF_cm2, p.m_instantaneous
    am, bm, ah, bh, an, bn = (scalar_rate(r) for r in (p.m.alpha, p.m.beta, p.h.alpha, p.h.beta,
                                                        p.n.alpha, p.n.beta))
    gna, gk, gl, ena, ek, el = p.g_na_mS_cm2, p.g_k_mS_cm2, p.g_leak_mS_cm2, p.e_na_mV, p.e_k_mV, p.e_leak_mV

    def rhs(y, t):
        v, m, h, n = float(y[0]), y[1], y[2], y[3]
        a_m, b_m = am(v), bm(v)
        if inst:
            m = a_m / (a_m + b_m)
            dm = 0.0
        else:
            dm = phi * (a_m * (1.0 - m) - b_m * m)
        a_h, b_h, a_n, b_n = ah(v), bh(v), an(v), bn(v)
        n2 = n * n
        i_na = gna * m * m * m * ((1.0 - lock) * h + lock) * (v - ena)
        i_k = gk * n2 * n2 * (v - ek)
        i_l = gl * (v - el)
        return ((i_amp - i_na - i_k - i_l) / c, dm, phi * (a_h * (1.0 - h) - b_h * h),
                phi * (a_n * (1.0 - n) - b_n * n), i_na, i_k, i_l)
    return rhs


def ionic_current(p: HHParams, y, lock=0.0):
    """Net ionic current density (outward positive), µA/cm², in state y = (V, m, h, n, ...)."""
    v, m, h, n = float(y[0]), y[1], y[2], y[3]
    if p.m_instantaneous:
        m = gates_inf(p, v)[0]
    return sum(channel_currents(p, v, m, h, n, lock))


def rest_brackets(p: HHParams):
    """The voltage brackets (mV) :func:`resting_state` searches, in order."""
    return ((p.v_rest_mV - REST_NEAR_MV, p.v_rest_mV + REST_NEAR_MV), REST_SEARCH_MV)


def resting_state(p: HHParams, lock: float = 0.0):
    """(V, m, h, n) at rest, gates at steady state: root of the total current near ``p.v_rest_mV``."""
    def total(v):
        m, h, n = gates_inf(p, v)
        return sum(channel_currents(p, v, m, h, n, lock))

    for lo, hi in rest_brackets(p):
        if total(lo) < 0 < total(hi):
            v0 = brentq(total, lo, hi, xtol=1e-10)
            return (v0, *gates_inf(p, v0))
    v0 = p.v_rest_mV
    return (v0, *gates_inf(p, v0))


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
        Gating variables (0-1); for the mammalian model ``m`` is m_inf(V).
    i_na, i_k, i_leak, i_stim : ndarray
        Current densities, µA/cm² (ionic: positive = outward; stimulus:
        positive = depolarising, injected).
    spike_times_ms : ndarray
        Upward crossings of 0 mV, linearly interpolated, ms.
    na_entry_pmol_cm2, k_exit_pmol_cm2 : float
        Total Na+ entry and K+ exit through their channels over the run, pmol/cm².
    leak_charge_nC_cm2, stim_charge_nC_cm2 : float
        Time integrals of the leak and stimulus currents, nC/cm².
    model : str
    temperature_C : float
    params : HHParams
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
        isolated spike use :func:`nakmodel.hh.spike_ion_budget`.
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

    def at(self, t_ms: float, name: str = "v_mV") -> float:
        """Value of array attribute ``name`` at the sample nearest after ``t_ms``."""
        return float(getattr(self, name)[min(np.searchsorted(self.t_ms, t_ms), self.t_ms.size - 1)])


def spike_times(t, v, threshold=0.0):
    """Upward crossings of ``threshold`` (mV) by ``v``, linearly interpolated in ``t``."""
    t, v = np.asarray(t, dtype=float), np.asarray(v, dtype=float)
    above = v >= threshold
    idx = np.flatnonzero(~above[:-1] & above[1:])
    v0, v1 = v[idx], v[idx + 1]
    return t[idx] + (threshold - v0) / (v1 - v0) * (t[idx + 1] - t[idx])


def pmol_per_cm2_from_charge(charge_nC_cm2):
    """Convert a charge density (nC/cm²) to monovalent ions, pmol/cm² (divide by F).

    Examples
    --------
    100 mV across 1 µF/cm² is 100 nC/cm², about 1.04 pmol/cm² of monovalent ions:

    >>> round(pmol_per_cm2_from_charge(100.0), 3)
    1.036
    """
    q = check_number("charge_nC_cm2", charge_nC_cm2, "nC/cm²", -1e12, 1e12)
    return q * NC_TO_PMOL


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
        Stimulus duration, ms (> 0); ``None`` (default): a step to the end of the run.
    model : {"squid", "mammalian"}, optional
        ``"squid"`` (Hodgkin & Huxley 1952, default) or ``"mammalian"``
        (Wang & Buzsáki 1996, 37 °C).
    temperature_C : float or None, optional
        Temperature, °C (0-45). ``None`` uses the model's own (6.3 °C squid,
        37 °C mammalian). For the squid model all rates are multiplied by
        φ = 3^((T-6.3)/10) (HH 1952). The mammalian model accepts only 37 °C.
    na_locked_open_fraction : float, optional
        Fraction (0-1) of the Na+ conductance that cannot inactivate (h held
        at 1). Only inactivation is removed: the activation gate m of these
        channels keeps its normal voltage dependence. Default 0.
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

    Raises
    ------
    ParameterError
        On invalid input.
    ModelError
        If the integrator fails.

    Examples
    --------
    >>> r = simulate_hh(10.0, 50.0)
    >>> r.n_spikes >= 3
    True
    """
    i_amp = check_number("i_amp_uA_cm2", i_amp_uA_cm2, "µA/cm²", -1000.0, 1000.0)
    dur = check_number("duration_ms", duration_ms, "ms", 0.0, 1e5, lo_inclusive=False)
    onset = check_number("onset_ms", onset_ms, "ms", 0.0, 1e5)
    pulse = None if pulse_ms is None else check_number("pulse_ms", pulse_ms, "ms", 0.0, 1e5,
                                                       lo_inclusive=False)
    lock = check_number("na_locked_open_fraction", na_locked_open_fraction, "", 0.0, 1.0)
    dt = check_number("dt_ms", dt_ms, "ms", 1e-3, 1.0)
    rtol = check_number("rtol", rtol, "", 1e-12, 1e-2)
    atol = check_number("atol", atol, "", 1e-14, 1e-2)
    model, p, temp, phi = resolve_model(model, temperature_C, params)

    # output grid with the stimulus edges inserted so the integration is split there
    n_out = round(dur / dt)
    t_out = np.linspace(0.0, dur, n_out + 1) if n_out >= 1 else np.array([0.0, dur])
    off = dur if pulse is None else min(onset + pulse, dur)
    edges = sorted({0.0, min(onset, dur), off, dur})
    y0 = np.array([*resting_state(p, lock), 0.0, 0.0, 0.0])
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
        sol, info = odeint(make_rhs(p, phi, lock, amp), y0, ts, rtol=rtol, atol=atol,
                           mxstep=100000, full_output=True)
        if info.get("message") != "Integration successful." or not np.all(np.isfinite(sol)):
            raise ModelError(
                f"simulate_hh: the integrator failed between {a:g} and {b:g} ms "
                f"({info.get('message')}); try a different dt_ms"
            )
        t_parts.append(ts if not t_parts else ts[1:])
        y_parts.append(sol if not y_parts else sol[1:])
        y0 = sol[-1].copy()
    t = np.concatenate(t_parts)
    y = np.concatenate(y_parts)
    v, m, h, n = y[:, 0], y[:, 1], y[:, 2], y[:, 3]
    if p.m_instantaneous:
        m = gates_inf(p, v)[0]
    i_na, i_k, i_l = channel_currents(p, v, m, h, n, lock)
    i_stim = np.zeros_like(t)
    if onset < dur:
        i_stim[(t >= onset) & (t < off)] = i_amp
    stim_charge = i_amp * max(0.0, off - onset) if onset < dur else 0.0
    return HHResult(
        t_ms=t, v_mV=v, m=m, h=h, n=n, i_na=i_na, i_k=i_k, i_leak=i_l, i_stim=i_stim,
        spike_times_ms=spike_times(t, v),
        na_entry_pmol_cm2=float(-y[-1, 4] * NC_TO_PMOL),
        k_exit_pmol_cm2=float(y[-1, 5] * NC_TO_PMOL),
        leak_charge_nC_cm2=float(y[-1, 6]),
        stim_charge_nC_cm2=float(stim_charge),
        model=model, temperature_C=float(temp), params=p, na_locked_open_fraction=float(lock),
    )
