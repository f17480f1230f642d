"""Numbers in the stoichiometry chapter checked against values computed here, independently."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212
RT_KJ = R * 310.15 / 1000.0
RT_F_MV = R * 310.15 / F * 1e3
OUT = {"Na": 145.0, "K": 5.0, "Cl": 110.0}
P = {"K": 1.0e-6, "Na": 5.41e-8, "Cl": 2.0e-7}  # CellParams defaults, cm/s


@pytest.fixture(scope="module")
def g():
    return glued_values("stoichiometry")


def test_resting_state_near_textbook_targets(g):
    # the cell was tuned to Hille 2001, Table 1.1: -70 mV, 12 mM Na+, 140 mM K+
    assert g["v_rest"] == pytest.approx(-70.0, abs=0.5)
    assert g["na_rest"] == pytest.approx(12.0, abs=0.5)
    assert g["k_rest"] == pytest.approx(140.0, abs=1.0)


def test_gradient_share_is_the_ghk_potential_by_hand(g):
    num = P["K"] * OUT["K"] + P["Na"] * OUT["Na"] + P["Cl"] * g["cl_rest"]
    den = P["K"] * g["k_rest"] + P["Na"] * g["na_rest"] + P["Cl"] * OUT["Cl"]
    v_ghk = RT_F_MV * math.log(num / den)
    assert g["v_ghk_32"] == pytest.approx(v_ghk, abs=1e-6)
    assert g["direct_32"] == pytest.approx(g["v_rest"] - v_ghk, abs=1e-6)
    assert g["direct_pct"] == pytest.approx(100 * g["direct_32"] / g["v_rest"], rel=1e-9)


def test_direct_share_is_pump_current_times_leak_resistance(g):
    """Independent estimate: ΔV ≈ -I_pump / G_leak, with G from the GHK chord slope near rest."""
    # slope conductance of the GHK leak by finite differences, computed here
    def i_ghk(ion, p, v, co, ci, z):
        u = z * v / RT_F_MV
        return p * z * F * 1e-2 * 100 * (ci - co * math.exp(-u)) * u / (1 - math.exp(-u))

    def total(v):
        return (i_ghk("Na", P["Na"], v, 145.0, g["na_rest"], 1) + i_ghk("K", P["K"], v, 5.0, g["k_rest"], 1)
                + i_ghk("Cl", P["Cl"], v, 110.0, g["cl_rest"], -1))

    gl = (total(g["v_rest"] + 0.01) - total(g["v_rest"] - 0.01)) / 0.02  # µA/cm² per mV
    assert total(g["v_rest"]) == pytest.approx(-g["i_pump"], rel=1e-3)  # leaks carry the pump current back
    assert g["direct_32"] == pytest.approx(-g["i_pump"] / gl, rel=0.1)


def test_pump_current_per_cell(g):
    area = math.pi * (20e-4) ** 2  # cm², 20 µm sphere
    assert g["i_pump_pA"] == pytest.approx(g["i_pump"] * area * 1e6, rel=1e-9)


def test_cycle_work_by_hand(g):
    v = g["v_rest"] * 1e-3
    na_out = RT_KJ * math.log(145.0 / g["na_rest"]) - F * v / 1000
    k_in = RT_KJ * math.log(g["k_rest"] / 5.0) + F * v / 1000
    assert g["dg_na_out"] == pytest.approx(na_out, abs=1e-9)
    assert g["dg_k_in"] == pytest.approx(k_in, abs=1e-9)
    for (n, m), key in (((3, 2), "dg_32"), ((3, 3), "dg_33"), ((2, 2), "dg_22"), ((1, 1), "dg_11"),
                        ((4, 2), "dg_42"), ((4, 1), "dg_41")):
        assert g[key] == pytest.approx(n * na_out + m * k_in, abs=1e-9)
    assert g["dg_per_ion_32"] == pytest.approx(g["dg_32"] / 5, rel=1e-12)
    assert g["dg_charge"] == pytest.approx(F * 0.070 / 1000, abs=0.01)
    assert g["efficiency_32"] == pytest.approx(100 * g["dg_32"] / 55.0, rel=1e-9)


def test_atp_free_energy_in_literature_range(g):
    # cytosolic ΔG_ATP about -55 to -60 kJ/mol (Veech et al. 1979; Berg et al. 2015 standard -30.5)
    assert -62.0 < g["dg_atp_typical"] < -52.0
    assert g["dg_atp_model"] == -55.0


def test_pump_reversal_by_hand(g):
    chem = 3 * RT_KJ * math.log(145.0 / g["na_rest"]) + 2 * RT_KJ * math.log(g["k_rest"] / 5.0)
    assert g["pump_vrev"] == pytest.approx((chem - 55.0) / F * 1e6, abs=1e-6)


def test_neutral_variants_and_block(g):
    assert g["direct_max_neutral"] < 1e-9
    assert g["v_diff_33"] == pytest.approx(g["v_33"] - g["v_32"], abs=1e-12)
    # the instantaneous depolarisation on block equals (minus) the direct share, within 0.1 mV
    assert g["block_jump"] == pytest.approx(-g["direct_32"], abs=0.1)
    assert g["block_v_01s"] == pytest.approx(g["v_ghk_32"], abs=0.1)
