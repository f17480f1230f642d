"""Chapter "The resting potential": the pump–leak loop, drawn in the browser.

The closed loop of :mod:`nakmodel.cell`: the pump sets the concentrations, the
concentrations (through the leaks) set Vm, and Vm feeds back on both. Each setting is one
steady state (:func:`nakmodel.pump_leak.pump_leak_result`: currents, ATP per cell, power
stored and dissipated), cached by control values.

JavaScript twin: ``frontend/pump_leak.js`` (figure) and ``frontend/ports/pump_leak.js`` (the
static book's port of :mod:`nakmodel.cell`: the same steady state by Newton's method, the pump
from ``frontend/ports/pump_cycle.js``).
"""

from __future__ import annotations

from functools import lru_cache

from ...cell import CellParams
from ...pump_leak import pump_leak_result
from ..controls import log_control
from ._cell import SOLVER, cell_json
from ._explorer import Choice, LiveExplorer

__all__ = ["STOICHIOMETRIES", "PumpLeakLive"]

_CELL = CellParams()
_IONS = ("Na", "K", "Cl")
#: The pump menu: what the reader sees -> (Na⁺ out, K⁺ in) per cycle.
STOICHIOMETRIES = {"3 Na⁺ : 2 K⁺ (real pump)": (3, 2), "3 Na⁺ : 3 K⁺ (hypothetical, electroneutral)": (3, 3)}
_REAL, _NEUTRAL = STOICHIOMETRIES


@lru_cache(maxsize=512)
def _cached(p_k, p_na, density, stoich):
    return pump_leak_result(p_k, p_na, density, stoich)


class PumpLeakLive(LiveExplorer):
    """The pump–leak cell at steady state: leaks, pump density and stoichiometry → Vm,
    [Na⁺]ᵢ, [K⁺]ᵢ, currents, ATP use and power.

    Defaults are those of :class:`nakmodel.CellParams` (a 20 µm neuronal soma whose
    steady state is Vm ≈ −70 mV, [Na⁺]ᵢ ≈ 12 mM, [K⁺]ᵢ ≈ 140 mM).

    Examples
    --------
    >>> r = PumpLeakLive().result
    >>> round(r["vm"]), round(r["c_in"]["Na"]), round(r["c_in"]["K"])
    (-70, 12, 140)
    """

    name = "pump_leak"
    title = "The pump–leak loop: the pump charges, the leaks spend"
    controls = (
        log_control("p_k", "K⁺ leak P_K", "cm/s", _CELL.p_k_cm_s, 2e-7, 5e-6, fmt=".2e"),
        log_control("p_na", "Na⁺ leak P_Na", "cm/s", _CELL.p_na_cm_s, 5e-9, 3e-7, fmt=".2e"),
        log_control("density", "pump density", "per µm²", _CELL.pump_density_per_um2, 60.0, 6000.0,
                    fmt=".0f"),
    )
    choices = (Choice("stoich", "pump stoichiometry", tuple(STOICHIOMETRIES), _REAL),)
    # factors 10**(±k·0.02) keep the log sliders on their grid (×1.995 ≈ double, ×0.251 ≈ a quarter)
    scenarios = {
        "electroneutral-pump": {"stoich": _NEUTRAL},
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

    def params(self) -> dict:
        """The cell (:func:`~nakmodel.widgets.live._cell.cell_json`) and the pump menu's stoichiometries."""
        return {"cell": cell_json(_CELL), "solver": SOLVER,
                "stoichiometries": {k: list(v) for k, v in STOICHIOMETRIES.items()}}

    @staticmethod
    def steady(values: dict):
        """:func:`nakmodel.pump_leak.pump_leak_result` for the control values (cached)."""
        return _cached(float(values["p_k"]), float(values["p_na"]), float(values["density"]),
                       STOICHIOMETRIES[values["stoich"]])

    def compute(self, values: dict) -> dict:
        """Steady state: ``vm``, ``v_ghk`` (mV), ``E`` per ion (mV), ``c_in`` (mM), ``volume_rel``,
        ``pump``/``leak`` currents per ``Na``/``K``/``net`` (µA/cm², outward +), ``cycles_per_pump_s``,
        ``atp_per_cell_s``, ``power_atp_pW``, ``power_stored_pW``, ``power_dissipated_pW``,
        ``dg_cycle_kJ`` (kJ/mol)."""
        r = self.steady(values)
        s = r.state
        return {
            "vm": s.v_mV, "v_ghk": r.v_ghk_mV, "E": dict(r.potentials),
            "c_in": {"Na": s.na_in, "K": s.k_in, "Cl": s.cl_in}, "volume_rel": s.volume_rel,
            "pump": dict(r.pump_ion_currents), "leak": dict(r.leak_currents),
            "cycles_per_pump_s": r.cycles_per_pump_s, "atp_per_cell_s": r.atp_per_cell_s,
            "power_atp_pW": r.power_atp_pW, "power_stored_pW": r.power_stored_pW,
            "power_dissipated_pW": r.power_dissipated_pW, "dg_cycle_kJ": r.dg_cycle_kJ_per_mol,
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.resting_potential import PumpLeakPlot  # the static book's fallback only

        plot = PumpLeakPlot()
        c_out = dict(_CELL.c_out_mM)
        plot.update(result["E"], result["vm"], result["v_ghk"], result["pump"], result["leak"],
                    result["c_in"], c_out)
        return plot.fig, plot.alt_text(result["E"], result["vm"], result["v_ghk"], result["pump"],
                                       result["leak"], result["c_in"])
