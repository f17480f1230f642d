"""nakmodel: the science behind the Na+/K+ pump textbook.

Pure numpy/scipy models of ion gradients, the Na+/K+-ATPase, the pump-leak
cell, spiking neurons with ion accounting, ouabain, cotransport and the
energy budget. No plotting or widget code lives here (see
``nakmodel.plots`` and ``nakmodel.widgets``).
"""

from ._validation import ParameterError
from .constants import MAMMALIAN_NEURON, SQUID_AXON
from .electrochem import (
    atp_free_energy,
    driving_force,
    ghk_current,
    ghk_voltage,
    ion_transfer_free_energy,
    nernst,
    pump_free_energy,
    pump_reversal_potential,
)
# hh, cotransport, energy
from .hh import HHResult, simulate_hh, spike_ion_budget, spike_train_rundown
from .cotransport import epithelium_glucose_steady_state, ncx_reversal_potential, sglt_flux, sglt_max_accumulation
from .energy import atp_per_spike, atp_rate_per_cell, brain_energy_budget

__version__ = "0.1.0"

__all__ = [
    # hh, cotransport, energy
    "HHResult", "simulate_hh", "spike_ion_budget", "spike_train_rundown",
    "epithelium_glucose_steady_state", "ncx_reversal_potential", "sglt_flux", "sglt_max_accumulation",
    "atp_per_spike", "atp_rate_per_cell", "brain_energy_budget",
    "ParameterError",
    "MAMMALIAN_NEURON",
    "SQUID_AXON",
    "atp_free_energy",
    "driving_force",
    "ghk_current",
    "ghk_voltage",
    "ion_transfer_free_energy",
    "nernst",
    "pump_free_energy",
    "pump_reversal_potential",
]
