"""Numbers of the chapter "The resting potential".

GHK potentials with the reference neuron's concentrations
(:data:`nakmodel.constants.MAMMALIAN_NEURON`), the pump–leak cell at steady
state with its energy bookkeeping (:func:`nakmodel.pump_leak.pump_leak_result`),
the electroneutral-pump thought experiment and a complete pump block.
"""

from __future__ import annotations

from ..cell import CellParams, electrogenic_share, simulate_cell
from ..constants import MAMMALIAN_NEURON
from ..electrochem import ghk_voltage, nernst
from ..pump_leak import pump_leak_result
from .formatting import fixed, sig

__all__ = ["numbers"]

#: Hodgkin & Katz (1949): resting squid axon P_K : P_Na : P_Cl = 1 : 0.04 : 0.45.
HODGKIN_KATZ_1949 = {"K": 1.0, "Na": 0.04, "Cl": 0.45}
#: Output times of the pump-block run, s.
_BLOCK_T = (0.0, 0.05, 600.0, 3600.0)


def numbers() -> dict:
    """The chapter's glued values (:mod:`nakmodel.book.formatting` convention)."""
    out, inside = MAMMALIAN_NEURON.c_out_mM, MAMMALIAN_NEURON.c_in_mM
    cell = CellParams()
    pna_pk = cell.p_na_cm_s / cell.p_k_cm_s
    pcl_pk = cell.p_cl_cm_s / cell.p_k_cm_s
    default = {"K": 1.0, "Na": pna_pk, "Cl": pcl_pk}
    e_k = nernst(+1, out["K"], inside["K"])
    n = {
        "e_na": fixed(nernst(+1, out["Na"], inside["Na"]), 1, sign=True),
        "e_k": fixed(e_k, 1),
        "e_k_0dp": fixed(e_k, 0),
        "e_cl": fixed(nernst(-1, out["Cl"], inside["Cl"]), 1),
        "pna_pk": fixed(pna_pk, 3),
        "pcl_pk": fixed(pcl_pk, 2),
        "ghk_pna0": fixed(ghk_voltage({"K": 1.0, "Na": 0.0, "Cl": 0.0}, out, inside), 1),
        "ghk_001": fixed(ghk_voltage({"K": 1.0, "Na": 0.01, "Cl": 0.0}, out, inside), 1),
        "ghk_005": fixed(ghk_voltage({"K": 1.0, "Na": 0.05, "Cl": 0.0}, out, inside), 1),
        "ghk_hk": fixed(ghk_voltage(HODGKIN_KATZ_1949, out, inside), 1),
        "ghk_default": fixed(ghk_voltage(default, out, inside), 1),
        "ghk_ko10": fixed(ghk_voltage(default, dict(out, K=10.0), inside), 1),
        "e_k_ko10": fixed(nernst(+1, 10.0, inside["K"]), 1),
    }

    r = pump_leak_result()
    s = r.state
    direct = s.v_mV - r.v_ghk_mV
    n.update({
        "ss_v": fixed(s.v_mV, 1),
        "ss_na": fixed(s.na_in, 1),
        "ss_k": fixed(s.k_in, 0),
        "ss_cl": fixed(s.cl_in, 1),
        "ss_e_na": fixed(r.potentials["Na"], 1, sign=True),
        "ss_e_k": fixed(r.potentials["K"], 1),
        "ss_v_ghk": fixed(r.v_ghk_mV, 1),
        "direct_mv": fixed(direct, 1),
        "direct_mv_0dp": fixed(direct, 0),
        "i_pump": fixed(s.pump_current_uA_cm2, 2),
        "i_na_leak": fixed(s.na_leak_uA_cm2, 2),
        "i_k_leak": fixed(s.k_leak_uA_cm2, 2),
        "cycles_per_pump": sig(r.cycles_per_pump_s, 2),
        "pump_density": fixed(cell.pump_density_per_um2, 0),
        "diameter": fixed(cell.diameter_um, 0),
        "atp_per_cell_millions": sig(r.atp_per_cell_s / 1e6, 2),
        "power_atp": fixed(r.power_atp_pW, 2),
        "power_stored": fixed(r.power_stored_pW, 2),
        "power_spent": fixed(r.power_dissipated_pW, 2),
        "efficiency_pct": fixed(100 * r.power_stored_pW / r.power_atp_pW, 0),
        "dg_atp": fixed(-cell.atp_free_energy_kJ_per_mol, 0),
    })

    half = pump_leak_result(pump_density_per_um2=cell.pump_density_per_um2 / 2)
    double_na = pump_leak_result(p_na_cm_s=2 * cell.p_na_cm_s)
    n.update({
        "half_v": fixed(half.state.v_mV, 1),
        "half_na": fixed(half.state.na_in, 1),
        "half_atp_change_pct": fixed(100 * (half.atp_per_cell_s / r.atp_per_cell_s - 1), 0, sign=True),
        "pna2_v": fixed(double_na.state.v_mV, 1),
        "pna2_atp_change_pct": fixed(100 * (double_na.atp_per_cell_s / r.atp_per_cell_s - 1), 0),
    })

    # an electroneutral 3:3 pump with the same Na+ extrusion law
    share = electrogenic_share(cell, stoichiometries=((3, 2), (3, 3)))
    dv = float(share.v_mV[1] - share.v_mV[0])
    n.update({
        "v_32": fixed(float(share.v_mV[0]), 1),
        "v_33": fixed(float(share.v_mV[1]), 1),
        "v_33_0dp": fixed(float(share.v_mV[1]), 0),
        "dv_33": fixed(dv, 1),
        "dv_33_0dp": fixed(dv, 0),
        "na_33": fixed(float(share.na_in[1]), 1),
        "k_33": fixed(float(share.k_in[1]), 0),
    })

    tr = simulate_cell(cell, _BLOCK_T[-1], pump_fraction=0.0, t_eval=list(_BLOCK_T))
    n.update({
        "block_jump": fixed(float(tr.v_mV[1] - tr.v_mV[0]), 1, sign=True),
        "block_10min": fixed(float(tr.v_mV[2] - tr.v_mV[0]), 1, sign=True),
        "block_60min": fixed(float(tr.v_mV[3] - tr.v_mV[0]), 1, sign=True),
        "block_60min_v": fixed(float(tr.v_mV[3]), 1),
        "block_60min_na": fixed(float(tr.na_in[3]), 0),
        "block_60min_k": fixed(float(tr.k_in[3]), 0),
        "block_60min_swell_pct": fixed(float(100 * (tr.volume_rel[3] / tr.volume_rel[0] - 1)), 0),
    })
    return n
