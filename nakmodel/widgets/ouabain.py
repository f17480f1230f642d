"""Chapter "Ouabain: stopping the pump": dose–response by isoform and the slow run-down.

:class:`OuabainDoseResponse` draws the one-site block of the three α isoforms
(:func:`nakmodel.drugs.ouabain_pump_fraction`) and the binding time course at
one concentration, with washout (:func:`nakmodel.drugs.ouabain_block_time_course`).
Both are closed forms, computed on every slider move.

:class:`PumpBlockTimeCourse` follows the pump–leak cell
(:func:`nakmodel.cell.simulate_cell`) for two hours after ouabain is added or
ATP is cut (:func:`nakmodel.drugs.anoxia_atp_time_course`), with an optional
restart of the pump (washout / reoxygenation), and marks when a test pulse
(:func:`nakmodel.hh.probe_excitability`) no longer evokes an action potential.
One such run costs about 0.1–0.3 s, so the app reads a grid precomputed by
:func:`build_grid` (``ouabain_grid.npz`` next to this module; rebuild with
``python -m nakmodel.widgets.ouabain``). A combination missing from the grid is
computed on demand and cached.
"""

from __future__ import annotations

import html
import math
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import ipywidgets as W
import numpy as np

from .._validation import check_choice, check_number
from ..cell import CellParams, CellState, simulate_cell
from ..drugs import (OUABAIN_ISOFORMS, anoxia_atp_time_course, ouabain_block_time_course, ouabain_pump_fraction,
                     pump_fraction_from_atp)
from ..electrochem import nernst
from ..hh import probe_excitability
from ..pump import PumpParams
from ..plots.ouabain import concentration_text
from ._base import App, Control
from .readout import note, readout, table

__all__ = [
    "OuabainDoseResponse",
    "PumpBlockTimeCourse",
    "ISOFORM_LABELS",
    "run_scenario",
    "excitability_times",
    "build_grid",
    "scenario",
    "T_GRID_S",
    "MAX_DURATION_MIN",
    "ATP_RECOVERY_TAU_S",
]

#: Reader-facing names of the isoforms of :data:`nakmodel.drugs.OUABAIN_ISOFORMS`.
ISOFORM_LABELS = {
    "human_alpha1": "human α1 (heart, kidney)",
    "rodent_alpha3": "rat α3 (neurons)",
    "rodent_alpha1": "rat α1 (resistant)",
}
#: Longest run of the time-course app, min.
MAX_DURATION_MIN = 120.0
#: Output times of the time-course runs, s: a few early points (the fast jump)
#: then every 1.5 min.
T_GRID_S = np.union1d([0.0, 0.5, 2.0, 5.0, 10.0, 20.0, 40.0], np.arange(0.0, MAX_DURATION_MIN * 60 + 1, 90.0))
#: Time constant of ATP recovery after reoxygenation, s (assumed equal to the
#: 60 s fall of :func:`nakmodel.drugs.anoxia_atp_time_course`).
ATP_RECOVERY_TAU_S = 60.0
_DRIVE_DT_S = 5.0  # sampling of the pump-activity input handed to simulate_cell
_RTOL = 1e-4       # cell solver tolerance (Vm within 0.02 mV of rtol 1e-7 over 3 h; see tests)

# grid of the precomputed runs (the sliders step on exactly these values)
GRID_CONC_UM = tuple(10.0 ** k for k in range(-3, 4))  # 1 nM ... 1 mM
GRID_DIAMETER_UM = (5.0, 10.0, 20.0, 40.0)
GRID_RESTART_MIN = (30.0, 60.0, 90.0, 120.0)  # 120 = the pump never restarts in the window
#: Length of each test-pulse run, ms (pulse at 1 ms; a spike peaks within ~3 ms).
PROBE_MS = 12.0
_GRID_FILE = Path(__file__).with_name("ouabain_grid.npz")
_FIELDS = ("v_mV", "na_in", "k_in", "cl_in", "volume_rel", "activity", "fires")


