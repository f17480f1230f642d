"""The Python side of the live explorers: widget state, refused input, static placeholder."""

from __future__ import annotations

import json
import math
import re

import pytest

from nakmodel import ParameterError
from nakmodel.widgets.live import EnergyLive, GHKLive, NernstLive, PumpLeakLive, SpikeLive, StoichiometryLive

R, F, T0 = 8.314462618, 96485.33212, 273.15  # CODATA 2018, independent of nakmodel.constants


def nernst_mV(z, co, ci, t):
    return R * (t + T0) / (z * F) * 1e3 * math.log(co / ci)


def test_values_from_the_front_end_update_the_result():
    app = NernstLive()
    w = app.widget
    w.values = {**w.values, "k_out": 10.0, "temperature_C": 20.0}
    assert w.result["E"]["K"] == pytest.approx(nernst_mV(1, 10, 140, 20), abs=1e-9)
    v = app.values
    assert w.result["E"]["Cl"] == pytest.approx(nernst_mV(-1, v["cl_out"], v["cl_in"], 20), abs=1e-9)
    assert w.error == ""
    assert app.last_update_s < 0.05


def test_refused_values_leave_the_last_result_and_say_why():
    app = NernstLive()
    w = app.widget
    before = dict(w.result["E"])
    w.values = {**w.values, "na_in": 900.0}
    assert "na_in" in w.error and "between 1 and 500 mM" in w.error
    assert w.result["E"] == before
    w.values = {**w.values, "na_in": 30.0}
    assert w.error == "" and w.result["E"]["Na"] == pytest.approx(nernst_mV(1, 145, 30, 37), abs=1e-9)


def test_bad_constructor_value_raises():
    with pytest.raises(ParameterError, match="temperature_C"):
        NernstLive(temperature_C=80.0)


def test_spec_comes_from_python():
    spec = NernstLive().spec()
    names = [c["name"] for c in spec["controls"]]
    assert names == ["na_out", "na_in", "k_out", "k_in", "cl_out", "cl_in", "temperature_C"]
    k_out = spec["controls"][2]
    assert (k_out["label"], k_out["unit"], k_out["default"], k_out["min"], k_out["max"]) == \
        ("[K⁺] outside", "mM", 5.0, 1.0, 500.0)
    assert spec["style"]["ions"]["K"] == {"color": "#0072B2", "dash": [7, 4], "label": "K⁺"}


def test_url_parameters_apply_good_values_and_report_bad_ones():
    app = NernstLive()
    default_na_in = app.values["na_in"]
    applied = app.apply_url_parameters("k_out=10&na_in=abc&other=3")
    assert applied == {"k_out": 10.0}
    assert app.values["na_in"] == default_na_in
    assert "from the link" in app.notice and "na_in=abc" in app.notice


def test_static_placeholder_has_state_and_fallback_without_snapshot_note():
    html = NernstLive().static_html()
    assert 'class="nak-explorer" data-explorer="nernst"' in html
    state = json.loads(re.search(r'<script type="application/json" class="nak-explorer-state">(.*?)</script>',
                                 html).group(1))
    assert set(state) == {"spec", "values", "result"}
    assert state["result"]["E"]["K"] == pytest.approx(nernst_mV(1, 5, 140, 37), abs=1e-9)
    assert '<img src="data:image/png;base64,' in html and 'alt="Bar chart' in html
    assert "snapshot" not in html and "do nothing" not in html


def test_static_mode_shows_the_placeholder_not_a_widget(monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    bundle = NernstLive()._repr_mimebundle_()
    assert "nak-explorer" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" not in bundle


def test_live_mode_shows_the_widget(monkeypatch):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    bundle = NernstLive()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle  # ipywidgets returns (data, metadata)
    assert "application/vnd.jupyter.widget-view+json" in data


def test_menus_are_checked_and_change_the_result():
    app = EnergyLive()
    w = app.widget
    squid = app.choices[0].options[1]
    before = w.result["atp_per_spike"]
    w.values = {**w.values, "spike_model": squid}
    assert w.error == "" and w.result["atp_per_spike"] > 5 * before  # squid spikes cost ~10x (chapter claim)
    w.values = {**w.values, "spike_model": "frog"}
    assert "spike_model" in w.error and "must be one of" in w.error
    assert [c["name"] for c in app.spec()["choices"]] == ["spike_model", "budget_source"]


@pytest.mark.parametrize("cls", [NernstLive, GHKLive, EnergyLive, SpikeLive, PumpLeakLive, StoichiometryLive])
def test_teacher_scenarios_reach_the_live_explorers(cls):
    """``?scenario=`` links (docs/classroom.md) open a live explorer at the scenario's settings."""
    for name, settings in cls.scenarios.items():
        app = cls()
        applied = app.apply_url_parameters(f"scenario={name}")
        assert applied == settings and all(app.values[k] == v for k, v in settings.items())
        assert f"scenario “{name}”" in app.notice
    app = cls()
    assert app.apply_url_parameters("scenario=no-such-thing") == {}
    assert "unknown scenario" in app.notice


def test_a_preheated_kernel_learns_the_link_from_the_page():
    """In a pooled kernel the page reports ``location.search`` after it loads (links.LocationReport)."""
    app = NernstLive()
    app.widget  # noqa: B018 - the widget exists before the page reports
    app._on_location({"new": "?k_out=10&temperature_C=20"})
    assert app.widget.values["k_out"] == 10.0 and app.widget.values["temperature_C"] == 20.0
    assert "from the link" in app.widget.notice
    app._on_location({"new": "?k_out=20"})  # once per page
    assert app.values["k_out"] == 10.0
