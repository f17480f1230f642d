import pytest

import nakmodel as nak
from nakmodel.widgets import EnergyCalculator
from nakmodel.widgets.energy_bill import SOURCES, SPIKE_MODELS

from .fuzz import fuzz_app

AVOGADRO = 6.02214076e23



def test_fuzz_every_control():
    app = EnergyCalculator()
    fuzz_app(app)
    for label in SPIKE_MODELS:
        for src in SOURCES:
            app.model_choice.value, app.source_choice.value = label, src
            assert app.message.value == ""


def test_marker_is_the_closed_form_cost():
    """ATP/s = Na entry/3 × area × N_A × rate, computed by hand."""
    app = EnergyCalculator(rate_hz=10.0, axon_diameter_um=1.0, axon_length_mm=1.0)
    na = nak.spike_ion_budget("mammalian").na_entry_pmol_cm2
    area_cm2 = (3.141592653589793 * 20.0**2 + 3.141592653589793 * 1.0 * 1000.0) * 1e-8
    by_hand = na / 3 * 1e-12 * area_cm2 * AVOGADRO * 10.0
    assert app.plot.mark.get_ydata()[0] * 1e9 == pytest.approx(by_hand, rel=1e-9)
    # the drawn line equals the model at each grid rate
    for r, y in zip(app.plot.line.get_xdata(), app.plot.line.get_ydata(), strict=True):
        assert y * 1e9 == pytest.approx(
            nak.atp_rate_per_cell(na, r, area_cm2).atp_per_second_molecules, rel=1e-9, abs=1e-3
        )


def test_budget_bars_sum_to_100():
    app = EnergyCalculator(rate_hz=20.0)
    assert sum(b.get_width() for b in app.plot.total_bars) == pytest.approx(100.0, rel=1e-9)
