"""The anoxia energy model: adenylate pool bookkeeping, ΔG_ATP, and the pump it gates in the cell.

Independent checks: conservation of the adenine nucleotides, the adenylate-kinase
equilibrium and the phosphate balance (written out here), ΔG_ATP from its
definition, and detailed balance of the cycle model in the cell
(net pump flux zero where ΔG_ATP + ΔG_transport = 0).
"""

import math
from dataclasses import replace

import numpy as np
import pytest

from nakmodel import ParameterError
from nakmodel.anoxia import AnoxiaParams, adenylate_time_course, adenylates_at, anoxia_atp_time_course
from nakmodel.cell import CellParams, cell_steady_state, simulate_cell

R, F = 8.314462618, 96485.33212
RT_KJ = R * 310.15 / 1e3


@pytest.mark.parametrize("atp", [3.0, 2.0, 1.0, 0.3, 0.05, 0.01])
def test_pool_conservation_kinase_equilibrium_and_phosphate_balance(atp):
    p = AnoxiaParams()
    a = adenylates_at(atp, p)
    amp0 = p.adp0_mM ** 2 / (p.adenylate_kinase_K * p.atp0_mM)
    assert a.atp_mM + a.adp_mM + a.amp_mM == pytest.approx(p.atp0_mM + p.adp0_mM + amp0, rel=1e-12)
    assert a.atp_mM * a.amp_mM == pytest.approx(p.adenylate_kinase_K * a.adp_mM ** 2, rel=1e-9)
    released = (2 * p.atp0_mM + p.adp0_mM) - (2 * a.atp_mM + a.adp_mM) + (p.pcr0_mM - a.pcr_mM)
    assert a.pi_mM - p.pi0_mM == pytest.approx(released, rel=1e-9, abs=1e-12)
    dg = -30.5 + RT_KJ * math.log(a.adp_mM * 1e-3 * a.pi_mM * 1e-3 / (a.atp_mM * 1e-3))
    assert a.dg_atp_kJ_per_mol == pytest.approx(dg, abs=1e-9)


def test_free_energy_falls_below_the_pump_need_well_before_atp_is_gone():
    # the pump needs ~43 kJ/mol at rest (3 Na+ out, 2 K+ in, -70 mV); ΔG_ATP crosses that near 1 mM ATP
    need = 3 * RT_KJ * math.log(145 / 12) + 2 * RT_KJ * math.log(140 / 5) + F * 0.070 * 1e-3
    assert 42 < need < 45
    assert adenylates_at(3.0).dg_atp_kJ_per_mol < -need < adenylates_at(0.5).dg_atp_kJ_per_mol
    # at the 10 µM floor, with ADP and Pi high, ΔG_ATP is near -30 to -35 kJ/mol
    assert -36 < adenylates_at(0.01).dg_atp_kJ_per_mol < -29


def test_time_course_and_recovery():
    t = np.array([0.0, 60.0, 3600.0, 3600.0 + 600.0])
    atp = anoxia_atp_time_course(t, restart_s=3600.0)
    assert atp[0] == pytest.approx(3.0)
    assert atp[1] == pytest.approx(0.01 + 2.99 * math.exp(-1), rel=1e-12)
    assert atp[3] == pytest.approx(3.0 - (3.0 - atp[2]) * math.exp(-10), rel=1e-12)
    a = adenylate_time_course(t, restart_s=3600.0)
    assert a.dg_atp_kJ_per_mol[3] < -55


def test_simulate_cell_feels_the_free_energy():
    """Detailed balance: held at a ΔG_ATP just below what the pump needs, the cycle-model pump runs
    backwards."""
    p = replace(CellParams(), pump_model="cycle")
    rest = cell_steady_state(p)
    need = (3 * RT_KJ * math.log(145 / rest.na_in) + 2 * RT_KJ * math.log(rest.k_in / 5.0)
            - F * rest.v_mV * 1e-6)
    weak = simulate_cell(p, 1.0, atp_free_energy_kJ_per_mol=-(need - 2.0), t_eval=[0.0, 1.0])
    strong = simulate_cell(p, 1.0, atp_free_energy_kJ_per_mol=-(need + 2.0), t_eval=[0.0, 1.0])
    assert weak.pump_current_uA_cm2[0] < 0 < strong.pump_current_uA_cm2[0]
    # a time course (t, values) is accepted too
    tc = simulate_cell(p, 10.0, atp_free_energy_kJ_per_mol=([0.0, 10.0], [-55.0, -30.0]), t_eval=[0.0, 10.0])
    assert tc.pump_current_uA_cm2[-1] < 0


def test_fast_pump_refuses_a_free_energy():
    with pytest.raises(ParameterError, match="atp_free_energy_kJ_per_mol"):
        simulate_cell(replace(CellParams(), pump_model="fast"), 1.0, atp_free_energy_kJ_per_mol=-40.0)


@pytest.mark.parametrize("call, name", [
    (lambda: anoxia_atp_time_course(-1.0), "t_s"),
    (lambda: adenylates_at(5.0), "atp_mM"),
    (lambda: adenylates_at(0.0), "atp_mM"),
])
def test_bad_input(call, name):
    with pytest.raises(ParameterError, match=name):
        call()
