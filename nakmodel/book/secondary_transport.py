"""Numbers of the chapter "Secondary active transport" (``chapters/secondary_transport.ipynb``).

Every value the prose glues is computed here from :mod:`nakmodel.cotransport`
and :mod:`nakmodel.cell`; the conditions come from the parameter dataclasses
(:class:`~nakmodel.cotransport.CotransportConditions`,
:class:`~nakmodel.cotransport.CalciumParams`,
:class:`~nakmodel.cotransport.EpitheliumParams`) and the book's neuron
(:data:`nakmodel.constants.MAMMALIAN_NEURON`).
"""

from __future__ import annotations

from ..cell import simulate_cell
from ..constants import MAMMALIAN_NEURON
from ..cotransport import (
    SGLT1,
    SGLT2,
    CalciumParams,
    CotransportConditions,
    EpitheliumParams,
    accumulation_factors,
    coupled_apical_voltage,
    epithelium_glucose_steady_state,
    ncx_reversal_potential,
    sglt_max_accumulation,
)
from ..electrochem import nernst
from ..pump_block import rundown_cell
from .formatting import fixed, sig

__all__ = ["numbers"]

#: Cell Na+ of a failing pump in the explorer's "what to try" (mM).
_FAILING_PUMP_NA_MM = 50.0
#: Luminal glucose of the exam question and of the two epithelium cases (mM).
_EXAM_GLUCOSE_MM = 2.0
_CASES = ((1.0, "low"), (10.0, "meal"))
#: Stand-in for "no transported sugar" (mannitol): a vanishing luminal glucose, mM.
_NO_SUGAR_MM = 1e-9


def _limits():
    c = CotransportConditions()
    v, na_o, na_i, t = c.v_mV, c.na_out_mM, c.na_in_mM, c.temperature_C
    conc, volt = accumulation_factors(SGLT1.n_na)
    return {
        "st_v": v, "st_na_o": na_o, "st_na_i": na_i,
        "r_sglt1": sglt_max_accumulation(SGLT1.n_na, v, na_o, na_i, t),
        "r_sglt2": sglt_max_accumulation(SGLT2.n_na, v, na_o, na_i, t),
        "r_sglt1_0mV": sglt_max_accumulation(SGLT1.n_na, 0.0, na_o, na_i, t),
        "r_sglt2_0mV": sglt_max_accumulation(SGLT2.n_na, 0.0, na_o, na_i, t),
        "r_sglt1_na50": sglt_max_accumulation(SGLT1.n_na, v, na_o, _FAILING_PUMP_NA_MM, t),
        "na_failing": _FAILING_PUMP_NA_MM,
        "conc_factor_sglt1": conc,
        "v_factor_sglt1": volt,
        "km_sglt1": SGLT1.km_glucose_mM,
        "km_sglt2": SGLT2.km_glucose_mM,
        "e_na_st": nernst(1, na_o, na_i, t),
    }


def _ncx():
    ca, c = CalciumParams(), CotransportConditions()
    na_o, na_i = MAMMALIAN_NEURON.c_out_mM["Na"], MAMMALIAN_NEURON.c_in_mM["Na"]
    t = c.temperature_C
    return {
        "ca_in_nM": ca.ca_in_mM * 1e6,
        "ca_out": ca.ca_out_mM,
        "e_ca": nernst(2, ca.ca_out_mM, ca.ca_in_mM, t),
        "ncx_na_o": na_o, "ncx_na_i": na_i, "ncx_na_i_double": 2 * na_i,
        "e_na_ncx": nernst(1, na_o, na_i, t),
        "e_ncx": ncx_reversal_potential(na_o, na_i),
        "e_ncx_na_double": ncx_reversal_potential(na_o, 2 * na_i),
        # the explorer's cell (CotransportConditions), which its readout shows: the same reference cell
        "e_ncx_explorer": ncx_reversal_potential(c.na_out_mM, c.na_in_mM, temperature_C=t),
    }


