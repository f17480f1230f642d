"""Numbers in the secondary-transport chapter equal closed forms computed here."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212
RTF = R * 310.15 / F * 1e3


@pytest.fixture(scope="module")
def g():
    return glued_values("secondary_transport")


def test_accumulation_limits(g):
    assert g["st_v"] == -60.0
    na = g["st_na_o"] / g["st_na_i"]
    assert g["r_sglt2"] == pytest.approx(na * math.exp(60.0 / RTF), rel=1e-9)
    assert g["r_sglt1"] == pytest.approx((na * math.exp(60.0 / RTF)) ** 2, rel=1e-9)
    assert g["r_sglt1_0mV"] == pytest.approx(na**2, rel=1e-9)
    assert g["r_sglt2_0mV"] == pytest.approx(na, rel=1e-9)
    assert g["v_factor_sglt1"] == pytest.approx(math.exp(120.0 / RTF), rel=1e-9)
    assert g["r_sglt1_na50"] == pytest.approx((g["st_na_o"] / 50 * math.exp(60 / RTF)) ** 2, rel=1e-9)


def test_concentration_factor_is_the_larger_at_these_numbers(g):
    """Prose: ([Na]o/[Na]i)^2 (about 140) against exp(2·60/26.7) ≈ 89 -- the chemical part is somewhat
    larger."""
    assert g["conc_factor_sglt1"] == pytest.approx((g["st_na_o"] / g["st_na_i"]) ** 2, rel=1e-9)
    assert g["conc_factor_sglt1"] * g["v_factor_sglt1"] == pytest.approx(g["r_sglt1"], rel=1e-9)
    assert 1.0 < g["conc_factor_sglt1"] / g["v_factor_sglt1"] < 2.0


def test_ncx_reversal(g):
    e_ca = RTF / 2 * math.log(1.2 / 1e-4)
    na_o, na_i = g["ncx_na_o"], g["ncx_na_i"]
    assert g["e_ncx"] == pytest.approx(3 * RTF * math.log(na_o / na_i) - 2 * e_ca, rel=1e-9)
    assert g["ncx_na_i_double"] == 2 * na_i
    assert g["e_ncx_na_double"] == pytest.approx(3 * RTF * math.log(na_o / (2 * na_i)) - 2 * e_ca, rel=1e-9)
    # the explorer's readout uses the same cell: one number in text and app
    assert (g["st_na_o"], g["st_na_i"]) == (na_o, na_i)
    assert g["e_ncx_explorer"] == pytest.approx(g["e_ncx"], rel=1e-12)
    assert g["e_ca"] == pytest.approx(e_ca, rel=1e-9)
    # literature: resting free Ca 100 nM, E_Ca about +120-130 mV (Clapham 2007)
    assert 115 < g["e_ca"] < 135


def test_epithelium_claims(g):
    # prose: uphill absorption (cell glucose above blood's 5 mM) in control, reversed under full block
    assert g["epi_low_ctrl_gcell"] > max(g["glucose_blood"], g["epi_low_glucose"])
    assert g["epi_low_ctrl_flux"] > 0 > g["epi_low_block_flux"]
    assert g["epi_low_block_loss"] == pytest.approx(-g["epi_low_block_flux"])
    # downhill uptake (10 mM lumen) survives block, partially
    assert 0 < g["epi_meal_block_flux"] < g["epi_meal_ctrl_flux"]
    assert g["epi_meal_block_pct"] == pytest.approx(100 * g["epi_meal_block_flux"] / g["epi_meal_ctrl_flux"])
    # holding the voltage: block alone changes uptake little (within 20 %)
    assert g["epi_low_held_flux"] == pytest.approx(g["epi_low_ctrl_flux"], rel=0.2)
    assert g["v_block"] > -40 and g["swell_pct"] > 5


def test_epithelium_cell_na_claims(g):
    # calibration: without transported sugar the cell holds the measured 14.4 mM (Lee & Armstrong 1972)
    assert g["na_measured"] == pytest.approx(14.4)
    assert g["epi_nosugar_na"] == pytest.approx(14.4, abs=0.05)
    # the model's Na+ balance: sugar raises cell Na+ by a few mM (the measurement fell: the prose says so)
    assert g["epi_sugar_na_rise"] == pytest.approx(g["epi_meal_ctrl_na"] - g["epi_nosugar_na"])
    assert 0 < g["epi_sugar_na_rise"] < 10
    assert 0 < g["sglt_share_meal_pct"] < 50           # "SGLT1 adds its share" -- a minority
    # "half-activated at about 10 mM" (Orsenigo et al. 1988: 9.8 mM)
    assert g["pump_k_half"] == pytest.approx(9.8)
    # held voltage: "the Na+ concentration gradient is gone" and Na+ leaves through the other routes
    # run backwards
    assert g["epi_low_held_na"] > 140.0
    assert g["epi_low_held_flux"] < g["epi_low_ctrl_flux"]
    assert g["v_ctrl"] == pytest.approx(-60.0, abs=1e-9)


def test_exam_question_claims(g):
    # 2 mM lumen, 5 mM blood, ouabain: cell glucose falls to about the blood's level, absorption almost stops
    assert abs(g["exam_block_gcell"] - g["glucose_blood"]) < 1.0
    assert 0.0 <= g["exam_block_pct"] < 15.0
    # "with 1 mM in the lumen it even reverses"
    assert g["epi_low_block_flux"] < 0
