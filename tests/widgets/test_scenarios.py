"""Teacher links: URL parameters and named scenarios set an app's controls (App.apply_url_parameters)."""

import json
import re
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, quote

import ipywidgets as W
import pytest

from nakmodel import widgets
from nakmodel.widgets import App

from .probe_app import ProbeApp


@pytest.fixture(autouse=True)
def _unfreeze_gc():
    """Apps built "in Voilà" freeze the garbage collector; undo it after each test."""
    import gc

    yield
    gc.unfreeze()


class ScenarioExplorer(ProbeApp):
    scenarios: ClassVar[dict] = {"hyperkalaemia": {"k_out": 10.0},
                                 "cold": {"temperature_C": 20.0, "k_out": 8.0}}


def test_control_parameters_apply(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "k_out=10&temperature_C=20&voila-template=lab")
    app = ProbeApp()
    assert app.values["k_out"] == 10.0 and app.values["temperature_C"] == 20.0
    assert app.values["na_in"] == 12.0  # untouched controls keep their defaults
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
    assert app.values["k_out"] == 5.0 and app.values["na_in"] == 12.0  # bad ones not applied
    assert app.values["cl_in"] == 20.0  # the good one is


def test_html_in_parameters_is_escaped(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "scenario=%3Cscript%3Ex%3C/script%3E&k_out=%3Cb%3E")
    app = ScenarioExplorer()
    assert "<script>" not in app.message.value and "<b>" not in app.message.value


@pytest.mark.parametrize("mode", ["static"])
def test_static_mode_ignores_links(monkeypatch, mode):
    monkeypatch.setenv("NAKMODEL_DISPLAY", mode)
    monkeypatch.setenv("QUERY_STRING", "k_out=10")
    assert ProbeApp().values["k_out"] == 5.0


def test_no_query_outside_voila(monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    app = ProbeApp()
    assert app.message.value == "" and app.values["k_out"] == 5.0


def test_preheated_kernel_never_waits_for_its_request(monkeypatch):
    """A preheated kernel builds its app at once (no query in its environment, nothing that waits)
    and the page's report of its address applies the link, once."""
    import voila.utils

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", "k_out=99")  # not this page's: a preheated kernel ignores its env
    monkeypatch.setattr(voila.utils, "get_query_string",
                        lambda url=None: pytest.fail("waited for the request"))
    monkeypatch.setattr(voila.utils, "wait_for_request",
                        lambda url=None: pytest.fail("waited for the request"))
    app = ProbeApp()
    assert app.values["k_out"] == 5.0 and app.message.value == ""
    reader = app.links.reader
    assert reader is not None and reader in app.widget.children  # shown, so the page renders it
    reader.search = "?scenario=hyperkalaemia&na_in=30"  # what the front end sends after the page loaded
    assert app.values["k_out"] == 10.0 and app.values["na_in"] == 30.0
    assert "scenario “hyperkalaemia”" in app.message.value
    reader.search = "?k_out=7"  # a second report (a page cannot change its address) is ignored
    assert app.values["k_out"] == 10.0


def test_a_late_echo_of_the_first_drawing_does_not_undo_the_link(monkeypatch):
    """A slider view may send back its value before the link (rounded to its step grid) after the
    link was applied: the kernel keeps the link's value; a real move later is obeyed."""
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    app = ProbeApp()
    app.links.reader.search = "?scenario=hyperkalaemia&temperature_C=20"
    n = app.n_updates
    app.sliders["temperature_C"].value = 37.00000000000001  # the echo, as Chromium sent it
    assert app.values["temperature_C"] == 20.0 and app.n_updates == n
    app.sliders["k_out"].value = 5.000000000000001  # the other linked slider's echo
    assert app.values["k_out"] == 10.0
    app.sliders["temperature_C"].value = 37.0  # the student moves it back to 37 °C on purpose
    assert app.values["temperature_C"] == 37.0 and app.n_updates == n + 1


def test_kernel_started_for_the_page_applies_its_query_at_once(monkeypatch):
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    monkeypatch.setenv("QUERY_STRING", "k_out=7")
    app = ProbeApp()
    assert app.values["k_out"] == 7.0
    app.links.reader.search = "?k_out=7"  # the page's own report then changes nothing
    assert app.values["k_out"] == 7.0 and app.n_updates == 3  # first draw, warm-up, the link


def test_a_huge_report_is_ignored(monkeypatch):
    from nakmodel.widgets.links import MAX_QUERY_CHARS

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    app = ProbeApp()
    app.links.reader.search = "?k_out=10&" + "x" * MAX_QUERY_CHARS
    assert app.values["k_out"] == 5.0


def test_no_reader_outside_voila_or_in_the_static_book(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("VOILA_SERVER_URL", raising=False)
    assert ProbeApp().links.reader is None
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    app = ProbeApp()
    assert app.links.reader is None
    assert not any(type(w).__module__.startswith("anywidget") or hasattr(w, "_esm")
                   for w in app.widget.children)


def test_app_code_does_not_wait_for_voila():
    """No module of the apps calls Voila's blocking request helpers."""
    src = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "nakmodel" / "widgets").rglob("*.py"))
    assert "get_query_string" not in src and "wait_for_request" not in src


