"""The absorptive-epithelium model (apical SGLT1, basolateral Na+/K+ pump and GLUT2): physiological
defaults, exact Na+ and glucose conservation at steady state, and the chapter's ouabain claim."""

import math
from itertools import pairwise

import numpy as np
import pytest
from scipy.optimize import brentq

from nakmodel import ParameterError
from nakmodel.cotransport import EpitheliumParams, epithelium_glucose_steady_state, pump_site_constant_mM

E = epithelium_glucose_steady_state

#: Physiological band for enterocyte cell Na+, mM. Source: intracellular Na+ activity of small-intestinal
#: epithelial cells 14.4 ± 3.1 mM (mean ± SD, ion-selective microelectrodes; Lee CO & Armstrong WM 1972,
#: Science 175:1261); mean ± 2 SD is 8.2-20.6 mM, rounded to 8-20 mM.
NA_BAND_MM = (8.0, 20.0)


def test_calibration_without_sugar_is_the_measured_na():
    """Lee & Armstrong 1972 measured 14.4 mM in mannitol Ringer (no transported sugar). Without sugar the
    steady state is k(Na_l - Na) = 3 J_P (Na/(Na+K))^3, solved here independently of the model."""
    p = EpitheliumParams()
    k = p.pump_k_half_na_mM * (2 ** (1 / 3) - 1)
    na = brentq(lambda x: p.na_leak_per_s * (p.na_lumen_mM - x) - 3 * p.pump_j_max_mM_s * (x / (x + k)) ** 3,
                1e-3, p.na_lumen_mM)
    assert na == pytest.approx(14.4, abs=0.01)
    assert E(1e-9, glucose_blood_mM=1e-9).na_cell_mM == pytest.approx(na, rel=1e-6)


def test_default_cell_na_is_physiological_and_rises_with_sugar():
    r = E()
    assert NA_BAND_MM[0] <= r.na_cell_mM <= NA_BAND_MM[1]
    # the model's Na+ balance: sugar adds Na+ entry, so cell Na+ rises (Lee & Armstrong 1972 measured a fall,
    # which the model without a cell volume cannot show; the chapter says so)
    assert r.na_cell_mM > E(1e-9, glucose_blood_mM=1e-9).na_cell_mM


@pytest.mark.parametrize("glucose_lumen", [0.2, 1.0, 5.0, 30.0])
def test_cell_na_stays_in_band_over_the_app_glucose_range(glucose_lumen):
    # the EpitheliumView glucose slider spans 0.2-30 mM; the pump keeps cell Na+ physiological throughout
    assert NA_BAND_MM[0] <= E(glucose_lumen).na_cell_mM <= NA_BAND_MM[1]


def test_pump_half_activation_is_the_enterocyte_value():
    # (Na/(Na+K))^3 = 1/2 at K_0.5 = 9.8 mM (Orsenigo et al. 1988, rat jejunal basolateral membranes)
    h = EpitheliumParams().pump_k_half_na_mM
    assert h == pytest.approx(9.8)
    k = pump_site_constant_mM(h)
    assert (h / (h + k)) ** 3 == pytest.approx(0.5, rel=1e-12)


def _rel_residual(terms, residual):
    return abs(residual) / max(sum(abs(t) for t in terms), 1e-300)


@pytest.mark.parametrize("glucose_lumen", [0.2, 1.0, 10.0, 30.0])
@pytest.mark.parametrize("pump_fraction", [1.0, 0.5, 0.1, 0.0])
@pytest.mark.parametrize("v", [-60.0, -14.0, 0.0])
def test_na_and_glucose_are_conserved_at_steady_state(glucose_lumen, pump_fraction, v):
    r = E(glucose_lumen, pump_fraction=pump_fraction, v_apical_mV=v)
    # glucose: in through apical SGLT1 = out through basolateral GLUT2
    assert _rel_residual((r.sglt_flux_mM_s, r.glut2_flux_mM_s), r.sglt_flux_mM_s - r.glut2_flux_mM_s) < 1e-9
    assert r.glucose_flux_mM_s == r.glut2_flux_mM_s
    # Na+: apical entry (2 per SGLT1 cycle + the other apical routes) = 3 per pump cycle
    na_in = 2.0 * r.sglt_flux_mM_s + r.na_leak_mM_s
    na_out = 3.0 * r.pump_rate_mM_s
    assert _rel_residual((2.0 * r.sglt_flux_mM_s, r.na_leak_mM_s, na_out), na_in - na_out) < 1e-9
    assert math.isfinite(r.na_cell_mM) and r.na_cell_mM > 0 and r.glucose_cell_mM >= 0
    # no transporter works against its limit: SGLT1 flux has the sign of its free energy
    assert np.sign(r.sglt_flux_mM_s) == np.sign(1.0 - (r.glucose_cell_mM / glucose_lumen)
                                                / r.max_accumulation)


@pytest.mark.parametrize("v", [-60.0, -14.0])
def test_ouabain_raises_cell_na_and_lowers_glucose_absorption(v):
    """Chapter claim: blocking the basolateral pump raises cell Na+ and lowers transepithelial glucose
    flux."""
    fractions = [1.0, 0.9, 0.75, 0.5, 0.25, 0.1, 0.0]
    runs = [E(10.0, pump_fraction=f, v_apical_mV=v) for f in fractions]
    na = [r.na_cell_mM for r in runs]
    flux = [r.glucose_flux_mM_s for r in runs]
    assert all(b > a for a, b in pairwise(na))
    assert all(b < a for a, b in pairwise(flux))
    assert na[-1] > 100.0  # full block: the Na+ gradient is gone


def test_ouabain_with_depolarisation_reverses_uphill_absorption():
    # 1 mM in the lumen, 5 mM in blood: absorbed in control, lost back to the lumen under full block
    ctrl = E(1.0)
    block = E(1.0, pump_fraction=0.0, v_apical_mV=-14.0)
    assert ctrl.glucose_flux_mM_s > 0 and ctrl.glucose_cell_mM > 5.0
    assert block.glucose_flux_mM_s < 0 and block.glucose_cell_mM < 5.0


def test_fluxes_scale_with_the_sglt1_unit_and_concentrations_do_not():
    a = E()
    p = EpitheliumParams()
    b = E(sglt_j_max_mM_s=2.0, glut2_j_max_mM_s=10.0, pump_j_max_mM_s=2 * p.pump_j_max_mM_s,
          na_leak_per_s=0.2)
    assert b.na_cell_mM == pytest.approx(a.na_cell_mM, rel=1e-9)
    assert b.glucose_cell_mM == pytest.approx(a.glucose_cell_mM, rel=1e-9)
    assert b.glucose_flux_mM_s == pytest.approx(2 * a.glucose_flux_mM_s, rel=1e-9)


def test_na_leak_must_be_positive():
    with pytest.raises(ParameterError, match="na_leak_per_s"):
        E(na_leak_per_s=0.0)


def test_unknown_override_is_refused():
    with pytest.raises(ParameterError, match="pump_jmax"):
        E(pump_jmax=1.0)
