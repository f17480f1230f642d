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

__version__ = "0.1.0"

__all__ = [
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
