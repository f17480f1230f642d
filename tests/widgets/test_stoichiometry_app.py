import math

import numpy as np
import pytest

from nakmodel import CellParams, electrogenic_share, pump_free_energy
from nakmodel.widgets import StoichiometryExplorer
from nakmodel.widgets.stoichiometry import GRID_K, GRID_NA, cycle_free_energy

from .fuzz import fuzz_app

R, F = 8.314462618, 96485.33212



def test_fuzz_every_control():
    timings = fuzz_app(StoichiometryExplorer(), n_random=20)
    assert len(timings) == 3 * 22


@pytest.mark.parametrize("variant", [(3, 2), (3, 3), (2, 2), (1, 1), (0, 0)])
@pytest.mark.parametrize("basis", ["same_atp", "same_na_flux"])
def test_every_variant_and_basis_draws_finite_data(variant, basis):
    from .fuzz import plotted_numbers

    app = StoichiometryExplorer()
    before = app.view.widget.value
    app.basis.value = basis
    app.variant.value = variant
    assert app.message.value == ""
    assert np.all(np.isfinite(plotted_numbers(app.plot.fig)))
    if (variant, basis) != ((3, 3), "same_atp"):
        assert app.view.widget.value != before


def test_bars_equal_model_steady_states():
    """Panel B's bars are the model's GHK potential and direct share for each stoichiometry."""
    app = StoichiometryExplorer()
    s = electrogenic_share(CellParams(), stoichiometries=((3, 2), (3, 3), (2, 2), (1, 1)), basis="same_atp")
    for k in range(4):
        grad = app.plot.bars_grad[k].get_width()
        direct = app.plot.bars_direct[k].get_width()
        assert grad + direct == pytest.approx(s.v_mV[k], abs=1e-9)
        assert direct == pytest.approx(s.direct_mV[k], abs=1e-9)


def test_time_course_starts_at_rest_and_ends_at_variant_steady_state():
    app = StoichiometryExplorer(variant=(1, 1))
    v = app.plot.v_line.get_ydata()
    s = electrogenic_share(CellParams(), stoichiometries=((3, 2), (1, 1)), basis="same_atp")
    assert v[0] == pytest.approx(s.v_mV[0], abs=0.2)  # first point is 0.1 ms after the switch
    # after one hour most of the way (> 80 %) to the new steady state, never past it
    assert abs(v[-1] - s.v_mV[1]) < 0.2 * abs(v[0] - s.v_mV[1])
    assert (v[-1] - s.v_mV[1]) * (v[0] - s.v_mV[1]) > 0


def test_grid_equals_hand_computed_work():
    """Panel D: n [RT ln(No/Ni) - FV] + m [RT ln(Ki/Ko) + FV], computed here by hand."""
    app = StoichiometryExplorer()
    rest = app.result["rows"][0]
    rt = R * 310.15 / 1000.0
    fv = F * rest.v_mV * 1e-6
    grid = app.result["grid_dg"]
    for j, m in enumerate(GRID_K):
        for i, n in enumerate(GRID_NA):
            by_hand = n * (rt * math.log(145.0 / rest.na_in) - fv) + m * (rt * math.log(rest.k_in / 5.0) + fv)
            assert grid[j][i] == pytest.approx(by_hand, abs=1e-9)
    out, inside = {"Na": 145.0, "K": 5.0}, {"Na": 15.0, "K": 140.0}
    assert cycle_free_energy(3, 2, -70.0, out, inside) == pytest.approx(pump_free_energy(-70.0, out, inside))
    assert cycle_free_energy(0, 0, -70.0, out, inside) == 0.0


def test_reset_restores_buttons_and_sliders():
    app = StoichiometryExplorer()
    app.variant.value = (0, 0)
    app.basis.value = "same_na_flux"
    app.sliders["pump_density"].value = 1500.0
    app.reset()
    assert app.variant.value == (3, 3)
    assert app.basis.value == "same_atp"
    assert app.sliders["pump_density"].value == CellParams().pump_density_per_um2


def test_defaults_come_from_cell_params():
    p = CellParams()
    d = {c.name: c.default for c in StoichiometryExplorer.controls}
    assert d["pump_density"] == p.pump_density_per_um2
    assert d["dg_atp"] == p.atp_free_energy_kJ_per_mol
    assert d["pna_pk"] == pytest.approx(p.p_na_cm_s / p.p_k_cm_s, rel=1e-3)
