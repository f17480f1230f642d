"""Electrochemistry of ions across a membrane.

Nernst and Goldman-Hodgkin-Katz (GHK) equations, driving forces, the free
energy of moving a set of ions across the membrane, and the free energy of
ATP hydrolysis.

Sign conventions (physiological): membrane potential ``v_mV`` is inside minus
outside; a positive current is outward; a positive free energy means the
process costs energy (it does not go by itself).

References
----------
.. [Nernst1889] Nernst W (1889). Die elektromotorische Wirksamkeit der Ionen.
   Z Phys Chem 4:129-181.
.. [Goldman1943] Goldman DE (1943). Potential, impedance, and rectification in
   membranes. J Gen Physiol 27:37-60.
.. [HodgkinKatz1949] Hodgkin AL, Katz B (1949). The effect of sodium ions on
   the electrical activity of the giant axon of the squid. J Physiol 108:37-77.
.. [Berg2015] Berg JM, Tymoczko JL, Gatto GJ, Stryer L (2015). Biochemistry,
   8th ed. Freeman. Section 15.2: ΔG°' of ATP hydrolysis = -30.5 kJ/mol.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import exprel

from ._params import param
from ._validation import (
    ParameterError,
    check_concentration,
    check_ion_dict,
    check_number,
)
from .constants import (
    DEFAULTS,
    ELEMENTARY_CHARGE,
    FARADAY,
    VALENCE,
    rt_kJ_per_mol,
    rt_over_f_mV,
)

__all__ = [
    "ATP",
    "ATP_STANDARD_FREE_ENERGY_KJ_PER_MOL",
    "PUMP_K_IN",
    "PUMP_NA_OUT",
    "AtpParams",
    "atp_free_energy",
    "cycle_free_energy",
    "driving_force",
    "ghk_current",
    "ghk_voltage",
    "ion_transfer_free_energy",
    "membrane_charge_ions",
    "nernst",
    "pump_free_energy",
    "pump_reversal_potential",
]

@dataclass(frozen=True)
class AtpParams:
    """Cytosolic ATP, ADP and Pi and the free energy of ATP hydrolysis the book uses.

    ``standard_kJ_per_mol`` (ΔG°′ = -30.5 kJ/mol) is tabulated at 25 °C, while
    :func:`atp_free_energy` uses RT at the temperature asked for (37 °C by
    default). The book does not correct ΔG°′ to 37 °C: with ΔH°′ ≈ -20 kJ/mol
    (Gibbs–Helmholtz) the correction is ≈ -0.4 kJ/mol, smaller than the spread
    of the ΔG°′ values in the literature (-28 to -34 kJ/mol, depending on Mg²⁺
    and pH) and than the effect of the free [ADP], which is known only to a
    factor of two.

    ``free_energy_kJ_per_mol`` (-55) is the ΔG_ATP of the cycle model and of
    the pump's reversal potential: a round value in the range of the cytosolic
    phosphorylation potentials measured in rat brain, heart and liver
    (Veech et al. 1979: about -55 to -60 kJ/mol). It is a parameter of its own,
    not computed from ``atp_mM`` (the ATP slider of the pump chapter changes the
    kinetics only; the chapter says so).
    """

    atp_mM: float = param(3.0, "mM", "Veech1979 (order of magnitude in brain)", "free cytosolic ATP",
                          where="electrochem, pump")
    adp_mM: float = param(0.05, "mM", "Veech1979 (free ADP is tens of µM)", "free cytosolic ADP",
                          where="electrochem")
    pi_mM: float = param(2.0, "mM", "Veech1979 (order of magnitude)", "cytosolic inorganic phosphate",
                         where="electrochem")
    standard_kJ_per_mol: float = param(-30.5, "kJ/mol", "Berg2015 (pH 7, 25 °C)", "ΔG°′ of ATP hydrolysis",
                                       where="electrochem")
    free_energy_kJ_per_mol: float = param(-55.0, "kJ/mol", "Veech1979 (-55 to -60 kJ/mol)",
                                          "ΔG_ATP of the pump models", where="pump, cell, pump chapters")


#: The book's ATP values (one instance of :class:`AtpParams`).
ATP = AtpParams()

#: Standard transformed free energy of ATP hydrolysis (pH 7, 25 °C), kJ/mol
#: (Berg et al. 2015; see :class:`AtpParams` on the temperature).
ATP_STANDARD_FREE_ENERGY_KJ_PER_MOL = ATP.standard_kJ_per_mol
#: Na+ ions moved out of the cell per pump cycle (Post & Jolly 1957).
PUMP_NA_OUT = 3
#: K+ ions moved into the cell per pump cycle (Post & Jolly 1957).
PUMP_K_IN = 2

_IONS = ("Na", "K", "Cl")


def _valence(z):
    z_checked = check_number("z", z, "elementary charges", -3, 3)
    if z_checked == 0 or z_checked != int(z_checked):
        raise ParameterError("z", z, "elementary charges", "must be a non-zero integer from -3 to 3")
    return int(z_checked)


def nernst(z, c_out_mM, c_in_mM, temperature_C=None):
    """Nernst equilibrium potential of one ion, in mV.

    .. math:: E = \\frac{RT}{zF} \\ln\\frac{[X]_o}{[X]_i}

    Parameters
    ----------
    z : int
        Valence of the ion (+1 for Na+ and K+, -1 for Cl-, +2 for Ca2+).
    c_out_mM, c_in_mM : float
        Outside and inside concentrations, mM (strictly positive).
    temperature_C : float, optional
        Temperature in °C (0-45). Default 37 °C (mammalian body temperature).

    Returns
    -------
    float
        Equilibrium potential (inside relative to outside), mV.

    Examples
    --------
    K+ in a mammalian neuron (5 mM out, 140 mM in) at 37 °C:

    >>> round(nernst(1, 5.0, 140.0), 1)
    -89.1
    """
    z = _valence(z)
    c_out = check_concentration("c_out_mM", c_out_mM)
    c_in = check_concentration("c_in_mM", c_in_mM)
    e = rt_over_f_mV(temperature_C) / z * np.log(c_out / c_in)
    return float(e) if np.ndim(e) == 0 else e


def ghk_voltage(permeabilities, c_out_mM, c_in_mM, temperature_C=None):
    """Goldman-Hodgkin-Katz resting potential for Na+, K+ and Cl-, in mV.

    .. math:: V = \\frac{RT}{F}\\ln\\frac{P_K[K]_o + P_{Na}[Na]_o + P_{Cl}[Cl]_i}
                                      {P_K[K]_i + P_{Na}[Na]_i + P_{Cl}[Cl]_o}

    Parameters
    ----------
    permeabilities : dict
        Permeabilities keyed by ``"Na"``, ``"K"``, ``"Cl"``; only ratios
        matter, so any common unit (or relative values, e.g. P_K = 1) will do.
        Non-negative, at least one cation permeability positive.
    c_out_mM, c_in_mM : dict
        Outside and inside concentrations, mM, keyed by ``"Na"``, ``"K"``, ``"Cl"``.
    temperature_C : float, optional
        Temperature, °C (0-45). Default 37 °C.

    Returns
    -------
    float
        Membrane potential at which the net GHK current is zero, mV.

    Examples
    --------
    Relative permeabilities 1 : 0.04 : 0.45 (K : Na : Cl, Hodgkin & Katz 1949,
    resting squid axon) with the book's mammalian concentrations:

    >>> p = {"K": 1.0, "Na": 0.04, "Cl": 0.45}
    >>> out = {"Na": 145.0, "K": 5.0, "Cl": 110.0}
    >>> inside = {"Na": 12.0, "K": 140.0, "Cl": 8.0}
    >>> round(ghk_voltage(p, out, inside), 1)
    -68.9
    """
    p = check_ion_dict("permeabilities", permeabilities, _IONS, unit="(relative)", lo=0.0, hi=None,
                       lo_inclusive=True)
    co = check_ion_dict("c_out_mM", c_out_mM, _IONS)
    ci = check_ion_dict("c_in_mM", c_in_mM, _IONS)
    if p["Na"] + p["K"] <= 0 or p["Cl"] + p["K"] + p["Na"] <= 0:
        raise ParameterError(
            "permeabilities", p, "(relative)", "at least one of P_Na, P_K must be > 0"
        )
    num = p["K"] * co["K"] + p["Na"] * co["Na"] + p["Cl"] * ci["Cl"]
    den = p["K"] * ci["K"] + p["Na"] * ci["Na"] + p["Cl"] * co["Cl"]
    return rt_over_f_mV(temperature_C) * math.log(num / den)


def ghk_current(ion, permeability_cm_s, v_mV, c_out_mM, c_in_mM, temperature_C=None):
    """GHK current density carried by one ion, in µA/cm² (positive = outward).

    .. math:: I = P z^2 \\frac{F^2 V}{RT}\\,\\frac{[X]_i - [X]_o e^{-zFV/RT}}{1 - e^{-zFV/RT}}

    The removable singularity at V = 0 is handled with :func:`scipy.special.exprel`.

    Parameters
    ----------
    ion : str
        ``"Na"``, ``"K"``, ``"Cl"`` or ``"Ca"``.
    permeability_cm_s : float
        Membrane permeability, cm/s (>= 0).
    v_mV : float or ndarray
        Membrane potential, mV (-500 to 500).
    c_out_mM, c_in_mM : float
        Concentrations, mM.
    temperature_C : float, optional
        Temperature, °C (0-45). Default 37 °C.

    Returns
    -------
    float or ndarray
        Current density, µA/cm².
    """
    if ion not in VALENCE:
        raise ParameterError("ion", ion, "", "must be one of " + ", ".join(repr(k) for k in VALENCE))
    z = VALENCE[ion]
    p = check_number("permeability_cm_s", permeability_cm_s, "cm/s", 0.0, None)
    v = check_number("v_mV", v_mV, "mV", -500.0, 500.0)
    c_out = check_concentration("c_out_mM", c_out_mM)
    c_in = check_concentration("c_in_mM", c_in_mM)
    return _ghk_current(z, p, np.asarray(v), c_out, c_in, rt_over_f_mV(temperature_C))


def _ghk_current(z, p, v, c_out, c_in, rt_f_mV):
    """:func:`ghk_current` without argument checks (valence, cm/s, mV, mM, RT/F in mV), for
    right-hand sides that call it thousands of times with values they made themselves."""
    u = z * v / rt_f_mV  # zFV/RT, dimensionless
    # P[m/s] * z F [C/mol] * c[mol/m^3] -> A/m^2 ; 1 A/m^2 = 100 µA/cm^2
    flux_term = (c_in - c_out * np.exp(-u)) / exprel(-u)
    return p * 1e-2 * z * FARADAY * flux_term * 100.0


def driving_force(v_mV, e_rev_mV):
    """Driving force V - E on an ion, in mV (positive drives cations out)."""
    return (check_number("v_mV", v_mV, "mV", -500.0, 500.0)
            - check_number("e_rev_mV", e_rev_mV, "mV", -1000.0, 1000.0))


def ion_transfer_free_energy(v_mV, moved_in, c_out_mM, c_in_mM, temperature_C=None):
    """Free energy of moving a set of ions across the membrane, in kJ/mol.

    For ``n`` moles of ion X (valence z) moved *into* the cell,

    .. math:: \\Delta G = n\\,[RT \\ln([X]_i/[X]_o) + zFV]

    Parameters
    ----------
    v_mV : float
        Membrane potential, mV.
    moved_in : dict
        Moles moved *into* the cell per mole of process, keyed by ion name
        (negative numbers mean moved out), e.g. the pump is ``{"Na": -3, "K": 2}``.
    c_out_mM, c_in_mM : dict
        Concentrations, mM, for every ion in ``moved_in``.
    temperature_C : float, optional
        Temperature, °C. Default 37 °C.

    Returns
    -------
    float
        ΔG in kJ/mol; positive means the transfer needs an energy source.

    Examples
    --------
    One K+ leaving a mammalian neuron at -70 mV releases energy:

    >>> dg = ion_transfer_free_energy(-70.0, {"K": -1}, {"K": 5.0}, {"K": 140.0})
    >>> round(dg, 2)
    -1.84
    """
    v = check_number("v_mV", v_mV, "mV", -500.0, 500.0)
    if not isinstance(moved_in, dict) or not moved_in:
        raise ParameterError("moved_in", moved_in, "mol", "must be a non-empty dict like {'Na': -3, 'K': 2}")
    ions = tuple(moved_in)
    for ion in ions:
        if ion not in VALENCE:
            raise ParameterError("moved_in", ion, "", "unknown ion; must be among " + ", ".join(VALENCE))
    n = check_ion_dict("moved_in", moved_in, ions, unit="mol", lo=None, hi=None)
    co = check_ion_dict("c_out_mM", c_out_mM, ions, optional=tuple(k for k in VALENCE if k not in ions))
    ci = check_ion_dict("c_in_mM", c_in_mM, ions, optional=tuple(k for k in VALENCE if k not in ions))
    rt = rt_kJ_per_mol(temperature_C)
    f_kj = FARADAY * 1e-3 * v * 1e-3  # kJ/mol per unit charge
    return float(sum(n[i] * (rt * math.log(ci[i] / co[i]) + VALENCE[i] * f_kj) for i in ions))


def pump_free_energy(v_mV, c_out_mM, c_in_mM, temperature_C=None):
    """Free energy needed to move 3 Na+ out and 2 K+ in at ``v_mV``, kJ/mol.

    This is the work the Na+/K+-ATPase does per cycle (per mole of cycles);
    ATP hydrolysis must supply at least this much.

    Parameters
    ----------
    v_mV : float
        Membrane potential, mV.
    c_out_mM, c_in_mM : dict
        Concentrations, mM, with keys ``"Na"`` and ``"K"`` (``"Cl"`` allowed, ignored).
    temperature_C : float, optional
        Temperature, °C. Default 37 °C.

    Returns
    -------
    float
        ΔG of the transport, kJ/mol (positive = costs energy).

    Examples
    --------
    >>> out = {"Na": 145.0, "K": 5.0, "Cl": 110.0}
    >>> inside = {"Na": 15.0, "K": 140.0, "Cl": 10.0}
    >>> round(pump_free_energy(-70.0, out, inside), 1)
    41.5
    """
    co = check_ion_dict("c_out_mM", c_out_mM, ("Na", "K"), optional=("Cl",))
    ci = check_ion_dict("c_in_mM", c_in_mM, ("Na", "K"), optional=("Cl",))
    return ion_transfer_free_energy(
        v_mV, {"Na": -PUMP_NA_OUT, "K": PUMP_K_IN}, co, ci, temperature_C
    )


def cycle_free_energy(n_na, n_k, v_mV, c_out_mM, c_in_mM, temperature_C=None):
    """Work needed for one cycle of a pump moving ``n_na`` Na+ out and ``n_k`` K+ in, kJ/mol.

    ΔG = n_Na [RT ln([Na]o/[Na]i) − FV] + n_K [RT ln([K]i/[K]o) + FV]
    (:func:`ion_transfer_free_energy`); ``(3, 2)`` is :func:`pump_free_energy`.
    Positive: the cycle needs an energy source (ATP).

    Parameters
    ----------
    n_na, n_k : int
        Na+ out and K+ in per cycle (0–4).
    v_mV : float
        Membrane potential, mV.
    c_out_mM, c_in_mM : dict
        Concentrations, mM, with ``"Na"`` and ``"K"``.
    temperature_C : float, optional
        °C (default 37).

    Examples
    --------
    >>> out, inside = {"Na": 145.0, "K": 5.0}, {"Na": 15.0, "K": 140.0}
    >>> cycle_free_energy(3, 2, -70.0, out, inside) == pump_free_energy(-70.0, out, inside)
    True
    >>> cycle_free_energy(0, 0, -70.0, out, inside)
    0.0
    """
    n_na = int(check_number("n_na", n_na, "ions/cycle", 0, 4))
    n_k = int(check_number("n_k", n_k, "ions/cycle", 0, 4))
    moved = {}
    if n_na:
        moved["Na"] = -n_na
    if n_k:
        moved["K"] = n_k
    if not moved:
        return 0.0
    co = check_ion_dict("c_out_mM", c_out_mM, tuple(moved), optional=("Na", "K", "Cl"))
    ci = check_ion_dict("c_in_mM", c_in_mM, tuple(moved), optional=("Na", "K", "Cl"))
    return ion_transfer_free_energy(v_mV, moved, co, ci, temperature_C)


def pump_reversal_potential(c_out_mM, c_in_mM, atp_free_energy_kJ_per_mol=None, temperature_C=None):
    """Membrane potential at which the Na+/K+ pump is at thermodynamic equilibrium, mV.

    At this potential the energy released by ATP hydrolysis exactly equals the
    work of moving 3 Na+ out and 2 K+ in, so the net cycle rate is zero; at
    more negative potentials the pump runs backwards (making ATP).

    .. math:: V_{rev} = \\frac{3RT\\ln([Na]_o/[Na]_i) + 2RT\\ln([K]_i/[K]_o) + \\Delta G_{ATP}}{F}

    Parameters
    ----------
    c_out_mM, c_in_mM : dict
        Concentrations, mM, keys ``"Na"`` and ``"K"`` (``"Cl"`` allowed, ignored).
    atp_free_energy_kJ_per_mol : float, optional
        ΔG of ATP hydrolysis in the cytosol, kJ/mol (negative; -80 to -20).
        Default ``ATP.free_energy_kJ_per_mol`` (-55 kJ/mol; cytosolic
        phosphorylation potentials of -55 to -60 kJ/mol, Veech et al. 1979; see
        :class:`AtpParams`).
    temperature_C : float, optional
        Temperature, °C. Default 37 °C.

    Returns
    -------
    float
        Reversal potential, mV.

    Examples
    --------
    >>> out = {"Na": 145.0, "K": 5.0}
    >>> inside = {"Na": 15.0, "K": 140.0}
    >>> round(pump_reversal_potential(out, inside))
    -210
    """
    co = check_ion_dict("c_out_mM", c_out_mM, ("Na", "K"), optional=("Cl",))
    ci = check_ion_dict("c_in_mM", c_in_mM, ("Na", "K"), optional=("Cl",))
    if atp_free_energy_kJ_per_mol is None:
        atp_free_energy_kJ_per_mol = ATP.free_energy_kJ_per_mol
    dg_atp = check_number("atp_free_energy_kJ_per_mol", atp_free_energy_kJ_per_mol, "kJ/mol", -80.0, -20.0)
    rt = rt_kJ_per_mol(temperature_C)
    chem = PUMP_NA_OUT * rt * math.log(co["Na"] / ci["Na"]) + PUMP_K_IN * rt * math.log(ci["K"] / co["K"])
    net_charge_out = PUMP_NA_OUT - PUMP_K_IN
    return (chem + dg_atp) / (net_charge_out * FARADAY * 1e-3) * 1e3


def atp_free_energy(atp_mM=None, adp_mM=None, pi_mM=None, temperature_C=None, standard_kJ_per_mol=None,
                    params: AtpParams = ATP):
    """Free energy of ATP hydrolysis (ATP -> ADP + Pi) in the cytosol, kJ/mol.

    .. math:: \\Delta G = \\Delta G^{\\circ\\prime} + RT\\ln\\frac{[ADP][P_i]}{[ATP]}

    with concentrations in mol/L.

    Parameters
    ----------
    atp_mM, adp_mM, pi_mM : float, optional
        Free cytosolic concentrations, mM. Defaults (:class:`AtpParams`) 3 mM ATP,
        0.05 mM free ADP, 2 mM Pi: orders of magnitude typical of brain tissue
        (free ADP is tens of µM; Veech et al. 1979).
    temperature_C : float, optional
        Temperature, °C. Default 37 °C.
    standard_kJ_per_mol : float, optional
        ΔG°' at pH 7, kJ/mol. Default -30.5 (Berg et al. 2015, at 25 °C; see
        :class:`AtpParams` for why it is not corrected to 37 °C).
    params : AtpParams

    Returns
    -------
    float
        ΔG_ATP, kJ/mol (negative: hydrolysis releases energy).

    Examples
    --------
    >>> round(atp_free_energy(3.0, 0.05, 2.0))
    -57
    """
    atp = check_concentration("atp_mM", params.atp_mM if atp_mM is None else atp_mM)
    adp = check_concentration("adp_mM", params.adp_mM if adp_mM is None else adp_mM)
    pi = check_concentration("pi_mM", params.pi_mM if pi_mM is None else pi_mM)
    dg0 = check_number("standard_kJ_per_mol", params.standard_kJ_per_mol if standard_kJ_per_mol is None
                       else standard_kJ_per_mol, "kJ/mol", -60.0, 0.0)
    rt = rt_kJ_per_mol(temperature_C)
    return dg0 + rt * math.log((adp * 1e-3) * (pi * 1e-3) / (atp * 1e-3))




def membrane_charge_ions(v_mV, area_um2=1.0, capacitance_uF_cm2=None):
    """Number of monovalent ions whose charge polarises a membrane patch to ``v_mV``.

    Q = C · |V| (the membrane is a capacitor); ions = Q / e.

    Parameters
    ----------
    v_mV : float
        Membrane potential, mV (-500 to 500).
    area_um2 : float, optional
        Membrane area, µm² (> 0). Default 1 µm².
    capacitance_uF_cm2 : float, optional
        Specific capacitance, µF/cm² (0.1-10). Default 1 µF/cm² (Gentet et al. 2000
        measured about 0.9 µF/cm² in cortical neurons).

    Returns
    -------
    float
        Number of ions (dimensionless).

    Examples
    --------
    About 4,400 ions per µm² charge a membrane to -70 mV:

    >>> round(membrane_charge_ions(-70.0), -2)
    4400.0
    """
    v = check_number("v_mV", v_mV, "mV", -500.0, 500.0)
    area = check_number("area_um2", area_um2, "µm²", 0.0, None, lo_inclusive=False)
    if capacitance_uF_cm2 is None:
        capacitance_uF_cm2 = DEFAULTS.capacitance_uF_cm2
    c = check_number("capacitance_uF_cm2", capacitance_uF_cm2, "µF/cm²", 0.1, 10.0)
    farad_per_um2 = c * 1e-6 * 1e-8  # 1 cm² = 1e8 µm²
    return abs(farad_per_um2 * area * v * 1e-3) / ELEMENTARY_CHARGE
