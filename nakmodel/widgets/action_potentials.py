"""Chapter "Action potentials: who pays for them": the run-down explorer.

:class:`RundownExplorer` follows [Na]i and E_Na over a long spike train
(time-scale separation, :func:`nakmodel.hh.spike_train_rundown`). The chapter's
spike explorer is drawn in the browser: :class:`nakmodel.widgets.live.SpikeLive`.

Every number comes from :mod:`nakmodel.hh`; this module holds controls and
figure updates only. Runs are cached on rounded inputs (``functools.lru_cache``).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import ClassVar

import ipywidgets as W

from ..constants import rt_over_f_mV
from ..hh import (
    max_sustainable_rate_hz,
    reference_state,
    spike_train_rundown,
)
from ..plots.action_potentials import RundownPlot
from ._base import App, Control
from .readout import readout

__all__ = [
    "GIANT_AXON_UM",
    "MAX_SPIKES_SHOWN",
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
