"""Numbers glued into the chapter "Action potentials: who pays for them".

Each value comes from :mod:`nakmodel.hh` (and, for the pump, from
:mod:`nakmodel.pump` through :mod:`nakmodel.hh.rundown`); this module only
chooses the scenarios and the rounding.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..cell import cell_steady_state
from ..constants import rt_over_f_mV
from ..electrochem import PUMP_NA_OUT, nernst
from ..hh import (
    MAMMALIAN_WB,
    SQUID_HH,
    RundownPump,
    locked_open_response,
    max_sustainable_rate_hz,
    min_locked_fraction_for_block,
    rate_factor,
    reference_state,
    refractory_periods,
    resting_pump_flux,
    reversal_mismatch,
    spike_ion_budget,
    spike_train_rundown,
    voltage_threshold,
)
from .formatting import count, fixed, sig
from .spike_grid import cached_fi_curve

__all__ = ["GIANT_AXON_UM", "LOCKED_FRACTION", "PURKINJE_RATE_HZ", "THIN_AXON_UM", "numbers"]

#: Squid giant axon diameter, µm (about 0.5 mm; Hodgkin & Huxley 1952 used 0.5–1 mm axons).
GIANT_AXON_UM = 500.0
#: A thin unmyelinated central axon, µm (0.1–0.3 µm; Perge et al. 2009).
THIN_AXON_UM = 0.2
#: Fraction of Na+ channels that cannot inactivate in the exam-twist scenario.
LOCKED_FRACTION = 0.2
#: Spontaneous firing rate of cerebellar Purkinje cells, Hz (tens of Hz; Häusser et al. 2004).
PURKINJE_RATE_HZ = 40.0
#: Firing rate used to turn spike counts into minutes, Hz.
TRAIN_RATE_HZ = 10.0


def _budgets(out):
    sq = spike_ion_budget("squid")
    sq18 = spike_ion_budget("squid", 18.5)
    mam = spike_ion_budget("mammalian")
    out |= {
        "sq_na": fixed(sq.na_entry_pmol_cm2, 1), "sq_k": fixed(sq.k_exit_pmol_cm2, 1),
        "sq_amp": sig(sq.amplitude_mV, 3), "sq_qmin": fixed(sq.min_charge_pmol_cm2, 2),
        "sq_excess": fixed(sq.excess_ratio, 1), "sq_excess_round": sig(sq.excess_ratio, 2),
        "sq_atp": fixed(sq.atp_pmol_cm2, 1),
        "sq18_na": fixed(sq18.na_entry_pmol_cm2, 1), "sq18_qmin": fixed(sq18.min_charge_pmol_cm2, 2),
        "sq18_excess": fixed(sq18.excess_ratio, 1), "sq18_excess_round": sig(sq18.excess_ratio, 1),
        "mam_na": fixed(mam.na_entry_pmol_cm2, 2), "mam_qmin": fixed(mam.min_charge_pmol_cm2, 2),
        "mam_excess": fixed(mam.excess_ratio, 1), "mam_atp": fixed(mam.atp_pmol_cm2, 2),
        "mam_atp_um2": sig(mam.atp_molecules_per_um2, 2),
        "sq_atp_um2": sig(sq.atp_molecules_per_um2, 2),
        "sq_over_mam_atp": sig(sq.atp_pmol_cm2 / mam.atp_pmol_cm2, 1),
        "mam_after_peak_pct": sig(100.0 * mam.na_after_peak_fraction, 1),
        "sq_after_peak_pct": sig(100.0 * sq.na_after_peak_fraction, 2),
    }
    return sq, mam


def _fi(out):
    # the build-time curves the spike explorer draws (nakmodel.book.spike_grid), computed if absent
    i_sq, f_sq = (np.array(x) for x in cached_fi_curve("squid"))
    i_mam, f_mam = (np.array(x) for x in cached_fi_curve("mammalian"))
    on_sq, on_mam = f_sq > 0, f_mam > 0
    peak = int(np.argmax(f_mam))
    block = i_mam[(~on_mam) & (np.arange(i_mam.size) > peak)][0]
    i02 = float(i_mam[np.isclose(i_mam, 0.2)][0])
    out |= {
        "fi_onset_sq": fixed(i_sq[on_sq][0], 1),
        "fi_silent_sq": fixed(i_sq[~on_sq & (i_sq < i_sq[on_sq][0])][-1], 2),
        "fi_min_rate_sq": sig(f_sq[on_sq][0], 2),
        "fi_max_sq": sig(f_sq.max(), 2), "fi_max_sq_isi": fixed(1000.0 / f_sq.max(), 1),
        "fi_max_i": fixed(i_sq.max(), 0),
        "fi_onset_mam": fixed(i_mam[on_mam][0], 2), "fi_min_rate_mam": sig(f_mam[on_mam][0], 1),
        "fi_02_i_mam": fixed(i02, 1), "fi_02_rate_mam": fixed(f_mam[np.isclose(i_mam, 0.2)][0], 1),
        "fi_max_mam": sig(f_mam.max(), 2), "fi_block_mam": fixed(block, 0),
        "fi_last_firing_mam": fixed(i_mam[peak], 0),
    }


def _refractory(out):
    rp_sq = refractory_periods("squid")
    rp_sq18 = refractory_periods("squid", temperature_C=18.5)
    rp_mam = refractory_periods("mammalian")
    out |= {
        "rp_pulse": fixed(rp_sq.pulse_ms, 1), "rp_factor_abs": sig(rp_sq.absolute_factor, 2),
        "rp_pct_rel": sig(100.0 * (rp_sq.relative_factor - 1.0), 2),
        "rp_sq_abs": fixed(rp_sq.absolute_ms, 1), "rp_sq_abs_round": sig(rp_sq.absolute_ms, 1),
        "rp_sq_rel": sig(rp_sq.relative_ms, 2),
        "rp_sq_h_abs": fixed(rp_sq.h_at_absolute, 2), "rp_sq_h_rest": fixed(rp_sq.h_rest, 2),
        "rp_sq_n_abs": fixed(rp_sq.n_at_absolute, 2), "rp_sq_n_rest": fixed(rp_sq.n_rest, 2),
        "rp_sq_max_hz": sig(rp_sq.max_rate_hz, 2),
        "rp_phi18": fixed(rate_factor(SQUID_HH, 18.5)[1], 1),
        "rp_sq18_abs": fixed(rp_sq18.absolute_ms, 1), "rp_sq18_rel": fixed(rp_sq18.relative_ms, 1),
        "rp_sq18_max_hz": sig(rp_sq18.max_rate_hz, 2),
        "rp_mam_abs": fixed(rp_mam.absolute_ms, 1), "rp_mam_rel": sig(rp_mam.relative_ms, 2),
        "rp_mam_h_abs": fixed(rp_mam.h_at_absolute, 2), "rp_mam_h_rest": fixed(rp_mam.h_rest, 2),
        "rp_mam_n_abs": fixed(rp_mam.n_at_absolute, 2), "rp_mam_n_rest": fixed(rp_mam.n_rest, 2),
        "rp_mam_max_hz": sig(rp_mam.max_rate_hz, 2),
        "rp_mam_tau_ms": sig(MAMMALIAN_WB.c_uF_cm2 / MAMMALIAN_WB.g_leak_mS_cm2, 2),
    }


def _rundown(out):
    giant = spike_train_rundown(GIANT_AXON_UM, n_spikes=1000, model="squid")
    thin_sq = spike_train_rundown(THIN_AXON_UM, n_spikes=10, model="squid")
    thin = spike_train_rundown(THIN_AXON_UM, n_spikes=10, model="mammalian")
    sq_state = reference_state("squid")
    out |= {
        "giant_um": count(GIANT_AXON_UM), "thin_um": fixed(THIN_AXON_UM, 1),
        "giant_step_mM": sig(giant.na_step_mM, 2),
        "giant_step_ppm": sig(giant.na_step_mM / sq_state.na_in_mM * 1e6, 2),
        "giant_n": sig(giant.spikes_to_criterion_pump_off, 2),
        "train_rate_hz": count(TRAIN_RATE_HZ),
        "giant_min": sig(giant.spikes_to_criterion_pump_off / TRAIN_RATE_HZ / 60.0, 2),
        "thin_sq_n": sig(thin_sq.spikes_to_criterion_pump_off, 1),
        "giant_thin_ratio": count(round(giant.spikes_to_criterion_pump_off
                                        / thin_sq.spikes_to_criterion_pump_off)),
        "thin_step_mM": fixed(thin.na_step_mM, 2), "thin_n": sig(thin.spikes_to_criterion_pump_off, 2),
        "sq_na_in": sig(sq_state.na_in_mM, 2),
    }
    return giant


def _pump(out, mam_budget):
    pump = RundownPump()
    rest = resting_pump_flux("mammalian")
    cell = cell_steady_state()
    state = rest.state
    f_max = max_sustainable_rate_hz("mammalian")
    f_sat = PUMP_NA_OUT * (rest.cycles_pmol_cm2_s / rest.fraction_of_max - rest.cycles_pmol_cm2_s) \
        / mam_budget.na_entry_pmol_cm2
    dense = RundownPump(density_per_um2=10.0 * pump.density_per_um2,
                        atp_free_energy_kJ_per_mol=pump.atp_free_energy_kJ_per_mol)
    mm = reversal_mismatch("mammalian")
    sq = reversal_mismatch("squid")
    out |= {
        "pump_density": fixed(pump.density_per_um2, 0),
        "ref_na_in": fixed(state.na_in_mM, 0), "ref_k_out": fixed(state.k_out_mM, 0),
        "ref_na_crit": fixed(state.na_in_mM * math.exp(10.0 / rt_over_f_mV(state.temperature_C)), 0),
        "rest_pump_rate": sig(rest.rate_per_pump_s, 2),
        "rest_pump_na_flux": sig(rest.na_out_pmol_cm2_s, 2),
        "rest_pump_current": fixed(rest.current_uA_cm2, 2),
        "rest_pump_pct_max": sig(100.0 * rest.fraction_of_max, 2),
        "mam_v_rest": fixed(state.v_rest_mV, 0), "cell_v_rest": fixed(cell.v_mV, 0),
        "cell_pump_current": fixed(cell.pump_current_uA_cm2, 2),
        "pump_vs_cell_pct": sig(100.0 * (rest.current_uA_cm2 / cell.pump_current_uA_cm2 - 1.0), 1),
        "f_max_mam": sig(f_max, 2), "f_sat_mam": sig(f_sat, 2),
        "f_max_mam_x10": sig(max_sustainable_rate_hz("mammalian", pump=dense), 2),
        "f_max_sq": sig(max_sustainable_rate_hz("squid"), 1),
        "rest_pump_pct_max_sq": sig(100.0 * resting_pump_flux("squid").fraction_of_max, 2),
        "purkinje_hz": count(PURKINJE_RATE_HZ),
        "purkinje_fraction_pct": sig(100.0 * f_max / PURKINJE_RATE_HZ, 2),
        "ena_model_mam": fixed(mm["e_na_model_mV"], 0, sign=True),
        "ena_nernst_mam": fixed(mm["e_na_nernst_mV"], 0, sign=True),
        "ek_model_mam": fixed(mm["e_k_model_mV"], 0), "ek_nernst_mam": fixed(mm["e_k_nernst_mV"], 0),
        "ena_change_pct_mam": sig(mm["na_entry_change_pct"], 2),
        "ena_model_sq": fixed(sq["e_na_model_mV"], 0, sign=True),
        "ena_nernst_sq": fixed(sq["e_na_nernst_mV"], 0, sign=True),
        "ek_model_sq": fixed(sq["e_k_model_mV"], 0), "ek_nernst_sq": fixed(sq["e_k_nernst_mV"], 0),
        "ena_change_pct_sq": sig(abs(sq["na_entry_change_pct"]), 1),
    }


def _locked(out, giant):
    lk = locked_open_response("squid", LOCKED_FRACTION)
    full = locked_open_response("squid", 1.0)
    sq_pump = resting_pump_flux("squid")
    na_max_pump = PUMP_NA_OUT * sq_pump.cycles_pmol_cm2_s / sq_pump.fraction_of_max
    na_to_criterion = giant.spikes_to_criterion_pump_off * giant.na_per_spike_pmol_cm2  # pmol/cm²
    out |= {
        "lock_pct": count(100 * LOCKED_FRACTION), "lock_spikes": count(lk.n_spikes),
        "lock_i_amp": fixed(lk.i_amp_uA_cm2, 0),
        "lock_plateau_mV": sig(lk.plateau_mV, 2),
        "lock_full_plateau_mV": fixed(full.plateau_mV, 0, sign=True),
        "lock_na_pmol_s": sig(lk.na_influx_pmol_cm2_s, 2),
        "lock_vs_pump": sig(lk.na_influx_pmol_cm2_s / na_max_pump, 2),
        "lock_giant_s": sig(na_to_criterion / lk.na_influx_pmol_cm2_s, 2),
        "lock_block_sq_pct": sig(100 * min_locked_fraction_for_block("squid"), 2),
        "lock_block_mam_pct": sig(100 * min_locked_fraction_for_block("mammalian"), 1),
        "e_na_sq_model": fixed(SQUID_HH.e_na_mV, 0, sign=True),
        "e_na_10fold": fixed(nernst(1, 10.0, 1.0, 37.0), 0, sign=True),
    }


def _threshold(out):
    """Threshold as a voltage: the end of the smallest brief pulse that fires (nakmodel.hh.threshold)."""
    sq, mam = voltage_threshold("squid"), voltage_threshold("mammalian")
    out |= {
        "thr_pulse_ms": fixed(sq.pulse_ms, 1),
        "thr_v_sq": fixed(sq.v_threshold_mV, 0), "thr_dv_sq": fixed(sq.depolarisation_mV, 0),
        "thr_rest_sq": fixed(sq.v_rest_mV, 0),
        "thr_v_mam": fixed(mam.v_threshold_mV, 0), "thr_dv_mam": fixed(mam.depolarisation_mV, 0),
        "thr_rest_mam": fixed(mam.v_rest_mV, 0),
    }


@lru_cache(maxsize=1)
def _numbers():
    out = {}
    _sq, mam = _budgets(out)
    _fi(out)
    _refractory(out)
    giant = _rundown(out)
    _pump(out, mam)
    _locked(out, giant)
    _threshold(out)
    return out


def numbers() -> dict:
    """Every value glued into ``chapters/action_potentials.ipynb``, formatted for the prose."""
    return dict(_numbers())
