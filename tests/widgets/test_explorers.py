"""Every explorer the chapters show (``from nakmodel.widgets import X``): exported, builds in both
display modes, refuses bad values with a message naming the control, survives a model fault, and
its teacher scenarios (``?scenario=<name>``, listed in docs/classroom.md) do what they say.

These are the checks every explorer must pass whatever it computes; each explorer's own numbers
are tested against closed forms and `nakmodel` in ``tests/frontend``.
"""

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, quote

import pytest

from nakmodel import widgets
from nakmodel.widgets.live._explorer import LiveExplorer

ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")


def _chapter_apps():
    """{chapter stem: [class names]} from the chapters' ``from nakmodel.widgets import X`` cells."""
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
SHOWN = sorted({n for names in CHAPTER_APPS.values() for n in names})
EXPLORERS = [getattr(widgets, n) for n in SHOWN]
CASES = [(cls, name) for cls in EXPLORERS for name in cls.scenarios]


def test_every_chapter_explorer_is_exported_and_is_a_live_explorer():
    assert len(CHAPTER_APPS) == 8 and len(SHOWN) >= 12, CHAPTER_APPS
    assert set(SHOWN) <= set(widgets.__all__), sorted(set(SHOWN) - set(widgets.__all__))
    for cls in EXPLORERS:  # no PNG app is left: every figure is drawn by the browser
        assert issubclass(cls, LiveExplorer), cls


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("mode", ["static", "live"])
def test_builds_in_both_modes(monkeypatch, mode, cls):
    monkeypatch.setenv("NAKMODEL_DISPLAY", mode)
    app = cls()
    assert app.mode == mode
    bundle = app._repr_mimebundle_()
    if mode == "static":  # a placeholder with the JSON state and the PNG fallback with alt text
        html = bundle["text/html"]
        assert 'class="nak-explorer"' in html and f'data-explorer="{app.name}"' in html
        assert '<img src="data:image/png;base64,' in html and 'alt="' in html
    else:
        assert app.widget.error == "" and app.widget.result == app.synced_result()


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_a_refused_value_names_the_control_and_keeps_the_last_result(monkeypatch, cls):
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    app = cls()
    w = app.widget
    c = app.controls[0]
    before = dict(w.result)
    w.values = {**w.values, c.name: c.maximum * 10 + 1}
    assert c.name in w.error and "must be between" in w.error, w.error
    assert w.result == before


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_every_control_move_sends_a_new_result_naming_its_values(monkeypatch, cls):
    """In Voilà the page redraws when ``result`` changes, and the widget sends nothing for an
    unchanged one: a control that changes only what is shown (the run-down's firing rate in its
    text, the ouabain time window) must still bring a new result, and the result names the
    values the page draws it with."""
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    app = cls()
    w = app.widget
    assert w.result["values"] == w.values
    for c in app.controls:
        before = json.dumps(w.result, sort_keys=True)
        lo, hi = c.minimum, c.maximum
        new = hi if abs(w.values[c.name] - hi) > abs(w.values[c.name] - lo) else lo
        w.values = {**w.values, c.name: new}
        assert w.error == "", (c.name, w.error)
        assert json.dumps(w.result, sort_keys=True) != before, c.name
        assert w.result["values"] == w.values, c.name
    for m in app.choices:
        other = next(o for o in m.options if o != w.values[m.name])
        w.values = {**w.values, m.name: other}
        assert w.result["values"][m.name] == other, m.name


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_a_model_fault_gives_a_message_and_the_explorer_goes_on(monkeypatch, cls):
    """A bug or solver failure inside compute() must not leave the page without an answer."""
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    app = cls()
    w = app.widget
    c = app.controls[0]
    good = dict(app.values)
    real = type(app).compute

    def broken(self, values):
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(type(app), "compute", broken)
    w.values = {**good, c.name: c.minimum}
    assert "could not be computed" in w.error
    monkeypatch.setattr(type(app), "compute", real)
    w.values = {**good, c.name: c.maximum}
    assert w.error == "" and app.values[c.name] == c.maximum


def test_every_explorer_has_two_to_five_scenarios_with_notes():
    for cls in EXPLORERS:
        assert 2 <= len(cls.scenarios) <= 5, cls.__name__
        assert set(cls.scenario_notes) == set(cls.scenarios), cls.__name__
        for name, note in cls.scenario_notes.items():
            assert isinstance(note, str) and 20 <= len(note) <= 160 and "\n" not in note, (cls.__name__, name)


@pytest.mark.parametrize("cls,name", CASES, ids=lambda x: getattr(x, "__name__", x))
def test_scenario_is_url_safe_in_range_and_changes_what_the_reader_sees(monkeypatch, cls, name):
    assert _NAME.match(name) and quote(name, safe="") == name
    assert parse_qs(f"scenario={name}") == {"scenario": [name]}
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    settings = cls.scenarios[name]
    assert settings, "a scenario sets something"
    controls = {c.name: c for c in cls.controls}
    menus = {c.name: c for c in cls.choices}
    for key, value in settings.items():
        if key in controls:
            c = controls[key]
            assert c.minimum <= value <= c.maximum, f"{name}: {key}={value} not in [{c.minimum}, {c.maximum}]"
        else:
            assert key in menus and value in menus[key].options, f"{name}: {key}={value!r}"
    fresh = cls()
    app = cls()
    applied = app.apply_url_parameters(f"scenario={name}")
    assert applied == settings
    assert all(app.values[k] == v for k, v in settings.items())
    assert all(app.values[k] == fresh.values[k] for k in fresh.values if k not in settings)
    assert f"scenario “{name}”" in app.notice and "not used" not in app.notice
    # it moves something away from the defaults (the figure follows values and result; a window
    # control such as the ouabain explorer's "time shown" changes only what is drawn of the same run)
    assert any(fresh.values[k] != v for k, v in settings.items()), "the scenario is the default state"


def test_scenario_names_are_unique_on_each_chapter_page():
    for chapter, names in CHAPTER_APPS.items():
        seen = {}
        for n in names:
            for s in getattr(widgets, n).scenarios:
                assert s not in seen, f"{chapter}: scenario {s} in both {seen.get(s)} and {n}"
                seen[s] = n


def test_classroom_doc_lists_every_scenario_with_its_link():
    doc = (ROOT / "docs" / "classroom.md").read_text(encoding="utf-8")
    for chapter, names in CHAPTER_APPS.items():
        for n in names:
            for s in getattr(widgets, n).scenarios:
                link = f"voila/render/chapters/{chapter}.ipynb?scenario={s}"
                assert link in doc, f"docs/classroom.md does not list {link} ({n})"
