"""Every computed answer recomputed here from closed forms (Nernst, GHK, Q = CV, the free energy of
moving ions, the cotransporter's equilibrium, one-site binding) written in this test, with CODATA
constants and the book's reference neuron as its text states it (outside Na⁺ 145, K⁺ 5, Cl⁻ 110 mM,
Hille 2001; inside the pump–leak steady state, Na⁺ 12, K⁺ 140, Cl⁻ 8 mM; −70 mV;
P_Na/P_K = 0.0541, P_Cl/P_K = 0.2; 37 °C; ΔG_ATP −55 kJ/mol), the ouabain dissociation constants of
the literature, and the spike peak from Hodgkin & Huxley's 1952 equations as written out (and
integrated by RK4) in tests/science/test_hh_golden.py."""

from __future__ import annotations

import math

import pytest

from nakmodel.book.questions import KEYS, QUESTIONS_DIR, load

R, F, E_CHARGE = 8.314462618, 96485.33212, 1.602176634e-19
OUT = {"na": 145.0, "k": 5.0, "cl": 110.0}
IN = {"na": 12.0, "k": 140.0, "cl": 8.0}
Z = {"na": 1, "k": 1, "cl": -1}


def _conc(given):
    out = {ion: given.get(f"{ion}_out", OUT[ion]) for ion in OUT}
    inside = {ion: given.get(f"{ion}_in", IN[ion]) for ion in IN}
    return out, inside


def nernst(given):
    ion = given["ion"].lower()
    out, inside = _conc(given)
    t = given.get("temperature_C", 37.0) + 273.15
    return R * t / (Z[ion] * F) * math.log(out[ion] / inside[ion]) * 1e3


def ghk(given):
    out, inside = _conc(given)
    pna, pcl = (0.0, 0.0) if given.get("only_k") else (given.get("pna_pk", 0.0541), given.get("pcl_pk", 0.2))
    top = out["k"] + pna * out["na"] + pcl * inside["cl"]
    bottom = inside["k"] + pna * inside["na"] + pcl * out["cl"]
    return R * 310.15 / F * math.log(top / bottom) * 1e3


def ions(given):
    return 1e-2 * 1e-12 * given["dv_mV"] * 1e-3 / E_CHARGE  # 1 µF/cm² = 1e-2 F/m² = 1e-14 F/µm²


V_REST_BOOK, DG_ATP_BOOK, T_BOOK = -70.0, -55.0, 310.15
AVOGADRO = 6.02214076e23


def min_atp(given):
    return ions(given) / 3.0  # 3 Na⁺ per ATP (Post & Jolly 1957)


def cycle_work(given):
    """kJ/mol: n Na⁺ out, m K⁺ in, ΔG = n[RT ln(Na_o/Na_i) − FV] + m[RT ln(K_i/K_o) + FV]."""
    out, inside = _conc(given)
    rt, fv = R * T_BOOK / 1e3, F * given.get("v_mV", V_REST_BOOK) * 1e-6
    n, m = given.get("n_na", 3), given.get("n_k", 2)
    na_term = rt * math.log(out["na"] / inside["na"]) - fv
    return n * na_term + m * (rt * math.log(inside["k"] / out["k"]) + fv)


def energy_left(given):
    """kJ/mol: −ΔG_ATP minus the closed-form work of one 3:2 cycle (``cycle_work``) at the 3:2
    steady state of the stoichiometry explorer's cell (Vm, [Na⁺]ᵢ, [K⁺]ᵢ of nakmodel's pump–leak
    cell, which tests/frontend/test_pump_leak_parity.py finds to be the book's neuron within 0.05 mV
    and 0.05 mM; test_energy_left_is_the_book_neurons below checks the same here)."""
    from nakmodel.cell import cell_steady_state
    from nakmodel.stoichiometry import cell_params

    s = cell_steady_state(cell_params(given.get("pna_pk"), given.get("pump_density")))
    work = cycle_work({"v_mV": s.v_mV, "na_in": s.na_in, "k_in": s.k_in})
    return -(given.get("dg_atp", DG_ATP_BOOK) + work)


