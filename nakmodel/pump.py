"""The Na+/K+-ATPase: stoichiometry, a thermodynamically consistent cycle model,
a stochastic single pump and a fast phenomenological pump.

Models
------
* **Cycle model** (:func:`pump_cycle_rate`): the four-state reduction of the
  Post–Albers cycle by Smith & Crampin (2004) [Smith2004], with the
  rate constants of O'Hara et al. (2011) [OHara2011]. Ion binding is in rapid
  equilibrium; one elementary charge crosses the field per cycle, split between
  intracellular Na+ binding (fraction ``delta``) and extracellular Na+ release
  (``1 + delta``). Detailed balance is enforced *by construction*: the backward
  rate of the Pi-release step (which carries the [Pi][H+] dependence) is
  derived from the other seven rates and the total free energy
  ``ΔG_ATP + ΔG_transport(V)``, so the net rate is exactly zero at
  :func:`nakmodel.electrochem.pump_reversal_potential`.
* **Stochastic pump** (:func:`simulate_pump_cycles`): Gillespie simulation of
  the same chain, recorded in six named states.
* **Fast pump** (:func:`pump_rate_fast`): the Luo & Rudy (1994) [Luo1994]
  form, scaled to agree with the cycle model near rest.

References (keys of ``bib/pump.bib``)
-------------------------------------
Smith2004, OHara2011, Luo1994, Gadsby1980, Glitsch1989, Post1957.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ._params import param
from ._validation import (
    ModelError,
    ParameterError,
    check_concentration,
    check_number,
    check_temperature,
)
from .constants import DEFAULTS, ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT, MAMMALIAN_NEURON, ZERO_CELSIUS_K
from .electrochem import ATP, PUMP_K_IN, PUMP_NA_OUT

__all__ = [
    "DISPLAY_BINDING_RATE_PER_S",
    "PUMP_INPUT_LIMITS",
    "PUMP_K_IN",
    "PUMP_NA_OUT",
    "PUMP_NET_CHARGE_OUT",
    "PUMP_STATES",
    "PUMP_STEP_COUNTS",
    "RUN_SEED",
    "PumpParams",
    "PumpRun",
    "cycle_rate_of_na_in",
    "cycle_run",
    "pump_atp_factor",
    "pump_current",
    "pump_cycle_rate",
    "pump_half_activation",
    "pump_rate_fast",
    "pump_temperature_factor",
    "run_duration_s",
    "simulate_pump_cycles",
]

#: Net elementary charges carried out of the cell per cycle (3 Na+ out, 2 K+ in).
PUMP_NET_CHARGE_OUT = PUMP_NA_OUT - PUMP_K_IN

#: Allowed ranges of the pump models' inputs besides concentrations and temperature
#: (:data:`nakmodel._validation.CONCENTRATION_RANGE_MM`, ``TEMPERATURE_RANGE_C``): unit, (low, high).
PUMP_INPUT_LIMITS = {"v_mV": ("mV", (-300.0, 200.0)),
                     "atp_free_energy_kJ_per_mol": ("kJ/mol", (-80.0, -20.0)),
                     "atp_mM": ("mM", (0.0, 20.0))}

#: Relaxation rate that places the display sub-steps E1 -> E1·3Na and E2P -> E2P·2K of the
#: stochastic pump (:func:`simulate_pump_cycles`), 1/s: an assumption for display only (ion
#: binding is in rapid equilibrium in the cycle model), it changes no cycle statistics.
DISPLAY_BINDING_RATE_PER_S = 1e4

#: Named states of the stochastic pump, in cycle order.
PUMP_STATES = ("E1", "E1·3Na", "E1P·3Na", "E2P", "E2P·2K", "E2·2K")
#: What a forward step between named states moves: (from, to) -> (Na+ out, K+ in, ATP used);
#: a backward step (to -> from) subtracts it, every other step moves nothing (the bookkeeping of
#: :func:`simulate_pump_cycles`: ATP at phosphorylation, 3 Na+ released outside, 2 K+ inside).
PUMP_STEP_COUNTS = {(1, 2): (0, 0, 1), (2, 3): (PUMP_NA_OUT, 0, 0), (5, 0): (0, PUMP_K_IN, 0)}


@dataclass(frozen=True)
class PumpParams:
    """Defaults of the Na+/K+ pump models, each with its source.

    Rate constants (1/s at ``reference_temperature_C``) are those of
    O'Hara et al. (2011), who refitted the Smith & Crampin (2004) four-state
    model. Their ion dissociation constants give a tiny absolute rate (they
    rescale current by a free factor), so ``kd_k_in_mM``, ``kd_na_in0_mM``
    and ``kd_k_out_mM`` here are *fitted in this module* to measured apparent
    affinities: half-activation by internal Na+ near 10 mM (Glitsch et al.
    1989: ~9 mM in sheep Purkinje cells; Luo & Rudy 1994 use 10 mM) and by
    external K+ of 1–2 mM in 145 mM Na+ (Gadsby 1980: ~1 mM; Luo & Rudy 1994:
    1.5 mM). They are documented assumptions, not primary measurements.

    Attributes
    ----------
    k1_fwd : float
        E1·3Na -> E1P(3Na) phosphorylation/occlusion, 1/s (O'Hara 2011: 949.5).
    k1_bwd_per_mM_adp : float
        Reverse of step 1 per mM MgADP, 1/(s·mM). O'Hara 2011 use 182.4, but
        their backward constants together with ΔG_ATP = -55 kJ/mol violate
        detailed balance (the derived Pi-rebinding rate becomes ~1e5/s and the
        turnover collapses to ~3/s). Here the backward constants of steps 1, 2
        and 4 (1280, 339, 426) are chosen so that the ~13 kJ/mol of free energy
        left at rest (-70 mV, book concentrations) is shared about evenly by
        the four steps (forward/backward ratio ~3.7 each). Assumption of this
        module, tested only through its consequences (turnover, affinities).
    adp_mM : float
        Free MgADP used by the reverse of step 1, mM (O'Hara 2011: 0.05).
    k2_fwd, k2_bwd : float
        E1P(3Na) <-> P-E2 conformational change / Na+ release, 1/s (forward:
        O'Hara 2011, 687.2; backward 339, see ``k1_bwd_per_mM_adp``).
    k3_fwd : float
        P-E2·2K -> E2(2K) dephosphorylation, 1/s (O'Hara 2011: 1899). The
        reverse (Pi rebinding) is derived from detailed balance.
    k4_fwd, k4_bwd : float
        E2(2K) + ATP -> E1 + 2 K+ inside, and reverse, 1/s (forward: O'Hara
        2011, 639; backward 426, see ``k1_bwd_per_mM_adp``).
    km_atp_mM : float
        ATP dependence of step 4, ``k4_fwd * ATP / (ATP + km_atp_mM)``, mM.
        0.5 mM: assumption within the 0.1–0.5 mM usually quoted for the
        low-affinity ATP site (not checked against a primary paper). The
        apparent K_m of the whole cycle is lower (about 0.1 mM).
    atp_mM : float
        Default cytosolic ATP, mM (3 mM, as in :func:`nakmodel.electrochem.atp_free_energy`).
    kd_na_in0_mM : float
        Intracellular Na+ dissociation constant at 0 mV, mM (fitted, see above; O'Hara 2011: 9.073).
    kd_na_out0_mM : float
        Extracellular Na+ dissociation constant at 0 mV, mM (O'Hara 2011: 27.78).
    kd_k_in_mM : float
        Intracellular K+ dissociation constant, mM (fitted; O'Hara 2011 use 0.5).
    kd_k_out_mM : float
        Extracellular K+ dissociation constant, mM (fitted; O'Hara 2011 use 0.3582).
    delta : float
        Fraction of the charge moved with intracellular Na+ binding
        (O'Hara 2011: -0.155); extracellular release moves ``1 + delta`` so
        one charge crosses per cycle (Smith & Crampin 2004).
    q10 : float
        Q10 applied to every rate constant below ``q10_break_C``. 2.4: active
        Na transport in sheep Purkinje fibres between 22 and 35 °C (Glitsch &
        Pusch, bib key ``Glitsch1980``; bibliographic details not fully
        verified). Mammalian values near 37 °C agree: 2.1 between 25 and 37 °C
        in rabbit sino-atrial node cells (``Sakai1996``). The same factor on
        every rate keeps detailed balance.
    q10_warm : float
        Q10 above ``q10_break_C``: 1.2 between 35 and 42 °C in the same
        Purkinje-fibre study (the pump's temperature dependence flattens).
    q10_break_C : float
        Temperature, °C, where the Q10 changes (35 °C in that study). See
        :func:`pump_temperature_factor`.
    reference_temperature_C : float
        Temperature of the rate constants, °C (O'Hara 2011 model: 310 K).
    fast_max_rate_per_s : float
        Scale of :func:`pump_rate_fast`, cycles/s. With ``fast_km_na_mM`` =
        39.8 mM and ``fast_km_k_mM`` = 2.70 mM it is a minimax fit (done for
        this module) of the Luo & Rudy (1994) functional form to the cycle
        model over [Na]i 10–20 mM, [K]o 3–6 mM, V -80 to -50 mV (max error
        13.4 %). Luo & Rudy's own constants (10 and 1.5 mM) cannot match the
        cycle model's cubic Na+ dependence to better than ~45 % there. The fit
        is a local one: do not use the fast pump far from rest.
    fast_km_na_mM, fast_km_k_mM : float
        Half-activation constants of the fast pump, mM (fitted, see above).
    density_per_um2 : float
        Typical pump density, pumps/µm². 1000: order of magnitude implied by
        the maximal pump current of ~1.1 µA/cm² in sheep Purkinje cells
        (Glitsch et al. 1989) at a turnover of ~100/s: 1.1 µA/cm² is
        6.9×10⁴ elementary charges/(µm² s), i.e. about 690 pumps/µm² at 100
        net charges (cycles) per second each; an order-of-magnitude value, not
        a measurement.
    """

    k1_fwd: float = param(949.5, "1/s", "OHara2011", "E1·3Na -> E1P(3Na) phosphorylation", where="pump")
    k1_bwd_per_mM_adp: float = param(1280.0, "1/(s·mM)", "assumed: free energy shared evenly by the steps",
                                     "reverse of step 1 per mM MgADP", where="pump")
    adp_mM: float = param(0.05, "mM", "OHara2011", "free MgADP in the reverse of step 1", where="pump")
    k2_fwd: float = param(687.2, "1/s", "OHara2011", "E1P(3Na) -> P-E2 conformational change", where="pump")
    k2_bwd: float = param(339.0, "1/s", "assumed: free energy shared evenly by the steps",
                          "reverse of step 2", where="pump")
    k3_fwd: float = param(1899.0, "1/s", "OHara2011", "P-E2·2K -> E2(2K) dephosphorylation", where="pump")
    k4_fwd: float = param(639.0, "1/s", "OHara2011", "E2(2K) + ATP -> E1 + 2 K+ inside", where="pump")
    k4_bwd: float = param(426.0, "1/s", "assumed: free energy shared evenly by the steps",
                          "reverse of step 4", where="pump")
    km_atp_mM: float = param(0.5, "mM", "assumed: within the 0.1–0.5 mM of the low-affinity ATP site",
                             "ATP dependence of step 4", where="pump")
    atp_mM: float = param(3.0, "mM", "Veech1979 (brain ATP, order of magnitude)", "cytosolic ATP",
                          where="pump, cell, pump cycle chapter")
    kd_na_in0_mM: float = param(4.0, "mM", "fitted: half-activation by Na+ inside near 10 mM (Glitsch1989)",
                                "Na+ dissociation constant inside at 0 mV", where="pump")
    kd_na_out0_mM: float = param(27.78, "mM", "OHara2011", "Na+ dissociation constant outside at 0 mV",
                                 where="pump")
    kd_k_in_mM: float = param(20.0, "mM", "fitted (O'Hara 2011 use 0.5)", "K+ dissociation constant inside",
                              where="pump")
    kd_k_out_mM: float = param(0.15, "mM", "fitted: half-activation by K+ outside of 1–2 mM (Gadsby1980)",
                               "K+ dissociation constant outside", where="pump")
    delta: float = param(-0.155, "", "OHara2011", "charge fraction moved with Na+ binding inside",
                         where="pump")
    q10: float = param(2.4, "", "Glitsch1980 (sheep Purkinje fibres, 22–35 °C)", "Q10 below q10_break_C",
                       where="pump")
    q10_warm: float = param(1.2, "", "Glitsch1980 (35–42 °C)", "Q10 above q10_break_C", where="pump")
    q10_break_C: float = param(35.0, "°C", "Glitsch1980", "temperature where the Q10 changes", where="pump")
    reference_temperature_C: float = param(37.0, "°C", "OHara2011 (310 K)",
                                           "temperature of the rate constants", where="pump")
    fast_max_rate_per_s: float = param(1080.0, "1/s", "fitted: Luo1994 form to the cycle model near rest",
                                       "scale of the fast pump", where="pump_rate_fast")
    fast_km_na_mM: float = param(39.8, "mM", "fitted: Luo1994 form to the cycle model near rest",
                                 "Na+ constant of the fast pump", where="pump_rate_fast")
    fast_km_k_mM: float = param(2.70, "mM", "fitted: Luo1994 form to the cycle model near rest",
                                "K+ constant of the fast pump", where="pump_rate_fast")
    density_per_um2: float = param(1000.0, "pumps/µm²", "Glitsch1989 (order of magnitude, see docstring)",
                                   "typical pump density", where="pump_current")


_DEFAULT = PumpParams()


def _thermal(temperature_C):
    t = check_temperature(temperature_C)
    return t, GAS_CONSTANT * (t + ZERO_CELSIUS_K)  # J/mol


def pump_temperature_factor(temperature_C, params: PumpParams = _DEFAULT) -> float:
    """Factor on every pump rate constant at ``temperature_C`` (°C, 0–45) relative
    to ``params.reference_temperature_C`` (37 °C): Q10 ``params.q10`` (2.4) below
    ``params.q10_break_C`` (35 °C) and ``params.q10_warm`` (1.2) above, continuous
    at the break (Glitsch & Pusch; see :class:`PumpParams`).

    >>> round(pump_temperature_factor(37.0), 12)
    1.0
    >>> round(pump_temperature_factor(35.0) / pump_temperature_factor(25.0), 12)
    2.4
    """
    t = float(check_temperature(temperature_C))
    p = params

    def log_factor(x):  # log of the factor from the break temperature to x
        q = p.q10_warm if x >= p.q10_break_C else p.q10
        return math.log(q) * (x - p.q10_break_C) / 10.0

    return math.exp(log_factor(t) - log_factor(p.reference_temperature_C))


def _rates(na_in, k_out, v, na_out, k_in, dg_atp, t_c, atp, p):
    """The eight lumped rates (1/s) of the four-state cycle; arrays broadcast.

    States: 1 = E1 pool (E1, E1·Na_k, E1·K_k), 2 = E1P(3Na) occluded,
    3 = P-E2 pool (Na+ released outside, K+ binding), 4 = E2(2K) occluded.
    a_i: i -> i+1, b_i: i+1 -> i (a4: 4 -> 1, b4: 1 -> 4).
    """
    t, rt = _thermal(t_c)
    u = v * 1e-3 * FARADAY / rt  # FV/RT
    s = pump_temperature_factor(t, p)
    kna_i = p.kd_na_in0_mM * np.exp(p.delta * u / 3.0)
    kna_o = p.kd_na_out0_mM * np.exp((1.0 + p.delta) * u / 3.0)
    d_in = (1.0 + na_in / kna_i) ** 3 + (1.0 + k_in / p.kd_k_in_mM) ** 2 - 1.0
    d_out = (1.0 + na_out / kna_o) ** 3 + (1.0 + k_out / p.kd_k_out_mM) ** 2 - 1.0
    a1 = s * p.k1_fwd * (na_in / kna_i) ** 3 / d_in
    b1 = s * p.k1_bwd_per_mM_adp * p.adp_mM + 0.0 * a1
    a2 = s * p.k2_fwd + 0.0 * a1
    b2 = s * p.k2_bwd * (na_out / kna_o) ** 3 / d_out
    a3 = s * p.k3_fwd * (k_out / p.kd_k_out_mM) ** 2 / d_out
    a4 = s * p.k4_fwd * atp / (atp + p.km_atp_mM) + 0.0 * a1
    b4 = s * p.k4_bwd * (k_in / p.kd_k_in_mM) ** 2 / d_in
    # Detailed balance: prod(a)/prod(b) = exp(-(ΔG_ATP + ΔG_transport(V))/RT), with
    # ΔG_transport/RT = 3 ln(Nao/Nai) + 2 ln(Ki/Ko) - FV/RT  (electrochem.pump_free_energy).
    dg_tr_over_rt = (PUMP_NA_OUT * np.log(na_out / na_in) + PUMP_K_IN * np.log(k_in / k_out)
                     - PUMP_NET_CHARGE_OUT * u)
    log_b3 = (np.log(a1) + np.log(a2) + np.log(a3) + np.log(a4) - np.log(b1) - np.log(b2) - np.log(b4)
              + dg_atp * 1e3 / rt + dg_tr_over_rt)
    b3 = np.exp(log_b3)
    return (a1, a2, a3, a4), (b1, b2, b3, b4)


def _defaults(na_out_mM, k_in_mM, dg, temperature_C):
    """Fill ``None`` arguments from the reference neuron and :data:`nakmodel.electrochem.ATP`."""
    ions = MAMMALIAN_NEURON
    return (ions.c_out_mM["Na"] if na_out_mM is None else na_out_mM,
            ions.c_in_mM["K"] if k_in_mM is None else k_in_mM,
            ATP.free_energy_kJ_per_mol if dg is None else dg,
            DEFAULTS.temperature_C if temperature_C is None else temperature_C)


def _limit(name):
    unit, (lo, hi) = PUMP_INPUT_LIMITS[name]
    return unit, lo, hi


def _check_pump_inputs(na_in_mM, k_out_mM, v_mV, na_out_mM, k_in_mM, dg, temperature_C, atp_mM):
    na_out_mM, k_in_mM, dg, temperature_C = _defaults(na_out_mM, k_in_mM, dg, temperature_C)
    na_in = check_concentration("na_in_mM", na_in_mM)
    k_out = check_concentration("k_out_mM", k_out_mM)
    v = check_number("v_mV", v_mV, *_limit("v_mV"))
    na_out = check_concentration("na_out_mM", na_out_mM)
    k_in = check_concentration("k_in_mM", k_in_mM)
    dg = check_number("atp_free_energy_kJ_per_mol", dg, *_limit("atp_free_energy_kJ_per_mol"))
    check_temperature(temperature_C)
    atp = check_number("atp_mM", atp_mM, *_limit("atp_mM"))
    return na_in, k_out, v, na_out, k_in, dg, atp, temperature_C


def _cycle_flux(a, b):
    """Net steady-state flux of a single four-state cycle (King–Altman), 1/s."""
    a1, a2, a3, a4 = a
    b1, b2, b3, b4 = b
    # unnormalised state probabilities (spanning trees into each state)
    p1 = a2 * a3 * a4 + b1 * a3 * a4 + b1 * b2 * a4 + b1 * b2 * b3
    p2 = a3 * a4 * a1 + b2 * a4 * a1 + b2 * b3 * a1 + b2 * b3 * b4
    p3 = a4 * a1 * a2 + b3 * a1 * a2 + b3 * b4 * a2 + b3 * b4 * b1
    p4 = a1 * a2 * a3 + b4 * a2 * a3 + b4 * b1 * a3 + b4 * b1 * b2
    return (a1 * a2 * a3 * a4 - b1 * b2 * b3 * b4) / (p1 + p2 + p3 + p4)


def pump_cycle_rate(na_in_mM, k_out_mM, v_mV, *, na_out_mM=None, k_in_mM=None,
                    atp_free_energy_kJ_per_mol=None, temperature_C=None, atp_mM=None,
                    params: PumpParams = _DEFAULT):
    """Net cycle rate of one Na+/K+ pump from the four-state cycle model, cycles/s.

    Each forward cycle moves 3 Na+ out, 2 K+ in and hydrolyses one ATP; a
    negative rate means the pump runs backwards (making ATP). The rate is
    exactly zero at :func:`nakmodel.electrochem.pump_reversal_potential`
    (detailed balance by construction; see the module docstring).

    Parameters
    ----------
    na_in_mM, k_out_mM : float or ndarray
        Intracellular Na+ and extracellular K+, mM.
    v_mV : float or ndarray
        Membrane potential, mV (-300 to 200). Arrays broadcast with ``na_in_mM``,
        so one call gives a whole I–V curve.
    na_out_mM, k_in_mM : float, optional
        Extracellular Na+ and intracellular K+, mM (defaults: the reference
        neuron :data:`nakmodel.constants.MAMMALIAN_NEURON`, 145 and 140).
    atp_free_energy_kJ_per_mol : float, optional
        ΔG of ATP hydrolysis, kJ/mol (-80 to -20). Default
        :data:`nakmodel.electrochem.ATP` ``.free_energy_kJ_per_mol`` (-55).
    temperature_C : float, optional
        Temperature, °C (0–45). Default 37; rates scale with ``params.q10``.
    atp_mM : float, optional
        Cytosolic ATP for the kinetic effect on step 4, mM (0–20). Default
        ``params.atp_mM`` (3 mM).
    params : PumpParams
        Model constants.

    Returns
    -------
    float or ndarray
        Net cycles per second of one pump.

    Examples
    --------
    >>> r = pump_cycle_rate(15.0, 5.0, -70.0)
    >>> 20 < r < 200
    True
    >>> from nakmodel.electrochem import pump_reversal_potential
    >>> v_rev = pump_reversal_potential({"Na": 145.0, "K": 5.0}, {"Na": 15.0, "K": 140.0})
    >>> abs(pump_cycle_rate(15.0, 5.0, v_rev)) < 1e-9
    True
    """
    if atp_mM is None:
        atp_mM = params.atp_mM
    na_in, k_out, v, na_out, k_in, dg, atp, temperature_C = _check_pump_inputs(
        na_in_mM, k_out_mM, v_mV, na_out_mM, k_in_mM, atp_free_energy_kJ_per_mol, temperature_C, atp_mM)
    if np.any(np.asarray(atp) == 0.0):
        a, b = _rates(na_in, k_out, v, na_out, k_in, dg, temperature_C, np.maximum(atp, 1e-300), params)
    else:
        a, b = _rates(na_in, k_out, v, na_out, k_in, dg, temperature_C, atp, params)
    j = _cycle_flux(a, b)
    return float(j) if np.ndim(j) == 0 else j


def cycle_rate_of_na_in(k_out_mM, v_mV, *, na_out_mM=None, k_in_mM=None, atp_free_energy_kJ_per_mol=None,
                        temperature_C=None, atp_mM=None, params: PumpParams = _DEFAULT):
    """:func:`pump_cycle_rate` as a function of [Na+]i alone, for integrators that call it many times.

    The arguments are checked once and every part of :func:`_rates` that does not depend on
    [Na+]i is computed once; the returned ``rate(na_in_mM) -> cycles/s`` does scalar arithmetic
    only (about ten times faster than :func:`pump_cycle_rate` on a float). Same expressions, so
    the same numbers to rounding (tested).

    Examples
    --------
    >>> rate = cycle_rate_of_na_in(5.0, -70.0)
    >>> abs(rate(15.0) / pump_cycle_rate(15.0, 5.0, -70.0) - 1) < 1e-12
    True
    """
    if atp_mM is None:
        atp_mM = params.atp_mM
    _, k_out, v, na_out, k_in, dg, atp, temperature_C = _check_pump_inputs(
        1.0, k_out_mM, v_mV, na_out_mM, k_in_mM, atp_free_energy_kJ_per_mol, temperature_C, atp_mM)
    p = params
    _t, rt = _thermal(temperature_C)
    u = float(v) * 1e-3 * FARADAY / rt
    s = pump_temperature_factor(temperature_C, p)
    atp = max(float(atp), 1e-300)
    kna_i = p.kd_na_in0_mM * math.exp(p.delta * u / 3.0)
    kna_o = p.kd_na_out0_mM * math.exp((1.0 + p.delta) * u / 3.0)
    k_term_in = (1.0 + k_in / p.kd_k_in_mM) ** 2 - 1.0
    d_out = (1.0 + na_out / kna_o) ** 3 + (1.0 + k_out / p.kd_k_out_mM) ** 2 - 1.0
    b1 = s * p.k1_bwd_per_mM_adp * p.adp_mM
    a2 = s * p.k2_fwd
    b2 = s * p.k2_bwd * (na_out / kna_o) ** 3 / d_out
    a3 = s * p.k3_fwd * (k_out / p.kd_k_out_mM) ** 2 / d_out
    a4 = s * p.k4_fwd * atp / (atp + p.km_atp_mM)
    b4_num = s * p.k4_bwd * (k_in / p.kd_k_in_mM) ** 2
    log_fixed = (math.log(a2) + math.log(a3) + math.log(a4) - math.log(b1) - math.log(b2)
                 + dg * 1e3 / rt + PUMP_K_IN * math.log(k_in / k_out) - PUMP_NET_CHARGE_OUT * u)
    log_na_out = PUMP_NA_OUT * math.log(na_out)

    def rate(na_in_mM: float) -> float:
        na = float(na_in_mM)
        if not na > 0.0:
            raise ParameterError("na_in_mM", na_in_mM, "mM", "must be above 0 mM")
        d_in = (1.0 + na / kna_i) ** 3 + k_term_in
        a1 = s * p.k1_fwd * (na / kna_i) ** 3 / d_in
        b4 = b4_num / d_in
        b3 = math.exp(math.log(a1) - math.log(b4) + log_fixed + log_na_out - PUMP_NA_OUT * math.log(na))
        return float(_cycle_flux((a1, a2, a3, a4), (b1, b2, b3, b4)))

    return rate


def pump_current(rate_per_s, density_per_um2=None, *, net_charge=PUMP_NET_CHARGE_OUT):
    """Pump current density from a cycle rate and a pump density, µA/cm² (outward positive).

    Parameters
    ----------
    rate_per_s : float or ndarray
        Net cycles per second of one pump (e.g. from :func:`pump_cycle_rate`).
    density_per_um2 : float
        Pumps per µm² of membrane (0–1e5). Default 1000 (see :class:`PumpParams`);
        1 pmol/cm² = 6022 pumps/µm².
    net_charge : int
        Net elementary charges out per cycle (1 for the real 3:2 pump).

    Returns
    -------
    float or ndarray
        Current density, µA/cm².

    Examples
    --------
    100 cycles/s at 1000 pumps/µm² carry 1.6 µA/cm²:

    >>> round(pump_current(100.0, 1000.0), 2)
    1.6
    """
    r = check_number("rate_per_s", rate_per_s, "1/s", -1e5, 1e5)
    if density_per_um2 is None:
        density_per_um2 = _DEFAULT.density_per_um2
    d = check_number("density_per_um2", density_per_um2, "pumps/µm²", 0.0, 1e5)
    q = check_number("net_charge", net_charge, "elementary charges", -3, 3)
    # charges/(µm² s) * e [C] * 1e8 µm²/cm² -> A/cm²; * 1e6 -> µA/cm²
    return r * d * q * ELEMENTARY_CHARGE * 1e8 * 1e6


def pump_atp_factor(atp_mM, params: PumpParams = _DEFAULT):
    """Michaelis–Menten ATP dependence of the fast pump, relative to ``params.atp_mM``.

    ``f = [ATP]/([ATP] + K) / (ATP0/(ATP0 + K))`` with K = 0.1 mM, the apparent
    K_m of the whole cycle model (:func:`pump_cycle_rate` drops to half its
    3-mM value near 0.1 mM ATP with the default constants; tested).

    Examples
    --------
    >>> round(pump_atp_factor(3.0), 3)
    1.0
    """
    atp = check_number("atp_mM", atp_mM, "mM", 0.0, 20.0)
    k = _APPARENT_KM_ATP_MM
    return (atp / (atp + k)) / (params.atp_mM / (params.atp_mM + k))


#: Apparent K_m for ATP of the whole cycle model with default constants, mM.
_APPARENT_KM_ATP_MM = 0.1


def pump_rate_fast(na_in_mM, k_out_mM, v_mV, *, na_out_mM=None, temperature_C=None,
                   atp_mM=None, params: PumpParams = _DEFAULT):
    """Fast phenomenological pump rate (Luo & Rudy 1994 form), cycles/s per pump.

    .. math:: r = r_{max}\\, f_{NaK}(V)\\,\\frac{1}{1 + (K_{Na}/[Na]_i)^{1.5}}
              \\,\\frac{[K]_o}{[K]_o + K_K},\\quad
              f_{NaK} = \\frac{1}{1 + 0.1245 e^{-0.1 FV/RT} + 0.0365\\,\\sigma e^{-FV/RT}},\\quad
              \\sigma = \\frac{e^{[Na]_o/67.3} - 1}{7}

    It never runs backwards and ignores ΔG_ATP; use it for long simulations
    near physiological conditions, where it agrees with :func:`pump_cycle_rate`
    within 15 % ([Na]i 10–20 mM, [K]o 3–6 mM, V -80 to -50 mV; tested).

    Parameters
    ----------
    na_in_mM, k_out_mM : float or ndarray
        mM.
    v_mV : float or ndarray
        mV.
    na_out_mM : float, optional
        mM (default: the reference neuron, 145).
    temperature_C : float, optional
        °C (default 37); the Q10 of :class:`PumpParams` scales the rate.
    atp_mM : float, optional
        Cytosolic ATP, mM; scales by :func:`pump_atp_factor`. Default ``params.atp_mM``.
    params : PumpParams

    Returns
    -------
    float or ndarray
        Cycles per second of one pump.

    Examples
    --------
    >>> ratio = pump_rate_fast(15.0, 5.0, -70.0) / pump_cycle_rate(15.0, 5.0, -70.0)
    >>> bool(0.85 < ratio < 1.15)
    True
    """
    na_in = check_concentration("na_in_mM", na_in_mM)
    k_out = check_concentration("k_out_mM", k_out_mM)
    v = check_number("v_mV", v_mV, "mV", -300.0, 200.0)
    na_out_mM, _, _, temperature_C = _defaults(na_out_mM, None, None, temperature_C)
    na_out = check_concentration("na_out_mM", na_out_mM)
    t, rt = _thermal(temperature_C)
    f_atp = 1.0 if atp_mM is None else pump_atp_factor(atp_mM, params)
    r = _fast_core(na_in, k_out, v, na_out, rt, params) * pump_temperature_factor(t, params)
    r = r * f_atp
    return float(r) if np.ndim(r) == 0 else r


def _fast_core(na_in, k_out, v, na_out, rt, p):
    u = v * 1e-3 * FARADAY / rt
    sigma = (math.exp(na_out / 67.3) - 1.0) / 7.0
    f_nak = 1.0 / (1.0 + 0.1245 * np.exp(-0.1 * u) + 0.0365 * sigma * np.exp(-u))
    return (p.fast_max_rate_per_s * f_nak / (1.0 + (p.fast_km_na_mM / na_in) ** 1.5)
            * k_out / (k_out + p.fast_km_k_mM))


@dataclass(frozen=True)
class PumpRun:
    """Result of :func:`simulate_pump_cycles`.

    Attributes
    ----------
    t_s : ndarray
        Time of each event (state entry), s; ``t_s[0] = 0``.
    state : ndarray of int
        Index into ``state_names`` of the state entered at each event.
    state_names : tuple of str
        :data:`PUMP_STATES`.
    na_out, k_in, atp_used : ndarray of int
        Cumulative Na+ moved out, K+ moved in and ATP hydrolysed after each
        event (negative = net reverse running; ATP < 0 means ATP made).
    duration_s : float
        Simulated time, s.
    net_cycles : int
        Completed net forward cycles (``atp_used[-1]`` rounded to whole cycles).
    mean_rate_per_s : float
        ``net ATP used / duration_s`` — estimate of :func:`pump_cycle_rate`.
    """

    t_s: np.ndarray
    state: np.ndarray
    state_names: tuple
    na_out: np.ndarray
    k_in: np.ndarray
    atp_used: np.ndarray
    duration_s: float
    net_cycles: int
    mean_rate_per_s: float = field(default=float("nan"))


def simulate_pump_cycles(n_cycles=None, duration_s=None, *, na_in_mM=None, k_out_mM=None, v_mV=None,
                         na_out_mM=None, k_in_mM=None, atp_free_energy_kJ_per_mol=None,
                         temperature_C=None, atp_mM=None, seed=None,
                         binding_rate_per_s=DISPLAY_BINDING_RATE_PER_S,
                         params: PumpParams = _DEFAULT, max_events=10_000_000):
    """Gillespie simulation of one pump stepping through named states.

    The exact stochastic process is the four-state chain of
    :func:`pump_cycle_rate` (same eight rates), so the long-run mean rate
    equals the deterministic rate. Ion binding is in rapid equilibrium in that
    model; for display, each dwell in the E1 pool that ends in phosphorylation
    is split into "E1" then "E1·3Na" (the last binding, a time drawn as
    Exp(``binding_rate_per_s``) before the exit, cut to the dwell), and each
    dwell in the P-E2 pool ending in dephosphorylation into "E2P" then
    "E2P·2K". This does not change the cycle statistics.

    Bookkeeping: E1·3Na -> E1P·3Na hydrolyses 1 ATP; E1P·3Na -> E2P releases
    3 Na+ outside; E2·2K -> E1 releases 2 K+ inside; reverse steps subtract.

    Parameters
    ----------
    n_cycles : int, optional
        Stop when the pump is back in the E1 pool after this many net cycles
        (1 to 1e6); counts are then exactly 3n, 2n, n.
    duration_s : float, optional
        Or stop at this time, s. Give exactly one of the two.
    na_in_mM, k_out_mM, v_mV, na_out_mM, k_in_mM, atp_free_energy_kJ_per_mol, temperature_C, atp_mM
        As in :func:`pump_cycle_rate`; ``None`` takes the reference neuron
        (:data:`nakmodel.constants.MAMMALIAN_NEURON`, at its resting potential).
    seed : int or numpy.random.Generator, optional
        Seed for reproducibility.
    binding_rate_per_s : float
        Relaxation rate used only to place the display sub-steps, 1/s (assumption).
    params : PumpParams

    Returns
    -------
    PumpRun

    Examples
    --------
    >>> run = simulate_pump_cycles(n_cycles=10, seed=1)
    >>> int(run.na_out[-1]), int(run.k_in[-1]), int(run.atp_used[-1])
    (30, 20, 10)
    """
    if (n_cycles is None) == (duration_s is None):
        raise ParameterError("n_cycles/duration_s", (n_cycles, duration_s), "",
                             "give exactly one of n_cycles (cycles) or duration_s (s)")
    if n_cycles is not None:
        n_cycles = int(check_number("n_cycles", n_cycles, "cycles", 1, 1e6))
    else:
        duration_s = check_number("duration_s", duration_s, "s", 0.0, 1e6, lo_inclusive=False)
    if atp_mM is None:
        atp_mM = params.atp_mM
    ions = MAMMALIAN_NEURON
    na_in_mM = ions.c_in_mM["Na"] if na_in_mM is None else na_in_mM
    k_out_mM = ions.c_out_mM["K"] if k_out_mM is None else k_out_mM
    v_mV = ions.v_rest_mV if v_mV is None else v_mV
    na_in, k_out, v, na_out, k_in, dg, atp, temperature_C = _check_pump_inputs(
        na_in_mM, k_out_mM, v_mV, na_out_mM, k_in_mM, atp_free_energy_kJ_per_mol, temperature_C, atp_mM)
    for name, val in (("na_in_mM", na_in), ("k_out_mM", k_out), ("v_mV", v)):
        if np.ndim(val):
            raise ParameterError(name, val, "", "must be a single number for the stochastic pump")
    kb = check_number("binding_rate_per_s", binding_rate_per_s, "1/s", 1.0, 1e9)
    if atp <= 0.0:
        raise ParameterError("atp_mM", atp, "mM", "must be > 0 for the stochastic pump")
    a, b = _rates(na_in, k_out, v, na_out, k_in, dg, temperature_C, atp, params)
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)

    # lumped state k (0..3): forward a[k] to k+1, backward to k-1 with b[k-1]
    fwd = a
    bwd = [b[3], b[0], b[1], b[2]]  # rate of leaving state k backwards
    tot = [fwd[k] + bwd[k] for k in range(4)]
    p_fwd = [fwd[k] / tot[k] for k in range(4)]
    # ATP per forward lumped step k (the Na+ and K+ counts follow from the named states afterwards)
    d_atp = (1, 0, 0, 0)
    # named state on entry into lumped state k, by direction of entry
    entry_fwd = (0, 2, 3, 5)   # E1 (K released), E1P·3Na, E2P (Na released), E2·2K
    entry_bwd = (1, 2, 4, 5)   # E1·3Na (from E1P), E1P·3Na, E2P·2K (from E2·2K), E2·2K

    # only times and named states are recorded per event (Python floats, not numpy scalars: the
    # loop runs per event); the cumulative counts follow from the states (PUMP_STEP_COUNTS)
    ts, st = [0.0], [0]
    t, k, atp_c = 0.0, 0, 0
    cur_named = 0
    chunk = 4096
    u_exp = rng.standard_exponential(chunk).tolist()
    u_uni = rng.random(chunk).tolist()
    u_sub = rng.standard_exponential(chunk).tolist()
    i = 0
    t_end = math.inf if duration_s is None else duration_s
    n_target = math.inf if n_cycles is None else n_cycles
    n_events = 0
    while not (k == 0 and abs(atp_c) >= n_target):
        if i == chunk:
            u_exp = rng.standard_exponential(chunk).tolist()
            u_uni = rng.random(chunk).tolist()
            u_sub = rng.standard_exponential(chunk).tolist()
            i = 0
        dwell = u_exp[i] / tot[k]
        if t + dwell > t_end:
            t = t_end
            break
        forward = u_uni[i] < p_fwd[k]
        sub = u_sub[i]
        i += 1
        # display sub-step needed before the exit?
        need = 1 if (k == 0 and forward) else 4 if (k == 2 and forward) else \
            0 if (k == 0 and not forward) else 3 if (k == 2 and not forward) else cur_named
        t_new = t + dwell
        if need != cur_named:
            ts.append(t_new - min(sub / kb, 0.5 * dwell))
            st.append(need)
        if forward:
            atp_c += d_atp[k]
            k = (k + 1) % 4
            cur_named = entry_fwd[k]
        else:
            kp = (k - 1) % 4
            atp_c -= d_atp[kp]
            k = kp
            cur_named = entry_bwd[k]
        t = t_new
        ts.append(t)
        st.append(cur_named)
        n_events += 1
        if n_events > max_events:
            raise ModelError(f"max_events = {max_events} events was reached; "
                             "ask for fewer cycles or a shorter duration")
    duration = t if duration_s is None else duration_s
    state = np.asarray(st, dtype=np.int8)
    counts = _cumulative_counts(state)
    return PumpRun(
        t_s=np.asarray(ts), state=state, state_names=PUMP_STATES,
        na_out=counts[:, 0], k_in=counts[:, 1], atp_used=counts[:, 2], duration_s=float(duration),
        net_cycles=int(atp_c), mean_rate_per_s=(atp_c / duration) if duration > 0 else float("nan"),
    )


def _cumulative_counts(state):
    """Cumulative (Na+ out, K+ in, ATP used) after each event of a run of named states, int64 (N, 3):
    each forward step of :data:`PUMP_STEP_COUNTS` adds its counts, its reverse subtracts them."""
    n = len(PUMP_STATES)
    table = np.zeros((n, n, 3), dtype=np.int64)
    for (a, b), moved in PUMP_STEP_COUNTS.items():
        table[a, b] = moved
        table[b, a] = [-x for x in moved]
    s = np.asarray(state, dtype=np.intp)
    steps = table[s[:-1], s[1:]]
    return np.vstack([np.zeros((1, 3), dtype=np.int64), np.cumsum(steps, axis=0)])


#: Seed of the stochastic run the pump chapter shows (the book and every reader see the same run).
RUN_SEED = 7
#: Net cycles a displayed run aims at; its duration is rounded up to 1, 2, 2.5 or 5 × 10^k s
#: and clipped to [MIN_RUN_S, MAX_RUN_S], so the time axis changes only in steps.
TARGET_CYCLES = 25.0
MIN_RUN_S = 0.25
MAX_RUN_S = 3.0


def run_duration_s(rate_per_s: float) -> float:
    """Length of a displayed stochastic run, s: about :data:`TARGET_CYCLES` cycles at ``rate_per_s``.

    >>> run_duration_s(60.0), run_duration_s(0.0), run_duration_s(1000.0)
    (0.5, 3.0, 0.25)
    """
    r = abs(float(rate_per_s))
    if r == 0.0 or not math.isfinite(r):
        return MAX_RUN_S
    target = TARGET_CYCLES / r
    decade = 10.0 ** math.floor(math.log10(target))
    nice = next(m * decade for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * decade >= target * (1 - 1e-12))
    return float(min(max(nice, MIN_RUN_S), MAX_RUN_S))


@lru_cache(maxsize=256)
def cycle_run(na_in_mM, k_out_mM, atp_mM, v_mV, dg_atp_kJ_per_mol, seed=RUN_SEED):
    """The seeded stochastic run of one pump that the pump chapter shows (cached by its arguments).

    Reference-neuron concentrations on the other side ([Na+]o, [K+]i) at 37 °C;
    duration :func:`run_duration_s` of the deterministic rate.

    Returns
    -------
    (PumpRun, float, float)
        The run, the deterministic rate (cycles/s) and the run's duration (s).

    Examples
    --------
    >>> run, rate, dur = cycle_run(12.0, 5.0, 3.0, -70.0, -55.0)
    >>> dur, int(run.atp_used[-1]) > 0
    (0.5, True)
    """
    kw = {"atp_free_energy_kJ_per_mol": dg_atp_kJ_per_mol, "atp_mM": atp_mM}
    rate = pump_cycle_rate(na_in_mM, k_out_mM, v_mV, **kw)
    dur = run_duration_s(rate)
    run = simulate_pump_cycles(duration_s=dur, na_in_mM=na_in_mM, k_out_mM=k_out_mM, v_mV=v_mV, seed=seed,
                               **kw)
    return run, rate, dur


def pump_half_activation(*, na_in_mM=None, k_out_mM=None, v_mV=None, temperature_C=None,
                         params: PumpParams = _DEFAULT) -> dict:
    """Apparent half-activation constants of the cycle model, mM: ``{"Na": K_half,Na_i, "K": K_half,K_o}``.

    The concentration at which :func:`pump_cycle_rate` reaches half its value
    at a saturating concentration (internal Na+ 200 mM; external K+ 50 mM),
    the other ion held at ``na_in_mM`` / ``k_out_mM`` (default: the reference
    neuron, 12 mM Na+ inside, 5 mM K+ outside, at ``v_mV`` = its resting
    potential). These are what experiments report: about 1 mM K+ outside
    (Gadsby 1980, canine Purkinje fibres) to 1.6–3.7 mM (sheep Purkinje
    fibres), and about 10 mM Na+ inside (Glitsch et al. 1989: ~9 mM).

    Examples
    --------
    >>> h = pump_half_activation()
    >>> bool(1.0 < h["K"] < 3.0 and 8.0 < h["Na"] < 16.0)
    True
    """
    from scipy.optimize import brentq

    ions = MAMMALIAN_NEURON
    na = ions.c_in_mM["Na"] if na_in_mM is None else na_in_mM
    ko = ions.c_out_mM["K"] if k_out_mM is None else k_out_mM
    v = ions.v_rest_mV if v_mV is None else v_mV
    kw = {"temperature_C": temperature_C, "params": params}
    top_na = pump_cycle_rate(200.0, ko, v, **kw)
    top_k = pump_cycle_rate(na, 50.0, v, **kw)
    h_na = brentq(lambda x: pump_cycle_rate(x, ko, v, **kw) - 0.5 * top_na, 1e-3, 200.0, xtol=1e-6)
    h_k = brentq(lambda x: pump_cycle_rate(na, x, v, **kw) - 0.5 * top_k, 1e-4, 50.0, xtol=1e-7)
    return {"Na": float(h_na), "K": float(h_k)}
