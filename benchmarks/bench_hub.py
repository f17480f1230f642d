"""A class logging in to the local JupyterHub at once: servers per minute, login to app, memory.

Starts the hub of ``deploy/jupyterhub/jupyterhub_config.py`` on loopback (as ``make hub``), then
``--users`` students log in at the same moment (HTTP, the hub's login form), each server starts
(the classroom server behind the hub's login) and each student opens one app; the app is
usable when Voilà has executed its notebook and sent the whole page. Printed:

* servers started per minute (users / time from the first login to the last gallery shown);
* login -> gallery and login -> usable app, p50 / p95 / max;
* memory per user: unique set size (USS) of every process of that user's server (the
  standalone proxy, the classroom server, its kernels), after the app has opened;
* a baseline measured in the same run: one app opened on a classroom server started directly
  (no hub, no preheating), and the hub's figures as ratios of it.

Run:  .venv/bin/python benchmarks/bench_hub.py --users 10 [--app stoichiometry.ipynb]
Sends traffic only to 127.0.0.1; every request loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import free_port, wait_for_http  # noqa: E402  (needs ROOT on sys.path, set just above)

HUB_DIR = ROOT / "deploy" / "jupyterhub"
PASSWORD = "bench-password"


def start_hub(state: Path) -> tuple[subprocess.Popen, str, str]:
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "NAKBOOK_HUB_STATE": str(state), "NAKBOOK_HUB_PORT": str(port),
           "NAKBOOK_HUB_API_PORT": str(free_port()), "NAKBOOK_HUB_PROXY_API_PORT": str(free_port()),
           "NAKBOOK_HUB_PASSWORD": PASSWORD, "NAKBOOK_HUB_ADMIN_TOKEN": token}
    log = open(state / "hub.log", "w")  # noqa: SIM115 - open for the hub's lifetime
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(HUB_DIR / "jupyterhub_config.py")],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/hub/api/", 60)
    return proc, base, token


def student(base: str, user: str, app: str, timeout_s: float) -> dict:
    s = requests.Session()
    page = s.get(base + "/hub/login", timeout=30)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    t0 = time.perf_counter()
    r = s.post(base + "/hub/login?next=", data={"username": user, "password": PASSWORD, "_xsrf": xsrf},
               timeout=timeout_s)
    # the hub shows a "starting" page and the browser polls; follow it as a browser would
    deadline = time.time() + timeout_s
    while "li class=\"card\"" not in r.text and time.time() < deadline:
        time.sleep(1)
        r = s.get(f"{base}/user/{user}/", timeout=timeout_s)
    gallery = time.perf_counter() - t0
    if "li class=\"card\"" not in r.text:
        return {"user": user, "error": f"no gallery after {timeout_s} s (HTTP {r.status_code})"}
    r = s.get(f"{base}/user/{user}/voila/render/{app}", timeout=timeout_s)
    usable = time.perf_counter() - t0
    ok = r.status_code == 200 and "application/vnd.jupyter.widget-view+json" in r.text
    return {"user": user, "gallery_s": gallery, "app_s": usable,
            "error": None if ok else f"app page HTTP {r.status_code} without the app's widget"}


def uss_mb_of_user(user: str) -> float:
    total = 0.0
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("JUPYTERHUB_USER") == user:
                total += p.memory_full_info().uss
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return total / 2**20


def baseline_classroom_app(app: str, timeout_s: float) -> float:
    """Seconds to open ``app`` on a classroom server started directly, pool 0 (as each hub user's)."""
    port = free_port()
    log = Path(tempfile.mkstemp(suffix=".log")[1])
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "classroom", f"--port={port}", "--ip=127.0.0.1",
                                 "--pool=0"], cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/classroom/status", 90)
        t0 = time.perf_counter()
        r = requests.get(f"http://127.0.0.1:{port}/voila/render/{app}", timeout=timeout_s)
        r.raise_for_status()
        if "application/vnd.jupyter.widget-view+json" not in r.text:
            raise RuntimeError(f"baseline: {app} rendered without its app widget")
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(30)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=10)
    ap.add_argument("--app", default="stoichiometry.ipynb")
    ap.add_argument("--timeout", type=float, default=300.0, help="per student, s")
    args = ap.parse_args()

    base_s = baseline_classroom_app(args.app, args.timeout)
    state = Path(tempfile.mkdtemp(prefix="bench_hub_"))
    proc, base, _token = start_hub(state)
    load0 = os.getloadavg()[0]
    try:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.users) as pool:
            results = list(pool.map(lambda i: student(base, f"student{i:02d}", args.app, args.timeout),
                                    range(args.users)))
        wall = time.perf_counter() - t0
        mem = [uss_mb_of_user(r["user"]) for r in results if not r["error"]]
    finally:
        proc.terminate()
        proc.wait(60)
    ok = [r for r in results if not r["error"]]
    errors = [r["error"] for r in results if r["error"]]
    print(f"{args.users} students, app {args.app}, 2-core machine, load average at start {load0:.1f}, "
          f"at end {os.getloadavg()[0]:.1f}")
    print(f"baseline: one app on a classroom server without hub (pool 0): {base_s:.1f} s")
    if ok:
        last_gallery = max(r["gallery_s"] for r in ok)
        gal = [r["gallery_s"] for r in ok]
        app = [r["app_s"] for r in ok]
        print(f"servers started per minute: {60 * len(ok) / last_gallery:.1f} "
              f"({len(ok)} servers, last gallery after {last_gallery:.1f} s; all apps after {wall:.1f} s)")
        print(f"login -> gallery   p50 {statistics.median(gal):.1f} s  p95 {pct(gal, 95):.1f} s  "
              f"max {max(gal):.1f} s")
        print(f"login -> usable app p50 {statistics.median(app):.1f} s  p95 {pct(app, 95):.1f} s  "
              f"max {max(app):.1f} s  (p50 = {statistics.median(app) / base_s:.1f}x baseline)")
        print(f"memory per user (USS, server + proxy + kernel): median {statistics.median(mem):.0f} MB, "
              f"max {max(mem):.0f} MB")
    print(f"errors: {len(errors)}" + (f" - {errors[:3]}" if errors else ""))


if __name__ == "__main__":
    main()
