"""Every computed answer recomputed here from closed forms (Nernst, GHK, Q = CV) written in this
test, with CODATA constants and the book's reference neuron as its text states it (outside Na⁺ 145,
K⁺ 5, Cl⁻ 110 mM, Hille 2001; inside the pump–leak steady state, Na⁺ 12, K⁺ 140, Cl⁻ 8 mM;
P_Na/P_K = 0.0541, P_Cl/P_K = 0.2; 37 °C)."""

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


INDEPENDENT = {"nernst_mV": nernst, "ghk_rest_mV": ghk, "ions_per_um2": ions}


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
        assert q["answer"] == pytest.approx(expected, rel=1e-6)
        # the tolerance accepts the key rounded as students round (3 significant figures) but not
        # a sign error or a log10 slip
        assert abs(float(f"{expected:.3g}") - q["answer"]) <= q["tolerance"]
        assert abs(-expected - q["answer"]) > q["tolerance"]
        assert abs(expected / math.log(10) - q["answer"]) > q["tolerance"]
    else:
        baseline = INDEPENDENT[q["key"]](q.get("baseline_given") or {})
        assert q["result"] == pytest.approx(expected, rel=1e-6)
        assert q["baseline"] == pytest.approx(baseline, rel=1e-6)
        delta = expected - baseline
        direction = "same" if abs(delta) <= q.get("same_within", 0.5) else ("up" if delta > 0 else "down")
        assert q["direction"] == direction
        assert [o["direction"] for o in q["options"] if o["correct"]] == [direction]


def test_known_textbook_values():
    """Hand values: E_K for 4/160 mM at 37 °C is about −98.6 mV; 10 mV across 1 µm² is about 620 ions."""
    assert KEYS["nernst_mV"](ion="K", k_out=4.0, k_in=160.0) == pytest.approx(-98.6, abs=0.1)
    assert KEYS["ions_per_um2"](dv_mV=10.0) == pytest.approx(624, abs=1)


def test_bad_key_input():
    with pytest.raises(ValueError, match="ion must be one of"):
        KEYS["nernst_mV"](ion="Ca")
    with pytest.raises(ValueError, match="does not take"):
        KEYS["ghk_rest_mV"](k_outside=3.0)
