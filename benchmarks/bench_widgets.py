"""Kernel-side update time of every app: median and p95 over 100 slider moves.

Run: ``.venv/bin/python benchmarks/bench_widgets.py``. For each app exported by
``nakmodel.widgets`` it moves its sliders 100 times in all (round-robin, seeded
random values inside each range) and prints median and p95 of
``App.last_update_s`` (model + plot update + PNG render), then the same app's
rebuild-from-scratch time as a naive baseline (a new figure per move, which
is what a plt.figure()-per-callback app does) and the ratio.
Budgets: median <= 50 ms, p95 <= 100 ms.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

os.environ.setdefault("NAKMODEL_DISPLAY", "live")
sys.path.insert(0, os.path.dirname(__file__))

import nakmodel.widgets as widgets  # noqa: E402
from nakmodel.widgets import App  # noqa: E402

from _timing import best_of  # noqa: E402


def slider_values(slider, rng, n):
    if hasattr(slider, "base"):
        return slider.base ** rng.uniform(slider.min, slider.max, n)
    return rng.uniform(slider.min, slider.max, n)


def bench_app(cls, moves=100, seed=0):
    rng = np.random.default_rng(seed)
    app = cls()
    names = list(app.sliders)
    times = []
    for i in range(moves):
        name = names[i % len(names)]
        slider = app.sliders[name]
        slider.value = float(slider_values(slider, rng, 1)[0])
        times.append(app.last_update_s)
    rebuild, _ = best_of(cls, 3)
    return np.median(times), np.percentile(times, 95), rebuild


def main():
    apps = [getattr(widgets, n) for n in widgets.__all__]
    apps = [a for a in apps if isinstance(a, type) and issubclass(a, App) and a is not App]
    print(f"{'app':28s} {'median':>9s} {'p95':>9s} {'rebuild':>9s} {'median/rebuild':>15s}  budget")
    worst = 0.0
    for cls in apps:
        t0 = time.perf_counter()
        med, p95, rebuild = bench_app(cls)
        ok = "ok" if med <= 0.050 and p95 <= 0.100 else "OVER"
        worst = max(worst, p95)
        print(f"{cls.__name__:28s} {med * 1e3:7.1f}ms {p95 * 1e3:7.1f}ms {rebuild * 1e3:7.1f}ms "
              f"{med / rebuild:15.2f}  {ok}  ({time.perf_counter() - t0:.1f} s)")
    print(f"worst p95: {worst * 1e3:.1f} ms (hard limit 100 ms)")


if __name__ == "__main__":
    main()
