"""A dashboard kernel imports only what its app needs; every public name stays importable."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import nakmodel
from nakmodel import widgets
from tests.conftest import ROOT

PROBE = """
import json, sys
from nakmodel.widgets import NernstLive
NernstLive()._repr_mimebundle_()
print(json.dumps(sorted(sys.modules)))
"""


def test_one_app_loads_only_its_modules():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg", "NAKMODEL_DISPLAY": "live"}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert {"nakmodel.widgets.live.nernst", "nakmodel.electrochem"} <= loaded
    other_apps = {f"nakmodel.widgets.{m.lstrip('.')}" for m in widgets._WHERE
                  if m not in (".controls", ".mode", ".live.nernst")}  # shared: every explorer uses them
    assert not loaded & other_apps, sorted(loaded & other_apps)
    # the Nernst explorer needs no ODE solver and no cell, spike or drug model
    assert not loaded & {"nakmodel.cell", "nakmodel.hh", "nakmodel.drugs", "scipy.integrate"}


LIVE_PROBE = """
import json, sys
from nakmodel.widgets import {cls}
app = {cls}()
app._repr_mimebundle_()  # what Voila displays
print(json.dumps(sorted(sys.modules)))
"""
LIVE_EXPLORERS = [name for module, names in widgets._WHERE.items() if module not in (".controls", ".mode")
                  for name in names]


@pytest.mark.parametrize("cls", LIVE_EXPLORERS)
def test_live_explorer_in_voila_imports_no_matplotlib(cls):
    """In a Voila kernel a live explorer's figure is drawn by the browser: the PNG fallback (matplotlib,
    Pillow) is for the static book only, and a classroom pays for it in every kernel's memory and start."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VOILA_SERVER_URL": "http://127.0.0.1:1/"}
    env.pop("NAKMODEL_DISPLAY", None)
    env.pop("MPLBACKEND", None)
    out = subprocess.run([sys.executable, "-c", LIVE_PROBE.format(cls=cls)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    heavy = {m for m in loaded if m.split(".")[0] in ("matplotlib", "PIL")}
    assert not heavy, sorted(heavy)[:10]


def test_static_mode_still_draws_the_fallback():
    """The same explorer in the book build (NAKMODEL_DISPLAY=static) still draws its PNG fallback."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NAKMODEL_DISPLAY": "static", "MPLBACKEND": "Agg"}
    probe = ("from nakmodel.widgets import NernstLive\n"
             "html = NernstLive()._repr_mimebundle_()['text/html']\n"
             "print('data:image/png;base64,' in html)")
    out = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("module", [nakmodel, widgets], ids=["nakmodel", "nakmodel.widgets"])
def test_every_public_name_importable(module):
    assert len(set(module.__all__)) == len(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None
        assert name in dir(module)
    ns: dict = {}
    exec(f"from {module.__name__} import *", ns)  # noqa: S102 - the star import of the public surface
    assert set(module.__all__) <= set(ns)
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
