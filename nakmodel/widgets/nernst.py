"""Chapter "Ion gradients and equilibrium potentials": the Nernst explorer."""

from __future__ import annotations

from ..constants import MAMMALIAN_NEURON, VALENCE
from ..electrochem import nernst
from ._base import App, Control
from .readout import note, readout, table

_OUT = MAMMALIAN_NEURON.c_out_mM
_IN = MAMMALIAN_NEURON.c_in_mM
_IONS = ("Na", "K", "Cl")


def _conc_control(ion, side, default):
    where = "outside" if side == "out" else "inside"
    sym = {"Na": "[Na⁺]", "K": "[K⁺]", "Cl": "[Cl⁻]"}[ion]
    return Control(f"{ion.lower()}_{side}", f"{sym} {where}", "mM", default, 1.0, 500.0, 1.0,
                   readout_format=".0f")


class NernstExplorer(App):
    """Set inside/outside concentrations and temperature; see E_Na, E_K, E_Cl.

    Defaults are the book's mammalian neuron (Na 145/15, K 5/140, Cl 110/10 mM,
    37 °C; :data:`nakmodel.constants.MAMMALIAN_NEURON`).
    """

    title = "Nernst explorer: where would each ion be at equilibrium?"
    continuous_update = True
    controls = tuple(
        _conc_control(ion, side, (_OUT if side == "out" else _IN)[ion])
        for ion in _IONS for side in ("out", "in")
    ) + (Control("temperature_C", "temperature", "°C", MAMMALIAN_NEURON.temperature_C, 0.0, 45.0, 0.5),)
    scenarios = {
        "hyperkalaemia": {"k_out": 10.0},
        "sodium-loaded": {"na_in": 30.0},
        "squid-cold": {"temperature_C": 6.5},
        "immature-neuron": {"cl_in": 30.0},
    }
    scenario_notes = {
        "hyperkalaemia": "K⁺ outside doubled to 10 mM: E_K rises by about 18 mV (only the ratio counts)",
        "sodium-loaded": "Na⁺ inside doubled to 30 mM, as after the pump stops: E_Na falls by about 18 mV",
        "squid-cold": "6.5 °C, close to Hodgkin and Huxley's squid experiments: every E shrinks "
                      "by only about 10 %",
        "immature-neuron": "Cl⁻ inside 30 mM, as in immature neurons: E_Cl lies above the resting potential",
    }

    def make_figure(self):
        from ..plots.electrochem import EquilibriumPotentialPlot  # matplotlib only for this app's figure

        return EquilibriumPotentialPlot(_IONS)

    @staticmethod
    def concentrations(values):
        """Split control values into outside and inside dicts (mM)."""
        c_out = {ion: values[f"{ion.lower()}_out"] for ion in _IONS}
        c_in = {ion: values[f"{ion.lower()}_in"] for ion in _IONS}
        return c_out, c_in

    def compute_and_draw(self, values):
        c_out, c_in = self.concentrations(values)
        t = values["temperature_C"]
        self.potentials = {ion: nernst(VALENCE[ion], c_out[ion], c_in[ion], t) for ion in _IONS}
        self.plot.update(c_out, c_in, self.potentials)
        rows = [(f"E<sub>{ion}</sub>", f"{self.potentials[ion]:+.1f} mV",
                 note(f"ratio out/in {c_out[ion] / c_in[ion]:.3g}")) for ion in _IONS]
        text = readout(table(rows, title="Equilibrium potentials"), note(f"at {t:.1f} °C"))
        return self.plot.alt_text(c_out, c_in, self.potentials), text
