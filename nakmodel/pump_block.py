"""After the pump stops: the pump–leak cell under ouabain or anoxia, and when it stops firing.

:func:`run_scenario` follows the book's pump–leak cell (:mod:`nakmodel.cell`)
for up to two hours after ouabain is added (:func:`nakmodel.drugs.ouabain_block_time_course`)
or the ATP supply fails (:func:`nakmodel.anoxia.adenylate_time_course`), with
an optional restart (washout or reoxygenation). :func:`excitability_times`
asks at every moment whether a test pulse (:class:`ProbePulse`, given to the
Wang–Buzsáki neuron of :func:`nakmodel.hh.probe_excitability`) still evokes
an action potential. :func:`scenario` combines both and caches the result in
memory (a run costs about 0.1 s, so nothing is precomputed or stored on disk).

The cell's pump is the thermodynamically consistent cycle model
(``pump_model="cycle"``) in every run: far from rest ([Na+]i up to 100 mM
after washout) the fast phenomenological pump runs 2–3 times faster than the
cycle model it was fitted to near rest, and it ignores ΔG_ATP, which decides
what happens in anoxia. In anoxia the pump feels both the fall of ATP
(kinetic) and the fall of |ΔG_ATP| as ADP, AMP and Pi rise (thermodynamic):
it stalls, and may briefly run backwards, well before ATP is gone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import numpy as np

from ._params import param
from ._validation import check_choice, check_number
from .anoxia import AnoxiaParams, adenylate_time_course, adenylates_at
from .cell import CellParams, CellState, cell_steady_state, simulate_cell
from .drugs import OUABAIN_ISOFORMS, ouabain_block_time_course
from .electrochem import nernst
from .hh import probe_excitability

__all__ = [
    "ProbePulse",
    "RundownSettings",
    "excitability_times",
    "output_times_s",
    "run_scenario",
    "rundown_cell",
    "scenario",
]


@dataclass(frozen=True)
class ProbePulse:
    """The test pulse that asks "would this neuron still fire?" (:func:`nakmodel.hh.probe_excitability`)."""

    amplitude_uA_cm2: float = param(20.0, "µA/cm²",
                                    "assumed: 20 nC/cm² in 1 ms, several times threshold at rest",
                                    "pulse amplitude", where="ouabain")
    pulse_ms: float = param(1.0, "ms", "assumed: a brief stimulus", "pulse length", where="ouabain")
    threshold_mV: float = param(0.0, "mV", "assumed: an overshoot counts as an action potential",
                                "spike criterion", where="ouabain")
    min_rise_mV: float = param(40.0, "mV",
                               "assumed: an action potential rises tens of mV above where it starts",
                               "least rise above the holding potential (a cell held near 0 mV crosses 0 mV "
                               "without firing)", where="ouabain")
    run_ms: float = param(12.0, "ms", "assumed: the spike peaks within about 3 ms of the pulse",
                          "length of each test run", where="ouabain")


@dataclass(frozen=True)
class RundownSettings:
    """Time window, numerics and standard settings of the run-down runs."""

    max_duration_min: float = param(120.0, "min", "assumed: two hours show the whole run-down",
                                    "longest run", where="ouabain")
    sample_s: float = param(90.0, "s", "assumed", "spacing of output times after the first minute",
                            where="ouabain")
    drive_dt_s: float = param(5.0, "s", "assumed", "sampling of the pump input handed to the cell",
                              where="ouabain")
    rtol: float = param(1e-4, "", "assumed: tested, Vm within 0.05 mV of rtol 1e-7", "cell solver tolerance",
                        where="ouabain")
    complete_block_uM: float = param(1000.0, "µM", "assumed: 1 mM blocks every isoform almost completely",
                                     "ouabain for 'complete block'", where="ouabain")
    thin_axon_diameter_um: float = param(0.2, "µm", "assumed: a thin unmyelinated axon",
                                         "axon diameter in the surface-to-volume comparison",
                                         where="ouabain")


_WINDOW = RundownSettings()
_PULSE = ProbePulse()


def output_times_s(window: RundownSettings = _WINDOW):
    """Output times of the runs, s: a few early points (the fast jump), then every ``sample_s``."""
    return np.union1d([0.0, 0.5, 2.0, 5.0, 10.0, 20.0, 40.0],
                      np.arange(0.0, window.max_duration_min * 60 + 1, window.sample_s))


def rundown_cell(diameter_um=None) -> CellParams:
    """The book's pump–leak cell with the cycle-model pump (optionally another diameter, µm)."""
    p = replace(CellParams(), pump_model="cycle")
    if diameter_um is not None:
        p = replace(p, diameter_um=check_number("diameter_um", diameter_um, "µm", 1.0, 1000.0))
    return p


