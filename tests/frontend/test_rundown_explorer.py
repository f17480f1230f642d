"""RundownExplorer (live, both engines): the Python engine against nakmodel and closed forms, and
its port (frontend/ports/rundown.js) against the Python engine on random settings."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from nakmodel.constants import SQUID_AXON
from nakmodel.hh import max_sustainable_rate_hz, reference_state, spike_ion_budget
from nakmodel.widgets import RundownExplorer
from nakmodel.widgets import action_potentials as ap

from .node import run_port
from .test_parity import random_values

#: Port against Python. Both integrate the same ODE for [Na⁺]ᵢ (scipy LSODA rtol 1e-8 / atol
#: 1e-10 against Dormand–Prince 5(4) rtol 1e-9, each with its own dense output and event
#: location), so traces and the spike count at the criterion agree to the solvers' tolerance:
#: observed ≤ 5e-8 relative; stated 2e-6. The pump-stopped trace is a closed form: 1e-12.
RTOL_ODE = 2e-6
RTOL_CLOSED = 1e-12


def test_pump_off_line_is_the_closed_form():
    """[Na]i with the pump stopped: [Na]i0 + N·Q_Na·4/d, computed here by hand."""
    app = RundownExplorer(diameter_um=2.0)
    r = app.result
    q = spike_ion_budget("squid").na_entry_pmol_cm2  # pmol/cm²
    step_mM = q * 1e-12 * (4.0 / 2.0e-4) * 1e3 * 1e3
    na0 = SQUID_AXON.c_in_mM["Na"]
    n = np.array(r["spike_number"])
    np.testing.assert_allclose(r["na_in_mM"], na0 + n * step_mM, rtol=1e-9)
    assert r["na_step_mM"] == pytest.approx(step_mM, rel=1e-12)
    # criterion: E_Na 10 mV lower, [Na]i x exp(10 mV / (RT/F)) at 6.3 °C (CODATA 2018 R, F)
    rtf = 8.314462618 * (6.3 + 273.15) / 96485.33212 * 1e3
    assert r["spikes_to_criterion"] == pytest.approx(na0 * (math.exp(10.0 / rtf) - 1.0) / step_mM, rel=1e-9)


def test_menus_presets_and_scenarios():
    app = RundownExplorer()
    spec = app.spec()
    assert [c["name"] for c in spec["choices"]] == ["case", "pump"]
    assert spec["params"]["presets_um"] == {"thin": ap.THIN_AXON_UM, "giant": ap.GIANT_AXON_UM}
    assert spec["controls"][0]["significant"] == 3  # the diameter is shown as 500, 0.2 ...
    app.set_values(case="mammalian 37 °C")
    assert app.result["na_in_pump_off_mM"][0] == reference_state("mammalian").na_in_mM
    with pytest.raises(Exception, match="must be one of"):
        app.set_values(case="frog")
    for name, settings in RundownExplorer.scenarios.items():
        a = RundownExplorer()
        assert a.apply_url_parameters(f"scenario={name}") == settings
        assert RundownExplorer.scenario_notes[name] in a.notice


def test_pump_keeps_up_below_the_sustainable_rate_and_not_above():
    f_max = max_sustainable_rate_hz("mammalian")
    kw = {"case": "mammalian 37 °C", "pump": "pump working", "diameter_um": 0.2}
    below = RundownExplorer(rate_hz=round(0.9 * f_max, 1), **kw).result
    above = RundownExplorer(rate_hz=round(1.1 * f_max, 1), **kw).result
    assert below["status"] == "never" and below["spikes_to_criterion"] is None
    assert above["status"] == "reached" and above["spikes_to_criterion"] > 0
    assert above["max_sustainable_rate_hz"] == pytest.approx(f_max)


def test_state_is_json_and_the_placeholder_has_the_fallback(monkeypatch):
    app = RundownExplorer(case="mammalian 37 °C", pump="pump working", rate_hz=1.0, diameter_um=0.2)
    assert app.result["status"] == "never"
    json.dumps(app.result, allow_nan=False)  # no inf/nan in the widget state
    monkeypatch.setenv("NAKMODEL_DISPLAY", "static")
    html = RundownExplorer()._repr_mimebundle_()["text/html"]
    assert 'data-explorer="rundown"' in html and 'alt="Two panels against spike number' in html


def test_rundown_port_matches_nakmodel():
    """60 random settings (log-uniform diameter, every neuron model, pump both ways)."""
    app = RundownExplorer()
    rng = np.random.default_rng(21)
    cases = random_values(app, rng, 60)
    for i, c in enumerate(cases):
        c["pump"] = app.choices[1].options[i % 2]  # half with the pump working
    js = run_port("rundown", app.params(), cases)
    worst = 0.0
    statuses = set()
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want = app.compute(values)
        assert got["status"] == want["status"], values
        statuses.add((values["pump"], want["status"]))
        pump_on = values["pump"] == "pump working"
        rtol = RTOL_ODE if pump_on else RTOL_CLOSED
        for key in ("spike_number", "na_in_pump_off_mM", "e_na_pump_off_mV"):
            np.testing.assert_allclose(got[key], want[key], rtol=RTOL_CLOSED, atol=1e-12)
        for key in ("na_in_mM", "e_na_mV"):
            np.testing.assert_allclose(got[key], want[key], rtol=rtol)
            worst = max(worst, float(np.max(np.abs(np.array(got[key]) / np.array(want[key]) - 1))))
        if want["status"] == "reached":
            assert got["spikes_to_criterion"] == pytest.approx(want["spikes_to_criterion"], rel=rtol)
        for key in ("na_step_mM", "na_per_spike_pmol_cm2", "max_sustainable_rate_hz"):
            assert got[key] == pytest.approx(want[key], rel=1e-12)
    assert ("pump working", "reached") in statuses and ("pump stopped", "reached") in statuses
    print(f"rundown: 60 random sets, largest relative difference of the pump-on traces {worst:.1e}")


def test_rundown_port_never_and_beyond():
    """Settings the random sets rarely reach: the pump keeps up ("never"), and rates just above
    the sustainable one, where the criterion is reached only in the long train."""
    app = RundownExplorer()
    f_max = max_sustainable_rate_hz("mammalian")
    base = {**app.values, "case": "mammalian 37 °C", "pump": "pump working", "diameter_um": 0.2}
    cases = [{**base, "rate_hz": 1.0}, {**base, "rate_hz": round(1.05 * f_max, 1)},
             {**base, "rate_hz": round(1.005 * f_max, 2)}]
    js = run_port("rundown", app.params(), cases)
    for values, got in zip(cases, js, strict=True):
        want = app.compute(values)
        assert got["status"] == want["status"], (values, got["status"], want["status"])
    assert js[0]["status"] == "never"