# ----------------------------------------------------------------------------------- model runs
def _drive(cause, isoform, conc_uM, restart_s, t_end_s):
    """Pump input for simulate_cell: (kind, (t, values)) with kind 'fraction' or 'atp'."""
    t = np.union1d(np.arange(0.0, t_end_s + _DRIVE_DT_S, _DRIVE_DT_S), [0.05, 0.2, 0.5, 1.0])
    t = t[t <= t_end_s]
    if restart_s is not None:
        t = np.union1d(t, [restart_s, min(restart_s + 0.05, t_end_s)])
    if cause == "ouabain":
        block = ouabain_block_time_course(conc_uM, t, isoform=isoform, washout_s=restart_s)
        return "fraction", t, block.pump_fraction
    atp = anoxia_atp_time_course(t)
    if restart_s is not None:
        a_r = float(anoxia_atp_time_course(restart_s))
        a0 = PumpParams().atp_mM
        after = t >= restart_s
        atp = np.where(after, a0 - (a0 - a_r) * np.exp(-(t - restart_s) / ATP_RECOVERY_TAU_S), atp)
    return "atp", t, atp


def run_scenario(cause="ouabain", isoform="human_alpha1", conc_uM=0.01, diameter_um=20.0, restart_min=None,
                 t_s=T_GRID_S):
    """Run the pump–leak cell after ouabain or ATP loss at t = 0.

    Parameters
    ----------
    cause : {"ouabain", "anoxia"}
        Ouabain added at t = 0 (one-site binding, :func:`ouabain_block_time_course`)
        or ATP falling as in anoxia (:func:`anoxia_atp_time_course`).
    isoform : str
        Key of :data:`nakmodel.drugs.OUABAIN_ISOFORMS` (ouabain only).
    conc_uM : float
        Ouabain, µM (ouabain only).
    diameter_um : float
        Cell diameter, µm (surface/volume = 6/d: small cells run down faster).
    restart_min : float or None
        Time of washout (ouabain) or reoxygenation (anoxia, ATP recovers with
        :data:`ATP_RECOVERY_TAU_S`), min; ``None``: never.
    t_s : array_like
        Output times, s.

    Returns
    -------
    dict
        ``t_s`` and arrays ``v_mV``, ``na_in``, ``k_in``, ``cl_in`` (mM),
        ``volume_rel``, ``activity`` (pump activity relative to control, 0–1).
    """
    cause = check_choice("cause", cause, ("ouabain", "anoxia"))
    isoform = check_choice("isoform", isoform, tuple(OUABAIN_ISOFORMS))
    t = np.asarray(t_s, dtype=float)
    t_end = float(t[-1])
    restart_s = None if restart_min is None else check_number("restart_min", restart_min, "min", 0.0, None) * 60.0
    if restart_s is not None and restart_s >= t_end:
        restart_s = None
    params = replace(CellParams(), diameter_um=check_number("diameter_um", diameter_um, "µm", 1.0, 1000.0))
    kind, td, drive = _drive(cause, isoform, conc_uM, restart_s, t_end)
    # integrate in two pieces split at the restart, so the solver starts afresh at the jump
    edges = [0.0, t_end] if restart_s is None else [0.0, restart_s, t_end]
    pieces, initial = [], None
    for a, b in zip(edges[:-1], edges[1:]):
        last = b == t_end
        t_out = np.union1d([a, b], t[(t >= a) & (t <= b)]) - a
        sel = (td >= a) & (td <= b)
        drive_piece = (td[sel] - a, drive[sel])
        kw = {"pump_fraction": drive_piece} if kind == "fraction" else {"atp_mM": drive_piece}
        tr = simulate_cell(params, b - a, t_eval=t_out, rtol=_RTOL, initial=initial, **kw)
        keep = slice(None) if last else slice(None, -1)
        pieces.append({"t_s": tr.t_s[keep] + a, "v_mV": tr.v_mV[keep], "na_in": tr.na_in[keep],
                       "k_in": tr.k_in[keep], "cl_in": tr.cl_in[keep], "volume_rel": tr.volume_rel[keep]})
        initial = CellState(float(tr.v_mV[-1]), float(tr.na_in[-1]), float(tr.k_in[-1]), float(tr.cl_in[-1]),
                            float(tr.volume_rel[-1]), 0.0, 0.0, 0.0, 0.0, math.nan)
    out = {k: np.concatenate([pc[k] for pc in pieces]) for k in pieces[0]}
    # back onto the requested output times (the split point itself may not be one of them)
    out = {k: np.interp(t, out["t_s"], v) for k, v in out.items() if k != "t_s"}
    out["t_s"] = t
    if kind == "fraction":
        activity = np.interp(t, td, drive)
    else:
        activity = pump_fraction_from_atp(np.interp(t, td, drive)) / pump_fraction_from_atp(PumpParams().atp_mM)
    out["activity"] = np.asarray(activity, dtype=float)
    return out


