"""The build-time grid of run-down scenarios equals fresh runs, and a grid of another model is never used."""

import math
import os

import numpy as np
import pytest

from nakmodel.book import ouabain_grid as og
from nakmodel.pump_block import excitability_times, run_scenario

FIELDS = ("v_mV", "na_in", "k_in", "cl_in", "volume_rel", "activity", "unblocked")


def fresh(key):
    cause, iso, conc, d, r = key
    run = run_scenario(cause, iso, conc, d, r)
    run["fires"], run["fail_s"], run["recover_s"] = excitability_times(run)
    return run


def assert_same(cached, new, key=""):
    # 1e-6 (mV, mM, fraction): far below any model change, above the 1e-7 mV by which the same run
    # differs between numpy/scipy versions (the floor check runs the grid of the newest versions)
    for f in FIELDS:
        np.testing.assert_allclose(cached[f], new[f], rtol=1e-6, atol=1e-6, err_msg=f"{key} {f}")
    assert (np.asarray(cached["fires"]) == new["fires"]).all(), key
    for f in ("fail_s", "recover_s"):
        assert ((math.isnan(cached[f]) and math.isnan(new[f]))
                or cached[f] == pytest.approx(new[f], abs=1e-6)), key


def sample(n, seed):
    rng = np.random.default_rng(seed)
    return [og.GRID_KEYS[i] for i in rng.choice(len(og.GRID_KEYS), size=n, replace=False)]


def test_grid_entries_equal_fresh_runs(tmp_path):
    keys = sample(3, seed=11)
    path = og.build_grid(tmp_path / "grid.npz", keys=keys)
    grid = og.load_grid(path)
    for key in keys:
        assert_same(grid[og._name(key)], fresh(key), og._name(key))


def test_the_built_grid_if_present_equals_fresh_runs():
    """The grid `make build` wrote for this model: a random sample of its entries against fresh runs."""
    grid = og.load_grid()
    if not grid:
        message = f"no grid for this model at {og.grid_path()} (make build and make test write it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + "; set CI=true to make this a failure")
    assert len(grid) == len(og.GRID_KEYS)
    seed = int(np.random.SeedSequence().entropy % 2**32)
    for key in sample(4, seed=seed):
        assert_same(grid[og._name(key)], fresh(key), f"{og._name(key)} (sample seed {seed})")


def test_a_grid_of_another_model_is_ignored(tmp_path, monkeypatch):
    key = og.GRID_KEYS[0]
    path = og.build_grid(tmp_path / "grid.npz", keys=[key])
    og.load_grid.cache_clear()
    monkeypatch.setattr(og, "fingerprint", lambda: "0" * 16)
    assert og.load_grid(path) == {}
    og.load_grid.cache_clear()


def test_grid_file_name_carries_the_model_fingerprint(tmp_path):
    assert og.grid_path(tmp_path).name == f"ouabain_grid-{og.fingerprint()}.npz"
    assert len(og.fingerprint()) == 16


def test_grid_covers_every_slider_combination():
    assert len(og.GRID_KEYS) == len(og.GRID_DIAMETER_UM) * len(og.GRID_RESTART_MIN) * (
        1 + 3 * len(og.GRID_CONC_UM))
