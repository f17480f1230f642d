"""Chapter "The resting potential": the GHK explorer.

* :class:`GHKExplorer` — relative permeabilities and concentrations set the
  Goldman–Hodgkin–Katz potential (:func:`nakmodel.ghk_voltage`), drawn on the
  same axis as E_Na, E_K and E_Cl.

The chapter's pump–leak loop is the live explorer
:class:`nakmodel.widgets.live.pump_leak.PumpLeakLive`.
"""

from __future__ import annotations

import numpy as np

from ..cell import CellParams
from ..constants import MAMMALIAN_NEURON, VALENCE
from ..electrochem import ghk_voltage, nernst
from ..plots.resting_potential import GHKPlot
from ._base import App, Control
from .controls import log_control as _log_control
from .readout import note, readout, table

__all__ = ["GHKExplorer"]

_IONS = ("Na", "K", "Cl")
_CELL = CellParams()
_OUT = MAMMALIAN_NEURON.c_out_mM
_IN = MAMMALIAN_NEURON.c_in_mM
_SYM = {"Na": "[Na⁺]", "K": "[K⁺]", "Cl": "[Cl⁻]"}


def _conc(ion, side, default, lo, hi):
    where = "outside" if side == "out" else "inside"
    return Control(f"{ion.lower()}_{side}", f"{_SYM[ion]} {where}", "mM", default, lo, hi, 0.5,
                   readout_format=".1f")


# --------------------------------------------------------------------------------------
# App 1: GHK explorer
# --------------------------------------------------------------------------------------
class GHKExplorer(App):
    """Relative permeabilities and concentrations → the GHK resting potential.

    Defaults: the book's mammalian neuron concentrations
    (:data:`nakmodel.constants.MAMMALIAN_NEURON`, Hille 2001) and the permeability
    ratios of the pump–leak cell (:class:`nakmodel.CellParams`: P_Na/P_K = 0.054,
    P_Cl/P_K = 0.2), at 37 °C.
    """

    title = "GHK explorer: which leaks set the resting potential?"
    continuous_update = True
    N_SWEEP = 61
    #: P_Na/P_K range of the swept curve (the slider's range, rounded to decades).
    SWEEP_RANGE = (1e-3, 1.0)
    controls = (
        _log_control("pna_pk", "P_Na / P_K", "", _CELL.p_na_cm_s / _CELL.p_k_cm_s, 1e-3, 1.0),
        _log_control("pcl_pk", "P_Cl / P_K", "", _CELL.p_cl_cm_s / _CELL.p_k_cm_s, 1e-3, 10.0),
        _conc("K", "out", _OUT["K"], 1.0, 100.0),
        _conc("K", "in", _IN["K"], 10.0, 300.0),
        _conc("Na", "out", _OUT["Na"], 10.0, 300.0),
        _conc("Na", "in", _IN["Na"], 1.0, 100.0),
        _conc("Cl", "out", _OUT["Cl"], 10.0, 300.0),
        _conc("Cl", "in", _IN["Cl"], 1.0, 100.0),
    )
    # log sliders: scenario values at the ends of their ranges lie on the slider's grid
    scenarios = {
        "only-k-channels": {"pna_pk": controls[0].minimum, "pcl_pk": controls[1].minimum},
        "high-sodium-permeability": {"pna_pk": controls[0].maximum},
        "hyperkalaemia": {"k_out": 10.0},
        "many-cl-channels": {"pcl_pk": controls[1].maximum},
    }
    scenario_notes = {
        "only-k-channels": "Na⁺ and Cl⁻ permeabilities at their minimum: Vm falls onto E_K "
                           "(GHK becomes Nernst)",
        "high-sodium-permeability": "P_Na/P_K near 1: Vm heads towards E_Na, "
                                    "an action potential in slow motion",
        "hyperkalaemia": "K⁺ outside doubled to 10 mM: E_K rises by 18 mV but Vm follows only partly",
        "many-cl-channels": "P_Cl/P_K near 10: Vm barely moves, because E_Cl is already close to Vm",
    }
    temperature_C = MAMMALIAN_NEURON.temperature_C

    def make_figure(self):
        return GHKPlot(ratio_range=self.SWEEP_RANGE)

    @staticmethod
    def concentrations(values):
        """Outside and inside dicts (mM) from control values."""
        return ({i: values[f"{i.lower()}_out"] for i in _IONS}, {i: values[f"{i.lower()}_in"] for i in _IONS})

    def compute_and_draw(self, values):
        c_out, c_in = self.concentrations(values)
        t = self.temperature_C
        self.potentials = {i: nernst(VALENCE[i], c_out[i], c_in[i], t) for i in _IONS}
        perm = {"K": 1.0, "Na": values["pna_pk"], "Cl": values["pcl_pk"]}
        self.vm = ghk_voltage(perm, c_out, c_in, t)
        self.ratios = np.geomspace(*self.SWEEP_RANGE, self.N_SWEEP)
        self.vm_sweep = np.array([ghk_voltage(dict(perm, Na=r), c_out, c_in, t) for r in self.ratios])
        self.plot.update(self.ratios, self.vm_sweep, self.potentials, self.vm)
        self.plot.set_marker(values["pna_pk"], self.vm)
        # how far Vm sits from E_K, as a fraction of the way to E_Na
        frac = (self.vm - self.potentials["K"]) / (self.potentials["Na"] - self.potentials["K"])
        rows = [("<b>V<sub>m</sub></b>", f"<b>{self.vm:+.1f} mV</b>")]
        rows += [(f"E<sub>{i}</sub>", f"{self.potentials[i]:+.1f} mV") for i in _IONS]
        text = readout(
            table(rows, title="Resting potential (GHK)"),
            note(f"V<sub>m</sub> − E<sub>K</sub> = {self.vm - self.potentials['K']:+.1f} mV "
                 f"({100 * frac:.0f} % of the way from E<sub>K</sub> to E<sub>Na</sub>)<br>at {t:.0f} °C"))
        return self.plot.alt_text(values["pna_pk"], values["pcl_pk"], self.potentials, self.vm), text
