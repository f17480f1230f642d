"""The Na⁺/K⁺ pump's parameters as JSON for the JavaScript port ``frontend/ports/pump_cycle.js``.

Every live explorer that needs the pump (cycle explorer, pump–leak loop, run-down) puts
:func:`pump_spec` into its spec under the key ``"pump"``, so the page computes the
four-state cycle (:func:`nakmodel.pump.pump_cycle_rate`) and the reversal potential
(:func:`nakmodel.electrochem.pump_reversal_potential`) with exactly the constants of
:class:`nakmodel.pump.PumpParams`, and the JavaScript holds no physiological constant.
"""

from __future__ import annotations

from dataclasses import asdict

from ..._validation import CONCENTRATION_RANGE_MM, TEMPERATURE_RANGE_C
from ...constants import DEFAULTS, ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT, MAMMALIAN_NEURON, ZERO_CELSIUS_K
from ...electrochem import ATP, PUMP_K_IN, PUMP_NA_OUT
from ...pump import DISPLAY_BINDING_RATE_PER_S, PUMP_INPUT_LIMITS, PUMP_STATES, PUMP_STEP_COUNTS, PumpParams

__all__ = ["pump_spec"]


def pump_spec(params: PumpParams | None = None) -> dict:
    """JSON-ready description of the pump model for ``frontend/ports/pump_cycle.js``.

    Keys
    ----
    ``params``
        Every field of :class:`nakmodel.pump.PumpParams` (rate constants 1/s, dissociation
        constants mM, ``delta``, Q10s, temperatures °C; sources in that class).
    ``gas_constant``, ``faraday``, ``zero_celsius_K``, ``elementary_charge``
        J/(mol K), C/mol, K, C (CODATA 2018, :mod:`nakmodel.constants`).
    ``na_out``, ``k_in``, ``net_charge_out``
        Ions per cycle: 3 Na⁺ out, 2 K⁺ in, 1 net charge out (Post & Jolly 1957).
    ``defaults``
        What :func:`nakmodel.pump.pump_cycle_rate` uses for an omitted argument:
        ``na_out_mM``, ``k_in_mM`` (reference neuron, mM), ``atp_free_energy_kJ_per_mol``
        (:data:`nakmodel.electrochem.ATP`), ``temperature_C`` (°C), ``atp_mM`` (mM).
    ``limits``
        ``[low, high]`` of each input nakmodel accepts (concentrations exclusive of 0 mM).
    ``states``
        Named states of the stochastic pump (:data:`nakmodel.pump.PUMP_STATES`).
    ``step_counts``
        ``[from, to, Na⁺ out, K⁺ in, ATP]`` per forward named step
        (:data:`nakmodel.pump.PUMP_STEP_COUNTS`), so a run is sent as its states alone.
    ``display_binding_rate_per_s``
        Places the display sub-steps of a stochastic run, 1/s
        (:data:`nakmodel.pump.DISPLAY_BINDING_RATE_PER_S`).

    Examples
    --------
    >>> spec = pump_spec()
    >>> spec["params"]["k1_fwd"], spec["na_out"], spec["k_in"]
    (949.5, 3, 2)
    """
    p = PumpParams() if params is None else params
    return {
        "params": {k: float(v) for k, v in asdict(p).items()},
        "gas_constant": GAS_CONSTANT, "faraday": FARADAY, "zero_celsius_K": ZERO_CELSIUS_K,
        "elementary_charge": ELEMENTARY_CHARGE,
        "na_out": PUMP_NA_OUT, "k_in": PUMP_K_IN, "net_charge_out": PUMP_NA_OUT - PUMP_K_IN,
        "defaults": {
            "na_out_mM": MAMMALIAN_NEURON.c_out_mM["Na"], "k_in_mM": MAMMALIAN_NEURON.c_in_mM["K"],
            "atp_free_energy_kJ_per_mol": ATP.free_energy_kJ_per_mol,
            "temperature_C": DEFAULTS.temperature_C, "atp_mM": p.atp_mM,
        },
        "limits": {"concentration_mM": list(CONCENTRATION_RANGE_MM),
                   "temperature_C": list(TEMPERATURE_RANGE_C),
                   **{name: list(lo_hi) for name, (_unit, lo_hi) in PUMP_INPUT_LIMITS.items()}},
        "states": list(PUMP_STATES),
        "step_counts": [[a, b, *moved] for (a, b), moved in PUMP_STEP_COUNTS.items()],
        "display_binding_rate_per_s": DISPLAY_BINDING_RATE_PER_S,
    }
