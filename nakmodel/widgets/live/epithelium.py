"""Chapter "Secondary active transport": the epithelium view, drawn in the browser.

Glucose across an intestinal epithelial cell: SGLT1 in, GLUT2 out, the Na⁺/K⁺ pump keeps the
cell's Na⁺ low. JavaScript twin: ``frontend/epithelium.js`` (diagram and bars) and
``frontend/ports/epithelium.js``, the static book's port of
:func:`nakmodel.cotransport.epithelium_glucose_steady_state` (the same nested Brent root searches,
``frontend/ports/brentq.js``). The apical potential under pump block
(:func:`nakmodel.cotransport.coupled_apical_voltage`, an hour of the pump–leak cell) is exported as
its table on 21 pump activities and interpolated linearly, as in Python.
"""

from __future__ import annotations

from dataclasses import asdict, fields

from ...constants import FARADAY, GAS_CONSTANT, ZERO_CELSIUS_K
from ...cotransport import (
    ROOT_SEARCH,
    SGLT1,
    EpitheliumParams,
    EpitheliumResult,
    apical_depolarisation_table,
    coupled_apical_voltage,
    epithelium_glucose_steady_state,
    pump_site_constant_mM,
)
from ...electrochem import PUMP_K_IN, PUMP_NA_OUT
from ..controls import Control
from ._explorer import Choice, LiveExplorer

_EPI = EpitheliumParams()
#: The menu's two options: the apical potential follows the pump, or is held at its control value.
COUPLED = "follows the pump"
HELD = f"held at {_EPI.v_apical_mV:.0f} mV".replace("-", "−")


class EpitheliumLive(LiveExplorer):
    """Luminal and blood glucose and pump activity -> the enterocyte's steady state.

    Defaults from :class:`nakmodel.cotransport.EpitheliumParams` (10 mM luminal glucose after a
    meal, 5 mM in blood, pump fully active, apical Vm following the pump).

    Examples
    --------
    >>> app = EpitheliumLive(pump_fraction=1.0)
    >>> app.result["glucose_cell_mM"] > 10.0  # SGLT1 lifts cell glucose above lumen and blood
    True
    """

    name = "epithelium"
    title = "Epithelium view: the whole route of glucose across the gut wall"
    controls = (
        Control("glucose_lumen", "glucose in the lumen", "mM", _EPI.glucose_lumen_mM, 0.2, 30.0, 0.2,
                readout_format=".1f"),
        Control("glucose_blood", "glucose in the blood", "mM", _EPI.glucose_blood_mM, 2.0, 15.0, 0.5,
                readout_format=".1f"),
        Control("pump_fraction", "pump activity (1 = no ouabain)", "", 1.0, 0.0, 1.0, 0.05,
                readout_format=".2f"),
    )
    choices = (Choice("apical_vm", "apical membrane potential", (COUPLED, HELD), COUPLED),)
    scenarios = {
        "ouabain-fasting": {"glucose_lumen": 1.0, "pump_fraction": 0.0},
        "ouabain-after-meal": {"pump_fraction": 0.0},
        "ouabain-voltage-held": {"pump_fraction": 0.0, "apical_vm": HELD},
    }
    scenario_notes = {
        "ouabain-fasting": "1 mM glucose in the lumen, pump blocked: glucose now leaks from blood to lumen",
        "ouabain-after-meal": "10 mM glucose in the lumen, pump blocked: uptake partly survives "
                              "(glucose runs downhill)",
        "ouabain-voltage-held": "as after a meal with the pump blocked, apical Vm held at its control value: "
                                "uptake almost unchanged",
    }

    def params(self) -> dict:
        """Constants (CODATA via :mod:`nakmodel.constants`), every field of
        :class:`nakmodel.cotransport.EpitheliumParams` (mM, mM/s, 1/s, mV, °C), SGLT1's coupling and
        K_0.5, the pump's stoichiometry and per-site constant (mM), the depolarisation table of
        :func:`~nakmodel.cotransport.coupled_apical_voltage` (mV against pump activity) and the
        root searches' tolerances (those of the Python model)."""
        f_grid, dv = apical_depolarisation_table(_EPI)
        return {
            "gas_constant": GAS_CONSTANT, "faraday": FARADAY, "zero_celsius_K": ZERO_CELSIUS_K,
            "epithelium": asdict(_EPI),
            "sglt_n_na": SGLT1.n_na, "sglt_km_glucose_mM": SGLT1.km_glucose_mM,
            "pump_na_out": PUMP_NA_OUT, "pump_k_in": PUMP_K_IN,
            "pump_site_K_mM": pump_site_constant_mM(_EPI.pump_k_half_na_mM),
            "coupling_f": f_grid.tolist(), "coupling_dv_mV": dv.tolist(), "coupled_option": COUPLED,
            "root_search": dict(ROOT_SEARCH),
        }

    @staticmethod
    def apical_voltage(values: dict) -> float:
        """Apical Vm (mV): coupled to the pump (:func:`~nakmodel.cotransport.coupled_apical_voltage`)
        or held at :attr:`EpitheliumParams.v_apical_mV`."""
        if values["apical_vm"] == COUPLED:
            return coupled_apical_voltage(values["pump_fraction"])
        return _EPI.v_apical_mV

    def compute(self, values: dict) -> dict:
        """Every field of :class:`nakmodel.cotransport.EpitheliumResult` plus ``v_apical_mV``."""
        v = self.apical_voltage(values)
        r = epithelium_glucose_steady_state(values["glucose_lumen"], glucose_blood_mM=values["glucose_blood"],
                                            pump_fraction=values["pump_fraction"], v_apical_mV=v)
        return {**asdict(r), "v_apical_mV": v}

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.secondary_transport import EpitheliumPlot  # the static book's fallback only

        plot = EpitheliumPlot()
        r = EpitheliumResult(**{f.name: result[f.name] for f in fields(EpitheliumResult)})
        plot.update(r, values["glucose_lumen"], values["glucose_blood"], result["v_apical_mV"])
        return plot.fig, plot.alt_text(r, values["glucose_lumen"], values["glucose_blood"],
                                       result["v_apical_mV"])
