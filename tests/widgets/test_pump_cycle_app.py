"""CycleExplorer: both modes, fuzz, plotted data = model, frames without model re-runs."""

import numpy as np
import pytest

import nakmodel
from nakmodel import PUMP_STATES, pump_cycle_rate
from nakmodel.widgets import CycleExplorer
from nakmodel.widgets import pump_cycle as pc

from .fuzz import fuzz_app

R, F = 8.314462618, 96485.33212



def test_fuzz_every_control():
    fuzz_app(CycleExplorer())


def test_rate_curve_and_reversal_equal_model_and_closed_form():
    app = CycleExplorer()
    app.set_values(na_in=20.0, k_out=4.0, dg_atp=-50.0, v_mV=-90.0)
    v = app.plot.rate_line.get_xdata()
    expected = pump_cycle_rate(20.0, 4.0, v, atp_free_energy_kJ_per_mol=-50.0)
    np.testing.assert_allclose(app.plot.rate_line.get_ydata(), expected, rtol=1e-12)
    # reversal line at the closed-form reversal potential (by hand, 37 °C)
    rt = R * 310.15 / 1e3  # kJ/mol
    by_hand = (3 * rt * np.log(145 / 20.0) + 2 * rt * np.log(140 / 4.0) - 50.0) / (F / 1e3) * 1e3
    assert app.v_rev == pytest.approx(by_hand, rel=1e-9)
    assert app.plot.rev_line.get_xdata()[0] == pytest.approx(by_hand, rel=1e-9)
    # the marker sits on the curve at the present Vm
    x, y = app.plot.vm_marker.get_data()
    assert x[0] == -90.0 and y[0] == pytest.approx(
        pump_cycle_rate(20.0, 4.0, -90.0, atp_free_energy_kJ_per_mol=-50.0)
    )


def test_step_walks_the_cycle_in_order_and_counts_3_2_1():
    app = CycleExplorer()
    seen = [int(app.run.state[0])]
    for _ in range(len(app.run.t_s) - 1):
        app.step()
        seen.append(app.plot.current)
    assert seen == [int(s) for s in app.run.state]
    run = app.run
    # counters after every completed forward cycle (back in E1 with K+ just released): 3:2:1
    for i in np.flatnonzero(run.state == 0):
        assert run.na_out[i] == 3 * run.atp_used[i] and run.k_in[i] == 2 * run.atp_used[i]
    text = app.plot.counter_text.get_text()
    assert f"{int(run.atp_used[-1]):+5d}" in text
    app.step()  # after the last event: back to the start
    assert app.frame == 0


def test_frames_do_not_rerun_the_model(monkeypatch):
    app = CycleExplorer()
    calls = []
    from nakmodel import pump

    for module, name in ((pc, "pump_cycle_rate"), (pump, "pump_cycle_rate"), (pump, "simulate_pump_cycles")):
        orig = getattr(module, name)
        monkeypatch.setattr(module, name,
                            lambda *a, _o=orig, _n=name, **k: (calls.append(_n), _o(*a, **k))[1])
    before = app.view.widget.value
    for i in range(1, 40):
        app.play.value = i
    assert calls == []
    assert app.view.widget.value != before
    assert app.plot.current == int(app.run.state[39])
    # the highlight is drawn with a thick black outline and a bold name, not colour alone
    assert app.plot.hl_box.get_linewidth() >= 3 and app.plot.hl_name.get_fontweight() == "bold"
    assert app.plot.hl_name.get_text() == PUMP_STATES[app.plot.current]


def test_stochastic_run_is_cached_and_seeded():
    pc.cycle_run.cache_clear()
    a = CycleExplorer()
    b = CycleExplorer()
    assert a.run is b.run  # same cached object
    info = pc.cycle_run.cache_info()
    assert info.hits >= 1


def test_backwards_scenario_runs_backwards():
    app = CycleExplorer()
    app.apply_url_parameters("scenario=backwards")
    assert app.values["dg_atp"] == -30.0
    assert app.rate < 0 and app.run.atp_used[-1] < 0
    assert "backwards" in app.readout.value


def test_library_stays_free_of_plotting():
    import sys

    assert nakmodel.__name__ == "nakmodel"
    assert "nakmodel.plots" in sys.modules  # imported by the widgets, not by nakmodel itself
    import importlib

    src = importlib.util.find_spec("nakmodel.pump").origin
    assert "matplotlib" not in open(src).read()
