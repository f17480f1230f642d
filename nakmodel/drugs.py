"""Stopping the pump with ouabain: dose–response, isoforms and binding kinetics.

Ouabain binds the extracellular face of the α subunit; rodent α1 is
resistant (micromolar) while human α1 and rodent α3 are nanomolar
[OBrien1994, Erdmann1975, Price1988, Blanco1998]. Binding is modelled as one
site, first order: dB/dt = k_on c (1 - B) - k_off B, so block develops with
time constant 1/(k_on c + k_off).

The constants (:class:`OuabainParams`) are of two kinds, and the book says
which is which: *binding* dissociation constants (human α1, rat α3) and an
*enzyme-activity* IC50 (rat α1, whose binding is too weak to measure the
same way). For a one-site block both equal the concentration of half block,
so the model treats them alike, but ratios between the two kinds are only
rough. External K+ antagonises ouabain binding (it competes for the E2P
conformation ouabain binds to); the binding constants were measured without
K+, so in 5 mM K+ block develops more slowly than modelled: the binding time
constants here are lower bounds.

ATP loss (anoxia) is in :mod:`nakmodel.anoxia`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ._params import param, source_of
from ._validation import ParameterError, check_choice, check_number
from .anoxia import anoxia_atp_time_course
from .pump import PumpParams, pump_atp_factor

__all__ = [
    "OUABAIN_ISOFORMS",
    "OuabainBlock",
    "OuabainIsoform",
    "OuabainParams",
    "anoxia_atp_time_course",
    "binding_time_constant_s",
    "ouabain_block_time_course",
    "ouabain_pump_fraction",
    "pump_fraction_from_atp",
    "washout_half_time_s",
]


@dataclass(frozen=True)
class OuabainParams:
    """Ouabain constants of the three α isoforms, with their sources."""

    k_on_per_M_s: float = param(5e4, "1/(M s)",
                                "Erdmann1975: 4–6e4 /M/s, human erythrocyte and heart membranes",
                                "association rate constant "
                                "(all isoforms; assumed equal for the rat isoforms)",
                                where="ouabain")
    human_alpha1_kd_nM: float = param(2.8, "nM", "Erdmann1975: K_d 0.28e-8 M from binding",
                                      "binding K_d of human α1", where="ouabain")
    rodent_alpha3_kd_nM: float = param(1.6, "nM", "OBrien1994: K_d from the binding rate constants, rat α3",
                                       "binding K_d of rat α3", where="ouabain")
    rodent_alpha1_ic50_uM: float = param(48.0, "µM", "OBrien1994: IC50 of Na,K-ATPase activity, rat α1",
                                         "activity IC50 of rat α1", where="ouabain")
    rodent_alpha1_vs_alpha3_activity_ratio: float = param(
        1000.0, "", "OBrien1994: rat α1 activity IC50 '1000-fold higher than the α2 or α3 isoform'",
        "ratio of activity IC50s measured the same way", where="ouabain")


@dataclass(frozen=True)
class OuabainIsoform:
    """Ouabain constants of one α isoform (built from :class:`OuabainParams`).

    Attributes: ``kd_uM`` (µM, concentration of half block), ``k_on_per_uM_s``
    (1/(µM s)), ``k_off_per_s`` (1/s, = k_on·K_d), ``measured_as``
    ("binding K_d" or "activity IC50"), ``source`` (bib key and detail).
    """

    kd_uM: float
    k_on_per_uM_s: float
    k_off_per_s: float
    measured_as: str
    source: str


def _isoforms(p: OuabainParams = OuabainParams()):
    kon = p.k_on_per_M_s * 1e-6  # /M/s -> /µM/s
    rows = {
        "rodent_alpha1": (p.rodent_alpha1_ic50_uM, "activity IC50", "rodent_alpha1_ic50_uM"),
        "human_alpha1": (p.human_alpha1_kd_nM * 1e-3, "binding K_d", "human_alpha1_kd_nM"),
        "rodent_alpha3": (p.rodent_alpha3_kd_nM * 1e-3, "binding K_d", "rodent_alpha3_kd_nM"),
    }
    return MappingProxyType({k: OuabainIsoform(kd, kon, kon * kd, kind, source_of(p, f))
                             for k, (kd, kind, f) in rows.items()})


#: Isoforms and their ouabain constants (immutable; see :class:`OuabainParams`).
OUABAIN_ISOFORMS = _isoforms()


def _isoform(isoform):
    return OUABAIN_ISOFORMS[check_choice("isoform", isoform, tuple(OUABAIN_ISOFORMS))]


def binding_time_constant_s(conc_uM, isoform="human_alpha1"):
    """Time constant of block onset at ouabain ``conc_uM`` (µM), s: 1/(k_on c + k_off).

    A lower bound in K+-containing solutions (K+ slows binding; see the module docstring).

    >>> round(binding_time_constant_s(1.0, "human_alpha1"), 1)
    19.9
    """
    c = check_number("conc_uM", conc_uM, "µM", 0.0, 1e5)
    iso = _isoform(isoform)
    return 1.0 / (iso.k_on_per_uM_s * c + iso.k_off_per_s)


def washout_half_time_s(isoform="human_alpha1"):
    """Half time of recovery after ouabain is washed out, s: ln 2 / k_off.

    >>> round(washout_half_time_s("human_alpha1") / 60.0)
    83
    """
    return math.log(2.0) / _isoform(isoform).k_off_per_s


def ouabain_pump_fraction(conc_uM, isoform="rodent_alpha1"):
    """Steady-state fraction of pump activity left at an ouabain concentration.

    One-site block, ``1 / (1 + c / K_d)``; half block at K_d (= IC50).

    Parameters
    ----------
    conc_uM : float or ndarray
        Ouabain, µM (0–1e5).
    isoform : str
        ``"rodent_alpha1"`` (resistant, IC50 48 µM), ``"human_alpha1"`` (2.8 nM)
        or ``"rodent_alpha3"`` (1.6 nM).

    Returns
    -------
    float or ndarray
        Fraction of pumps active (0–1).

    Examples
    --------
    >>> ouabain_pump_fraction(48.0)
    0.5
    >>> round(ouabain_pump_fraction(0.1, "human_alpha1"), 3)
    0.027
    """
    c = check_number("conc_uM", conc_uM, "µM", 0.0, 1e5)
    iso = _isoform(isoform)
    f = 1.0 / (1.0 + c / iso.kd_uM)
    return float(f) if np.ndim(f) == 0 else f


@dataclass(frozen=True)
class OuabainBlock:
    """Ouabain block time course: ``t_s`` (s), ``conc_uM`` (µM), ``bound`` and ``pump_fraction`` (0–1)."""

    t_s: np.ndarray
    conc_uM: np.ndarray
    bound: np.ndarray
    pump_fraction: np.ndarray


def ouabain_block_time_course(conc_uM, t_s, *, isoform="rodent_alpha1", washout_s=None, bound0=0.0,
                              k_on_per_uM_s=None, k_off_per_s=None):
    """First-order ouabain binding and unbinding over time.

    dB/dt = k_on c(t) (1 - B) - k_off B. With piecewise-constant c (applied at
    t = 0, removed at ``washout_s``) the solution is exact: within each piece
    B relaxes exponentially to k_on c/(k_on c + k_off) with time constant
    1/(k_on c + k_off). A callable ``conc_uM(t)`` is integrated on the ``t_s``
    grid with the exact step for c held at its value at the step midpoint.

    Parameters
    ----------
    conc_uM : float or callable
        Ouabain, µM (0–1e5), or a function of time in s.
    t_s : array_like
        Output times, s (≥ 0, increasing).
    isoform : str
        See :func:`ouabain_pump_fraction`.
    washout_s : float, optional
        Time at which ouabain is removed, s.
    bound0 : float
        Initial bound fraction (0–1).
    k_on_per_uM_s, k_off_per_s : float, optional
        Override the isoform's rate constants, 1/(µM s) and 1/s.

    Returns
    -------
    OuabainBlock

    Examples
    --------
    >>> r = ouabain_block_time_course(0.01, [0.0, 1e6], isoform="human_alpha1")
    >>> round(float(r.pump_fraction[-1]), 3) == round(ouabain_pump_fraction(0.01, "human_alpha1"), 3)
    True
    """
    iso = _isoform(isoform)
    kon = iso.k_on_per_uM_s if k_on_per_uM_s is None else check_number("k_on_per_uM_s", k_on_per_uM_s,
                                                                       "1/(µM s)", 0.0, 1e6)
    koff = iso.k_off_per_s if k_off_per_s is None else check_number("k_off_per_s", k_off_per_s, "1/s",
                                                                    0.0, 1e6)
    t = np.atleast_1d(check_number("t_s", t_s, "s", 0.0, None))
    if t.size > 1 and np.any(np.diff(t) < 0):
        raise ParameterError("t_s", t_s, "s", "must be increasing")
    b0 = check_number("bound0", bound0, "", 0.0, 1.0)
    if callable(conc_uM):
        c_fn = conc_uM
    else:
        c0 = check_number("conc_uM", conc_uM, "µM", 0.0, 1e5)
        if washout_s is not None:
            tw = check_number("washout_s", washout_s, "s", 0.0, None)

            def c_fn(tt):
                return c0 if tt < tw else 0.0
        else:
            def c_fn(tt):
                return c0
    # exact steps; split at the washout time so the jump is not smeared
    grid = t if washout_s is None or callable(conc_uM) else np.union1d(t, [washout_s])
    grid = np.union1d([0.0], grid)
    b = np.empty(grid.size)
    b[0] = b0
    for i in range(1, grid.size):
        t0, t1 = grid[i - 1], grid[i]
        c = check_number("conc_uM(t)", c_fn(0.5 * (t0 + t1)), "µM", 0.0, 1e5)
        rate = kon * c + koff
        b_inf = kon * c / rate if rate > 0 else b[i - 1]
        b[i] = b_inf + (b[i - 1] - b_inf) * np.exp(-rate * (t1 - t0))
    bound = np.interp(t, grid, b)
    conc = np.array([float(c_fn(tt)) for tt in t])
    return OuabainBlock(t_s=t, conc_uM=conc, bound=bound, pump_fraction=1.0 - bound)


def pump_fraction_from_atp(atp_mM, params: PumpParams | None = None):
    """Pump activity relative to normal (3 mM ATP) at a cytosolic ATP level.

    Michaelis–Menten with the apparent K_m (0.1 mM) of the cycle model; see
    :func:`nakmodel.pump.pump_atp_factor`. Values above 1 at ATP > 3 mM are possible.

    Examples
    --------
    >>> round(pump_fraction_from_atp(0.1), 2)
    0.52
    """
    return pump_atp_factor(atp_mM, PumpParams() if params is None else params)