def reversal(given):
    """mV: the work of a 3:2 cycle is A − FV (A its value at 0 mV); it equals −ΔG_ATP at V = (A + ΔG)/F."""
    a = cycle_work(dict(given, v_mV=0.0))
    return (a + given.get("dg_atp", DG_ATP_BOOK)) / (F * 1e-6)


def sglt(given):
    """SGLT1 equilibrium: (Na_o/Na_i)^2 exp(−2FV/RT), 145/12 mM and −60 mV unless given."""
    v = given.get("v_mV", -60.0) * 1e-3
    ratio = given.get("na_out", 145.0) / given.get("na_in", 12.0)
    return ratio**2 * math.exp(-2.0 * F * v / (R * T_BOOK))


#: Ouabain K_d (µM): human α1 2.8 nM, rodent α1 48 µM, rodent α3 1.6 nM (the values the ouabain chapter
#: cites from its binding literature)
KD_UM = {"human_alpha1": 2.8e-3, "rodent_alpha1": 48.0, "rodent_alpha3": 1.6e-3}


def ouabain_left(given):
    return 100.0 / (1.0 + given["conc_uM"] / KD_UM[given.get("isoform", "human_alpha1")])


def spike_peak(given):
    """Highest voltage of HH 1952 (squid, 6.3 °C) in 50 ms under a step from rest at 5 ms, written out
    independently."""
    from tests.science.test_hh_golden import V_REST, hh1952_rates, hh1952_rhs, rk4

    i_amp, pulse, onset = given["i_amp"], given["pulse_ms"], 5.0
    a_m, b_m, a_h, b_h, a_n, b_n = hh1952_rates(0.0)
    y0 = [0.0, a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n)]
    t, y = rk4(hh1952_rhs, y0, 50.0, 0.005, lambda tt: i_amp if onset <= tt < onset + pulse else 0.0)
    return float((V_REST - y[:, 0]).max())


def atp_per_spike(given):
    """Millions of ATP: Na⁺ entry of one mammalian spike (the HH run of nakmodel.hh, checked against
    Wang & Buzsáki 1996 in tests/science) × the membrane of a 20 µm sphere and a 0.3 µm × 40 mm
    cylinder (the chapter's geometry) × Avogadro / 3 Na⁺ per ATP. The firing rate does not enter."""
    from nakmodel.hh import spike_ion_budget

    na_mol_cm2 = spike_ion_budget("mammalian").na_entry_pmol_cm2 * 1e-12
    d_axon, length = given.get("axon_diameter_um", 0.3), given.get("axon_length_mm", 40.0) * 1e3
    area_cm2 = (math.pi * 20.0**2 + math.pi * d_axon * length) * 1e-8
    return na_mol_cm2 * area_cm2 * AVOGADRO / 3.0 / 1e6


def atp_for_entry(given):
    """Millions of ATP: pmol/cm² × µm² (1 µm² = 1e-8 cm²) × Avogadro / 3 Na⁺ per ATP."""
    return given["na_pmol_cm2"] * 1e-12 * given["area_um2"] * 1e-8 * AVOGADRO / 3.0 / 1e6


INDEPENDENT = {"nernst_mV": nernst, "ghk_rest_mV": ghk, "ions_per_um2": ions, "min_atp_per_um2": min_atp,
               "cycle_work_kJ": cycle_work, "cycle_energy_left_kJ": energy_left, "pump_reversal_mV": reversal,
               "sglt_ratio": sglt, "ouabain_left_pct": ouabain_left, "spike_peak_mV": spike_peak,
               "atp_per_spike_million": atp_per_spike, "atp_for_entry_million": atp_for_entry}
#: Relative agreement required; the spike peak is an ODE solution (adaptive solver sampled every 0.025 ms
#: vs fixed-step RK4 at 0.005 ms): 0.3 mV of a 40 mV peak.
REL = {"spike_peak_mV": 0.3 / 40.0}


def test_every_key_has_an_independent_check():
    assert set(INDEPENDENT) == set(KEYS)


def _questions():
    for path in sorted(QUESTIONS_DIR.glob("*.yaml")):
        for q in load(path.stem)["questions"]:
            if q["kind"] in ("numeric", "predict"):
                yield pytest.param(q, id=q["id"])


