"""Chapter "Ion gradients and equilibrium potentials": the Nernst explorer, drawn in the browser.

JavaScript twin: ``frontend/nernst.js`` (figure) and ``frontend/ports/nernst.js``
(the static book's port of :func:`nakmodel.electrochem.nernst`). Its controls and teacher
scenarios are defined here, once.
"""

from __future__ import annotations

from ...constants import FARADAY, GAS_CONSTANT, MAMMALIAN_NEURON, VALENCE, ZERO_CELSIUS_K
from ...electrochem import nernst
from ...plots.shared import REFERENCE_REST_MV
from ..controls import Control
from ._explorer import LiveExplorer

IONS = ("Na", "K", "Cl")
_SYMBOL = {"Na": "[Na⁺]", "K": "[K⁺]", "Cl": "[Cl⁻]"}


def _conc_control(ion: str, side: str) -> Control:
    """A concentration slider (mM, 1–500) defaulting to the book's mammalian neuron."""
    default = (MAMMALIAN_NEURON.c_out_mM if side == "out" else MAMMALIAN_NEURON.c_in_mM)[ion]
    where = "outside" if side == "out" else "inside"
    return Control(f"{ion.lower()}_{side}", f"{_SYMBOL[ion]} {where}", "mM", default, 1.0, 500.0, 1.0,
                   readout_format=".0f")


class NernstLive(LiveExplorer):
    """Set inside/outside concentrations and temperature; see E_Na, E_K, E_Cl.

    Defaults are the book's mammalian neuron (Na 145/15, K 5/140, Cl 110/10 mM,
    37 °C; :data:`nakmodel.constants.MAMMALIAN_NEURON`, Hille 2001).

    Examples
    --------
    >>> app = NernstLive(k_out=10.0)
    >>> round(app.result["E"]["K"], 1)  # E_K at 10 mM outside, 140 mM inside, 37 °C
    -70.5
    """

    name = "nernst"
    title = "Nernst explorer: where would each ion be at equilibrium?"
    controls = tuple(_conc_control(ion, side) for ion in IONS for side in ("out", "in")) + (
        Control("temperature_C", "temperature", "°C", MAMMALIAN_NEURON.temperature_C, 0.0, 45.0, 0.5),)
    scenarios = {
        "hyperkalaemia": {"k_out": 10.0},
        "sodium-loaded": {"na_in": 30.0},
        "squid-cold": {"temperature_C": 6.5},
        "immature-neuron": {"cl_in": 30.0},
    }
    scenario_notes = {
        "hyperkalaemia": "K⁺ outside doubled to 10 mM: E_K rises by about 18 mV (only the ratio counts)",
        "sodium-loaded": "Na⁺ inside raised to 30 mM (2.5 times rest), as after the pump stops: "
                         "E_Na falls by about 24 mV",
        "squid-cold": "6.5 °C, close to Hodgkin and Huxley's squid experiments: every E shrinks "
                      "by only about 10 %",
        "immature-neuron": "Cl⁻ inside 30 mM, as in immature neurons: E_Cl lies above the resting potential",
    }

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
