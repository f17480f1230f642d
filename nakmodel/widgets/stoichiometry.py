"""Chapter "Why 3 Na⁺ for 2 K⁺? Stoichiometry and electrogenicity": the stoichiometry explorer.

:class:`StoichiometryExplorer` compares the real 3 Na⁺ : 2 K⁺ pump with
hypothetical 3:3, 2:2 and 1:1 pumps (all electroneutral) in the pump–leak
cell of :mod:`nakmodel.cell`, which supports any stoichiometry through
``CellParams.pump_na`` / ``pump_k``.

Everything is computed from public model functions:

* steady states and the direct electrogenic share: :func:`nakmodel.electrogenic_share`;
* time courses after the switch: :func:`nakmodel.simulate_cell` started from the
  3:2 steady state with the variant's ``pump_na``/``pump_k`` (for the "same Na⁺
  pumping" basis the pump density is multiplied by 3/n_Na, which is what
  ``electrogenic_share``'s ``rate_scale`` does: the cell model's pump current is
  proportional to the product of density and rate);
* cycle rate and ATP use: :func:`nakmodel.pump_rate_fast` (the cell's pump law);
* free energy per cycle of an n Na⁺ : m K⁺ pump: :func:`nakmodel.ion_transfer_free_energy`
  with ``{"Na": -n, "K": m}`` (:func:`nakmodel.pump_free_energy` is the 3:2 case).

Results are cached by rounded control values (:func:`functools.lru_cache`),
so returning to a setting costs only the redraw.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, replace
from functools import lru_cache

import ipywidgets as W
import numpy as np

from ..cell import CellParams, cell_steady_state, electrogenic_share, simulate_cell
from ..electrochem import ion_transfer_free_energy
from ..plots.stoichiometry import StoichiometryPlot
from ..pump import pump_rate_fast
from ._base import App, Control
from .readout import note, readout, table

__all__ = ["StoichiometryExplorer", "VariantSteadyState", "cycle_free_energy", "feasibility_grid",
           "steady_comparison", "switch_time_course", "VARIANTS"]

_CELL = CellParams()
#: Stoichiometries compared (Na⁺ out, K⁺ in per ATP); the first is the real pump (Post & Jolly 1957).
VARIANTS = ((3, 2), (3, 3), (2, 2), (1, 1))
#: Columns and rows of the thermodynamic grid.
GRID_NA = (1, 2, 3, 4)
GRID_K = (0, 1, 2, 3, 4)
#: Length of the time course after the switch, s, and its output times (log-spaced, s).
T_MAX_S = 3600.0
T_EVAL = np.geomspace(1e-4, T_MAX_S, 90)
BASES = ("same_atp", "same_na_flux")


def cycle_free_energy(n_na, n_k, v_mV, c_out_mM, c_in_mM, temperature_C=37.0):
    """Work needed for one cycle of an n_Na Na⁺ out : n_K K⁺ in pump, kJ/mol.

    ΔG = n_Na [RT ln([Na]o/[Na]i) − FV] + n_K [RT ln([K]i/[K]o) + FV], from
    :func:`nakmodel.ion_transfer_free_energy`; (3, 2) equals
    :func:`nakmodel.pump_free_energy`. Positive: the cycle needs an energy source.
    """
    moved = {}
    if n_na:
        moved["Na"] = -n_na
    if n_k:
        moved["K"] = n_k
    if not moved:
        return 0.0
    return ion_transfer_free_energy(v_mV, moved, c_out_mM, c_in_mM, temperature_C)


def feasibility_grid(v_mV, c_out_mM, c_in_mM, temperature_C=37.0, na_range=GRID_NA, k_range=GRID_K):
    """ΔG per cycle (kJ/mol) for every n_Na in ``na_range`` (columns) and n_K in ``k_range`` (rows)."""
    return np.array([[cycle_free_energy(n, m, v_mV, c_out_mM, c_in_mM, temperature_C) for n in na_range]
                     for m in k_range])


@dataclass(frozen=True)
class VariantSteadyState:
    """Steady state of the pump–leak cell with one pump stoichiometry.

    Attributes
    ----------
    stoichiometry : (int, int)
        Na⁺ out, K⁺ in per cycle (one ATP per cycle).
    v_mV, v_ghk_mV, direct_mV : float
        Resting potential, the GHK potential of the same concentrations (the
        gradients' share) and their difference (the pump's direct share), mV.
    na_in, k_in : float
        mM.
    volume_rel : float
        Cell volume relative to the reference volume.
    pump_current_uA_cm2, pump_current_pA : float
        Net pump current (outward positive), per cm² and for the whole cell.
    cycles_per_s : float
        Cycles per second of one pump.
    atp_per_s_cell : float
        ATP hydrolysed per second by the whole cell (one per cycle).
    dg_cycle_kJ : float
        Work per cycle at this steady state, kJ/mol (= per mol ATP).
    dg_per_ion_kJ : float
        Work per ion moved, kJ/mol.
    """

    stoichiometry: tuple
    v_mV: float
    v_ghk_mV: float
    direct_mV: float
    na_in: float
    k_in: float
    volume_rel: float
    pump_current_uA_cm2: float
    pump_current_pA: float
    cycles_per_s: float
    atp_per_s_cell: float
    dg_cycle_kJ: float
    dg_per_ion_kJ: float


def cell_params(pna_pk=None, pump_density=None):
    """The chapter's cell: :class:`nakmodel.CellParams` with P_Na = ratio × P_K and the pump density."""
    p = _CELL
    kw = {}
    if pna_pk is not None:
        kw["p_na_cm_s"] = float(pna_pk) * p.p_k_cm_s
    if pump_density is not None:
        kw["pump_density_per_um2"] = float(pump_density)
    return replace(p, **kw)