def _drive(cause, isoform, conc_uM, restart_s, t_end_s, cell: CellParams, anoxia: AnoxiaParams):
    """Pump inputs for simulate_cell on a time grid, plus the ATP-pool time course (anoxia)."""
    dt = _WINDOW.drive_dt_s
    t = np.union1d(np.arange(0.0, t_end_s + dt, dt), [0.05, 0.2, 0.5, 1.0])
    t = t[t <= t_end_s]
    if restart_s is not None:
        t = np.union1d(t, [restart_s, min(restart_s + 0.05, t_end_s)])
    if cause == "ouabain":
        block = ouabain_block_time_course(conc_uM, t, isoform=isoform, washout_s=restart_s)
        return t, {"pump_fraction": (t, block.pump_fraction)}, None
    pool = adenylate_time_course(t, anoxia, restart_s=restart_s)
    # the cell's resting ΔG_ATP plus the change the adenylate pool makes, so rest is the same in both causes
    dg0 = adenylates_at(anoxia.atp0_mM, anoxia).dg_atp_kJ_per_mol
    dg = cell.atp_free_energy_kJ_per_mol + (pool.dg_atp_kJ_per_mol - dg0)
    return t, {"atp_mM": (t, pool.atp_mM), "atp_free_energy_kJ_per_mol": (t, dg)}, pool


def run_scenario(cause="ouabain", isoform="human_alpha1", conc_uM=0.01, diameter_um=None, restart_min=None,
                 t_s=None, anoxia: AnoxiaParams | None = None):
    """Run the pump–leak cell after ouabain or ATP loss at t = 0.

    Parameters
    ----------
    cause : {"ouabain", "anoxia"}
        Ouabain added at t = 0, or oxygen (so ATP synthesis) lost at t = 0.
    isoform : str
        Key of :data:`nakmodel.drugs.OUABAIN_ISOFORMS` (ouabain only).
    conc_uM : float
        Ouabain, µM (ouabain only).
    diameter_um : float, optional
        Cell diameter, µm (surface/volume = 6/d); default that of :class:`nakmodel.cell.CellParams`.
    restart_min : float or None
        Washout (ouabain) or reoxygenation (anoxia), min; ``None``: never.
    t_s : array_like, optional
        Output times, s; default :func:`output_times_s`.
    anoxia : AnoxiaParams, optional

    Returns
    -------
    dict
        ``t_s``; arrays ``v_mV``, ``na_in``, ``k_in``, ``cl_in`` (mM), ``volume_rel``,
        ``activity`` (net pump turnover relative to rest; < 0 = running backwards),
        ``unblocked`` (fraction of pumps free of ouabain), and for anoxia ``atp_mM``,
        ``adp_mM``, ``pi_mM``, ``dg_atp_kJ_per_mol`` (the pump's ΔG_ATP).
    """
    cause = check_choice("cause", cause, ("ouabain", "anoxia"))
    isoform = check_choice("isoform", isoform, tuple(OUABAIN_ISOFORMS))
    anoxia = anoxia or AnoxiaParams()
    t = np.asarray(output_times_s() if t_s is None else t_s, dtype=float)
    t_end = float(t[-1])
    restart_s = (None if restart_min is None
                 else check_number("restart_min", restart_min, "min", 0.0, None) * 60.0)
    if restart_s is not None and restart_s >= t_end:
        restart_s = None
    cell = rundown_cell(diameter_um)
    rest = cell_steady_state(cell)
    td, inputs, _pool = _drive(cause, isoform, conc_uM, restart_s, t_end, cell, anoxia)
    # integrate in pieces split at the restart, so the solver starts afresh at the jump
    edges = [0.0, t_end] if restart_s is None else [0.0, restart_s, t_end]
    keys = ("v_mV", "na_in", "k_in", "cl_in", "volume_rel", "pump_current_uA_cm2")
    pieces, initial = [], rest
    for a, b in pairwise(edges):
        last = b == t_end
        t_out = np.union1d([a, b], t[(t >= a) & (t <= b)]) - a
        sel = (td >= a) & (td <= b)
        kw = {k: (tt[sel] - a, vv[sel]) for k, (tt, vv) in inputs.items()}
        tr = simulate_cell(cell, b - a, t_eval=t_out, rtol=_WINDOW.rtol, initial=initial, **kw)
        keep = slice(None) if last else slice(None, -1)
        pieces.append({"t_s": tr.t_s[keep] + a, **{k: getattr(tr, k)[keep] for k in keys}})
        initial = CellState(float(tr.v_mV[-1]), float(tr.na_in[-1]), float(tr.k_in[-1]), float(tr.cl_in[-1]),
                            float(tr.volume_rel[-1]), 0.0, 0.0, 0.0, 0.0, math.nan)
    out = {k: np.concatenate([pc[k] for pc in pieces]) for k in pieces[0]}
    out = {k: np.interp(t, out["t_s"], v) for k, v in out.items() if k != "t_s"}
    out["t_s"] = t
    out["activity"] = out.pop("pump_current_uA_cm2") / rest.pump_current_uA_cm2
    if cause == "ouabain":
        out["unblocked"] = np.interp(t, td, inputs["pump_fraction"][1])
    else:
        out["unblocked"] = np.ones_like(t)
        pool_t = adenylate_time_course(t, anoxia, restart_s=restart_s)
        out["atp_mM"], out["adp_mM"], out["pi_mM"] = pool_t.atp_mM, pool_t.adp_mM, pool_t.pi_mM
        out["dg_atp_kJ_per_mol"] = np.interp(t, td, inputs["atp_free_energy_kJ_per_mol"][1])
    return out


