import numpy as np
import pytest

from nakmodel.drugs import OUABAIN_ISOFORMS, ouabain_pump_fraction
from nakmodel.pump_block import output_times_s, scenario
from nakmodel.widgets import OuabainDoseResponse, PumpBlockTimeCourse

from .fuzz import fuzz_app

T_GRID_S = output_times_s()


def test_fuzz_dose_response():
    fuzz_app(OuabainDoseResponse())


def test_fuzz_time_course():
    app = PumpBlockTimeCourse()
    fuzz_app(app)
    # the dropdown and toggle also redraw
    before = app.view.widget.value
    app.cause.value = "anoxia"
    assert app.view.widget.value != before and app.message.value == ""
    app.cause.value = "ouabain"
    app.isoform.value = "rodent_alpha1"
    assert app.message.value == ""
    app.reset()
    assert app.isoform.value == "human_alpha1" and app.cause.value == "ouabain"


def test_dose_response_markers_follow_one_site_formula():
    """The dots sit at 1/(1 + c/Kd) with the literature Kd values, computed by hand."""
    app = OuabainDoseResponse()
    app.set_values(conc_uM=0.1)
    kd_uM = {"human_alpha1": 2.8e-3, "rodent_alpha3": 1.6e-3, "rodent_alpha1": 48.0}
    for iso, kd in kd_uM.items():
        y = app.plot.markers[iso].get_ydata()[0]
        assert y == pytest.approx(100.0 / (1.0 + 0.1 / kd), rel=1e-3)


def test_binding_course_is_first_order_exponential():
    """Right panel: activity = 1 - B_inf (1 - exp(-t/tau)) before washout (closed form)."""
    app = OuabainDoseResponse()
    app.set_values(conc_uM=0.01, washout_min=120.0)
    kon, koff = 5e4 * 1e-6, 5e4 * 1e-6 * 2.8e-3
    t_min, y = app.plot.course_lines["human_alpha1"].get_data()
    t = np.asarray(t_min) * 60.0
    rate = kon * 0.01 + koff
    expected = 100.0 * (1.0 - kon * 0.01 / rate * (1.0 - np.exp(-rate * t)))
    sel = t < 119 * 60
    np.testing.assert_allclose(np.asarray(y)[sel], expected[sel], rtol=1e-6, atol=1e-6)


def test_plotted_vm_is_the_grid_run():
    app = PumpBlockTimeCourse()
    app.set_values(diameter_um=10.0, duration_min=60.0)
    run = scenario("ouabain", "human_alpha1", 1.0, 10.0, 120.0)
    x, y = app.plot.v_line.get_data()
    sel = T_GRID_S / 60.0 <= 60.0 + 1e-9
    np.testing.assert_allclose(y, run["v_mV"][sel])
    assert app.plot.ax_v.get_xlim() == (0.0, 60.0)


def test_every_isoform_has_a_label():
    from nakmodel.widgets.ouabain import ISOFORM_LABELS

    assert set(ISOFORM_LABELS) == set(OUABAIN_ISOFORMS)
    assert ouabain_pump_fraction(0.0, "human_alpha1") == 1.0
