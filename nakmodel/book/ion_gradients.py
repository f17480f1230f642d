"""Numbers of the chapter "Ion gradients and equilibrium potentials".

Concentrations: the book's reference neuron
(:data:`nakmodel.constants.MAMMALIAN_NEURON`, the pump–leak cell's steady state),
at its resting potential and 37 °C.
"""

from __future__ import annotations

import math

from ..constants import MAMMALIAN_NEURON, VALENCE, rt_over_f_mV
from ..electrochem import ion_transfer_free_energy, membrane_charge_ions, nernst
from .formatting import fixed, sig

__all__ = ["numbers"]


def numbers() -> dict:
    """The chapter's glued values (:mod:`nakmodel.book.formatting` convention)."""
    ions = MAMMALIAN_NEURON
    out, inside = ions.c_out_mM, ions.c_in_mM
    e = {i: nernst(VALENCE[i], out[i], inside[i]) for i in ("Na", "K", "Cl")}
    rt_f = rt_over_f_mV(ions.temperature_C)
    return {
        "e_na": fixed(e["Na"], 1, sign=True),
        "e_na_s0dp": fixed(e["Na"], 0, sign=True),
        "e_k": fixed(e["K"], 1, sign=True),
        "e_k_1dp": fixed(e["K"], 1),
        "e_k_s0dp": fixed(e["K"], 0, sign=True),
        "e_cl": fixed(e["Cl"], 1, sign=True),
        "e_cl_s0dp": fixed(e["Cl"], 0, sign=True),
        "e_k_20C": fixed(nernst(+1, out["K"], inside["K"], temperature_C=20.0), 1),
        "rt_f": fixed(rt_f, 1),
        # mV per tenfold concentration ratio: (RT/F) ln 10
        "decade_mv": fixed(rt_f * math.log(10.0), 1),
        "ions_per_um2": sig(membrane_charge_ions(ions.v_rest_mV), 2),
        "dg_na_in_rest": fixed(ion_transfer_free_energy(ions.v_rest_mV, {"Na": 1}, out, inside), 1),
        "na_in": fixed(inside["Na"], 0),
        "na_out": fixed(out["Na"], 0),
        "k_in": fixed(inside["K"], 0),
        "k_out": fixed(out["K"], 0),
        "v_rest": fixed(ions.v_rest_mV, 0),
    }
