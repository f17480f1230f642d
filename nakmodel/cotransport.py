"""Secondary active transport driven by the Na+ gradient: SGLT1/SGLT2 and NCX.

The Na+/K+ pump keeps [Na]i low; cotransporters spend that gradient.

* SGLT1 couples 2 Na+ to 1 glucose (Hediger et al. 1987; Wright, Loo &
  Hirayama 2011), SGLT2 couples 1 Na+ to 1 glucose (Wright et al. 2011).
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
from dataclasses import dataclass

from scipy.optimize import brentq

from ._validation import ParameterError, check_choice, check_concentration, check_number
from .constants import rt_over_f_mV
from .electrochem import PUMP_NA_OUT, nernst

__all__ = [
    "CA_IN_MM",
    "CA_OUT_MM",
    "ENTEROCYTE_NA_MM",
    "ENTEROCYTE_NA_SD_MM",
    "ENTEROCYTE_PUMP_K_HALF_NA_MM",
    "SGLT1",
    "SGLT2",
    "EpitheliumResult",
    "SGLTParams",
    "epithelium_glucose_steady_state",
    "ncx_reversal_potential",
    "sglt_flux",
    "sglt_max_accumulation",
]

#: Free extracellular Ca2+, mM: ionised Ca2+ of plasma/CSF is about 1.1-1.3 mM
#: (1.2-2 mM in bath solutions); 1.2 mM used here (Clapham 2007).
CA_OUT_MM = 1.2
#: Resting free cytosolic Ca2+, mM (about 100 nM; Clapham 2007).
CA_IN_MM = 1e-4

_EPS = 2.220446049250313e-16


@dataclass(frozen=True)
class SGLTParams:
    """A Na+-glucose cotransporter.

    Attributes
    ----------
    name : str
    n_na : int
        Na+ per glucose.
    km_glucose_mM : float
        Apparent affinity (K_0.5) for external glucose, mM.
    source : str
    """

    name: str
    n_na: int
    km_glucose_mM: float
    source: str


#: SGLT1: 2 Na+ : 1 glucose, K_0.5 ≈ 0.5 mM (high affinity; Wright et al. 2011).
SGLT1 = SGLTParams("SGLT1", 2, 0.5, "Hediger et al. 1987; Wright, Loo & Hirayama 2011")
#: SGLT2: 1 Na+ : 1 glucose, K_0.5 ≈ 2-5 mM (low affinity; Wright et al. 2011); 5 mM used.
SGLT2 = SGLTParams("SGLT2", 1, 5.0, "Wright, Loo & Hirayama 2011 (K_0.5 2-5 mM reported)")
_SGLT = {"SGLT1": SGLT1, "SGLT2": SGLT2}


def sglt_max_accumulation(n_na, v_mV, na_out_mM, na_in_mM, temperature_C=37.0):
    """Equilibrium glucose ratio [G]in/[G]out for a Na+-glucose cotransporter.

    .. math:: \\frac{[G]_i}{[G]_o} = \\left(\\frac{[Na]_o}{[Na]_i}\\right)^{n} \\exp\\left(-\\frac{nFV}{RT}\\right)

    Parameters
    ----------
    n_na : int
        Na+ ions coupled per glucose (1-3; SGLT1: 2, SGLT2: 1).
    v_mV : float
        Membrane potential, mV (-200 to 200).
    na_out_mM, na_in_mM : float
        Na+ concentrations outside and inside, mM.
    temperature_C : float, optional
        °C (0-45). Default 37 °C.

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
    rtf = rt_over_f_mV(temperature_C)
    return float((na_o / na_i) ** n * math.exp(-n * v / rtf))


def sglt_flux(glucose_out_mM, glucose_in_mM=0.0, *, transporter="SGLT1", v_mV=-60.0, na_out_mM=140.0,
              na_in_mM=12.0, temperature_C=37.0, j_max=1.0):
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
    v_mV, na_out_mM, na_in_mM, temperature_C : float
        As in :func:`sglt_max_accumulation`. Defaults: -60 mV, 140/12 mM, 37 °C.
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
    r_max = sglt_max_accumulation(t.n_na, v_mV, na_out_mM, na_in_mM, temperature_C)
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