def test_link_notice_stays_until_reset(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "k_out=10")
    app = ProbeApp()
    app.sliders["na_in"].value = 20.0
    assert "from the link" in app.message.value
    app.reset()
    assert app.message.value == "" and app.values["k_out"] == 5.0


# ----------------------------------------------------------------------------------------------
# The scenarios every chapter app ships with (teacher links ``?scenario=<name>``)
# ----------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
APPS = [getattr(widgets, n) for n in widgets.__all__]
APPS = [a for a in APPS if isinstance(a, type) and issubclass(a, App) and a is not App]
CASES = [(cls, name) for cls in APPS for name in cls.scenarios]
_NAME = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")


def _chapter_apps():
    """{chapter stem: [app class names]} from the chapters' ``from nakmodel.widgets import X`` cells."""
    out = {}
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        src = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        names = [n.strip() for m in re.findall(r"from nakmodel\.widgets import ([\w, ]+)", src)
                 for n in m.split(",")]
        if names:
            out[nb.stem] = names
    return out


CHAPTER_APPS = _chapter_apps()
_APPS_CACHE = {}


def _app(cls):
    """One live app per class for the whole module (reset before each scenario)."""
    if cls not in _APPS_CACHE:
        _APPS_CACHE[cls] = cls()
    return _APPS_CACHE[cls]


def _option_values(widget):
    """The values a choice widget accepts, from its ``options`` (independent of the app's helper)."""
    if isinstance(widget, (W.Checkbox, W.ToggleButton)):
        return [False, True]
    return [o[1] if isinstance(o, tuple) and len(o) == 2 and isinstance(o[0], str) else o
            for o in widget.options]


def _alt(view_html):
    return re.search(r'alt="([^"]*)"', view_html).group(1)


def test_every_app_has_two_to_four_scenarios_with_notes():
    for cls in APPS:
        assert 2 <= len(cls.scenarios) <= 4, cls.__name__
        assert set(cls.scenario_notes) == set(cls.scenarios), cls.__name__
        for name, note in cls.scenario_notes.items():
            assert isinstance(note, str) and 20 <= len(note) <= 160 and "\n" not in note, (cls.__name__, name)


@pytest.mark.parametrize("cls,name", CASES, ids=lambda x: getattr(x, "__name__", x))
def test_scenario_name_is_url_safe(cls, name):
    assert _NAME.match(name), name
    assert quote(name, safe="") == name
    assert parse_qs(f"scenario={name}") == {"scenario": [name]}


