"""Chapter "The energy bill": ATP per spike, per cell and the brain's budget."""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as W
import numpy as np

from ..energy import BUDGET_RATE_HZ, NeuronGeometry, cell_energy_bill
from ..plots.shared import RATE_GRID_HZ
from ._base import App, Control
from .readout import note, readout, table

_GEOMETRY = NeuronGeometry()
#: Spike models offered: label -> key of :data:`nakmodel.energy.SPIKE_MODELS`.
SPIKE_MODELS = {
    "mammalian neuron, 37 °C (Wang–Buzsáki)": "mammalian",
    "squid axon, 6.3 °C (Hodgkin–Huxley)": "squid-6.3",
    "squid axon, 18.5 °C (Hodgkin–Huxley)": "squid-18.5",
}
SOURCES = {"Howarth et al. 2012 (cortex)": "howarth_2012_cortex",
           "Attwell & Laughlin 2001": "attwell_laughlin_2001"}


def sci(x):
    """Format a large number as 'a.bc × 10ⁿ' for readouts."""
    if x == 0 or not np.isfinite(x):
        return f"{x:g}"
    e = int(np.floor(np.log10(abs(x))))
    sup = str(e).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{x / 10**e:.2f} × 10{sup}"


class EnergyCalculator(App):
    """Firing rate, axon geometry and spike model -> ATP per spike and per second; the brain budget.

    Geometry defaults from :class:`nakmodel.energy.NeuronGeometry`
    (20 µm soma, 0.3 µm × 4 cm axon); rate default 4 Hz, the rate of the
    published budgets.
    """

    title = "Energy calculator: what do spikes cost?"
    continuous_update = True
    controls = (
        Control("rate_hz", "mean firing rate", "Hz", BUDGET_RATE_HZ, 0.0, 100.0, 0.5),
        Control("axon_diameter_um", "axon diameter", "µm", _GEOMETRY.axon_diameter_um, 0.1, 20.0, 0.02,
                log=True, readout_format=".2f"),
        Control("axon_length_mm", "axon length", "mm", _GEOMETRY.axon_length_um / 1000.0, 0.1, 100.0, 0.02,
                log=True, readout_format=".1f"),
    )
    scenarios: ClassVar[dict] = {
        "squid-spikes": {"model_choice": list(SPIKE_MODELS)[1]},
        "thick-axon": {"axon_diameter_um": 1.0},
        "silent-brain": {"rate_hz": 0.0},
        "busy-brain": {"rate_hz": 40.0},
    }
    scenario_notes: ClassVar[dict] = {
        "squid-spikes": "squid spikes at 6.3 °C: ATP per spike about ten times the mammalian one",
        "thick-axon": "a 1 µm axon instead of 0.3 µm: the bill rises with the membrane area",
        "silent-brain": "0 Hz: no spike bill; the pump's share of all the brain's ATP drops "
                        "(resting potentials only)",
        "busy-brain": "40 Hz: spikes and synapses take over the brain budget and the pump's share "
                      "of all ATP grows",
    }

    def __init__(self, **initial_values):
        self.model_choice = W.Dropdown(options=list(SPIKE_MODELS), description="spike model",
                                       style={"description_width": "13em"}, layout=W.Layout(width="30em"))
        self.source_choice = W.Dropdown(options=list(SOURCES), description="brain budget",
                                        style={"description_width": "13em"}, layout=W.Layout(width="30em"))
        super().__init__(**initial_values)
        self.model_choice.observe(lambda _c: self.update(), names="value")
        self.source_choice.observe(lambda _c: self.update(), names="value")

    def extra_controls(self):
        return [self.model_choice, self.source_choice]

    def make_figure(self):
        from ..plots.energy_bill import EnergyBudgetPlot  # matplotlib only for this app's figure

        return EnergyBudgetPlot()

    def compute_and_draw(self, values):
        bill = cell_energy_bill(values["rate_hz"], axon_diameter_um=values["axon_diameter_um"],
                                axon_length_um=values["axon_length_mm"] * 1000.0,
                                spike_model=SPIKE_MODELS[self.model_choice.value],
                                source=SOURCES[self.source_choice.value], rate_grid_hz=RATE_GRID_HZ)
        self.bill, self.cell, self.budget = bill, bill.cell, bill.budget
        rate, na, area, glc, b = values["rate_hz"], bill.na_per_spike_pmol_cm2, bill.area_cm2, \
            bill.glucose_per_second, bill.budget
        self.plot.update(bill.atp_per_second_grid, rate, self.cell.atp_per_second_molecules, b)
        text = readout(
            table([("Na⁺ per spike", f"{na:.2f} pmol/cm²"),
                   ("membrane area", f"{area * 1e8:,.0f} µm²"),
                   ("ATP per spike", sci(self.cell.atp_per_spike_molecules)),
                   ("ATP per second", sci(self.cell.atp_per_second_molecules)),
                   ("glucose per second (oxidised)", sci(glc))], title="One cell"),
            table([("pump share of signalling ATP", f"{100 * b.pump_share_of_signalling:.0f}%"),
                   ("pump share of all ATP", f"{100 * b.pump_share_of_total:.0f}%"),
                   ("action potentials, share of all ATP",
                    f"{100 * b.total_shares['action_potentials']:.0f}%")],
                  title="Brain budget"),
            note("pump shares assume all Na⁺ entry is pumped out by the Na⁺/K⁺-ATPase; housekeeping pump use "
                 "not counted"))
        return self.plot.alt_text(rate, self.cell.atp_per_second_molecules, b), text
