"""Each JavaScript port (frontend/ports/) against nakmodel on random parameter sets.

For every explorer, N_CASES sets of control values drawn uniformly inside the controls'
ranges go through the Python app's ``compute`` (which calls nakmodel) and through the port in
Node; results must agree within the tolerances stated per explorer.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nakmodel.widgets.live import CotransportLive, EnergyLive, EpitheliumLive, GHKLive, NernstLive

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
    # SGLT limits (up to ~1e8), fluxes, E_Na, E_NCX: the same closed forms (pow, exp, log);
    # observed relative difference <= 5e-14
    (CotransportLive, 1e-9, 1e-12, "accumulation limits and curves, SGLT fluxes, E_Na, E_NCX"),
    # epithelium: the same nested Brent searches with the same tolerances (cell Na+ to 1e-13 mM, cell glucose
    # to 1e-15 mM, + 4 eps relative); 1e-9 leaves room for a last Brent step taken differently after a
    # last-bit difference of exp/pow between V8 and libm; observed <= 5e-12 (values up to ~5e3)
    (EpitheliumLive, 1e-9, 1e-9, "steady-state fluxes (mM/s), cell Na+ and glucose (mM), apical Vm (mV)"),
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


def test_cotransport_port_closed_form():
    """Independent check: SGLT1's limit (145/12)^2 exp(2F 60 mV/RT) at 37 °C, CODATA 2018 R and F."""
    app = CotransportLive()
    values = {**app.values, "v_mV": -60.0, "na_in": 12.0, "na_out": 145.0, "glucose_in": 0.0}
    (got,) = run_port("cotransport", app.params(), [values])
    rtf = 8.314462618 * 310.15 / 96485.33212 * 1e3
    assert got["ratio"]["SGLT1"] == pytest.approx((145 / 12) ** 2 * math.exp(120 / rtf), rel=1e-12)
    assert got["ratio"]["SGLT2"] == pytest.approx((145 / 12) * math.exp(60 / rtf), rel=1e-12)
    assert got["flux_ref"]["SGLT1"] == pytest.approx(10 / 10.5, rel=1e-12)  # no glucose inside: 10/(10 + 0.5)


def test_epithelium_port_conserves_glucose_and_sodium():
    """Independent of nakmodel's solver: the port's steady states balance glucose (SGLT1 = GLUT2) and Na+
    (2 per SGLT1 cycle + other entry = 3 per pump cycle) on 60 random settings."""
    app = EpitheliumLive()
    cases = random_values(app, np.random.default_rng(7), N_CASES)
    for values, r in zip(cases, run_port("epithelium", app.params(), cases), strict=True):
        assert "error" not in r, (values, r)
        assert r["sglt_flux_mM_s"] == pytest.approx(r["glut2_flux_mM_s"], abs=1e-9), values
        na_in = 2 * r["sglt_flux_mM_s"] + r["na_leak_mM_s"]
        assert na_in == pytest.approx(3 * r["pump_rate_mM_s"], abs=1e-9 * max(1.0, abs(na_in))), values


def test_epithelium_port_refuses_a_pump_fraction_out_of_range():
    app = EpitheliumLive()
    (got,) = run_port("epithelium", app.params(), [{**app.values, "pump_fraction": 1.5}])
    assert "between 0 and 1" in got["error"]
