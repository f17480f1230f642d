"""The pump–leak cell as the front end reads it: :class:`nakmodel.CellParams` as JSON.

One helper for every explorer built on :mod:`nakmodel.cell` (the pump–leak loop, the
stoichiometry explorer), so their specs carry the same parameters and the JavaScript port
``frontend/ports/pump_leak.js`` finds them under the same names.
"""

from __future__ import annotations

import dataclasses

from ..._validation import ParameterError
from ...cell import CellParams
from ...constants import (
    AVOGADRO,
    ELEMENTARY_CHARGE,
    FARADAY,
    GAS_CONSTANT,
    MAMMALIAN_NEURON,
    VALENCE,
    ZERO_CELSIUS_K,
)
from ._pump import pump_spec

_IONS = ("Na", "K", "Cl")


def cell_json(p: CellParams | None = None) -> dict:
    """Every parameter the port of :mod:`nakmodel.cell` needs, as plain JSON.

    Fields of :class:`~nakmodel.CellParams` under their own names (the pump's under
    ``"pump"``, as :func:`~nakmodel.widgets.live._pump.pump_spec` gives them to
    ``frontend/ports/pump_cycle.js``), CODATA constants of :mod:`nakmodel.constants`, the valences and the
    first guess of the steady-state search (the reference neuron's Vm and [Na⁺]ᵢ,
    as :func:`nakmodel.cell.cell_steady_state` starts from).
    """
    p = CellParams() if p is None else p
    if p.pump_model != "cycle":
        raise ParameterError("pump_model", p.pump_model, "", "the page's port has the cycle pump only")
    out = {f.name: getattr(p, f.name) for f in dataclasses.fields(p)
           if f.name not in ("pump", "c_out_mM", "pump_model")}
    out["c_out_mM"] = {i: float(p.c_out_mM[i]) for i in _IONS}
    out["pump"] = pump_spec(p.pump)
    out["constants"] = {"gas_constant": GAS_CONSTANT, "faraday": FARADAY, "zero_celsius_K": ZERO_CELSIUS_K,
                        "elementary_charge": ELEMENTARY_CHARGE, "avogadro": AVOGADRO}
    out["valence"] = {i: VALENCE[i] for i in _IONS}
    out["guess"] = {"v_mV": MAMMALIAN_NEURON.v_rest_mV, "na_in": MAMMALIAN_NEURON.c_in_mM["Na"]}
    return out


#: Numerical settings of the page's solver (``frontend/ports/pump_leak.js``): not physiology, but
#: kept here so the port and its tests read the same values. Time course: Rosenbrock ode23s with
#: relative tolerance ``rtol`` and absolute ``atol`` (mV, mM, mM), first step, step growth and
#: shrink limits. Steady state: Newton's method to a relative step ``newton_xtol`` (accepted when
#: the residual, in mV/ms and mM/s as nakmodel's fsolve sees it, is ≤ ``steady_tolerance``),
#: else ``fallback_duration_s`` of integration first (as :func:`nakmodel.cell_steady_state`).
SOLVER = {
    "rtol": 1e-5, "atol": [1e-5, 1e-8, 1e-8], "first_step_s": 1e-5, "max_growth": 5.0, "min_shrink": 0.2,
    "safety": 0.8, "max_steps": 20000, "min_step_s": 1e-12, "scale": [1.0, 1.0, 1.0],
    "newton_max_iter": 60, "newton_min_damping": 1e-4, "newton_xtol": 1e-12, "steady_tolerance": 1e-6,
    "fallback_duration_s": 3e5,
}
