"""nakmodel: the science behind the Na+/K+ pump textbook.

Pure numpy/scipy models of ion gradients, the Na+/K+-ATPase, the pump-leak
cell, spiking neurons with ion accounting, ouabain, cotransport and the
energy budget. No plotting or widget code lives here (see
``nakmodel.plots`` and ``nakmodel.widgets``).
"""

from ._lazy import lazy_exports

# Every public name and the submodule that defines it. Imported on first use (PEP 562), so that a
# dashboard kernel building one app loads only the modules that app needs (``nakmodel.cell`` alone
# pulls in scipy.integrate); ``import nakmodel; nakmodel.nernst(...)`` and ``from nakmodel import *``
# work as before.
_WHERE = {
    "._validation": ("ModelError", "ParameterError"),
    ".constants": ("MAMMALIAN_NEURON", "SQUID_AXON"),
    ".electrochem": (
        "atp_free_energy", "driving_force", "ghk_current", "ghk_voltage", "ion_transfer_free_energy",
        "membrane_charge_ions", "nernst", "pump_free_energy", "pump_reversal_potential",
    ),
    ".pump": (
        "PUMP_STATES", "PumpParams", "PumpRun", "pump_atp_factor", "pump_current", "pump_cycle_rate",
        "pump_rate_fast", "pump_temperature_factor", "simulate_pump_cycles",
    ),
    ".cell": (
        "CellParams", "CellState", "CellTrace", "cell_steady_state", "electrogenic_share", "simulate_cell",
    ),
    ".drugs": (
        "OUABAIN_ISOFORMS", "anoxia_atp_time_course", "ouabain_block_time_course", "ouabain_pump_fraction",
        "pump_fraction_from_atp",
    ),
    ".hh": (
        "HHParams", "HHResult", "MAMMALIAN_WB", "RefractoryPeriods", "SQUID_HH", "probe_excitability",
        "refractory_periods", "simulate_hh", "spike_ion_budget", "spike_train_rundown",
    ),
    ".cotransport": (
        "epithelium_glucose_steady_state", "ncx_reversal_potential", "sglt_flux", "sglt_max_accumulation",
    ),
    ".energy": ("atp_per_spike", "atp_rate_per_cell", "brain_energy_budget"),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, globals(), _WHERE)

__version__ = "0.1.0"

