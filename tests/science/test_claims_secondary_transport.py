"""Claims of the chapter "Secondary active transport", checked against closed forms."""

import math

import pytest

import nakmodel as nak

R, F = 8.314462618, 96485.33212


@pytest.mark.parametrize("v", [-120.0, -60.0, 0.0, 30.0])
@pytest.mark.parametrize("na_i", [5.0, 12.0, 60.0])
@pytest.mark.parametrize("temp", [20.0, 37.0])
def test_sglt1_limit_is_sglt2_limit_squared(v, na_i, temp):
    """'The second Na+ squares the limit': R(n=2) = R(n=1)^2 at the same conditions."""
    r1 = nak.sglt_max_accumulation(2, v, 140.0, na_i, temp)
    r2 = nak.sglt_max_accumulation(1, v, 140.0, na_i, temp)
    assert r1 == pytest.approx(r2**2, rel=1e-12)
    rtf = R * (temp + 273.15) / F * 1e3
    assert r2 == pytest.approx(140.0 / na_i * math.exp(-v / rtf), rel=1e-12)


def test_flux_stops_at_the_limit_and_reverses_beyond():
    """No transporter works against its thermodynamic limit."""
    r = nak.sglt_max_accumulation(1, -20.0, 140.0, 30.0)
    g_o = 2.0
    assert nak.sglt_flux(g_o, g_o * r, transporter="SGLT2", v_mV=-20.0, na_out_mM=140.0,
                         na_in_mM=30.0) == pytest.approx(0, abs=1e-12)
    assert nak.sglt_flux(g_o, g_o * r * 1.1, transporter="SGLT2", v_mV=-20.0, na_out_mM=140.0,
                         na_in_mM=30.0) < 0


def test_ncx_reversal_closed_form_and_direction_claim():
    rtf = R * 310.15 / F * 1e3
    for na_i in (10.0, 15.0, 30.0):
        e = nak.ncx_reversal_potential(145.0, na_i, 1.2, 1e-4)
        assert e == pytest.approx(3 * rtf * math.log(145 / na_i) - 2 * rtf / 2 * math.log(1.2 / 1e-4),
                                  rel=1e-12)
    # raising [Na]i makes E_NCX more negative (exchanger turns to Ca2+ loading)
    assert nak.ncx_reversal_potential(na_in_mM=30.0) < nak.ncx_reversal_potential(na_in_mM=15.0) - 50
