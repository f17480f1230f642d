"""The stoichiometry explorer's time course (LSODA at rtol 1e-4, chosen for speed) against an
independent tight run of the same cell (BDF at rtol 1e-9, a different integrator).

Settings: the corners of the explorer's range and random points inside it, every variant and
both bases. Criterion: 0.01 mV and 0.01 mM at every one of the 90 output times (what the figure
and the readout can show is 0.1 mV and 0.1 mM).
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from nakmodel import ParameterError
from nakmodel.cell import simulate_cell
from nakmodel.stoichiometry import T_EVAL, T_MAX_S, _rest, cell_params, switch_time_course

CORNERS = [(0.02, 200.0), (0.02, 2000.0), (0.15, 200.0), (0.15, 2000.0)]
_rng = random.Random(20261202)
INSIDE = [(round(_rng.uniform(0.02, 0.15), 3), float(_rng.randrange(200, 2001, 20))) for _ in range(3)]
VARIANTS = [(3, 3), (2, 2), (1, 1), (0, 0)]


def _tight(ratio, density, variant, basis):
    p, rest = cell_params(ratio, density), _rest(ratio, density)
    if variant == (0, 0):
        return simulate_cell(p, T_MAX_S, pump_fraction=0.0, initial=rest, t_eval=T_EVAL, rtol=1e-9)
    scale = 3.0 / variant[0] if basis == "same_na_flux" else 1.0
    pv = replace(p, pump_na=variant[0], pump_k=variant[1],
                 pump_density_per_um2=p.pump_density_per_um2 * scale)
    return simulate_cell(pv, T_MAX_S, initial=rest, t_eval=T_EVAL, rtol=1e-9)


@pytest.mark.parametrize("ratio,density", CORNERS + INSIDE)
def test_fast_course_matches_a_tight_bdf_run(ratio, density):
    for variant in VARIANTS:
        for basis in (("same_atp",) if variant == (0, 0) else ("same_atp", "same_na_flux")):
            t, v, na, k = switch_time_course(ratio, density, variant, basis)
            ref = _tight(ratio, density, variant, basis)
            assert np.array_equal(t, ref.t_s)
            assert np.max(np.abs(v - ref.v_mV)) <= 0.01, (variant, basis)
            assert np.max(np.abs(na - ref.na_in)) <= 0.01, (variant, basis)
            assert np.max(np.abs(k - ref.k_in)) <= 0.01, (variant, basis)


def test_simulate_cell_names_the_integrators_it_accepts():
    with pytest.raises(ParameterError, match="method.*'BDF', 'LSODA'"):
        simulate_cell(duration_s=1.0, method="RK45")
