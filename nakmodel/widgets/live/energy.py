"""Chapter "The energy bill": the energy calculator, drawn in the browser.

JavaScript twin: ``frontend/energy.js`` (figure) and ``frontend/ports/energy.js`` (the static
book's port of :func:`nakmodel.energy.cell_energy_bill`: membrane area, ATP per spike and per
second, :func:`nakmodel.energy.brain_energy_budget`). Na⁺ entry per spike comes from HH runs
(:func:`nakmodel.hh.spike_ion_budget`), exported as one number per spike model. Its controls,
menus and teacher scenarios are defined here, once.
"""

from __future__ import annotations

from ... import energy
from ...constants import AVOGADRO
from ...electrochem import PUMP_NA_OUT
from ...energy import BUDGET_RATE_HZ, NeuronGeometry, cell_energy_bill, spike_na_entry_pmol_cm2
from ...plots.shared import CATEGORY_LABELS, RATE_GRID_HZ
from ..controls import Control, log_control
from ._explorer import Choice, LiveExplorer
from ._style import plain_label

_GEOMETRY = NeuronGeometry()
#: Spike models offered: label -> key of :data:`nakmodel.energy.SPIKE_MODELS`.
SPIKE_MODELS = {
    "mammalian neuron, 37 °C (Wang–Buzsáki)": "mammalian",
    "squid axon, 6.3 °C (Hodgkin–Huxley)": "squid-6.3",
    "squid axon, 18.5 °C (Hodgkin–Huxley)": "squid-18.5",
}
#: Brain budgets offered: label -> key of :data:`nakmodel.energy.BUDGETS`.
SOURCES = {"Howarth et al. 2012 (cortex)": "howarth_2012_cortex",
           "Attwell & Laughlin 2001": "attwell_laughlin_2001"}


class EnergyLive(LiveExplorer):
    """Firing rate, axon geometry and spike model -> ATP per spike and per second; the brain budget.

    Geometry defaults from :class:`nakmodel.energy.NeuronGeometry` (20 µm soma,
    0.3 µm × 4 cm axon); rate default 4 Hz, the rate of the published budgets.

    Examples
    --------
    >>> app = EnergyLive()
    >>> round(app.result["budget"]["pump_share_of_signalling"], 2)  # Howarth et al. 2012 at 4 Hz
    0.93
    """

    name = "energy"
    title = "Energy calculator: what do spikes cost?"
    controls = (
        Control("rate_hz", "mean firing rate", "Hz", BUDGET_RATE_HZ, 0.0, 100.0, 0.5),
        # log sliders on the browser's step grid through the default (about 0.1–20 µm, 0.1–100 mm)
        log_control("axon_diameter_um", "axon diameter", "µm", _GEOMETRY.axon_diameter_um, 0.1, 20.0,
                    fmt=".2f"),
        log_control("axon_length_mm", "axon length", "mm", _GEOMETRY.axon_length_um / 1000.0, 0.1, 100.0,
                    fmt=".1f"),
    )
    choices = (Choice("spike_model", "spike model", tuple(SPIKE_MODELS), next(iter(SPIKE_MODELS))),
               Choice("budget_source", "brain budget", tuple(SOURCES), next(iter(SOURCES))))
    scenarios = {
        "squid-spikes": {"spike_model": list(SPIKE_MODELS)[1]},
        "thick-axon": {"axon_diameter_um": 1.0},
        "silent-brain": {"rate_hz": 0.0},
        "busy-brain": {"rate_hz": 40.0},
    }
    scenario_notes = {
        "squid-spikes": "squid spikes at 6.3 °C: ATP per spike about ten times the mammalian one",
        "thick-axon": "a 1 µm axon instead of 0.3 µm: the bill rises with the membrane area",
        "silent-brain": "0 Hz: no spike bill; the pump's share of all the brain's ATP drops "
                        "(resting potentials only)",
        "busy-brain": "40 Hz: spikes and synapses take over the brain budget and the pump's share "
                      "of all ATP grows",
    }

    def params(self) -> dict:
        """Na⁺ entry per spike for each spike model (pmol/cm², HH runs), Avogadro's number,
        Na⁺ per ATP, soma diameter (µm), the published budgets and the model's pump shares
        (:mod:`nakmodel.energy`), the rate grid of the curve (Hz) and the category labels."""
        return {
            "na_entry_pmol_cm2": {label: spike_na_entry_pmol_cm2(*energy.SPIKE_MODELS[key])
                                  for label, key in SPIKE_MODELS.items()},
            "avogadro": AVOGADRO, "na_per_atp": PUMP_NA_OUT,
            "soma_diameter_um": _GEOMETRY.soma_diameter_um,
            "sources": dict(SOURCES), "budgets": energy.BUDGETS, "budget_rate_hz": energy.BUDGET_RATE_HZ,
            "pump_share_of_category": energy.PUMP_SHARE_OF_CATEGORY,
            "housekeeping_fraction": energy.HOUSEKEEPING_FRACTION,
            "atp_per_glucose": energy.ATP_PER_GLUCOSE_OXIDATIVE,
            "rate_grid_hz": RATE_GRID_HZ.tolist(),
            "categories": {k: plain_label(v) for k, v in CATEGORY_LABELS.items()},
        }

    @staticmethod
    def bill(values: dict):
        """:func:`nakmodel.energy.cell_energy_bill` for the control values."""
        return cell_energy_bill(values["rate_hz"], axon_diameter_um=values["axon_diameter_um"],
                                axon_length_um=values["axon_length_mm"] * 1000.0,
                                spike_model=SPIKE_MODELS[values["spike_model"]],
                                source=SOURCES[values["budget_source"]], rate_grid_hz=RATE_GRID_HZ)

    def compute(self, values: dict) -> dict:
        b = self.bill(values)
        return {
            "na_entry_pmol_cm2": b.na_per_spike_pmol_cm2, "area_cm2": b.area_cm2,
            "atp_per_spike": b.cell.atp_per_spike_molecules, "atp_per_s": b.cell.atp_per_second_molecules,
            "glucose_per_s": b.glucose_per_second,
            "curve_atp_per_s": [float(x) for x in b.atp_per_second_grid],
            "budget": {"total_shares": b.budget.total_shares,
                       "pump_share_of_signalling": b.budget.pump_share_of_signalling,
                       "pump_share_of_total": b.budget.pump_share_of_total},
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.energy_bill import EnergyBudgetPlot  # the static book's fallback only

        plot = EnergyBudgetPlot()
        b = self.bill(values)
        plot.update(b.atp_per_second_grid, values["rate_hz"], b.cell.atp_per_second_molecules, b.budget)
        return plot.fig, plot.alt_text(values["rate_hz"], b.cell.atp_per_second_molecules, b.budget)
