"""Numbers of the chapter "Ouabain: stopping the pump" (``chapters/ouabain.ipynb``).

Every value the prose glues is computed here from :mod:`nakmodel.drugs`,
:mod:`nakmodel.anoxia` and :mod:`nakmodel.pump_block`; nothing is typed in
the notebook. Values are plain Python floats (ratios in %, times in min or s
as their names say).
"""

from __future__ import annotations

import math

import numpy as np

from ..anoxia import AnoxiaParams, adenylates_at
from ..cell import cell_steady_state, electrogenic_share, simulate_cell
from ..drugs import (
    OUABAIN_ISOFORMS,
    OuabainParams,
    binding_time_constant_s,
    ouabain_pump_fraction,
    pump_fraction_from_atp,
    washout_half_time_s,
)
from ..electrochem import pump_free_energy
from ..pump_block import ProbePulse, RundownSettings, run_scenario, rundown_cell, scenario
from .formatting import count, fixed, sig

__all__ = ["numbers"]

_DIAMETERS_UM = (5.0, 10.0, 20.0, 40.0)


def _binding():
    iso, op = OUABAIN_ISOFORMS, OuabainParams()
    g = {
        "kd_h1_nM": iso["human_alpha1"].kd_uM * 1e3,
        "kd_a3_nM": iso["rodent_alpha3"].kd_uM * 1e3,
        "ic50_r1_uM": iso["rodent_alpha1"].kd_uM,
        # like with like: activity IC50s of the rat isoforms measured in one study
        "ratio_r1_a3_activity": op.rodent_alpha1_vs_alpha3_activity_ratio,
        # binding K_d (human α1) against activity IC50 (rat α1): only its order of magnitude is meaningful
        "ratio_r1_h1_order": 10.0 ** round(math.log10(iso["rodent_alpha1"].kd_uM
                                                      / iso["human_alpha1"].kd_uM)),
        "kon_1e4": op.k_on_per_M_s / 1e4,
        "tau_10nM_h1_min": binding_time_constant_s(0.01, "human_alpha1") / 60.0,
        "tau_1uM_h1_s": binding_time_constant_s(1.0, "human_alpha1"),
        "washout_half_h1_min": washout_half_time_s("human_alpha1") / 60.0,
        "washout_half_r1_s": washout_half_time_s("rodent_alpha1"),
    }
    for name, c in (("10nM", 0.01), ("1uM", 1.0)):
        g[f"left_{name}_h1"] = 100 * ouabain_pump_fraction(c, "human_alpha1")
        g[f"left_{name}_r1"] = 100 * ouabain_pump_fraction(c, "rodent_alpha1")
    return g


def _collapse():
    cell = rundown_cell()
    settings = RundownSettings()
    rest = cell_steady_state(cell)
    tr = simulate_cell(cell, 3600.0, pump_fraction=0.0, t_eval=[0.0, 1.0, 1800.0, 3600.0])
    return {
        "v0": rest.v_mV, "na0": rest.na_in, "k0": rest.k_in,
        "v_1s": tr.v_mV[1], "jump_mV": tr.v_mV[1] - tr.v_mV[0],
        "direct_mV": electrogenic_share(cell).direct_mV[0],  # Vm minus the GHK potential (negative)
        "v30": tr.v_mV[2], "v60": tr.v_mV[3], "dv60": tr.v_mV[3] - tr.v_mV[1],
        "na30": tr.na_in[2], "k30": tr.k_in[2],
        "vol60_pct": 100 * (tr.volume_rel[3] / tr.volume_rel[0] - 1),
        "diam_default": cell.diameter_um,
        # surface/volume of a thin axon (cylinder, 4/d) against the cell body (sphere, 6/d)
        "sv_axon_vs_soma": (4.0 / settings.thin_axon_diameter_um) / (6.0 / cell.diameter_um),
        "pump_need_rest_kJ": pump_free_energy(rest.v_mV, cell.c_out_mM,
                                              {"Na": rest.na_in, "K": rest.k_in}, cell.temperature_C),
    }


def _first_time(t, mask):
    i = np.flatnonzero(mask)
    return float(t[i[0]]) if i.size else math.nan


