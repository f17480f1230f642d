"""The Python side of the spike explorer (SpikeLive): widget state, scenarios, spec, placeholder."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from nakmodel import ParameterError
from nakmodel.book import spike_grid as sg
from nakmodel.hh import FI_CURRENTS_UA_CM2, rate_table, simulate_hh, spike_ion_budget
from nakmodel.widgets.live import SpikeLive
from nakmodel.widgets.live.spike import MODEL_CHOICES, STIM_ONSET_MS, WINDOW_MS

MAMMALIAN = next(k for k, v in MODEL_CHOICES.items() if v == "mammalian")


def test_values_from_the_front_end_update_the_result():
    app = SpikeLive()
    w = app.widget
    w.values = {**w.values, "i_amp": 15.0, "pulse_ms": 20.0, "temperature_C": 10.0}
    r = simulate_hh(15.0, WINDOW_MS, onset_ms=STIM_ONSET_MS, pulse_ms=20.0, temperature_C=10.0, dt_ms=0.05)
    assert w.error == ""
    assert w.result["n_spikes"] == r.n_spikes
    np.testing.assert_allclose(w.result["spike_times_ms"], r.spike_times_ms, atol=0.01)
    assert w.result["na_entry_pmol_cm2"] == pytest.approx(r.na_entry_pmol_cm2, rel=1e-4)
    b = spike_ion_budget("squid", 10.0)
    assert w.result["budget"]["excess_ratio"] == pytest.approx(b.excess_ratio, rel=1e-12)


def test_refused_values_leave_the_last_result():
    app = SpikeLive()
    w = app.widget
    before = w.result["n_spikes"]
    w.values = {**w.values, "i_amp": 80.0}
    assert "i_amp" in w.error and "between 0 and 50 µA/cm²" in w.error
    assert w.result["n_spikes"] == before
    w.values = {**w.values, "i_amp": 10.0, "model": "frog"}
    assert "must be one of" in w.error


def test_mammalian_model_ignores_the_temperature_slider():
    app = SpikeLive(model=MAMMALIAN)
    a = app.result
    b = app.set_values(temperature_C=25.0)
    assert a["spike_times_ms"] == b["spike_times_ms"] and b["temperature_C"] == 37.0
    # the page greys the slider out by the same rule (frontend/spike.js `disabled`: the model's q10
    # in the spec): it acts for the squid only
    params = app.spec()["params"]
    acts = {label: params["models"][params["model_names"][label]]["q10"] > 0 for label in MODEL_CHOICES}
    assert acts == {next(iter(MODEL_CHOICES)): True, MAMMALIAN: False}
    assert SpikeLive().set_values(temperature_C=18.5)["temperature_C"] == 18.5  # the squid follows it


def test_spec_carries_the_rate_table_and_no_result_of_fi_runs_in_compute():
    spec = SpikeLive().spec()
    for model in ("squid", "mammalian"):
        table = spec["params"]["models"][model]
        assert table["gates"] == rate_table(model)["gates"]
        assert table["rest_brackets_mV"][1] == [-100.0, 60.0]
    assert [c["name"] for c in spec["controls"]] == ["i_amp", "pulse_ms", "temperature_C", "locked_pct"]
    assert spec["choices"][0]["options"] == list(MODEL_CHOICES)


def test_scenarios_do_what_their_notes_say():
    """Spike counts chosen with nakmodel: below threshold no spike, two spikes then silence, block."""
    app = SpikeLive()
    counts = {}
    for name in app.scenarios:
        app.apply_url_parameters(f"scenario={name}")
        counts[name] = app.result["n_spikes"]
        app.set_values(**{c.name: c.default for c in app.controls}, model=next(iter(MODEL_CHOICES)))
    assert counts["below-threshold"] == 0
    assert counts["two-spikes-then-silence"] == 2
    assert counts["sodium-channel-stuck"] == 1
    app.apply_url_parameters("scenario=two-spikes-then-silence")
    # the figure's operating point comes with the result (a link sets the result before the controls)
    assert app.result["i_amp"] == 6.0
    st = app.result["spike_times_ms"]
    assert st[-1] < STIM_ONSET_MS + app.values["pulse_ms"] - 10.0  # silence while the current is still on
    app.apply_url_parameters("scenario=below-threshold")
    assert max(app.result["v"]) < -50.0


def test_static_placeholder_is_valid_json_without_nan():
    html = SpikeLive(i_amp=0.0).static_html()  # no spike: Na+ per spike has no value
    state = json.loads(re.search(r'<script type="application/json" class="nak-explorer-state">(.*?)</script>',
                                 html).group(1))
    assert state["result"]["na_per_spike_pmol_cm2"] is None
    assert '<img src="data:image/png;base64,' in html and 'alt="Four panels' in html


def test_kernel_update_is_small_and_quick():
    app = SpikeLive()
    times = []
    for amp in np.arange(10.5, 20.5, 0.5):
        app.set_values(i_amp=float(amp))
        times.append(app.last_update_s)
    assert len(json.dumps(app.result)) < 80_000
    assert np.median(times) < 0.1  # generous on a shared machine; the benchmark measures the target


def test_bad_constructor_value_raises():
    with pytest.raises(ParameterError, match="locked_pct"):
        SpikeLive(locked_pct=150.0)


def write_fi_file(path, fingerprint, rates):
    """A made-up f–I file (every rate ``rates`` Hz) in the build-time format of nakmodel.book.spike_grid."""
    curves = {m: {"currents_uA_cm2": list(FI_CURRENTS_UA_CM2), "rates_hz": [rates] * len(FI_CURRENTS_UA_CM2)}
              for m in sg.FI_MODELS}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"fingerprint": fingerprint, "currents_uA_cm2": list(FI_CURRENTS_UA_CM2),
                                "curves": curves}))


def test_a_dashboard_kernel_reads_the_file_and_computes_no_fi_curve(tmp_path, monkeypatch):
    monkeypatch.setenv("NAKMODEL_CACHE_DIR", str(tmp_path))
    write_fi_file(sg.grid_path(), sg.fingerprint(), rates=7.0)
    sg.load_grid.cache_clear()

    def refuse(*a, **k):
        raise AssertionError("an f–I curve was computed at start")

    monkeypatch.setattr(sg, "fi_curve", refuse)
    try:
        app = SpikeLive()
        spec = app.spec()
        assert spec["params"]["fi"]["squid"]["rates_hz"] == [7.0] * len(FI_CURRENTS_UA_CM2)
        app.set_values(i_amp=12.0)
    finally:
        sg.load_grid.cache_clear()