def _area_um2(p):
    return math.pi * p.diameter_um ** 2


@lru_cache(maxsize=256)
def steady_comparison(pna_pk, pump_density, basis="same_atp"):
    """Steady state of every variant in :data:`VARIANTS` (tuple of :class:`VariantSteadyState`)."""
    p = cell_params(pna_pk, pump_density)
    share = electrogenic_share(p, stoichiometries=VARIANTS, basis=basis)
    area = _area_um2(p)
    out = []
    for i, st in enumerate(share.stoichiometries):
        scale = 3.0 / st[0] if basis == "same_na_flux" else 1.0
        v, na, k = float(share.v_mV[i]), float(share.na_in[i]), float(share.k_in[i])
        rate = scale * float(pump_rate_fast(na, p.c_out_mM["K"], v, na_out_mM=p.c_out_mM["Na"],
                                            temperature_C=p.temperature_C, params=p.pump))
        dg = cycle_free_energy(st[0], st[1], v, p.c_out_mM, {"Na": na, "K": k}, p.temperature_C)
        i_p = float(share.pump_current_uA_cm2[i])
        out.append(VariantSteadyState(
            stoichiometry=st, v_mV=v, v_ghk_mV=v - float(share.direct_mV[i]), direct_mV=float(share.direct_mV[i]),
            na_in=na, k_in=k, volume_rel=float(share.volume_rel[i]), pump_current_uA_cm2=i_p,
            pump_current_pA=i_p * area * 1e-8 * 1e6, cycles_per_s=rate,
            atp_per_s_cell=rate * p.pump_density_per_um2 * area, dg_cycle_kJ=dg, dg_per_ion_kJ=dg / sum(st)))
    return tuple(out)


@lru_cache(maxsize=256)
def _rest(pna_pk, pump_density):
    return cell_steady_state(cell_params(pna_pk, pump_density))


@lru_cache(maxsize=512)
def switch_time_course(pna_pk, pump_density, variant, basis="same_atp"):
    """Vm and concentrations after all pumps switch from 3:2 to ``variant`` at t = 0.

    ``variant`` ``(0, 0)`` blocks the pump instead. Returns ``(t_s, v_mV, na_in, k_in)``
    (arrays; s, mV, mM), at :data:`T_EVAL`. Uses :func:`nakmodel.simulate_cell`
    with rtol 1e-4 (within 0.01 mV of rtol 1e-7 at the defaults).
    """
    p = cell_params(pna_pk, pump_density)
    rest = _rest(pna_pk, pump_density)
    if tuple(variant) == (3, 2):
        n = T_EVAL.size
        return T_EVAL, np.full(n, rest.v_mV), np.full(n, rest.na_in), np.full(n, rest.k_in)
    if tuple(variant) == (0, 0):
        tr = simulate_cell(p, T_MAX_S, pump_fraction=0.0, initial=rest, t_eval=T_EVAL, rtol=1e-4)
    else:
        n_na, n_k = variant
        scale = 3.0 / n_na if basis == "same_na_flux" else 1.0
        pv = replace(p, pump_na=n_na, pump_k=n_k, pump_density_per_um2=p.pump_density_per_um2 * scale)
        tr = simulate_cell(pv, T_MAX_S, initial=rest, t_eval=T_EVAL, rtol=1e-4)
    return tr.t_s, tr.v_mV, tr.na_in, tr.k_in


