"""nakmodel: the science behind the Na+/K+ pump textbook.

Pure numpy/scipy models of ion gradients, the Na+/K+-ATPase, the pump-leak
cell, spiking neurons with ion accounting, ouabain, cotransport and the
energy budget. No plotting or widget code lives here (see
``nakmodel.plots`` and ``nakmodel.widgets``).
"""

from ._validation import ModelError, ParameterError
from .constants import MAMMALIAN_NEURON, SQUID_AXON
from .electrochem import (
    atp_free_energy,
    driving_force,
    ghk_current,
    ghk_voltage,
    ion_transfer_free_energy,
    membrane_charge_ions,
    nernst,
    pump_free_energy,
    pump_reversal_potential,
)
# pump, cell, drugs
from .pump import (
    PUMP_STATES, PumpParams, PumpRun, pump_atp_factor, pump_current, pump_cycle_rate, pump_rate_fast,
    pump_temperature_factor, simulate_pump_cycles,
)
from .cell import CellParams, CellState, CellTrace, cell_steady_state, electrogenic_share, simulate_cell
from .drugs import (
    OUABAIN_ISOFORMS, anoxia_atp_time_course, ouabain_block_time_course, ouabain_pump_fraction,
    pump_fraction_from_atp,
)
# hh, cotransport, energy
from .hh import (
    MAMMALIAN_WB, SQUID_HH, HHParams, HHResult, RefractoryPeriods, probe_excitability, refractory_periods,
    simulate_hh, spike_ion_budget, spike_train_rundown,
)
from .cotransport import epithelium_glucose_steady_state, ncx_reversal_potential, sglt_flux, sglt_max_accumulation
from .energy import atp_per_spike, atp_rate_per_cell, brain_energy_budget

__version__ = "0.1.0"

__all__ = [
    # pump, cell, drugs
    "PUMP_STATES", "PumpParams", "PumpRun", "pump_atp_factor", "pump_current", "pump_cycle_rate",
    "pump_rate_fast", "pump_temperature_factor", "simulate_pump_cycles",
    "CellParams", "CellState", "CellTrace", "cell_steady_state", "electrogenic_share", "simulate_cell",
    "OUABAIN_ISOFORMS", "anoxia_atp_time_course", "ouabain_block_time_course", "ouabain_pump_fraction",
    "pump_fraction_from_atp",
    # hh, cotransport, energy
    "HHParams", "SQUID_HH", "MAMMALIAN_WB", "HHResult", "RefractoryPeriods", "probe_excitability",
    "refractory_periods", "simulate_hh", "spike_ion_budget", "spike_train_rundown",
    "epithelium_glucose_steady_state", "ncx_reversal_potential", "sglt_flux", "sglt_max_accumulation",
    "atp_per_spike", "atp_rate_per_cell", "brain_energy_budget",
    "ParameterError",
    "ModelError",
    "MAMMALIAN_NEURON",
    "SQUID_AXON",
    "atp_free_energy",
    "driving_force",
    "ghk_current",
    "ghk_voltage",
    "ion_transfer_free_energy",
    "membrane_charge_ions",
    "nernst",
    "pump_free_energy",
    "pump_reversal_potential",
]
