"""ATP loss in anoxia: the adenylate pool, inorganic phosphate and ΔG_ATP.

When oxidative phosphorylation stops, cytosolic ATP falls within minutes
(brain: Lowry et al. 1964 [Lowry1964]; in complete ischaemia the adenine
nucleotide sum stays constant over the first minute and no useful energy is
left after about 5 min, Ljunggren et al. 1974 [Ljunggren1974]). What matters
for the Na+/K+ pump is not only how much ATP is left (the kinetic effect) but
how much free energy each ATP still releases:

.. math:: \\Delta G_{ATP} = \\Delta G^{\\circ\\prime} + RT \\ln\\frac{[ADP][P_i]}{[ATP]}

As ATP falls, ADP, AMP and Pi rise, so |ΔG_ATP| falls. Once it is smaller
than the free energy the pump's transport needs (about 43 kJ/mol at rest,
:func:`nakmodel.electrochem.pump_free_energy`), the pump stalls even though
ATP is still present.

Model (:class:`AnoxiaParams`, :func:`adenylate_time_course`):

* ATP(t) = floor + (ATP0 - floor) e^{-t/τ} after the onset of anoxia, and
  returns with time constant ``recovery_tau_s`` after reoxygenation;
* the adenine nucleotide pool ATP + ADP + AMP is conserved, and adenylate
  kinase (2 ADP ⇌ ATP + AMP) is at equilibrium, [ATP][AMP] = K [ADP]²;
* phosphocreatine falls in proportion to the fall of ATP (creatine kinase
  spends it first, so this is a simplification of its time course), and
  every high-energy phosphate lost (2 per ATP → AMP, 1 per ADP → AMP, 1 per
  phosphocreatine) appears as Pi;
* ΔG_ATP from :func:`nakmodel.electrochem.atp_free_energy` (ΔG°′ = −30.5
  kJ/mol at 25 °C, used at 37 °C; see :class:`nakmodel.electrochem.AtpParams`
  for why the correction, under 1 kJ/mol, is left out). The pump–leak cell
  starts from its own ΔG_ATP (``CellParams.atp_free_energy_kJ_per_mol``)
  and :mod:`nakmodel.pump_block` adds the change computed here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._params import param
from ._validation import ParameterError, check_number
from .constants import DEFAULTS
from .electrochem import ATP, atp_free_energy

__all__ = ["Adenylates", "AnoxiaParams", "adenylate_time_course", "adenylates_at", "anoxia_atp_time_course"]


@dataclass(frozen=True)
class AnoxiaParams:
    """Energy metabolites of a neuron before and during anoxia."""

    atp0_mM: float = param(ATP.atp_mM, "mM", "Veech1979 (electrochem.AtpParams)",
                           "cytosolic ATP before anoxia", where="ouabain")
    adp0_mM: float = param(ATP.adp_mM, "mM", "Veech1979 (electrochem.AtpParams): free ADP tens of µM",
                           "free cytosolic ADP before anoxia", where="ouabain")
    pi0_mM: float = param(ATP.pi_mM, "mM", "Veech1979 (electrochem.AtpParams)", "free Pi before anoxia",
                          where="ouabain")
    pcr0_mM: float = param(4.5, "mM", "assumed: brain phosphocreatine of a few mM (order of Lowry1964)",
                           "phosphocreatine before anoxia", where="ouabain")
    adenylate_kinase_K: float = param(1.0, "", "assumed: apparent equilibrium constant of order 1",
                                      "[ATP][AMP]/[ADP]² at equilibrium", where="ouabain")
    atp_tau_s: float = param(60.0, "s", "assumed: order of magnitude of the fall in Lowry1964",
                             "time constant of the ATP fall", where="ouabain")
    atp_floor_mM: float = param(0.01, "mM", "assumed: a small remnant", "ATP left after a long anoxia",
                                where="ouabain")
    recovery_tau_s: float = param(60.0, "s", "assumed equal to atp_tau_s", "time constant of ATP recovery",
                                  where="ouabain")
    temperature_C: float = param(DEFAULTS.temperature_C, "°C", "assumed: body temperature", "temperature",
                                 where="ouabain")


@dataclass(frozen=True)
class Adenylates:
    """ATP, ADP, AMP, Pi, phosphocreatine (mM) and ΔG_ATP (kJ/mol); arrays over time or scalars."""

    atp_mM: np.ndarray
    adp_mM: np.ndarray
    amp_mM: np.ndarray
    pi_mM: np.ndarray
    pcr_mM: np.ndarray
    dg_atp_kJ_per_mol: np.ndarray


def _check(p):
    if not isinstance(p, AnoxiaParams):
        raise ParameterError("params", p, "", "must be an AnoxiaParams")
    return p


def anoxia_atp_time_course(t_s, params: AnoxiaParams | None = None, *, restart_s=None):
    """Cytosolic ATP after the onset of anoxia at t = 0, mM.

    ``ATP(t) = floor + (ATP0 - floor) exp(-t/τ)``; with ``restart_s``
    (reoxygenation, s) ATP returns to ATP0 with ``params.recovery_tau_s``.

    Examples
    --------
    >>> round(float(anoxia_atp_time_course(0.0)), 2)
    3.0
    """
    p = _check(params or AnoxiaParams())
    t = np.asarray(check_number("t_s", t_s, "s", 0.0, None), dtype=float)
    a0, af = p.atp0_mM, p.atp_floor_mM
    atp = af + (a0 - af) * np.exp(-t / p.atp_tau_s)
    if restart_s is not None:
        tr = check_number("restart_s", restart_s, "s", 0.0, None)
        a_r = af + (a0 - af) * math.exp(-tr / p.atp_tau_s)
        atp = np.where(t >= tr, a0 - (a0 - a_r) * np.exp(-(t - tr) / p.recovery_tau_s), atp)
    return float(atp) if atp.ndim == 0 else atp


def adenylates_at(atp_mM, params: AnoxiaParams | None = None) -> Adenylates:
    """ADP, AMP, Pi, phosphocreatine and ΔG_ATP that go with a given ATP level (mM).

    Pool conservation and adenylate kinase equilibrium (see the module docstring).

    Examples
    --------
    >>> a = adenylates_at(3.0)
    >>> round(float(a.adp_mM), 3), round(float(a.dg_atp_kJ_per_mol))
    (0.05, -57)
    >>> round(float(adenylates_at(0.01).dg_atp_kJ_per_mol))
    -35
    """
    p = _check(params or AnoxiaParams())
    k = p.adenylate_kinase_K
    atp = np.asarray(check_number("atp_mM", atp_mM, "mM", 0.0, p.atp0_mM * (1 + 1e-12), lo_inclusive=False),
                     dtype=float)
    amp0 = p.adp0_mM ** 2 / (k * p.atp0_mM)
    total = p.atp0_mM + p.adp0_mM + amp0
    # ADP + ADP²/(K ATP) = total - ATP  ->  positive root of the quadratic
    ka = k * atp
    adp = 0.5 * ka * (np.sqrt(1.0 + 4.0 * (total - atp) / ka) - 1.0)
    amp = total - atp - adp
    lost_fraction = (p.atp0_mM - atp) / p.atp0_mM
    pcr = p.pcr0_mM * (1.0 - lost_fraction)
    high_energy = 2.0 * atp + adp
    pi = p.pi0_mM + (2.0 * p.atp0_mM + p.adp0_mM - high_energy) + (p.pcr0_mM - pcr)
    dg = np.vectorize(lambda a, d, q: atp_free_energy(a, d, q, p.temperature_C))(atp, adp, pi)
    out = [np.asarray(x, dtype=float) for x in (atp, adp, amp, pi, pcr, dg)]
    if atp.ndim == 0:
        out = [float(x) for x in out]
    return Adenylates(*out)


def adenylate_time_course(t_s, params: AnoxiaParams | None = None, *, restart_s=None) -> Adenylates:
    """ATP, ADP, AMP, Pi, phosphocreatine and ΔG_ATP over time after the onset of anoxia.

    Examples
    --------
    >>> a = adenylate_time_course([0.0, 600.0])
    >>> bool(a.dg_atp_kJ_per_mol[1] > -40.0 > a.dg_atp_kJ_per_mol[0])
    True
    """
    p = params or AnoxiaParams()
    return adenylates_at(anoxia_atp_time_course(t_s, p, restart_s=restart_s), p)
