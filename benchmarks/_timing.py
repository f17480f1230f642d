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
