"""The Python side of the live explorers: widget state, refused input, static placeholder."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from nakmodel import ParameterError
from nakmodel.widgets.live import (
    EnergyLive,
    GHKLive,
    NernstLive,
    OuabainDoseLive,
    PumpBlockLive,
    PumpLeakLive,
    SpikeLive,
    StoichiometryLive,
)

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


@pytest.mark.parametrize("cls", [NernstLive, GHKLive, EnergyLive, SpikeLive, PumpLeakLive, StoichiometryLive,
                                 OuabainDoseLive, PumpBlockLive])
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


# ----------------------------------------------------------------------------------------------
# Ported from the retired PNG apps' tests (NernstExplorer, GHKExplorer, EnergyCalculator)
# ----------------------------------------------------------------------------------------------
LIVE = [NernstLive, GHKLive, EnergyLive, OuabainDoseLive, PumpBlockLive]


# controls the front end applies to the drawing alone (the result stays the same)
VIEW_ONLY = {("pump_block", "duration_min")}  # the time axis is cut in the page; the run is the whole run


def _numbers(result):
    """Every number in a result (nested dicts and lists)."""
    if isinstance(result, dict):
        return [x for v in result.values() for x in _numbers(v)]
    if isinstance(result, (list, tuple)):
        return [x for v in result for x in _numbers(v)]
    return [result] if isinstance(result, (int, float)) and not isinstance(result, bool) else []


@pytest.mark.parametrize("cls", LIVE, ids=lambda c: c.name)
def test_every_control_at_min_and_max_gives_a_finite_changed_result(cls):
    """The fuzz of the PNG apps, for the Python engine: each control alone at its minimum and
    maximum (and each menu option) gives finite numbers that differ from the defaults'."""
    app = cls()
    default = app.result
    for c in app.controls:
        for v in (c.minimum, c.maximum):
            if math.isclose(v, c.default):
                continue
            app = cls()
            result = app.set_values(**{c.name: v})
            assert all(math.isfinite(x) for x in _numbers(result)), (c.name, v)
            if (cls.name, c.name) not in VIEW_ONLY:
                assert result != default, (c.name, v)
    for m in app.choices:
        for option in m.options[1:]:
            result = cls().set_values(**{m.name: option})
            assert all(math.isfinite(x) for x in _numbers(result)) and result != default, (m.name, option)


@pytest.mark.parametrize("cls", LIVE, ids=lambda c: c.name)
def test_unknown_control_is_refused(cls):
    with pytest.raises(ParameterError, match="is not a control"):
        cls().set_values(na_inside=3)


def test_ghk_vm_equals_the_closed_form():
    """Vm from the GHK formula evaluated by hand (CODATA 2018 R and F, 37 °C)."""
    app = GHKLive()
    r = app.set_values(pna_pk=0.1, pcl_pk=0.5, k_out=8.0, na_in=20.0)
    num = 8.0 + 0.1 * 145.0 + 0.5 * app.values["cl_in"]
    den = 140.0 + 0.1 * 20.0 + 0.5 * 110.0
    rt_f = R * (37.0 + T0) / F * 1e3
    assert r["vm"] == pytest.approx(rt_f * math.log(num / den), abs=1e-9)
    assert r["E"]["K"] == pytest.approx(nernst_mV(1, 8.0, 140.0, 37.0), abs=1e-9)
    assert np.all(np.diff(r["sweep"]["vm"]) > 0)  # rises towards E_Na


@pytest.mark.parametrize("cls", LIVE, ids=lambda c: c.name)
def test_log_control_defaults_lie_on_the_slider_grid(cls):
    """The browser's range input steps min + k·step (log10): the default must be one of those steps."""
    for c in cls.controls:
        if c.log:
            k = (math.log10(c.default) - math.log10(c.minimum)) / c.step
            assert abs(k - round(k)) < 1e-6, c.name


