"""Hodgkin–Huxley-type neurons with ion accounting.

* :mod:`~nakmodel.hh.models`: the squid (Hodgkin & Huxley 1952) and
  mammalian (Wang & Buzsáki 1996) parameter sets, gating rates as data
  (:func:`~nakmodel.hh.models.rate_table` exports them as JSON-ready numbers);
* :mod:`~nakmodel.hh.simulate`: :func:`simulate_hh` and its result;
* :mod:`~nakmodel.hh.protocols`: the ion budget of one spike, f–I curve,
  excitability probe, refractory periods, locked-open Na+ channels;
* :mod:`~nakmodel.hh.threshold`: threshold as a voltage (smallest brief pulse that fires);
* :mod:`~nakmodel.hh.rundown`: gradient run-down in long spike trains with the
  book's cycle-model pump, and the highest sustainable firing rate.

References: Hodgkin1952, Wang1996, Keynes1951, Carter2009, Alle2009, Sengupta2010, Rinzel1980.
"""

from .models import (
    MAMMALIAN_WB,
    MODELS,
    RATE_FORMS,
    SQUID_HH,
    GateKinetics,
    HHParams,
    RateFunction,
    channel_currents,
    evaluate_rate,
    gate_rates,
    gates_inf,
    model_params,
    rate_factor,
    rate_table,
)
from .protocols import (
    FI_CURRENTS_UA_CM2,
    FI_RUN_MS,
    ExcitabilityProbe,
    LockedOpen,
    RefractoryPeriods,
    SpikeBudget,
    fi_curve,
    firing_rate_hz,
    locked_open_response,
    min_locked_fraction_for_block,
    probe_excitability,
    refractory_periods,
    spike_ion_budget,
    steady_rate_hz,
)
from .rundown import (
    MOLECULES_PER_UM2_PER_PMOL_CM2,
    ReferenceState,
    RestingPump,
    RundownPump,
    RundownResult,
    concentration_step_per_spike_mM,
    max_sustainable_rate_hz,
    pump_flux_pmol_cm2_s,
    reference_state,
    resting_pump_flux,
    reversal_mismatch,
    spike_train_rundown,
)
from .simulate import HHResult, pmol_per_cm2_from_charge, simulate_hh, spike_times
from .threshold import VoltageThreshold, voltage_threshold

__all__ = [
    "FI_CURRENTS_UA_CM2",
    "FI_RUN_MS",
    "MAMMALIAN_WB",
    "MODELS",
    "MOLECULES_PER_UM2_PER_PMOL_CM2",
    "RATE_FORMS",
    "SQUID_HH",
    "VoltageThreshold",
    "ExcitabilityProbe",
    "GateKinetics",
    "HHParams",
    "HHResult",
    "LockedOpen",
    "RateFunction",
    "ReferenceState",
    "RefractoryPeriods",
    "RestingPump",
    "RundownPump",
    "RundownResult",
    "SpikeBudget",
    "channel_currents",
    "concentration_step_per_spike_mM",
    "evaluate_rate",
    "fi_curve",
    "firing_rate_hz",
    "gate_rates",
    "gates_inf",
    "locked_open_response",
    "max_sustainable_rate_hz",
    "min_locked_fraction_for_block",
    "model_params",
    "pmol_per_cm2_from_charge",
    "probe_excitability",
    "pump_flux_pmol_cm2_s",
    "rate_factor",
    "rate_table",
    "reference_state",
    "refractory_periods",
    "resting_pump_flux",
    "reversal_mismatch",
    "simulate_hh",
    "spike_ion_budget",
    "spike_times",
    "spike_train_rundown",
    "steady_rate_hz",
    "voltage_threshold",
]
