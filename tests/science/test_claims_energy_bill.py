"""Claims of the chapter "The energy bill"."""

import pytest

import nakmodel as nak
from nakmodel import energy


@pytest.mark.parametrize("source", list(energy.BUDGETS))
@pytest.mark.parametrize("rate", [0.0, 1.0, 4.0, 20.0, 100.0])
def test_budget_shares_sum_to_one(source, rate):
    b = nak.brain_energy_budget(rate, source=source)
    assert sum(b.signalling_shares.values()) == pytest.approx(1.0, abs=1e-12)
    assert sum(b.total_shares.values()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("source", list(energy.BUDGETS))
def test_pump_share_lies_in_the_published_range(source):
    """At 4 Hz the pump's share of all brain ATP lies between Ames's ~50% and the budgets' ~70-75%,
    and clearly above the whole-body 20-30% of Rolfe & Brown (1997) - the chapter's correction."""
    b = nak.brain_energy_budget(4.0, source=source)
    assert 0.45 <= b.pump_share_of_total <= 0.80
    assert b.pump_share_of_total > 0.30
    assert 0.85 <= b.pump_share_of_signalling <= 1.0


def test_atp_per_second_is_linear_in_rate():
    na, area = 1.3, 4e-4
    base = nak.atp_rate_per_cell(na, 1.0, area).atp_per_second_molecules
    for rate in (0.0, 2.5, 4.0, 40.0, 500.0):
        assert (nak.atp_rate_per_cell(na, rate, area).atp_per_second_molecules
                == pytest.approx(rate * base, rel=1e-12))


def test_mammalian_spike_cheaper_than_squid():
    assert nak.spike_ion_budget("mammalian").atp_pmol_cm2 < nak.spike_ion_budget("squid", 18.5).atp_pmol_cm2
