"""Numbers in the ouabain chapter against literature values and closed forms computed here."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212


@pytest.fixture(scope="module")
def g():
    return glued_values("ouabain")


def test_isoform_constants_are_the_cited_ones(g):
    assert g["kd_h1_nM"] == pytest.approx(2.8, rel=1e-9)       # Erdmann & Hasse 1975: 0.28e-8 M
    assert g["kd_a3_nM"] == pytest.approx(1.6, rel=1e-9)       # O'Brien et al. 1994
    assert g["ic50_r1_uM"] == pytest.approx(48.0, rel=1e-9)    # O'Brien et al. 1994
    assert g["ratio_r1_h1"] == pytest.approx(48e-6 / 2.8e-9, rel=1e-9)


def test_fractions_left_follow_one_site_block(g):
    assert g["left_10nM_h1"] == pytest.approx(100 / (1 + 10 / 2.8), rel=1e-9)
    assert g["left_10nM_r1"] == pytest.approx(100 / (1 + 0.01 / 48), rel=1e-9)
    assert g["left_1uM_h1"] == pytest.approx(100 / (1 + 1000 / 2.8), rel=1e-9)
    assert g["left_1uM_r1"] == pytest.approx(100 / (1 + 1 / 48), rel=1e-9)


def test_binding_time_constants(g):
    kon = 5e4  # /M/s, Erdmann & Hasse 1975 (4-6e4)
    koff = kon * 2.8e-9
    assert g["kon_1e4"] == pytest.approx(5.0)
    assert g["tau_10nM_h1_min"] == pytest.approx(1 / (kon * 1e-8 + koff) / 60, rel=1e-9)
    assert g["tau_1uM_h1_s"] == pytest.approx(1 / (kon * 1e-6 + koff), rel=1e-9)
    assert g["washout_half_h1_min"] == pytest.approx(math.log(2) / koff / 60, rel=1e-9)
    assert g["washout_half_r1_s"] == pytest.approx(math.log(2) / (kon * 48e-6), rel=1e-9)


def test_jump_is_the_ghk_potential_at_rest_concentrations(g):
    """After 1 s of block Vm is the GHK voltage with the resting concentrations (no pump current)."""
    from nakmodel.cell import CellParams, cell_steady_state

    p, s = CellParams(), cell_steady_state()
    rt_f = R * (273.15 + p.temperature_C) / F * 1e3
    num = p.p_k_cm_s * 5.0 + p.p_na_cm_s * 145.0 + p.p_cl_cm_s * s.cl_in
    den = p.p_k_cm_s * s.k_in + p.p_na_cm_s * s.na_in + p.p_cl_cm_s * 110.0
    assert g["v_1s"] == pytest.approx(rt_f * math.log(num / den), abs=0.2)
    assert g["v0"] == pytest.approx(-70.0, abs=0.1)           # the cell's design target (Hille 2001)
    assert 1.0 < g["jump_mV"] < 10.0
    assert g["jump_mV"] == pytest.approx(g["direct_mV"], abs=0.5)


def test_slow_collapse_values_are_consistent(g):
    # Vm after 30 min is the GHK voltage of the glued concentrations (pump off): check Na/K part bounds
    assert g["v30"] > g["v_1s"] + 10 and g["v60"] > g["v30"]
    assert g["na30"] > 2 * g["na0"] and g["k30"] < g["k0"] - 40
    assert g["vol60_pct"] > 5.0
    assert g["sv_axon_vs_soma"] == pytest.approx((4 / 0.2) / (6 / 20), rel=1e-9)


def test_failure_times_scale_with_diameter(g):
    assert g["fail_5"] < g["fail_10"] < g["fail_20"] < g["fail_40"]
    assert g["fail_40"] / g["fail_5"] == pytest.approx(8.0, rel=0.15)   # surface/volume = 6/d
    assert g["fail_anox_20"] > g["fail_20"]                             # the ATP remnant slows it
    assert g["atp_floor_activity_pct"] == pytest.approx(100 * (0.01 / 0.11) / (3.0 / 3.1), rel=1e-6)  # MM, Km 0.1 mM


def test_washout_numbers(g):
    koff = 5e4 * 2.8e-9
    b = (5e4 * 1e-6) / (5e4 * 1e-6 + koff) * (1 - math.exp(-(5e4 * 1e-6 + koff) * 3600))
    assert g["wash_h1_activity_120"] == pytest.approx(100 * (1 - b * math.exp(-koff * 3600)), abs=1.0)
    assert g["wash_h1_v120"] < -60.0
