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


# ----------------------------------------------------------------------------------------------
# The ouabain chapter: closed forms (dose–response) and the build-time grid (run-down)
# ----------------------------------------------------------------------------------------------
def test_ouabain_dose_port_matches_nakmodel():
    """Same closed forms: the port's exact exponentials vs nakmodel's step-by-step exact update
    (241 steps) differ only by rounding; fractions 0–1, time constants in s (relative)."""
    from nakmodel.widgets.live import OuabainDoseLive

    app = OuabainDoseLive()
    cases = random_values(app, np.random.default_rng(13), N_CASES)
    js = run_port(app.name, app.params(), cases)
    worst = 0.0
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want, got = flatten(app.compute(values)), flatten(got)
        assert set(got) == set(want)
        for key, w in want.items():
            rel = 1e-9 if key.startswith("tau_s") else 0.0
            assert math.isclose(got[key], w, rel_tol=rel, abs_tol=1e-9), (key, values, got[key], w)
            worst = max(worst, abs(got[key] - w) / (abs(w) if key.startswith("tau_s") else 1.0))
    print(f"ouabain_dose: {N_CASES} random sets, largest difference {worst:.2e}")


def test_ouabain_dose_port_closed_form():
    """Independent: at c = K_d half the pumps are blocked, and after washout the block decays with
    k_off = k_on K_d (Erdmann 1975: k_on 5e4 /M/s, K_d 2.8 nM for human α1), written out here."""
    from nakmodel.widgets.live import OuabainDoseLive

    app = OuabainDoseLive()
    (got,) = run_port(app.name, app.params(), [{"conc_uM": 2.8e-3, "washout_min": 60.0}])
    assert got["fraction"]["human_alpha1"] == pytest.approx(0.5, abs=1e-12)
    kon, koff = 5e4 * 1e-6, 5e4 * 1e-6 * 2.8e-3
    rate = kon * 2.8e-3 + koff
    assert got["tau_s"]["human_alpha1"] == pytest.approx(1 / rate, rel=1e-12)
    t = np.array(got["course"]["t_min"]) * 60
    b60 = 0.5 * (1 - math.exp(-rate * 3600))
    want = np.where(t <= 3600, 1 - 0.5 * (1 - np.exp(-rate * t)), 1 - b60 * np.exp(-koff * (t - 3600)))
    np.testing.assert_allclose(got["course"]["human_alpha1"], want, atol=1e-12)


def _pump_block_static():
    from nakmodel.widgets.live import PumpBlockLive

    app = PumpBlockLive()
    return app, {**app.params(), **app.static_params()}


def test_pump_block_port_reads_the_grid_as_nakmodel_does():
    """The page's lookup (snap to the grid, decode the embedded runs) against the Python app's
    compute (the same grid at full precision). Tolerance: half the integer step of the page's
    encoding (0.005 mV, 0.005 mM, 5e-5 of control volume / rest activity, 5e-5 mM ATP,
    0.005 kJ/mol); E_K from the rounded [K⁺]i within the error that rounding makes,
    RT/F · 0.005 mM / [K⁺]i (first order); everything else exact."""
    from nakmodel.widgets.live.ouabain import ANOXIA_FIELDS, GRID_FIELDS

    app, params = _pump_block_static()
    rng = np.random.default_rng(14)
    cases = random_values(app, rng, N_CASES)
    cases[0] = {**app.values, "cause": app.choices[0].options[1], "restart_min": 60.0}  # anoxia, restart
    js = run_port(app.name, params, cases)
    scales = {**GRID_FIELDS, **ANOXIA_FIELDS}
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want = app.compute(values)
        assert set(got) == set(want), (set(got) ^ set(want))
        for key, w in want.items():
            g = got[key]
            if key in scales:
                np.testing.assert_allclose(g, w, rtol=0, atol=0.5 / scales[key] + 1e-12, err_msg=key)
            elif key == "e_k_mV":
                # RT/F at 37 °C is 26.7 mV
                bound = 26.8 * (0.5 / scales["k_in"]) / np.asarray(want["k_in"]) * 1.01 + 1e-9
                assert np.all(np.abs(np.asarray(g) - w) <= bound), (key, values)
            elif isinstance(w, list):
                np.testing.assert_allclose(g, w, rtol=1e-12, atol=0, err_msg=key)
            elif w is None:
                assert g is None, (key, values, g)
            else:
                assert g == pytest.approx(w, rel=1e-12), (key, values, g, w)


def test_pump_block_grid_in_the_page_equals_fresh_nakmodel_runs():
    """Random entries of the grid the page carries, decoded by the port, against runs computed
    now by nakmodel.pump_block (not from any cache); same tolerances as above."""
    from nakmodel.pump_block import excitability_times, run_scenario
    from nakmodel.widgets.live.ouabain import GRID_FIELDS

    app, params = _pump_block_static()
    rng = np.random.default_rng(15)
    iso_labels = list(params["isoforms"].values())
    cause_labels = list(params["causes"])
    cases = []
    for _ in range(4):
        cases.append({"cause": cause_labels[int(rng.integers(2))],
                      "isoform": iso_labels[int(rng.integers(3))],
                      "conc_uM": float(rng.choice(params["grid_conc_uM"])),
                      "diameter_um": float(rng.choice(params["grid_diameter_um"])),
                      "restart_min": float(rng.choice(params["grid_restart_min"])), "duration_min": 120.0})
    js = run_port(app.name, params, cases)
    for values, got in zip(cases, js, strict=True):
        cause, iso, conc, d, r = app.snapped(values)
        restart = None if r >= params["max_duration_min"] else r
        fresh = run_scenario(cause, iso, conc, d, restart)
        fires, fail_s, recover_s = excitability_times(fresh)
        for key, scale in GRID_FIELDS.items():
            np.testing.assert_allclose(got[key], fresh[key], rtol=0, atol=0.5 / scale + 1e-6,
                                       err_msg=str((key, values)))
        assert got["fires"] == [int(x) for x in fires], values
        for key, t in (("fail_min", fail_s), ("recover_min", recover_s)):
            assert (got[key] is None and math.isnan(t)) or got[key] == pytest.approx(t / 60, abs=1e-6), key
