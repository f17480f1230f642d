"""The chapters' explorers, one class each, imported on first use.

Every explorer's figure is drawn in the reader's browser by one front end
(``frontend/<name>.js``): live in Jupyter and Voilà (the Python explorer computes
with :mod:`nakmodel` and sends numbers), and in the static book (a JavaScript port
computes in the page). See :mod:`nakmodel.widgets.live` and ``docs/frontend.md``.
"""

from nakmodel._lazy import lazy_exports

# Every app and the module that defines it, imported on first use (PEP 562): a dashboard kernel
# that runs ``from nakmodel.widgets import NernstLive`` loads that app's model and plot modules
# only, not those of every chapter.
_WHERE = {
    ".controls": ("Control", "log_control"),
    ".mode": ("display_mode",),
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