def _key(x, digits=4):
    return float(f"{x:.{digits}g}")


_VARIANT_OPTIONS = (("3:2 (real)", (3, 2)), ("3:3", (3, 3)), ("2:2", (2, 2)), ("1:1", (1, 1)),
                    ("blocked", (0, 0)))
_BASIS_OPTIONS = (("same pumps", "same_atp"), ("same Na⁺ pumping", "same_na_flux"))


class StoichiometryExplorer(App):
    """Compare the real 3:2 Na⁺/K⁺ pump with hypothetical electroneutral 3:3, 2:2 and 1:1 pumps.

    Controls: the leak permeability ratio P_Na/P_K and the pump density
    (defaults from :class:`nakmodel.CellParams`: 0.0541 and 760 pumps/µm²), and
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
        "pump-blocked": "all pumps stopped: Vm jumps by a few mV at once (direct share), then creeps up over minutes",
        "many-pumps": "2000 pumps per µm², real 3:2 pump: [Na⁺]i halves, but pump current, ATP use and the "
                      "direct share stay put (the Na⁺ leak sets them)",
        "leaky-membrane": "P_Na/P_K 0.12, 1:1 pump highlighted: all cells depolarise and gain Na⁺, the 1:1 pump most",
        "energy-crisis": "ΔG of ATP −45 kJ/mol: fewer ions can be moved per ATP, ✗ marks spread",
    }

    def __init__(self, variant=(3, 3), basis="same_atp", **initial_values):
        self.variant = W.ToggleButtons(options=_VARIANT_OPTIONS, value=tuple(variant),
                                       description="Highlight:", style={"button_width": "6.5em"},
                                       tooltips=["the real pump", "hypothetical, electroneutral",
                                                 "hypothetical, electroneutral", "hypothetical, electroneutral",
                                                 "all pumps stopped (e.g. ouabain)"])
        self.basis = W.ToggleButtons(options=_BASIS_OPTIONS, value=basis, description="Compare at:",
                                     style={"button_width": "10em"},
                                     tooltips=["same number of pumps and cycle rate law, one ATP per cycle",
                                               "each cycle sped up by 3/n so every pump exports Na⁺ like the real one"])
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
        self.plot.update(t_s=t, v_mV=v, d_na_mM=na - na[0], d_k_mM=k - k[0], v_ref_mV=rest.v_mV, selected=selected,
                         steady=steady, grid_dg=grid, dg_atp=dg_atp, grid_state=(rest.v_mV, rest.na_in, rest.k_in))
        alt = self.plot.alt_text(selected=selected, v_ref_mV=rest.v_mV, v_mV=v, t_s=t, steady=steady, grid_dg=grid,
                                 dg_atp=dg_atp, na_range=GRID_NA, k_range=GRID_K)
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
            body.append((f"{st[0]}:{st[1]}", f"{r.v_mV:.1f}", direct, f"{r.na_in:.1f}", f"{r.pump_current_uA_cm2:.2f}",
                         f"{r.atp_per_s_cell / 1e6:.0f}", f"{r.dg_cycle_kJ:.1f}{ok}", f"{r.dg_per_ion_kJ:.1f}"))
        chosen = {i for i, r in enumerate(rows) if r.stoichiometry == selected}
        return readout(
            table(body, title="Steady states of the pump–leak cell", header=head, highlight=chosen),
            note(f"3:2 pump current per cell: {rows[0].pump_current_pA:.1f} pA. "
                 f"ATP supplies {abs(dg_atp):.1f} kJ/mol; ✗ = cycle costs more. "
                 f"Selected: {html.escape({v: k for k, v in _VARIANT_OPTIONS}[selected])}."),
            font_size="0.92em")
