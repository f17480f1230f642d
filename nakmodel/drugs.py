"""Stopping the pump: ouabain (dose–response, isoforms, binding kinetics) and ATP loss.

Ouabain binds the extracellular face of the α subunit; rodent α1 is
resistant (micromolar) while human α1 and rodent α3 are nanomolar
[OBrien1994, Erdmann1975, Price1988,
Blanco1998]. Binding is
modelled as one-site, first order: dB/dt = k_on c (1 - B) - k_off B, so
block develops with time constant 1/(k_on c + k_off).

Values used (isoform: K_d, k_on, k_off):

* ``"human_alpha1"``: K_d = 2.8 nM, k_on = 5e4 /M/s, k_off = k_on·K_d = 1.4e-4 /s
  (human erythrocyte and cardiac membranes at 37 °C: K_d 0.28e-8 M,
  k_on 4–6e4 /M/s, k_off 1–4e-4 /s; Erdmann & Hasse 1975).
* ``"rodent_alpha3"``: K_d = 1.6 nM (rat α3 from its rate constants; O'Brien
  et al. 1994); k_on assumed equal to human α1 (O'Brien et al. found α2 and
  α3 association rates similar; absolute value not taken from them).
* ``"rodent_alpha1"``: IC50 = 48 µM (rat α1 Na,K-ATPase activity; O'Brien et
  al. 1994); k_on assumed as above, k_off = k_on·IC50 (fast: block and
  washout within seconds at mM ouabain).

ATP depletion: pump activity follows :func:`nakmodel.pump.pump_atp_factor`;
brain ATP falls to a small fraction within a few minutes of anoxia or
ischaemia (Lowry et al. 1964 [Lowry1964]); :func:`anoxia_atp_time_course`
is an exponential with a 1-min time constant (an order-of-magnitude choice).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import ParameterError, check_choice, check_number
from .pump import PumpParams, pump_atp_factor

__all__ = ["OUABAIN_ISOFORMS", "OuabainIsoform", "ouabain_pump_fraction", "ouabain_block_time_course",
           "OuabainBlock", "pump_fraction_from_atp", "anoxia_atp_time_course"]


@dataclass(frozen=True)
class OuabainIsoform:
    """Ouabain binding constants of one α isoform.

    Attributes: ``kd_uM`` (µM, equilibrium constant = IC50 for one-site block),
    ``k_on_per_uM_s`` (1/(µM s)), ``k_off_per_s`` (1/s), ``source`` (str).
    """

    kd_uM: float
    k_on_per_uM_s: float
    k_off_per_s: float
    source: str


_K_ON = 5e4 * 1e-6  # 5e4 /M/s -> /µM/s (Erdmann & Hasse 1975, human, 37 °C)

#: Isoforms and their ouabain constants (see module docstring for sources).
OUABAIN_ISOFORMS = {
    "rodent_alpha1": OuabainIsoform(48.0, _K_ON, _K_ON * 48.0,
                                    "IC50 4.8e-5 M, O'Brien et al. 1994; k_on assumed (Erdmann & Hasse 1975)"),
    "human_alpha1": OuabainIsoform(2.8e-3, _K_ON, _K_ON * 2.8e-3,
                                   "K_d 0.28e-8 M, k_on 4-6e4 /M/s, Erdmann & Hasse 1975"),
    "rodent_alpha3": OuabainIsoform(1.6e-3, _K_ON, _K_ON * 1.6e-3,
                                    "K_d 1.6 nM, O'Brien et al. 1994; k_on assumed (Erdmann & Hasse 1975)"),
}


def _isoform(isoform):
    return OUABAIN_ISOFORMS[check_choice("isoform", isoform, tuple(OUABAIN_ISOFORMS))]


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
    koff = iso.k_off_per_s if k_off_per_s is None else check_number("k_off_per_s", k_off_per_s, "1/s", 0.0, 1e6)
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
            c_fn = lambda tt: c0 if tt < tw else 0.0  # noqa: E731
        else:
            c_fn = lambda tt: c0  # noqa: E731
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


def pump_fraction_from_atp(atp_mM, params: PumpParams = PumpParams()):
    """Pump activity relative to normal (3 mM ATP) at a cytosolic ATP level.

    Michaelis–Menten with the apparent K_m (0.1 mM) of the cycle model; see
    :func:`nakmodel.pump.pump_atp_factor`. Values above 1 at ATP > 3 mM are possible.

    Examples
    --------
    >>> round(pump_fraction_from_atp(0.1), 2)
    0.52
    """
    return pump_atp_factor(atp_mM, params)


def anoxia_atp_time_course(t_s, *, atp0_mM=3.0, atp_floor_mM=0.01, tau_s=60.0):
    """Cytosolic ATP after the onset of anoxia at t = 0, mM.

    ``ATP(t) = floor + (ATP0 - floor) exp(-t/τ)``. τ = 60 s and a floor of
    0.01 mM are order-of-magnitude choices: brain ATP falls to a small fraction
    of normal within a few minutes of ischaemia (Lowry et al. 1964).

    Parameters
    ----------
    t_s : float or ndarray
        Time since onset, s (≥ 0).
    atp0_mM, atp_floor_mM : float
        Initial and final ATP, mM.
    tau_s : float
        Time constant, s.

    Examples
    --------
    >>> round(float(anoxia_atp_time_course(0.0)), 2)
    3.0
    """
    t = check_number("t_s", t_s, "s", 0.0, None)
    a0 = check_number("atp0_mM", atp0_mM, "mM", 0.0, 20.0, lo_inclusive=False)
    af = check_number("atp_floor_mM", atp_floor_mM, "mM", 0.0, a0)
    tau = check_number("tau_s", tau_s, "s", 0.0, 1e5, lo_inclusive=False)
    return af + (a0 - af) * np.exp(-np.asarray(t) / tau)
