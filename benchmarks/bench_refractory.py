"""Time of the refractory-period search the book's action-potential chapter uses.

Run: ``.venv/bin/python benchmarks/bench_refractory.py``. Moved here from the unit
suite (a wall-time bound fails at random on a loaded machine). Prints the time of
``refractory_periods`` for both neuron models (cache cleared) against a baseline
measured in the same run: one plain 50 ms squid simulation.
Budget: ~0.3 s on a quiet machine, 4 s on a shared 2-core runner.
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from nakmodel.hh import protocols, refractory_periods, simulate_hh

from _timing import best_of


def main():
    baseline, _ = best_of(lambda: simulate_hh(10.0, 50.0, model="squid"), 3)
    protocols._refractory_periods.cache_clear()
    t0 = time.perf_counter()
    refractory_periods("squid")
    refractory_periods("mammalian")
    took = time.perf_counter() - t0
    verdict = "ok" if took < 4.0 else "OVER"
    print(f"refractory_periods (squid + mammalian): {took:.2f} s; "
          f"one 50 ms squid run {baseline * 1e3:.0f} ms; "
          f"ratio {took / baseline:.0f}; budget 4 s  {verdict}")
    return 0 if took < 4.0 else 1


if __name__ == "__main__":
    sys.exit(main())