def _fires_at(run, t):
    def at(key):
        return float(np.interp(t, run["t_s"], run[key]))
    c_out = CellParams().c_out_mM
    return probe_excitability(at("v_mV"), nernst(1, c_out["Na"], at("na_in")), nernst(1, c_out["K"], at("k_in")),
                              duration_ms=PROBE_MS).fires


def excitability_times(run, n_bisect=8):
    """Test pulses along a run: where does the neuron stop (and start again) firing?

    At each output time the cell's Vm, E_Na and E_K go into
    :func:`nakmodel.hh.probe_excitability` (Wang–Buzsáki neuron, 1-ms,
    20 µA/cm² pulse; a spike = overshoot above 0 mV). The first change from
    firing to silent (and back) is refined by bisection on the interpolated state.

    Returns
    -------
    fires : ndarray of bool
        Per output time.
    fail_s, recover_s : float
        Time the test pulse first fails and first succeeds again, s (nan if never).
    """
    t = run["t_s"]
    fires = np.array([_fires_at(run, ti) for ti in t])

    def refine(i, state_before):
        lo, hi = t[i - 1], t[i]
        for _ in range(n_bisect):
            mid = 0.5 * (lo + hi)
            if _fires_at(run, mid) == state_before:
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


def _key(cause, isoform, conc_uM, diameter_um, restart_min):
    if cause == "anoxia":
        isoform, conc_uM = "none", 0.0
    return f"{cause}|{isoform}|{conc_uM:.4g}|{diameter_um:.4g}|{restart_min:.4g}"


def _compute(cause, isoform, conc_uM, diameter_um, restart_min):
    run = run_scenario(cause, isoform, conc_uM, diameter_um,
                       None if restart_min >= MAX_DURATION_MIN else restart_min)
    fires, fail_s, recover_s = excitability_times(run)
    run["fires"] = fires
    run["fail_s"], run["recover_s"] = fail_s, recover_s
    return run


def _grid_keys():
    for d in GRID_DIAMETER_UM:
        for r in GRID_RESTART_MIN:
            yield ("anoxia", "human_alpha1", 0.0, d, r)
            for iso in OUABAIN_ISOFORMS:
                for c in GRID_CONC_UM:
                    yield ("ouabain", iso, c, d, r)


def build_grid(path=_GRID_FILE, progress=False):
    """Run every grid combination and save them (float32) to ``path`` (a few minutes)."""
    keys, arrays, times = [], {f: [] for f in _FIELDS}, []
    for i, k in enumerate(_grid_keys()):
        run = _compute(*k)
        keys.append(_key(*k))
        for f in _FIELDS:
            arrays[f].append(run[f])
        times.append((run["fail_s"], run["recover_s"]))
        if progress and i % 50 == 0:
            print(i, k, flush=True)
    np.savez_compressed(path, keys=np.array(keys), t_s=T_GRID_S, times=np.array(times),
                        **{f: np.array(arrays[f], dtype=bool if f == "fires" else np.float32) for f in _FIELDS})


@lru_cache(maxsize=1)
def _grid():
    if not _GRID_FILE.exists():
        return {}
    with np.load(_GRID_FILE) as z:
        if not np.array_equal(z["t_s"], T_GRID_S):
            return {}
        data = {f: z[f] for f in _FIELDS}
        index = {str(k): i for i, k in enumerate(z["keys"])}
        times = z["times"]
    return {"index": index, "data": data, "times": times}


@lru_cache(maxsize=256)
def scenario(cause, isoform, conc_uM, diameter_um, restart_min):
    """One run (dict of arrays + ``fail_s``, ``recover_s``), from the grid or computed and cached."""
    g = _grid()
    k = _key(cause, isoform, conc_uM, diameter_um, restart_min)
    if g and k in g["index"]:
        i = g["index"][k]
        run = {f: g["data"][f][i].astype(bool if f == "fires" else float) for f in _FIELDS}
        run["t_s"] = T_GRID_S
        run["fail_s"], run["recover_s"] = (float(x) for x in g["times"][i])
        return run
    return _compute(cause, isoform, conc_uM, diameter_um, restart_min)


def _snap(value, options):
    return min(options, key=lambda o: abs(math.log(o) - math.log(value)))


# ----------------------------------------------------------------------------------- app 1
_DR_CONC = Control("conc_uM", "ouabain", "µM", 0.01, 1e-4, 1e4, 0.25, log=True, readout_format=".2g")


