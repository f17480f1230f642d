"""A kernel manager with a cap on the kernels students hold.

Voilà has no limit of its own (voila-dashboards/voila#617 suggests a 503 from
``voila/render`` when a limit is reached); this is that limit.

* ``CappedKernelManager.max_kernels`` (0 = no cap) bounds the kernels *in use*
  by pages. Kernels warming in Voilà's preheated pool are not counted (the
  pool is bounded by ``default_pool_size`` per dashboard), so at most
  ``max_kernels + pool size × dashboards`` kernels run.
* Starting a kernel for a page beyond the cap raises :class:`KernelCapReached`
  (an HTTP 503); :class:`classroom.app.ClassroomVoilaHandler` turns it, and the
  same check before handing out a pooled kernel, into a polite page.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Int


class KernelCapReached(web.HTTPError):
    def __init__(self, cap: int):
        super().__init__(503, "classroom server full (%d kernels in use)", cap)
        self.cap = cap


class CappedKernelManager(AsyncMappingKernelManager):
    max_kernels = Int(0, config=True, help="Most kernels held by open pages at once (0: no limit).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._in_use: set[str] = set()
        self._starting = 0

    # ----- bookkeeping -------------------------------------------------------------------
    def mark_in_use(self, kernel_id: str) -> None:
        self._in_use.add(kernel_id)

    def kernels_in_use(self) -> int:
        live = set(self.list_kernel_ids())
        self._in_use &= live
        return len(self._in_use) + self._starting

    def pooled_kernels(self) -> int:
        return sum(len(p) for p in getattr(self, "_pools", {}).values())

    def at_capacity(self) -> bool:
        return self.max_kernels > 0 and self.kernels_in_use() >= self.max_kernels

    # ----- kernel life -------------------------------------------------------------------
    async def start_kernel(self, *args, **kwargs):
        env = kwargs.get("env") or {}
        for_pool = env.get("VOILA_PREHEAT") == "True" and "QUERY_STRING" not in env
        if for_pool:
            return await super().start_kernel(*args, **kwargs)
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

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._in_use.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
