"""Pump–leak cell: Vm, [Na]i, [K]i, [Cl]i and volume, driven by the Na+/K+ pump.

Model (after the pump–leak formulation of Keener & Sneyd 2009, ch. 2, and
Armstrong 2003 [Keener2009] [Armstrong2003]):

* a spherical cell of fixed membrane area A and reference volume W0 holds
  amounts of Na+, K+, Cl- and a fixed amount of impermeant anions X of mean
  valence z_X;
* leak currents are GHK currents (:func:`nakmodel.electrochem.ghk_current`);
* the pump moves n_Na Na+ out and n_K K+ in per cycle (3:2 by default) at the
  rate of the cycle model :func:`nakmodel.pump.pump_cycle_rate` (the book's one
  pump law; :func:`nakmodel.pump.pump_rate_fast` on request);
* Vm follows from charge, C·A·V = F·(n_Na + n_K - n_Cl + z_X n_X), i.e.
  C dV/dt = -I_total, integrated with a stiff (BDF) solver;
* water is in osmotic equilibrium at every instant (water moves in seconds,
  ions in minutes: time-scale separation), so W = (Σ n)/osm_out.

State amounts are kept as "mM of the reference volume" (amount / W0). Ions
are conserved exactly: cumulative fluxes are integrated alongside.

References: Keener2009, Armstrong2003, Hille2001 (core.bib), Hodgkin1949 (core.bib)
(keys of ``bib/pump.bib``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

from ._params import param
from ._validation import ModelError, ParameterError, check_choice, check_number, check_temperature
from .constants import DEFAULTS, FARADAY, MAMMALIAN_NEURON, VALENCE, FrozenIons, rt_over_f_mV
from .electrochem import ATP, _ghk_current, ghk_voltage
from .pump import (
    PumpParams,
    _cycle_flux,
    _rates,
    pump_atp_factor,
    pump_current,
    pump_cycle_rate,
    pump_rate_fast,
)

__all__ = [
    "CellParams",
    "CellState",
    "CellTrace",
    "ElectrogenicShare",
    "cell_area_um2",
    "cell_steady_state",
    "electrogenic_share",
    "simulate_cell",
]


@dataclass(frozen=True)
class CellParams:
    """Parameters of the pump–leak cell, each with its unit and source.

    The leak permeabilities, the pump density and the impermeant solute were
    solved (in closed form: the steady-state conditions are linear in them) so
    that the steady state is the book's reference neuron: Vm = -70 mV,
    [Na]i = 12 mM, [K]i = 140 mM, [Cl]i passively distributed (8.0 mM), volume
    1, isotonic with 300 mOsm outside (targets inside the ranges of Hille 2001,
    Table 1.1; :data:`nakmodel.constants.MAMMALIAN_NEURON` holds them, and a
    test checks the steady state against them). The pump is the cycle model
    (:func:`nakmodel.pump.pump_cycle_rate`), the book's one pump law.

    ``pump`` holds the pump's constants (:class:`nakmodel.pump.PumpParams`).
    """

    diameter_um: float = param(20.0, "µm", "assumed: a mid-sized neuronal soma", "cell diameter",
                               where="cell, resting potential, stoichiometry")
    p_k_cm_s: float = param(1.0e-6, "cm/s", "assumed: gives a membrane time constant of a few ms",
                            "K+ leak permeability", where="cell")
    p_na_cm_s: float = param(5.41e-8, "cm/s",
                             "solved for the reference steady state (P_Na/P_K = 0.054; Hodgkin1949: 0.04)",
                             "Na+ leak permeability", where="cell")
    p_cl_cm_s: float = param(2.0e-7, "cm/s", "assumed: Cl- is passive at steady state; sets only its speed",
                             "Cl- leak permeability", where="cell")
    pump_density_per_um2: float = param(731.2, "pumps/µm²",
                                        "solved for the reference steady state (same order as PumpParams)",
                                        "pump density", where="cell")
    pump_na: int = param(3, "ions/cycle", "Post1957", "Na+ out per cycle", where="cell")
    pump_k: int = param(2, "ions/cycle", "Post1957", "K+ in per cycle", where="cell")
    pump_model: str = param("cycle", "", "assumed: the book's one pump law (cycle model)",
                            "'cycle' (pump_cycle_rate) or 'fast' (pump_rate_fast)", where="cell")
    atp_free_energy_kJ_per_mol: float = param(ATP.free_energy_kJ_per_mol, "kJ/mol",
                                              "Veech1979 (see electrochem.AtpParams)", "ΔG_ATP of the pump",
                                              where="cell")
    impermeant_mM: float = param(139.985, "mM", "solved: isotonic reference steady state",
                                 "impermeant solute inside at the reference volume", where="cell")
    impermeant_valence: float = param(-1.02859, "", "solved: electroneutral reference steady state",
                                      "mean valence of the impermeant anions", where="cell")
    c_out_mM: Mapping = param(MAMMALIAN_NEURON.c_out_mM, "mM", "Hille2001 (Table 1.1)",
                              "bath concentrations (Na, K, Cl)", where="cell")
    other_out_mOsm: float = param(40.0, "mOsm", "assumed: HCO3- etc., so the bath is 300 mOsm",
                                  "other extracellular solutes", where="cell")
    temperature_C: float = param(DEFAULTS.temperature_C, "°C", "assumed: body temperature", "temperature",
                                 where="cell")
    capacitance_uF_cm2: float = param(DEFAULTS.capacitance_uF_cm2, "µF/cm²", "Hodgkin1952; Gentet2000",
                                      "specific membrane capacitance", where="cell")
    pump: PumpParams = field(default_factory=PumpParams)

    def __post_init__(self):
        object.__setattr__(self, "c_out_mM", FrozenIons(self.c_out_mM))


def cell_area_um2(params: CellParams | None = None) -> float:
    """Membrane area of the (spherical) cell, µm²: π d².

    >>> round(cell_area_um2())
    1257
    """
    p = CellParams() if params is None else params
    return math.pi * p.diameter_um ** 2


@dataclass(frozen=True)
class CellState:
    """A steady state of the pump–leak cell.

    Attributes: ``v_mV`` (mV), ``na_in``, ``k_in``, ``cl_in`` (mM),
    ``volume_rel`` (volume / reference volume), ``pump_current_uA_cm2``,
    ``na_leak_uA_cm2``, ``k_leak_uA_cm2``, ``cl_leak_uA_cm2`` (µA/cm², outward
    positive), ``residual`` (max |d/dt| of the state at the solution, mV/s or mM/s),
    ``pump_rate_per_s`` (net cycles per second of one pump, including ``rate_scale``).
    """

    v_mV: float
    na_in: float
    k_in: float
    cl_in: float
    volume_rel: float
    pump_current_uA_cm2: float
    na_leak_uA_cm2: float
    k_leak_uA_cm2: float
    cl_leak_uA_cm2: float
    residual: float
    pump_rate_per_s: float = float("nan")


@dataclass(frozen=True)
class CellTrace:
    """Time course of the pump–leak cell (:func:`simulate_cell`).

    Attributes
    ----------
    t_s : ndarray
        Time, s.
    v_mV, na_in, k_in, cl_in, volume_rel, pump_current_uA_cm2 : ndarray
        Vm (mV), concentrations (mM), volume relative to the reference, pump current (µA/cm²).
    na_amount, k_amount, cl_amount : ndarray
        Amounts inside, in mM of the reference volume.
    na_out_cum, k_out_cum, cl_out_cum : ndarray
        Cumulative net amounts moved out of the cell, same unit (so
        ``na_amount + na_out_cum`` is constant: conservation).
    pump_fraction : ndarray
        Fraction of pumps active.
    """

    t_s: np.ndarray
    v_mV: np.ndarray
    na_in: np.ndarray
    k_in: np.ndarray
    cl_in: np.ndarray
    volume_rel: np.ndarray
    pump_current_uA_cm2: np.ndarray
    na_amount: np.ndarray
    k_amount: np.ndarray
    cl_amount: np.ndarray
    na_out_cum: np.ndarray
    k_out_cum: np.ndarray
    cl_out_cum: np.ndarray
    pump_fraction: np.ndarray


def _check_params(p):
    if not isinstance(p, CellParams):
        raise ParameterError("params", p, "", "must be a CellParams")
    check_number("diameter_um", p.diameter_um, "µm", 1.0, 1000.0)
    for name in ("p_k_cm_s", "p_na_cm_s", "p_cl_cm_s"):
        check_number(name, getattr(p, name), "cm/s", 0.0, 1e-3)
    check_number("pump_density_per_um2", p.pump_density_per_um2, "pumps/µm²", 0.0, 1e5)
    check_number("pump_na", p.pump_na, "ions/cycle", 0, 3)
    check_number("pump_k", p.pump_k, "ions/cycle", 0, 3)
    check_choice("pump_model", p.pump_model, ("fast", "cycle"))
    check_number("impermeant_mM", p.impermeant_mM, "mM", 0.0, 1000.0, lo_inclusive=False)
    check_number("impermeant_valence", p.impermeant_valence, "", -5.0, 0.0)
    check_number("other_out_mOsm", p.other_out_mOsm, "mOsm", 0.0, 1000.0)
    check_temperature(p.temperature_C)
    check_number("capacitance_uF_cm2", p.capacitance_uF_cm2, "µF/cm²", 0.1, 10.0, lo_inclusive=False)


class _Model:
    """Right-hand side of the cell ODE; state y = [V (mV), nNa, nCl, outNa, outK, outCl]."""

    def __init__(self, p: CellParams, rate_scale=1.0):
        self.p = p
        d_cm = p.diameter_um * 1e-4
        self.g = (6.0 / d_cm) * 1e-6 / FARADAY * 1e6  # mM/s per µA/cm² (A/W0 = 6/d; mol/cm³ -> mM)
        self.cv = p.capacitance_uF_cm2 * 1e-6 * (6.0 / d_cm) * 1e-3 / FARADAY * 1e6  # mM per mV
        self.co = p.c_out_mM
        self.osm_out = self.co["Na"] + self.co["K"] + self.co["Cl"] + p.other_out_mOsm
        self.nx = p.impermeant_mM
        self.zx = p.impermeant_valence
        self.rate_scale = rate_scale
        self.cyc = pump_current(1.0, p.pump_density_per_um2, net_charge=1)  # µA/cm² per cycle/s
        self.rt_f = rt_over_f_mV(p.temperature_C)

    def amounts(self, v, nna, ncl):
        nk = self.cv * v - nna + ncl - self.zx * self.nx
        w = (nna + nk + ncl + self.nx) / self.osm_out
        return nk, w

    def pump_rate(self, na, v, atp, dg=None):
        p = self.p
        if p.pump_model == "fast":
            r = pump_rate_fast(na, self.co["K"], v, na_out_mM=self.co["Na"], temperature_C=p.temperature_C,
                               params=p.pump)
            if atp is not None:
                r = r * pump_atp_factor(atp, p.pump)
            return r
        scalar = np.ndim(na) == 0 and np.ndim(v) == 0 and np.ndim(atp) == 0 and np.ndim(dg) == 0
        if scalar and -300.0 <= v <= 200.0:
            # one state of the ODE: pump_cycle_rate's core without its argument checks (hot loop)
            dg_atp = p.atp_free_energy_kJ_per_mol if dg is None else float(dg)
            atp_mM = p.pump.atp_mM if atp is None else float(atp)
            if not (-80.0 <= dg_atp <= -20.0 and 0.0 <= atp_mM <= 20.0):
                raise ParameterError("atp", (atp_mM, dg_atp), "mM, kJ/mol",
                                     "ATP 0–20 mM, ΔG_ATP −80 to −20 kJ/mol")
            a, b = _rates(float(na), self.co["K"], float(v), self.co["Na"], float(self._k_in), dg_atp,
                          p.temperature_C, max(atp_mM, 1e-300), p.pump)
            return float(_cycle_flux(a, b))
        return pump_cycle_rate(na, self.co["K"], v, na_out_mM=self.co["Na"], k_in_mM=self._k_in,
                               atp_free_energy_kJ_per_mol=p.atp_free_energy_kJ_per_mol if dg is None else dg,
                               temperature_C=p.temperature_C,
                               atp_mM=p.pump.atp_mM if atp is None else atp, params=p.pump)

    def currents(self, v, nna, ncl, frac, atp, dg=None):
        p = self.p
        nk, w = self.amounts(v, nna, ncl)
        na, k, cl = nna / w, nk / w, ncl / w
        if min(na, k, cl) <= 0:
            raise ModelError(f"the cell left the physical range: [Na+]i, [K+]i, [Cl-]i = {(na, k, cl)} mM")
        self._k_in = k
        if not -500.0 <= v <= 500.0:
            raise ModelError(f"the cell left the physical range: Vm = {v} mV")
        # inputs checked by _check_params and just above: the unchecked cores (the ODE's hot loop)
        i_na = _ghk_current(VALENCE["Na"], p.p_na_cm_s, v, self.co["Na"], na, self.rt_f)
        i_k = _ghk_current(VALENCE["K"], p.p_k_cm_s, v, self.co["K"], k, self.rt_f)
        i_cl = _ghk_current(VALENCE["Cl"], p.p_cl_cm_s, v, self.co["Cl"], cl, self.rt_f)
        i_cyc = self.cyc * frac * self.rate_scale * self.pump_rate(na, v, atp, dg)  # µA/cm² per unit charge
        return i_na, i_k, i_cl, i_cyc, (na, k, cl, w)

    def rhs(self, t, y, frac_fn, atp_fn, dg_fn=None):
        v, nna, ncl = y[0], y[1], y[2]
        frac = frac_fn(t)
        atp = None if atp_fn is None else atp_fn(t)
        dg = None if dg_fn is None else dg_fn(t)
        i_na, i_k, i_cl, i_cyc, _ = self.currents(v, nna, ncl, frac, atp, dg)
        p = self.p
        j_na = self.g * (i_na + p.pump_na * i_cyc)      # mM/s out
        j_k = self.g * (i_k - p.pump_k * i_cyc)
        j_cl = -self.g * i_cl
        i_tot = i_na + i_k + i_cl + (p.pump_na - p.pump_k) * i_cyc
        dv = -i_tot / p.capacitance_uF_cm2 * 1e3       # mV/s
        return np.array([dv, -j_na, -j_cl, j_na, j_k, j_cl])


def _as_function(name, value, unit, lo, hi):
    if callable(value):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        tt = check_number(name + "[0]", value[0], "s", 0.0, None)
        vv = check_number(name + "[1]", value[1], unit, lo, hi)
        tt, vv = np.atleast_1d(tt), np.atleast_1d(vv)
        return lambda t: float(np.interp(t, tt, vv))
    c = check_number(name, value, unit, lo, hi)
    return lambda t: c


#: Residual fsolve sees where a trial step leaves the physical range (it then shortens its step).
_OUT_OF_RANGE_RESIDUAL = 1e6


def _solve_steady(model: _Model, guess, frac=1.0, atp=None):
    def f(x):
        y = np.array([x[0], x[1], x[2], 0, 0, 0])
        try:
            d = model.rhs(0.0, y, lambda t: frac, None if atp is None else (lambda t: atp))
        except (ModelError, ParameterError):
            # a trial step left the physical range (or the pump's voltage range): a large residual
            # makes the trust-region solver shorten its step instead of giving up
            return [_OUT_OF_RANGE_RESIDUAL] * 3
        return [d[0] * 1e-3, d[1], d[2]]
    sol, _info, ier, _msg = fsolve(f, guess, full_output=True, xtol=1e-12)
    return sol, ier, float(np.max(np.abs(f(sol))))


def _state_from(model: _Model, x, residual):
    v, nna, ncl = x
    i_na, i_k, i_cl, i_cyc, (na, k, cl, w) = model.currents(v, nna, ncl, 1.0, None)
    p = model.p
    return CellState(v_mV=float(v), na_in=float(na), k_in=float(k), cl_in=float(cl), volume_rel=float(w),
                     pump_current_uA_cm2=float((p.pump_na - p.pump_k) * i_cyc), na_leak_uA_cm2=float(i_na),
                     k_leak_uA_cm2=float(i_k), cl_leak_uA_cm2=float(i_cl), residual=residual,
                     pump_rate_per_s=float(i_cyc / model.cyc) if model.cyc > 0 else float("nan"))


def _guess(p: CellParams):
    v0 = MAMMALIAN_NEURON.v_rest_mV
    cl0 = p.c_out_mM["Cl"] * math.exp(v0 / rt_over_f_mV(p.temperature_C))
    return np.array([v0, MAMMALIAN_NEURON.c_in_mM["Na"], cl0])


def cell_steady_state(params: CellParams = CellParams(), *, rate_scale=1.0) -> CellState:
    """Steady state of the pump–leak cell (all time derivatives zero).

    Parameters
    ----------
    params : CellParams
        Cell parameters (defaults give Vm ≈ -70 mV, [Na]i ≈ 12 mM, [K]i ≈ 140 mM).
    rate_scale : float
        Multiplies the pump cycle rate (0–100); used by :func:`electrogenic_share`.

    Returns
    -------
    CellState

    Examples
    --------
    >>> s = cell_steady_state()
    >>> round(s.v_mV), round(s.na_in), round(s.k_in)
    (-70, 12, 140)
    """
    _check_params(params)
    rate_scale = check_number("rate_scale", rate_scale, "", 0.0, 100.0, lo_inclusive=False)
    model = _Model(params, rate_scale)
    x, ier, res = _solve_steady(model, _guess(params))
    if ier != 1 or res > 1e-6:
        # fall back: integrate for a long time, then polish
        y0 = np.concatenate([_guess(params), [0, 0, 0]])
        sol = solve_ivp(model.rhs, (0, 3e5), y0, method="BDF", args=(lambda t: 1.0, None),
                        rtol=1e-8, atol=1e-9)
        x, ier, res = _solve_steady(model, sol.y[:3, -1])
        if ier != 1 or res > 1e-6:
            raise ModelError("no steady state found for these cell parameters")
    return _state_from(model, x, res)


def simulate_cell(params: CellParams = CellParams(), duration_s=1800.0, *, pump_fraction=1.0, atp_mM=None,
                  atp_free_energy_kJ_per_mol=None, initial: CellState | None = None, t_eval=None,
                  n_points=361, rtol=1e-7, method="BDF") -> CellTrace:
    """Time course of the pump–leak cell, e.g. minutes to hours of pump block.

    Parameters
    ----------
    params : CellParams
    duration_s : float
        Simulated time, s (0 < duration ≤ 1e6).
    pump_fraction : float, callable or (t_s, fraction)
        Fraction of pumps working (0–1): a constant, a function of time in s,
        or a pair of arrays (e.g. from :func:`nakmodel.drugs.ouabain_block_time_course`),
        linearly interpolated. 0 = complete block from t = 0.
    atp_mM : float, callable or (t_s, mM), optional
        Cytosolic ATP, mM (0–20), e.g. :func:`nakmodel.drugs.anoxia_atp_time_course`.
        ``None`` keeps the pump at its default ATP.
    atp_free_energy_kJ_per_mol : float, callable or (t_s, kJ/mol), optional
        ΔG of ATP hydrolysis over time, kJ/mol (-80 to -20), e.g. from
        :func:`nakmodel.anoxia.adenylate_time_course`. Only the cycle model
        (``params.pump_model == "cycle"``) feels it: the pump slows, stalls
        and reverses as |ΔG_ATP| falls below the free energy of its transport
        (detailed balance of :func:`nakmodel.pump.pump_cycle_rate`). ``None``
        keeps ``params.atp_free_energy_kJ_per_mol``. Together with ``atp_mM``
        this lets ATP loss act both kinetically and thermodynamically.
    initial : CellState, optional
        Start here; default: the steady state of ``params`` with all pumps working.
    t_eval : array_like, optional
        Output times, s; default ``n_points`` evenly spaced.
    rtol : float
        Relative tolerance of the solver.
    method : {"BDF", "LSODA"}
        The stiff integrator (scipy's ``solve_ivp``): ``"BDF"`` (default) or ``"LSODA"``
        (ODEPACK's compiled solver: about half the time per run at loose tolerances, which a
        live explorer needs; the same answer within its tolerance).

    Returns
    -------
    CellTrace

    Examples
    --------
    >>> tr = simulate_cell(duration_s=600.0, pump_fraction=0.0, n_points=3)
    >>> bool(tr.v_mV[-1] > tr.v_mV[0])
    True
    """
    _check_params(params)
    duration_s = check_number("duration_s", duration_s, "s", 0.0, 1e6, lo_inclusive=False)
    method = check_choice("method", method, ("BDF", "LSODA"))
    frac_fn = _as_function("pump_fraction", pump_fraction, "", 0.0, 1.0)
    atp_fn = None if atp_mM is None else _as_function("atp_mM", atp_mM, "mM", 0.0, 20.0)
    dg_fn = None
    if atp_free_energy_kJ_per_mol is not None:
        if params.pump_model != "cycle":
            raise ParameterError("atp_free_energy_kJ_per_mol", "time course", "kJ/mol",
                                 "needs params.pump_model = 'cycle' (the fast pump ignores ΔG_ATP)")
        dg_fn = _as_function("atp_free_energy_kJ_per_mol", atp_free_energy_kJ_per_mol, "kJ/mol", -80.0, -20.0)
    model = _Model(params)
    if initial is None:
        initial = cell_steady_state(params)
    elif not isinstance(initial, CellState):
        raise ParameterError("initial", initial, "", "must be a CellState or None")
    w0 = initial.volume_rel
    y0 = np.array([initial.v_mV, initial.na_in * w0, initial.cl_in * w0, 0.0, 0.0, 0.0])
    if t_eval is None:
        t_eval = np.linspace(0.0, duration_s, int(n_points))
    else:
        t_eval = check_number("t_eval", t_eval, "s", 0.0, duration_s)
    atol = np.array([1e-4, 1e-7, 1e-7, 1e-7, 1e-7, 1e-7])
    sol = solve_ivp(model.rhs, (0.0, duration_s), y0, method=method, t_eval=t_eval,
                    args=(frac_fn, atp_fn, dg_fn), rtol=rtol, atol=atol, first_step=1e-4)
    if not sol.success:
        raise ModelError("cell integration failed: " + sol.message)
    v, nna, ncl = sol.y[0], sol.y[1], sol.y[2]
    nk, w = model.amounts(v, nna, ncl)
    frac = np.array([frac_fn(t) for t in sol.t])
    atp = None if atp_fn is None else np.array([atp_fn(t) for t in sol.t])
    dg = None if dg_fn is None else np.array([dg_fn(t) for t in sol.t])
    # the pump current at every output time in one vectorised call (the pump laws broadcast)
    model._k_in = nk / w
    rate = model.pump_rate(nna / w, v, atp, dg)
    ip = (params.pump_na - params.pump_k) * model.cyc * frac * model.rate_scale * rate
    return CellTrace(t_s=sol.t, v_mV=v, na_in=nna / w, k_in=nk / w, cl_in=ncl / w, volume_rel=w,
                     pump_current_uA_cm2=ip, na_amount=nna, k_amount=nk, cl_amount=ncl,
                     na_out_cum=sol.y[3], k_out_cum=sol.y[4], cl_out_cum=sol.y[5], pump_fraction=frac)


@dataclass(frozen=True)
class ElectrogenicShare:
    """Result of :func:`electrogenic_share`.

    Attributes
    ----------
    stoichiometries : tuple of (int, int)
        (Na out, K in) per cycle for each row.
    v_mV, na_in, k_in, cl_in, volume_rel, pump_current_uA_cm2 : ndarray
        Steady state for each stoichiometry.
    direct_mV : ndarray
        Vm minus the GHK potential at the same concentrations: the pump's
        direct electrogenic contribution (negative: hyperpolarising), lost at
        once on block (mV).
    basis : str
        ``"same_na_flux"`` or ``"same_atp"``.
    """

    stoichiometries: tuple
    v_mV: np.ndarray
    na_in: np.ndarray
    k_in: np.ndarray
    cl_in: np.ndarray
    volume_rel: np.ndarray
    pump_current_uA_cm2: np.ndarray
    direct_mV: np.ndarray
    basis: str


def electrogenic_share(params: CellParams = CellParams(), *,
                       stoichiometries=((3, 2), (3, 3), (2, 2), (1, 1)), basis="same_na_flux"):
    """Compare the real 3:2 pump with hypothetical stoichiometries.

    For each (n_Na, n_K) the steady state is found with the same pump rate law.
    ``basis="same_na_flux"`` scales the cycle rate by 3/n_Na so every pump
    extrudes Na+ by the same law as the real 3 Na+ pump (a 1:1 or 3:3 pump is
    then electroneutral at the same Na+ flux); ``"same_atp"`` keeps the cycle
    rate (ATP use per pump) unchanged.

    Returns
    -------
    ElectrogenicShare
        ``v_mV[0] - v_mV[k]`` is the Vm difference made by electrogenicity;
        ``direct_mV`` the direct share (a few mV, negative, for the 3:2 pump).

    Examples
    --------
    >>> s = electrogenic_share()
    >>> bool(-10.0 < s.direct_mV[0] < -1.0 and abs(s.direct_mV[1]) < 1e-6)
    True
    """
    _check_params(params)
    basis = check_choice("basis", basis, ("same_na_flux", "same_atp"))
    rows = []
    for st in stoichiometries:
        if not (isinstance(st, (tuple, list)) and len(st) == 2):
            raise ParameterError("stoichiometries", st, "ions/cycle", "each must be a pair (n_Na, n_K)")
        n_na = int(check_number("stoichiometries n_Na", st[0], "ions/cycle", 1, 3))
        n_k = int(check_number("stoichiometries n_K", st[1], "ions/cycle", 1, 3))
        p = replace(params, pump_na=n_na, pump_k=n_k)
        scale = 3.0 / n_na if basis == "same_na_flux" else 1.0
        s = cell_steady_state(p, rate_scale=scale)
        perms = {"Na": p.p_na_cm_s, "K": p.p_k_cm_s, "Cl": p.p_cl_cm_s}
        v_ghk = ghk_voltage(perms, p.c_out_mM, {"Na": s.na_in, "K": s.k_in, "Cl": s.cl_in}, p.temperature_C)
        rows.append((s.v_mV, s.na_in, s.k_in, s.cl_in, s.volume_rel, s.pump_current_uA_cm2, s.v_mV - v_ghk))
    a = np.array(rows)
    return ElectrogenicShare(tuple(tuple(int(x) for x in s) for s in stoichiometries),
                             *(a[:, i] for i in range(7)), basis=basis)
