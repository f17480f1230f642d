"""Chapter "Action potentials: who pays for them": the run-down explorer.

:class:`RundownExplorer` follows [Na]i and E_Na over a long spike train
(time-scale separation, :func:`nakmodel.hh.spike_train_rundown`). The chapter's
spike explorer is drawn in the browser: :class:`nakmodel.widgets.live.SpikeLive`.

Every number comes from :mod:`nakmodel.hh`; this module holds controls and
figure updates only. Runs are cached (``functools.lru_cache``). The run-down explorer is drawn
in the browser too (``frontend/rundown.js``; static book: ``frontend/ports/rundown.js``).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import ClassVar

from ..constants import rt_over_f_mV
from ..hh import (
    MOLECULES_PER_UM2_PER_PMOL_CM2,
    RundownPump,
    concentration_step_per_spike_mM,
    max_sustainable_rate_hz,
    reference_state,
    rundown,
    spike_ion_budget,
    spike_train_rundown,
)
from .controls import Control
from .live._explorer import Choice, LiveExplorer
from .live._pump import pump_spec

__all__ = [
    "GIANT_AXON_UM",
    "MAX_SPIKES_SHOWN",
    "RUNDOWN_CASES",
    "THIN_AXON_UM",
    "RundownExplorer",
]

#: Diameter of a thin unmyelinated cortical axon, µm (0.1–0.3 µm; e.g. hippocampal
#: mossy fibres ~0.2 µm, Alle et al. 2009).
THIN_AXON_UM = 0.2
#: Diameter of a squid giant axon, µm (about 0.5 mm; Hodgkin & Huxley 1952 used 0.5-1 mm axons).
GIANT_AXON_UM = 500.0

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
        from ..plots.action_potentials import RundownPlot  # the static book's fallback only

        plot = RundownPlot(max_spikes=MAX_SPIKES_SHOWN)
        plot.set_limits(*_case_limits(model, temp))
        plot.update(r, pump_on, rtf)
        return plot.fig, plot.alt_text(r, pump_on)
