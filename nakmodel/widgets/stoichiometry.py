"""Chapter "Why 3 Na⁺ for 2 K⁺? Stoichiometry and electrogenicity": the stoichiometry explorer.

:class:`StoichiometryExplorer` compares the real 3 Na⁺ : 2 K⁺ pump with
hypothetical 3:3, 2:2 and 1:1 pumps (all electroneutral) in the pump–leak
cell of :mod:`nakmodel.cell`, which supports any stoichiometry through
``CellParams.pump_na`` / ``pump_k``.

Everything the app shows is computed by :mod:`nakmodel.stoichiometry`
(steady states, time courses after the switch, the thermodynamic grid) and
:func:`nakmodel.electrochem.cycle_free_energy`; those functions are cached by
rounded control values, so returning to a setting costs only the redraw.
"""

from __future__ import annotations

import html

import ipywidgets as W

from ..cell import CellParams
from ..electrochem import cycle_free_energy
from ..plots.stoichiometry import StoichiometryPlot
from ..stoichiometry import (
    GRID_K,
    GRID_NA,
    T_MAX_S,
    VARIANTS,
    VariantSteadyState,
    cell_params,
    feasibility_grid,
    steady_comparison,
    switch_time_course,
)
from ._base import App, Control
from .readout import note, readout, table

# the science names stay importable from here for the app's users
__all__ = [
    "VARIANTS",
    "StoichiometryExplorer",
    "VariantSteadyState",
    "cell_params",
    "cycle_free_energy",
    "feasibility_grid",
    "steady_comparison",
    "switch_time_course",
]

_CELL = CellParams()


def _key(x, digits=4):
    return float(f"{x:.{digits}g}")


_VARIANT_OPTIONS = (("3:2 (real)", (3, 2)), ("3:3", (3, 3)), ("2:2", (2, 2)), ("1:1", (1, 1)),
                    ("blocked", (0, 0)))
_BASIS_OPTIONS = (("same pumps", "same_atp"), ("same Na⁺ pumping", "same_na_flux"))


