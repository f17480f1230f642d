"""Numbers in the energy chapter against independent values and the literature."""

import math

import pytest

from nakmodel.book import numbers

from .glue import glued_values

AVOGADRO = 6.02214076e23


@pytest.fixture(scope="module")
def g():
    return glued_values("energy_bill")


def test_glue_cell_is_the_numbers_loop(g):
    assert g == {k: getattr(v, "value", v) for k, v in numbers("energy_bill").items()}
    for name, text in numbers("energy_bill").items():
        assert "-" not in str(text), name


def test_per_cell_arithmetic(g):
    area = (math.pi * 20.0**2 + math.pi * 0.3 * 40000.0)  # µm²
    assert g["area_um2"] == pytest.approx(area, rel=1e-12)
    assert g["atp_mam"] == pytest.approx(g["na_mam"] / 3, rel=1e-12)
    per_spike = g["na_mam"] / 3 * 1e-12 * area * 1e-8 * AVOGADRO
    assert g["atp_spike_cell_M"] * 1e6 == pytest.approx(per_spike, rel=1e-9)
    assert g["atp_s_cell_M"] * 1e6 == pytest.approx(4 * per_spike, rel=1e-9)
    assert g["atp_s_cell_busy_M"] * 1e6 == pytest.approx(40 * per_spike, rel=1e-9)
    assert g["glc_s_cell_M"] == pytest.approx(g["atp_s_cell_M"] / 31, rel=1e-9)


def test_spike_na_entry_literature(g):
    # squid at 18.5 °C: ~3.5-4.5 pmol/cm² (Keynes & Lewis 1951), ~4x minimum (Attwell & Laughlin 2001)
    assert 3.0 < g["na_sq18"] < 5.0 and 3.0 < g["excess_sq18"] < 5.0
    # mammalian spikes near the minimum, 1.25-2x (Carter & Bean 2009)
    assert 1.0 < g["excess_mam"] < 2.0
    # the same spikes as the action-potential chapter
    ap = glued_values("action_potentials")
    assert g["na_mam"] == ap["mam_na"] and g["na_sq18"] == ap["sq18_na"]


def test_published_shares_are_the_papers(g):
    # Howarth, Gleeson & Attwell 2012, cortex (abstract): 50/21/20/5/4 % of signalling energy
    assert (g["h_post_sig"], g["h_ap_sig"], g["h_rest_sig"], g["h_pre_sig"], g["h_recycling_sig"]) == \
        pytest.approx((50, 21, 20, 5, 4))
    # Attwell & Laughlin 2001 (abstract): 47 % action potentials, 34 % postsynaptic, 13 % resting
    assert (g["a_ap_sig"], g["a_post_sig"], g["a_rest_sig"]) == pytest.approx((47, 34, 13))


def test_chart_shares_are_signalling_shares_times_three_quarters(g):
    """Text and chart agree: the chart's shares of all ATP are the published signalling shares
    x (1 - 25 %)."""
    keep = 1 - g["hk_pct"] / 100
    for cat in ("post", "ap", "rest"):
        assert g[f"h_{cat}_tot"] == pytest.approx(g[f"h_{cat}_sig"] * keep, rel=1e-12)


def test_derived_pump_share(g):
    # all but presynaptic (5 %) and half of recycling (4 %) -> 93 % of signalling, x 0.75 of the total
    assert g["h_pump_sig"] == pytest.approx(100 - 5 - 2, abs=1e-9)
    assert g["h_pump_tot"] == pytest.approx(0.93 * 75, abs=1e-9)
    assert g["ames_pct"] == 50 and g["brain_o2_pct"] == 20 and g["brain_mass_pct"] == 2
    assert 30 <= g["atp_glc_ox"] <= 32 and g["atp_glc_gly"] == 2
    assert g["h_pump_tot_0"] < g["h_pump_tot"] < g["h_pump_tot_active"]
    # above the whole-body 20-30 % of Rolfe & Brown 1997, the chapter's correction
    assert g["h_pump_tot"] > 40 and g["a_pump_tot"] > 40
