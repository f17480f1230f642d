"""Live explorers whose figure is drawn in the reader's browser (issue 12).

Each explorer is one JavaScript module (``frontend/<name>.js``, anywidget's
``render({model, el})`` shape) fed by one of two engines:

* **live** (Jupyter, Voilà, Binder): this package's Python app computes with
  :mod:`nakmodel` and sends the result as widget state (a few kB of numbers);
* **static** (the book build, ``NAKMODEL_DISPLAY=static``): the app writes an
  HTML placeholder with every parameter as JSON and the matplotlib PNG as the
  no-JavaScript fallback; the book's script ``_static/nakfront/nakfront.js``
  computes in the page with a short port of the model (``frontend/ports/``).

See ``docs/frontend.md``.
"""

from nakmodel._lazy import lazy_exports

# imported on first use (PEP 562), as nakmodel.widgets does: a kernel loads one explorer's modules
__getattr__, __dir__, __all__ = lazy_exports(__name__, globals(), {
    ".nernst": ("NernstLive",),
    ".ghk": ("GHKLive",),
    ".energy": ("EnergyLive",),
    ".spike": ("SpikeLive",),
    ".cotransport": ("CotransportLive",),
    ".epithelium": ("EpitheliumLive",),
    ".pump_leak": ("PumpLeakLive",),
    ".stoichiometry": ("StoichiometryLive",),
    ".ouabain": ("OuabainDoseLive", "PumpBlockLive"),
})
