"""Compatibility imports: the app base now lives in small modules with one job each.

* :mod:`nakmodel.widgets.app` — :class:`App` (build step, update that never fails loudly);
* :mod:`nakmodel.widgets.controls` — :class:`Control`, :class:`ControlPanel` (one defaults map, reset);
* :mod:`nakmodel.widgets.view` — :class:`FigureView` (the figure as an ``<img>`` with alt text);
* :mod:`nakmodel.widgets.links` — teacher links and scenarios (Voilà side);
* :mod:`nakmodel.widgets.readout` — the readout tables;
* :mod:`nakmodel.widgets.mode` — :func:`display_mode` (static book or live);
* :mod:`nakmodel.widgets.gcfreeze` — the garbage-collector freeze of dashboard kernels.

``from nakmodel.widgets._base import App, Control, FigureView, display_mode`` keeps working.
"""

from .app import App
from .controls import CHANGED_HANDLE_COLOR, Control, ControlPanel, option_values
from .gcfreeze import freeze_now as _freeze_garbage_collector  # noqa: F401 - re-export for older code
from .links import request_query
from .mode import display_mode
from .mode import in_voila as _in_voila  # noqa: F401 - re-export for older code
from .view import FigureView

#: Old name of :func:`nakmodel.widgets.controls.option_values`.
selector_options = option_values


def _query_string() -> str:
    """Old helper, kept for code that imports it: the page's query string if this kernel was
    started for the request, else ``""``. It never waits: in a preheated kernel the page
    reports its query later (:class:`nakmodel.widgets.links.LocationReport`)."""
    return request_query() or ""


__all__ = ["CHANGED_HANDLE_COLOR", "App", "Control", "ControlPanel", "FigureView", "display_mode",
           "selector_options"]