def _fires_at(run, t, pulse: ProbePulse, c_out):
    def at(key):
        return float(np.interp(t, run["t_s"], run[key]))
    v = at("v_mV")
    probe = probe_excitability(v, nernst(1, c_out["Na"], at("na_in")), nernst(1, c_out["K"], at("k_in")),
                               i_amp_uA_cm2=pulse.amplitude_uA_cm2, pulse_ms=pulse.pulse_ms,
                               threshold_mV=pulse.threshold_mV, duration_ms=pulse.run_ms)
    return bool(probe.fires and probe.peak_mV - v >= pulse.min_rise_mV)


def excitability_times(run, pulse: ProbePulse = _PULSE, n_bisect=8, stride=3):
    """Test pulses along a run: when does the neuron stop (and start again) firing?

    At output times the cell's Vm, E_Na and E_K go into
    :func:`nakmodel.hh.probe_excitability` (Wang–Buzsáki neuron); a spike
    must cross ``pulse.threshold_mV`` and rise ``pulse.min_rise_mV`` above
    the holding potential. The state
    changes smoothly, so every ``stride``-th output time is tested first and
    only the intervals where the answer changes are tested point by point;
    the first change from firing to silent (and back) is then refined by
    bisection on the interpolated state.

    Returns
    -------
    fires : ndarray of bool
        Per output time.
    fail_s, recover_s : float
        Time the test pulse first fails and first succeeds again, s (nan if never).
    """
    t = run["t_s"]
    c_out = CellParams().c_out_mM
    n = t.size
    coarse = np.union1d(np.arange(0, n, max(1, int(stride))), [n - 1]).astype(int)
    fires = np.zeros(n, dtype=bool)
    for i in coarse:
        fires[i] = _fires_at(run, t[i], pulse, c_out)
    for a, b in pairwise(coarse):
        if fires[a] == fires[b]:
            fires[a + 1:b] = fires[a]
        else:
            for i in range(a + 1, b):
                fires[i] = _fires_at(run, t[i], pulse, c_out)

    def refine(i, state_before):
        lo, hi = t[i - 1], t[i]
        for _ in range(n_bisect):
            mid = 0.5 * (lo + hi)
            if _fires_at(run, mid, pulse, c_out) == state_before:
                lo = mid
            else:
                hi = mid
        return 0.5 * (lo + hi)

    fail_s = recover_s = math.nan
    off = np.flatnonzero(fires[:-1] & ~fires[1:])
    if off.size:
        fail_s = refine(off[0] + 1, True)
        on = np.flatnonzero(~fires[:-1] & fires[1:])
        on = on[on > off[0]]
        if on.size:
            recover_s = refine(on[0] + 1, False)
    return fires, fail_s, recover_s


@lru_cache(maxsize=256)
def scenario(cause="ouabain", isoform="human_alpha1", conc_uM=0.01, diameter_um=None, restart_min=None):
    """One run with its test pulses: :func:`run_scenario` plus ``fires``, ``fail_s``, ``recover_s``.

    Cached in memory (arguments must be hashable); treat the arrays as read-only.
    """
    run = run_scenario(cause, isoform, conc_uM, diameter_um, restart_min)
    run["fires"], run["fail_s"], run["recover_s"] = excitability_times(run)
    for v in run.values():
        if isinstance(v, np.ndarray):
            v.setflags(write=False)
    return run