#: Half-activation of the basolateral Na+/K+-ATPase by cytosolic Na+, mM: the
#: (Na,K)-ATPase of rat jejunal enterocyte basolateral membranes is activated
#: sigmoidally by Na+ with K_m = 9.8 ± 1.2 mM (Orsenigo et al. 1988).
ENTEROCYTE_PUMP_K_HALF_NA_MM = 9.8
#: Intracellular Na+ activity of small-intestinal epithelial cells, mM:
#: 14.4 ± 3.1 (mean ± SD; bullfrog, 26 °C; Lee & Armstrong 1972). The
#: epithelium's pump capacity is calibrated to this value (see
#: :func:`epithelium_glucose_steady_state`).
ENTEROCYTE_NA_MM = 14.4
ENTEROCYTE_NA_SD_MM = 3.1


def _pump_site_constant(k_half_mM):
    """Per-site constant K of (Na/(Na+K))^3 that puts half activation at ``k_half_mM``."""
    return k_half_mM * (2.0 ** (1.0 / 3.0) - 1.0)


def epithelium_glucose_steady_state(glucose_lumen_mM=10.0, *, glucose_blood_mM=5.0, pump_fraction=1.0,
                                    v_apical_mV=-60.0, na_lumen_mM=140.0,
                                    sglt_j_max_mM_s=1.0, glut2_j_max_mM_s=5.0, glut2_km_mM=17.0,
                                    pump_j_max_mM_s=7.86, pump_k_half_na_mM=ENTEROCYTE_PUMP_K_HALF_NA_MM,
                                    na_leak_per_s=0.1, temperature_C=37.0):
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
      cycles, three identical Na+ sites (as :class:`nakmodel.hh.SaturatingPump`)
      with K chosen so that activation is half-maximal at
      ``pump_k_half_na_mM`` (K = K_0.5(2^(1/3) - 1)).

    At steady state glucose and Na+ are conserved exactly:
    J_S = J_G and 2J_S + J_L = 3J_P. Both balances are solved as nested
    one-dimensional root searches (each flux is monotonic in its variable,
    so the steady state is unique).

    Where the defaults come from:

    * pump Na+ affinity: K_0.5 = 9.8 mM, the sigmoidal Na+ activation of the
      (Na,K)-ATPase of rat jejunal enterocytes (Orsenigo et al. 1988);
    * the flux unit is SGLT1's J_max (1 mM/s): only ratios of J_max values
      matter for concentrations;
    * pump capacity and the other Na+ entry are calibrated to two
      observations on small-intestinal epithelial cells (bullfrog, 26 °C;
      Lee & Armstrong 1972): intracellular Na+ activity 14.4 ± 3.1 mM, and
      replacing mannitol by an actively transported sugar does not raise
      it. With J_max,P = 7.86 mM/s and k = 0.1 /s the fed cell (10 mM
      luminal glucose) holds 14.4 mM Na+, runs its pumps at ~60 % of
      capacity, and removing the glucose lowers its Na+ by 3.0 mM, less than
      that SD (k = 0.08 /s would give 3.6 mM); SGLT1 then carries ~13 % of
      the Na+ entry;
    * GLUT2 capacity (5 mM/s) is not from a measurement: it only sets how far
      cell glucose rises above blood glucose;
    * the apical potential is an input (default -60 mV, the book's
      cotransport default of :func:`sglt_flux`); cell Na+ hardly depends on
      it in the fed state, because SGLT1 is then near saturation.

    The apical membrane potential is held at ``v_apical_mV``; with the pump
    blocked a real enterocyte also depolarises (its K+ gradient runs down),
    which the caller can represent by passing a less negative value.

    Parameters
    ----------
    glucose_lumen_mM, glucose_blood_mM : float
        Glucose concentrations, mM. Defaults 10 mM (after a meal) and 5 mM.
    pump_fraction : float
        Pump activity left, 0-1 (e.g. :func:`nakmodel.ouabain_pump_fraction` once
        available). Default 1.
    v_apical_mV : float
        Apical membrane potential, mV. Default -60 mV.
    na_lumen_mM : float
        Luminal Na+, mM. Default 140 mM.
    sglt_j_max_mM_s : float
        SGLT1 maximal glucose flux, mM/s of cell water (the flux unit; default 1).
    glut2_j_max_mM_s, pump_j_max_mM_s : float
        GLUT2 and pump maximal fluxes in the same unit (5 and 7.86; see above).
    glut2_km_mM : float
        GLUT2 K_m for glucose, mM (17 mM; Uldry & Thorens 2004).
    pump_k_half_na_mM : float
        Cell [Na+] giving half-maximal pump activity, mM (9.8 mM; Orsenigo et al. 1988).
    na_leak_per_s : float
        Rate constant of the other apical Na+ entry, 1/s (> 0; 0.1, calibrated as above).
    temperature_C : float
        °C. Default 37.

    Returns
    -------
    EpitheliumResult

    Examples
    --------
    >>> r = epithelium_glucose_steady_state()
    >>> round(r.na_cell_mM, 1), round(r.glucose_cell_mM, 1)
    (14.4, 12.2)
    """
    g_l = check_concentration("glucose_lumen_mM", glucose_lumen_mM)
    g_b = check_concentration("glucose_blood_mM", glucose_blood_mM)
    f = check_number("pump_fraction", pump_fraction, "", 0.0, 1.0)
    v = check_number("v_apical_mV", v_apical_mV, "mV", -200.0, 200.0)
    na_l = check_concentration("na_lumen_mM", na_lumen_mM)
    js = check_number("sglt_j_max_mM_s", sglt_j_max_mM_s, "mM/s", 0.0, 1e4)
    jg = check_number("glut2_j_max_mM_s", glut2_j_max_mM_s, "mM/s", 0.0, 1e4, lo_inclusive=False)
    kg = check_concentration("glut2_km_mM", glut2_km_mM)
    jp = check_number("pump_j_max_mM_s", pump_j_max_mM_s, "mM/s", 0.0, 1e4)
    kp = _pump_site_constant(check_concentration("pump_k_half_na_mM", pump_k_half_na_mM))
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
        return brentq(glucose_balance, 0.0, hi, args=(r,), xtol=1e-15, rtol=4 * _EPS, maxiter=500)

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
    lo, hi = 1e-6 * na_l, 2.0 * na_l
    while na_balance(hi) > 0.0:
        hi *= 2.0
    na_c = brentq(na_balance, lo, hi, xtol=1e-13, rtol=4 * _EPS, maxiter=500)
    g_c, j_s, j_g, j_p, j_l = fluxes(na_c)
    return EpitheliumResult(
        glucose_flux_mM_s=float(j_g), sglt_flux_mM_s=float(j_s), glut2_flux_mM_s=float(j_g),
        pump_rate_mM_s=float(j_p), na_leak_mM_s=float(j_l), na_cell_mM=float(na_c),
        glucose_cell_mM=float(g_c), max_accumulation=float(r_max(na_c)), pump_fraction=f,
    )


def ncx_reversal_potential(na_out_mM=145.0, na_in_mM=15.0, ca_out_mM=CA_OUT_MM, ca_in_mM=CA_IN_MM,
                           temperature_C=37.0):
    """Reversal potential of the 3 Na+ : 1 Ca2+ exchanger, mV.

    .. math:: E_{NCX} = 3E_{Na} - 2E_{Ca}

    At potentials negative to E_NCX the exchanger extrudes Ca2+ (forward
    mode); positive to it, it brings Ca2+ in (reverse mode), which is what
    happens when the Na+ gradient collapses after pump block.

    Parameters
    ----------
    na_out_mM, na_in_mM : float
        Na+ concentrations, mM. Defaults 145/15 mM (book's mammalian neuron).
    ca_out_mM, ca_in_mM : float
        Free Ca2+, mM. Defaults 1.2 mM and 1e-4 mM (100 nM; Clapham 2007).
    temperature_C : float
        °C. Default 37.

    Returns
    -------
    float
        E_NCX, mV.

    Examples
    --------
    >>> round(ncx_reversal_potential())
    -69
    """
    e_na = nernst(1, na_out_mM, na_in_mM, temperature_C)
    e_ca = nernst(2, ca_out_mM, ca_in_mM, temperature_C)
    return 3.0 * e_na - 2.0 * e_ca




