"""Numbers in the ouabain chapter against literature values and closed forms computed here."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212
RT_KJ = R * 310.15 / 1e3


@pytest.fixture(scope="module")
def g():
    return glued_values("ouabain")


def test_isoform_constants_are_the_cited_ones(g):
    assert g["kd_h1_nM"] == pytest.approx(2.8, rel=1e-9)       # Erdmann & Hasse 1975: 0.28e-8 M (binding)
    assert g["kd_a3_nM"] == pytest.approx(1.6, rel=1e-9)       # O'Brien et al. 1994 (binding rate constants)
    assert g["ic50_r1_uM"] == pytest.approx(48.0, rel=1e-9)    # O'Brien et al. 1994 (ATPase activity)
    assert g["ratio_r1_a3_activity"] == pytest.approx(1000.0)  # O'Brien et al. 1994: "1000-fold higher"
    # binding vs activity: only the order of magnitude of 48 µM / 2.8 nM is shown
    assert g["ratio_r1_h1_order"] == 10.0 ** round(math.log10(48e-6 / 2.8e-9))


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
    from nakmodel.cell import cell_steady_state
    from nakmodel.pump_block import rundown_cell

    p = rundown_cell()
    s = cell_steady_state(p)
    rt_f = R * (273.15 + p.temperature_C) / F * 1e3
    num = p.p_k_cm_s * 5.0 + p.p_na_cm_s * 145.0 + p.p_cl_cm_s * s.cl_in
    den = p.p_k_cm_s * s.k_in + p.p_na_cm_s * s.na_in + p.p_cl_cm_s * 110.0
    assert g["v_1s"] == pytest.approx(rt_f * math.log(num / den), abs=0.2)
    assert g["v0"] == pytest.approx(-70.0, abs=0.2)           # the cell's design target (Hille 2001)
    assert 1.0 < g["jump_mV"] < 10.0
    assert g["jump_mV"] == pytest.approx(-g["direct_mV"], abs=0.5)   # direct share = Vm - GHK (negative)


def test_pump_need_at_rest_is_the_transport_free_energy(g):
    # 3 RT ln(Nao/Nai) + 2 RT ln(Ki/Ko) - F V, kJ/mol, at the glued resting state
    need = 3 * RT_KJ * math.log(145 / g["na0"]) + 2 * RT_KJ * math.log(g["k0"] / 5.0) - F * g["v0"] * 1e-6
    assert g["pump_need_rest_kJ"] == pytest.approx(need, rel=1e-6)


def test_slow_collapse_values_are_consistent(g):
    assert g["v30"] > g["v_1s"] + 10 and g["v60"] > g["v30"]
    assert g["na30"] > 2 * g["na0"] and g["k30"] < g["k0"] - 40
    assert g["vol60_pct"] > 5.0
    assert g["sv_axon_vs_soma"] == pytest.approx((4 / 0.2) / (6 / 20), rel=1e-9)


def test_failure_times_scale_with_diameter(g):
    assert g["fail_5"] < g["fail_10"] < g["fail_20"] < g["fail_40"]
    assert g["fail_40"] / g["fail_5"] == pytest.approx(8.0, rel=0.15)   # surface/volume = 6/d
    # MM, Km 0.1 mM
    assert g["atp_floor_activity_pct"] == pytest.approx(100 * (0.01 / 0.11) / (3.0 / 3.1), rel=1e-6)


def test_anoxia_is_thermodynamic(g):
    """The pump stops while ATP is still plentiful, and the cell then runs down as under complete block."""
    assert g["anox_stall_s"] < 120.0                    # within the first two minutes
    assert g["anox_stall_atp_mM"] > 0.1 * 3.0           # far above the 10 µM floor
    assert -45.0 < g["anox_stall_dg"] < -35.0           # |ΔG_ATP| about what the pump needs (~40 kJ/mol)
    assert abs(g["anox_stall_dg"]) < g["pump_need_rest_kJ"]
    assert g["fail_anox_20"] == pytest.approx(g["fail_20"], rel=0.1)
    assert g["anox_activity_end_pct"] < 5.0


def test_anoxia_free_energy_follows_adp_pi_atp(g):
    """ΔG change at 10 min = RT ln of the mass-action ratio change (ATP from its exponential fall)."""
    atp10 = 0.01 + (3.0 - 0.01) * math.exp(-600.0 / 60.0)
    ratio0 = 0.05 * 2.0 / 3.0
    ratio10 = g["anox_adp_10min"] * g["anox_pi_10min"] / atp10
    assert g["anox_dg_10min"] - g["anox_dg_rest"] == pytest.approx(RT_KJ * math.log(ratio10 / ratio0),
                                                                   abs=0.1)
    assert g["anox_dg_rest"] == pytest.approx(-55.0)     # the cell's resting ΔG_ATP


def test_washout_numbers(g):
    koff = 5e4 * 2.8e-9
    rate = 5e4 * 1e-6 + koff
    b = (5e4 * 1e-6) / rate * (1 - math.exp(-rate * 3600))
    assert g["wash_h1_unblocked_120"] == pytest.approx(100 * (1 - b * math.exp(-koff * 3600)), abs=0.5)
    assert g["wash_h1_v120"] > -60.0                     # 40 % of the pumps cannot restore Vm within the hour
    assert 0 < g["wash_r1_recover_min"] < g["reox_recover_min"] < 20
    assert g["wash_r1_dip_mV"] > 0 and g["reox_dip_mV"] > 0
