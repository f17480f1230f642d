"""Chapter "Active transport and the Na+/K+ pump cycle": the cycle explorer.

:class:`CycleExplorer` shows the Post–Albers cycle of one pump
(:data:`nakmodel.PUMP_STATES`), steps through a seeded stochastic run of
:func:`nakmodel.simulate_pump_cycles` with a **Step** button or an
``ipywidgets.Play`` (frames = events of the run, computed once), counts Na+
out, K+ in and ATP used, and plots the deterministic net rate
(:func:`nakmodel.pump_cycle_rate`) against membrane potential with the
reversal potential (:func:`nakmodel.pump_reversal_potential`).

Speed: a slider move re-runs the model once (rate curve + one cached
stochastic run, :func:`nakmodel.pump.cycle_run`, whose length
:func:`nakmodel.pump.run_duration_s` is long enough for about 25 net cycles);
an animation frame only moves the highlight, the counters and the time cursor
(:meth:`CycleExplorer.show_frame`).
"""

from __future__ import annotations

import time
from collections import deque

import ipywidgets as W

from ..constants import MAMMALIAN_NEURON
from ..electrochem import ATP, pump_reversal_potential
from ..plots.electrochem import REFERENCE_REST_MV
from ..plots.pump_cycle import PumpCyclePlot
from ..pump import (
    PUMP_STATES,
    RUN_SEED,
    PumpParams,
    cycle_run,
    pump_cycle_rate,
    run_duration_s,
)
from ._base import App, Control
from .readout import readout, table

__all__ = ["DEFAULT_DG_ATP", "RUN_SEED", "CycleExplorer", "cycle_run", "run_duration_s"]

_OUT = MAMMALIAN_NEURON.c_out_mM
_IN = MAMMALIAN_NEURON.c_in_mM
_PUMP = PumpParams()
#: ΔG_ATP default of the cycle model, kJ/mol (:data:`nakmodel.electrochem.ATP`).
DEFAULT_DG_ATP = ATP.free_energy_kJ_per_mol
_V_RANGE = (-300.0, 60.0)


