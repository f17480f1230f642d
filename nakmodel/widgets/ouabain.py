"""Chapter "Ouabain: stopping the pump": dose–response by isoform and the slow run-down.

:class:`OuabainDoseResponse` draws the one-site block of the three α isoforms
(:func:`nakmodel.drugs.ouabain_pump_fraction`) and the binding time course at
one concentration, with washout (:func:`nakmodel.drugs.ouabain_block_time_course`).
Both are closed forms, computed on every slider move.

:class:`PumpBlockTimeCourse` shows :func:`nakmodel.pump_block.scenario`: the
pump–leak cell for two hours after ouabain is added or ATP is cut, with an
optional restart, and when a test pulse no longer evokes an action potential.
The sliders step on the values of :mod:`nakmodel.book.ouabain_grid`, whose
runs the build computes once (into a cache directory, under a fingerprint of
the model's source); without that file each new setting is computed on
demand (0.1–0.3 s) and cached in memory.
"""

from __future__ import annotations

import html
import math
from typing import ClassVar

import ipywidgets as W
import numpy as np

from ..book import ouabain_grid as _grid
from ..book.formatting import fixed
from ..cell import CellParams
from ..drugs import (
    OUABAIN_ISOFORMS,
    binding_time_constant_s,
    ouabain_block_time_course,
    ouabain_pump_fraction,
)
from ..plots.ouabain import concentration_text
from ..pump_block import RundownSettings
from ._base import App, Control
from .readout import note, readout, table

__all__ = [
    "ISOFORM_LABELS",
    "MAX_DURATION_MIN",
    "OuabainDoseResponse",
    "PumpBlockTimeCourse",
]

#: Reader-facing names of the isoforms of :data:`nakmodel.drugs.OUABAIN_ISOFORMS`.
ISOFORM_LABELS = {
    "human_alpha1": "human α1 (heart, kidney)",
    "rodent_alpha3": "rat α3 (neurons)",
    "rodent_alpha1": "rat α1 (resistant)",
}
#: Longest run of the time-course app, min.
MAX_DURATION_MIN = RundownSettings().max_duration_min

# the values the time-course sliders step on (those of the build-time grid)
GRID_CONC_UM = _grid.GRID_CONC_UM
GRID_DIAMETER_UM = _grid.GRID_DIAMETER_UM
GRID_RESTART_MIN = tuple(MAX_DURATION_MIN if r is None else r for r in _grid.GRID_RESTART_MIN)  # max: never


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
    scenarios: ClassVar[dict] = {
        "rat-vs-human": {"conc_uM": 1.0},
        "low-dose-washout": {"conc_uM": 0.01, "washout_min": 20.0},
        "ouabain-1mM": {"conc_uM": 1000.0},
    }
    scenario_notes: ClassVar[dict] = {
        "rat-vs-human": "1 µM: human α1 and rat α3 almost fully blocked, rat α1 hardly at all",
        "low-dose-washout": "10 nM washed out at 20 min: block builds over tens of minutes, "
                            "recovery is slower still",
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
        taus = {iso: binding_time_constant_s(c, iso) for iso in OUABAIN_ISOFORMS}
        self.plot.update(c, self.fraction, t_s / 60.0, self.courses, tw)
        rows = [(html.escape(ISOFORM_LABELS[iso]), f"{100 * self.fraction[iso]:.1f} %",
                 note(_fmt_time(taus[iso])))
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
    # values the sliders step on (GRID_CONC_UM, GRID_DIAMETER_UM, GRID_RESTART_MIN)
    scenarios: ClassVar[dict] = {
        "first-10-minutes": {"duration_min": 10.0},
        "small-cell": {"diameter_um": 5.0},
        "rat-pump-washout": {"isoform": "rodent_alpha1", "conc_uM": 1000.0, "restart_min": 60.0},
        "anoxia-reoxygenation": {"cause": "anoxia", "restart_min": 60.0},
    }
    scenario_notes: ClassVar[dict] = {
        "first-10-minutes": "1 µM on human α1, first 10 min: a few mV at once, then a slow creep; "
                            "the test pulse still works",
        "small-cell": "a 5 µm cell: the test pulse fails about four times sooner than in the 20 µm cell, "
                      "and the cell swells more",
        "rat-pump-washout": "1 mM on rat α1, washed out at 60 min: the pump restarts at once, "
                            "Vm dips just below rest and the neuron fires again within minutes",
        "anoxia-reoxygenation": "ATP falls (anoxia), oxygen back at 60 min: the pump restarts and the cell "
                                "recovers within minutes",
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
        restart = None if r >= MAX_DURATION_MIN else r
        run = _grid.cached_scenario(cause, iso, conc, d, restart)
        self.run = run
        dur = float(values["duration_min"])
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
                else "anoxia: ATP falls, ADP and Pi rise")
        rows = [
            ("V<sub>m</sub>", (f"{fixed(run['v_mV'][0], 1)} → {fixed(run['v_mV'][i20], 1)} (20 s) → "
                              f"{fixed(run['v_mV'][end], 1)} mV")),
            ("[Na⁺]<sub>i</sub>", f"{run['na_in'][0]:.0f} → {run['na_in'][end]:.0f} mM"),
            ("[K⁺]<sub>i</sub>", f"{run['k_in'][0]:.0f} → {run['k_in'][end]:.0f} mM"),
            ("volume", f"× {run['volume_rel'][end] / run['volume_rel'][0]:.2f}"),
            ("pump turnover", f"{100 * run['activity'][end]:.0f} % of rest at {t[end]:.0f} min"),
            ("test pulse", ap),
        ]
        if cause == "anoxia":
            rows.insert(5, ("ATP, ΔG<sub>ATP</sub>", (f"{run['atp_mM'][end]:.2g} mM, "
                                                 f"{fixed(run['dg_atp_kJ_per_mol'][end], 0)} kJ/mol")))
        where = f"cell {d:.0f} µm" + ("" if restart is None else f", pump restarts at {restart:.0f} min")
        text = readout(f"<b>{html.escape(what)}</b><br>", note(where), table(rows))
        return self.plot.alt_text(run, dur, what, ap), text
