"""The pump–leak cell as the front end reads it: :class:`nakmodel.CellParams` as JSON.

One helper for every explorer built on :mod:`nakmodel.cell` (the pump–leak loop, the
stoichiometry explorer), so their specs carry the same parameters and the JavaScript port
``frontend/ports/pump_leak.js`` finds them under the same names.
"""

from __future__ import annotations

import dataclasses

from ..._validation import ParameterError
from ...cell import CellParams
from ...constants import AVOGADRO, ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT, MAMMALIAN_NEURON, VALENCE, \
    ZERO_CELSIUS_K

_IONS = ("Na", "K", "Cl")


def pump_json(pump) -> dict:
    """:class:`nakmodel.pump.PumpParams` as plain JSON numbers (every field, same names)."""
    return {f.name: float(getattr(pump, f.name)) for f in dataclasses.fields(pump)}


def cell_json(p: CellParams | None = None) -> dict:
    """Every parameter the port of :mod:`nakmodel.cell` needs, as plain JSON.

    Fields of :class:`~nakmodel.CellParams` under their own names (the pump's under
    ``"pump"``), CODATA constants of :mod:`nakmodel.constants`, the valences and the
    first guess of the steady-state search (the reference neuron's Vm and [Na⁺]ᵢ,
    as :func:`nakmodel.cell.cell_steady_state` starts from).
    """
    p = CellParams() if p is None else p
    if p.pump_model != "cycle":
        raise ParameterError("pump_model", p.pump_model, "", "the page's port has the cycle pump only")
    out = {f.name: getattr(p, f.name) for f in dataclasses.fields(p)
           if f.name not in ("pump", "c_out_mM", "pump_model")}
    out["c_out_mM"] = {i: float(p.c_out_mM[i]) for i in _IONS}
    out["pump"] = pump_json(p.pump)
    out["constants"] = {"gas_constant": GAS_CONSTANT, "faraday": FARADAY, "zero_celsius_K": ZERO_CELSIUS_K,
                        "elementary_charge": ELEMENTARY_CHARGE, "avogadro": AVOGADRO}
    out["valence"] = {i: VALENCE[i] for i in _IONS}
    out["guess"] = {"v_mV": MAMMALIAN_NEURON.v_rest_mV, "na_in": MAMMALIAN_NEURON.c_in_mM["Na"]}
    return out
