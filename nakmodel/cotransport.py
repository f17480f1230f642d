"""Secondary active transport driven by the Na+ gradient: SGLT1/SGLT2 and NCX.

The Na+/K+ pump keeps [Na]i low; cotransporters spend that gradient.

* SGLT1 (cloned by Hediger et al. 1987) couples 2 Na+ to 1 glucose, SGLT2
  1 Na+ to 1 glucose (review of the stoichiometry measurements: Wright, Loo
  & Hirayama 2011).
  At equilibrium the glucose accumulation ratio is

  .. math:: \\frac{[G]_i}{[G]_o} = \\left(\\frac{[Na]_o}{[Na]_i}\\right)^n e^{-nFV/RT}

* The Na+/Ca2+ exchanger (3 Na+ : 1 Ca2+, one net charge in per forward
  cycle) reverses at E_NCX = 3E_Na - 2E_Ca (Blaustein & Lederer 1999).

References
----------
.. [Hediger1987] Hediger MA, Coady MJ, Ikeda TS, Wright EM (1987). Nature 330:379-381.
.. [Wright2011] Wright EM, Loo DDF, Hirayama BA (2011). Physiol Rev 91:733-794.
.. [Blaustein1999] Blaustein MP, Lederer WJ (1999). Physiol Rev 79:763-854.
.. [Uldry2004] Uldry M, Thorens B (2004). Pflugers Arch 447:480-489.
.. [Clapham2007] Clapham DE (2007). Cell 131:1047-1058.
.. [Lee1972] Lee CO, Armstrong WM (1972). Science 175:1261-1264.
.. [Orsenigo1988] Orsenigo MN, Tosco M, Esposito G, Faelli A (1988). Int J Biochem 20:1411-1415.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from ._params import param
from ._validation import ParameterError, check_choice, check_concentration, check_number
from .cell import cell_steady_state, simulate_cell
from .constants import DEFAULTS, MAMMALIAN_NEURON, VALENCE, rt_over_f_mV
from .electrochem import PUMP_NA_OUT, nernst

__all__ = [
    "SGLT1",
    "SGLT2",
    "CalciumParams",
    "CotransportConditions",
    "CotransportParams",
    "NCX_NA_PER_CA",
    "EpitheliumParams",
    "EpitheliumResult",
    "SGLTParams",
    "ROOT_SEARCH",
    "accumulation_curves",
    "apical_depolarisation_table",
    "accumulation_factors",
    "coupled_apical_voltage",
    "epithelium_glucose_steady_state",
    "ncx_reversal_potential",
    "pump_site_constant_mM",
    "sglt_flux",
    "sglt_max_accumulation",
]

_EPS = 2.220446049250313e-16
#: Root-search settings of :func:`epithelium_glucose_steady_state` (numerical, not physiological;
#: also read by the JavaScript port): scipy ``brentq`` tolerances, iteration cap, and the cell-Na+
#: bracket as multiples of luminal Na+.
ROOT_SEARCH = {"xtol_glucose_mM": 1e-15, "xtol_na_mM": 1e-13, "rtol": 4 * _EPS, "maxiter": 500,
               "na_bracket_lo": 1e-6, "na_bracket_hi": 2.0}
#: Na+ ions exchanged per Ca2+ by NCX (3 Na+ : 1 Ca2+; Blaustein & Lederer 1999).
NCX_NA_PER_CA = 3


@dataclass(frozen=True)
class CotransportParams:
    """Na+ coupling and glucose affinity of SGLT1 and SGLT2."""

    sglt1_n_na: int = param(2, "Na+ per glucose", "Mackenzie1998: 2 charges per glucose from currents and "
                            "fluxes; Wright2011", "SGLT1 coupling", where="secondary_transport")
    sglt1_km_glucose_mM: float = param(0.5, "mM", "Wright2011: K_0.5 about 0.5 mM", "SGLT1 apparent affinity",
                                       where="secondary_transport")
    sglt2_n_na: int = param(1, "Na+ per glucose", "Wright2011: 1 Na+ : 1 glucose", "SGLT2 coupling",
                            where="secondary_transport")
    sglt2_km_glucose_mM: float = param(5.0, "mM", "Wright2011: K_0.5 2–5 mM reported; 5 mM used",
                                       "SGLT2 apparent affinity", where="secondary_transport")


@dataclass(frozen=True)
class CotransportConditions:
    """The cell of the cotransport explorer: the book's reference cell's Na+ gradient at 37 °C."""

    v_mV: float = param(-60.0, "mV", "assumed: an apical membrane potential of the order of −60 mV",
                        "membrane potential", where="secondary_transport")
    na_out_mM: float = param(MAMMALIAN_NEURON.c_out_mM["Na"], "mM", "Hille2001 (constants.MAMMALIAN_NEURON)",
                             "Na+ outside", where="secondary_transport")
    na_in_mM: float = param(MAMMALIAN_NEURON.c_in_mM["Na"], "mM",
                            "solved: the reference cell's steady state (constants.MAMMALIAN_NEURON)",
                            "Na+ inside", where="secondary_transport")
    temperature_C: float = param(DEFAULTS.temperature_C, "°C", "assumed: body temperature", "temperature",
                                 where="secondary_transport")


@dataclass(frozen=True)
class CalciumParams:
    """Free Ca2+ on both sides, for the Na+/Ca2+ exchanger."""

    ca_out_mM: float = param(1.2, "mM", "Clapham2007: ionised Ca2+ of plasma and CSF about 1.1–1.3 mM",
                             "free Ca2+ outside", where="secondary_transport")
    ca_in_mM: float = param(1e-4, "mM", "Clapham2007: resting free cytosolic Ca2+ about 100 nM",
                            "free Ca2+ inside", where="secondary_transport")


@dataclass(frozen=True)
class SGLTParams:
    """A Na+-glucose cotransporter: ``name``, ``n_na`` (Na+ per glucose), ``km_glucose_mM`` (mM),
    ``source``."""

    name: str
    n_na: int
    km_glucose_mM: float
    source: str


_CP = CotransportParams()
#: SGLT1: 2 Na+ : 1 glucose, K_0.5 ≈ 0.5 mM (high affinity; Wright et al. 2011).
SGLT1 = SGLTParams("SGLT1", _CP.sglt1_n_na, _CP.sglt1_km_glucose_mM, "Wright2011")
#: SGLT2: 1 Na+ : 1 glucose, K_0.5 ≈ 2-5 mM (low affinity; Wright et al. 2011); 5 mM used.
SGLT2 = SGLTParams("SGLT2", _CP.sglt2_n_na, _CP.sglt2_km_glucose_mM, "Wright2011")
_SGLT = {"SGLT1": SGLT1, "SGLT2": SGLT2}


def _conditions(v_mV, na_out_mM, na_in_mM, temperature_C):
    c = CotransportConditions()
    return (c.v_mV if v_mV is None else v_mV, c.na_out_mM if na_out_mM is None else na_out_mM,
            c.na_in_mM if na_in_mM is None else na_in_mM,
            c.temperature_C if temperature_C is None else temperature_C)


def sglt_max_accumulation(n_na, v_mV, na_out_mM, na_in_mM, temperature_C=None):
    """Equilibrium glucose ratio [G]in/[G]out for a Na+-glucose cotransporter.

    .. math::

        \\frac{[G]_i}{[G]_o} = \\left(\\frac{[Na]_o}{[Na]_i}\\right)^{n} \\exp\\left(-\\frac{nFV}{RT}\\right)

    Parameters
    ----------
    n_na : int
        Na+ ions coupled per glucose (1-3; SGLT1: 2, SGLT2: 1).
    v_mV : float
        Membrane potential, mV (-200 to 200).
    na_out_mM, na_in_mM : float
        Na+ concentrations outside and inside, mM.
    temperature_C : float, optional
        °C (0-45). Default that of :class:`CotransportConditions` (37 °C).

    Returns
    -------
    float
        Maximal (thermodynamic) accumulation ratio, dimensionless.

    Examples
    --------
    SGLT1 with [Na] 140/12 mM at -60 mV and 37 °C concentrates glucose about
    12 000-fold:

    >>> round(sglt_max_accumulation(2, -60.0, 140.0, 12.0), -3)
    12000.0
    """
    n = check_number("n_na", n_na, "Na+ per glucose", 1, 3)
    if n != int(n):
        raise ParameterError("n_na", n_na, "Na+ per glucose", "must be an integer from 1 to 3")
    v = check_number("v_mV", v_mV, "mV", -200.0, 200.0)
    na_o = check_concentration("na_out_mM", na_out_mM)
    na_i = check_concentration("na_in_mM", na_in_mM)
    rtf = rt_over_f_mV(_conditions(None, None, None, temperature_C)[3])
    return float((na_o / na_i) ** n * math.exp(-n * v / rtf))


def accumulation_factors(n_na, v_mV=None, na_out_mM=None, na_in_mM=None, temperature_C=None):
    """The two factors of :func:`sglt_max_accumulation`: (concentration, voltage).

    ``([Na]o/[Na]i)^n`` and ``exp(-nFV/RT)``; their product is the limit.
    Defaults: :class:`CotransportConditions`.

    >>> c, v = accumulation_factors(2, -60.0, 140.0, 12.0)
    >>> round(c), round(v)
    (136, 89)
    """
    v, na_o, na_i, t = _conditions(v_mV, na_out_mM, na_in_mM, temperature_C)
    conc = sglt_max_accumulation(n_na, 0.0, na_o, na_i, t)
    return conc, sglt_max_accumulation(n_na, v, na_o, na_i, t) / conc


def accumulation_curves(v_grid_mV, na_out_mM=None, na_in_mM=None, temperature_C=None):
    """SGLT1 and SGLT2 accumulation limits over ``v_grid_mV`` (mV): ``{"SGLT1": array, "SGLT2": array}``."""
    _, na_o, na_i, t = _conditions(None, na_out_mM, na_in_mM, temperature_C)
    return {name: np.array([sglt_max_accumulation(p.n_na, v, na_o, na_i, t)
                            for v in np.atleast_1d(v_grid_mV)])
            for name, p in _SGLT.items()}


def sglt_flux(glucose_out_mM, glucose_in_mM=0.0, *, transporter="SGLT1", v_mV=None, na_out_mM=None,
              na_in_mM=None, temperature_C=None, j_max=1.0):
    """Net glucose influx through SGLT1 or SGLT2 (simplified kinetics), in units of ``j_max``.

    .. math:: J = J_{max}\\,\\frac{[G]_o}{[G]_o + K_{0.5}}\\left(1 - \\frac{[G]_i/[G]_o}{R_{max}}\\right)

    with R_max from :func:`sglt_max_accumulation`. The first factor is
    Michaelis–Menten saturation in external glucose with the sourced
    apparent K_0.5; the second is the thermodynamic factor 1 - exp(ΔG/RT) of
    the coupled cycle, so the flux vanishes exactly at the equilibrium ratio
    and reverses beyond it (as the Na+ gradient or Vm collapses). This is a
    deliberate simplification: it ignores the Na+ dependence of the apparent
    K_0.5 and the voltage dependence of J_max described by Wright et al. (2011).

    Parameters
    ----------
    glucose_out_mM : float
        External (luminal) glucose, mM (> 0).
    glucose_in_mM : float, optional
        Cytosolic glucose, mM (>= 0). Default 0.
    transporter : {"SGLT1", "SGLT2"}
    v_mV, na_out_mM, na_in_mM, temperature_C : float, optional
        As in :func:`sglt_max_accumulation`. Defaults: :class:`CotransportConditions`
        (-60 mV, the reference cell's 145/12 mM, 37 °C).
    j_max : float, optional
        Maximal flux (any unit; result is in the same unit). Default 1.

    Returns
    -------
    float
        Net glucose influx (positive = into the cell).
    """
    t = _SGLT[check_choice("transporter", transporter, tuple(_SGLT))]
    g_o = check_concentration("glucose_out_mM", glucose_out_mM)
    g_i = check_number("glucose_in_mM", glucose_in_mM, "mM", 0.0, 2000.0)
    jm = check_number("j_max", j_max, "", 0.0, None)
    r_max = sglt_max_accumulation(t.n_na, *_conditions(v_mV, na_out_mM, na_in_mM, temperature_C))
    return jm * g_o / (g_o + t.km_glucose_mM) * (1.0 - (g_i / g_o) / r_max)


@dataclass(frozen=True)
class EpitheliumResult:
    """Steady state of :func:`epithelium_glucose_steady_state`.

    Attributes
    ----------
    glucose_flux_mM_s : float
        Transcellular glucose flux (lumen -> blood), mM/s of cell water.
    sglt_flux_mM_s, glut2_flux_mM_s, pump_rate_mM_s, na_leak_mM_s : float
        Component fluxes, mM/s of cell water (pump: cycles; leak: Na+ entry
        by the other apical routes, positive = into the cell).
    na_cell_mM, glucose_cell_mM : float
        Cell [Na+] and [glucose], mM.
    max_accumulation : float
        SGLT1 equilibrium ratio at the steady-state cell [Na+].
    pump_fraction : float
        Pump activity left (1 = normal, 0 = full ouabain block).
    """

    glucose_flux_mM_s: float
    sglt_flux_mM_s: float
    glut2_flux_mM_s: float
    pump_rate_mM_s: float
    na_leak_mM_s: float
    na_cell_mM: float
    glucose_cell_mM: float
    max_accumulation: float
    pump_fraction: float


@dataclass(frozen=True)
class EpitheliumParams:
    """The absorptive epithelial cell of :func:`epithelium_glucose_steady_state`.

    Fluxes are in mM/s of cell water on a scale where SGLT1's maximal flux is
    1 mM/s; only ratios of the J_max values matter for concentrations.
    """

    glucose_lumen_mM: float = param(10.0, "mM", "assumed: luminal glucose after a meal",
                                    "glucose in the lumen", where="secondary_transport")
    glucose_blood_mM: float = param(5.0, "mM", "assumed: fasting blood glucose", "glucose in the blood",
                                    where="secondary_transport")
    v_apical_mV: float = param(-60.0, "mV", "assumed: as CotransportConditions.v_mV", "apical potential",
                               where="secondary_transport")
    na_lumen_mM: float = param(140.0, "mM", "assumed: as CotransportConditions.na_out_mM", "luminal Na+",
                               where="secondary_transport")
    sglt_j_max_mM_s: float = param(1.0, "mM/s", "assumed: the flux unit", "SGLT1 maximal glucose flux",
                                   where="secondary_transport")
    glut2_j_max_mM_s: float = param(5.0, "mM/s", "assumed: sets only how far cell glucose rises above blood",
                                    "GLUT2 maximal flux", where="secondary_transport")
    glut2_km_mM: float = param(17.0, "mM", "Uldry2004: GLUT2 K_m about 17 mM", "GLUT2 K_m",
                               where="secondary_transport")
    pump_k_half_na_mM: float = param(9.8, "mM", "Orsenigo1988: K_m 9.8 ± 1.2 mM, rat jejunal basolateral "
                                     "membranes", "cell Na+ of half-maximal pump activity",
                                     where="secondary_transport")
    na_leak_per_s: float = param(0.1, "1/s", "assumed: with it SGLT1 carries a minority of the Na+ entry "
                                 "after a meal", "rate constant of the other apical Na+ entry",
                                 where="secondary_transport")
    pump_j_max_mM_s: float = param(6.8246, "mM/s", "solved: cell Na+ 14.4 mM (Lee1972) with no sugar on "
                                   "either side", "pump capacity (cycles)",
                                   where="secondary_transport")
    measured_na_mM: float = param(14.4, "mM", "Lee1972: aNa 14.4 ± 3.1 mM (mean ± SD), bullfrog, 26 °C, "
                                  "mannitol Ringer", "measured cell Na+ activity",
                                  where="secondary_transport")
    measured_na_sd_mM: float = param(3.1, "mM", "Lee1972", "SD of that measurement across cells",
                                     where="secondary_transport")
    coupling_duration_s: float = param(3600.0, "s", "assumed: an hour of block",
                                       "how long the pump–leak cell runs before its depolarisation "
                                       "is read off (coupled_apical_voltage)",
                                       where="secondary_transport")
    temperature_C: float = param(37.0, "°C", "assumed: body temperature", "temperature",
                                 where="secondary_transport")


_EPI_FIELDS = frozenset(f.name for f in fields(EpitheliumParams))


def pump_site_constant_mM(k_half_mM):
    """Per-site constant K (mM) of (Na/(Na+K))^3 that puts half activation at ``k_half_mM`` (mM).

    >>> round(pump_site_constant_mM(9.8), 4)  # K_0.5 (2^(1/3) - 1)
    2.5472
    """
    return k_half_mM * (2.0 ** (1.0 / PUMP_NA_OUT) - 1.0)


def epithelium_glucose_steady_state(glucose_lumen_mM=None, *, pump_fraction=1.0,
                                    params: EpitheliumParams | None = None, **overrides):
    """Steady state of a 3-compartment absorptive epithelium (lumen | cell | blood).

    Fluxes, mM/s of cell water (positive = lumen -> cell -> blood):

    * apical SGLT1 (:func:`sglt_flux`, K_0.5 = 0.5 mM) brings 2 Na+ and 1
      glucose in, J_S;
    * apical Na+ entry by the other routes (NHE3 and the Na+-coupled
      amino-acid carriers), lumped as an electroneutral pathway driven by
      the Na+ concentration difference, J_L = k([Na]_l - [Na]_c);
    * basolateral GLUT2, J_G = J_max,G([G]_c/([G]_c+K_G) - [G]_b/([G]_b+K_G)),
      K_G = 17 mM (Uldry & Thorens 2004);
    * the basolateral Na+/K+ pump, J_P = f·J_max,P([Na]_c/([Na]_c+K))^3
      cycles, three identical Na+ sites with K chosen so that activation is
      half-maximal at ``pump_k_half_na_mM`` (K = K_0.5(2^(1/3) - 1); Orsenigo
      et al. 1988: 9.8 mM).

    At steady state glucose and Na+ are conserved exactly: J_S = J_G and
    2J_S + J_L = 3J_P, solved as nested one-dimensional root searches (each
    flux is monotonic in its variable, so the steady state is unique).

    Calibration: the pump capacity is set so that the cell holds the 14.4 mM
    Na+ activity measured without sugar on either side (mannitol Ringer; Lee &
    Armstrong 1972). That study found *decreases* of both Na+ and K+ activity
    when an actively transported sugar (3-O-methylglucose) replaced mannitol,
    K+ proportionately more. This model has no cell volume; it shows the Na+
    balance alone, in which extra Na+ entry with the sugar raises cell Na+ by
    a few mM until the pumps speed up. The measured fall of both activities
    is what swelling by the accumulated sugar would do (dilution), which the
    model leaves out, so its Na+ change with sugar has the opposite sign to
    the measurement.

    The apical membrane potential is an input; with the pump blocked a real
    enterocyte also depolarises (see :func:`coupled_apical_voltage`).

    Parameters
    ----------
    glucose_lumen_mM : float, optional
        Luminal glucose, mM (> 0). Default ``params.glucose_lumen_mM``.
    pump_fraction : float
        Pump activity left, 0–1 (e.g. :func:`nakmodel.drugs.ouabain_pump_fraction`).
    params : EpitheliumParams, optional
    **overrides
        Any field of :class:`EpitheliumParams` (e.g. ``v_apical_mV=-14.0``).

    Returns
    -------
    EpitheliumResult

    Examples
    --------
    >>> r = epithelium_glucose_steady_state(1e-9, glucose_blood_mM=1e-9)   # no sugar anywhere
    >>> round(r.na_cell_mM, 1)
    14.4
    """
    p = params or EpitheliumParams()
    if not isinstance(p, EpitheliumParams):
        raise ParameterError("params", p, "", "must be an EpitheliumParams")
    unknown = set(overrides) - _EPI_FIELDS
    if unknown:
        name = min(unknown)
        raise ParameterError(name, overrides[name], "",
                             "is not a field of EpitheliumParams")
    p = replace(p, **overrides)
    if glucose_lumen_mM is None:
        glucose_lumen_mM = p.glucose_lumen_mM
    glucose_blood_mM, v_apical_mV, na_lumen_mM = p.glucose_blood_mM, p.v_apical_mV, p.na_lumen_mM
    sglt_j_max_mM_s, glut2_j_max_mM_s, glut2_km_mM = p.sglt_j_max_mM_s, p.glut2_j_max_mM_s, p.glut2_km_mM
    pump_j_max_mM_s, pump_k_half_na_mM = p.pump_j_max_mM_s, p.pump_k_half_na_mM
    na_leak_per_s = p.na_leak_per_s
    temperature_C = p.temperature_C
    g_l = check_concentration("glucose_lumen_mM", glucose_lumen_mM)
    g_b = check_concentration("glucose_blood_mM", glucose_blood_mM)
    f = check_number("pump_fraction", pump_fraction, "", 0.0, 1.0)
    v = check_number("v_apical_mV", v_apical_mV, "mV", -200.0, 200.0)
    na_l = check_concentration("na_lumen_mM", na_lumen_mM)
    js = check_number("sglt_j_max_mM_s", sglt_j_max_mM_s, "mM/s", 0.0, 1e4)
    jg = check_number("glut2_j_max_mM_s", glut2_j_max_mM_s, "mM/s", 0.0, 1e4, lo_inclusive=False)
    kg = check_concentration("glut2_km_mM", glut2_km_mM)
    jp = check_number("pump_j_max_mM_s", pump_j_max_mM_s, "mM/s", 0.0, 1e4)
    kp = pump_site_constant_mM(check_concentration("pump_k_half_na_mM", pump_k_half_na_mM))
    kl = check_number("na_leak_per_s", na_leak_per_s, "1/s", 0.0, 1e3, lo_inclusive=False)
    rtf = rt_over_f_mV(temperature_C)
    n = SGLT1.n_na
    sat = js * g_l / (g_l + SGLT1.km_glucose_mM)  # SGLT1 flux at zero cell glucose
    efflux_b = g_b / (g_b + kg)
    v_factor = math.exp(-n * v / rtf)

    def r_max(na_c):
        return (na_l / na_c) ** n * v_factor

    def glucose_balance(g_c, r):
        return sat * (1.0 - (g_c / g_l) / r) - jg * (g_c / (g_c + kg) - efflux_b)

    def cell_glucose(na_c):
        # J_S falls and J_G rises with cell glucose: one root, bracketed from 0 upward.
        r = r_max(na_c)
        if glucose_balance(0.0, r) <= 0.0:
            return 0.0
        hi = max(g_l * r, g_b, 1.0)
        while glucose_balance(hi, r) > 0.0:
            hi *= 2.0
        return brentq(glucose_balance, 0.0, hi, args=(r,), xtol=ROOT_SEARCH["xtol_glucose_mM"],
                      rtol=ROOT_SEARCH["rtol"], maxiter=ROOT_SEARCH["maxiter"])

    def fluxes(na_c):
        g_c = cell_glucose(na_c)
        j_s = sat * (1.0 - (g_c / g_l) / r_max(na_c))
        j_g = jg * (g_c / (g_c + kg) - efflux_b)
        j_p = f * jp * (na_c / (na_c + kp)) ** 3
        j_l = kl * (na_l - na_c)
        return g_c, j_s, j_g, j_p, j_l

    def na_balance(na_c):
        _, j_s, _, j_p, j_l = fluxes(na_c)
        return n * j_s + j_l - PUMP_NA_OUT * j_p

    # Na+ balance falls monotonically with cell Na+ (entry falls, pumping rises) and is
    # positive near 0 (k [Na]_l > 0): bracket the single root and refine it.
    lo, hi = ROOT_SEARCH["na_bracket_lo"] * na_l, ROOT_SEARCH["na_bracket_hi"] * na_l
    while na_balance(hi) > 0.0:
        hi *= 2.0
    na_c = brentq(na_balance, lo, hi, xtol=ROOT_SEARCH["xtol_na_mM"], rtol=ROOT_SEARCH["rtol"],
                  maxiter=ROOT_SEARCH["maxiter"])
    g_c, j_s, j_g, j_p, j_l = fluxes(na_c)
    return EpitheliumResult(
        glucose_flux_mM_s=float(j_g), sglt_flux_mM_s=float(j_s), glut2_flux_mM_s=float(j_g),
        pump_rate_mM_s=float(j_p), na_leak_mM_s=float(j_l), na_cell_mM=float(na_c),
        glucose_cell_mM=float(g_c), max_accumulation=float(r_max(na_c)), pump_fraction=f,
    )


def ncx_reversal_potential(na_out_mM=None, na_in_mM=None, ca_out_mM=None, ca_in_mM=None, temperature_C=None):
    """Reversal potential of the 3 Na+ : 1 Ca2+ exchanger, mV.

    .. math:: E_{NCX} = \\frac{3E_{Na} - 2E_{Ca}}{3 - 2} = 3E_{Na} - 2E_{Ca}

    (n = :data:`NCX_NA_PER_CA` Na+ against one Ca2+ of valence 2: the
    exchanger is at equilibrium where n(V - E_Na) = 2(V - E_Ca)).

    At potentials negative to E_NCX the exchanger extrudes Ca2+ (forward
    mode); positive to it, it brings Ca2+ in (reverse mode), which is what
    happens when the Na+ gradient collapses after pump block.

    Parameters
    ----------
    na_out_mM, na_in_mM : float, optional
        Na+ concentrations, mM. Defaults: the book's mammalian neuron
        (:data:`nakmodel.constants.MAMMALIAN_NEURON`).
    ca_out_mM, ca_in_mM : float, optional
        Free Ca2+, mM. Defaults :class:`CalciumParams` (1.2 mM, 100 nM; Clapham 2007).
    temperature_C : float, optional
        °C. Default that of :class:`CotransportConditions` (37 °C).

    Returns
    -------
    float
        E_NCX, mV.

    Examples
    --------
    >>> round(ncx_reversal_potential(145.0, 15.0))
    -69
    """
    ca = CalciumParams()
    na_o = MAMMALIAN_NEURON.c_out_mM["Na"] if na_out_mM is None else na_out_mM
    na_i = MAMMALIAN_NEURON.c_in_mM["Na"] if na_in_mM is None else na_in_mM
    t = _conditions(None, None, None, temperature_C)[3]
    e_na = nernst(1, na_o, na_i, t)
    e_ca = nernst(2, ca.ca_out_mM if ca_out_mM is None else ca_out_mM,
                  ca.ca_in_mM if ca_in_mM is None else ca_in_mM, t)
    z_ca = VALENCE["Ca"]
    return (NCX_NA_PER_CA * e_na - z_ca * e_ca) / (NCX_NA_PER_CA - z_ca)


def coupled_apical_voltage(pump_fraction, params: EpitheliumParams | None = None):
    """Apical Vm (mV) of the enterocyte when its pumps run at ``pump_fraction`` (0–1) for an hour.

    The book's pump–leak cell (:func:`nakmodel.pump_block.rundown_cell`, as in the ouabain chapter) is run
    for ``params.coupling_duration_s`` at that pump activity; its
    depolarisation is added to the enterocyte's control apical potential.
    The enterocyte's own K+ conductances are not modelled, but like every
    pump–leak cell it depolarises as its K+ gradient runs down. Computed on a
    grid of 21 pump fractions (cached) and interpolated.

    >>> round(coupled_apical_voltage(1.0), 6)
    -60.0
    """
    p = params or EpitheliumParams()
    f = check_number("pump_fraction", pump_fraction, "", 0.0, 1.0)
    return float(p.v_apical_mV + np.interp(f, _F_GRID, _depolarisation_table(p.coupling_duration_s)))


def apical_depolarisation_table(params: EpitheliumParams | None = None):
    """``(pump fractions, depolarisation mV)``: the table :func:`coupled_apical_voltage`
    interpolates (the pump–leak cell after ``params.coupling_duration_s``)."""
    p = params or EpitheliumParams()
    return _F_GRID.copy(), _depolarisation_table(p.coupling_duration_s).copy()


#: Pump-activity grid on which the pump-leak cell's depolarisation is computed.
_F_GRID = np.round(np.linspace(0.0, 1.0, 21), 3)


@lru_cache(maxsize=4)
def _depolarisation_table(duration_s):
    from .pump_block import rundown_cell  # the same cell (cycle-model pump) as the ouabain chapter

    cell = rundown_cell()
    v0 = cell_steady_state(cell).v_mV
    return np.array([float(simulate_cell(cell, duration_s, pump_fraction=float(f), n_points=2).v_mV[-1] - v0)
                     for f in _F_GRID])
