import numpy as np
import pytest

from nakmodel.constants import SQUID_AXON
from nakmodel.hh import reference_state, spike_ion_budget
from nakmodel.widgets import RundownExplorer
from nakmodel.widgets import action_potentials as ap

from .fuzz import fuzz_app


def test_fuzz_rundown_explorer_both_pump_states():
    app = RundownExplorer()
    fuzz_app(app)
    app.pump.value = True
    fuzz_app(app, seed=1)


def test_pump_off_line_is_the_closed_form():
    """[Na]i with the pump stopped: [Na]i0 + N·Q_Na·4/d, computed here by hand."""
    app = RundownExplorer()
    app.set_values(diameter_um=2.0)
    n, na = app.plot.line_na.get_data()
    q = spike_ion_budget("squid").na_entry_pmol_cm2  # pmol/cm²
    step_mM = q * 1e-12 * (4.0 / 2.0e-4) * 1e3 * 1e3
    na0 = SQUID_AXON.c_in_mM["Na"]
    np.testing.assert_allclose(na[1:], na0 + n[1:] * step_mM, rtol=1e-9)


def test_presets_and_model_switch():
    app = RundownExplorer()
    app.thin.click()
    assert app.values["diameter_um"] == pytest.approx(ap.THIN_AXON_UM)
    app.case.value = ("mammalian", None)
    assert app.result.model == "mammalian"
    assert app.result.na_in_pump_off_mM[0] == reference_state("mammalian").na_in_mM
    assert "spikes" in app.readout.value
    app.giant.click()
    assert app.values["diameter_um"] == pytest.approx(ap.GIANT_AXON_UM)


def test_fast_pump_never_reaches_criterion():
    app = RundownExplorer()
    app.case.value = ("mammalian", None)
    app.pump.value = True
    app.set_values(rate_hz=1.0)  # well below the ~10 Hz at which the cycle-model pump holds E_Na within 10 mV
    assert np.isinf(app.result.spikes_to_criterion_pump_on)
    assert "never" in app.readout.value
