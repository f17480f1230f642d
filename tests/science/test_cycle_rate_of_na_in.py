"""nakmodel.pump.cycle_rate_of_na_in (the scalar form the run-down integrates) equals pump_cycle_rate."""

import numpy as np
import pytest

from nakmodel import ParameterError
from nakmodel.pump import cycle_rate_of_na_in, pump_cycle_rate


def test_equals_pump_cycle_rate_on_random_conditions():
    rng = np.random.default_rng(4)
    for _ in range(200):
        kw = {"na_out_mM": float(rng.uniform(100, 500)), "k_in_mM": float(rng.uniform(50, 400)),
              "atp_free_energy_kJ_per_mol": float(rng.uniform(-80, -20)),
              "temperature_C": float(rng.uniform(0, 45)), "atp_mM": float(10 ** rng.uniform(-2, 1))}
        k_out, v = float(rng.uniform(0.2, 30)), float(rng.uniform(-200, 60))
        na = float(10 ** rng.uniform(0, 3))
        want = pump_cycle_rate(na, k_out, v, **kw)
        scale = abs(pump_cycle_rate(2000.0, k_out, v, **kw)) + abs(want)
        assert cycle_rate_of_na_in(k_out, v, **kw)(na) == pytest.approx(want, rel=1e-11, abs=1e-12 * scale)


def test_checks_its_inputs():
    with pytest.raises(ParameterError, match="v_mV"):
        cycle_rate_of_na_in(5.0, 500.0)
    with pytest.raises(ParameterError, match="na_in_mM"):
        cycle_rate_of_na_in(5.0, -70.0)(0.0)
