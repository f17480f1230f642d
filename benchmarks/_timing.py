"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import math
import time


def best_of(fn, n=3):
    """Run ``fn`` ``n`` times; return (best wall time in s, last result)."""
    best = math.inf
    out = None
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def ensure_grids() -> None:
    """Build the build-time grids (``make grids``) if this model has none yet, as ``make classroom``
    and ``make voila`` do before serving: without them the ouabain run-down explorer computes
    each run (0.1–0.3 s) instead of looking it up, and a benchmark would time that instead."""
    from nakmodel.book import ouabain_grid, spike_grid

    for module in (ouabain_grid, spike_grid):
        if not module.load_grid():
            t0 = time.perf_counter()
            print(f"building {module.__name__} (make grids) ...", flush=True)
            module.build_grid()
            module.load_grid.cache_clear()
            print(f"  built in {time.perf_counter() - t0:.0f} s", flush=True)
