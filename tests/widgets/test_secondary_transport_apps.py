import math

import numpy as np
import pytest

import nakmodel as nak
from nakmodel.plots.secondary_transport import V_GRID_MV
from nakmodel.widgets import CotransportExplorer, EpitheliumView

from .fuzz import fuzz_app

RTF37 = 8.314462618 * 310.15 / 96485.33212 * 1e3



def test_fuzz_cotransport():
    fuzz_app(CotransportExplorer())


def test_fuzz_epithelium():
    app = EpitheliumView()
    fuzz_app(app)
    app.couple.value = False
    fuzz_app(app, n_random=5)


def test_accumulation_curve_is_the_closed_form():
    app = CotransportExplorer()
    app.set_values(v_mV=-40.0, na_in=20.0, na_out=150.0)
    y1 = app.plot.r_lines["SGLT1"].get_ydata()
    y2 = app.plot.r_lines["SGLT2"].get_ydata()
    by_hand = np.array([(150.0 / 20.0) * math.exp(-v / RTF37) for v in V_GRID_MV])
    np.testing.assert_allclose(y2, by_hand, rtol=1e-9)
    np.testing.assert_allclose(y1, by_hand**2, rtol=1e-9)
    assert app.plot.r_marks["SGLT1"].get_ydata()[0] == pytest.approx(
        (7.5 * math.exp(40.0 / RTF37)) ** 2, rel=1e-9
    )


def test_epithelium_draws_the_model_steady_state():
    app = EpitheliumView(glucose_lumen=1.0, pump_fraction=0.0)
    r = nak.epithelium_glucose_steady_state(1.0, pump_fraction=0.0, v_apical_mV=app.apical_voltage(0.0))
    assert app.result.glucose_flux_mM_s == pytest.approx(r.glucose_flux_mM_s, rel=1e-9)
    assert app.plot.g_bars[1].get_height() == pytest.approx(r.glucose_cell_mM, rel=1e-9)
    # full block, coupled voltage: uphill absorption reverses; the arrow points back to the lumen
    assert r.glucose_flux_mM_s < 0
    (x0, _), (x1, _) = app.plot.arrows["sglt_glc"]._posA_posB
    assert x1 < x0


def test_coupled_voltage_depolarises_under_block():
    app = EpitheliumView()
    assert app.apical_voltage(1.0) == pytest.approx(-60.0, abs=0.01)
    assert app.apical_voltage(0.0) > -40.0
    app.couple.value = False
    assert app.apical_voltage(0.0) == -60.0
