"""Teacher links: URL parameters and named scenarios set an app's controls (App.apply_url_parameters)."""

import pytest

from nakmodel.widgets import NernstExplorer
from nakmodel.widgets import _base


class ScenarioExplorer(NernstExplorer):
    scenarios = {"hyperkalaemia": {"k_out": 10.0}, "cold": {"temperature_C": 20.0, "k_out": 8.0}}


def test_control_parameters_apply(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "k_out=10&temperature_C=20&voila-template=lab")
    app = NernstExplorer()
    assert app.values["k_out"] == 10.0 and app.values["temperature_C"] == 20.0
    assert app.values["na_in"] == 15.0  # untouched controls keep their defaults
    assert "from the link" in app.message.value


def test_named_scenario_then_explicit_override(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "scenario=cold&k_out=12")
    app = ScenarioExplorer()
    assert app.values["temperature_C"] == 20.0 and app.values["k_out"] == 12.0
    assert "scenario “cold”" in app.message.value


def test_bad_values_are_reported_not_raised(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "scenario=nope&k_out=abc&na_in=9999&temperature_C=nan&cl_in=20")
    app = ScenarioExplorer()
    msg = app.message.value
    assert "unknown scenario “nope”" in msg and "hyperkalaemia" in msg
    assert "k_out=abc" in msg and "na_in=9999" in msg and "temperature_C=nan" in msg
    assert app.values["k_out"] == 5.0 and app.values["na_in"] == 15.0  # bad ones not applied
    assert app.values["cl_in"] == 20.0  # the good one is


def test_html_in_parameters_is_escaped(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "scenario=%3Cscript%3Ex%3C/script%3E&k_out=%3Cb%3E")
    app = ScenarioExplorer()
    assert "<script>" not in app.message.value and "<b>" not in app.message.value


@pytest.mark.parametrize("mode", ["static"])
def test_static_mode_ignores_links(monkeypatch, mode):
    monkeypatch.setenv("NAKMODEL_DISPLAY", mode)
    monkeypatch.setenv("QUERY_STRING", "k_out=10")
    assert NernstExplorer().values["k_out"] == 5.0


def test_no_query_outside_voila(monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    app = NernstExplorer()
    assert app.message.value == "" and app.values["k_out"] == 5.0


def test_preheated_kernel_asks_voila_once(monkeypatch):
    """A preheated kernel gets the query from voila.utils.get_query_string, once per kernel."""
    import voila.utils

    calls = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setattr(voila.utils, "get_query_string", lambda url=None: calls.append(1) or "k_out=7")
    monkeypatch.setattr(_base, "_PREHEAT_QUERY", [])
    assert NernstExplorer().values["k_out"] == 7.0
    assert NernstExplorer().values["k_out"] == 7.0
    assert len(calls) == 1


def test_link_notice_stays_until_reset(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "k_out=10")
    app = NernstExplorer()
    app.sliders["na_in"].value = 20.0
    assert "from the link" in app.message.value
    app.reset()
    assert app.message.value == "" and app.values["k_out"] == 5.0
