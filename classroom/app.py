"""Voilà with a gallery page, a polite "class is full" page and a status endpoint."""

from __future__ import annotations

import html
import json
from pathlib import Path

import tornado.web
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .chapters import THUMBNAILS, discover
from .kernel_manager import KernelCapReached

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"


def _page(name: str, **values) -> str:
    text = (PAGES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


class GalleryHandler(tornado.web.RequestHandler):
    """``/``: every chapter's app with its thumbnail and one-line description."""

    def get(self):
        base = self.settings.get("base_url", "/")
        cards = []
        for ch in discover():
            thumb = (
                f'<img src="{base}classroom/thumbnails/{ch.stem}.png" alt="" loading="lazy">'
                if ch.thumbnail.exists()
                else '<div class="nothumb" aria-hidden="true">▶</div>'
            )
            duration = f'<span class="duration">{html.escape(ch.duration)}</span>' if ch.duration else ""
            cards.append(
                f'<li class="card"><a href="{base}{html.escape(ch.url)}" class="chapter" data-stem="{ch.stem}">'
                f"{thumb}<h2>{html.escape(ch.title)}</h2></a>"
                f'<p class="description">{html.escape(ch.description)}</p>{duration}</li>'
            )
        if not cards:
            cards.append("<li>No chapters found in <code>chapters/</code>.</li>")
        self.set_header("Cache-Control", "no-cache")
        self.finish(_page("gallery.html", cards="\n".join(cards)))


def _ready_pooled(km) -> int:
    """Pooled kernels whose notebook has run to its end: the app is built and nothing waits.

    (The apps no longer wait in a cell for their page's request, so a pooled kernel stays
    usable however long it waits; see ``nakmodel.widgets.links``.)
    """
    n = 0
    for pool in getattr(km, "_pools", {}).values():
        for item in pool:
            if item.done() and not item.cancelled() and item.exception() is None and item.result()["task"].done():
                n += 1
    return n


class StatusHandler(tornado.web.RequestHandler):
    """``/classroom/status``: kernel counts (no ids, no content) for the teacher and the tests."""

    def get(self):
        km = self.settings["kernel_manager"]
        status = {
            "kernels": len(km.list_kernel_ids()),
            "in_use": km.kernels_in_use() if hasattr(km, "kernels_in_use") else None,
            "pooled": km.pooled_kernels() if hasattr(km, "pooled_kernels") else 0,
            # preheated kernels that ran their whole notebook (the app is built) and wait for a student
            "ready": _ready_pooled(km),
            "max_kernels": getattr(km, "max_kernels", 0),
            "cull_idle_timeout": km.cull_idle_timeout,
        }
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-cache")
        self.finish(json.dumps(status))


class ClassroomVoilaHandler(TornadoVoilaHandler):
    """Voilà's page handler, refusing politely (503) when the kernel cap is reached."""

    def _refuse(self, cap: int):
        self.clear()
        self.set_status(503)
        self.set_header("Retry-After", "30")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache, no-store")
        self.finish(_page("full.html", cap=str(cap), base=self.settings.get("base_url", "/")))

    async def get(self, path=None):
        km = self.kernel_manager
        if getattr(km, "at_capacity", lambda: False)():
            return self._refuse(km.max_kernels)
        gen = self.get_generator(path=path)
        try:
            first = await gen.__anext__()
        except KernelCapReached as err:
            return self._refuse(err.cap)
        except StopAsyncIteration:
            return
        self.write(first)
        self.flush()
        async for chunk in gen:
            self.write(chunk)
            self.flush()


class ClassroomVoila(Voila):
    name = "voila"  # read voila.json like plain Voilà
    kernel_pools: dict = {}  # per-chapter pool sizes (--pool-for), as VoilaKernelManager.kernel_pools_config

    def initialize(self, argv=None):
        super().initialize(argv)
        if self.kernel_pools:
            self.config.VoilaKernelManager.kernel_pools_config = self.kernel_pools

    def init_settings(self):
        settings = super().init_settings()
        km = self.kernel_manager
        if self.kernel_pools and hasattr(km, "kernel_pools_config"):
            # The big per-chapter pools (--pool-for) are filled once at start; afterwards keep only the
            # standby size warm. Refilling 30 kernels while 30 students arrive would start 30 more
            # kernels in the middle of the lesson and starve the ones in use (measured: 2x slower).
            standby = max(self.kernel_pools.get("default", {}).get("pool_size", 0), 1)
            km.kernel_pools_config = {
                name: {**conf, "pool_size": min(conf.get("pool_size", 0), standby)}
                for name, conf in self.kernel_pools.items()
            }
        if hasattr(km, "get_rendered_notebook") and hasattr(km, "mark_in_use"):
            original = km.get_rendered_notebook

            async def get_rendered_notebook(*args, **kwargs):
                task, cache, kernel_id = await original(*args, **kwargs)
                km.mark_in_use(kernel_id)  # a pooled kernel handed to a page now counts
                return task, cache, kernel_id

            km.get_rendered_notebook = get_rendered_notebook
        return settings

    def init_handlers(self):
        handlers = []
        root = self.server_url.rstrip("/") + "/"
        for spec in super().init_handlers():
            pattern, cls = spec[0], spec[1]
            if cls is TornadoVoilaHandler:
                spec = (pattern, ClassroomVoilaHandler, *spec[2:])
            elif cls is TornadoVoilaTreeHandler and pattern in (root, root.rstrip("/")):
                continue  # the gallery replaces the file tree at /
            handlers.append(spec)
        return [
            (root, GalleryHandler),
            (root + "classroom/status", StatusHandler),
            (root + r"classroom/thumbnails/([\w\-]+\.png)", tornado.web.StaticFileHandler, {"path": str(THUMBNAILS)}),
            *handlers,
        ]
