"""Numbers of the chapter "Active transport and the Na+/K+ pump cycle".

The reference neuron (:data:`nakmodel.constants.MAMMALIAN_NEURON`) at its
resting potential; ΔG_ATP of the model :data:`nakmodel.electrochem.ATP`.
"""

from __future__ import annotations

from ..cell import cell_steady_state
from ..constants import MAMMALIAN_NEURON
from ..electrochem import (
    ATP,
    atp_free_energy,
    ion_transfer_free_energy,
    pump_free_energy,
    pump_reversal_potential,
)
from ..pump import cycle_run, pump_cycle_rate, pump_half_activation
from .formatting import count, fixed, sig

__all__ = ["numbers"]

#: Conditions of the "maximal turnover" example: internal Na+ and external K+ saturating, mM; Vm, mV.
_SATURATING = {"na_in_mM": 100.0, "k_out_mM": 20.0, "v_mV": 60.0}


def numbers() -> dict:
    """The chapter's glued values (:mod:`nakmodel.book.formatting` convention)."""
    ions = MAMMALIAN_NEURON
    out, inside, v = ions.c_out_mM, ions.c_in_mM, ions.v_rest_mV
    na, ko = inside["Na"], out["K"]
    dg_model = ATP.free_energy_kJ_per_mol
    dg_conc = atp_free_energy()
    cost = pump_free_energy(v, out, inside)
    # turnover at rest: the reference neuron is the pump–leak cell's steady state (resting-potential chapter)
    rate_rest = cell_steady_state().pump_rate_per_s
    run_fwd, _, dur_fwd = cycle_run(na, ko, ATP.atp_mM, v, dg_model)
    run_back, _, dur_back = cycle_run(na, ko, ATP.atp_mM, v, -30.0)
    half = pump_half_activation()
    return {
        "dg_atp_conc": fixed(dg_conc, 1),
        "dg_atp_model": fixed(dg_model, 0),
        "dg_atp_model_abs": fixed(-dg_model, 0),
        "pump_cost": fixed(cost, 0),
        "pump_cost_1dp": fixed(cost, 1),
        "pump_cost_s1dp": fixed(cost, 1, sign=True),
        "cost_fraction_pct": fixed(100.0 * cost / -dg_model, 0),
        "cost_fraction_conc_pct": fixed(100.0 * cost / -dg_conc, 0),
        "dg_cycle": fixed(dg_model + cost, 1),
        "cost_na": fixed(ion_transfer_free_energy(v, {"Na": -3}, out, inside), 1, sign=True),
        "cost_k": fixed(ion_transfer_free_energy(v, {"K": 2}, out, inside), 1, sign=True),
        "v_rev": fixed(pump_reversal_potential(out, inside, dg_model), 0),
        "v_rev_dg30": fixed(pump_reversal_potential(out, inside, -30.0), 0, sign=True),
        "rate_rest": sig(rate_rest, 2),
        "rate_max": sig(pump_cycle_rate(_SATURATING["na_in_mM"], _SATURATING["k_out_mM"],
                                        _SATURATING["v_mV"]), 2),
        "k_sat_pct": fixed(100.0 * rate_rest / pump_cycle_rate(na, 20.0, v), 0),
        "rate_na30": sig(pump_cycle_rate(30.0, ko, v), 2),
        "rate_dg30": fixed(pump_cycle_rate(na, ko, v, atp_free_energy_kJ_per_mol=-30.0), 1),
        "rate_v260": fixed(pump_cycle_rate(na, ko, -260.0), 1),
        "run_fwd_ms": fixed(dur_fwd * 1e3, 0),
        "run_fwd_atp": count(int(run_fwd.atp_used[-1])),
        "run_back_s": fixed(dur_back, 0),
        "run_back_atp": count(int(run_back.atp_used[-1])),
        "run_back_atp_made": count(-int(run_back.atp_used[-1])),
        "half_na_mM": sig(half["Na"], 2),
        "half_k_mM": sig(half["K"], 2),
        "na_in": fixed(na, 0),
    }
