"""Classroom load benchmark: 30 simulated students, without and with preheated kernels, in one run.

    .venv/bin/python benchmarks/bench_classroom.py [--students 30] [--seconds 45] [--arrival 10]

Loopback only, bounded in time (about 4 minutes). Each student is a
:class:`classroom.student.Student` (the Jupyter widget protocol over the
kernel websocket, as a browser's widget manager speaks it; 30 Chromium tabs do
not fit on 2 cores). Students arrive spread over ``--arrival`` seconds, open
``ion_gradients``, then move a random slider every 0.5-1.5 s until the end.

Phases, each on a fresh ``python -m classroom`` server:

1. *cold*: no preheating (``--pool=0``): every page starts its kernel;
2. *preheated*: ``--pool-for ion_gradients=<students>``, timed once the pool
   is warm (the teacher starts the server before the lesson).

Reported: time to interactive (page request → every widget state received)
p50/p95/max, slider round trip (value sent → new figure image received)
p50/p95, peak memory (server + kernels RSS, and per kernel RSS/USS), errors.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classroom.student import Student  # noqa: E402
from tests.classroom.server import ClassroomServer  # noqa: E402


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


class MemorySampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.peak_total = 0
        self.peak_kernels = 0
        self.per_kernel_rss = []
        self.per_kernel_uss = []
        self.server_rss = 0
        self.stop_flag = False

    def run(self):
        n = 0
        while not self.stop_flag:
            try:
                kids = self.proc.children(recursive=True)
                total = self.proc.memory_info().rss
                self.server_rss = max(self.server_rss, self.proc.memory_info().rss)
                rss = []
                for k in kids:
                    try:
                        rss.append(k.memory_info().rss)
                    except psutil.Error:
                        pass
                total += sum(rss)
                self.peak_total = max(self.peak_total, total)
                self.peak_kernels = max(self.peak_kernels, len(rss))
                if n % 4 == 0 and kids:  # USS is slower to read: every 2 s, a few kernels
                    for k in kids[:5]:
                        try:
                            self.per_kernel_uss.append(k.memory_full_info().uss)
                            self.per_kernel_rss.append(k.memory_info().rss)
                        except psutil.Error:
                            pass
            except psutil.Error:
                pass
            n += 1
            time.sleep(0.5)


def run_phase(name, server_options, students, seconds, arrival, warm_timeout=240):
    server = ClassroomServer(*server_options)
    try:
        if any(o.startswith("--pool-for") for o in server_options):
            t0 = time.time()
            while time.time() - t0 < warm_timeout:
                s = server.status()
                if s["ready"] >= students:
                    break
                time.sleep(1)
            # warm = every pooled kernel ran the notebook up to the app and waits for a student
            while server.status()["ready"] < students and time.time() - t0 < warm_timeout:
                time.sleep(1)
            print(f"[{name}] pool warm: {server.status()} after {time.time() - t0:.0f} s", flush=True)
        mem = MemorySampler(server.proc.pid)
        mem.start()
        tti, rtt, errors = [], [], []
        lock = threading.Lock()
        t_start = time.time()
        end = t_start + arrival + seconds

        def student(i):
            rng = random.Random(i)
            time.sleep(rng.uniform(0, arrival))
            s = Student(server.base, "ion_gradients.ipynb", timeout=max(5.0, end - time.time() + 30))
            try:
                t = s.open()
                with lock:
                    tti.append(t)
                sliders = [(c, st) for c, st in s.sliders().items() if st["_model_name"] == "FloatSliderModel"]
                while time.time() < end:
                    cid, st = rng.choice(sliders)
                    v = round(rng.uniform(st["min"], st["max"]))
                    if v == st["value"]:
                        continue
                    r = s.move(cid, float(v), timeout=60)
                    st["value"] = v
                    with lock:
                        rtt.append(r)
                    time.sleep(rng.uniform(0.5, 1.5))
            except Exception as err:  # noqa: BLE001
                with lock:
                    errors.append(f"student {i}: {err!r}"[:200])
            finally:
                s.close()

        threads = [threading.Thread(target=student, args=(i,), daemon=True) for i in range(students)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(1, end - time.time() + 90))
        mem.stop_flag = True
        mem.join(2)
        st = server.status()
        return {
            "name": name, "tti": tti, "rtt": rtt, "errors": errors, "opened": len(tti),
            "peak_total_mb": mem.peak_total / 2**20, "peak_kernels": mem.peak_kernels,
            "kernel_rss_mb": statistics.median(mem.per_kernel_rss) / 2**20 if mem.per_kernel_rss else float("nan"),
            "kernel_uss_mb": statistics.median(mem.per_kernel_uss) / 2**20 if mem.per_kernel_uss else float("nan"),
            "server_rss_mb": mem.server_rss / 2**20, "status_after": st,
        }
    finally:
        server.stop()


def report(r, students):
    tti, rtt = r["tti"], r["rtt"]
    print(f"\n== {r['name']}: {r['opened']}/{students} students interactive, errors {len(r['errors'])}")
    if tti:
        print(f"   time to interactive   p50 {pct(tti, .5):6.2f} s   p95 {pct(tti, .95):6.2f} s   max {max(tti):6.2f} s")
    if rtt:
        print(f"   slider round trip     p50 {pct(rtt, .5) * 1000:6.0f} ms  p95 {pct(rtt, .95) * 1000:6.0f} ms  "
              f"(n={len(rtt)})")
    print(f"   peak memory: server+kernels {r['peak_total_mb']:.0f} MB with {r['peak_kernels']} kernels; "
          f"per kernel RSS {r['kernel_rss_mb']:.0f} MB, USS {r['kernel_uss_mb']:.0f} MB; server {r['server_rss_mb']:.0f} MB")
    print(f"   (RSS sums count shared libraries once per kernel; unique memory ~ server + kernels x USS = "
          f"{r['server_rss_mb'] + r['peak_kernels'] * r['kernel_uss_mb']:.0f} MB)")
    for e in r["errors"][:5]:
        print("   !", e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--students", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=45)
    ap.add_argument("--arrival", type=float, default=10)
    a = ap.parse_args()
    t0 = time.time()
    common = [f"--max-kernels={a.students + 10}", "--cull-minutes=10"]
    cold = run_phase("cold (no preheating)", ["--pool=0", *common], a.students, a.seconds, a.arrival)
    report(cold, a.students)
    warm = run_phase(f"preheated (pool of {a.students} for the chapter)",
                     ["--pool=0", f"--pool-for=ion_gradients={a.students}", *common], a.students, a.seconds, a.arrival)
    report(warm, a.students)
    print("\n== ratios (cold / preheated)")
    for q in (.5, .95):
        if cold["tti"] and warm["tti"]:
            print(f"   time to interactive p{int(q * 100)}: {pct(cold['tti'], q) / pct(warm['tti'], q):.1f}x")
    if cold["rtt"] and warm["rtt"]:
        print(f"   slider round trip p95: {pct(cold['rtt'], .95) / pct(warm['rtt'], .95):.2f}x")
    goals = (len(warm["errors"]) == 0 and warm["tti"] and pct(warm["tti"], .95) <= 5.0
             and warm["rtt"] and pct(warm["rtt"], .95) <= 0.25 and warm["kernel_uss_mb"] <= 150)
    print(f"\nissue goals (preheated: 0 errors, TTI p95 <= 5 s, round trip p95 <= 250 ms, <= 150 MB/kernel): "
          f"{'met' if goals else 'NOT met'}; benchmark took {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
