"""Interactive apps (ipywidgets) for the chapters; one class per app.

Each app holds a figure from :mod:`nakmodel.plots` and calls pure functions of
:mod:`nakmodel`; see :mod:`nakmodel.widgets._base` for the shared behaviour.
Explorers whose figure the browser draws (live in Voilà, computed in the page
in the static book) live in :mod:`nakmodel.widgets.live`.
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
from .live import EnergyLive, GHKLive, NernstLive

__all__ = ["App", "Control", "FigureView", "display_mode", "NernstExplorer", "OuabainDoseResponse", "PumpBlockTimeCourse", "CycleExplorer", "CotransportExplorer", "EpitheliumView", "EnergyCalculator", "SpikeExplorer", "RundownExplorer", "GHKExplorer", "PumpLeakLoop", "StoichiometryExplorer", "NernstLive", "GHKLive", "EnergyLive"]
