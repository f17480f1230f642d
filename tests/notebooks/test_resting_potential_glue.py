"""Numbers in "The resting potential" vs closed forms and literature values computed here."""

import math

import pytest

from .glue import glued_values

R, F, E, NA = 8.314462618, 96485.33212, 1.602176634e-19, 6.02214076e23
RT_F = R * 310.15 / F * 1e3
OUT = {"Na": 145.0, "K": 5.0, "Cl": 110.0}
IN = {"Na": 12.0, "K": 140.0, "Cl": 8.0}  # the reference neuron (Hille 2001 ranges; pump-leak steady state)


def ghk(pk, pna, pcl, out=OUT, inside=IN):
    num = pk * out["K"] + pna * out["Na"] + pcl * inside["Cl"]
    den = pk * inside["K"] + pna * inside["Na"] + pcl * out["Cl"]
    return RT_F * math.log(num / den)


@pytest.fixture(scope="module")
def g():
    return glued_values("resting_potential")


def test_ghk_values_match_closed_form(g):
    assert g["e_k"] == pytest.approx(RT_F * math.log(5 / 140), rel=1e-9)
    assert g["e_na"] == pytest.approx(RT_F * math.log(145 / 12), rel=1e-9)
    assert g["ghk_pna0"] == pytest.approx(g["e_k"], abs=1e-9)
    assert g["ghk_001"] == pytest.approx(ghk(1, 0.01, 0), rel=1e-9)
    assert g["ghk_005"] == pytest.approx(ghk(1, 0.05, 0), rel=1e-9)
    assert g["ghk_hk"] == pytest.approx(ghk(1, 0.04, 0.45), rel=1e-9)
    assert g["ghk_default"] == pytest.approx(ghk(1, g["pna_pk"], g["pcl_pk"]), rel=1e-9)
    assert g["ghk_ko10"] == pytest.approx(ghk(1, g["pna_pk"], g["pcl_pk"], out=dict(OUT, K=10.0)), rel=1e-9)
    # prose: doubling [K]o moves Vm less than E_K
    assert 0 < g["ghk_ko10"] - g["ghk_default"] < g["e_k_ko10"] - g["e_k"]
    # Hodgkin & Katz 1949: P_Na/P_K about 0.04; the model's ratio is in the 0.01-0.1 range
    assert 0.01 <= g["pna_pk"] <= 0.1


def test_steady_state_near_textbook_values(g):
    # Hille 2001, Table 1.1: Vm about -70 mV, [Na]i 5-15 mM, [K]i about 140 mM
    assert g["ss_v"] == pytest.approx(-70.0, abs=1.0)
    assert 5.0 <= g["ss_na"] <= 15.0
    assert g["ss_k"] == pytest.approx(140.0, abs=5.0)
    # E's recomputed from the glued concentrations
    assert g["ss_e_na"] == pytest.approx(RT_F * math.log(145 / g["ss_na"]), rel=1e-9)
    assert g["ss_e_k"] == pytest.approx(RT_F * math.log(5 / g["ss_k"]), rel=1e-9)
    # Cl- passively distributed at steady state: E_Cl = Vm
    assert -RT_F * math.log(110 / g["ss_cl"]) == pytest.approx(g["ss_v"], abs=1e-3)


def test_currents_balance_and_atp_by_hand(g):
    # 3 Na+ out, 2 K+ in, 1 net charge per cycle: the leaks return exactly that
    assert g["i_na_leak"] == pytest.approx(-3 * g["i_pump"], rel=1e-6)
    assert g["i_k_leak"] == pytest.approx(2 * g["i_pump"], rel=1e-6)
    area_cm2 = math.pi * (g["diameter"] * 1e-4) ** 2
    cycles = g["i_pump"] * 1e-6 / E * area_cm2
    assert g["atp_per_cell_millions"] == pytest.approx(cycles / 1e6, rel=1e-4)
    pumps = g["pump_density"] * math.pi * g["diameter"] ** 2
    assert g["cycles_per_pump"] == pytest.approx(cycles / pumps, rel=1e-4)
    # seeds: each pump cycles "100-300 times per second" at most; at rest the model runs below that
    assert 10 < g["cycles_per_pump"] < 300
    assert g["power_atp"] == pytest.approx(cycles / NA * g["dg_atp"] * 1e3 * 1e12, rel=1e-6)


def test_power_balance(g):
    """Stored = dissipated at steady state, and below what ATP supplies (second law)."""
    assert g["power_stored"] == pytest.approx(g["power_spent"], rel=1e-4)
    assert 0 < g["efficiency_pct"] < 100
    # by hand: Sum I (V - E) * area
    area_cm2 = math.pi * (g["diameter"] * 1e-4) ** 2
    diss = ((g["i_na_leak"] * (g["ss_v"] - g["ss_e_na"]) + g["i_k_leak"] * (g["ss_v"] - g["ss_e_k"]))
            * area_cm2 * 1e3)
    assert g["power_spent"] == pytest.approx(diss, rel=1e-4)


def test_direct_share_and_3_to_3(g):
    # Thomas 1972: electrogenic pump contributes a few mV at rest
    assert -10.0 < g["direct_mv"] < -1.0
    assert g["ss_v_ghk"] - g["ss_v"] == pytest.approx(-g["direct_mv"], abs=1e-9)
    assert g["v_32"] == pytest.approx(g["ss_v"], abs=1e-6)
    assert 2.0 < g["dv_33"] < 10.0
    assert abs(g["na_33"] - g["ss_na"]) < 3.0 and abs(g["k_33"] - g["ss_k"]) < 3.0


def test_pump_block_two_phases(g):
    assert 2.0 < g["block_jump"] < 10.0
    assert g["block_jump"] < g["block_10min"] < g["block_60min"]
    assert g["block_60min"] > 20.0
    assert g["block_60min_na"] > g["ss_na"] and g["block_60min_k"] < g["ss_k"]
    assert g["block_60min_swell_pct"] > 0


def test_leak_sets_the_bill(g):
    assert abs(g["half_atp_change_pct"]) < 10.0
    assert g["half_na"] > g["ss_na"]
    assert g["pna2_atp_change_pct"] > 30.0
    assert g["pna2_v"] > g["ss_v"]