@pytest.mark.parametrize("cls,name", CASES, ids=lambda x: getattr(x, "__name__", x))
def test_scenario_values_are_inside_the_control_ranges(cls, name):
    specs = {c.name: c for c in cls.controls}
    app = _app(cls)
    assert cls.scenarios[name], "a scenario sets something"
    for key, value in cls.scenarios[name].items():
        if key in specs:
            c = specs[key]
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (key, value)
            assert c.minimum <= value <= c.maximum, (
                f"{name}: {key}={value} outside [{c.minimum}, {c.maximum}] {c.unit}"
            )
        else:
            widget = getattr(app, key, None)
            assert isinstance(widget, W.ValueWidget), f"{name}: {key} is neither a control nor a selector"
            assert value in _option_values(widget), f"{name}: {key}={value!r} is not an option"


@pytest.mark.parametrize("cls,name", CASES, ids=lambda x: getattr(x, "__name__", x))
def test_applying_a_scenario_sets_exactly_its_values(cls, name):
    app = _app(cls)
    app.reset()
    default_values = dict(app.values)
    default_view, default_readout = app.view.widget.value, app.readout.value
    scenario = cls.scenarios[name]
    selectors = {k: getattr(app, k) for k in scenario if k not in app.sliders}
    selector_defaults = {k: w.value for k, w in selectors.items()}

    applied = app.apply_url_parameters(f"scenario={name}")

    assert applied == scenario
    for key, value in app.values.items():
        assert value == pytest.approx(scenario.get(key, default_values[key]), rel=1e-12), key
    for key, widget in selectors.items():
        assert widget.value == scenario[key], key
    assert "role='alert'" not in app.message.value and 'role="alert"' not in app.message.value
    assert f"scenario “{name}”" in app.message.value
    # the scenario shows something: the figure changes, and the readout or the alt text says so
    assert app.view.widget.value != default_view
    assert app.readout.value != default_readout or _alt(app.view.widget.value) != _alt(default_view)

    app.reset()  # Reset also restores the selectors a scenario changed
    assert app.values == default_values
    assert {k: w.value for k, w in selectors.items()} == selector_defaults
    assert app.message.value == ""


def _page_classes():
    """Every class a chapter page shows, by name: the PNG apps and the live explorers
    (``nakmodel.widgets.live``), which take their PNG twin's controls and scenario tables."""
    return {n: getattr(widgets, n) for names in CHAPTER_APPS.values() for n in names}


def test_scenario_names_are_unique_on_each_chapter_page():
    by_name = _page_classes()
    for chapter, names in CHAPTER_APPS.items():
        seen = {}
        for n in names:
            for s in by_name[n].scenarios:
                assert s not in seen, f"{chapter}: scenario {s} in both {seen.get(s)} and {n}"
                seen[s] = n


def test_every_app_is_on_a_chapter_page():
    """Each PNG app is on a page itself or through the live explorer that replaced it there."""
    shown = _page_classes().values()
    missing = [a.__name__ for a in APPS
               if not any(c is a or getattr(c, "controls", None) is a.controls for c in shown)]
    assert not missing, f"apps on no chapter page: {missing}"


def test_a_bad_scenario_setting_is_reported_not_raised():
    class Broken(ProbeApp):
        scenarios: ClassVar[dict] = {"oops": {"k_out": 10.0, "nonexistent": 1.0}}

    app = Broken()
    applied = app.apply_url_parameters("scenario=oops")
    assert applied == {"k_out": 10.0}
    assert "nonexistent" in app.message.value and "alert" in app.message.value


def test_classroom_doc_lists_every_scenario_with_its_link():
    doc = (ROOT / "docs" / "classroom.md").read_text(encoding="utf-8")
    by_name = _page_classes()
    for chapter, names in CHAPTER_APPS.items():
        for n in names:
            for s in by_name[n].scenarios:
                link = f"voila/render/chapters/{chapter}.ipynb?scenario={s}"
                assert link in doc, f"docs/classroom.md does not list {link} ({n})"