def _epithelium():
    p = EpitheliumParams()
    v_ctrl, v_block = coupled_apical_voltage(1.0), coupled_apical_voltage(0.0)
    epi = epithelium_glucose_steady_state
    g = {
        "coupling_min": p.coupling_duration_s / 60.0,
        "v_block": v_block, "v_ctrl": v_ctrl,
        "pump_k_half": p.pump_k_half_na_mM,
        "na_measured": p.measured_na_mM,
        "glucose_blood": p.glucose_blood_mM,
    }
    exam_ctrl = epi(_EXAM_GLUCOSE_MM, pump_fraction=1.0, v_apical_mV=v_ctrl)
    exam_block = epi(_EXAM_GLUCOSE_MM, pump_fraction=0.0, v_apical_mV=v_block)
    g["exam_glucose"] = _EXAM_GLUCOSE_MM
    g["exam_block_pct"] = 100 * exam_block.glucose_flux_mM_s / exam_ctrl.glucose_flux_mM_s
    g["exam_block_gcell"] = exam_block.glucose_cell_mM
    for g_l, tag in _CASES:
        ctrl = epi(g_l, pump_fraction=1.0, v_apical_mV=v_ctrl)
        block = epi(g_l, pump_fraction=0.0, v_apical_mV=v_block)
        held = epi(g_l, pump_fraction=0.0, v_apical_mV=v_ctrl)
        g[f"epi_{tag}_glucose"] = g_l
        g[f"epi_{tag}_ctrl_flux"] = ctrl.glucose_flux_mM_s
        g[f"epi_{tag}_block_flux"] = block.glucose_flux_mM_s
        g[f"epi_{tag}_held_flux"] = held.glucose_flux_mM_s
        g[f"epi_{tag}_ctrl_gcell"] = ctrl.glucose_cell_mM
        g[f"epi_{tag}_block_gcell"] = block.glucose_cell_mM
        g[f"epi_{tag}_ctrl_na"] = ctrl.na_cell_mM
        g[f"epi_{tag}_block_na"] = block.na_cell_mM
        g[f"epi_{tag}_held_na"] = held.na_cell_mM
        if tag == "meal":
            g["sglt_share_meal_pct"] = (100 * 2 * ctrl.sglt_flux_mM_s
                                        / (2 * ctrl.sglt_flux_mM_s + ctrl.na_leak_mM_s))
    g["epi_low_block_loss"] = -g["epi_low_block_flux"]
    g["epi_meal_block_pct"] = 100 * g["epi_meal_block_flux"] / g["epi_meal_ctrl_flux"]
    # no sugar on either side, as in the mannitol Ringer of the measurement
    no_sugar = epi(_NO_SUGAR_MM, pump_fraction=1.0, v_apical_mV=v_ctrl, glucose_blood_mM=_NO_SUGAR_MM)
    g["epi_nosugar_na"] = no_sugar.na_cell_mM
    g["epi_sugar_na_rise"] = g["epi_meal_ctrl_na"] - no_sugar.na_cell_mM
    vol = simulate_cell(rundown_cell(), p.coupling_duration_s, pump_fraction=0.0, n_points=2).volume_rel
    g["swell_pct"] = 100 * (vol[-1] / vol[0] - 1.0)
    return g


def _format(name, value):
    """How each number is written in the prose (:mod:`nakmodel.book.formatting`)."""
    if name.startswith(("e_",)):
        return fixed(value, 0, sign=True) if name != "e_na_ncx" else fixed(value, 1, sign=True)
    if name == "v_factor_sglt1":
        return sig(value, 2)
    if name.startswith("r_sglt") or name == "conc_factor_sglt1":
        return sig(value, 3) if value < 1000 else sig(value, 2)
    if name in ("ca_out", "na_measured", "epi_nosugar_na"):
        return fixed(value, 1)
    if name.endswith("_flux") or name == "epi_low_block_loss":
        return fixed(value, 2)
    if name.endswith("_gcell") or name in ("epi_sugar_na_rise", "exam_block_gcell", "km_sglt1"):
        return fixed(value, 1)
    return fixed(value, 0)


def numbers() -> dict:
    """All values glued into the secondary-transport chapter, as prose text."""
    g = {**_limits(), **_ncx(), **_epithelium()}
    return {k: _format(k, float(v)) for k, v in g.items()}
