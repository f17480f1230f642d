"""GHKExplorer: both display modes, fuzzing, and plotted data vs independent values (the pump–leak loop is a
live explorer: tests/frontend/test_pump_leak_explorers.py)."""

import math

import numpy as np
import pytest

from nakmodel.widgets import GHKExplorer

from .fuzz import fuzz_app

R, F = 8.314462618, 96485.33212
RT_F_37 = R * 310.15 / F * 1e3



def test_fuzz_ghk_explorer():
    fuzz_app(GHKExplorer())


def test_ghk_line_equals_closed_form():
    """Vm drawn equals the GHK formula evaluated by hand here."""
    app = GHKExplorer()
    app.set_values(pna_pk=0.1, pcl_pk=0.5, k_out=8.0, na_in=20.0)
    num = 8.0 + 0.1 * 145.0 + 0.5 * 8.0  # [Cl]i 8 mM: the reference neuron
    den = 140.0 + 0.1 * 20.0 + 0.5 * 110.0
    vm = RT_F_37 * math.log(num / den)
    assert app.plot.vm_line.get_ydata()[0] == pytest.approx(vm, abs=1e-9)
    assert app.plot.marker.get_ydata()[0] == pytest.approx(vm, abs=1e-9)
    assert app.plot.lines["K"].get_ydata()[0] == pytest.approx(RT_F_37 * math.log(8.0 / 140.0), abs=1e-9)
    # the swept curve rises monotonically from near E_K towards E_Na
    y = app.plot.sweep_line.get_ydata()
    assert np.all(np.diff(y) > 0)


def test_log_slider_defaults_lie_on_the_snapping_grid():
    """The browser snaps log sliders to min + k*step; the default must survive that snap."""
    for slider in GHKExplorer().sliders.values():
        if hasattr(slider, "base"):
            k = (math.log10(slider.value) - slider.min) / slider.step
            assert abs(k - round(k)) < 1e-6
