"""Chapter "Secondary active transport": the cotransport explorer and the epithelium view."""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as W
import numpy as np

from ..cotransport import (
    SGLT1,
    SGLT2,
    CalciumParams,
    CotransportConditions,
    EpitheliumParams,
    accumulation_curves,
    coupled_apical_voltage,
    epithelium_glucose_steady_state,
    ncx_reversal_potential,
    sglt_flux,
    sglt_max_accumulation,
)
from ..electrochem import nernst
from ..plots.secondary_transport import GLUCOSE_GRID_MM, V_GRID_MV, CotransportPlot, EpitheliumPlot
from ._base import App, Control
from .readout import note, readout, table

_COND = CotransportConditions()
_EPI = EpitheliumParams()
_CA = CalciumParams()
_TRANSPORTERS = {"SGLT1": SGLT1, "SGLT2": SGLT2}


class CotransportExplorer(App):
    """How far can the Na+ gradient and Vm push glucose uphill? SGLT1 (2 Na+) vs SGLT2 (1 Na+).

    Defaults: :class:`nakmodel.cotransport.CotransportConditions` (Vm -60 mV,
    the reference cell's [Na] 145 mM out / 12 mM in, 37 °C).
    """

    title = "Cotransport explorer: the Na⁺ gradient pays for glucose"
    continuous_update = True
    controls = (
        Control("v_mV", "membrane potential", "mV", _COND.v_mV, -120.0, 20.0, 1.0, readout_format=".0f"),
        Control("na_in", "[Na⁺] inside", "mM", _COND.na_in_mM, 2.0, 140.0, 1.0, readout_format=".0f"),
        Control("na_out", "[Na⁺] outside", "mM", _COND.na_out_mM, 10.0, 200.0, 1.0, readout_format=".0f"),
        Control("glucose_in", "glucose inside the cell", "mM", 1.0, 0.0, 20.0, 0.5),
    )
    scenarios: ClassVar[dict] = {
        "depolarised": {"v_mV": 0.0},
        "failing-pump": {"na_in": 50.0},
        "transporter-reverses": {"glucose_in": 20.0, "v_mV": 20.0, "na_in": 140.0},
    }
    scenario_notes: ClassVar[dict] = {
        "depolarised": "Vm 0 mV: both accumulation limits fall, SGLT1's twice as steeply",
        "failing-pump": "[Na⁺] inside 50 mM: the limits fall, but SGLT1 still concentrates glucose "
                        "hundreds of times",
        "transporter-reverses": "20 mM glucose inside, Vm +20 mV, no Na⁺ gradient: "
                                "both transporters run backwards",
    }

    def make_figure(self):
        return CotransportPlot(tuple(_TRANSPORTERS))

    def compute_and_draw(self, values):
        v, na_i, na_o, g_i = values["v_mV"], values["na_in"], values["na_out"], values["glucose_in"]
        t = _COND.temperature_C
        self.ratios = {n: sglt_max_accumulation(p.n_na, v, na_o, na_i, t) for n, p in _TRANSPORTERS.items()}
        curves = accumulation_curves(V_GRID_MV, na_o, na_i, t)
        self.fluxes = {n: np.array([sglt_flux(g, g_i, transporter=n, v_mV=v, na_out_mM=na_o, na_in_mM=na_i,
                                              temperature_C=t) for g in GLUCOSE_GRID_MM])
                       for n in _TRANSPORTERS}
        at10 = {n: sglt_flux(10.0, g_i, transporter=n, v_mV=v, na_out_mM=na_o, na_in_mM=na_i, temperature_C=t)
                for n in _TRANSPORTERS}
        self.plot.update(v, curves, self.ratios, self.fluxes, g_i)
        e_na = nernst(1, na_o, na_i, t)
        e_ncx = ncx_reversal_potential(na_o, na_i, _CA.ca_out_mM, _CA.ca_in_mM, t)
        mode = "forward: Ca²⁺ out" if v < e_ncx else "reverse: Ca²⁺ in"
        rows = [(f"{n} ({p.n_na} Na⁺)",
                 f"{(f'{self.ratios[n]:,.0f}' if self.ratios[n] >= 100 else f'{self.ratios[n]:.3g}')}×",
                 f"{at10[n]:+.2f}") for n, p in _TRANSPORTERS.items()]
        text = readout(
            table(rows, title="At these settings", header=("", "max. [G]ᵢ/[G]ₒ", "influx at 10 mM")),
            f"E<sub>Na</sub> = {e_na:+.0f} mV<br>"
            f"NCX (3 Na⁺ : 1 Ca²⁺): E<sub>NCX</sub> = {e_ncx:+.0f} mV → {mode}<br>",
            note(f"influx as a fraction of J<sub>max</sub>; Ca²⁺ {_CA.ca_out_mM:g} mM out, "
                 f"{_CA.ca_in_mM * 1e6:.0f} nM in"))
        return self.plot.alt_text(v, self.ratios, at10), text


