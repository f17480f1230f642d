"""Interactive apps (ipywidgets) for the chapters; one class per app.

Each app holds a figure from :mod:`nakmodel.plots` and calls pure functions of
:mod:`nakmodel`; see :mod:`nakmodel.widgets._base` for the shared behaviour.
"""

from ._base import App, Control, FigureView, display_mode
from .nernst import NernstExplorer
from .ouabain import OuabainDoseResponse, PumpBlockTimeCourse
from .pump_cycle import CycleExplorer
from .secondary_transport import CotransportExplorer, EpitheliumView
from .energy_bill import EnergyCalculator
from .action_potentials import RundownExplorer, SpikeExplorer
from .resting_potential import GHKExplorer, PumpLeakLoop
from .stoichiometry import StoichiometryExplorer

__all__ = ["App", "Control", "FigureView", "display_mode", "NernstExplorer", "OuabainDoseResponse", "PumpBlockTimeCourse", "CycleExplorer", "CotransportExplorer", "EpitheliumView", "EnergyCalculator", "SpikeExplorer", "RundownExplorer", "GHKExplorer", "PumpLeakLoop", "StoichiometryExplorer"]