class CycleExplorer(App):
    """Step or animate one pump through the E1/E2 cycle; rate against voltage.

    Controls: [Na+]i, [K+]o, [ATP] (kinetic effect only), Vm and ΔG_ATP.
    Defaults: the book's mammalian neuron (:data:`nakmodel.MAMMALIAN_NEURON`),
    ATP from :class:`nakmodel.PumpParams`, ΔG_ATP the default of
    :func:`nakmodel.pump_cycle_rate` (-55 kJ/mol) and Vm −70 mV.
    """

    title = "Cycle explorer: one Na⁺/K⁺ pump, step by step"
    continuous_update = False
    controls = (
        Control("na_in", "[Na⁺] inside", "mM", _IN["Na"], 1.0, 100.0, 0.5),
        Control("k_out", "[K⁺] outside", "mM", _OUT["K"], 0.2, 20.0, 0.1),
        Control("atp", "[ATP] inside", "mM", _PUMP.atp_mM, 0.02, 10.0, 0.01, log=True, readout_format=".2f"),
        Control("v_mV", "membrane potential Vm", "mV", REFERENCE_REST_MV, _V_RANGE[0], _V_RANGE[1], 1.0,
                readout_format=".0f"),
        Control("dg_atp", "ΔG of ATP hydrolysis", "kJ/mol", DEFAULT_DG_ATP, -80.0, -20.0, 0.5),
    )
    scenarios = {
        "high-sodium": {"na_in": 30.0},
        "low-atp": {"atp": 0.05},
        "backwards": {"dg_atp": -30.0},
        "hyperpolarised": {"v_mV": -260.0},
    }
    scenario_notes = {
        "high-sodium": "[Na⁺] inside raised to 30 mM: the cycle rate rises strongly (3 Na⁺ must bind)",
        "low-atp": "[ATP] 0.05 mM: the rate falls although ΔG is unchanged "
                   "(a kinetic, not a thermodynamic limit)",
        "backwards": "ΔG of ATP only −30 kJ/mol: the pump runs backwards, Na⁺ in, K⁺ out, making ATP",
        "hyperpolarised": "Vm −260 mV, below the reversal potential: the pump runs backwards",
    }

    def __init__(self, **initial_values):
        self.play = W.Play(value=0, min=0, max=1, step=1, interval=150, description="Animate the run",
                           show_repeat=False)
        self.frame_slider = W.IntSlider(value=0, min=0, max=1, description="event", continuous_update=True,
                                        layout=W.Layout(width="22em"))
        W.jslink((self.play, "value"), (self.frame_slider, "value"))
        self.speed = W.ToggleButtons(options=[("1 event/tick", 1), ("5", 5), ("25", 25)], value=1,
                                     description="speed", style={"button_width": "6.5em"},
                                     tooltips=["one event per frame", "five events per frame",
                                               "25 events per frame"])
        self.speed.observe(lambda ch: setattr(self.play, "step", ch["new"]), names="value")
        self.step_button = W.Button(description="Step", icon="step-forward",
                                    tooltip="Advance the pump to its next state in the run",
                                    layout=W.Layout(width="8em"))
        self.step_button.on_click(lambda _b: self.step())
        self.frame = 0
        self._frame_lock = False
        self.last_frame_s = 0.0
        self.frame_times = deque(maxlen=500)  # recent frame times, s (bounded: animations run long)
        self.play.observe(self._on_frame, names="value")
        super().__init__(**initial_values)

    # ----- App hooks -------------------------------------------------------------------
    def extra_controls(self):
        return [W.HBox([self.step_button, self.play]), self.frame_slider, self.speed]

    def make_figure(self):
        return PumpCyclePlot(PUMP_STATES, v_range_mV=_V_RANGE)

    @staticmethod
    def _key(values):
        return (round(values["na_in"], 2), round(values["k_out"], 2), float(f"{values['atp']:.3g}"),
                round(values["v_mV"], 1), round(values["dg_atp"], 2))

    def compute_and_draw(self, values):
        na_in, k_out, atp, v, dg = self._key(values)
        kw = dict(na_out_mM=_OUT["Na"], k_in_mM=_IN["K"], atp_free_energy_kJ_per_mol=dg, atp_mM=atp)
        curve = pump_cycle_rate(na_in, k_out, self.plot.v_grid, **kw)
        run, rate, dur = cycle_run(na_in, k_out, atp, v, dg)
        c_out = {"Na": _OUT["Na"], "K": k_out}
        c_in = {"Na": na_in, "K": _IN["K"]}
        v_rev = pump_reversal_potential(c_out, c_in, dg)
        self.run, self.rate, self.v_rev, self.curve = run, rate, v_rev, curve
        self.plot.set_conditions(curve, v, rate, v_rev, run)
        n = len(run.t_s) - 1
        self.frame = n if self.mode == "static" else 0
        self._frame_lock = True
        try:
            self.play.max = max(n, 1)
            self.frame_slider.max = max(n, 1)
            self.play.value = self.frame
        finally:
            self._frame_lock = False
        self.plot.show_frame(self.frame)
        direction = ("forwards: pumps Na⁺ out, uses ATP" if rate > 0 else
                     "<b>backwards</b>: Na⁺ in, K⁺ out, <b>makes ATP</b>" if rate < 0 else "at equilibrium")
        text = readout(
            table([("net rate", f"<b>{rate:+.1f}</b> cycles/s"), ("reversal potential", f"{v_rev:+.0f} mV"),
                   ("Vm − V<sub>rev</sub>", f"{v - v_rev:+.0f} mV")], title="Deterministic model"),
            f"The pump runs {direction}.<br><b>Stochastic run</b> ({dur * 1e3:.0f} ms, seed {RUN_SEED}): "
            f"{int(run.na_out[-1]):+d} Na⁺ out, {int(run.k_in[-1]):+d} K⁺ in, {int(run.atp_used[-1]):+d} ATP "
            f"in {n} events ({run.mean_rate_per_s:+.1f} cycles/s).")
        return self.plot.alt_text(v, rate, v_rev, self.frame), text

    # ----- frames: no model re-run -----------------------------------------------------
    def _on_frame(self, change):
        if not self._frame_lock:
            self.show_frame(change["new"])

    def show_frame(self, i):
        """Show event ``i`` of the cached run (highlight, counters, cursor); no model call."""
        t0 = time.perf_counter()
        self.frame = int(min(max(i, 0), len(self.run.t_s) - 1))
        self.plot.show_frame(self.frame)
        # the canvas redraws only the highlight, the counters and the cursor
        self.view.refresh(self.plot.alt_text(self.values["v_mV"], self.rate, self.v_rev, self.frame))
        self.last_frame_s = time.perf_counter() - t0
        self.frame_times.append(self.last_frame_s)

    def step(self):
        """Advance one event (one state change); after the last event start again at 0."""
        n = len(self.run.t_s) - 1
        nxt = self.frame + 1 if self.frame < n else 0
        if self.play.value == nxt:
            self.show_frame(nxt)
        else:
            self.play.value = nxt  # the observer shows the frame