def _rundown():
    settings, pulse, ax = RundownSettings(), ProbePulse(), AnoxiaParams()
    block = settings.complete_block_uM
    g = {f"fail_{d:.0f}": scenario("ouabain", "human_alpha1", block, d, None)["fail_s"] / 60.0
         for d in _DIAMETERS_UM}
    anox = scenario("anoxia")
    t = anox["t_s"]
    i10 = int(np.searchsorted(t, 600.0))
    # when the pump stops (net turnover first <= 0): a finely sampled first five minutes
    early = run_scenario("anoxia", t_s=np.linspace(0.0, 300.0, 601))
    stall_s = _first_time(early["t_s"], early["activity"] <= 0.0)
    g.update({
        "fail_anox_20": anox["fail_s"] / 60.0,
        "anox_activity_end_pct": 100 * anox["activity"][-1],
        "anox_v120": anox["v_mV"][-1],
        "anox_stall_s": stall_s,
        "anox_stall_atp_mM": float(np.interp(stall_s, early["t_s"], early["atp_mM"])),
        "anox_stall_dg": float(np.interp(stall_s, early["t_s"], early["dg_atp_kJ_per_mol"])),
        "anox_dg_rest": anox["dg_atp_kJ_per_mol"][0],
        "anox_dg_10min": anox["dg_atp_kJ_per_mol"][i10],
        "anox_adp_10min": anox["adp_mM"][i10],
        "anox_pi_10min": anox["pi_mM"][i10],
        "atp_floor_mM": ax.atp_floor_mM,
        "atp_tau_min": ax.atp_tau_s / 60.0,
        "atp_floor_activity_pct": (100 * pump_fraction_from_atp(ax.atp_floor_mM)
                                   / pump_fraction_from_atp(ax.atp0_mM)),
        "atp_floor_dg_pool": adenylates_at(ax.atp_floor_mM, ax).dg_atp_kJ_per_mol,
        "probe_pulse_ms": pulse.pulse_ms,
        "probe_amp": pulse.amplitude_uA_cm2,
        "probe_threshold_mV": pulse.threshold_mV,
    })
    # washout at 60 min: human α1 after 1 µM comes back slowly, rat α1 after 1 mM at once; reoxygenation
    wash = scenario("ouabain", "human_alpha1", 1.0, None, 60.0)
    rat = scenario("ouabain", "rodent_alpha1", block, None, 60.0)
    reox = scenario("anoxia", "human_alpha1", 0.01, None, 60.0)
    after = t >= 3600.0
    g.update({
        "wash_h1_unblocked_120": 100 * wash["unblocked"][-1],
        "wash_h1_v120": wash["v_mV"][-1],
        "wash_r1_recover_min": rat["recover_s"] / 60.0 - 60.0,
        "wash_r1_vmin": float(rat["v_mV"][after].min()),
        "reox_recover_min": reox["recover_s"] / 60.0 - 60.0,
        "reox_vmin": float(reox["v_mV"][after].min()),
    })
    v_rest = float(wash["v_mV"][0])
    g["wash_r1_dip_mV"] = v_rest - g["wash_r1_vmin"]
    g["reox_dip_mV"] = v_rest - g["reox_vmin"]
    return g


#: How each number is written in the prose: (helper, digits) of :mod:`nakmodel.book.formatting`.
_FORMATS = {
    "kd_h1_nM": (fixed, 1), "kd_a3_nM": (fixed, 1), "ic50_r1_uM": (fixed, 0),
    "ratio_r1_a3_activity": (count,), "ratio_r1_h1_order": (count,), "kon_1e4": (fixed, 0),
    "tau_10nM_h1_min": (sig, 2), "tau_1uM_h1_s": (sig, 2), "washout_half_h1_min": (sig, 2),
    "washout_half_r1_s": (sig, 1),
    "left_10nM_h1": (sig, 2), "left_10nM_r1": (fixed, 2), "left_1uM_h1": (sig, 2), "left_1uM_r1": (sig, 2),
    "v0": (fixed, 0), "na0": (fixed, 0), "k0": (fixed, 0), "v_1s": (fixed, 1), "jump_mV": (fixed, 1),
    "direct_mV": (fixed, 1), "v30": (fixed, 0), "v60": (fixed, 0), "dv60": (fixed, 0), "na30": (fixed, 0),
    "k30": (fixed, 0), "vol60_pct": (fixed, 0), "diam_default": (fixed, 0), "sv_axon_vs_soma": (sig, 2),
    "pump_need_rest_kJ": (fixed, 0),
    "fail_5": (fixed, 0), "fail_10": (fixed, 0), "fail_20": (fixed, 0), "fail_40": (fixed, 0),
    "fail_anox_20": (fixed, 0), "anox_activity_end_pct": (sig, 1), "anox_v120": (fixed, 0),
    "anox_stall_s": (sig, 2), "anox_stall_atp_mM": (sig, 2), "anox_stall_dg": (fixed, 0),
    "anox_dg_rest": (fixed, 0), "anox_dg_10min": (fixed, 0), "anox_adp_10min": (sig, 2),
    "anox_pi_10min": (sig, 2), "atp_floor_mM": (sig, 1), "atp_tau_min": (sig, 1),
    "atp_floor_activity_pct": (fixed, 0), "atp_floor_dg_pool": (fixed, 0),
    "probe_pulse_ms": (fixed, 0), "probe_amp": (fixed, 0), "probe_threshold_mV": (fixed, 0),
    "wash_h1_unblocked_120": (fixed, 0), "wash_h1_v120": (fixed, 0), "wash_r1_recover_min": (sig, 1),
    "wash_r1_vmin": (fixed, 0), "wash_r1_dip_mV": (sig, 1), "reox_recover_min": (sig, 1),
    "reox_vmin": (fixed, 0), "reox_dip_mV": (sig, 1),
}


def numbers() -> dict:
    """All values glued into the ouabain chapter, as prose text
    (:class:`~nakmodel.book.formatting.Number`)."""
    g = {**_binding(), **_collapse(), **_rundown()}
    missing = set(g) ^ set(_FORMATS)
    if missing:
        raise KeyError(f"numbers without a format (or formats without a number): {sorted(missing)}")
    return {k: fn(float(g[k]), *args) for k, (fn, *args) in _FORMATS.items()}
