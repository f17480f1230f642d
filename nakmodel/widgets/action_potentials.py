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
    SQUID_HH,
    fi_curve,
    max_sustainable_rate_hz,
    reference_state,
    simulate_hh,
    spike_ion_budget,
    spike_train_rundown,
    steady_rate_hz,
)
from ..plots.action_potentials import RundownPlot, SpikePlot
from ._base import App, Control
from .readout import note, readout, table

__all__ = [
    "GIANT_AXON_UM",
    "MAX_SPIKES_SHOWN",
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
_CASES = (
    ("squid 6.3 °C", ("squid", None)),
    ("squid 18.5 °C", ("squid", 18.5)),
    ("mammalian 37 °C", ("mammalian", None)),
)


@lru_cache(maxsize=512)
def _rundown(model, temperature_C, diameter_um, rate_hz, n_spikes):
    return spike_train_rundown(diameter_um, n_spikes=n_spikes, rate_hz=rate_hz, model=model,
                               temperature_C=temperature_C, n_points=300)


def _rt_over_f(model, temperature_C):
    return rt_over_f_mV(reference_state(model, temperature_C).temperature_C)


def _case_limits(model, temperature_C):
    """Axis ranges per neuron model: the pump-off train runs to 2.2x the criterion."""
    state = reference_state(model, temperature_C)
    na0, na_o = state.na_in_mM, state.na_out_mM
    rtf = _rt_over_f(model, temperature_C)
    na_crit = na0 * math.exp(10.0 / rtf)
    na_top = na0 + 2.2 * (na_crit - na0)
    e0, e_low = rtf * math.log(na_o / na0), rtf * math.log(na_o / na_top)
    return (0.0, 1.1 * na_top), (5.0 * math.floor(e_low / 5.0) - 5.0, 5.0 * math.ceil(e0 / 5.0) + 5.0)


class RundownExplorer(App):
    """Axon diameter, firing rate and pump on/off: how many spikes until E_Na falls by 10 mV?

    Defaults: a squid giant axon (500 µm) firing at 10 Hz, pump stopped.
    """

    title = "Run-down explorer: how many spikes do the gradients last?"
    controls = (
        Control("diameter_um", "axon diameter", "µm", GIANT_AXON_UM, 0.1, 1000.0, 0.01, log=True,
                readout_format=".3g"),
        Control("rate_hz", "firing rate", "Hz", 10.0, 1.0, 300.0, 1.0, readout_format=".0f"),
    )
    scenarios: ClassVar[dict] = {
        "thin-axon": {"diameter_um": THIN_AXON_UM},
        "squid-18C": {"case": ("squid", 18.5)},
        "pump-keeps-up": {"case": ("mammalian", None), "diameter_um": THIN_AXON_UM, "pump": True,
                          "rate_hz": 1.0},
        "pump-falls-behind": {"case": ("mammalian", None), "diameter_um": THIN_AXON_UM, "pump": True,
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

    def __init__(self, **initial_values):
        self.case = W.ToggleButtons(options=_CASES, value=_CASES[0][1], description="neuron model",
                                    style={"description_width": "13em"})
        self.pump = W.ToggleButtons(options=(("pump stopped", False), ("pump working", True)), value=False,
                                    description="Na⁺/K⁺ pump", style={"description_width": "13em"})
        self.thin = W.Button(description=f"thin axon {THIN_AXON_UM:g} µm", layout=W.Layout(width="14em"))
        self.giant = W.Button(description=f"giant axon {GIANT_AXON_UM:g} µm", layout=W.Layout(width="14em"))
        self.thin.on_click(lambda _b: self.set_values(diameter_um=THIN_AXON_UM))
        self.giant.on_click(lambda _b: self.set_values(diameter_um=GIANT_AXON_UM))
        self.case.observe(lambda _c: self.update(), names="value")
        self.pump.observe(lambda _c: self.update(), names="value")
        super().__init__(**initial_values)

    def extra_controls(self):
        return [self.case, self.pump, W.HBox([self.thin, self.giant])]

    def make_figure(self):
        return RundownPlot(max_spikes=MAX_SPIKES_SHOWN)

    def compute_and_draw(self, values):
        model, temp = self.case.value
        pump_on = self.pump.value
        d = float(f"{values['diameter_um']:.4g}")
        rate = round(values["rate_hz"], 1)
        probe = _rundown(model, temp, d, rate, 1.0)
        n_off = probe.spikes_to_criterion_pump_off
        n_tot = float(f"{min(max(2.2 * n_off, 20.0), 1e9):.3g}")
        r = _rundown(model, temp, d, rate, n_tot)
        if pump_on and math.isnan(r.spikes_to_criterion_pump_on):
            n_tot = float(f"{min(max(20.0 * n_off, 20.0), 1e9):.3g}")
            r = _rundown(model, temp, d, rate, n_tot)
        self.result = r
        rtf = _rt_over_f(model, temp)
        self.plot.set_limits(*_case_limits(model, temp))
        self.plot.update(r, pump_on, rtf)
        n_crit = r.spikes_to_criterion_pump_on if pump_on else r.spikes_to_criterion_pump_off
        if math.isinf(n_crit):
            crit = "never: the pump keeps up with this rate"
        elif math.isnan(n_crit):
            crit = f"more than {n_tot:,.0f} spikes (beyond the train shown)"
        else:
            secs = n_crit / rate
            when = f"{secs:.3g} s" if secs < 120 else f"{secs / 60:.3g} min"
            crit = f"<b>{n_crit:,.0f} spikes</b> ({when} at {rate:g} Hz)"
        f_max = max_sustainable_rate_hz(model, temp)
        text = readout(
            f"<b>Per spike</b>: Na⁺ in {r.na_per_spike_pmol_cm2:.2f} pmol/cm² → "
            f"[Na⁺]<sub>i</sub> +{r.na_step_mM:.3g} mM in a {d:.3g} µm axon<br>"
            f"<b>E<sub>Na</sub> down {r.e_na_drop_mV:.0f} mV after</b>: {crit}<br>"
            f"With the pump working, E<sub>Na</sub> stays within {r.e_na_drop_mV:.0f} mV of rest "
            f"at rates up to {f_max:.2g} Hz, whatever the diameter")
        return self.plot.alt_text(r, pump_on), text
