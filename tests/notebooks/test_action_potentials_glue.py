"""Numbers in the action-potential chapter against closed forms and literature values."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212
PMOL_PER_NC = 1e3 / F  # nC/cm² -> pmol/cm² of monovalent ions


@pytest.fixture(scope="module")
def g():
    return glued_values("action_potentials")


def rt_f(t_c):
    return R * (t_c + 273.15) / F * 1e3


def test_glued_values_are_plain_numbers(g):
    # myst-nb cannot format numpy scalars in {glue:text} ("could not convert string to float")
    for name, value in g.items():
        assert type(value) in (int, float), f"{name} is {type(value).__name__}"


def test_minimum_charge_is_c_delta_v(g):
    # C = 1 µF/cm² (HH 1952): 1 mV -> 1 nC/cm²
    assert g["sq_qmin"] == pytest.approx(g["sq_amp"] * PMOL_PER_NC, rel=1e-9)
    assert g["sq_excess"] == pytest.approx(g["sq_na"] / g["sq_qmin"], rel=1e-9)
    assert g["sq18_qmin"] == pytest.approx(g["sq18_na"] / g["sq18_excess"], rel=1e-9)
    assert g["mam_excess"] == pytest.approx(g["mam_na"] / g["mam_qmin"], rel=1e-9)


def test_atp_is_one_third_of_na(g):
    assert g["sq_atp"] == pytest.approx(g["sq_na"] / 3, rel=1e-12)
    assert g["mam_atp"] == pytest.approx(g["mam_na"] / 3, rel=1e-12)
    # 1 pmol/cm² = 6.022e23 * 1e-12 / 1e8 µm² = 6022 molecules per µm²
    assert g["mam_atp_um2"] == pytest.approx(g["mam_atp"] * 6022.14076, rel=1e-9)


def test_squid_at_18_5_matches_hodgkin_huxley_and_keynes():
    g = glued_values("action_potentials")
    # HH 1952 computed 4.33 pmol/cm² at 18.5 °C; Keynes & Lewis 1951 measured ~3.5-4 pmol/cm²
    assert 3.0 < g["sq18_na"] < 5.0
    # Attwell & Laughlin 2001 took "about 4 times the minimum" from the squid
    assert 3.0 < g["sq18_excess"] < 5.0
    # at 6.3 °C the text says "about 13"
    assert 11.0 < g["sq_excess"] < 15.0


def test_mammalian_efficiency_matches_measurements(g):
    # Carter & Bean 2009: 1.2-2 times the minimum in mouse central neurons; Alle et al. 2009: 1.3
    assert 1.0 < g["mam_excess"] < 2.0


def test_repetitive_firing_threshold_matches_rinzel_miller(g):
    # Rinzel & Miller 1980: onset of periodic firing of the HH equations at I ≈ 6.26 µA/cm²
    assert abs(g["fi_onset_sq"] - 6.26) <= 0.5
    assert g["fi_max_sq_isi"] == pytest.approx(1000.0 / g["fi_max_sq"], rel=1e-12)


def test_rundown_closed_forms(g):
    # Δ[Na]i per spike = Q·4/d: pmol/cm² * 4/(d µm) -> 0.04 Q/d mM
    assert g["giant_step_mM"] == pytest.approx(0.04 * g["sq_na"] / 500.0, rel=1e-9)
    assert g["giant_step_ppm"] == pytest.approx(g["giant_step_mM"] / 50.0 * 1e6, rel=1e-9)
    assert g["thin_step_mM"] == pytest.approx(0.04 * g["mam_na"] / 0.2, rel=1e-9)
    # spikes until E_Na falls by 10 mV: [Na]i0 (e^{10/(RT/F)} - 1) / step
    n_giant = 50.0 * (math.exp(10.0 / rt_f(6.3)) - 1.0) / (0.04 * g["sq_na"] / 500.0)
    n_thin = 12.0 * (math.exp(10.0 / rt_f(37.0)) - 1.0) / (0.04 * g["mam_na"] / 0.2)
    assert g["giant_n"] == pytest.approx(n_giant, rel=1e-6)
    assert g["thin_n"] == pytest.approx(n_thin, rel=1e-6)
    assert g["giant_thin_ratio"] == pytest.approx(500.0 / 0.2, rel=1e-9)
    assert g["giant_min_10hz"] == pytest.approx(n_giant / 10 / 60, rel=1e-6)


def test_sustainable_rate_closed_form(g):
    # Kager et al. 2000 pump: J = Jmax (Na/(Na+10))^3 (K/(K+3.5))^2; at steady state the extra
    # pump flux at the criterion [Na]i (E_Na 10 mV lower) balances the load f·Q
    def f_max(na0, k_o, q, t_c):
        fk = (k_o / (k_o + 3.5)) ** 2
        na_c = na0 * math.exp(10.0 / rt_f(t_c))
        j = lambda na: 16.6 * fk * (na / (na + 10.0)) ** 3
        return 3 * (j(na_c) - j(na0)) / q

    assert g["f_max_sq"] == pytest.approx(f_max(50.0, 20.0, g["sq_na"], 6.3), rel=1e-6)
    assert g["f_max_mam"] == pytest.approx(f_max(12.0, 5.0, g["mam_na"], 37.0), rel=1e-6)


def test_locked_open_numbers(g):
    assert g["lock_spikes"] == 1
    # depolarisation block: stuck well above threshold but below E_Na (50 mV) because K+ channels are open
    assert -40.0 < g["lock_plateau_mV"] < 50.0
    assert g["lock_vs_pump"] == pytest.approx(g["lock_na_pmol_s"] / (3 * 16.6), rel=1e-9)
    assert g["lock_giant_s"] == pytest.approx(g["giant_n"] * g["sq_na"] / g["lock_na_pmol_s"], rel=1e-9)
    assert 0 < g["lock_block_sq_pct"] <= g["lock_pct"]
    assert 0 < g["lock_block_mam_pct"] <= g["lock_pct"]


def test_refractory_numbers_match_the_model(g):
    from nakmodel.hh import MAMMALIAN_WB, refractory_periods

    sq, sq18 = refractory_periods("squid"), refractory_periods("squid", 18.5)
    mam = refractory_periods("mammalian")
    for key, value in {
        "rp_sq_abs": sq.absolute_ms, "rp_sq_rel": sq.relative_ms, "rp_sq_h_abs": sq.h_at_absolute,
        "rp_sq_h_rest": sq.h_rest, "rp_sq_n_abs": sq.n_at_absolute, "rp_sq_n_rest": sq.n_rest,
        "rp_sq18_abs": sq18.absolute_ms, "rp_sq18_rel": sq18.relative_ms,
        "rp_mam_abs": mam.absolute_ms, "rp_mam_rel": mam.relative_ms, "rp_mam_h_abs": mam.h_at_absolute,
        "rp_mam_h_rest": mam.h_rest, "rp_mam_n_abs": mam.n_at_absolute, "rp_mam_n_rest": mam.n_rest,
        "rp_pulse": sq.pulse_ms, "rp_factor_abs": sq.absolute_factor,
    }.items():
        assert g[key] == pytest.approx(value, rel=1e-12), key
    # closed forms
    assert g["rp_sq_max_hz"] == pytest.approx(1000.0 / g["rp_sq_abs"], rel=1e-12)
    assert g["rp_sq18_max_hz"] == pytest.approx(1000.0 / g["rp_sq18_abs"], rel=1e-12)
    assert g["rp_mam_max_hz"] == pytest.approx(1000.0 / g["rp_mam_abs"], rel=1e-12)
    assert g["rp_phi18"] == pytest.approx(3.0 ** 1.22, rel=1e-12)
    assert g["rp_pct_rel"] == pytest.approx(10.0, rel=1e-9)
    assert g["rp_mam_tau_ms"] == pytest.approx(MAMMALIAN_WB.c_uF_cm2 / MAMMALIAN_WB.g_leak_mS_cm2, rel=1e-12)


def test_refractory_claims_in_the_prose(g):
    # "a few milliseconds" (HH 1952, Fig. 20) for the squid at 6.3 °C; absolute < relative
    assert 3.0 < g["rp_sq_abs"] < 8.0 and g["rp_sq_abs"] < g["rp_sq_rel"]
    assert g["rp_mam_abs"] < g["rp_mam_rel"]
    # "h has recovered only to ... (at rest ...)", "n is still ... (at rest ...)"
    assert g["rp_sq_h_abs"] < g["rp_sq_h_rest"] and g["rp_sq_n_abs"] > g["rp_sq_n_rest"]
    assert g["rp_mam_h_abs"] < g["rp_mam_h_rest"] and g["rp_mam_n_abs"] > g["rp_mam_n_rest"]
    # warming shortens both periods, "by a little less than" the factor phi
    assert g["rp_sq_abs"] / g["rp_phi18"] < g["rp_sq18_abs"] < g["rp_sq_abs"]
    assert g["rp_sq_rel"] / g["rp_phi18"] < g["rp_sq18_rel"] < g["rp_sq_rel"]
    # "the mammalian relative period is longer than the squid's at 6.3 °C"
    assert g["rp_mam_rel"] > g["rp_sq_rel"]
    # the ceiling 1/ARP is above the highest rate the f-I curve reaches
    assert g["fi_max_sq"] < g["rp_sq_max_hz"]
    assert g["fi_max_mam"] < g["rp_mam_max_hz"]
