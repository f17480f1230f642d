"""Numbers in the pump-cycle chapter equal closed forms computed here (or literature ranges)."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212
T = 310.15
RT = R * T / 1e3  # kJ/mol
FV = F * -0.070 / 1e3  # kJ/mol per unit charge at -70 mV (negative)


@pytest.fixture(scope="module")
def g():
    return glued_values("pump_cycle")


def test_cost_of_one_cycle_closed_form(g):
    na = 3 * (RT * math.log(145 / 12) - FV)  # 3 Na+ out, against concentration and voltage
    k = 2 * (RT * math.log(140 / 5) + FV)  # 2 K+ in, voltage helps
    assert g["cost_na"] == pytest.approx(na, rel=1e-9)
    assert g["cost_k"] == pytest.approx(k, rel=1e-9)
    assert g["pump_cost"] == pytest.approx(na + k, rel=1e-9)
    # the exam answer worked by hand with RT = 2.58 kJ/mol and F = 96.5 kJ/(mol V): 39.6 + 3.7 = 43.3
    assert g["pump_cost"] == pytest.approx(3 * (2.58 * math.log(145 / 12) + 96.5 * 0.070)
                                           + 2 * (2.58 * math.log(140 / 5) - 96.5 * 0.070), abs=0.15)


def test_atp_free_energy_closed_form_and_literature(g):
    by_hand = -30.5 + RT * math.log(0.05e-3 * 2e-3 / 3e-3)
    assert g["dg_atp_conc"] == pytest.approx(by_hand, rel=1e-9)
    # cytosolic ΔG_ATP is usually quoted between about -50 and -65 kJ/mol
    assert -65 < g["dg_atp_conc"] < -50 and -65 < g["dg_atp_model"] < -50
    assert g["cost_fraction_pct"] == pytest.approx(100 * g["pump_cost"] / -g["dg_atp_model"], rel=1e-12)
    assert g["dg_cycle"] == pytest.approx(g["dg_atp_model"] + g["pump_cost"], rel=1e-12)


def test_reversal_potentials_closed_form(g):
    chem = 3 * RT * math.log(145 / 12) + 2 * RT * math.log(140 / 5)
    assert g["v_rev"] == pytest.approx((chem - 55.0) / (F / 1e3) * 1e3, rel=1e-9)
    assert g["v_rev_dg30"] == pytest.approx((chem - 30.0) / (F / 1e3) * 1e3, rel=1e-9)
    # equivalent statement: V_rev = -70 mV - (spare energy)/F
    assert g["v_rev"] == pytest.approx(-70.0 + g["dg_cycle"] / (F / 1e3) * 1e3, rel=1e-9)


def test_turnover_against_literature(g):
    # maximal turnover of the order of 100-300/s (seeds; Läuger 1991): the model's maximum is in range,
    # and at rest the pump runs well below it
    assert 100 <= g["rate_max"] <= 300
    assert 20 < g["rate_rest"] < g["rate_max"] / 1.5
    assert g["rate_na30"] > 1.3 * g["rate_rest"]
    assert 80 <= g["k_sat_pct"] < 100  # "nearly saturates"


def test_backwards_numbers_have_the_signs_the_text_claims(g):
    assert g["v_rev_dg30"] > -70.0 and g["rate_dg30"] < 0
    assert g["v_rev"] > -260.0 and g["rate_v260"] < 0
    assert g["run_back_atp"] < 0 and g["run_back_atp_made"] == -g["run_back_atp"]
    assert g["run_fwd_atp"] > 0
