import numpy as np
import pytest

from nakmodel import nernst
from nakmodel.widgets import NernstExplorer

from .fuzz import fuzz_app



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
    assert app.sliders["na_in"].value == 12.0  # the reference neuron (MAMMALIAN_NEURON)
    assert app.sliders["na_in"].style.handle_color is None


def test_unknown_control_is_refused():
    with pytest.raises(ValueError, match="control"):
        NernstExplorer().set_values(na_inside=3)
