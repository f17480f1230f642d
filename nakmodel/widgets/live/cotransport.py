"""Chapter "Secondary active transport": the cotransport explorer, drawn in the browser.

How far can the Na⁺ gradient and Vm push glucose uphill? SGLT1 (2 Na⁺ per glucose) against
SGLT2 (1 Na⁺). JavaScript twin: ``frontend/cotransport.js`` (figure) and
``frontend/ports/cotransport.js`` (the static book's port of
:func:`nakmodel.cotransport.sglt_max_accumulation`, :func:`~nakmodel.cotransport.sglt_flux`,
:func:`~nakmodel.cotransport.ncx_reversal_potential` and :func:`nakmodel.electrochem.nernst`;
closed forms).
"""

from __future__ import annotations

import numpy as np

from ...constants import FARADAY, GAS_CONSTANT, VALENCE, ZERO_CELSIUS_K
from ...cotransport import (
    NCX_NA_PER_CA,
    SGLT1,
    SGLT2,
    CalciumParams,
    CotransportConditions,
    EpitheliumParams,
    accumulation_curves,
    ncx_reversal_potential,
    sglt_flux,
    sglt_max_accumulation,
)
from ...electrochem import nernst
from ...plots.shared import GLUCOSE_GRID_MM, LABEL_WIDTH_FRACTION, V_GRID_MV
from ..controls import Control
from ._explorer import LiveExplorer

_COND = CotransportConditions()
_CA = CalciumParams()
TRANSPORTERS = {"SGLT1": SGLT1, "SGLT2": SGLT2}
#: Luminal glucose at which the readout quotes each transporter's influx: the epithelium's
#: "after a meal" value (:class:`nakmodel.cotransport.EpitheliumParams`), mM.
REFERENCE_GLUCOSE_MM = EpitheliumParams().glucose_lumen_mM


class CotransportLive(LiveExplorer):
    """Vm and the Na⁺ gradient -> the largest glucose gradient SGLT1 and SGLT2 can build, and their
    net influx against luminal glucose.

    Defaults: :class:`nakmodel.cotransport.CotransportConditions` (Vm −60 mV, the reference cell's
    [Na⁺] 145 mM out / 12 mM in, 37 °C).

    Examples
    --------
    >>> app = CotransportLive(v_mV=-60.0, na_in=12.0, na_out=140.0)
    >>> round(app.result["ratio"]["SGLT1"], -3)  # (140/12)^2 exp(2F·60 mV/RT) at 37 °C
    12000.0
    """

    name = "cotransport"
    title = "Cotransport explorer: the Na⁺ gradient pays for glucose"
    controls = (
        Control("v_mV", "membrane potential", "mV", _COND.v_mV, -120.0, 20.0, 1.0, readout_format=".0f"),
        Control("na_in", "[Na⁺] inside", "mM", _COND.na_in_mM, 2.0, 140.0, 1.0, readout_format=".0f"),
        Control("na_out", "[Na⁺] outside", "mM", _COND.na_out_mM, 10.0, 200.0, 1.0, readout_format=".0f"),
        Control("glucose_in", "glucose inside the cell", "mM", 1.0, 0.0, 20.0, 0.5, readout_format=".1f"),
    )
    scenarios = {
        "depolarised": {"v_mV": 0.0},
        "failing-pump": {"na_in": 50.0},
        "transporter-reverses": {"glucose_in": 20.0, "v_mV": 20.0, "na_in": 140.0},
    }
    scenario_notes = {
        "depolarised": "Vm 0 mV: both accumulation limits fall, SGLT1's twice as steeply",
        "failing-pump": "[Na⁺] inside 50 mM: the limits fall, but SGLT1 still concentrates glucose "
                        "hundreds of times",
        "transporter-reverses": "20 mM glucose inside, Vm +20 mV, no Na⁺ gradient: "
                                "both transporters run backwards",
    }

    def params(self) -> dict:
        """Constants (CODATA via :mod:`nakmodel.constants`), temperature (°C), each transporter's
        coupling and K_0.5 (:class:`nakmodel.cotransport.CotransportParams`), free Ca²⁺ and the NCX
        stoichiometry, the curves' grids (mV, mM) and the readout's reference glucose (mM)."""
        return {
            "gas_constant": GAS_CONSTANT, "faraday": FARADAY, "zero_celsius_K": ZERO_CELSIUS_K,
            "temperature_C": _COND.temperature_C,
            "transporters": [{"name": n, "n_na": p.n_na, "km_glucose_mM": p.km_glucose_mM}
                             for n, p in TRANSPORTERS.items()],
            "ca_out_mM": _CA.ca_out_mM, "ca_in_mM": _CA.ca_in_mM, "valence_na": VALENCE["Na"],
            "valence_ca": VALENCE["Ca"], "ncx_na_per_ca": NCX_NA_PER_CA,
            "v_grid_mV": V_GRID_MV.tolist(), "glucose_grid_mM": GLUCOSE_GRID_MM.tolist(),
            "reference_glucose_mM": REFERENCE_GLUCOSE_MM, "label_width_fraction": LABEL_WIDTH_FRACTION,
        }

    def compute(self, values: dict) -> dict:
        """``ratio`` (equilibrium [G]ᵢ/[G]ₒ at Vm), ``curves`` (that ratio over the Vm grid),
        ``flux`` (net influx over the glucose grid, fraction of J_max), ``flux_ref`` (influx at the
        reference glucose), ``e_na`` and ``e_ncx`` (mV), per :mod:`nakmodel.cotransport`."""
        v, na_i, na_o, g_i = values["v_mV"], values["na_in"], values["na_out"], values["glucose_in"]
        t = _COND.temperature_C
        conditions = {"v_mV": v, "na_out_mM": na_o, "na_in_mM": na_i, "temperature_C": t}
        curves = accumulation_curves(V_GRID_MV, na_o, na_i, t)
        return {
            "ratio": {n: sglt_max_accumulation(p.n_na, v, na_o, na_i, t) for n, p in TRANSPORTERS.items()},
            "curves": {n: [float(x) for x in curves[n]] for n in TRANSPORTERS},
            "flux": {n: [sglt_flux(float(g), g_i, transporter=n, **conditions) for g in GLUCOSE_GRID_MM]
                     for n in TRANSPORTERS},
            "flux_ref": {n: sglt_flux(REFERENCE_GLUCOSE_MM, g_i, transporter=n, **conditions)
                         for n in TRANSPORTERS},
            "e_na": nernst(VALENCE["Na"], na_o, na_i, t),
            "e_ncx": ncx_reversal_potential(na_o, na_i, _CA.ca_out_mM, _CA.ca_in_mM, t),
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.secondary_transport import CotransportPlot  # the static book's fallback only

        plot = CotransportPlot(tuple(TRANSPORTERS))
        arrays = {k: {n: np.asarray(result[k][n]) for n in TRANSPORTERS} for k in ("curves", "flux")}
        plot.update(values["v_mV"], arrays["curves"], result["ratio"], arrays["flux"], values["glucose_in"])
        return plot.fig, plot.alt_text(values["v_mV"], result["ratio"], result["flux_ref"])
