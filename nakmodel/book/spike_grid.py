"""Build-time f–I curves of the spike explorer, that cannot go stale.

The f–I curve of each HH-type model (:func:`nakmodel.hh.fi_curve`: one run of up to
2.5 s per current, 35 currents) costs about 1.5 s per model, most of the
action-potential chapter's kernel start-up. The build (``make grids``, Binder's
``postBuild``) computes both curves once with ``python -m nakmodel.book.spike_grid``
and stores them as JSON in the cache directory (``$NAKMODEL_CACHE_DIR`` or
``~/.cache/nakmodel``), named by the fingerprint of the science modules' source
(:func:`nakmodel.book.ouabain_grid.fingerprint`): after any change to the model the
old file is not found. The static page's spec and the Voilà kernel both read it
(:func:`cached_fi_curve`); without the file the curves are computed and the file is
written, so only the first kernel after a model change pays. A test compares
stored entries with fresh :func:`nakmodel.hh.firing_rate_hz` runs.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from ..hh import FI_CURRENTS_UA_CM2, MODELS, fi_curve, model_params
from .ouabain_grid import fingerprint

__all__ = ["FI_MODELS", "build_grid", "cached_fi_curve", "grid_path", "load_grid"]

#: Models whose f–I curve is stored (each at its own temperature, no Na⁺ channels locked open).
FI_MODELS = tuple(MODELS)


def grid_path(directory=None) -> Path:
    """``<cache dir>/spike_fi-<fingerprint>.json`` for the current model source."""
    base = Path(directory or os.environ.get("NAKMODEL_CACHE_DIR") or Path.home() / ".cache" / "nakmodel")
    return base / f"spike_fi-{fingerprint()}.json"


def build_grid(path=None) -> Path:
    """Compute the f–I curve of every model in :data:`FI_MODELS` and write it (JSON) atomically."""
    path = Path(path) if path is not None else grid_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    curves = {}
    for model in FI_MODELS:
        currents, rates = fi_curve(model)
        curves[model] = {"currents_uA_cm2": currents.tolist(), "rates_hz": rates.tolist()}
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump({"fingerprint": fingerprint(), "currents_uA_cm2": list(FI_CURRENTS_UA_CM2),
                   "curves": curves}, f)
    os.replace(tmp, path)
    load_grid.cache_clear()
    return path


@lru_cache(maxsize=4)
def load_grid(path=None) -> dict:
    """``{model: {"currents_uA_cm2": [...], "rates_hz": [...]}}`` from the file, or ``{}`` if there is
    none for the current model source (or it was written for other currents)."""
    path = Path(path) if path is not None else grid_path()
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    if data.get("fingerprint") != fingerprint() or data.get("currents_uA_cm2") != list(FI_CURRENTS_UA_CM2):
        return {}
    return data["curves"]


def cached_fi_curve(model: str) -> tuple[list, list]:
    """(currents µA/cm², rates Hz) of ``model``'s f–I curve: from the build-time file, else computed
    (and the file written for the next kernel)."""
    model = model_params(model).name
    curves = load_grid()
    if model not in curves:
        try:
            build_grid()
        except OSError:  # read-only cache: compute in memory (fi_curve caches its runs)
            currents, rates = fi_curve(model)
            return currents.tolist(), rates.tolist()
        curves = load_grid()
    c = curves[model]
    return list(c["currents_uA_cm2"]), list(c["rates_hz"])


if __name__ == "__main__":  # pragma: no cover - run by the build
    import sys

    if load_grid() and "--force" not in sys.argv:
        print(f"{grid_path()} is up to date")
    else:
        print(build_grid())
