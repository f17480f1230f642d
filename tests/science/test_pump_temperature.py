"""Temperature dependence of the pump: Q10 2.4 below 35 °C, 1.2 above (Glitsch & Pusch).

Checks use the definition of Q10 (rate ratio per 10 °C), not the code's numbers.
"""

import math

import pytest

from nakmodel import ParameterError
from nakmodel.pump import PumpParams, pump_cycle_rate, pump_rate_fast, pump_temperature_factor


def test_reference_temperature_is_one():
    assert pump_temperature_factor(37.0) == pytest.approx(1.0, abs=1e-12)


def test_q10_below_break_is_2_4_per_10_degrees():
    assert pump_temperature_factor(33.0) / pump_temperature_factor(23.0) == pytest.approx(2.4, rel=1e-12)


def test_q10_above_break_is_1_2_per_10_degrees():
    # 35 -> 42 °C is 0.7 of ten degrees
    assert pump_temperature_factor(42.0) / pump_temperature_factor(35.0) == pytest.approx(1.2**0.7, rel=1e-12)


def test_continuous_at_the_break():
    below, above = pump_temperature_factor(35.0 - 1e-9), pump_temperature_factor(35.0 + 1e-9)
    assert below == pytest.approx(above, rel=1e-8)


def test_squid_temperature_slows_the_pump_by_the_q10_law():
    # 6.3 °C: 2.4 per 10 °C from 35 down, then 1.2 per 10 °C from 35 up to 37
    expected = 2.4 ** ((6.3 - 35.0) / 10) * 1.2 ** ((35.0 - 37.0) / 10)
    assert pump_temperature_factor(6.3) == pytest.approx(expected, rel=1e-12)
    # at 0 mV the voltage terms (which contain RT/F) are 1, so only the factor remains
    assert pump_rate_fast(15.0, 5.0, 0.0, temperature_C=6.3) / pump_rate_fast(15.0, 5.0, 0.0) == \
        pytest.approx(expected, rel=1e-9)


def test_cycle_model_scales_all_rates_alike():
    # near the reversal potential the net rate is not simply scaled, but far from it (forward
    # running, backward steps negligible) the ratio tends to the factor; the thermal voltage
    # changes a little too, so allow a few per cent
    r30, r37 = pump_cycle_rate(50.0, 5.4, 0.0, temperature_C=30.0), pump_cycle_rate(50.0, 5.4, 0.0)
    assert r30 / r37 == pytest.approx(pump_temperature_factor(30.0), rel=0.05)


def test_flat_q10_option_reproduces_a_single_q10():
    p = PumpParams(q10_warm=2.4)
    assert pump_temperature_factor(27.0, p) == pytest.approx(2.4 ** -1.0, rel=1e-12)


def test_bad_temperature_names_the_parameter():
    with pytest.raises(ParameterError, match="temperature_C"):
        pump_temperature_factor(80.0)
    assert math.isfinite(pump_temperature_factor(0.0))
