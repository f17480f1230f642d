"""CycleExplorer (nakmodel/widgets/pump_cycle.py): the Python engine of the pump-cycle explorer.

The numbers it sends are nakmodel's (checked against the model and closed forms here); the
front end animates the run it sends (tests/browser/test_pump_cycle_browser.py).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from nakmodel import PUMP_STATES, ParameterError, pump_cycle_rate
from nakmodel.pump import cycle_run
from nakmodel.widgets import CycleExplorer

R, F = 8.314462618, 96485.33212  # CODATA 2018, independent of nakmodel.constants


def test_rate_curve_and_reversal_equal_model_and_closed_form():
    app = CycleExplorer()
    r = app.set_values(na_in=20.0, k_out=4.0, dg_atp=-50.0, v_mV=-90.0)
    v = np.linspace(-300.0, 60.0, len(r["curve"]))
    expected = pump_cycle_rate(20.0, 4.0, v, atp_free_energy_kJ_per_mol=-50.0)
    np.testing.assert_allclose(r["curve"], expected, rtol=1e-12)
    rt = R * 310.15 / 1e3  # kJ/mol at 37 °C
    by_hand = (3 * rt * math.log(145 / 20.0) + 2 * rt * math.log(140 / 4.0) - 50.0) / (F / 1e3) * 1e3
    assert r["v_rev"] == pytest.approx(by_hand, rel=1e-9)
    assert r["rate"] == pytest.approx(pump_cycle_rate(20.0, 4.0, -90.0, atp_free_energy_kJ_per_mol=-50.0))
    # the curve crosses zero at the reversal potential
    i = int(np.searchsorted(v, by_hand))
    assert r["curve"][i - 1] < 0 < r["curve"][i]


@pytest.mark.parametrize("dg", [-55.0, -30.0], ids=["forwards", "backwards"])
def test_run_is_nakmodels_seeded_run_and_the_page_rebuilds_its_counts(dg):
    """The run is sent as event times and states; the page's runCounts (ports/pump_cycle.js)
    rebuilds nakmodel's cumulative Na⁺ out, K⁺ in and ATP exactly, and they are 3:2:1 per cycle."""
    from .node import run_port

    app = CycleExplorer(dg_atp=dg)
    run = app.result["run"]
    ref, _rate, dur = cycle_run(12.0, 5.0, 3.0, -70.0, dg)
    assert run["states"] == "".join(str(s) for s in ref.state)
    t_ms = [float(x) for x in run["t_ms"].split(",")]
    assert t_ms == pytest.approx((ref.t_s * 1e3).tolist(), abs=1e-4)  # rounded to 0.1 µs
    assert run["duration_ms"] == dur * 1e3
    assert run["totals"] == [int(ref.na_out[-1]), int(ref.k_in[-1]), int(ref.atp_used[-1])]
    n = len(PUMP_STATES)
    st = ref.state.astype(int)
    assert np.all(np.isin((st[1:] - st[:-1]) % n, (1, n - 1)))  # every event: a neighbouring state
    (counts,) = run_port("pump_cycle", app.params()["pump"], [run["states"]], function="runCounts")
    assert counts["na_out"] == ref.na_out.tolist() and counts["k_in"] == ref.k_in.tolist()
    assert counts["atp_used"] == ref.atp_used.tolist()
    na, k, atp = ref.na_out, ref.k_in, ref.atp_used
    in_e1_pool = st <= 1
    assert np.all(na[in_e1_pool] == 3 * atp[in_e1_pool]) and np.all(k[in_e1_pool] == 2 * atp[in_e1_pool])
    assert np.sign(atp[-1]) == np.sign(-40.0 - dg) and run["mean_rate"] == pytest.approx(atp[-1] / dur)


def test_backwards_scenario_runs_backwards():
    app = CycleExplorer()
    app.apply_url_parameters("scenario=backwards")
    assert app.values["dg_atp"] == -30.0
    assert app.result["rate"] < 0 and app.result["run"]["totals"][2] < 0
    assert "scenario “backwards”" in app.notice


@pytest.mark.parametrize("name", list(CycleExplorer.scenarios))
def test_every_scenario_sets_its_values_and_changes_the_result(name):
    app = CycleExplorer()
    default = app.result
    applied = app.apply_url_parameters(f"scenario={name}")
    assert applied == CycleExplorer.scenarios[name]
    assert app.result["rate"] != default["rate"]
    assert CycleExplorer.scenario_notes[name] in app.notice


def test_widget_round_trip_and_refused_values():
    app = CycleExplorer()
    w = app.widget
    w.values = {**w.values, "na_in": 30.0}
    assert w.error == "" and w.result["rate"] == pytest.approx(pump_cycle_rate(30.0, 5.0, -70.0))
    before = w.result
    w.values = {**w.values, "atp": 50.0}
    assert "atp" in w.error and "between 0.02 and 10 mM" in w.error
    assert w.result == before
    with pytest.raises(ParameterError, match="v_mV"):
        CycleExplorer(v_mV=100.0)


def test_spec_has_every_pump_parameter_and_the_controls():
    spec = CycleExplorer().spec()
    assert [c["name"] for c in spec["controls"]] == ["na_in", "k_out", "atp", "v_mV", "dg_atp"]
    atp = spec["controls"][2]
    assert atp["log"] and (atp["min"], atp["max"], atp["default"]) == (0.02, 10.0, 3.0)
    pump = spec["params"]["pump"]
    assert pump["params"]["k1_fwd"] == 949.5 and pump["states"] == list(PUMP_STATES)
    assert spec["params"]["run"]["seed"] == 7


def test_update_is_fast_and_the_state_small():
    app = CycleExplorer()
    times = []
    for na in np.linspace(5.0, 40.0, 15):
        app.set_values(na_in=float(na))
        times.append(app.last_update_s)
    assert np.median(times) < 0.02
    assert len(json.dumps(app.result)) < 12_000  # a run of ~25 cycles and the 241-point curve
    app.set_values(dg_atp=-30.0)  # backwards: a slow net rate, 3 s of ~5000 events (~60 kB)
    assert len(json.dumps(app.result)) < 80_000


def test_static_placeholder_has_state_and_fallback(monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    app = CycleExplorer()
    bundle = app._repr_mimebundle_()
    html = bundle["text/html"]
    assert 'data-explorer="pump_cycle"' in html and "application/json" in html
    state = json.loads(html.split('class="nak-explorer-state">')[1].split("</script>")[0])
    assert state["values"] == app.values and state["result"]["rate"] == pytest.approx(app.result["rate"])
    assert 'alt="Diagram of the Na+/K+ pump cycle' in html and "data:image/png;base64," in html


def test_library_stays_free_of_plotting():
    import importlib

    src = importlib.util.find_spec("nakmodel.pump").origin
    assert "matplotlib" not in open(src).read()
