"""Numbers glued into the chapter "The energy bill".

Published shares (Attwell & Laughlin 2001; Howarth et al. 2012) are glued as
they are; the pump's share is the book's own derivation from them
(:func:`nakmodel.energy.brain_energy_budget`), and the page says so.
"""

from __future__ import annotations

from functools import lru_cache

from .. import energy
from ..energy import NeuronGeometry, brain_energy_budget, cell_energy_bill
from ..hh import spike_ion_budget
from .formatting import count, fixed, sig

__all__ = ["BUSY_RATE_HZ", "numbers"]

#: A high mean firing rate for the "ten times the rate" comparison, Hz.
BUSY_RATE_HZ = 40.0
#: A raised mean rate for the activity dependence of the budget, Hz.
ACTIVE_RATE_HZ = 20.0


def _pct(x, figures=2):
    return sig(100.0 * x, figures)


@lru_cache(maxsize=1)
def _numbers():
    mam = spike_ion_budget("mammalian")
    sq = spike_ion_budget("squid")
    sq18 = spike_ion_budget("squid", 18.5)
    geo = NeuronGeometry()
    rate = energy.BUDGET_RATE_HZ
    bill = cell_energy_bill(rate)
    busy = cell_energy_bill(BUSY_RATE_HZ)
    h = brain_energy_budget(rate, source="howarth_2012_cortex")
    a = brain_energy_budget(rate, source="attwell_laughlin_2001")
    pub_h, pub_a = energy.BUDGETS["howarth_2012_cortex"], energy.BUDGETS["attwell_laughlin_2001"]
    return {
        "na_mam": fixed(mam.na_entry_pmol_cm2, 2), "atp_mam": fixed(mam.atp_pmol_cm2, 2),
        "excess_mam": fixed(mam.excess_ratio, 1),
        "na_sq": sig(sq.na_entry_pmol_cm2, 2), "excess_sq": sig(sq.excess_ratio, 2),
        "na_sq18": fixed(sq18.na_entry_pmol_cm2, 1), "excess_sq18": fixed(sq18.excess_ratio, 1),
        "soma_um": count(geo.soma_diameter_um), "axon_d_um": fixed(geo.axon_diameter_um, 1),
        "axon_len_cm": count(geo.axon_length_um / 1e4),
        "area_um2": sig(bill.area_cm2 * 1e8, 2),
        "atp_spike_cell_M": sig(bill.cell.atp_per_spike_molecules / 1e6, 2),
        "atp_s_cell_M": sig(bill.cell.atp_per_second_molecules / 1e6, 2),
        "glc_s_cell_M": sig(bill.glucose_per_second / 1e6, 2),
        "busy_rate_hz": count(BUSY_RATE_HZ),
        "atp_s_cell_busy_M": sig(busy.cell.atp_per_second_molecules / 1e6, 2),
        "rate_budget": count(rate),
        # published shares of signalling energy
        "h_post_sig": _pct(pub_h["postsynaptic"]), "h_ap_sig": _pct(pub_h["action_potentials"]),
        "h_rest_sig": _pct(pub_h["resting_potentials"]), "h_pre_sig": _pct(pub_h["presynaptic"], 1),
        "h_recycling_sig": _pct(pub_h["glutamate_recycling"], 1),
        "a_ap_sig": _pct(pub_a["action_potentials"]), "a_post_sig": _pct(pub_a["postsynaptic"]),
        "a_rest_sig": _pct(pub_a["resting_potentials"]),
        # the same shares as parts of all brain ATP (what the chart shows)
        "h_post_tot": _pct(h.total_shares["postsynaptic"]),
        "h_ap_tot": _pct(h.total_shares["action_potentials"]),
        "h_rest_tot": _pct(h.total_shares["resting_potentials"]),
        "hk_pct": _pct(energy.HOUSEKEEPING_FRACTION),
        # the book's derivation
        "h_pump_sig": _pct(h.pump_share_of_signalling), "h_pump_tot": _pct(h.pump_share_of_total),
        "a_pump_tot": _pct(a.pump_share_of_total),
        "h_pump_tot_0": _pct(brain_energy_budget(0.0).pump_share_of_total),
        "active_rate_hz": count(ACTIVE_RATE_HZ),
        "h_pump_tot_active": _pct(brain_energy_budget(ACTIVE_RATE_HZ).pump_share_of_total),
        "ames_pct": _pct(energy.PUMP_SHARE_OF_BRAIN_ATP_AMES2000),
        "brain_mass_pct": _pct(energy.BRAIN_MASS_FRACTION, 1), "brain_o2_pct": _pct(energy.BRAIN_O2_FRACTION),
        "atp_glc_ox": count(energy.ATP_PER_GLUCOSE_OXIDATIVE),
        "atp_glc_gly": count(energy.ATP_PER_GLUCOSE_GLYCOLYTIC),
        "ox_over_gly": sig(energy.ATP_PER_GLUCOSE_OXIDATIVE / energy.ATP_PER_GLUCOSE_GLYCOLYTIC, 2),
    }


def numbers() -> dict:
    """Every value glued into ``chapters/energy_bill.ipynb``, formatted for the prose."""
    return dict(_numbers())
