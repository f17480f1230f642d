"""What if the pump moved other numbers of ions? The real 3:2 pump against hypothetical ones.

The pump–leak cell of :mod:`nakmodel.cell` supports any stoichiometry through
``CellParams.pump_na`` / ``pump_k``. This module compares the real 3 Na⁺ : 2 K⁺
pump (Post & Jolly 1957) with electroneutral 3:3, 2:2 and 1:1 pumps:

* :func:`steady_comparison`: the steady state of each variant, with the direct
  electrogenic share (Vm minus the GHK potential, as :func:`nakmodel.cell.electrogenic_share`), the cycle rate
  (the cell's own pump law), ATP use and the work per cycle
  (:func:`nakmodel.electrochem.cycle_free_energy`);
* :func:`switch_time_course`: Vm and concentrations after all pumps switch from
  3:2 to a variant (or are blocked) at t = 0;
* :func:`feasibility_grid`: work per cycle for n Na⁺ out and m K⁺ in;
* :func:`energy_left_kJ`: what one ATP gives beyond the work of a 3:2 cycle at rest.

Two bases of comparison: ``"same_atp"`` keeps the cycle rate law (ATP use per
pump); ``"same_na_flux"`` scales it by 3/n_Na so every pump extrudes Na⁺ by
the same law as the real one.

References: Post1957, Keener2009.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ._validation import check_choice, check_number
from .cell import CellParams, cell_area_um2, cell_steady_state, simulate_cell
from .electrochem import cycle_free_energy, ghk_voltage

__all__ = ["BASES", "GRID_K", "GRID_NA", "T_EVAL", "T_MAX_S", "VARIANTS", "VariantSteadyState", "cell_params",
           "energy_left_kJ", "feasibility_grid", "steady_comparison", "switch_time_course"]

#: Stoichiometries compared (Na⁺ out, K⁺ in per ATP); the first is the real pump (Post & Jolly 1957).
VARIANTS = ((3, 2), (3, 3), (2, 2), (1, 1))
#: Columns and rows of the thermodynamic grid.
GRID_NA = (1, 2, 3, 4)
GRID_K = (0, 1, 2, 3, 4)
#: Length of the time course after the switch, s, and its output times (log-spaced, s).
T_MAX_S = 3600.0
T_EVAL = np.geomspace(1e-4, T_MAX_S, 90)
BASES = ("same_atp", "same_na_flux")


def feasibility_grid(v_mV, c_out_mM, c_in_mM, temperature_C=None, na_range=GRID_NA, k_range=GRID_K):
    """ΔG per cycle (kJ/mol) for every n_Na in ``na_range`` (columns) and n_K in ``k_range`` (rows).

    >>> g = feasibility_grid(-70.0, {"Na": 145.0, "K": 5.0}, {"Na": 12.0, "K": 140.0})
    >>> g.shape
    (5, 4)
    """
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


def cell_params(pna_pk=None, pump_density=None, atp_free_energy_kJ_per_mol=None):
    """The chapter's cell: :class:`nakmodel.CellParams` with P_Na = ratio × P_K, the pump density
    and ΔG_ATP."""
    p = CellParams()
    kw = {}
    if pna_pk is not None:
        kw["p_na_cm_s"] = float(pna_pk) * p.p_k_cm_s
    if pump_density is not None:
        kw["pump_density_per_um2"] = float(pump_density)
    if atp_free_energy_kJ_per_mol is not None:
        kw["atp_free_energy_kJ_per_mol"] = float(atp_free_energy_kJ_per_mol)
    return replace(p, **kw)


@lru_cache(maxsize=256)
def steady_comparison(pna_pk=None, pump_density=None, basis="same_atp"):
    """Steady state of every variant in :data:`VARIANTS` (tuple of :class:`VariantSteadyState`).

    >>> rows = steady_comparison()
    >>> rows[0].stoichiometry, round(rows[0].v_mV), abs(rows[1].direct_mV) < 1e-6
    ((3, 2), -70, True)
    """
    basis = check_choice("basis", basis, BASES)
    p = cell_params(pna_pk, pump_density)
    area = cell_area_um2(p)
    perms = {"Na": p.p_na_cm_s, "K": p.p_k_cm_s, "Cl": p.p_cl_cm_s}
    out = []
    for st in VARIANTS:
        # one steady state per variant, as electrogenic_share finds it (same rate law and scale)
        scale = 3.0 / st[0] if basis == "same_na_flux" else 1.0
        s = cell_steady_state(replace(p, pump_na=st[0], pump_k=st[1]), rate_scale=scale)
        v, na, k = s.v_mV, s.na_in, s.k_in
        v_ghk = ghk_voltage(perms, p.c_out_mM, {"Na": na, "K": k, "Cl": s.cl_in}, p.temperature_C)
        rate = s.pump_rate_per_s
        dg = cycle_free_energy(st[0], st[1], v, p.c_out_mM, {"Na": na, "K": k}, p.temperature_C)
        i_p = s.pump_current_uA_cm2
        out.append(VariantSteadyState(
            stoichiometry=st, v_mV=v, v_ghk_mV=v_ghk, direct_mV=v - v_ghk,
            na_in=na, k_in=k, volume_rel=s.volume_rel, pump_current_uA_cm2=i_p,
            pump_current_pA=i_p * area * 1e-8 * 1e6, cycles_per_s=rate,
            atp_per_s_cell=rate * p.pump_density_per_um2 * area, dg_cycle_kJ=dg, dg_per_ion_kJ=dg / sum(st)))
    return tuple(out)


def energy_left_kJ(dg_atp_kJ, pna_pk=None, pump_density=None, basis="same_atp"):
    """Free energy left over per cycle of the real 3 Na⁺ : 2 K⁺ pump at its steady state, kJ/mol.

    What one ATP gives, −ΔG_ATP (``dg_atp_kJ``, kJ/mol, negative: hydrolysis releases energy),
    minus the work of one cycle at the 3:2 steady state of the chapter's cell
    (``dg_cycle_kJ`` of the first row of :func:`steady_comparison` for ``pna_pk`` and
    ``pump_density``, pumps/µm²; the 3:2 row is the same on either ``basis``, which only picks
    the cached comparison to reuse). This is the margin that drives the cycle forwards; a negative
    value means ATP cannot pay for the cycle (Post1957; the free energy of moving ions, Keener2009).
    The steady state is the cell's at its own ΔG_ATP (``CellParams.atp_free_energy_kJ_per_mol``):
    as in the stoichiometry explorer, ``dg_atp_kJ`` only sets what one ATP offers, so the work
    stays put and the margin changes by exactly the change of ΔG_ATP.

    >>> round(energy_left_kJ(-55.0), 1), round(energy_left_kJ(-45.0), 1)
    (11.8, 1.8)
    """
    dg = check_number("dg_atp_kJ", dg_atp_kJ, "kJ/mol", None, 0.0, hi_inclusive=False)
    return -dg - steady_comparison(pna_pk, pump_density, basis)[0].dg_cycle_kJ


@lru_cache(maxsize=256)
def _rest(pna_pk, pump_density):
    return cell_steady_state(cell_params(pna_pk, pump_density))


@lru_cache(maxsize=512)
def switch_time_course(pna_pk, pump_density, variant, basis="same_atp"):
    """Vm and concentrations after all pumps switch from 3:2 to ``variant`` at t = 0.

    ``variant`` ``(0, 0)`` blocks the pump instead. Returns ``(t_s, v_mV, na_in, k_in)``
    (arrays; s, mV, mM), at :data:`T_EVAL`. Uses :func:`nakmodel.simulate_cell`
    with LSODA at rtol 1e-4: within 0.01 mV and 0.01 mM of a BDF run at rtol 1e-9 over the
    explorer's whole range (``tests/science/test_stoichiometry_course.py``), in about half the
    time of BDF at the same tolerance (a new setting in the live explorer).
    """
    basis = check_choice("basis", basis, BASES)
    p = cell_params(pna_pk, pump_density)
    rest = _rest(pna_pk, pump_density)
    if tuple(variant) == (3, 2):
        n = T_EVAL.size
        return T_EVAL, np.full(n, rest.v_mV), np.full(n, rest.na_in), np.full(n, rest.k_in)
    fast = {"initial": rest, "t_eval": T_EVAL, "rtol": 1e-4, "method": "LSODA"}
    if tuple(variant) == (0, 0):
        tr = simulate_cell(p, T_MAX_S, pump_fraction=0.0, **fast)
    else:
        n_na, n_k = variant
        scale = 3.0 / n_na if basis == "same_na_flux" else 1.0
        pv = replace(p, pump_na=n_na, pump_k=n_k, pump_density_per_um2=p.pump_density_per_um2 * scale)
        tr = simulate_cell(pv, T_MAX_S, **fast)
    return tr.t_s, tr.v_mV, tr.na_in, tr.k_in
