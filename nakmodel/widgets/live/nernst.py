"""Chapter "Ion gradients and equilibrium potentials": the Nernst explorer, drawn in the browser.

JavaScript twin: ``frontend/nernst.js`` (figure) and ``frontend/ports/nernst.js``
(the static book's port of :func:`nakmodel.electrochem.nernst`).
"""

from __future__ import annotations

from ...constants import FARADAY, GAS_CONSTANT, VALENCE, ZERO_CELSIUS_K
from ...electrochem import nernst
from ...plots.shared import REFERENCE_REST_MV
from ..nernst import NernstExplorer
from ._explorer import LiveExplorer

IONS = ("Na", "K", "Cl")


class NernstLive(LiveExplorer):
    """Set inside/outside concentrations and temperature; see E_Na, E_K, E_Cl.

    Same controls and defaults as :class:`nakmodel.widgets.nernst.NernstExplorer`
    (the book's mammalian neuron, :data:`nakmodel.constants.MAMMALIAN_NEURON`).

    Examples
    --------
    >>> app = NernstLive(k_out=10.0)
    >>> round(app.result["E"]["K"], 1)  # E_K at 10 mM outside, 140 mM inside, 37 °C
    -70.5
    """

    name = "nernst"
    title = NernstExplorer.title
    controls = NernstExplorer.controls
    scenarios = NernstExplorer.scenarios
    scenario_notes = NernstExplorer.scenario_notes

    def params(self) -> dict:
        """Gas constant (J/(mol K)), Faraday constant (C/mol), 0 °C in K (CODATA, via
        :mod:`nakmodel.constants`), valences, the reference resting potential drawn (mV)."""
        return {"ions": list(IONS), "gas_constant": GAS_CONSTANT, "faraday": FARADAY,
                "zero_celsius_K": ZERO_CELSIUS_K, "valence": {ion: VALENCE[ion] for ion in IONS},
                "reference_rest_mV": REFERENCE_REST_MV}

    @staticmethod
    def concentrations(values: dict) -> tuple:
        """``(c_out, c_in)`` dicts in mM from the control values."""
        return ({ion: values[f"{ion.lower()}_out"] for ion in IONS},
                {ion: values[f"{ion.lower()}_in"] for ion in IONS})

    def compute(self, values: dict) -> dict:
        """``{"E": {ion: mV}}`` from :func:`nakmodel.electrochem.nernst`."""
        c_out, c_in = self.concentrations(values)
        return {"E": {ion: nernst(VALENCE[ion], c_out[ion], c_in[ion], values["temperature_C"])
                      for ion in IONS}}

    def fallback_figure(self, values: dict, result: dict):
        c_out, c_in = self.concentrations(values)
        from ...plots.electrochem import EquilibriumPotentialPlot  # the static book's fallback only

        plot = EquilibriumPotentialPlot(IONS)
        plot.update(c_out, c_in, result["E"])
        return plot.fig, plot.alt_text(c_out, c_in, result["E"])
