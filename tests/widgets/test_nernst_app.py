import numpy as np
import pytest

from nakmodel import nernst
from nakmodel.widgets import NernstExplorer
from nakmodel.widgets._base import display_mode

from .fuzz import fuzz_app


@pytest.mark.parametrize("mode", ["static", "live"])
def test_constructs_in_both_modes(monkeypatch, mode):
    monkeypatch.setenv("NAKMODEL_DISPLAY", mode)
    assert display_mode() == mode
    app = NernstExplorer()
    assert app.mode == mode
    assert "<img" in app.view.widget.value and 'alt="' in app.view.widget.value
    note = "snapshot" in str([getattr(c, "value", "") for c in app.widget.children])
    assert note == (mode == "static")


def test_fuzz_every_control():
    timings = fuzz_app(NernstExplorer())
    assert len(timings) == 7 * 22


def test_potential_lines_follow_nernst():
    """The drawn E_K line sits where the Nernst equation (by hand) puts it."""
    app = NernstExplorer()
    app.set_values(k_out=10.0, k_in=100.0, temperature_C=20.0)
    by_hand = 8.314462618 * 293.15 / 96485.33212 * 1e3 * np.log(10.0 / 100.0)
    y = app.plot.e_lines["K"].get_ydata()[0]
    assert y == pytest.approx(by_hand, abs=1e-9)
    assert app.potentials["K"] == pytest.approx(nernst(1, 10.0, 100.0, 20.0))


def test_reset_restores_defaults():
    app = NernstExplorer()
    app.sliders["na_in"].value = 50.0
    assert app.sliders["na_in"].style.handle_color is not None
    app.reset()
    assert app.sliders["na_in"].value == 15.0
    assert app.sliders["na_in"].style.handle_color is None


def test_unknown_control_is_refused():
    with pytest.raises(ValueError, match="control"):
        NernstExplorer().set_values(na_inside=3)
