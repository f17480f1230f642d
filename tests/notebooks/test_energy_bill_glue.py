"""Numbers in the energy chapter against independent values and the literature."""

import math

import pytest

from .glue import glued_values

AVOGADRO = 6.02214076e23


@pytest.fixture(scope="module")
def g():
    return glued_values("energy_bill")


def test_per_cell_arithmetic(g):
    area = (math.pi * 20.0**2 + math.pi * 0.3 * 40000.0)  # µm²
    assert g["area_um2"] == pytest.approx(area, rel=1e-12)
    assert g["atp_mam"] == pytest.approx(g["na_mam"] / 3, rel=1e-12)
    per_spike = g["na_mam"] / 3 * 1e-12 * area * 1e-8 * AVOGADRO
    assert g["atp_spike_cell_M"] * 1e6 == pytest.approx(per_spike, rel=1e-9)
    assert g["atp_s_cell_M"] * 1e6 == pytest.approx(4 * per_spike, rel=1e-9)
    assert g["atp_s_cell_40_G"] * 1e9 == pytest.approx(40 * per_spike, rel=1e-9)
    assert g["glc_s_cell_M"] == pytest.approx(g["atp_s_cell_M"] / 31, rel=1e-9)


def test_spike_na_entry_literature(g):
    # squid at 18.5 °C: ~3.5-4.5 pmol/cm² (Keynes & Lewis 1951), ~4x minimum (Attwell & Laughlin 2001)
    assert 3.0 < g["na_sq18"] < 5.0 and 3.0 < g["excess_sq18"] < 5.0
    # mammalian spikes near the minimum, 1.3-2x (Carter & Bean 2009; Sengupta et al. 2010)
    assert 1.0 < g["excess_mam"] < 2.0


def test_budget_numbers_are_the_published_ones(g):
    assert (g["h_post_sig"], g["h_ap_sig"], g["h_rest_sig"]) == pytest.approx((50, 21, 20))  # Howarth 2012
    assert (g["a_ap_sig"], g["a_post_sig"]) == pytest.approx((47, 34))  # Attwell & Laughlin 2001
    # pump share of signalling: all but presynaptic (5%) and half of recycling (4%) -> 93%
    assert g["h_pump_sig"] == pytest.approx(100 - 5 - 2, abs=1e-9)
    assert g["h_pump_tot"] == pytest.approx(0.93 * 75, abs=1e-9)
    assert g["ames_pct"] == 50 and g["brain_o2_pct"] == 20 and g["brain_mass_pct"] == 2
    assert 30 <= g["atp_glc_ox"] <= 32 and g["atp_glc_gly"] == 2
    assert g["h_pump_tot_0"] < g["h_pump_tot"] < g["h_pump_tot_20"]
