"""Chapter "The resting potential": the GHK explorer, drawn in the browser.

JavaScript twin: ``frontend/ghk.js`` (figure) and ``frontend/ports/ghk.js`` (the static
book's port of :func:`nakmodel.electrochem.ghk_voltage` and :func:`nakmodel.electrochem.nernst`).
"""

from __future__ import annotations

import numpy as np

from ...constants import FARADAY, GAS_CONSTANT, VALENCE, ZERO_CELSIUS_K
from ...electrochem import ghk_voltage, nernst
from ..resting_potential import GHKExplorer
from ._explorer import LiveExplorer

IONS = ("Na", "K", "Cl")
#: P_Na/P_K band shaded as "typical range"
#: (the band :class:`~nakmodel.plots.resting_potential.GHKPlot` draws).
TYPICAL_PNA_PK = (0.01, 0.05)


class GHKLive(LiveExplorer):
    """Relative permeabilities and concentrations -> the GHK resting potential.

    Same controls and defaults as :class:`nakmodel.widgets.resting_potential.GHKExplorer`
    (mammalian neuron concentrations, pump–leak cell permeability ratios, 37 °C).

    Examples
    --------
    >>> app = GHKLive(pna_pk=0.05, pcl_pk=0.45)
    >>> round(app.result["vm"], 1)  # Hodgkin & Katz ratios, the book's reference neuron
    -66.4
    """

    name = "ghk"
    title = GHKExplorer.title
    controls = GHKExplorer.controls
    scenarios = GHKExplorer.scenarios
    scenario_notes = GHKExplorer.scenario_notes

    def params(self) -> dict:
        """Constants (CODATA via :mod:`nakmodel.constants`), valences, temperature (°C) and the
        swept P_Na/P_K range of the curve (as :class:`GHKExplorer`)."""
        lo, hi = GHKExplorer.SWEEP_RANGE
        return {"ions": list(IONS), "gas_constant": GAS_CONSTANT, "faraday": FARADAY,
                "zero_celsius_K": ZERO_CELSIUS_K, "valence": {ion: VALENCE[ion] for ion in IONS},
                "temperature_C": GHKExplorer.temperature_C, "sweep_min": lo, "sweep_max": hi,
                "sweep_n": GHKExplorer.N_SWEEP, "typical_pna_pk": list(TYPICAL_PNA_PK)}

    @staticmethod
    def concentrations(values: dict) -> tuple:
        return ({i: values[f"{i.lower()}_out"] for i in IONS}, {i: values[f"{i.lower()}_in"] for i in IONS})

    def compute(self, values: dict) -> dict:
        """``{"E": {ion: mV}, "vm": mV, "sweep": {"ratio": [...], "vm": [mV, ...]}}``."""
        c_out, c_in = self.concentrations(values)
        t = GHKExplorer.temperature_C
        perm = {"K": 1.0, "Na": values["pna_pk"], "Cl": values["pcl_pk"]}
        ratios = np.geomspace(*GHKExplorer.SWEEP_RANGE, GHKExplorer.N_SWEEP)
        return {
            "E": {i: nernst(VALENCE[i], c_out[i], c_in[i], t) for i in IONS},
            "vm": ghk_voltage(perm, c_out, c_in, t),
            "sweep": {"ratio": ratios.tolist(),
                      "vm": [ghk_voltage(dict(perm, Na=float(r)), c_out, c_in, t) for r in ratios]},
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.resting_potential import GHKPlot  # the static book's fallback only

        plot = GHKPlot(ratio_range=GHKExplorer.SWEEP_RANGE)
        plot.update(np.array(result["sweep"]["ratio"]), np.array(result["sweep"]["vm"]),
                    result["E"], result["vm"])
        plot.set_marker(values["pna_pk"], result["vm"])
        return plot.fig, plot.alt_text(values["pna_pk"], values["pcl_pk"], result["E"], result["vm"])
