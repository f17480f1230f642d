"""Numbers in the chapter text equal closed-form values computed here."""

import math

import pytest

from .glue import glued_values

R, F = 8.314462618, 96485.33212


def test_glued_potentials_match_closed_form():
    g = glued_values("ion_gradients")
    rt_f = R * 310.15 / F * 1e3
    assert g["e_na"] == pytest.approx(rt_f * math.log(145 / 12), rel=1e-9)
    assert g["e_k"] == pytest.approx(rt_f * math.log(5 / 140), rel=1e-9)
    assert g["e_cl"] == pytest.approx(-rt_f * math.log(110 / 8), rel=1e-9)
    assert g["decade_mv"] == pytest.approx(61.5, abs=0.05)
    assert g["ions_per_um2"] == pytest.approx(1e-14 * 0.070 / 1.602176634e-19, rel=1e-9)
    # the prose claims Na+ entry at rest releases energy (negative dG)
    assert g["dg_na_in_rest"] < 0
