"""A PNG app for the tests of the app machinery (:class:`nakmodel.widgets.App`: links, scenarios,
reset, failures), which the chapters' remaining PNG apps still use.

It draws the Nernst figure with the Nernst explorer's controls and scenarios
(:class:`nakmodel.widgets.live.NernstLive`, which replaced the book's PNG Nernst app).
"""

from __future__ import annotations

from typing import ClassVar

from nakmodel.constants import VALENCE
from nakmodel.electrochem import nernst
from nakmodel.plots.electrochem import EquilibriumPotentialPlot
from nakmodel.widgets import App
from nakmodel.widgets.live.nernst import IONS, NernstLive
from nakmodel.widgets.readout import readout, table


class ProbeApp(App):
    """The Nernst figure as a PNG app (concentrations and temperature -> E_Na, E_K, E_Cl)."""

    title = "Probe app (Nernst figure)"
    continuous_update = True
    controls = NernstLive.controls
    scenarios: ClassVar[dict] = NernstLive.scenarios
    scenario_notes: ClassVar[dict] = NernstLive.scenario_notes

    def make_figure(self):
        return EquilibriumPotentialPlot(IONS)

    def compute_and_draw(self, values):
        c_out, c_in = NernstLive.concentrations(values)
        t = values["temperature_C"]
        self.potentials = {ion: nernst(VALENCE[ion], c_out[ion], c_in[ion], t) for ion in IONS}
        self.plot.update(c_out, c_in, self.potentials)
        rows = [(f"E<sub>{ion}</sub>", f"{self.potentials[ion]:+.1f} mV") for ion in IONS]
        return self.plot.alt_text(c_out, c_in, self.potentials), readout(table(rows))
