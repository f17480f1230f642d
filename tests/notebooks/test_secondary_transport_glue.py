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
    na = 140.0 / 12.0
    assert g["r_sglt2"] == pytest.approx(na * math.exp(60.0 / RTF), rel=1e-9)
    assert g["r_sglt1"] == pytest.approx((na * math.exp(60.0 / RTF)) ** 2, rel=1e-9)
    assert g["r_sglt1_0mV"] == pytest.approx(na**2, rel=1e-9)
    assert g["r_sglt2_0mV"] == pytest.approx(na, rel=1e-9)
    assert g["v_factor_sglt1"] == pytest.approx(math.exp(120.0 / RTF), rel=1e-9)
    assert g["r_sglt1_na50"] == pytest.approx((140 / 50 * math.exp(60 / RTF)) ** 2, rel=1e-9)


def test_ncx_reversal(g):
    e_na = RTF * math.log(145 / 15)
    e_ca = RTF / 2 * math.log(1.2 / 1e-4)
    assert g["e_ncx"] == pytest.approx(3 * e_na - 2 * e_ca, rel=1e-9)
    assert g["e_ncx_na30"] == pytest.approx(3 * RTF * math.log(145 / 30) - 2 * e_ca, rel=1e-9)
    assert g["e_ca"] == pytest.approx(e_ca, rel=1e-9)
    # literature: resting free Ca 100 nM, E_Ca about +120-130 mV (Clapham 2007)
    assert 115 < g["e_ca"] < 135


def test_epithelium_claims(g):
    # prose: uphill absorption (cell glucose above blood's 5 mM) in control, reversed under full block
    assert g["epi_low_ctrl_gcell"] > max(5.0, 1.0)  # above blood (5 mM) and lumen (1 mM)
    assert g["epi_low_ctrl_flux"] > 0 > g["epi_low_block_flux"]
    assert g["epi_low_block_loss"] == pytest.approx(-g["epi_low_block_flux"])
    # downhill uptake (10 mM lumen) survives block, partially
    assert 0 < g["epi_meal_block_flux"] < g["epi_meal_ctrl_flux"]
    assert g["epi_meal_block_pct"] == pytest.approx(100 * g["epi_meal_block_flux"] / g["epi_meal_ctrl_flux"])
    # holding the voltage: block alone changes uptake little (within 20 %)
    assert g["epi_low_held_flux"] == pytest.approx(g["epi_low_ctrl_flux"], rel=0.2)
    assert g["v_block"] > -40 and g["swell_pct"] > 5


def test_epithelium_cell_na_claims(g):
    # prose: the control cell holds a physiological [Na+], close to the measured ~14 mM (Lee & Armstrong 1972:
    # 14.4 ± 3.1 mM, mean ± SD; band = mean ± 2 SD, rounded)
    assert g["na_measured"] == pytest.approx(14.4)
    for key in ("epi_meal_ctrl_na", "epi_low_ctrl_na"):
        assert 8.0 <= g[key] <= 20.0
    # "a small rise in [Na+]i ... removes the extra Na+ that a meal brings in"
    assert 0 < g["epi_meal_ctrl_na"] - g["epi_low_ctrl_na"] < 3.1
    # "half-activated at about 10 mM" (Orsenigo et al. 1988: 9.8 mM)
    assert g["pump_k_half"] == pytest.approx(9.8) and f"{g['pump_k_half']:.0f}" == "10"
    # held voltage: "the Na+ concentration gradient is gone" and Na+ leaves through the other routes run backwards
    assert g["epi_low_held_na"] > 140.0
    assert g["epi_low_held_flux"] < g["epi_low_ctrl_flux"]
    assert g["v_ctrl"] == pytest.approx(-60.0, abs=1e-9)
    # every glued value is a plain float (myst-nb cannot format np.float64)
    for key in ("epi_meal_ctrl_na", "epi_low_held_na", "exam_block_pct", "exam_block_gcell", "v_ctrl"):
        assert type(g[key]) is float


def test_exam_question_claims(g):
    # 2 mM lumen, 5 mM blood, ouabain: cell glucose falls to about the blood's level, absorption almost stops
    assert abs(g["exam_block_gcell"] - 5.0) < 1.0
    assert 0.0 <= g["exam_block_pct"] < 15.0
    # "with 1 mM in the lumen it even reverses"
    assert g["epi_low_block_flux"] < 0
