"""The build-time f–I curves of the spike explorer equal fresh runs; a file of another model is never used.
(That a dashboard kernel reads the file and computes no f–I curve: tests/frontend/test_spike_live.py.)"""

import json
import os

import numpy as np
import pytest

from nakmodel.book import spike_grid as sg
from nakmodel.hh import FI_CURRENTS_UA_CM2, firing_rate_hz


def fresh_rate(model, i_amp):
    """An uncached :func:`nakmodel.hh.firing_rate_hz` run (new simulations, not the lru_cache)."""
    return firing_rate_hz.__wrapped__(model, float(i_amp))


def check_sample(curves, seed, n=3):
    rng = np.random.default_rng(seed)
    for model in sg.FI_MODELS:
        c = curves[model]
        assert c["currents_uA_cm2"] == list(FI_CURRENTS_UA_CM2)
        for k in rng.choice(len(FI_CURRENTS_UA_CM2), size=n, replace=False):
            i = c["currents_uA_cm2"][k]
            # same code, same inputs; the file may have been written with another scipy (the floor
            # check reads the cache the main venv wrote): LSODA's step choices then move a rate by
            # up to ~1e-5 relative (measured: 251.3759 vs 251.3779 Hz, scipy 1.13 vs current)
            fresh = fresh_rate(model, i)
            assert c["rates_hz"][k] == pytest.approx(fresh, rel=1e-4, abs=1e-6), (model, i, seed)


def test_built_curves_equal_fresh_runs(tmp_path):
    path = sg.build_grid(tmp_path / "fi.json")
    curves = sg.load_grid(path)
    assert set(curves) == {"squid", "mammalian"}
    check_sample(curves, seed=3)
    # the chapter's claims: the squid (class 2) jumps to a finite rate, WB (class 1) starts slowly
    sq, wb = (np.array(curves[m]["rates_hz"]) for m in ("squid", "mammalian"))
    assert sq[sq > 0][0] > 40.0 and 0.0 < wb[wb > 0][0] < 20.0


def test_the_built_file_if_present_equals_fresh_runs():
    """The file `make grids` wrote for this model: a random sample against fresh runs."""
    curves = sg.load_grid()
    if not curves:
        message = f"no f–I file for this model at {sg.grid_path()} (make grids writes it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + "; set CI=true to make this a failure")
    seed = int(np.random.SeedSequence().entropy % 2**32)
    check_sample(curves, seed=seed, n=2)


def _write(path, fingerprint, rates=1.0):
    curves = {m: {"currents_uA_cm2": list(FI_CURRENTS_UA_CM2), "rates_hz": [rates] * len(FI_CURRENTS_UA_CM2)}
              for m in sg.FI_MODELS}
    path.write_text(json.dumps({"fingerprint": fingerprint, "currents_uA_cm2": list(FI_CURRENTS_UA_CM2),
                                "curves": curves}))


def test_a_file_of_another_model_is_ignored(tmp_path):
    path = tmp_path / "fi.json"
    _write(path, "0" * 16)
    sg.load_grid.cache_clear()
    assert sg.load_grid(path) == {}
    sg.load_grid.cache_clear()


def test_file_name_carries_the_model_fingerprint(tmp_path):
    assert sg.grid_path(tmp_path).name == f"spike_fi-{sg.fingerprint()}.json"


def test_a_missing_file_is_computed_once_and_written(tmp_path, monkeypatch):
    monkeypatch.setenv("NAKMODEL_CACHE_DIR", str(tmp_path))
    sg.load_grid.cache_clear()
    try:
        currents, rates = sg.cached_fi_curve("squid")
        assert sg.grid_path().exists() and currents == list(FI_CURRENTS_UA_CM2)
        assert rates == sg.load_grid()["squid"]["rates_hz"]
        with pytest.raises(Exception, match="model"):
            sg.cached_fi_curve("frog")
    finally:
        sg.load_grid.cache_clear()
