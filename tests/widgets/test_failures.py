"""A failing model call leaves every app usable: a short message, a log record, and the next move works.

The fault is injected where the app meets the model: every science function
the app's module imports from :mod:`nakmodel` (not plots, not widgets) and
every cached model run the module defines (``functools.lru_cache``) is
replaced by one that raises. The test checks the fault really fired, so it
cannot pass by never reaching the model.
"""

from __future__ import annotations

import functools
import inspect
import logging
import sys

import pytest

from nakmodel import ModelError, ParameterError, widgets
from nakmodel.widgets import App

from .fuzz import Display

APPS = [getattr(widgets, n) for n in widgets.__all__]
APPS = [a for a in APPS if isinstance(a, type) and issubclass(a, App) and a is not App]

FAULTS = {
    "RuntimeError": (lambda: RuntimeError("lsoda: repeated convergence failures"), "Something went wrong",
                     logging.ERROR),
    "ModelError": (lambda: ModelError("no steady state found within 200 iterations"), "could not be computed",
                   logging.WARNING),
    "ParameterError": (lambda: ParameterError("i_amp", 51.0, "µA/cm²", "must be in [0, 50] µA/cm²"),
                       "outside what the model accepts", logging.INFO),
}


NOT_MODEL = ("nakmodel.widgets", "nakmodel.plots", "nakmodel.book.formatting")


def _is_science(origin: str) -> bool:
    return origin.startswith("nakmodel.") and not origin.startswith(NOT_MODEL)


def model_entry_points(cls) -> list[tuple]:
    """``(namespace, name)`` of what the app's module calls to run the model: science functions it
    imports, functions of science modules it imports as modules, and cached model runs it defines."""
    module = sys.modules[cls.__module__]
    targets = []
    for name, obj in vars(module).items():
        if inspect.ismodule(obj) and _is_science(obj.__name__):
            targets += [(obj, n) for n, f in vars(obj).items() if not n.startswith("__")
                        and (inspect.isfunction(f) or isinstance(f, functools._lru_cache_wrapper))
                        and getattr(f, "__module__", "") == obj.__name__]
            continue
        if isinstance(obj, type) or not callable(obj):
            continue
        origin = getattr(obj, "__module__", "") or ""
        science = _is_science(origin) and (inspect.isfunction(obj)
                                           or isinstance(obj, functools._lru_cache_wrapper))
        cached_run = origin == module.__name__ and isinstance(obj, functools._lru_cache_wrapper)
        if science or cached_run:
            targets.append((module, name))
    return targets


def _fresh_value(slider, end):
    if hasattr(slider, "base"):
        return float(slider.base ** (slider.max if end == "max" else slider.min))
    return float(slider.max if end == "max" else slider.min)


@pytest.fixture(autouse=True)
def _live(monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("VOILA_SERVER_URL", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("cls", APPS, ids=lambda c: c.__name__)
def test_failing_model_call_leaves_the_app_usable(cls, fault, caplog):
    make_error, expected_text, level = FAULTS[fault]
    app = cls()
    good = Display.of(app)
    targets = model_entry_points(cls)
    assert targets, f"{cls.__name__}: found no model call to break"
    fired = []

    def broken(*_args, **_kwargs):
        fired.append(1)
        raise make_error()

    name = next(iter(app.sliders))
    slider = app.sliders[name]
    n_before = app.n_updates
    with caplog.at_level(logging.INFO, logger="nakmodel.widgets"), pytest.MonkeyPatch.context() as mp:
        for namespace, target in targets:
            mp.setattr(namespace, target, broken)
        slider.value = _fresh_value(slider, "max")  # no exception reaches the caller (the widget's observer)
    assert fired, f"{cls.__name__}: the move never called the model ({[n for _, n in targets]})"
    msg = app.message.value
    assert expected_text in msg and "role=\"alert\"" in msg
    assert "Traceback" not in msg and 'File "' not in msg and len(msg) < 600
    assert app.last_error is not None and app.n_updates == n_before
    # the figure and readout still show the last settings that worked
    shown = Display.of(app)
    assert shown.same_figure(good) and shown.readout == good.readout and shown.png == good.png
    records = [r for r in caplog.records if r.name == "nakmodel.widgets" and r.levelno == level]
    assert records, f"{fault} was not logged at level {logging.getLevelName(level)}"
    if fault == "RuntimeError":
        assert records[-1].exc_info is not None  # the traceback goes to the log, not to the page

    # the fault is gone: the next move works and clears the message
    slider.value = _fresh_value(slider, "min")
    assert app.message.value == "" and app.last_error is None
    assert app.n_updates == n_before + 1
    assert not Display.of(app).same_figure(good)
    app.reset()
    assert app.message.value == "" and Display.of(app).same_figure(good)


def test_failure_during_build_still_gives_an_app(monkeypatch):
    """Even the first drawing may fail: the app is built, shows the message, and recovers."""
    from . import probe_app as module

    real = module.nernst
    monkeypatch.setattr(module, "nernst", lambda *a, **k: (_ for _ in ()).throw(ModelError("broken")))
    app = module.ProbeApp()
    assert "could not be computed" in app.message.value and app.widget is not None
    monkeypatch.setattr(module, "nernst", real)
    app.sliders["k_out"].value = 10.0
    assert app.message.value == "" and "<img" in app.view.widget.value