class EpitheliumView(App):
    """Glucose across an intestinal epithelial cell: SGLT1 in, GLUT2 out, the pump keeps [Na]ᵢ low.

    Defaults from :class:`nakmodel.cotransport.EpitheliumParams`
    (10 mM luminal glucose after a meal, 5 mM in blood, pump fully active).
    """

    title = "Epithelium view: the whole route of glucose across the gut wall"
    continuous_update = True
    controls = (
        Control("glucose_lumen", "glucose in the lumen", "mM", _EPI.glucose_lumen_mM, 0.2, 30.0, 0.2),
        Control("glucose_blood", "glucose in the blood", "mM", _EPI.glucose_blood_mM, 2.0, 15.0, 0.5),
        Control("pump_fraction", "pump activity (1 = no ouabain)", "", 1.0, 0.0, 1.0,
                0.05, readout_format=".2f"),
    )
    scenarios: ClassVar[dict] = {
        "ouabain-fasting": {"glucose_lumen": 1.0, "pump_fraction": 0.0},
        "ouabain-after-meal": {"pump_fraction": 0.0},
        "ouabain-voltage-held": {"pump_fraction": 0.0, "couple": False},
    }
    scenario_notes: ClassVar[dict] = {
        "ouabain-fasting": "1 mM glucose in the lumen, pump blocked: glucose now leaks from blood to lumen",
        "ouabain-after-meal": "10 mM glucose in the lumen, pump blocked: uptake partly survives "
                              "(glucose runs downhill)",
        "ouabain-voltage-held": "as after a meal with the pump blocked, apical Vm held at its control value: "
                                "uptake almost unchanged",
    }

    def __init__(self, **initial_values):
        self.couple = W.Checkbox(value=True, description="apical Vm follows the pump (K⁺ gradient runs down)",
                                 indent=False, layout=W.Layout(width="30em"))
        super().__init__(**initial_values)
        self.couple.observe(lambda _c: self.update(), names="value")

    def extra_controls(self):
        return [self.couple]

    def apical_voltage(self, pump_fraction):
        return coupled_apical_voltage(pump_fraction) if self.couple.value else _EPI.v_apical_mV

    def make_figure(self):
        return EpitheliumPlot()

    def compute_and_draw(self, values):
        g_l, g_b, f = values["glucose_lumen"], values["glucose_blood"], values["pump_fraction"]
        v = self.apical_voltage(f)
        self.result = epithelium_glucose_steady_state(g_l, glucose_blood_mM=g_b, pump_fraction=f,
                                                      v_apical_mV=v)
        r = self.result
        self.plot.update(r, g_l, g_b, v)
        uphill = "yes" if r.glucose_cell_mM > max(g_l, g_b) else "no"
        net = "absorbed (lumen → blood)" if r.glucose_flux_mM_s >= 0 else "lost (blood → lumen)"
        text = readout(
            table([(f"glucose {net}", f"{abs(r.glucose_flux_mM_s):.3f} mM/s"),
                   ("pump cycles", f"{r.pump_rate_mM_s:.3f} mM/s"),
                   ("cell [Na⁺]", f"{r.na_cell_mM:.1f} mM"),
                   ("cell [glucose]", f"{r.glucose_cell_mM:.2f} mM"),
                   ("apical V<sub>m</sub>", f"{v:+.1f} mV"),
                   ("cell glucose above both sides?", uphill)], title="Steady state"),
            note("fluxes in mM/s of cell water, on a scale where SGLT1's maximum is 1 mM/s "
                 "(absolute transporter densities are not known well enough)"))
        return self.plot.alt_text(r, g_l, g_b, v), text
