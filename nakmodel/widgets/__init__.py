"""Interactive apps (ipywidgets) for the chapters; one class per app.

Each app holds a figure from :mod:`nakmodel.plots` and calls pure functions of
:mod:`nakmodel`; see :mod:`nakmodel.widgets._base` for the shared behaviour.
Explorers whose figure the browser draws (live in Voilà, computed in the page
in the static book) live in :mod:`nakmodel.widgets.live`.
"""

from importlib import import_module

# Every app and the module that defines it, imported on first use (PEP 562): a dashboard kernel
# that runs ``from nakmodel.widgets import NernstExplorer`` loads that app's model and plot modules
# only, not those of every chapter.
_WHERE = {
    "._base": ("App", "Control", "FigureView", "display_mode"),
    ".nernst": ("NernstExplorer",),
    ".ouabain": ("OuabainDoseResponse", "PumpBlockTimeCourse"),
    ".pump_cycle": ("CycleExplorer",),
    ".secondary_transport": ("CotransportExplorer", "EpitheliumView"),
    ".energy_bill": ("EnergyCalculator",),
    ".action_potentials": ("RundownExplorer", "SpikeExplorer"),
    ".resting_potential": ("GHKExplorer", "PumpLeakLoop"),
    ".stoichiometry": ("StoichiometryExplorer",),
    ".live.nernst": ("NernstLive",),
    ".live.ghk": ("GHKLive",),
    ".live.energy": ("EnergyLive",),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}


def __getattr__(name):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__():
    return sorted({*globals(), *_MODULE_OF})


__all__ = sorted(_MODULE_OF)  # noqa: PLE0605 - every name of _WHERE, nothing else
