"""Live explorers drawn in the browser (frontend/): update times and JavaScript size.

Run: ``PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_frontend.py [--no-voila]
[--explorers=pump_cycle,rundown]`` (the second option: only these explorers in parts 1 and 2).

1. Static page, headless Chromium (system /usr/bin/chromium, network blocked): for every
   control of every live explorer, 60 random slider inputs; time from the ``input`` event to
   figure and readout updated (the port computes, uPlot draws in the same task's microtask).
   Target: median <= 8 ms, p95 <= 16 ms per control.
2. Kernel side (Voilà): the Python app's update on a new ``values`` state (model + result
   state + its JSON message), wall time and the kernel thread's CPU time (``time.thread_time``,
   which a shared machine's preemption does not inflate). Target p95 <= 20 ms. Baseline: what the
   retired PNG app of the chapter did per move: the model + the matplotlib fallback figure + its
   PNG, same run.
3. Browser round trip in Voilà on loopback: a control moved (30 random new values; menus: each
   option in turn) -> new figure drawn, for every control of every live explorer (throw-away
   notebooks, one Voilà). Target p95 <= 50 ms. A move whose result does not change sends no
   message back: such moves are counted, not timed.
4. Added JavaScript per page, gzipped (target <= 300 KB), against today's vendored widget
   and MathJax assets.

The machine may be shared: every figure is printed next to a baseline measured in this run.
Part 3 runs twice in one run: as served (``voila.json`` names
``nakmodel.nodelay.NoDelayKernelWebsocketConnection``: TCP_NODELAY on the kernel websockets) and,
as baseline, with Jupyter Server's stock connection class (Nagle on: a small reply waits ~40 ms for
the browser's delayed ACK). ``--only-voila`` runs part 3 alone.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NAKMODEL_DISPLAY", "live")

from nakmodel.widgets.action_potentials import RundownExplorer  # noqa: E402
from nakmodel.widgets.live import (  # noqa: E402
    CotransportLive,
    EnergyLive,
    EpitheliumLive,
    GHKLive,
    NernstLive,
    OuabainDoseLive,
    PumpBlockLive,
    PumpLeakLive,
    SpikeLive,
    StoichiometryLive,
)
from nakmodel.widgets.pump_cycle import CycleExplorer  # noqa: E402
from tests.frontend.pages import write_static_page  # noqa: E402

from _timing import ensure_grids  # noqa: E402 - benchmarks/ is sys.path[0] when run as a script

LIVE = [NernstLive, GHKLive, EnergyLive, SpikeLive, CotransportLive, EpitheliumLive, PumpLeakLive,
        StoichiometryLive, CycleExplorer, RundownExplorer, OuabainDoseLive, PumpBlockLive]
# --explorers=pump_cycle,rundown: only these in parts 1 and 2
_ONLY = next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--explorers=")), None)
if _ONLY:
    LIVE = [cls for cls in LIVE if cls.name in _ONLY]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def pct(xs, q):
    return float(np.percentile(np.asarray(xs), q))


def line(what, xs_ms, target=None):
    med, p95 = statistics.median(xs_ms), pct(xs_ms, 95)
    tgt = f"  (target {target})" if target else ""
    print(f"  {what:<38} median {med:7.2f} ms   p95 {p95:7.2f} ms{tgt}")
    return med, p95


def offline(page):
    def route(r):
        u = urllib.parse.urlsplit(r.request.url)
        ok = u.scheme in ("file", "data", "blob", "about") or u.hostname in ("127.0.0.1", "localhost")
        r.continue_() if ok else r.abort()

    page.route("**/*", route)


MOVE_JS = """async ([name, values]) => {
  const input = document.querySelector(`.nak-live [name="${name}"]`);
  const host = document.querySelector('.nak-live').parentElement;
  const kind = input.tagName === 'SELECT' ? 'change' : 'input';
  const times = [];
  for (const v of values) {
    const n = +host.dataset.updates;
    const t0 = performance.now();
    input.value = String(v);
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
    await new Promise((r) => queueMicrotask(r));  // uPlot commits its redraw in a microtask
    if (+host.dataset.updates !== n + 1) throw new Error('no update for ' + name);
    times.push(performance.now() - t0);
  }
  return times;
}"""


def bench_static(browser, folder):
    print("\n1. Static page (file://, headless Chromium): input event -> figure + readout updated")
    rng = np.random.default_rng(0)
    for cls in LIVE:
        app = cls()
        page = browser.new_page(viewport={"width": 1000, "height": 1000})
        offline(page)
        page.goto(write_static_page(folder, app).as_uri())
        page.locator(".nak-live canvas").first.wait_for()
        for c in app.controls:
            if c.log:  # the input's position is log10(value)
                vals = [float(v) for v in rng.uniform(np.log10(c.minimum), np.log10(c.maximum), 60)]
            else:
                vals = [round(float(v) / c.step) * c.step for v in rng.uniform(c.minimum, c.maximum, 60)]
            times = page.evaluate(MOVE_JS, [c.name, vals])
            line(f"{app.name}: {c.name}", times[5:], "median <= 8, p95 <= 16")
        for m in app.choices:  # menus: each option in turn
            vals = [m.options[i % len(m.options)] for i in range(1, 61)]
            times = page.evaluate(MOVE_JS, [m.name, vals])
            line(f"{app.name}: {m.name} (menu)", times[5:], "median <= 8, p95 <= 16")
            page.evaluate(MOVE_JS, [m.name, [m.default]])
        if app.name == "pump_cycle":  # one animation frame: highlight, counters, cursor
            line("pump_cycle: Step (one frame)", page.evaluate(STEP_JS, 200)[5:], "one frame, 16.7 ms")
        page.close()


STEP_JS = """async (n) => {
  const button = [...document.querySelectorAll('.nak-player button')]
    .find((b) => b.textContent.startsWith('Step'));
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    button.click();  // highlight, counters, event slider, cursor (uPlot redraw in a microtask)
    await new Promise((r) => queueMicrotask(r));
    times.push(performance.now() - t0);
  }
  return times;
}"""


def _random_values(app, rng):
    choices = getattr(type(app), "choices", ())  # menus of a live explorer (PNG apps have none)
    k = int(rng.integers(len(app.controls) + len(choices)))
    if k >= len(app.controls):
        m = choices[k - len(app.controls)]
        return m.name, m.options[int(rng.integers(len(m.options)))]
    c = app.controls[k]
    if c.log:
        return c.name, float(10 ** rng.uniform(np.log10(c.minimum), np.log10(c.maximum)))
    return c.name, float(rng.uniform(c.minimum, c.maximum))


def bench_kernel():
    print("\n2. Kernel side: one slider move (model + state message), against a PNG per move")
    from nakmodel.plots.style import render_png

    # what the retired PNG apps did per move: the model, the matplotlib figure and its PNG (the
    # explorer's static fallback, same code)
    rng = np.random.default_rng(1)
    for cls in LIVE:
        app = cls()
        w = app.widget
        live, cpu = [], []
        for _ in range(200):
            name, v = _random_values(app, rng)
            t0, c0 = time.perf_counter(), time.thread_time()
            w.values = {**w.values, name: v}
            json.dumps(w.get_state(["result", "error"]))  # what goes over the comm
            live.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.thread_time() - c0) * 1e3)
        base = []
        values = dict(app.values)
        for _ in range(30):
            name, v = _random_values(app, rng)
            values[name] = v
            t0 = time.perf_counter()
            fig, _alt = app.fallback_figure(values, app.compute(values))
            render_png(fig, 100)
            base.append((time.perf_counter() - t0) * 1e3)
        what = "model + matplotlib PNG (retired app's path)"
        _, p_live = line(f"live explorer ({app.name})", live, "p95 <= 20")
        # CPU time of the same moves: what the wall time is when no other process takes the core
        line("  CPU time (kernel thread)", cpu)
        _, p_base = line(f"baseline: {what}", base)
        print(f"  ratio p95 baseline/live: {p_base / p_live:.0f}x")


NB = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                 "source": "from nakmodel.widgets import {cls}\n{cls}()"}],
      "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
      "nbformat": 4, "nbformat_minor": 5}

ROUND_TRIP_LIVE = """async ([name, values]) => {
  const input = document.querySelector(`.nak-live [name="${name}"]`);
  const host = document.querySelector('.nak-live').parentElement;
  input.focus();
  const times = [];
  let unchanged = 0;
  for (const v of values) {
    const t0 = performance.now();
    input.value = String(v);
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
    // a move whose result is unchanged sends no message back: counted, not timed
    const ok = await new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), 3000);
      host.addEventListener('nak-updated', () => { clearTimeout(t); resolve(true); }, {once: true});
    });
    if (ok) times.push(performance.now() - t0); else unchanged++;
    await new Promise((r) => setTimeout(r, 30));
  }
  return [times, unchanged];
}"""


STOCK_CONNECTION = "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"


def control_moves(control, rng, n):
    """``n`` random positions of a slider (log10 of the value for a log control), each different
    from the one before (a new value every move)."""
    out = []
    while len(out) < n:
        if control.log:
            v = float(rng.uniform(np.log10(control.minimum), np.log10(control.maximum)))
        else:
            v = round(float(rng.uniform(control.minimum, control.maximum)) / control.step) * control.step
        if not out or abs(v - out[-1]) > 1e-9:
            out.append(v)
    return out


def bench_voila(browser):
    print("\n3. Voilà on loopback: control move -> new figure in the browser (every control, every explorer)")
    rng = np.random.default_rng(2)
    served = voila_round_trips(browser, rng)
    nagle = voila_round_trips(browser, rng, [f"--Voila.kernel_websocket_connection_class={STOCK_CONNECTION}"],
                              only=("nernst",))
    for (name, control), (times, unchanged) in served.items():
        if len(times) < 4:
            print(f"  {name}: {control}: {len(times)} moves answered, {unchanged} without a new result")
            continue
        extra = f"; {unchanged} moves without a new result" if unchanged else ""
        line(f"{name}: {control}", times[3:], "p95 <= 50" + extra)
    times, _ = nagle[("nernst", "k_out")]
    _, p_nagle = line("baseline: nernst k_out, stock connection (Nagle on)", times[3:])
    p_served = pct(served[("nernst", "k_out")][0][3:], 95)
    print(f"  ratio p95 Nagle on/served: {p_nagle / p_served:.1f}x")


def voila_round_trips(browser, rng, options=(), only=None, moves=30):
    """``{(explorer, control or menu): ([ms], unchanged moves)}`` for every live explorer (or those
    named in ``only``), one Voilà started with ``options``; menus take each option in turn."""
    from tests.conftest import free_port, wait_for_http

    explorers = [cls for cls in LIVE if only is None or cls.name in only]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for cls in explorers:
            nb = json.loads(json.dumps(NB).replace("{cls}", cls.__name__))
            Path(tmp, f"{cls.name}.ipynb").write_text(json.dumps(nb))
        port = free_port()
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("NAKMODEL_DISPLAY", None)
        proc = subprocess.Popen([str(Path(sys.executable).parent / "voila"), tmp, f"--port={port}",
                                 "--no-browser", "--Voila.ip=127.0.0.1", *options],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_http(base + "/", 90)
            for cls in explorers:
                app = cls()
                page = browser.new_page(viewport={"width": 1200, "height": 1000})
                offline(page)
                page.goto(base + f"/voila/render/{cls.name}.ipynb", timeout=120000)
                page.locator(".nak-live canvas").first.wait_for(timeout=120000)
                for c in app.controls:
                    vals = control_moves(c, rng, moves)
                    out[(cls.name, c.name)] = page.evaluate(ROUND_TRIP_LIVE, [c.name, vals])
                for m in app.choices:
                    vals = [m.options[i % len(m.options)] for i in range(1, moves + 1)]
                    out[(cls.name, f"{m.name} (menu)")] = page.evaluate(ROUND_TRIP_LIVE, [m.name, vals])
                page.close()
        finally:
            proc.terminate()
            proc.wait(20)
    return out


def gz(path):
    return len(gzip.compress(Path(path).read_bytes(), 9))


def bench_size():
    print("\n4. JavaScript per page, gzipped")
    static = gz(ROOT / "_static/nakfront/nakfront.js")
    esm = sum(gz(p) for p in (ROOT / "nakmodel/widgets/live/esm").glob("*.js"))
    vendor = ROOT / "_static/vendor"
    today = sum(gz(vendor / p)
                for p in ("html-manager/embed-amd.js", "requirejs/require.js", "mathjax/tex-chtml.js"))
    print(f"  static book: nakfront.js (all explorers + uPlot + CSS) {static / 1024:6.1f} KB"
          "  (target <= 300 KB)")
    print(f"  Voilà: every explorer's ES module together                {esm / 1024:6.1f} KB")
    print(f"  baseline: today's widget manager + require.js + MathJax   {today / 1024:6.1f} KB")
    html = PumpBlockLive().static_html().encode()
    print(f"  ouabain page: run-down explorer placeholder (every grid run + PNG) {len(html) / 1024:6.1f} KB, "
          f"gzipped {len(gzip.compress(html, 9)) / 1024:6.1f} KB")


def main():
    from playwright.sync_api import sync_playwright

    print(f"bench_frontend on {os.cpu_count()} cores (the machine may be shared: compare with the baselines)")
    ensure_grids()  # as make voila does before it serves
    if "--only-voila" not in sys.argv:
        bench_size()
        bench_kernel()
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        if "--only-voila" not in sys.argv:
            bench_static(browser, Path(tmp))
        if "--no-voila" not in sys.argv:
            bench_voila(browser)
        browser.close()


if __name__ == "__main__":
    main()
