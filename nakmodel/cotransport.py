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
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

from ._validation import ParameterError, check_choice, check_concentration, check_number
from .constants import rt_over_f_mV
from .electrochem import PUMP_NA_OUT, nernst

__all__ = [
    "SGLTParams",
    "SGLT1",
    "SGLT2",
    "CA_OUT_MM",
    "CA_IN_MM",
    "sglt_max_accumulation",
    "sglt_flux",
    "EpitheliumResult",
    "epithelium_glucose_steady_state",
    "ncx_reversal_potential",
]

#: Free extracellular Ca2+, mM: ionised Ca2+ of plasma/CSF is about 1.1-1.3 mM
#: (1.2-2 mM in bath solutions); 1.2 mM used here (Clapham 2007).
CA_OUT_MM = 1.2
#: Resting free cytosolic Ca2+, mM (about 100 nM; Clapham 2007).
CA_IN_MM = 1e-4


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
        Component fluxes, mM/s of cell water (pump: cycles).
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


def epithelium_glucose_steady_state(glucose_lumen_mM=10.0, *, glucose_blood_mM=5.0, pump_fraction=1.0,
                                    v_apical_mV=-60.0, na_lumen_mM=140.0, na_blood_mM=140.0,
                                    sglt_j_max_mM_s=1.0, glut2_j_max_mM_s=5.0, glut2_km_mM=17.0,
                                    pump_j_max_mM_s=5.0, pump_k_na_mM=10.0, na_leak_per_s=0.05,
                                    temperature_C=37.0):
    """Steady state of a 3-compartment absorptive epithelium (lumen | cell | blood).

    Apical SGLT1 (:func:`sglt_flux`) brings 2 Na+ and 1 glucose into the cell;
    basolateral GLUT2 lets glucose out by facilitated diffusion,
    J = J_max,G([G]_c/([G]_c+K_G) - [G]_b/([G]_b+K_G)) with K_G = 17 mM
    (Uldry & Thorens 2004); the basolateral Na+/K+ pump removes 3 Na+ per
    cycle, J_p = f·J_max,p([Na]_c/([Na]_c+K_Na))^3 (form as in
    :class:`nakmodel.hh.SaturatingPump`), and a small Na+ leak
    k([Na]_b - [Na]_c) lets Na+ equilibrate when the pump stops. Fluxes are
    per litre of cell water (mM/s); the J_max values are illustrative
    (chosen to give a cell [Na+] near 10-15 mM), only their ratios matter.

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
    na_lumen_mM, na_blood_mM : float
        Na+ concentrations, mM. Default 140 mM.
    sglt_j_max_mM_s, glut2_j_max_mM_s, pump_j_max_mM_s : float
        Maximal fluxes, mM/s of cell water (illustrative).
    glut2_km_mM : float
        GLUT2 K_m for glucose, mM (17 mM; Uldry & Thorens 2004).
    pump_k_na_mM : float
        Pump half-saturation for cell Na+, mM (10 mM; Kager et al. 2000 form).
    na_leak_per_s : float
        Rate constant of the basolateral Na+ leak, 1/s (illustrative).
    temperature_C : float
        °C. Default 37.

    Returns
    -------
    EpitheliumResult
    """
    g_l = check_concentration("glucose_lumen_mM", glucose_lumen_mM)
    g_b = check_concentration("glucose_blood_mM", glucose_blood_mM)
    f = check_number("pump_fraction", pump_fraction, "", 0.0, 1.0)
    v = check_number("v_apical_mV", v_apical_mV, "mV", -200.0, 200.0)
    na_l = check_concentration("na_lumen_mM", na_lumen_mM)
    na_b = check_concentration("na_blood_mM", na_blood_mM)
    js = check_number("sglt_j_max_mM_s", sglt_j_max_mM_s, "mM/s", 0.0, 1e4)
    jg = check_number("glut2_j_max_mM_s", glut2_j_max_mM_s, "mM/s", 0.0, 1e4, lo_inclusive=False)
    kg = check_concentration("glut2_km_mM", glut2_km_mM)
    jp = check_number("pump_j_max_mM_s", pump_j_max_mM_s, "mM/s", 0.0, 1e4)
    kp = check_concentration("pump_k_na_mM", pump_k_na_mM)
    kl = check_number("na_leak_per_s", na_leak_per_s, "1/s", 0.0, 1e3)
    rtf = rt_over_f_mV(temperature_C)
    n = SGLT1.n_na
    km = SGLT1.km_glucose_mM

    def fluxes(na_c, g_c):
        na_c = max(na_c, 1e-9)
        g_c = max(g_c, 0.0)
        r_max = (na_l / na_c) ** n * math.exp(-n * v / rtf)
        j_s = js * g_l / (g_l + km) * (1.0 - (g_c / g_l) / r_max)
        j_g = jg * (g_c / (g_c + kg) - g_b / (g_b + kg))
        j_p = f * jp * (na_c / (na_c + kp)) ** 3
        j_l = kl * (na_b - na_c)
        return j_s, j_g, j_p, j_l, r_max

    def rhs(t, y):
        j_s, j_g, j_p, j_l, _ = fluxes(*y)
        return [n * j_s - PUMP_NA_OUT * j_p + j_l, j_s - j_g]

    sol = solve_ivp(rhs, (0.0, 1e5), [10.0, g_b], method="LSODA", rtol=1e-8, atol=1e-10)
    y = fsolve(lambda y: rhs(0.0, y), sol.y[:, -1], xtol=1e-12)
    j_s, j_g, j_p, j_l, r_max = fluxes(*y)
    return EpitheliumResult(
        glucose_flux_mM_s=float(j_g), sglt_flux_mM_s=float(j_s), glut2_flux_mM_s=float(j_g),
        pump_rate_mM_s=float(j_p), na_leak_mM_s=float(j_l), na_cell_mM=float(y[0]),
        glucose_cell_mM=float(y[1]), max_accumulation=float(r_max), pump_fraction=f,
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




