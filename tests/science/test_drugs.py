"""Tests of nakmodel.drugs against the cited constants and closed-form binding kinetics."""

import numpy as np
import pytest

from nakmodel import ParameterError, pump_cycle_rate
from nakmodel.drugs import (
    OUABAIN_ISOFORMS,
    anoxia_atp_time_course,
    binding_time_constant_s,
    ouabain_block_time_course,
    ouabain_pump_fraction,
    pump_fraction_from_atp,
    washout_half_time_s,
)


@pytest.mark.parametrize("iso, ic50_uM", [
    ("rodent_alpha1", 48.0),     # O'Brien, Lingrel & Wallick 1994: IC50 4.8e-5 M
    ("rodent_alpha3", 1.6e-3),   # O'Brien et al. 1994: Kd 1.6 nM
    ("human_alpha1", 2.8e-3),    # Erdmann & Hasse 1975: Kd 0.28e-8 M
])
def test_half_block_at_cited_ic50(iso, ic50_uM):
    assert ouabain_pump_fraction(ic50_uM, iso) == pytest.approx(0.5, abs=1e-12)


def test_isoform_ordering():
    f = {k: ouabain_pump_fraction(1.0, k) for k in OUABAIN_ISOFORMS}
    assert f["rodent_alpha1"] > 0.95 and f["human_alpha1"] < 0.01 and f["rodent_alpha3"] < f["human_alpha1"]
    # O'Brien et al. 1994: rodent alpha1 IC50 at least 1000-fold above alpha2/alpha3
    assert OUABAIN_ISOFORMS["rodent_alpha1"].kd_uM / OUABAIN_ISOFORMS["rodent_alpha3"].kd_uM >= 1000


def test_human_rate_constants_within_measured_range():
    iso = OUABAIN_ISOFORMS["human_alpha1"]
    assert 4e4 <= iso.k_on_per_uM_s * 1e6 <= 6e4       # /M/s, Erdmann & Hasse 1975
    assert 1e-4 <= iso.k_off_per_s <= 4e-4              # /s, same source
    assert iso.k_off_per_s / iso.k_on_per_uM_s == pytest.approx(iso.kd_uM)


def test_isoforms_say_how_they_were_measured_and_are_immutable():
    kinds = {k: v.measured_as for k, v in OUABAIN_ISOFORMS.items()}
    assert kinds == {"human_alpha1": "binding K_d", "rodent_alpha3": "binding K_d",
                     "rodent_alpha1": "activity IC50"}
    with pytest.raises(TypeError):
        OUABAIN_ISOFORMS["human_alpha1"] = OUABAIN_ISOFORMS["rodent_alpha1"]


def test_time_constant_helpers_closed_form():
    kon, koff = 5e4 * 1e-6, 5e4 * 2.8e-9
    assert binding_time_constant_s(0.01, "human_alpha1") == pytest.approx(1 / (kon * 0.01 + koff), rel=1e-12)
    assert washout_half_time_s("human_alpha1") == pytest.approx(np.log(2) / koff, rel=1e-12)


def test_time_constant_closed_form():
    c = 0.01
    iso = OUABAIN_ISOFORMS["human_alpha1"]
    tau = 1.0 / (iso.k_on_per_uM_s * c + iso.k_off_per_s)
    b_inf = 1.0 - ouabain_pump_fraction(c, "human_alpha1")
    r = ouabain_block_time_course(c, [0.0, tau, 5 * tau], isoform="human_alpha1")
    assert r.bound[1] == pytest.approx(b_inf * (1 - np.exp(-1)), rel=1e-10)
    assert r.bound[2] == pytest.approx(b_inf * (1 - np.exp(-5)), rel=1e-10)
    assert 5 * 60 < tau < 60 * 60  # block at 10 nM develops over minutes to tens of minutes


def test_washout_recovery_follows_k_off():
    iso = OUABAIN_ISOFORMS["human_alpha1"]
    t = np.array([0.0, 3600.0, 3600.0 + 1000.0])
    r = ouabain_block_time_course(0.1, t, isoform="human_alpha1", washout_s=3600.0)
    assert r.bound[2] == pytest.approx(r.bound[1] * np.exp(-iso.k_off_per_s * 1000.0), rel=1e-10)
    assert r.conc_uM[2] == 0.0


def test_callable_concentration_matches_constant():
    t = np.linspace(0, 600, 61)
    a = ouabain_block_time_course(0.05, t, isoform="rodent_alpha3")
    b = ouabain_block_time_course(lambda tt: 0.05, t, isoform="rodent_alpha3")
    assert np.allclose(a.bound, b.bound, rtol=1e-12)


def test_atp_dependence_consistent_with_cycle_model():
    # the fast Michaelis-Menten factor should track the cycle model's own ATP dependence (within 10 %)
    for atp in (0.05, 0.1, 0.3, 1.0):
        cyc = pump_cycle_rate(15.0, 5.0, -70.0, atp_mM=atp) / pump_cycle_rate(15.0, 5.0, -70.0, atp_mM=3.0)
        assert pump_fraction_from_atp(atp) == pytest.approx(cyc, rel=0.1)


def test_anoxia_atp_falls_within_minutes():
    # Lowry et al. 1964: brain ATP falls to a small fraction within a few minutes of ischaemia
    assert anoxia_atp_time_course(0.0) == pytest.approx(3.0)
    assert anoxia_atp_time_course(300.0) < 0.3 * 3.0


@pytest.mark.parametrize("call, name", [
    (lambda: ouabain_pump_fraction(-1.0), "conc_uM"),
    (lambda: ouabain_pump_fraction(1.0, "dog_alpha9"), "isoform"),
    (lambda: ouabain_block_time_course(1.0, [2.0, 1.0]), "t_s"),
    (lambda: anoxia_atp_time_course(-5.0), "t_s"),
])
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ParameterError, match=name):
        call()
