"""The classroom kernel manager: automatic cap from memory and CPUs; many kernels starting at once
(Unix-socket transport, staggered warm-up of pooled kernels)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

from classroom.kernel_manager import (
    CAP_CEILING,
    CAP_FLOOR,
    CappedKernelManager,
    auto_max_kernels,
    ipc_fits,
)


def _run_in_fresh_loop(coro):
    """``asyncio.run`` in a thread of its own: earlier tests in the same process (Playwright's sync
    API) may leave an event loop running in the main thread, where ``asyncio.run`` refuses."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.mark.parametrize(("available_mb", "cpus", "expected"), [
    (24_000, 2, 2 * 16),            # a 24 GB, 2-core laptop: CPU-bound (memory alone would allow 128)
    (1_500, 8, 1_500 * 8 // 10 // 150),  # 1.5 GB free on 8 cores: memory-bound, 8 kernels at 150 MB
    (100, 1, CAP_FLOOR),            # nearly no memory: never fewer than the floor
    (1_000_000, 64, CAP_CEILING),   # a big server: the ceiling
])
def test_cap_accounts_for_memory_and_cpu(available_mb, cpus, expected):
    assert auto_max_kernels(available_mb, cpus) == expected


def test_cap_refuses_nonsense():
    with pytest.raises(ValueError, match="cpus"):
        auto_max_kernels(1000, 0)
    with pytest.raises(ValueError, match="available_mb"):
        auto_max_kernels(-1, 2)


def test_ipc_only_where_the_socket_path_fits(tmp_path):
    on_linux = sys.platform.startswith("linux")
    assert ipc_fits("/tmp/voila_abcdefgh") is on_linux
    assert ipc_fits("/" + "d" * 80) is False  # 80 + 52 bytes > 107


def _pool_env():
    return {**os.environ, "VOILA_PREHEAT": "True"}


async def _start_many(tmp_path: Path, n_pool: int, n_pages: int, slots: int):
    km = CappedKernelManager(connection_dir=str(tmp_path), root_dir=str(tmp_path), warmup_concurrency=slots)
    sampled: list[int] = []
    stop = asyncio.Event()

    async def sample():
        while not stop.is_set():
            sampled.append(km.kernels_warming())
            await asyncio.sleep(0.1)

    sampler = asyncio.ensure_future(sample())
    t0 = time.perf_counter()
    try:
        starts = [km.start_kernel(kernel_name="python3", env=_pool_env()) for _ in range(n_pool)]
        starts += [km.start_kernel(kernel_name="python3", env=dict(os.environ)) for _ in range(n_pages)]
        ids = await asyncio.wait_for(asyncio.gather(*starts), timeout=240)
        started = time.perf_counter() - t0
        replies = []
        for kid in ids:
            kc = km.get_kernel(kid).client()
            kc.start_channels()
            try:
                await asyncio.wait_for(kc.wait_for_ready(timeout=120), 130)
                replies.append(kid)
            finally:
                kc.stop_channels()
        while km.kernels_warming():
            await asyncio.sleep(0.2)
        transports = {json.loads(Path(km.get_kernel(k).connection_file).read_text())["transport"]
                      for k in ids}
        return ids, replies, transports, max(sampled, default=0), km.peak_warming, started
    finally:
        stop.set()
        await sampler
        await km.shutdown_all(now=True)


@pytest.mark.slow
def test_many_kernels_start_at_once():
    """8 kernels requested together (6 for the pool, 2 for pages): all start and answer; pooled ones
    warm at most 2 at a time; on Linux they talk over Unix sockets (no TCP port to collide on)."""
    short = Path(tempfile.mkdtemp(prefix="voila_", dir="/tmp" if os.path.isdir("/tmp") else None))
    try:
        ids, replies, transports, sampled_peak, peak, started = _run_in_fresh_loop(
            _start_many(short, 6, 2, slots=2))
    finally:
        shutil.rmtree(short, ignore_errors=True)
    print(f"\n8 kernels started in {started:.1f} s; at most {peak} pooled kernels warming at once")
    assert len(set(ids)) == 8 and sorted(replies) == sorted(ids)
    # the two page kernels never queue behind the pool; at most 2 pooled kernels warm at once
    assert 1 <= peak <= 2 and sampled_peak <= 2
    assert transports == ({"ipc"} if sys.platform.startswith("linux") else {"tcp"})