@pytest.mark.parametrize("q", list(_questions()))
def test_key_matches_closed_form(q):
    expected = INDEPENDENT[q["key"]](q.get("given") or {})
    if q["kind"] == "numeric":
        assert q["answer"] == pytest.approx(expected, rel=REL.get(q["key"], 1e-6))
        # the tolerance accepts the key rounded as students round (3 significant figures) but not
        # a sign error or a log10 slip
        assert abs(float(f"{expected:.3g}") - q["answer"]) <= q["tolerance"]
        assert abs(-expected - q["answer"]) > q["tolerance"]
        assert abs(expected / math.log(10) - q["answer"]) > q["tolerance"]
    else:
        baseline = INDEPENDENT[q["key"]](q.get("baseline_given") or {})
        assert q["result"] == pytest.approx(expected, rel=REL.get(q["key"], 1e-6))
        assert q["baseline"] == pytest.approx(baseline, rel=REL.get(q["key"], 1e-6))
        delta = expected - baseline
        direction = "same" if abs(delta) <= q.get("same_within", 0.5) else ("up" if delta > 0 else "down")
        assert q["direction"] == direction
        assert [o["direction"] for o in q["options"] if o["correct"]] == [direction]


def test_known_textbook_values():
    """Hand values: E_K for 4/160 mM at 37 °C is about −98.6 mV; 10 mV across 1 µm² is about 620 ions."""
    assert KEYS["nernst_mV"](ion="K", k_out=4.0, k_in=160.0) == pytest.approx(-98.6, abs=0.1)
    assert KEYS["ions_per_um2"](dv_mV=10.0) == pytest.approx(624, abs=1)


def test_more_textbook_values():
    """Hand values: one 3:2 cycle at −70 mV with 145/12 and 5/140 mM needs about 43 kJ/mol (3 × 13.2 +
    2 × 1.84); SGLT1 at −60 mV about 13 000-fold; 10 nM ouabain leaves 1/(1 + 10/2.8) of human α1."""
    assert KEYS["cycle_work_kJ"]() == pytest.approx(43.2, abs=0.2)
    assert KEYS["sglt_ratio"]() == pytest.approx(13000, rel=0.02)
    assert KEYS["ouabain_left_pct"](conc_uM=0.01) == pytest.approx(21.9, abs=0.1)
    assert KEYS["atp_per_spike_million"](rate_hz=4.0) == KEYS["atp_per_spike_million"](rate_hz=40.0)


def test_energy_left_is_the_book_neurons():
    """At the explorer's defaults the energy left per cycle is the book's stated neuron's (−70 mV,
    145/12 mM Na⁺, 5/140 mM K⁺, −55 kJ/mol: 55 − 43.2 kJ/mol); 0.05 kJ/mol is the work's change when
    [Na⁺]ᵢ is off by the 0.05 mM the steady state may differ from 12 mM (3RT × 0.05/12). A lower ΔG_ATP
    lowers it one for one: the work of the cycle at rest does not depend on ΔG_ATP."""
    stated = -(DG_ATP_BOOK + cycle_work({}))
    assert KEYS["cycle_energy_left_kJ"]() == pytest.approx(stated, abs=0.05)
    assert KEYS["cycle_energy_left_kJ"](dg_atp=-45.0) == pytest.approx(KEYS["cycle_energy_left_kJ"]() - 10.0,
                                                                       abs=1e-9)
    with pytest.raises(ValueError, match="dg_atp_kJ"):
        KEYS["cycle_energy_left_kJ"](dg_atp=5.0)


def test_bad_key_input():
    with pytest.raises(ValueError, match="ion must be one of"):
        KEYS["nernst_mV"](ion="Ca")
    with pytest.raises(ValueError, match="does not take"):
        KEYS["ghk_rest_mV"](k_outside=3.0)
    with pytest.raises(ValueError, match="does not take"):
        KEYS["pump_reversal_mV"](v_mV=-70.0)  # V_rev does not depend on Vm: a typo, not a setting
    with pytest.raises(ValueError, match="does not take"):
        KEYS["spike_peak_mV"](temperature_C=20.0)
