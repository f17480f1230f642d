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

from importlib import import_module

# imported on first use (PEP 562), as nakmodel.widgets does: a kernel loads one explorer's modules
_MODULE_OF = {"NernstLive": ".nernst", "GHKLive": ".ghk", "EnergyLive": ".energy"}


def __getattr__(name):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_MODULE_OF})


__all__ = sorted(_MODULE_OF)  # noqa: PLE0605 - the names of _MODULE_OF
