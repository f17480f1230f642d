"""Chapter "Action potentials: who pays for them": the spike explorer, drawn in the browser.

A Hodgkin–Huxley-type membrane (the squid axon of Hodgkin & Huxley 1952, or the
Wang & Buzsáki 1996 neuron at 37 °C) under a current step: V(t) with the stimulus,
the Na⁺ and K⁺ currents, the gates, the model's f–I curve with this run on it, and
the ion bill of one isolated spike (:func:`nakmodel.hh.spike_ion_budget`).

JavaScript twin: ``frontend/spike.js`` (figure) and ``frontend/ports/spike.js`` (the
static book's fixed-step RK4 run of the same model, whose rate functions, conductances
and reversal potentials come from :func:`nakmodel.hh.models.rate_table` in the spec).
Live, :func:`nakmodel.hh.simulate_hh` (LSODA) computes, cached on the rounded inputs.
The f–I curves come from the build-time file of :mod:`nakmodel.book.spike_grid`, so
no kernel computes one when it starts.

References: Hodgkin1952, Wang1996.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

import numpy as np

from ..._validation import ParameterError
from ...book.spike_grid import cached_fi_curve
from ...electrochem import PUMP_NA_OUT
from ...hh import MODELS, rate_table, simulate_hh, spike_ion_budget, steady_rate_hz
from ...hh.protocols import _BUDGET_STIM
from ...hh.rundown import MOLECULES_PER_UM2_PER_PMOL_CM2
from ...hh.simulate import NC_TO_PMOL, rest_brackets
from ..controls import Control
from ._explorer import Choice, LiveExplorer

__all__ = ["MODEL_CHOICES", "STIM_ONSET_MS", "WINDOW_MS", "SpikeLive"]

#: Length of the simulated window, ms.
WINDOW_MS = 50.0
#: Stimulus onset, ms.
STIM_ONSET_MS = 5.0
#: What the model menu shows -> model name of :data:`nakmodel.hh.MODELS`.
MODEL_CHOICES = MappingProxyType({"squid giant axon (HH 1952)": "squid",
                                  "mammalian neuron (Wang–Buzsáki, 37 °C)": "mammalian"})
_SQUID_LABEL = next(k for k, v in MODEL_CHOICES.items() if v == "squid")
#: Fixed current-axis range per model, µA/cm² (peaks: squid ~800, mammalian ~700 at the defaults).
CURRENT_AXIS_UA_CM2 = MappingProxyType({"squid": 2000.0, "mammalian": 1000.0})
#: Step of the static page's RK4 integrator, ms, and every how many steps a sample is drawn
#: (0.1 ms: 501 points in the window, about one per pixel of a 600 px chart; spike times, peak
#: and charges use every step).
PORT_DT_MS = 0.01
PORT_OUTPUT_EVERY = 10
#: Voltage grid (mV) on which the port tabulates the gating rates (linear interpolation between
#: nodes; formulas outside): relative error <= step²/(8 k²) ≈ 3e-6 for the steepest k = 10 mV.
PORT_RATE_GRID_MV = MappingProxyType({"min_mV": -150.0, "max_mV": 100.0, "step_mV": 0.05})

# LSODA output grid of 999 intervals (simulate_hh inserts the stimulus edges); ~70 kB per run
_DT_MS = WINDOW_MS / 999.0
_PULSE_GRID_MS = 0.01


@lru_cache(maxsize=64)  # at most ~5 MB per kernel (classroom memory budget)
def _run(model, i_amp, pulse_ms, temperature_C, lock):
    return simulate_hh(i_amp, WINDOW_MS, onset_ms=STIM_ONSET_MS, pulse_ms=pulse_ms, model=model,
                       temperature_C=temperature_C, na_locked_open_fraction=lock, dt_ms=_DT_MS)


@lru_cache(maxsize=512)
def _budget(model, temperature_C, lock) -> dict:
    try:
        b = spike_ion_budget(model, temperature_C, na_locked_open_fraction=lock)
    except ParameterError as err:
        return {"error": err.allowed}
    return {"na_entry_pmol_cm2": b.na_entry_pmol_cm2, "k_exit_pmol_cm2": b.k_exit_pmol_cm2,
            "min_charge_pmol_cm2": b.min_charge_pmol_cm2, "excess_ratio": b.excess_ratio,
            "atp_pmol_cm2": b.atp_pmol_cm2, "atp_per_um2": b.atp_molecules_per_um2, "peak_mV": b.peak_mV}


def _rounded(x, decimals):
    return np.round(np.asarray(x, dtype=float), decimals).tolist()


class SpikeLive(LiveExplorer):
    """Stimulate an HH-type membrane; see V, currents, gates, f–I and the ion bill of a spike.

    Defaults: squid axon of Hodgkin & Huxley (1952) at their 6.3 °C, a 10 µA/cm² step
    for 40 ms from 5 ms in a 50 ms window, no Na⁺ channels locked open.

    Examples
    --------
    >>> app = SpikeLive()
    >>> app.result["n_spikes"], round(app.result["budget"]["excess_ratio"])
    (3, 13)
    """

    name = "spike"
    title = "Spike explorer: currents, gates and the ion bill of an action potential"
    controls = (
        Control("i_amp", "stimulus current", "µA/cm²", 10.0, 0.0, 50.0, 0.5),
        Control("pulse_ms", "stimulus duration", "ms", 40.0, 0.5, WINDOW_MS - STIM_ONSET_MS, 0.5),
        Control("temperature_C", "temperature (squid only)", "°C", MODELS["squid"].temperature_C, 0.0, 30.0,
                0.1, readout_format=".1f"),
        Control("locked_pct", "Na⁺ channels locked open", "%", 0.0, 0.0, 100.0, 1.0, readout_format=".0f"),
    )
    choices = (Choice("model", "model", tuple(MODEL_CHOICES), _SQUID_LABEL),)
    # currents chosen with nakmodel (tests/frontend/test_spike_live.py checks the spike counts):
    # the squid's threshold for a 40 ms step lies between 2.2 and 2.5 µA/cm²
    scenarios = MappingProxyType({
        "below-threshold": {"i_amp": 2.0},
        "two-spikes-then-silence": {"i_amp": 6.0},
        "warm-squid": {"temperature_C": 18.5},
        "depolarisation-block": {"model": "mammalian neuron (Wang–Buzsáki, 37 °C)", "i_amp": 30.0},
        "sodium-channel-stuck": {"locked_pct": 20.0},
    })
    scenario_notes = MappingProxyType({
        "below-threshold": "2 µA/cm², below the squid's threshold: a small depolarisation and no spike",
        "two-spikes-then-silence": "6 µA/cm², just below the squid's threshold for repetitive firing: "
                                   "two spikes, then silence while the current is still on",
        "warm-squid": "squid at 18.5 °C: briefer spikes, the excess Na⁺ ratio falls from about 13 to about 4",
        "depolarisation-block": "mammalian neuron at 30 µA/cm²: lean spikes (excess ratio near 1), "
                                "a short burst, then depolarisation block",
        "sodium-channel-stuck": "20 % of Na⁺ channels locked open: one spike, then Vm sticks near −15 mV",
    })

    def params(self) -> dict:
        """Each model's :func:`~nakmodel.hh.models.rate_table` (rate forms and coefficients,
        conductances mS/cm², reversals mV, capacitance µF/cm², Q10) with the resting-potential
        search brackets (mV); window, onset (ms), the port's step (ms) and rate grid (mV); the isolated-spike
        protocol of :func:`~nakmodel.hh.spike_ion_budget`; unit factors (nC -> pmol, Na⁺ per ATP,
        molecules/µm² per pmol/cm²); the f–I curves (build-time file) and the current axes."""
        models = {}
        for key in MODEL_CHOICES.values():
            table = rate_table(key)
            table["rest_brackets_mV"] = [list(b) for b in rest_brackets(MODELS[key])]
            models[key] = table
        fi = {}
        for key in MODEL_CHOICES.values():
            currents, rates = cached_fi_curve(key)
            fi[key] = {"currents_uA_cm2": currents, "rates_hz": rates}
        return {
            "models": models, "model_names": dict(MODEL_CHOICES),
            "window_ms": WINDOW_MS, "onset_ms": STIM_ONSET_MS, "dt_ms": PORT_DT_MS,
            "output_every": PORT_OUTPUT_EVERY, "rate_grid": dict(PORT_RATE_GRID_MV),
            "budget_stimulus": {k: {"amp_uA_cm2": a, "pulse_ms": w, "window_ms": win}
                                for k, (a, w, win) in _BUDGET_STIM.items()},
            "nc_to_pmol": NC_TO_PMOL, "na_per_atp": PUMP_NA_OUT,
            "molecules_per_um2_per_pmol_cm2": MOLECULES_PER_UM2_PER_PMOL_CM2,
            "fi": fi, "current_axis_uA_cm2": dict(CURRENT_AXIS_UA_CM2),
        }

    @staticmethod
    def run_inputs(values: dict) -> tuple:
        """(model, i_amp µA/cm², pulse ms, temperature °C or None, locked fraction), rounded for the cache."""
        model = MODEL_CHOICES[values["model"]]
        temp = round(values["temperature_C"], 1) if MODELS[model].q10 > 0 else None
        lock = round(values["locked_pct"] / 100.0, 3)
        return model, round(values["i_amp"], 2), max(_PULSE_GRID_MS, round(values["pulse_ms"], 2)), temp, lock

    def run(self, values: dict):
        """The :class:`nakmodel.hh.HHResult` of the current settings (cached)."""
        r = _run(*self.run_inputs(values))
        if not np.all(np.isfinite(r.v_mV)):  # integrator failure: never plot NaN
            raise ParameterError("stimulus", f"{values['i_amp']} µA/cm² for {values['pulse_ms']} ms", "",
                                 "a combination the integrator could not solve; move a slider slightly")
        return r

    def compute(self, values: dict) -> dict:
        """Traces (rounded for the wire: 0.001 mV, 0.01 µA/cm², 1e-5 for gates), spike times (ms),
        count, rate (Hz), peak (mV), Na⁺ entry (pmol/cm²) and the isolated-spike ``budget``; the
        stimulus (``i_amp`` µA/cm², on/off ms) is in the result so the figure never pairs a result
        with other values (a teacher link sets the result before the controls)."""
        model, amp, pulse, temp, lock = self.run_inputs(values)
        r = self.run(values)
        off = min(STIM_ONSET_MS + pulse, WINDOW_MS)
        st = r.spike_times_ms
        during = st[(st >= STIM_ONSET_MS) & (st <= off)]
        n = r.n_spikes
        return {
            "model": model, "temperature_C": r.temperature_C, "i_amp": amp, "stim_on_ms": STIM_ONSET_MS,
            "stim_off_ms": off,
            "t": _rounded(r.t_ms, 4), "v": _rounded(r.v_mV, 3), "i_na": _rounded(r.i_na, 2),
            "i_k": _rounded(r.i_k, 2), "m": _rounded(r.m, 5), "h": _rounded(r.h, 5), "n": _rounded(r.n, 5),
            "spike_times_ms": st.tolist(), "n_spikes": n, "rate_hz": steady_rate_hz(during),
            "peak_mV": float(r.v_mV.max()), "na_entry_pmol_cm2": r.na_entry_pmol_cm2,
            "na_per_spike_pmol_cm2": r.na_entry_per_spike_pmol_cm2 if n else None,
            "budget": _budget(model, temp, lock),
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.action_potentials import SpikePlot

        model = result["model"]
        r = self.run(values)
        plot = SpikePlot(max_current_uA_cm2=self.controls[0].maximum,
                         current_bound_uA_cm2=CURRENT_AXIS_UA_CM2[model])
        fi_i, fi_r = cached_fi_curve(model)
        label = f"f–I at {MODELS[model].temperature_C:g} °C, no channels locked"
        plot.update(r, fi_i, fi_r, values["i_amp"], result["rate_hz"], result["stim_on_ms"],
                    result["stim_off_ms"], label)
        return plot.fig, plot.alt_text(r, values["i_amp"], result["rate_hz"])
