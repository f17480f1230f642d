"""Chapter "The energy bill": the energy calculator, drawn in the browser.

JavaScript twin: ``frontend/energy.js`` (figure) and ``frontend/ports/energy.js`` (the static
book's port of :func:`nakmodel.energy.atp_rate_per_cell`, :func:`nakmodel.energy.neuron_membrane_area_cm2`
and :func:`nakmodel.energy.brain_energy_budget`). Na⁺ entry per spike comes from HH runs
(:func:`nakmodel.hh.spike_ion_budget`), exported as one number per spike model.
"""

from __future__ import annotations

from ... import energy
from ...constants import AVOGADRO
from ...electrochem import PUMP_NA_OUT
from ...energy import atp_rate_per_cell, brain_energy_budget, neuron_membrane_area_cm2
from ...plots.energy_bill import CATEGORY_LABELS, RATE_GRID_HZ, EnergyBudgetPlot
from ..energy_bill import _AREA_DEFAULTS, SOURCES, SPIKE_MODELS, EnergyCalculator, spike_na_entry
from ._explorer import Choice, LiveExplorer
from ._style import plain_label


class EnergyLive(LiveExplorer):
    """Firing rate, axon geometry and spike model -> ATP per spike and per second; the brain budget.

    Same controls and defaults as :class:`nakmodel.widgets.energy_bill.EnergyCalculator`.

    Examples
    --------
    >>> app = EnergyLive()
    >>> round(app.result["budget"]["pump_share_of_signalling"], 2)  # Howarth et al. 2012 at 4 Hz
    0.93
    """

    name = "energy"
    title = EnergyCalculator.title
    controls = EnergyCalculator.controls
    choices = (Choice("spike_model", "spike model", tuple(SPIKE_MODELS), next(iter(SPIKE_MODELS))),
               Choice("budget_source", "brain budget", tuple(SOURCES), next(iter(SOURCES))))

    def params(self) -> dict:
        """Na⁺ entry per spike for each spike model (pmol/cm², HH runs), Avogadro's number,
        Na⁺ per ATP, soma diameter (µm), the published budgets and the model's pump shares
        (:mod:`nakmodel.energy`), the rate grid of the curve (Hz) and the category labels."""
        return {
            "na_entry_pmol_cm2": {label: spike_na_entry(*SPIKE_MODELS[label]) for label in SPIKE_MODELS},
            "avogadro": AVOGADRO, "na_per_atp": PUMP_NA_OUT,
            "soma_diameter_um": _AREA_DEFAULTS["soma_diameter_um"],
            "sources": dict(SOURCES), "budgets": energy.BUDGETS, "budget_rate_hz": energy.BUDGET_RATE_HZ,
            "pump_share_of_category": energy.PUMP_SHARE_OF_CATEGORY,
            "housekeeping_fraction": energy.HOUSEKEEPING_FRACTION,
            "atp_per_glucose": energy.ATP_PER_GLUCOSE_OXIDATIVE,
            "rate_grid_hz": RATE_GRID_HZ.tolist(),
            "categories": {k: plain_label(v) for k, v in CATEGORY_LABELS.items()},
        }

    def compute(self, values: dict) -> dict:
        na = spike_na_entry(*SPIKE_MODELS[values["spike_model"]])
        area = neuron_membrane_area_cm2(_AREA_DEFAULTS["soma_diameter_um"], values["axon_diameter_um"],
                                        values["axon_length_mm"] * 1000.0)
        cell = atp_rate_per_cell(na, values["rate_hz"], area)
        per_spike = atp_rate_per_cell(na, 1.0, area).atp_per_spike_molecules
        b = brain_energy_budget(values["rate_hz"], source=SOURCES[values["budget_source"]])
        return {
            "na_entry_pmol_cm2": na, "area_cm2": area, "atp_per_spike": cell.atp_per_spike_molecules,
            "atp_per_s": cell.atp_per_second_molecules,
            "glucose_per_s": cell.atp_per_second_molecules / energy.ATP_PER_GLUCOSE_OXIDATIVE,
            "curve_atp_per_s": [per_spike * r for r in RATE_GRID_HZ.tolist()],
            "budget": {"total_shares": b.total_shares, "pump_share_of_signalling": b.pump_share_of_signalling,
                       "pump_share_of_total": b.pump_share_of_total},
        }

    def fallback_figure(self, values: dict, result: dict):
        plot = EnergyBudgetPlot()
        b = brain_energy_budget(values["rate_hz"], source=SOURCES[values["budget_source"]])
        plot.update(result["curve_atp_per_s"], values["rate_hz"], result["atp_per_s"], b)
        return plot.fig, plot.alt_text(values["rate_hz"], result["atp_per_s"], b)
