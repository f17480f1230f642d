"""The classroom's kernel manager: a cap on the kernels students hold, a staggered pool warm-up,
and kernel sockets that cannot collide when many kernels start at once.

Voilà has no limit of its own (voila-dashboards/voila#617 suggests a 503 from
``voila/render`` when a limit is reached); this is that limit.

* ``CappedKernelManager.max_kernels`` (0 = no cap) bounds the kernels *in use*
  by pages. Kernels warming in Voilà's preheated pool are not counted (the
  pool is bounded by ``default_pool_size`` per dashboard), so at most
  ``max_kernels + pool size × dashboards`` kernels run. :func:`auto_max_kernels`
  sizes the cap from free memory *and* the number of CPUs.
* Starting a kernel for a page beyond the cap raises :class:`KernelCapReached`
  (an HTTP 503); :class:`classroom.app.ClassroomVoilaHandler` turns it, and the
  same check before handing out a pooled kernel, into a polite page.
* **Staggered warm-up.** Voilà starts a whole pool at once (``--pool-for
  action_potentials=30``: 30 kernels, each importing numpy, scipy, matplotlib
  and running its chapter). On 2 cores that thrashes (load average 37 was
  measured) and every cell runs into ``VoilaExecutor.timeout``. Here at most
  ``warmup_concurrency`` pooled kernels (default: one per CPU) are busy warming
  at a time; the next starts when one has gone quiet (its process used < 10 %
  of a CPU for 1 s, i.e. it ran its notebook up to the app and waits for a
  student). Kernels for pages that arrive meanwhile are never queued.
* **Unix-socket kernels.** Over TCP the server picks five free ports per kernel
  that the kernel binds a second or two later; with dozens starting at once,
  another connection can take one in between and the kernel dies with
  ``ZMQError: Address already in use``. ``kernel_transport = "auto"`` uses
  ``ipc`` (Unix sockets named after the kernel's own connection file, so two
  kernels can never pick the same one) on Linux when the path fits, TCP elsewhere.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Float, Int, Unicode

MB_PER_KERNEL = 150      # memory budget per student kernel (measured 75-95 MB unique after start; see docs)
KERNELS_PER_CPU = 16     # students moving sliders that one CPU serves with a round trip p95 <= 150 ms (docs)
CAP_FLOOR, CAP_CEILING = 4, 60
UNIX_SOCKET_PATH_MAX = 107  # bytes in sockaddr_un.sun_path on Linux, less the final NUL
QUIET_CPU_FRACTION = 0.10   # a warming kernel below this share of one CPU ...
QUIET_SECONDS = 1.0         # ... for this long has finished its warm-up


def auto_max_kernels(available_mb: float, cpus: int, mb_per_kernel: float = MB_PER_KERNEL,
                     kernels_per_cpu: float = KERNELS_PER_CPU) -> int:
    """Kernel cap: what 80 % of ``available_mb`` (MiB) holds at ``mb_per_kernel`` each and what
    ``cpus`` serve at ``kernels_per_cpu`` each, whichever is smaller, kept between 4 and 60."""
    if available_mb < 0 or cpus < 1:
        raise ValueError(f"available_mb={available_mb} MiB must be >= 0 and cpus={cpus} >= 1")
    by_memory = int(0.8 * available_mb // mb_per_kernel)
    by_cpu = int(cpus * kernels_per_cpu)
    return max(CAP_FLOOR, min(CAP_CEILING, by_memory, by_cpu))


def machine_max_kernels() -> int:
    """:func:`auto_max_kernels` for this machine (CPUs this process may use, memory available now)."""
    import psutil

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return auto_max_kernels(psutil.virtual_memory().available / 2**20, cpus)


def ipc_fits(connection_dir: str) -> bool:
    """Whether ``<connection_dir>/kernel-<uuid>-ipc-<n>`` fits a Unix socket address here (Linux only)."""
    longest = os.path.join(connection_dir, "kernel-" + "x" * 36 + "-ipc-99")
    return sys.platform.startswith("linux") and len(os.fsencode(longest)) <= UNIX_SOCKET_PATH_MAX


class KernelCapReached(web.HTTPError):
    def __init__(self, cap: int):
        super().__init__(503, "classroom server full (%d kernels in use)", cap)
        self.cap = cap


class CappedKernelManager(AsyncMappingKernelManager):
    max_kernels = Int(0, config=True, help="Most kernels held by open pages at once (0: no limit).")
    warmup_concurrency = Int(-1, config=True,
                             help="Pooled kernels warming up at once (-1: one per CPU; 0: no limit).")
    warmup_timeout = Float(120.0, config=True,
                           help="Seconds after which a warming kernel frees its slot even if still busy.")
    kernel_transport = Unicode("auto", config=True,
                               help="'ipc' (Unix sockets), 'tcp', or 'auto': "
                                    "ipc on Linux when the path fits.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._in_use: set[str] = set()
        self._starting = 0
        self._warm_slots: asyncio.Semaphore | None = None
        self._warming: set[str] = set()
        self._warm_tasks: set[asyncio.Future] = set()
        self.peak_warming = 0

    # ----- bookkeeping -------------------------------------------------------------------
    def mark_in_use(self, kernel_id: str) -> None:
        self._in_use.add(kernel_id)

    def kernels_in_use(self) -> int:
        live = set(self.list_kernel_ids())
        self._in_use &= live
        return len(self._in_use) + self._starting

    def pooled_kernels(self) -> int:
        return sum(len(p) for p in getattr(self, "_pools", {}).values())

    def kernels_warming(self) -> int:
        return len(self._warming)

    def at_capacity(self) -> bool:
        return self.max_kernels > 0 and self.kernels_in_use() >= self.max_kernels

    def transport(self) -> str:
        if self.kernel_transport in ("ipc", "tcp"):
            return self.kernel_transport
        return "ipc" if ipc_fits(os.path.abspath(self.connection_dir or os.getcwd())) else "tcp"

    def warm_slots(self) -> int:
        n = self.warmup_concurrency
        if n < 0:
            n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        return n

    # ----- kernel life -------------------------------------------------------------------
    def pre_start_kernel(self, kernel_name, kwargs):
        km, kernel_name, kernel_id = super().pre_start_kernel(kernel_name, kwargs)
        if self.transport() == "ipc":
            km.transport = "ipc"
            # unique: named after the kernel id; absolute, as the kernel runs in the notebook's folder
            km.ip = os.path.abspath(os.path.splitext(km.connection_file)[0]) + "-ipc"
        return km, kernel_name, kernel_id

    async def start_kernel(self, *args, **kwargs):
        env = kwargs.get("env") or {}
        for_pool = env.get("VOILA_PREHEAT") == "True" and "QUERY_STRING" not in env
        if for_pool:
            return await self._start_pooled(*args, **kwargs)
        if self.at_capacity():
            self.log.warning("Kernel cap reached (%d in use): refusing a page", self.max_kernels)
            raise KernelCapReached(self.max_kernels)
        self._starting += 1
        try:
            kernel_id = await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1
        self.mark_in_use(kernel_id)
        return kernel_id

    async def _start_pooled(self, *args, **kwargs):
        slots = self.warm_slots()
        if slots == 0:
            return await super().start_kernel(*args, **kwargs)
        if self._warm_slots is None:
            self._warm_slots = asyncio.Semaphore(slots)
        await self._warm_slots.acquire()
        try:
            kernel_id = await super().start_kernel(*args, **kwargs)
        except BaseException:
            self._warm_slots.release()
            raise
        self._warming.add(kernel_id)
        self.peak_warming = max(self.peak_warming, len(self._warming))
        task = asyncio.ensure_future(self._release_when_quiet(kernel_id))
        self._warm_tasks.add(task)  # keep a reference until it is done
        task.add_done_callback(self._warm_tasks.discard)
        return kernel_id

    def _kernel_process(self, kernel_id: str):
        import psutil

        try:
            pid = getattr(getattr(self.get_kernel(kernel_id), "provisioner", None), "pid", None)
            return psutil.Process(pid) if pid else None
        except (KeyError, psutil.Error):
            return None

    async def _release_when_quiet(self, kernel_id: str, poll: float = 0.25) -> None:
        """Free the warm-up slot once the kernel's process has been quiet for ``QUIET_SECONDS``."""
        import psutil

        t0 = time.monotonic()
        proc = self._kernel_process(kernel_id)
        try:
            last_cpu, last_t, quiet_since = None, time.monotonic(), None
            while proc is not None and time.monotonic() - t0 < self.warmup_timeout:
                await asyncio.sleep(poll)
                try:
                    times = proc.cpu_times()
                    runnable = proc.status() == psutil.STATUS_RUNNING
                except psutil.Error:
                    break  # the kernel is gone
                now, cpu = time.monotonic(), times.user + times.system
                if last_cpu is not None:
                    busy = (cpu - last_cpu) / max(now - last_t, 1e-3) > QUIET_CPU_FRACTION or runnable
                    if busy or kernel_id not in self:
                        quiet_since = None
                    elif quiet_since is None:
                        quiet_since = now
                    elif now - quiet_since >= QUIET_SECONDS:
                        break
                    if kernel_id not in self:
                        break
                last_cpu, last_t = cpu, now
        finally:
            self._warming.discard(kernel_id)
            if self._warm_slots is not None:
                self._warm_slots.release()
            self.log.debug("Kernel %s warm after %.1f s", kernel_id, time.monotonic() - t0)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._in_use.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
