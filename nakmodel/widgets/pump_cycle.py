"""Chapter "Active transport and the Na+/K+ pump cycle": the cycle explorer, drawn in the browser.

:class:`CycleExplorer` shows the Post–Albers cycle of one pump (:data:`nakmodel.PUMP_STATES`),
steps through a seeded stochastic run of :func:`nakmodel.simulate_pump_cycles` with **Step** and
**Play**, counts Na⁺ out, K⁺ in and ATP used, and plots the deterministic net rate
(:func:`nakmodel.pump_cycle_rate`) against membrane potential with the reversal potential
(:func:`nakmodel.pump_reversal_potential`).

Two engines feed one front end (``frontend/pump_cycle.js``, see ``docs/frontend.md``):

* **live** (Jupyter, Voilà): a control move runs :func:`nakmodel.pump.cycle_run` (cached) and
  the rate curve here and sends the run's events and the curve; the page animates the run with
  ``requestAnimationFrame`` (highlight, counters, time cursor): no kernel call per frame;
* **static** (the book): ``frontend/ports/pump_cycle.js`` computes the same deterministic numbers
  from :func:`nakmodel.widgets.live._pump.pump_spec` and its own seeded Gillespie run over the same
  states and rates (another realisation of the same process; tested statistically).

The matplotlib figure (:class:`nakmodel.plots.pump_cycle.PumpCyclePlot`) is only the
no-JavaScript / print picture.
"""

from __future__ import annotations

from ..constants import MAMMALIAN_NEURON
from ..electrochem import ATP, pump_reversal_potential
from ..plots.shared import RATE_CURVE_POINTS, REFERENCE_REST_MV, STATE_NOTES, STATE_XY, STEP_EVENTS
from ..pump import (
    MAX_RUN_S,
    MIN_RUN_S,
    PUMP_STATES,
    RUN_SEED,
    TARGET_CYCLES,
    PumpParams,
    cycle_run,
    pump_cycle_rate,
    run_duration_s,
)
from .controls import Control
from .live._explorer import LiveExplorer
from .live._pump import pump_spec

__all__ = ["DEFAULT_DG_ATP", "PLAY_RATES_PER_S", "RUN_SEED", "CycleExplorer", "cycle_run", "run_duration_s"]

_OUT = MAMMALIAN_NEURON.c_out_mM
_IN = MAMMALIAN_NEURON.c_in_mM
_PUMP = PumpParams()
#: ΔG_ATP default of the cycle model, kJ/mol (:data:`nakmodel.electrochem.ATP`).
DEFAULT_DG_ATP = ATP.free_energy_kJ_per_mol
V_RANGE_MV = (-300.0, 60.0)
#: Speeds of **Play**, events per second (presentation: slow enough to follow one step, fast
#: enough to see a whole run of ~25 cycles in a few seconds).
PLAY_RATES_PER_S = {"slow": 4.0, "medium": 20.0, "fast": 100.0}


