"""Chapter "Action potentials: who pays for them": spike explorer and run-down explorer.

:class:`SpikeExplorer` runs a Hodgkin–Huxley-type membrane (squid, HH 1952,
or the Wang–Buzsáki 1996 mammalian neuron) for a short window and reports
the ion bill of one spike. :class:`RundownExplorer` follows [Na]i and E_Na
over a long spike train (time-scale separation, :func:`nakmodel.hh.spike_train_rundown`).

Every number comes from :mod:`nakmodel.hh`; this module holds controls and
figure updates only. Simulations are cached on rounded inputs
(``functools.lru_cache``) and the f–I curve of each model is computed once
(:func:`nakmodel.hh.fi_curve`, cached), so a slider move re-runs at most one
50 ms simulation.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache
from typing import ClassVar

import ipywidgets as W
import numpy as np

from .._validation import ParameterError
from ..constants import rt_over_f_mV
from ..hh import (
    MAMMALIAN_WB,
    MOLECULES_PER_UM2_PER_PMOL_CM2,
    SQUID_HH,
    RundownPump,
    concentration_step_per_spike_mM,
    fi_curve,
    max_sustainable_rate_hz,
    reference_state,
    rundown,
    simulate_hh,
    spike_ion_budget,
    spike_train_rundown,
    steady_rate_hz,
)
from ..plots.action_potentials import RundownPlot, SpikePlot
from ._base import App, Control
from .live._explorer import Choice, LiveExplorer
from .live._pump import pump_spec
from .readout import note, readout, table

__all__ = [
    "GIANT_AXON_UM",
    "MAX_SPIKES_SHOWN",
    "RUNDOWN_CASES",
    "STIM_ONSET_MS",
    "THIN_AXON_UM",
    "WINDOW_MS",
    "RundownExplorer",
    "SpikeExplorer",
]

#: Length of the simulated window of the spike explorer, ms.
WINDOW_MS = 50.0
#: Stimulus onset in the spike explorer, ms.
STIM_ONSET_MS = 5.0
#: Diameter of a thin unmyelinated cortical axon, µm (0.1–0.3 µm; e.g. hippocampal
#: mossy fibres ~0.2 µm, Alle et al. 2009).
THIN_AXON_UM = 0.2
#: Diameter of a squid giant axon, µm (about 0.5 mm; Hodgkin & Huxley 1952 used 0.5-1 mm axons).
GIANT_AXON_UM = 500.0

_MODEL_OPTIONS = (("squid axon (HH 1952)", "squid"), ("mammalian neuron (37 °C)", "mammalian"))
#: Fixed current-axis range per model, µA/cm² (peaks: squid ~800, mammalian ~700 at the defaults).
_CURRENT_AXIS_UA_CM2 = {"squid": 2000.0, "mammalian": 1000.0}


# Output grid of 999 intervals: with stimulus edges on a 0.01 ms grid, no output sample
# falls within 1e-5 ms of an edge unless it coincides exactly. (simulate_hh splits the
# integration at the edges; an output sample a few ulp after an edge makes odeint fail
# with "illegal input" and return NaN.)
_DT_MS = WINDOW_MS / 999.0
_PULSE_GRID_MS = 0.01


@lru_cache(maxsize=64)  # ~70 kB per run: at most ~5 MB per kernel (classroom memory budget)
def _run(model, i_amp, pulse_ms, temperature_C, lock):
    return simulate_hh(i_amp, WINDOW_MS, onset_ms=STIM_ONSET_MS, pulse_ms=pulse_ms, model=model,
                       temperature_C=temperature_C, na_locked_open_fraction=lock, dt_ms=_DT_MS)


@lru_cache(maxsize=512)
def _budget(model, temperature_C, lock):
    return spike_ion_budget(model, temperature_C, na_locked_open_fraction=lock)


def _fmt(x, spec=".2f"):
    return format(x, spec) if np.isfinite(x) else "–"


class SpikeExplorer(App):
    """Stimulate an HH-type membrane; see V, currents, gates, f–I and the ion bill of a spike.

    Defaults: squid axon of Hodgkin & Huxley (1952) at their 6.3 °C
    (:data:`nakmodel.constants.HH_TEMPERATURE_C`), a 10 µA/cm² step for 40 ms
    in a 50 ms window, no Na+ channels locked open.
    """

    title = "Spike explorer: currents, gates and the ion bill of an action potential"
    controls = (
        Control("i_amp", "stimulus current", "µA/cm²", 10.0, 0.0, 50.0, 0.5),
        Control("pulse_ms", "stimulus duration", "ms", 40.0, 0.5, WINDOW_MS - STIM_ONSET_MS, 0.5),
        Control("temperature_C", "temperature (squid only)", "°C", SQUID_HH.temperature_C, 0.0, 30.0, 0.1),
        Control("locked_pct", "Na⁺ channels locked open", "%", 0.0, 0.0, 100.0, 1.0, readout_format=".0f"),
    )
    scenarios: ClassVar[dict] = {
        "below-threshold": {"i_amp": 6.0},
        "warm-squid": {"temperature_C": 18.5},
        "depolarisation-block": {"model_choice": "mammalian", "i_amp": 30.0},
        "sodium-channel-stuck": {"locked_pct": 20.0},
    }
    scenario_notes: ClassVar[dict] = {
        "below-threshold": "6 µA/cm², just below the squid's threshold for repetitive firing: two spikes, "
                           "then silence",
        "warm-squid": "squid at 18.5 °C: briefer spikes, the excess Na⁺ ratio falls from about 13 to about 4",
        "depolarisation-block": "mammalian neuron at 30 µA/cm²: lean spikes (excess ratio near 1), "
                                "a short burst, then depolarisation block",
        "sodium-channel-stuck": "20 % of Na⁺ channels locked open: one spike, then Vm sticks near −15 mV",
    }

    def __init__(self, **initial_values):
        self.model_choice = W.ToggleButtons(options=_MODEL_OPTIONS, value="squid", description="model",
                                            style={"description_width": "13em"})
        self.model_choice.observe(lambda _c: self._on_model(), names="value")
        super().__init__(**initial_values)

    def extra_controls(self):
        return [self.model_choice]

    def _on_model(self):
        self.sliders["temperature_C"].disabled = self.model_choice.value != "squid"
        self.update()

    def make_figure(self):
        return SpikePlot(max_current_uA_cm2=self.controls[0].maximum)

    def compute_and_draw(self, values):
        model = self.model_choice.value
        temp = round(values["temperature_C"], 1) if model == "squid" else None
        lock = round(values["locked_pct"] / 100.0, 3)
        amp = round(values["i_amp"], 2)
        pulse = max(_PULSE_GRID_MS, round(values["pulse_ms"], 2))
        r = _run(model, amp, pulse, temp, lock)
        if not np.all(np.isfinite(r.v_mV)):  # integrator failure: never plot NaN
            raise ParameterError("stimulus", f"{amp} µA/cm² for {pulse} ms", "", "a combination the "
                                 "integrator could not solve; move a slider slightly")
        self.result = r
        off = min(STIM_ONSET_MS + pulse, WINDOW_MS)
        st = r.spike_times_ms
        during = st[(st >= STIM_ONSET_MS) & (st <= off)]
        rate = steady_rate_hz(during)
        self.rate_hz = rate
        fi_i, fi_r = fi_curve(model)
        p = SQUID_HH if model == "squid" else MAMMALIAN_WB
        self.plot.current_bound = _CURRENT_AXIS_UA_CM2[model]
        label = f"f–I at {p.temperature_C:g} °C, no channels locked"
        self.plot.update(r, fi_i, fi_r, amp, rate, STIM_ONSET_MS, off, label)
        try:
            b = _budget(model, temp, lock)
            self.budget = b
            bill = [
                ("Na⁺ in", f"{b.na_entry_pmol_cm2:.2f} pmol/cm²"),
                ("K⁺ out", f"{b.k_exit_pmol_cm2:.2f} pmol/cm²"),
                ("minimum charge C·ΔV", f"{b.min_charge_pmol_cm2:.2f} pmol/cm²"),
                ("excess ratio (Na⁺ in / minimum)", f"<b>{b.excess_ratio:.1f}×</b>"),
                ("ATP to pump it out (Na⁺/3)",
                 f"{b.atp_pmol_cm2:.2f} pmol/cm² ≈ {b.atp_molecules_per_um2:,.0f} per µm²"),
            ]
        except ParameterError as err:
            self.budget = None
            bill = [(note(f"no single isolated spike here ({html.escape(err.allowed)})"),)]
        per_spike = r.na_entry_per_spike_pmol_cm2
        text = readout(
            f"<b>This run</b> ({WINDOW_MS:.0f} ms): {r.n_spikes} spike{'s' if r.n_spikes != 1 else ''}, "
            f"rate {rate:.0f} Hz<br>Na⁺ in per spike (run total / spikes, incl. rest): "
            f"{_fmt(per_spike)} pmol/cm²<br><br>",
            table(bill, title="One isolated spike",
                  subtitle="(0.5 ms pulse, same model, temperature, locked fraction)"),
        )
        return self.plot.alt_text(r, amp, rate), text


# ----------------------------------------------------------------------------- run-down
#: Upper end of the spike-number axis (covers a 1000 µm axon with the pump working).
MAX_SPIKES_SHOWN = 1e7
#: The run-down's neuron models: menu label -> (spike model, temperature °C or None for its own).
RUNDOWN_CASES = {
    "squid 6.3 °C": ("squid", None),
    "squid 18.5 °C": ("squid", 18.5),
    "mammalian 37 °C": ("mammalian", None),
}
_PUMP_STATES = ("pump stopped", "pump working")
#: The run-down's criterion: E_Na this far below its resting value, mV.
CRITERION_MV = 10.0
#: Samples of a run-down trace.
RUNDOWN_POINTS = 300
#: Length of the train shown: this many times the spikes to the criterion with the pump stopped
#: (and, if the pump is working and the criterion lies beyond that, the longer factor), clipped
#: to [TRAIN_MIN_SPIKES, TRAIN_MAX_SPIKES] and rounded to 3 significant digits.
TRAIN_FACTOR = 2.2
TRAIN_FACTOR_LONG = 20.0
TRAIN_MIN_SPIKES = 20.0
TRAIN_MAX_SPIKES = 1e9


def _no_pump(_na_in_mM, _k_out_mM):
    return 0.0


@lru_cache(maxsize=512)
def _rundown(model, temperature_C, diameter_um, rate_hz, n_spikes, pump_on=True):
    """:func:`nakmodel.hh.spike_train_rundown` (cached). With the pump stopped only the
    pump-stopped results are used, so the pump-working branch is given no pump (its integral is
    then a straight line, a few solver steps) instead of the cycle model."""
    return spike_train_rundown(diameter_um, n_spikes=n_spikes, rate_hz=rate_hz, model=model,
                               temperature_C=temperature_C, n_points=RUNDOWN_POINTS,
                               e_na_drop_mV=CRITERION_MV, pump=None if pump_on else _no_pump)


def _rt_over_f(model, temperature_C):
    return rt_over_f_mV(reference_state(model, temperature_C).temperature_C)


def _case_limits(model, temperature_C):
    """Axis ranges per neuron model: the pump-off train runs to 2.2x the criterion."""
    state = reference_state(model, temperature_C)
    na0, na_o = state.na_in_mM, state.na_out_mM
    rtf = _rt_over_f(model, temperature_C)
    na_crit = na0 * math.exp(CRITERION_MV / rtf)
    na_top = na0 + TRAIN_FACTOR * (na_crit - na0)
    e0, e_low = rtf * math.log(na_o / na0), rtf * math.log(na_o / na_top)
    return (0.0, 1.1 * na_top), (5.0 * math.floor(e_low / 5.0) - 5.0, 5.0 * math.ceil(e0 / 5.0) + 5.0)


def _train_spikes(n_per_criterion, factor):
    return float(f"{min(max(factor * n_per_criterion, TRAIN_MIN_SPIKES), TRAIN_MAX_SPIKES):.3g}")


def _criterion(n):
    """``(spikes or None, "reached" | "never" | "beyond")`` from a spikes-to-criterion float."""
    if math.isinf(n):
        return None, "never"
    if math.isnan(n):
        return None, "beyond"
    return float(n), "reached"


class RundownExplorer(LiveExplorer):
    """Axon diameter, firing rate, neuron model and pump on/off: how many spikes until E_Na falls by 10 mV?

    Defaults: a squid giant axon (500 µm) firing at 10 Hz, pump stopped.

    Two engines feed ``frontend/rundown.js``: live, :func:`nakmodel.hh.spike_train_rundown`
    (cached); static, ``frontend/ports/rundown.js``, the same time-scale-separated model with the
    pump of ``frontend/ports/pump_cycle.js``. The per-spike loads (Na⁺ in, K⁺ out, pmol/cm²) and
    the reference states of each neuron model come from nakmodel's HH runs
    (:func:`nakmodel.hh.spike_ion_budget`, :func:`nakmodel.hh.reference_state`) as numbers in
    the spec: the page does not integrate HH.

    Examples
    --------
    >>> app = RundownExplorer()
    >>> app.result["status"], round(app.result["spikes_to_criterion"], -3)
    ('reached', 22000.0)
    """

    name = "rundown"
    title = "Run-down explorer: how many spikes do the gradients last?"
    controls = (
        Control("diameter_um", "axon diameter", "µm", GIANT_AXON_UM, 0.1, 1000.0, 0.01, log=True,
                readout_format=".3g"),
        Control("rate_hz", "firing rate", "Hz", 10.0, 1.0, 300.0, 1.0, readout_format=".0f"),
    )
    choices = (Choice("case", "neuron model", tuple(RUNDOWN_CASES), next(iter(RUNDOWN_CASES))),
               Choice("pump", "Na⁺/K⁺ pump", _PUMP_STATES, _PUMP_STATES[0]))
    scenarios: ClassVar[dict] = {
        "thin-axon": {"diameter_um": THIN_AXON_UM},
        "squid-18C": {"case": "squid 18.5 °C"},
        "pump-keeps-up": {"case": "mammalian 37 °C", "diameter_um": THIN_AXON_UM, "pump": "pump working",
                          "rate_hz": 1.0},
        "pump-falls-behind": {"case": "mammalian 37 °C", "diameter_um": THIN_AXON_UM, "pump": "pump working",
                              "rate_hz": 20.0},
    }
    scenario_notes: ClassVar[dict] = {
        "thin-axon": "a 0.2 µm axon, pump stopped: 2500 times fewer spikes than the giant axon "
                     "before E_Na falls",
        "squid-18C": "giant axon at 18.5 °C: the leaner, warmer spike buys about 3.5 times as many spikes",
        "pump-keeps-up": "thin mammalian axon, pump working at 1 Hz: [Na⁺]i never reaches the criterion",
        "pump-falls-behind": "thin mammalian axon, pump working at 20 Hz, about twice what it can sustain: "
                             "the gradient still runs down, only more slowly",
    }

    def params(self) -> dict:
        """The pump (:func:`nakmodel.widgets.live._pump.pump_spec`) with the run-down's density
        (pumps/µm²) and ΔG_ATP (kJ/mol) (:class:`nakmodel.hh.RundownPump`), molecules/µm² per
        pmol/cm², the concentration step per pmol/cm² in a 1 µm cylinder (mM), and per neuron
        model its reference state (mM, mV, °C), per-spike loads (pmol/cm², HH runs) and axis
        ranges; the criterion (mV), trace samples, the train-length rule, the diameter presets
        and the ranges nakmodel accepts (:data:`nakmodel.hh.rundown.DIAMETER_RANGE_UM`, µm;
        ``RATE_RANGE_HZ``, Hz)."""
        pump = RundownPump()
        cases = {}
        for label, (model, temp) in RUNDOWN_CASES.items():
            s = reference_state(model, temp)
            b = spike_ion_budget(model, temp)
            na_range, e_range = _case_limits(model, temp)
            cases[label] = {"na_in_mM": s.na_in_mM, "k_in_mM": s.k_in_mM, "na_out_mM": s.na_out_mM,
                            "k_out_mM": s.k_out_mM, "v_rest_mV": s.v_rest_mV,
                            "temperature_C": s.temperature_C, "na_per_spike_pmol_cm2": b.na_entry_pmol_cm2,
                            "k_per_spike_pmol_cm2": b.k_exit_pmol_cm2, "na_range_mM": list(na_range),
                            "e_range_mV": list(e_range)}
        return {
            "pump": pump_spec(), "density_per_um2": pump.density_per_um2,
            "atp_free_energy_kJ_per_mol": pump.atp_free_energy_kJ_per_mol,
            "molecules_per_um2_per_pmol_cm2": MOLECULES_PER_UM2_PER_PMOL_CM2,
            "step_mM_per_pmol_cm2_um": concentration_step_per_spike_mM(1.0, 1.0),
            "cases": cases, "pump_states": list(_PUMP_STATES), "e_na_drop_mV": CRITERION_MV,
            "n_points": RUNDOWN_POINTS,
            "train": {"factor": TRAIN_FACTOR, "factor_long": TRAIN_FACTOR_LONG,
                      "min_spikes": TRAIN_MIN_SPIKES, "max_spikes": TRAIN_MAX_SPIKES},
            "max_spikes_shown": MAX_SPIKES_SHOWN,
            "presets_um": {"thin": THIN_AXON_UM, "giant": GIANT_AXON_UM},
            "limits": {"diameter_um": list(rundown.DIAMETER_RANGE_UM),
                       "rate_hz": list(rundown.RATE_RANGE_HZ)},
        }

    def run(self, values: dict):
        """``(RundownResult, pump on?, RT/F mV)`` for the control values (cached runs)."""
        model, temp = RUNDOWN_CASES[values["case"]]
        pump_on = values["pump"] == _PUMP_STATES[1]
        d, rate = values["diameter_um"], values["rate_hz"]
        n_off = _rundown(model, temp, d, rate, 1.0, False).spikes_to_criterion_pump_off
        r = _rundown(model, temp, d, rate, _train_spikes(n_off, TRAIN_FACTOR), pump_on)
        if pump_on and math.isnan(r.spikes_to_criterion_pump_on):
            r = _rundown(model, temp, d, rate, _train_spikes(n_off, TRAIN_FACTOR_LONG), pump_on)
        return r, pump_on, _rt_over_f(model, temp)

    def compute(self, values: dict) -> dict:
        """The case shown: spike numbers, [Na⁺]ᵢ (mM) and E_Na (mV) with the pump as chosen and
        with it stopped, spikes to the criterion (or why none), per-spike step and load, and the
        highest rate the pump sustains (:func:`nakmodel.hh.max_sustainable_rate_hz`)."""
        r, pump_on, _rtf = self.run(values)
        model, temp = RUNDOWN_CASES[values["case"]]
        n_crit, status = _criterion(r.spikes_to_criterion_pump_on if pump_on
                                    else r.spikes_to_criterion_pump_off)
        na = r.na_in_mM if pump_on else r.na_in_pump_off_mM
        e = r.e_na_mV if pump_on else r.e_na_pump_off_mV
        return {
            "spike_number": r.spike_number.tolist(), "na_in_mM": na.tolist(), "e_na_mV": e.tolist(),
            "na_in_pump_off_mM": r.na_in_pump_off_mM.tolist(),
            "e_na_pump_off_mV": r.e_na_pump_off_mV.tolist(),
            "spikes_to_criterion": n_crit, "status": status, "na_step_mM": r.na_step_mM,
            "na_per_spike_pmol_cm2": r.na_per_spike_pmol_cm2,
            "max_sustainable_rate_hz": max_sustainable_rate_hz(model, temp, e_na_drop_mV=CRITERION_MV),
        }

    def fallback_figure(self, values: dict, result: dict):
        r, pump_on, rtf = self.run(values)
        model, temp = RUNDOWN_CASES[values["case"]]
        plot = RundownPlot(max_spikes=MAX_SPIKES_SHOWN)
        plot.set_limits(*_case_limits(model, temp))
        plot.update(r, pump_on, rtf)
        return plot.fig, plot.alt_text(r, pump_on)
