"""Chapter "Why 3 Na⁺ for 2 K⁺? Stoichiometry and electrogenicity": the stoichiometry explorer,
drawn in the browser.

Compares the real 3 Na⁺ : 2 K⁺ pump with hypothetical electroneutral 3:3, 2:2 and 1:1 pumps in
the pump–leak cell of :mod:`nakmodel.cell`. Everything shown is computed by
:mod:`nakmodel.stoichiometry` (steady states, the time course after all pumps switch, the
thermodynamic grid, :func:`nakmodel.electrochem.cycle_free_energy`), cached by control values.

JavaScript twin: ``frontend/stoichiometry.js`` (figure) and ``frontend/ports/stoichiometry.js``
(the static book's port, on the pump–leak cell port ``frontend/ports/pump_leak.js``).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ...cell import CellParams
from ...plots.shared import GRID_COLORS, GRID_VMAX, GRID_WHITE_TEXT_ABOVE, VARIANT_MARKERS
from ...stoichiometry import (
    GRID_K,
    GRID_NA,
    T_EVAL,
    T_MAX_S,
    VARIANTS,
    cell_params,
    energy_left_kJ,
    feasibility_grid,
    steady_comparison,
    switch_time_course,
)
from ..controls import Control
from ._cell import SOLVER, cell_json
from ._explorer import Choice, LiveExplorer

__all__ = ["BASES", "HIGHLIGHTS", "StoichiometryLive"]

_CELL = CellParams()
#: The highlight menu: what the reader sees -> (Na⁺ out, K⁺ in) per cycle; (0, 0) = pumps blocked.
HIGHLIGHTS = {"3:2 (real)": (3, 2), "3:3": (3, 3), "2:2": (2, 2), "1:1": (1, 1), "blocked": (0, 0)}
#: The basis menu: what the reader sees -> :mod:`nakmodel.stoichiometry` basis.
BASES = {"same pumps": "same_atp", "same Na⁺ pumping": "same_na_flux"}
_LABEL = {v: k for k, v in HIGHLIGHTS.items()}


def grid_colors() -> dict:
    """Panel D's colour scale as the page draws it: CSS colours of the matplotlib colormap
    (:data:`~nakmodel.plots.shared.GRID_COLORS`) over work/|ΔG_ATP| from 0 to ``vmax``, and the
    value above which cell text turns white (as :class:`~nakmodel.plots.stoichiometry.StoichiometryPlot`)."""
    return {"colors": list(GRID_COLORS), "vmax": GRID_VMAX, "white_text_above": GRID_WHITE_TEXT_ABOVE}


@lru_cache(maxsize=512)
def _grid(v_mV, na_in, k_in):
    p = _CELL
    return feasibility_grid(v_mV, p.c_out_mM, {"Na": na_in, "K": k_in}, p.temperature_C)


class StoichiometryLive(LiveExplorer):
    """Compare the real 3:2 Na⁺/K⁺ pump with hypothetical electroneutral 3:3, 2:2 and 1:1 pumps.

    Controls: the leak permeability ratio P_Na/P_K and the pump density (defaults from
    :class:`nakmodel.CellParams`: 0.0541 and 731 pumps/µm²), and ΔG of ATP hydrolysis
    (default ``CellParams.atp_free_energy_kJ_per_mol``, −55 kJ/mol) for the thermodynamic grid;
    one menu highlights a variant (its time course is drawn), another chooses the basis of
    comparison.

    Examples
    --------
    >>> rows = StoichiometryLive().result["rows"]
    >>> rows[0]["stoichiometry"], round(rows[0]["v_mV"]), abs(rows[1]["direct_mV"]) < 1e-6
    ([3, 2], -70, True)
    """

    name = "stoichiometry"
    title = "Stoichiometry explorer: what if the pump moved other numbers of ions?"
    controls = (
        Control("pna_pk", "leak ratio P_Na/P_K", "", round(_CELL.p_na_cm_s / _CELL.p_k_cm_s, 4), 0.02, 0.15,
                0.002, readout_format=".3f"),
        Control("pump_density", "pumps", "per µm²", _CELL.pump_density_per_um2, 200.0, 2000.0, 20.0,
                readout_format=".0f"),
        Control("dg_atp", "ΔG of ATP", "kJ/mol", _CELL.atp_free_energy_kJ_per_mol, -65.0, -40.0, 0.5),
    )
    choices = (Choice("variant", "highlight", tuple(HIGHLIGHTS), _LABEL[(3, 3)]),
               Choice("basis", "compare at", tuple(BASES), "same pumps"))
    scenarios = {
        "pump-blocked": {"variant": _LABEL[(0, 0)]},
        "many-pumps": {"pump_density": 2000.0, "variant": _LABEL[(3, 2)]},
        "leaky-membrane": {"pna_pk": 0.12, "variant": _LABEL[(1, 1)]},
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

    def params(self) -> dict:
        """The cell (:func:`~nakmodel.widgets.live._cell.cell_json`), the variants, the grid's
        rows and columns, the time course's output times (s, :data:`nakmodel.stoichiometry.T_EVAL`)
        and the two menus' meanings."""
        return {"cell": cell_json(_CELL), "solver": SOLVER, "variants": [list(v) for v in VARIANTS],
                "grid_na": list(GRID_NA), "grid_k": list(GRID_K), "t_eval": T_EVAL.tolist(),
                "t_max_s": T_MAX_S, "highlights": {k: list(v) for k, v in HIGHLIGHTS.items()},
                "bases": dict(BASES), "grid_colors": grid_colors(),
                "markers": {f"{n}:{m}": VARIANT_MARKERS[(n, m)] for n, m in VARIANT_MARKERS}}

    def compute(self, values: dict) -> dict:
        """``rows`` (one steady state per variant: Vm, its GHK and direct parts in mV, [Na⁺]ᵢ and
        [K⁺]ᵢ in mM, volume, pump current in µA/cm² and pA, cycles/s, ATP/s per cell, work per cycle
        and per ion in kJ/mol), ``course`` (``t_s``, ``v_mV``, ``na_in``, ``k_in`` after the switch)
        ``grid_dg`` (kJ/mol per cycle, rows ``grid_k``, columns ``grid_na``) and ``energy_left_kJ``
        (what one ATP at the ``dg_atp`` control gives beyond the work of the 3:2 cycle at its steady
        state, kJ/mol: :func:`nakmodel.stoichiometry.energy_left_kJ`)."""
        ratio, density = float(values["pna_pk"]), float(values["pump_density"])
        basis = BASES[values["basis"]]
        rows = steady_comparison(ratio, density, basis)
        t, v, na, k = switch_time_course(ratio, density, HIGHLIGHTS[values["variant"]], basis)
        rest = rows[0]
        grid = _grid(rest.v_mV, rest.na_in, rest.k_in)
        return {
            "rows": [{"stoichiometry": list(r.stoichiometry), "v_mV": r.v_mV, "v_ghk_mV": r.v_ghk_mV,
                      "direct_mV": r.direct_mV, "na_in": r.na_in, "k_in": r.k_in, "volume_rel": r.volume_rel,
                      "pump_current_uA_cm2": r.pump_current_uA_cm2, "pump_current_pA": r.pump_current_pA,
                      "cycles_per_s": r.cycles_per_s, "atp_per_s_cell": r.atp_per_s_cell,
                      "dg_cycle_kJ": r.dg_cycle_kJ, "dg_per_ion_kJ": r.dg_per_ion_kJ} for r in rows],
            "course": {"t_s": np.asarray(t).tolist(), "v_mV": np.asarray(v).tolist(),
                       "na_in": np.asarray(na).tolist(), "k_in": np.asarray(k).tolist()},
            "grid_dg": np.asarray(grid).tolist(),
            "energy_left_kJ": energy_left_kJ(float(values["dg_atp"]), ratio, density, basis),
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.stoichiometry import StoichiometryPlot  # the static book's PNG only

        plot = StoichiometryPlot(VARIANTS, GRID_NA, GRID_K, T_MAX_S)
        rows, c = result["rows"], result["course"]
        rest = rows[0]
        selected = HIGHLIGHTS[values["variant"]]
        steady = {tuple(r["stoichiometry"]): (r["v_mV"], r["v_ghk_mV"], r["direct_mV"]) for r in rows}
        t, v = np.array(c["t_s"]), np.array(c["v_mV"])
        na, k = np.array(c["na_in"]), np.array(c["k_in"])
        grid = np.array(result["grid_dg"])
        dg_atp = float(values["dg_atp"])
        plot.update(t_s=t, v_mV=v, d_na_mM=na - na[0], d_k_mM=k - k[0], v_ref_mV=rest["v_mV"],
                    selected=selected, steady=steady, grid_dg=grid, dg_atp=dg_atp,
                    grid_state=(rest["v_mV"], rest["na_in"], rest["k_in"]))
        alt = plot.alt_text(selected=selected, v_ref_mV=rest["v_mV"], v_mV=v, t_s=t, steady=steady,
                            grid_dg=grid, dg_atp=dg_atp, na_range=GRID_NA, k_range=GRID_K)
        return plot.fig, alt


# cell_params is the chapter's cell; kept importable here for the explorer's users
cell_params = cell_params