class CycleExplorer(LiveExplorer):
    """Step or animate one pump through the E1/E2 cycle; rate against voltage.

    Controls: [Na+]i, [K+]o, [ATP] (kinetic effect only), Vm and ΔG_ATP.
    Defaults: the book's mammalian neuron (:data:`nakmodel.MAMMALIAN_NEURON`),
    ATP from :class:`nakmodel.PumpParams`, ΔG_ATP the default of
    :func:`nakmodel.pump_cycle_rate` (-55 kJ/mol) and Vm −70 mV. [Na⁺]ₒ and [K⁺]ᵢ are the
    reference neuron's, 37 °C.

    Examples
    --------
    >>> app = CycleExplorer()
    >>> app.result["rate"] > 0, round(app.result["v_rev"])
    (True, -192)
    """

    name = "pump_cycle"
    title = "Cycle explorer: one Na⁺/K⁺ pump, step by step"
    controls = (
        Control("na_in", "[Na⁺] inside", "mM", _IN["Na"], 1.0, 100.0, 0.5),
        Control("k_out", "[K⁺] outside", "mM", _OUT["K"], 0.2, 20.0, 0.1),
        Control("atp", "[ATP] inside", "mM", _PUMP.atp_mM, 0.02, 10.0, 0.01, log=True, readout_format=".2f"),
        Control("v_mV", "membrane potential Vm", "mV", REFERENCE_REST_MV, V_RANGE_MV[0], V_RANGE_MV[1], 1.0,
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

    def params(self) -> dict:
        """The pump model (:func:`nakmodel.widgets.live._pump.pump_spec`), the voltage axis of the
        rate curve (mV, points), the displayed run (seed, ~25 cycles, 0.25–3 s:
        :func:`nakmodel.pump.run_duration_s`), the diagram (state positions, notes, step events
        of :mod:`nakmodel.plots.pump_cycle`) and the Play speeds (events/s)."""
        return {
            "pump": pump_spec(_PUMP), "v_range_mV": list(V_RANGE_MV), "v_points": RATE_CURVE_POINTS,
            "run": {"seed": RUN_SEED, "target_cycles": TARGET_CYCLES, "min_s": MIN_RUN_S, "max_s": MAX_RUN_S},
            "diagram": {"xy": [list(p) for p in STATE_XY], "notes": list(STATE_NOTES),
                        "steps": list(STEP_EVENTS)},
            "play_rates_per_s": PLAY_RATES_PER_S,
        }

    @staticmethod
    def conditions(values: dict) -> dict:
        """Keyword arguments of :func:`nakmodel.pump_cycle_rate` besides the concentrations and Vm."""
        return {"na_out_mM": _OUT["Na"], "k_in_mM": _IN["K"], "atp_free_energy_kJ_per_mol": values["dg_atp"],
                "atp_mM": values["atp"]}

    def compute(self, values: dict) -> dict:
        """Net rate (cycles/s) and reversal potential (mV) at the controls, the rate curve on the
        voltage axis, and the seeded run of :func:`nakmodel.pump.cycle_run`: event times (ms,
        comma-separated in one string), the named-state index of each event as one string of
        digits, and the totals (Na⁺ out, K⁺ in, ATP used). The cumulative counts follow from the
        states (``step_counts`` of the spec) and the page rebuilds them. Strings, not lists: a
        backwards run has ~5000 events, and ipywidgets walks every list element of the state
        (``_separate_buffers``) on each update."""
        import numpy as np

        na_in, k_out, v = values["na_in"], values["k_out"], values["v_mV"]
        kw = self.conditions(values)
        v_grid = np.linspace(*V_RANGE_MV, RATE_CURVE_POINTS)
        curve = pump_cycle_rate(na_in, k_out, v_grid, **kw)
        rate = pump_cycle_rate(na_in, k_out, v, **kw)
        run, _rate, dur = cycle_run(na_in, k_out, values["atp"], v, values["dg_atp"])
        v_rev = pump_reversal_potential({"Na": _OUT["Na"], "K": k_out}, {"Na": na_in, "K": _IN["K"]},
                                        values["dg_atp"])
        return {
            "rate": float(rate), "v_rev": float(v_rev), "curve": [float(x) for x in curve],
            "run": {"t_ms": ",".join(map(repr, np.round(run.t_s * 1e3, 4).tolist())),
                    "states": "".join(map(str, run.state.tolist())),
                    "duration_ms": dur * 1e3, "mean_rate": float(run.mean_rate_per_s),
                    "totals": [int(run.na_out[-1]), int(run.k_in[-1]), int(run.atp_used[-1])],
                    "generator": "numpy"},
        }

    def fallback_figure(self, values: dict, result: dict):
        """The figure at the end of the run (every event shown), with its text alternative."""
        import numpy as np

        from ..plots.pump_cycle import PumpCyclePlot  # the static book's fallback only

        plot = PumpCyclePlot(PUMP_STATES, v_range_mV=V_RANGE_MV)
        run, _rate, _dur = cycle_run(values["na_in"], values["k_out"], values["atp"], values["v_mV"],
                                     values["dg_atp"])
        plot.set_conditions(np.asarray(result["curve"]), values["v_mV"], result["rate"], result["v_rev"], run)
        last = len(run.t_s) - 1
        plot.show_frame(last)
        return plot.fig, plot.alt_text(values["v_mV"], result["rate"], result["v_rev"], last)
