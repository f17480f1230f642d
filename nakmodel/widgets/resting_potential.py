"""Chapter "The resting potential": the GHK explorer and the pump–leak loop.

* :class:`GHKExplorer` — relative permeabilities and concentrations set the
  Goldman–Hodgkin–Katz potential (:func:`nakmodel.ghk_voltage`), drawn on the
  same axis as E_Na, E_K and E_Cl.
* :class:`PumpLeakLoop` — the closed loop of :mod:`nakmodel.cell`: the pump
  sets the concentrations, the concentrations (through the leaks) set Vm, and
  Vm feeds back on both. Each update is one :func:`nakmodel.cell_steady_state`
  (a few ms), cached by rounded control values.

The pump–leak loop's numbers (currents, ATP per cell, power stored and
dissipated) come from :func:`nakmodel.pump_leak.pump_leak_result`.
"""

from __future__ import annotations

import math
from functools import lru_cache

import ipywidgets as W
import numpy as np

from ..cell import CellParams
from ..constants import MAMMALIAN_NEURON, VALENCE
from ..electrochem import ghk_voltage, nernst
from ..pump_leak import PumpLeakResult, pump_leak_result
from ._base import App, Control
from .readout import note, readout, table

__all__ = ["GHKExplorer", "PumpLeakLoop", "PumpLeakResult", "pump_leak_result"]

_IONS = ("Na", "K", "Cl")
_CELL = CellParams()
_OUT = MAMMALIAN_NEURON.c_out_mM
_IN = MAMMALIAN_NEURON.c_in_mM
_SYM = {"Na": "[Na⁺]", "K": "[K⁺]", "Cl": "[Cl⁻]"}


def _log_control(name, label, unit, default, lo, hi, step=0.02, fmt=".3f"):
    """A logarithmic Control whose range lies on the step grid through ``default``.

    The browser snaps a log slider to min + k·step (in log10); with the grid
    anchored at the default, the default survives the snap, so Reset really
    restores it and the handle colour stays neutral.
    """
    e0 = math.log10(default)
    n_lo = math.floor((e0 - math.log10(lo)) / step + 1e-9)
    n_hi = math.floor((math.log10(hi) - e0) / step + 1e-9)
    return Control(name, label, unit, default, 10 ** (e0 - n_lo * step), 10 ** (e0 + n_hi * step), step,
                   log=True, readout_format=fmt)


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
        from ..plots.resting_potential import GHKPlot  # matplotlib only for this app's figure

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


# --------------------------------------------------------------------------------------
# App 2: the pump–leak loop
# --------------------------------------------------------------------------------------
@lru_cache(maxsize=512)
def _cached_result(p_k, p_na, density, stoich):
    return pump_leak_result(p_k, p_na, density, stoich)


def _sig(x, digits=4):
    return float(f"{x:.{digits}g}")


_STOICH = {"3 Na⁺ : 2 K⁺ (real pump)": (3, 2), "3 Na⁺ : 3 K⁺ (hypothetical, electroneutral)": (3, 3)}


class PumpLeakLoop(App):
    """The pump–leak cell at steady state: leaks and pump density → Vm, [Na]i, [K]i, currents, ATP.

    Defaults are those of :class:`nakmodel.CellParams` (a 20 µm neuronal soma whose
    steady state is Vm ≈ −70 mV, [Na]i ≈ 12 mM, [K]i ≈ 140 mM).
    """

    title = "The pump–leak loop: the pump charges, the leaks spend"
    continuous_update = False
    controls = (
        _log_control("p_k", "K⁺ leak P_K", "cm/s", _CELL.p_k_cm_s, 2e-7, 5e-6, fmt=".2e"),
        _log_control("p_na", "Na⁺ leak P_Na", "cm/s", _CELL.p_na_cm_s, 5e-9, 3e-7, fmt=".2e"),
        _log_control("density", "pump density", "per µm²", _CELL.pump_density_per_um2, 60.0, 6000.0,
                     fmt=".0f"),
    )
    # factors 10**(±k·0.02) keep the log sliders on their grid (×1.995 ≈ double, ×0.251 ≈ a quarter)
    scenarios = {
        "electroneutral-pump": {"stoich": list(_STOICH)[1]},
        "few-pumps": {"density": _CELL.pump_density_per_um2 * 10 ** -0.6},
        "double-na-leak": {"p_na": _CELL.p_na_cm_s * 10 ** 0.3},
        "double-k-leak": {"p_k": _CELL.p_k_cm_s * 10 ** 0.3},
    }
    scenario_notes = {
        "electroneutral-pump": "hypothetical 3 Na⁺ : 3 K⁺ pump: no net pump current, Vm meets the GHK line, "
                               "concentrations hardly change",
        "few-pumps": "a quarter of the pumps: [Na⁺]i climbs, but ATP use and Vm change little",
        "double-na-leak": "Na⁺ leak doubled: every current grows, ATP use rises, Vm moves towards E_Na",
        "double-k-leak": "K⁺ leak doubled: Vm moves towards E_K, pump current and ATP use change little",
    }

    def __init__(self, **initial_values):
        self.stoich = W.Dropdown(options=list(_STOICH), value=list(_STOICH)[0],
                                 description="pump stoichiometry",
                                 style={"description_width": "13em"}, layout=W.Layout(width="30em"))
        self.stoich.observe(self._on_change, names="value")
        super().__init__(**initial_values)

    def extra_controls(self):
        return [self.stoich]

    def make_figure(self):
        from ..plots.resting_potential import PumpLeakPlot  # matplotlib only for this app's figure

        return PumpLeakPlot()

    def compute_and_draw(self, values):
        st = _STOICH[self.stoich.value]
        r = _cached_result(_sig(values["p_k"]), _sig(values["p_na"]), _sig(values["density"]), st)
        self.result = r
        s = r.state
        c_in = {"Na": s.na_in, "K": s.k_in, "Cl": s.cl_in}
        c_out = r.params.c_out_mM
        self.plot.update(r.potentials, s.v_mV, r.v_ghk_mV, r.pump_ion_currents, r.leak_currents, c_in, c_out)
        e = r.potentials
        text = readout(table([
            ("<b>V<sub>m</sub></b>", f"<b>{s.v_mV:+.1f} mV</b>"),
            ("pump's direct share", f"{s.v_mV - r.v_ghk_mV:+.1f} mV"),
            ("[Na⁺]<sub>i</sub>, [K⁺]<sub>i</sub>", f"{s.na_in:.1f}, {s.k_in:.0f} mM"),
            ("E<sub>Na</sub>, E<sub>K</sub>", f"{e['Na']:+.1f}, {e['K']:+.1f} mV"),
            ("pump current (net)", f"{r.pump_ion_currents['net']:.2f} µA/cm²"),
            ("cycles per pump", f"{r.cycles_per_pump_s:.0f} /s"),
            ("ATP per cell", f"{r.atp_per_cell_s / 1e6:.1f} million/s"),
            ("ATP power in", f"{r.power_atp_pW:.2f} pW"),
            ("stored in gradients", f"{r.power_stored_pW:.2f} pW"),
            ("spent by leaks", f"{r.power_dissipated_pW:.2f} pW"),
        ], title="Steady state"), font_size="0.95em")
        return self.plot.alt_text(r.potentials, s.v_mV, r.v_ghk_mV, r.pump_ion_currents, r.leak_currents,
                                  c_in), text
