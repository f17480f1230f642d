"""Chapter "The resting potential": the pump–leak loop.

:class:`PumpLeakLoop` — the closed loop of :mod:`nakmodel.cell`: the pump
sets the concentrations, the concentrations (through the leaks) set Vm, and
Vm feeds back on both. Each update is one :func:`nakmodel.cell_steady_state`
(a few ms), cached by rounded control values. (The chapter's GHK explorer is
:class:`nakmodel.widgets.live.GHKLive`.)

The pump–leak loop's numbers (currents, ATP per cell, power stored and
dissipated) come from :func:`nakmodel.pump_leak.pump_leak_result`.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as W

from ..cell import CellParams
from ..plots.resting_potential import PumpLeakPlot
from ..pump_leak import PumpLeakResult, pump_leak_result
from ._base import App
from .controls import log_control as _log_control
from .readout import readout, table

__all__ = ["PumpLeakLoop", "PumpLeakResult", "pump_leak_result"]

_CELL = CellParams()


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