# ----------------------------------------------------------------------------------------------
# The ouabain chapter (ported from the retired OuabainDoseResponse / PumpBlockTimeCourse tests)
# ----------------------------------------------------------------------------------------------
def test_dose_response_follows_the_one_site_formula():
    """1/(1 + c/K_d) with the literature K_d values (Erdmann 1975, O'Brien 1994), by hand."""
    r = OuabainDoseLive().set_values(conc_uM=0.1)
    for iso, kd in {"human_alpha1": 2.8e-3, "rodent_alpha3": 1.6e-3, "rodent_alpha1": 48.0}.items():
        assert r["fraction"][iso] == pytest.approx(1.0 / (1.0 + 0.1 / kd), rel=1e-12)
    curve = OuabainDoseLive().params()["curve"]
    i = min(range(len(curve["conc_uM"])), key=lambda j: abs(math.log(curve["conc_uM"][j] / 48.0)))
    assert curve["rodent_alpha1"][i] == pytest.approx(1 / (1 + curve["conc_uM"][i] / 48.0), rel=1e-12)


def test_every_isoform_has_a_label_and_a_style():
    from nakmodel.drugs import OUABAIN_ISOFORMS
    from nakmodel.widgets.live.ouabain import ISOFORM_LABELS

    assert set(ISOFORM_LABELS) == set(OUABAIN_ISOFORMS)
    styles = OuabainDoseLive().params()["styles"]
    assert set(styles) == set(OUABAIN_ISOFORMS) and len({s["color"] for s in styles.values()}) == 3
    assert len({tuple(s["dash"]) for s in styles.values()}) == 3  # colour is not the only cue


def test_time_course_snaps_to_the_grid_and_says_which_run():
    app = PumpBlockLive()
    r = app.set_values(conc_uM=0.4, diameter_um=13.0, restart_min=70.0)
    assert (r["conc_uM"], r["diameter_um"], r["restart_min"]) == (1.0, 10.0, 60.0)  # nearest (log for c, d)
    r = app.set_values(restart_min=110.0)
    assert r["restart_min"] is None  # 120 min: never within the window
    assert r["fail_min"] is not None and 10 < r["fail_min"] < 60  # 1 µM on human α1: silent within the hour


def test_time_course_run_is_the_model_run():
    """What the explorer sends is nakmodel.pump_block.scenario for the snapped settings."""
    from nakmodel.pump_block import scenario

    r = PumpBlockLive().set_values(diameter_um=10.0, duration_min=60.0)
    run = scenario("ouabain", "human_alpha1", 1.0, 10.0, None)
    np.testing.assert_allclose(r["v_mV"], run["v_mV"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(r["e_k_mV"], [nernst_mV(1, 5.0, k, 37.0) for k in run["k_in"]], atol=1e-6)


def test_time_course_scenario_and_explicit_control_combine():
    app = PumpBlockLive()
    applied = app.apply_url_parameters("scenario=anoxia-reoxygenation&diameter_um=10")
    assert applied == {"cause": "anoxia (ATP falls)", "restart_min": 60.0, "diameter_um": 10.0}
    assert app.result["restart_min"] == 60.0 and "atp_mM" in app.result
    assert app.result["recover_min"] is not None  # oxygen back at 60 min: the neuron fires again


def test_other_explorer_on_the_page_ignores_a_sibling_scenario():
    """A chapter link reaches every app of the page: the one that does not define it stays quiet."""
    app = OuabainDoseLive()
    before = dict(app.values)
    assert "anoxia-reoxygenation" in PumpBlockLive.scenarios
    assert app.apply_url_parameters("scenario=anoxia-reoxygenation") == {}
    assert app.values == before and "unknown scenario" in app.notice


def test_time_course_kernel_update_is_fast_and_the_grid_is_only_in_the_static_page():
    """Live: a move is a grid look-up (p95 well under 20 ms, here a loose 50 ms bound against a
    shared machine) and the widget's spec carries no grid; static: the page carries every run."""
    app = PumpBlockLive()
    w = app.widget
    assert "runs" not in w.spec["params"]
    times = []
    for d in (5.0, 10.0, 20.0, 40.0) * 5:
        w.values = {**w.values, "diameter_um": d}
        times.append(app.last_update_s)
    assert w.error == "" and np.percentile(times, 95) < 0.05
    html = app.static_html()
    state = json.loads(re.search(r'class="nak-explorer-state">(.*?)</script>', html).group(1))
    runs = state["spec"]["params"]["runs"]
    assert len(runs["ouabain"]) == 3 and len(runs["anoxia"]) == 4
    assert 'alt="Four panels over 120 minutes' in html