class OuabainDoseResponse(App):
    """Ouabain block of three α isoforms: dose–response and binding over time.

    Left: fraction of pump activity left at equilibrium vs concentration
    (one-site, K_d from :data:`nakmodel.drugs.OUABAIN_ISOFORMS`). Right: the
    fraction left over time after ouabain is added at t = 0 and washed out at
    the chosen time (first-order binding).
    """

    title = "Ouabain dose–response: why a rat shrugs off what stops a human heart"
    continuous_update = True
    controls = (
        _DR_CONC,
        Control("washout_min", "washout at", "min", 60.0, 5.0, 120.0, 5.0, readout_format=".0f"),
    )
    scenarios = {
        "rat-vs-human": {"conc_uM": 1.0},
        "low-dose-washout": {"conc_uM": 0.01, "washout_min": 20.0},
        "ouabain-1mM": {"conc_uM": 1000.0},
    }
    scenario_notes = {
        "rat-vs-human": "1 µM: human α1 and rat α3 almost fully blocked, rat α1 hardly at all",
        "low-dose-washout": "10 nM washed out at 20 min: block builds over tens of minutes, recovery is slower still",
        "ouabain-1mM": "1 mM: even the resistant rat α1 is blocked, and it binds and lets go within seconds",
    }
    window_min = 120.0

    def make_figure(self):
        from ..plots.ouabain import DoseResponsePlot

        return DoseResponsePlot(tuple(ISOFORM_LABELS), ISOFORM_LABELS, self.window_min)

    def compute_and_draw(self, values):
        c = values["conc_uM"]
        tw = values["washout_min"]
        t_s = np.linspace(0.0, self.window_min * 60.0, 241)
        self.fraction = {iso: ouabain_pump_fraction(c, iso) for iso in ISOFORM_LABELS}
        self.courses = {iso: ouabain_block_time_course(c, t_s, isoform=iso, washout_s=tw * 60.0).pump_fraction
                        for iso in ISOFORM_LABELS}
        taus = {iso: 1.0 / (k.k_on_per_uM_s * c + k.k_off_per_s) for iso, k in OUABAIN_ISOFORMS.items()}
        self.plot.update(c, self.fraction, t_s / 60.0, self.courses, tw)
        rows = [(html.escape(ISOFORM_LABELS[iso]), f"{100 * self.fraction[iso]:.1f} %", note(_fmt_time(taus[iso])))
                for iso in ISOFORM_LABELS]
        text = readout(table(rows, title=f"Pump activity left at {concentration_text(c)}",
                             header=("", "at equilibrium", "time constant")))
        return self.plot.alt_text(c, self.fraction, tw), text


def _fmt_time(t_s):
    if t_s < 60:
        return f"{t_s:.2g} s"
    if t_s < 3600:
        return f"{t_s / 60:.3g} min"
    return f"{t_s / 3600:.3g} h"


# ----------------------------------------------------------------------------------- app 2
_CAUSES = (("ouabain", "ouabain"), ("anoxia (ATP falls)", "anoxia"))


