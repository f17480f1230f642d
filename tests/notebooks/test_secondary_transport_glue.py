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
    assert g["epi_low_ctrl_gcell"] > 5.0 > 1.0
    assert g["epi_low_ctrl_flux"] > 0 > g["epi_low_block_flux"]
    assert g["epi_low_block_loss"] == pytest.approx(-g["epi_low_block_flux"])
    # downhill uptake (10 mM lumen) survives block, partially
    assert 0 < g["epi_meal_block_flux"] < g["epi_meal_ctrl_flux"]
    assert g["epi_meal_block_pct"] == pytest.approx(100 * g["epi_meal_block_flux"] / g["epi_meal_ctrl_flux"])
    # holding the voltage: block alone changes uptake little (within 20 %)
    assert g["epi_low_held_flux"] == pytest.approx(g["epi_low_ctrl_flux"], rel=0.2)
    assert g["v_block"] > -40 and g["swell_pct"] > 5
