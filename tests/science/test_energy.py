"""Tests of nakmodel.energy against published budgets and closed forms."""

import math

import pytest

from nakmodel import ParameterError
from nakmodel.energy import (
    BUDGETS,
    atp_per_spike,
    atp_rate_per_cell,
    brain_energy_budget,
    neuron_membrane_area_cm2,
)


def test_atp_per_spike_is_na_over_three():
    assert atp_per_spike(4.5) == 1.5


def test_atp_per_cell_closed_form():
    # 3 pmol/cm² Na -> 1 pmol/cm² ATP; 1e-4 cm² -> 1e-16 mol -> 6.022e7 molecules
    r = atp_rate_per_cell(3.0, 10.0, 1e-4)
    assert r.atp_per_spike_molecules == pytest.approx(1e-16 * 6.02214076e23, rel=1e-12)
    assert r.atp_per_second_molecules == pytest.approx(10 * r.atp_per_spike_molecules)


def test_area_closed_form():
    assert neuron_membrane_area_cm2(10.0, 1.0, 1000.0) == pytest.approx(
        (math.pi * 100 + math.pi * 1000) * 1e-8)


@pytest.mark.parametrize("source", list(BUDGETS))
def test_budget_shares_sum_to_one(source):
    b = brain_energy_budget(4.0, source=source)
    assert sum(b.signalling_shares.values()) == pytest.approx(1.0)
    assert sum(b.total_shares.values()) == pytest.approx(1.0)
    assert b.total_shares["housekeeping"] == pytest.approx(0.25)


def test_budget_matches_published_shares_at_4hz():
    # Attwell & Laughlin 2001 abstract: APs 47%, postsynaptic 34%, resting 13%, recycling 3%
    a = brain_energy_budget(4.0, source="attwell_laughlin_2001").signalling_shares
    assert (a["action_potentials"], a["postsynaptic"], a["resting_potentials"], a["glutamate_recycling"]) == \
        pytest.approx((0.47, 0.34, 0.13, 0.03))
    # Howarth, Gleeson & Attwell 2012 abstract (cortex): 50, 21, 20, 5, 4 %
    h = brain_energy_budget(4.0).signalling_shares
    assert (h["postsynaptic"], h["action_potentials"], h["resting_potentials"], h["presynaptic"],
            h["glutamate_recycling"]) == pytest.approx((0.50, 0.21, 0.20, 0.05, 0.04))


def test_pump_share_exceeds_seed_claim():
    # The seeds' "20-40%" understates the brain: the pump takes most signalling ATP and,
    # with 25% housekeeping, over half the total, consistent with Ames (2000) ~50%.
    b = brain_energy_budget()
    assert b.pump_share_of_signalling > 0.85
    assert 0.45 < b.pump_share_of_total < 0.8


def test_rate_scaling():
    lo, hi = brain_energy_budget(1.0), brain_energy_budget(10.0)
    assert lo.signalling_shares["resting_potentials"] > hi.signalling_shares["resting_potentials"]
    zero = brain_energy_budget(0.0)
    assert zero.signalling_shares["resting_potentials"] == pytest.approx(1.0)


def test_bad_input():
    with pytest.raises(ParameterError, match="rate_hz"):
        brain_energy_budget(-1.0)
    with pytest.raises(ParameterError, match="source"):
        brain_energy_budget(source="guess")
    with pytest.raises(ParameterError, match="na_entry_pmol_cm2"):
        atp_per_spike(float("nan"))


def test_geometry_defaults_and_cell_energy_bill():
    """cell_energy_bill = Na/3 x area x N_A x rate, by hand; the default area is the NeuronGeometry one."""
    from nakmodel.energy import NeuronGeometry, cell_energy_bill, spike_na_entry_pmol_cm2

    geo = NeuronGeometry()
    area = (math.pi * geo.soma_diameter_um**2 + math.pi * geo.axon_diameter_um * geo.axon_length_um) * 1e-8
    assert neuron_membrane_area_cm2() == pytest.approx(area, rel=1e-12)
    b = cell_energy_bill(10.0, axon_diameter_um=1.0, axon_length_um=1000.0, spike_model="squid-18.5")
    na = spike_na_entry_pmol_cm2("squid", 18.5)
    area1 = (math.pi * 20.0**2 + math.pi * 1.0 * 1000.0) * 1e-8
    assert b.cell.atp_per_second_molecules == pytest.approx(na / 3 * 1e-12 * area1 * 6.02214076e23 * 10,
                                                            rel=1e-12)
    assert b.atp_per_second_grid[-1] == pytest.approx(b.cell.atp_per_spike_molecules * 100.0, rel=1e-12)
    assert b.glucose_per_second == pytest.approx(b.cell.atp_per_second_molecules / 31.0, rel=1e-12)
    with pytest.raises(ParameterError, match="spike_model"):
        cell_energy_bill(4.0, spike_model="frog")
