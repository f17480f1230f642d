"""Every app exported by nakmodel.widgets builds in both display modes.

Static mode (book build) adds the snapshot note; live mode (Jupyter/Voilà)
does not. Both show a figure with alt text and no error message.
"""

import pytest

from nakmodel import widgets
from nakmodel.widgets import App
from nakmodel.widgets._base import display_mode

APPS = [getattr(widgets, n) for n in widgets.__all__]
APPS = [a for a in APPS if isinstance(a, type) and issubclass(a, App) and a is not App]


def test_every_chapter_app_is_exported():
    """Every class a chapter imports from nakmodel.widgets (PNG app or live explorer) is exported."""
    import json
    import re
    from pathlib import Path

    chapters = Path(__file__).resolve().parents[2] / "chapters"
    names = set()
    for nb in chapters.glob("*.ipynb"):
        src = "\n".join("".join(c["source"]) for c in json.loads(nb.read_text(encoding="utf-8"))["cells"])
        names |= {n.strip() for m in re.findall(r"from nakmodel\.widgets import ([\w, ]+)", src)
                  for n in m.split(",")}
    assert len(names) >= 8
    assert names <= set(widgets.__all__), sorted(names - set(widgets.__all__))


@pytest.mark.parametrize("cls", APPS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("mode", ["static", "live"])
def test_constructs_in_both_modes(monkeypatch, mode, cls):
    monkeypatch.setenv("NAKMODEL_DISPLAY", mode)
    assert display_mode() == mode
    app = cls()
    assert app.mode == mode
    assert app.message.value == ""
    assert "<img" in app.view.widget.value and 'alt="' in app.view.widget.value
    note = "snapshot" in str([getattr(c, "value", "") for c in app.widget.children])
    assert note == (mode == "static")


def test_apps_freeze_the_garbage_collector_only_in_voila(monkeypatch):
    import gc

    from .probe_app import ProbeApp

    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    monkeypatch.delenv("VOILA_SERVER_URL", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    gc.unfreeze()
    ProbeApp()
    assert gc.get_freeze_count() == 0
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    try:
        ProbeApp()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


def _choice_widgets(widgets):
    import ipywidgets as W

    out = []
    for w in widgets:
        if isinstance(w, (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.Select, W.Checkbox, W.ToggleButton)):
            out.append(w)
        elif isinstance(w, W.Box):
            out += _choice_widgets(w.children)
    return out


@pytest.mark.parametrize("cls", APPS, ids=lambda c: c.__name__)
def test_reset_restores_menus_buttons_and_sliders(cls, monkeypatch):
    """Change every menu/toggle/check box and every slider, press Reset: the app shows
    what a freshly built app shows."""
    monkeypatch.setenv("NAKMODEL_DISPLAY", "live")
    fresh, app = cls(), cls()
    for w in _choice_widgets(app.extra_controls()):
        options = [o[1] if isinstance(o, tuple) else o for o in getattr(w, "options", ())]
        others = [o for o in options if o != w.value] if options else [not w.value]
        w.value = others[-1]
    for s in app.sliders.values():
        s.value = s.max
    app.reset_button.click()
    assert [w.value for w in _choice_widgets(app.extra_controls())] == \
        [w.value for w in _choice_widgets(fresh.extra_controls())]
    assert app.values == fresh.values
    assert app.readout.value == fresh.readout.value