class PumpBlockTimeCourse(App):
    """Vm, [Na]i, [K]i and volume for two hours after ouabain or ATP loss.

    Defaults: 1 µM ouabain on human α1 (near-complete block), the book's
    20 µm pump–leak cell (:class:`nakmodel.cell.CellParams`), no washout.
    """

    title = "After the pump stops: the slow collapse"
    controls = (
        Control("conc_uM", "ouabain", "µM", 1.0, GRID_CONC_UM[0], GRID_CONC_UM[-1], 1.0, log=True,
                readout_format=".2g"),
        Control("diameter_um", "cell diameter", "µm", CellParams().diameter_um, GRID_DIAMETER_UM[0],
                GRID_DIAMETER_UM[-1], math.log10(2.0), log=True, readout_format=".0f"),
        Control("restart_min", "pump restarts at", "min", MAX_DURATION_MIN, GRID_RESTART_MIN[0],
                GRID_RESTART_MIN[-1], 30.0, readout_format=".0f"),
        Control("duration_min", "time shown", "min", MAX_DURATION_MIN, 10.0, MAX_DURATION_MIN, 10.0,
                readout_format=".0f"),
    )
    # values on the precomputed grid (GRID_CONC_UM, GRID_DIAMETER_UM, GRID_RESTART_MIN)
    scenarios = {
        "first-10-minutes": {"duration_min": 10.0},
        "small-cell": {"diameter_um": 5.0},
        "rat-pump-washout": {"isoform": "rodent_alpha1", "conc_uM": 1000.0, "restart_min": 60.0},
        "anoxia-reoxygenation": {"cause": "anoxia", "restart_min": 60.0},
    }
    scenario_notes = {
        "first-10-minutes": "1 µM on human α1, first 10 min: a few mV at once, then a slow creep; the test pulse "
                            "still works",
        "small-cell": "a 5 µm cell: the test pulse fails after minutes instead of about 20 and the cell swells more",
        "rat-pump-washout": "1 mM on rat α1, washed out at 60 min: the pump restarts at once, Vm overshoots below "
                            "rest and [Na⁺]i is back within about 10 min",
        "anoxia-reoxygenation": "ATP falls (anoxia), oxygen back at 60 min: Vm overshoots to about −79 mV, "
                                "the cell recovers within about 10 min",
    }

    def __init__(self, **initial_values):
        style = {"description_width": "13em"}
        self.cause = W.ToggleButtons(options=_CAUSES, value="ouabain", description="what stops the pump",
                                     style=style)
        self.isoform = W.Dropdown(options=[(v, k) for k, v in ISOFORM_LABELS.items()], value="human_alpha1",
                                  description="pump isoform", style=style, layout=W.Layout(width="30em"))
        super().__init__(**initial_values)
        self.cause.observe(lambda _c: self.update(), names="value")
        self.isoform.observe(lambda _c: self.update(), names="value")

    def extra_controls(self):
        return [self.cause, self.isoform]

    def make_figure(self):
        from ..plots.ouabain import RundownPlot

        return RundownPlot(MAX_DURATION_MIN)

    def settings(self, values):
        """Snap the control values to the precomputed grid: (cause, isoform, conc, diameter, restart)."""
        cause = self.cause.value
        conc = _snap(values["conc_uM"], GRID_CONC_UM)
        d = _snap(values["diameter_um"], GRID_DIAMETER_UM)
        r = min(GRID_RESTART_MIN, key=lambda o: abs(o - values["restart_min"]))
        return cause, self.isoform.value, conc, d, r

    def _snap_sliders(self, conc, d, r):
        """Show the grid value the run uses on each slider (the Python side does not snap log sliders)."""
        with self.panel.quiet():
            for name, v in (("conc_uM", conc), ("diameter_um", d), ("restart_min", r)):
                if abs(self.sliders[name].value - v) > 1e-9 * v:
                    self.sliders[name].value = v
        self.panel.mark_changed()

    def compute_and_draw(self, values):
        cause, iso, conc, d, r = self.settings(values)
        self._snap_sliders(conc, d, r)
        if self.isoform is not None:
            self.isoform.disabled = cause != "ouabain"
        run = scenario(cause, iso, conc, d, r)
        self.run = run
        dur = float(values["duration_min"])
        restart = None if r >= MAX_DURATION_MIN else r
        self.plot.update(run, dur, restart, cause)
        t = run["t_s"] / 60.0
        end = int(np.searchsorted(t, dur, side="right") - 1)
        i20 = int(np.searchsorted(run["t_s"], 20.0))
        fail = run["fail_s"] / 60.0
        rec = run["recover_s"] / 60.0
        if math.isnan(fail) or fail > dur:
            ap = "still fires at the end of the window"
        else:
            ap = f"stops firing at {fail:.0f} min"
            if not math.isnan(rec) and rec <= dur:
                ap += f", fires again at {rec:.0f} min"
        what = (f"{concentration_text(conc)} ouabain on {ISOFORM_LABELS[iso]}" if cause == "ouabain"
                else "anoxia: ATP falls with a 1-min time constant")
        rows = [
            ("V<sub>m</sub>", f"{run['v_mV'][0]:.1f} → {run['v_mV'][i20]:.1f} (20 s) → {run['v_mV'][end]:.1f} mV"),
            ("[Na⁺]<sub>i</sub>", f"{run['na_in'][0]:.0f} → {run['na_in'][end]:.0f} mM"),
            ("[K⁺]<sub>i</sub>", f"{run['k_in'][0]:.0f} → {run['k_in'][end]:.0f} mM"),
            ("volume", f"× {run['volume_rel'][end] / run['volume_rel'][0]:.2f}"),
            ("pump activity", f"{100 * run['activity'][end]:.0f} % at {t[end]:.0f} min"),
            ("test pulse", ap),
        ]
        where = f"cell {d:.0f} µm" + ("" if restart is None else f", pump restarts at {restart:.0f} min")
        text = readout(f"<b>{html.escape(what)}</b><br>", note(where), table(rows))
        return self.plot.alt_text(run, dur, what, ap), text


if __name__ == "__main__":  # pragma: no cover - regenerates the cached grid
    build_grid(progress=True)