class StoichiometryExplorer(App):
    """Compare the real 3:2 Na⁺/K⁺ pump with hypothetical electroneutral 3:3, 2:2 and 1:1 pumps.

    Controls: the leak permeability ratio P_Na/P_K and the pump density
    (defaults from :class:`nakmodel.CellParams`: 0.0541 and 731 pumps/µm²), and
    ΔG of ATP hydrolysis (default ``CellParams.atp_free_energy_kJ_per_mol``,
    −55 kJ/mol) for the thermodynamic grid; a selector highlights one variant
    (its time course is drawn) and a second chooses the basis of comparison.
    """

    title = "Stoichiometry explorer: what if the pump moved other numbers of ions?"
    continuous_update = False
    controls = (
        Control("pna_pk", "leak ratio P_Na/P_K", "", round(_CELL.p_na_cm_s / _CELL.p_k_cm_s, 4), 0.02, 0.15,
                0.002, readout_format=".3f"),
        Control("pump_density", "pumps", "per µm²", _CELL.pump_density_per_um2, 200.0, 2000.0, 20.0,
                readout_format=".0f"),
        Control("dg_atp", "ΔG of ATP", "kJ/mol", _CELL.atp_free_energy_kJ_per_mol, -65.0, -40.0, 0.5),
    )
    scenarios = {
        "pump-blocked": {"variant": (0, 0)},
        "many-pumps": {"pump_density": 2000.0, "variant": (3, 2)},
        "leaky-membrane": {"pna_pk": 0.12, "variant": (1, 1)},
        "energy-crisis": {"dg_atp": -45.0},
    }
    scenario_notes = {
        "pump-blocked": "all pumps stopped: Vm jumps by a few mV at once (direct share), "
                        "then creeps up over minutes",
        "many-pumps": "2000 pumps per µm², real 3:2 pump: [Na⁺]i falls by about a third, "
                      "but pump current, ATP use and the direct share stay put (the Na⁺ leak sets them)",
        "leaky-membrane": "P_Na/P_K 0.12, 1:1 pump highlighted: all cells depolarise and gain Na⁺, "
                          "the 1:1 pump most",
        "energy-crisis": "ΔG of ATP −45 kJ/mol: fewer ions can be moved per ATP, ✗ marks spread",
    }

    def __init__(self, variant=(3, 3), basis="same_atp", **initial_values):
        self.variant = W.ToggleButtons(options=_VARIANT_OPTIONS, value=tuple(variant),
                                       description="Highlight:", style={"button_width": "6.5em"},
                                       tooltips=["the real pump", "hypothetical, electroneutral",
                                                 "hypothetical, electroneutral",
                                                 "hypothetical, electroneutral",
                                                 "all pumps stopped (e.g. ouabain)"])
        self.basis = W.ToggleButtons(options=_BASIS_OPTIONS, value=basis, description="Compare at:",
                                     style={"button_width": "10em"},
                                     tooltips=["same number of pumps and cycle rate law, one ATP per cycle",
                                               "each cycle sped up by 3/n so every pump exports Na⁺ "
                                               "like the real one"])
        self.variant.observe(self._on_change, names="value")
        self.basis.observe(self._on_change, names="value")
        super().__init__(**initial_values)

    def extra_controls(self):
        return [self.variant, self.basis]

    def make_figure(self):
        return StoichiometryPlot(VARIANTS, GRID_NA, GRID_K, T_MAX_S)

    def compute_and_draw(self, values):
        ratio, density = _key(values["pna_pk"]), _key(values["pump_density"])
        dg_atp = float(values["dg_atp"])
        basis = self.basis.value
        selected = tuple(self.variant.value)
        rows = steady_comparison(ratio, density, basis)
        t, v, na, k = switch_time_course(ratio, density, selected, basis)
        rest = rows[0]
        p = cell_params(ratio, density)
        grid = feasibility_grid(rest.v_mV, p.c_out_mM, {"Na": rest.na_in, "K": rest.k_in}, p.temperature_C)
        steady = {r.stoichiometry: (r.v_mV, r.v_ghk_mV, r.direct_mV) for r in rows}
        self.result = dict(rows=rows, t_s=t, v_mV=v, na_in=na, k_in=k, grid_dg=grid, dg_atp=dg_atp)
        self.plot.update(t_s=t, v_mV=v, d_na_mM=na - na[0], d_k_mM=k - k[0], v_ref_mV=rest.v_mV,
                         selected=selected, steady=steady, grid_dg=grid, dg_atp=dg_atp,
                         grid_state=(rest.v_mV, rest.na_in, rest.k_in))
        alt = self.plot.alt_text(selected=selected, v_ref_mV=rest.v_mV, v_mV=v, t_s=t, steady=steady,
                                 grid_dg=grid, dg_atp=dg_atp, na_range=GRID_NA, k_range=GRID_K)
        return alt, self._readout(rows, selected, dg_atp)

    @staticmethod
    def _readout(rows, selected, dg_atp):
        head = ("pump", "Vm<br>(mV)", "direct<br>(mV)", "[Na⁺]ᵢ<br>(mM)", "I<sub>pump</sub><br>(µA/cm²)",
                "ATP/s<br>(10⁶/cell)", "work/ATP<br>(kJ/mol)", "per ion<br>(kJ/mol)")
        body = []
        for r in rows:
            st = r.stoichiometry
            ok = "" if r.dg_cycle_kJ < abs(dg_atp) else " ✗"
            direct = "0" if abs(r.direct_mV) < 0.05 else f"{r.direct_mV:+.1f}"
            body.append((f"{st[0]}:{st[1]}", f"{r.v_mV:.1f}", direct, f"{r.na_in:.1f}",
                         f"{r.pump_current_uA_cm2:.2f}", f"{r.atp_per_s_cell / 1e6:.0f}",
                         f"{r.dg_cycle_kJ:.1f}{ok}", f"{r.dg_per_ion_kJ:.1f}"))
        chosen = {i for i, r in enumerate(rows) if r.stoichiometry == selected}
        return readout(
            table(body, title="Steady states of the pump–leak cell", header=head, highlight=chosen),
            note(f"3:2 pump current per cell: {rows[0].pump_current_pA:.1f} pA. "
                 f"ATP supplies {abs(dg_atp):.1f} kJ/mol; ✗ = cycle costs more. "
                 f"Selected: {html.escape({v: k for k, v in _VARIANT_OPTIONS}[selected])}."),
            font_size="0.92em")
