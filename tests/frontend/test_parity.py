"""Each JavaScript port (frontend/ports/) against nakmodel on random parameter sets.

For every explorer, N_CASES sets of control values drawn uniformly inside the controls'
ranges go through the Python app's ``compute`` (which calls nakmodel) and through the port in
Node; results must agree within the tolerances stated per explorer.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nakmodel.widgets.live import EnergyLive, GHKLive, NernstLive

from .node import run_port

N_CASES = 60


def random_values(app, rng, n):
    """Uniform inside each control's range (log-uniform for logarithmic controls)."""
    def draw(c):
        if c.log:
            return float(10 ** rng.uniform(math.log10(c.minimum), math.log10(c.maximum)))
        return float(rng.uniform(c.minimum, c.maximum))

    return [{**{c.name: draw(c) for c in app.controls},
             **{m.name: m.options[int(rng.integers(len(m.options)))] for m in app.choices}} for _ in range(n)]


def flatten(result, prefix=""):
    """``{"E": {"Na": 1}}`` -> ``{"E.Na": 1.0}`` (lists by index)."""
    if isinstance(result, dict):
        out = {}
        for k, v in result.items():
            out.update(flatten(v, f"{prefix}{k}."))
        return out
    if isinstance(result, (list, tuple)):
        out = {}
        for i, v in enumerate(result):
            out.update(flatten(v, f"{prefix}{i}."))
        return out
    return {prefix.rstrip("."): float(result)}


# explorer class, absolute tolerance (result units), relative tolerance, why
CASES = [
    # the same closed form with the same constants in double precision: only rounding differs
    (NernstLive, 1e-9, 1e-12, "E = RT/zF ln(co/ci), mV"),
    # GHK: same closed form; the swept ratios (numpy.geomspace vs lo*(hi/lo)**(i/(n-1))) agree to ~1e-15
    (GHKLive, 1e-9, 1e-9, "GHK voltage and its P_Na/P_K sweep, mV"),
    # energy arithmetic: products and sums of the same numbers; ATP counts ~1e9, shares ~0.1
    (EnergyLive, 1e-12, 1e-12, "ATP per spike and per second, membrane area, brain budget shares"),
]


@pytest.mark.parametrize("cls,atol,rtol,what", CASES, ids=[c[0].name for c in CASES])
def test_port_matches_nakmodel(cls, atol, rtol, what):
    app = cls()
    rng = np.random.default_rng(12)
    cases = random_values(app, rng, N_CASES)
    js = run_port(app.name, app.params(), cases)
    assert len(js) == N_CASES
    worst = 0.0
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want = flatten(app.compute(values))
        got = flatten(got)
        assert set(got) == set(want)
        for key, w in want.items():
            assert math.isclose(got[key], w, rel_tol=rtol, abs_tol=atol), (what, key, values, got[key], w)
            worst = max(worst, abs(got[key] - w))
    print(f"{app.name}: {N_CASES} random sets, largest difference {worst:.2e} ({what})")


def test_nernst_port_closed_form():
    """Independent check of the port: E_K at 10/140 mM, 20 °C with CODATA 2018 R and F."""
    app = NernstLive()
    values = {**app.values, "k_out": 10.0, "k_in": 140.0, "temperature_C": 20.0}
    (got,) = run_port("nernst", app.params(), [values])
    expected = 8.314462618 * 293.15 / 96485.33212 * 1e3 * math.log(10 / 140)
    assert got["E"]["K"] == pytest.approx(expected, abs=1e-9)
    assert got["E"]["K"] == pytest.approx(-66.7, abs=0.05)


def test_port_refuses_nonpositive_concentration():
    app = NernstLive()
    (got,) = run_port("nernst", app.params(), [{**app.values, "na_in": 0.0}])
    assert "must be above 0" in got["error"]


def test_ghk_port_reduces_to_nernst_with_only_k_channels():
    """Independent check: with P_Na = P_Cl = 0 the GHK voltage is E_K (closed form, CODATA 2018)."""
    app = GHKLive()
    (got,) = run_port("ghk", {**app.params()}, [{**app.values, "pna_pk": 0.0, "pcl_pk": 0.0}])
    e_k = 8.314462618 * (app.params()["temperature_C"] + 273.15) / 96485.33212 * 1e3 * math.log(5 / 140)
    assert got["vm"] == pytest.approx(e_k, abs=1e-9)
    assert got["sweep"]["ratio"][0] == pytest.approx(1e-3) and got["sweep"]["ratio"][-1] == pytest.approx(1.0)


def test_energy_port_against_hand_arithmetic():
    """Independent check: ATP per spike = Na+/3 x area x N_A (Na+ 3 per ATP, Skou 1957)."""
    app = EnergyLive()
    values = {**app.values, "axon_diameter_um": 1.0, "axon_length_mm": 0.1, "rate_hz": 10.0}
    (got,) = run_port("energy", app.params(), [values])
    area_cm2 = (math.pi * 20.0**2 + math.pi * 1.0 * 100.0) * 1e-8  # 20 µm soma sphere + 1 µm x 100 µm axon
    na = app.params()["na_entry_pmol_cm2"][values["spike_model"]]
    assert got["area_cm2"] == pytest.approx(area_cm2, rel=1e-12)
    assert got["atp_per_spike"] == pytest.approx(na / 3 * 1e-12 * area_cm2 * 6.02214076e23, rel=1e-12)
    assert got["atp_per_s"] == pytest.approx(10 * got["atp_per_spike"], rel=1e-12)
    assert sum(got["budget"]["total_shares"].values()) == pytest.approx(1.0, abs=1e-12)
