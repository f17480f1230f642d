"""Numbers of the chapter "Why 3 Na+ for 2 K+? Stoichiometry and electrogenicity".

The pump–leak cell (:class:`nakmodel.CellParams`, the reference neuron) with
the real 3:2 pump and hypothetical electroneutral ones
(:mod:`nakmodel.stoichiometry`), and the free energy of each stoichiometry
at the 3:2 steady state.
"""

from __future__ import annotations

import numpy as np

from ..cell import CellParams, cell_steady_state, electrogenic_share, simulate_cell
from ..constants import FARADAY
from ..electrochem import (
    atp_free_energy,
    cycle_free_energy,
    ion_transfer_free_energy,
    pump_reversal_potential,
)
from ..stoichiometry import VARIANTS, steady_comparison
from .formatting import fixed, sig

__all__ = ["numbers"]

#: Output times of the pump-block run, s (0, 0.1 s, 1 min, 30 min, 1 h).
_BLOCK_T = (0.0, 0.1, 60.0, 1800.0, 3600.0)


def numbers() -> dict:
    """The chapter's glued values (:mod:`nakmodel.book.formatting` convention)."""
    p = CellParams()
    out = p.c_out_mM
    atp = electrogenic_share(p, stoichiometries=VARIANTS, basis="same_atp")
    naf = electrogenic_share(p, stoichiometries=VARIANTS, basis="same_na_flux")
    v, na, k = float(atp.v_mV[0]), float(atp.na_in[0]), float(atp.k_in[0])
    direct = float(atp.direct_mV[0])
    area_cm2 = np.pi * (p.diameter_um * 1e-4) ** 2
    n = {
        "v_rest": fixed(v, 1),
        "v_rest_0dp": fixed(v, 0),
        "na_rest": fixed(na, 1),
        "k_rest": fixed(k, 0),
        "cl_rest": fixed(float(atp.cl_in[0]), 1),
        "direct_32": fixed(direct, 1),
        "v_ghk_32": fixed(v - direct, 1),
        "direct_pct": fixed(100 * direct / v, 0),
        "i_pump": fixed(float(atp.pump_current_uA_cm2[0]), 2),
        "i_pump_pA": sig(float(atp.pump_current_uA_cm2[0]) * area_cm2 * 1e6, 2),
        "v_diff_33": fixed(float(atp.v_mV[1]) - v, 1),
        "v_neutral_same_na": fixed(float(naf.v_mV[1]), 1),
        "na_neutral_same_na": fixed(float(naf.na_in[1]), 1),
        "direct_max_neutral": fixed(float(np.max(np.abs(atp.direct_mV[1:]))), 1),
    }
    for i, name in enumerate(("32", "33", "22", "11")):
        n[f"v_{name}"] = fixed(float(atp.v_mV[i]), 1)
        n[f"na_{name}"] = fixed(float(atp.na_in[i]), 1)
        n[f"vol_{name}"] = fixed(float(100 * (atp.volume_rel[i] - 1.0)), 1)
    n["na_32_0dp"] = fixed(float(atp.na_in[0]), 0)
    n["na_11_1dp"] = fixed(float(atp.na_in[3]), 1)
    n["na_11"] = fixed(float(atp.na_in[3]), 0)
    # "What to try" 3: 2000 pumps per µm² with the real pump
    n["na_2000_pumps"] = fixed(steady_comparison(p.p_na_cm_s / p.p_k_cm_s, 2000.0, "same_atp")[0].na_in, 1)

    rest = cell_steady_state(p)
    tr = simulate_cell(p, _BLOCK_T[-1], pump_fraction=0.0, initial=rest, t_eval=np.array(_BLOCK_T))
    n.update({
        "block_jump": fixed(float(tr.v_mV[1] - tr.v_mV[0]), 1),
        "block_v_01s": fixed(float(tr.v_mV[1]), 1),
        "block_v_30min": fixed(float(tr.v_mV[3]), 0),
        "block_rise_30min": fixed(float(tr.v_mV[3] - tr.v_mV[1]), 0),
        "block_na_30min": fixed(float(tr.na_in[3]), 0),
        "block_k_30min": fixed(float(tr.k_in[3]), 0),
    })

    inside = {"Na": rest.na_in, "K": rest.k_in}
    vr, t = rest.v_mV, p.temperature_C
    dg = {st: cycle_free_energy(st[0], st[1], vr, out, inside, t) for st in ((3, 2), (3, 3), (2, 2), (1, 1),
                                                                            (4, 2), (4, 1), (1, 0))}
    dg_atp = p.atp_free_energy_kJ_per_mol
    n.update({
        "dg_32": fixed(dg[(3, 2)], 1),
        "dg_32_0dp": fixed(dg[(3, 2)], 0),
        "dg_33": fixed(dg[(3, 3)], 1),
        "dg_22": fixed(dg[(2, 2)], 1),
        "dg_11": fixed(dg[(1, 1)], 1),
        "dg_42": fixed(dg[(4, 2)], 1),
        "dg_41": fixed(dg[(4, 1)], 1),
        "dg_per_ion_32": fixed(dg[(3, 2)] / 5, 1),
        "dg_na_out": fixed(dg[(1, 0)], 1),
        "dg_k_in": fixed(ion_transfer_free_energy(vr, {"K": 1}, out, inside, t), 1),
        # work of moving one mole of charge through the membrane potential, kJ/mol
        "dg_charge": fixed(FARADAY * abs(vr) * 1e-6, 2),
        "dg_charge_1dp": fixed(FARADAY * abs(vr) * 1e-6, 1),
        "dg_atp_model": fixed(dg_atp, 0),
        "dg_atp_typical": fixed(atp_free_energy(), 0),
        "efficiency_32": fixed(100 * dg[(3, 2)] / abs(dg_atp), 0),
        "pump_vrev": fixed(pump_reversal_potential(out, inside, dg_atp, t), 0),
    })
    return n
