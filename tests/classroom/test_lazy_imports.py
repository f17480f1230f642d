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
                  if m not in ("._base", ".live.nernst")}
    assert not loaded & other_apps, sorted(loaded & other_apps)
    # the Nernst explorer needs no ODE solver and no cell, spike or drug model
    assert not loaded & {"nakmodel.cell", "nakmodel.hh", "nakmodel.drugs", "scipy.integrate"}


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
