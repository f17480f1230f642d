"""A build-time grid of the ouabain chapter's run-down scenarios, that cannot go stale.

One run of :func:`nakmodel.pump_block.scenario` costs 0.1–0.3 s, too slow for
a slider that should answer within 0.1 s. The build (``make build``,
Binder's ``postBuild``) therefore runs every combination the time-course
app's sliders can reach (:data:`GRID_KEYS`) with ``python -m
nakmodel.book.ouabain_grid`` and stores them in a cache directory
(``$NAKMODEL_CACHE_DIR`` or ``~/.cache/nakmodel``), never in the repository.

The file name carries a fingerprint of every science module's source
(:func:`fingerprint`): after any change to the model the old file is simply
not found, and :func:`cached_scenario` computes on demand (and caches in
memory) until the grid is rebuilt. A test compares a random sample of the
grid's entries with fresh runs.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..drugs import OUABAIN_ISOFORMS
from ..pump_block import RundownSettings, scenario

__all__ = [
    "GRID_CONC_UM",
    "GRID_DIAMETER_UM",
    "GRID_KEYS",
    "GRID_RESTART_MIN",
    "build_grid",
    "cached_scenario",
    "fingerprint",
    "grid_path",
    "load_grid",
]

#: Values the time-course sliders step on.
GRID_CONC_UM = tuple(10.0 ** k for k in range(-3, 4))  # 1 nM ... 1 mM
GRID_DIAMETER_UM = (5.0, 10.0, 20.0, 40.0)
GRID_RESTART_MIN = (30.0, 60.0, 90.0, None)  # None: the pump never restarts within the window

_PACKAGE = Path(__file__).resolve().parents[1]
_ARRAYS = ("v_mV", "na_in", "k_in", "cl_in", "volume_rel", "activity", "unblocked", "fires")
_ANOXIA_ARRAYS = ("atp_mM", "adp_mM", "pi_mM", "dg_atp_kJ_per_mol")  # NaN in ouabain runs


def _keys():
    for d in GRID_DIAMETER_UM:
        for r in GRID_RESTART_MIN:
            yield ("anoxia", "human_alpha1", 0.0, d, r)
            for iso in OUABAIN_ISOFORMS:
                for c in GRID_CONC_UM:
                    yield ("ouabain", iso, c, d, r)


#: Every (cause, isoform, conc_uM, diameter_um, restart_min) the app can ask for.
GRID_KEYS = tuple(_keys())


def _normal(key):
    cause, iso, conc, d, r = key
    if cause == "anoxia":
        iso, conc = "human_alpha1", 0.0
    return cause, iso, float(conc), float(d), None if r is None else float(r)


def _name(key) -> str:
    cause, iso, conc, d, r = _normal(key)
    return f"{cause}|{iso}|{conc:.6g}|{d:.6g}|{'never' if r is None else f'{r:.6g}'}"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """SHA-256 (16 hex digits) of the source of every science module (all of ``nakmodel`` but
    ``widgets/``, ``plots/`` and ``book/``): any change to the model gives a new grid file name."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        rel = path.relative_to(_PACKAGE)
        if rel.parts[0] in ("widgets", "plots", "book"):
            continue
        h.update(str(rel).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def grid_path(directory=None) -> Path:
    """Where the grid for the current model lives: ``<cache dir>/ouabain_grid-<fingerprint>.npz``."""
    base = Path(directory or os.environ.get("NAKMODEL_CACHE_DIR") or Path.home() / ".cache" / "nakmodel")
    return base / f"ouabain_grid-{fingerprint()}.npz"


def build_grid(path=None, *, keys=GRID_KEYS, progress=False) -> Path:
    """Run the ``keys`` scenarios (default all :data:`GRID_KEYS`) and write them (float64) to ``path``
    atomically."""
    path = Path(path) if path is not None else grid_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    runs = []
    keys = tuple(keys)
    for i, key in enumerate(keys):
        runs.append(scenario(*_normal(key)))
        if progress and i % 50 == 0:
            print(f"{i}/{len(keys)} {_name(key)}", flush=True)
    data = {f: np.array([r[f] for r in runs]) for f in _ARRAYS}
    nan = np.full(runs[0]["t_s"].shape, np.nan)
    data.update({f: np.array([r.get(f, nan) for r in runs]) for f in _ANOXIA_ARRAYS})
    times = np.array([(r["fail_s"], r["recover_s"]) for r in runs])
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    os.close(fd)
    np.savez_compressed(tmp, names=np.array([_name(k) for k in keys]), t_s=runs[0]["t_s"], times=times,
                        fingerprint=np.array(fingerprint()), **data)
    os.replace(tmp, path)
    return path


@lru_cache(maxsize=4)
def load_grid(path=None):
    """The grid for the current model as ``{name: run}``, or ``{}`` if none was built
    (or it is of another model)."""
    path = Path(path) if path is not None else grid_path()
    if not path.exists():
        return {}
    with np.load(path) as z:
        if str(z["fingerprint"]) != fingerprint():
            return {}
        t = z["t_s"]
        names = [str(n) for n in z["names"]]
        data = {f: z[f] for f in _ARRAYS + _ANOXIA_ARRAYS}
        times = z["times"]
    grid = {}
    for i, n in enumerate(names):
        run = {f: data[f][i] for f in _ARRAYS}
        if n.startswith("anoxia|"):
            run.update({f: data[f][i] for f in _ANOXIA_ARRAYS})
        run["t_s"] = t
        run["fail_s"], run["recover_s"] = float(times[i, 0]), float(times[i, 1])
        grid[n] = run
    return grid


def cached_scenario(cause, isoform, conc_uM, diameter_um, restart_min):
    """:func:`nakmodel.pump_block.scenario` from the build-time grid if present,
    else computed (and cached)."""
    if restart_min is not None and restart_min >= RundownSettings().max_duration_min:
        restart_min = None
    key = _normal((cause, isoform, conc_uM, diameter_um, restart_min))
    run = load_grid().get(_name(key))
    return run if run is not None else scenario(*key)


if __name__ == "__main__":  # pragma: no cover - run by the build
    import sys

    if load_grid() and "--force" not in sys.argv:
        print(f"{grid_path()} is up to date")
    else:
        print(build_grid(progress=True))
