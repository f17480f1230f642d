"""Interactive apps (ipywidgets) for the chapters; one class per app.

Each app holds a figure from :mod:`nakmodel.plots` and calls pure functions of
:mod:`nakmodel`; see :mod:`nakmodel.widgets._base` for the shared behaviour.
Explorers whose figure the browser draws (live in Voilà, computed in the page
in the static book) live in :mod:`nakmodel.widgets.live`.
"""

from nakmodel._lazy import lazy_exports

# Every app and the module that defines it, imported on first use (PEP 562): a dashboard kernel
# that runs ``from nakmodel.widgets import NernstLive`` loads that app's model and plot modules
# only, not those of every chapter.
_WHERE = {
    "._base": ("App", "Control", "FigureView", "display_mode"),
    ".pump_cycle": ("CycleExplorer",),
    ".action_potentials": ("RundownExplorer",),
    ".live.nernst": ("NernstLive",),
    ".live.ghk": ("GHKLive",),
    ".live.energy": ("EnergyLive",),
    ".live.spike": ("SpikeLive",),
    ".live.ouabain": ("OuabainDoseLive", "PumpBlockLive"),
    ".live.cotransport": ("CotransportLive",),
    ".live.epithelium": ("EpitheliumLive",),
    ".live.pump_leak": ("PumpLeakLive",),
    ".live.stoichiometry": ("StoichiometryLive",),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, globals(), _WHERE)

