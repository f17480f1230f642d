"""Voilà with a gallery page, polite refusal pages, a status endpoint and the guards of
:mod:`classroom.gate` (who may connect) and :mod:`classroom.guard` (what a page may send)."""

from __future__ import annotations

import contextvars
import html
import json
import os
import re
from pathlib import Path
from urllib.parse import quote, urlparse

import tornado.web
from tornado.ioloop import PeriodicCallback
from traitlets import Float, Int, List, Unicode
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from . import gate as gates
from .chapters import THUMBNAILS, discover
from .guard import MAX_MESSAGE_BYTES, GuardedKernelWebsocketHandler, Warden
from .kernel_manager import KernelCapReached


class PageRequest:
    """The client (address) a page is served for, and the kernel(s) it was given."""

    def __init__(self, client: str, warden: Warden | None):
        self.client = client
        self.kernels: list[str] = []
        self.warden = warden
        self.reserved = False

    def reserve(self) -> None:
        """Count this page against its client's limit while its kernel is being found."""
        if self.warden is not None:
            self.warden.reserve(self.client)
            self.reserved = True

    def release(self) -> None:
        if self.reserved:
            self.warden.release(self.client)
            self.reserved = False

    def got(self, kernel_id: str) -> None:
        """The page was given ``kernel_id``: it now counts as owned, no longer as reserved."""
        if self.warden is not None:
            self.warden.assign(kernel_id, self.client)
        self.kernels.append(kernel_id)
        self.release()


#: The page request being served, seen by the kernel start (or pool hand-out) it causes.
CLIENT: contextvars.ContextVar[PageRequest | None] = contextvars.ContextVar("classroom_page", default=None)
HEARTBEAT = "<script>window.voila_heartbeat()</script>\n"  # Voilà's keep-alive; an inline script CSP refuses

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"


def _page(name: str, **values) -> str:
    text = (PAGES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


#: the frame (head, style, 30 s refresh) of the pages that refuse politely and retry by themselves
RETRY_FRAME = "retry.html"


def retry_page(name: str, **values) -> str:
    """The page body ``name`` (its ``{{key}}`` fields filled from ``values``) in the frame of the
    pages that retry by themselves; the document's title is the body's ``<h1>``."""
    body = _page(name, **values)
    title = re.search(r"<h1>(.*?)</h1>", body, re.S)
    if title is None:
        raise ValueError(f"classroom page {name} has no <h1> to title it")
    return _page(RETRY_FRAME, title=title.group(1), body=body)


def _safe_next(target: str, base: str) -> str:
    """A same-server path to go to after joining (never another site)."""
    parsed = urlparse(target or "")
    if parsed.scheme or parsed.netloc or not parsed.path.startswith(base) or parsed.path.startswith("//"):
        return base
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def refusal_page(kind: str, uri: str, base: str = "/", problem: str = "") -> str:
    """HTML of the class-code page (``kind="join"``) for a refused request to ``uri``."""
    return _page("join.html", base=html.escape(base), next=html.escape(_safe_next(uri, base)),
                 problem=f'<p class="problem">{html.escape(problem)}</p>' if problem else "")


class JoinHandler(tornado.web.RequestHandler):
    """``/classroom/join``: the class code, asked once per device and kept in a SameSite cookie."""

    def check_xsrf_cookie(self):
        pass  # the class code itself is the secret here; the cookie is SameSite=Lax

    @property
    def gate(self) -> gates.Gate:
        return self.settings["classroom_gate"]

    def _join(self, code: str, target: str):
        base = self.settings.get("base_url", "/")
        gate = self.gate
        if gate.code is None:
            return self.redirect(_safe_next(target, base))
        address = self.request.remote_ip
        if gate.too_many_failures(address):
            self.set_status(429)
            return self.finish(refusal_page("join", target, base, "Too many wrong codes: wait ten minutes."))
        if not gate.code_matches(code):
            gate.failed(address)
            self.set_status(403)
            problem = "That code is not right. Check it with your teacher." if code else ""
            return self.finish(refusal_page("join", target, base, problem))
        self.set_cookie(gates.COOKIE, gate.cookie_value, path=base, httponly=True, samesite="Lax",
                        expires_days=1)
        self.redirect(_safe_next(target, base), status=303)

    def get(self):
        self.set_header("Cache-Control", "no-cache, no-store")
        self._join(self.get_argument("code", ""), self.get_argument("next", ""))

    def post(self):
        self._join(self.get_body_argument("code", ""), self.get_body_argument("next", ""))


class TeacherHandler(tornado.web.RequestHandler):
    """``/classroom/teacher`` (this computer only): the class code, a QR code to join, the counts."""

    def get(self):
        gate: gates.Gate = self.settings["classroom_gate"]
        port = self.settings["classroom_port"]
        base = self.settings.get("base_url", "/")
        addresses = [a for a in sorted(gate.hosts or ()) if _is_lan_address(a)] or ["localhost"]
        links = []
        for a in addresses:
            host = f"[{a}]" if ":" in a else a
            url = f"http://{host}:{port}{base}"
            links.append(f"<li><code>{html.escape(url)}</code></li>")
        first = f"http://{addresses[0]}:{port}{base}" if ":" not in addresses[0] else \
            f"http://[{addresses[0]}]:{port}{base}"
        if gate.code:
            join = f"{first}{gates.JOIN_PATH}?code={quote(gate.code)}"
            block = (f'<p>Class code:</p><p class="code" id="class-code">{html.escape(gate.code)}</p>'
                     '<p>Or scan (opens the apps with the code): <br>'
                     f'<span class="qr">{_qr_svg(join)}</span></p>')
        else:
            block = "<p>No class code (the server answers only on this computer, or the code is off).</p>"
        km = self.settings["kernel_manager"]
        counts = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
                         for k, v in _status(km).items())
        self.set_header("Cache-Control", "no-cache, no-store")
        self.finish(_page("teacher.html", code_block=block, addresses="".join(links), counts=counts))


class NotFoundHandler(tornado.web.RequestHandler):
    """Any other path: 404 (behind the gate, so an unknown Host or a missing class code still gets 403)."""

    def get(self, *args, **kwargs):
        raise tornado.web.HTTPError(404)

    post = put = delete = patch = head = get


def _is_lan_address(name: str) -> bool:
    import ipaddress

    try:
        addr = ipaddress.ip_address(name)
    except ValueError:
        return False
    return not (addr.is_loopback or addr.is_link_local)


def _qr_svg(text: str) -> str:
    try:
        import segno
    except ImportError:
        return ""
    return segno.make(text, error="m").svg_inline(scale=6, title="QR code: join the class")


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
                f'<li class="card"><a href="{base}{html.escape(ch.url)}" class="chapter" '
                f'data-stem="{ch.stem}">'
                f"{thumb}<h2>{html.escape(ch.title)}</h2></a>"
                f'<p class="description">{html.escape(ch.description)}</p>{duration}</li>'
            )
        if not cards:
            cards.append("<li>No chapters found in <code>chapters/</code>.</li>")
        self.set_header("Cache-Control", "no-cache")
        self.finish(_page("gallery.html", cards="\n".join(cards), base=base))


def _ready(km) -> int:
    """Preheated kernels that rendered their notebook and wait for a student."""
    ready = 0
    for pool in getattr(km, "_pools", {}).values():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                render = task.result().get("task")
                ready += bool(render is not None and render.done())
    return ready


def _status(km) -> dict:
    return {
        "kernels": len(km.list_kernel_ids()),
        "in_use": km.kernels_in_use() if hasattr(km, "kernels_in_use") else None,
        "pooled": km.pooled_kernels() if hasattr(km, "pooled_kernels") else 0,
        "ready": _ready(km),
        "max_kernels": getattr(km, "max_kernels", 0),
        "cull_idle_timeout": km.cull_idle_timeout,
    }


class StatusHandler(tornado.web.RequestHandler):
    """``/classroom/status`` (this computer only): kernel counts (no ids, no content)."""

    def get(self):
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-cache")
        self.finish(json.dumps(_status(self.settings["kernel_manager"])))


class ClassroomVoilaHandler(TornadoVoilaHandler):
    """Voilà's page handler: refuses politely when the kernel cap (503) or the per-client limit (429)
    is reached, and cross-site subresource loads (403); ignores ``?template=`` and ``?theme=``."""

    def _refuse_with(self, status: int, page: str, **values):
        """Answer ``status`` with the retrying page ``page`` (the browser tries again in 30 s)."""
        self.clear()
        self.set_status(status)
        self.set_header("Retry-After", "30")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache, no-store")
        self.finish(retry_page(page, base=self.settings.get("base_url", "/"), **values))

    def _refuse(self, cap: int):
        self._refuse_with(503, "full.html", cap=str(cap))

    def _refuse_client(self, limit: int):
        self._refuse_with(429, "too_many.html", limit=str(limit))

    async def get(self, path=None):
        if gates.cross_site_subresource(self):
            self.log.warning("Refusing a cross-site %s load of %s",
                             self.request.headers.get("Sec-Fetch-Dest"), self.request.path[:80])
            raise tornado.web.HTTPError(403)
        for name in ("template", "theme"):  # overrides are off (voila.json); keep the preheated pool in use
            self.request.arguments.pop(name, None)
            self.request.query_arguments.pop(name, None)
        km = self.kernel_manager
        if getattr(km, "at_capacity", lambda: False)():
            return self._refuse(km.max_kernels)
        warden: Warden | None = self.settings.get("classroom_warden")
        client = self.request.remote_ip
        if warden is not None and warden.over_limit(client):
            self.log.warning("Client %s holds %d kernels: refusing another page", client,
                             warden.held_by(client))
            return self._refuse_client(warden.per_client)
        _ = self.xsrf_token  # sets the _xsrf cookie the unload beacon sends back (XSRF stays on)
        page = PageRequest(client, warden)
        page.reserve()
        token = CLIENT.set(page)
        try:
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
                self.write("<!-- computing -->\n" if chunk == HEARTBEAT else chunk)
                self.flush()
        finally:
            CLIENT.reset(token)
            page.release()
            if warden is not None:
                for kid in page.kernels:
                    warden.page_finished(kid)


class ClassroomVoila(Voila):
    name = "voila"  # read voila.json like plain Voilà
    kernel_pools: dict = {}  # noqa: RUF012 - per-chapter pool sizes (--pool-for), as VoilaKernelManager.kernel_pools_config

    class_code = Unicode("", config=True, help="Class code students type once (empty: no code).")
    allowed_hosts = List(Unicode(), config=True, help="Extra Host names to accept besides this machine's.")
    kernels_per_client = Int(3, config=True, help="Most kernels one client address holds (0: no limit).")
    orphan_seconds = Float(60, config=True, help="Free a page's kernel with no websocket for this long.")
    silent_seconds = Float(1200, config=True,
                           help="Free a kernel whose page sent nothing for this long (0: never).")

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
        warden = Warden(km, self.kernels_per_client, self.orphan_seconds, self.silent_seconds, self.log)
        csp = gates.CSP
        if self.voila_configuration.template != "nak-offline":  # the book's template has no inline script
            self.log.warning("Template %r has inline scripts: Content-Security-Policy allows them",
                             self.voila_configuration.template)
            csp = gates.CSP_INLINE
        self._hook_assign(km)
        settings.update(
            # behind JupyterHub the hub's proxy and OAuth stand in front, under the hub's own name
            classroom_gate=gates.Gate(self.class_code or None,
                                      None if os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
                                      else gates.local_names(self.allowed_hosts)),
            classroom_warden=warden,
            classroom_port=self.port,
            websocket_max_message_size=MAX_MESSAGE_BYTES,
            websocket_ping_interval=30,
            websocket_ping_timeout=30,
            xsrf_cookies=True,
            xsrf_cookie_kwargs={"samesite": "Strict", "path": self.base_url},
            headers={**settings.get("headers", {}), "Content-Security-Policy": csp},
            classroom_csp=csp,
            default_handler_class=gates.gated(NotFoundHandler),
        )
        self._sweeper = PeriodicCallback(warden.sweep, 1000 * max(1.0, min(10.0, self.orphan_seconds / 4)))
        self._sweeper.start()
        return settings

    @staticmethod
    def _hook_assign(km) -> None:
        """Record which client a kernel was started or handed out for (:data:`CLIENT`, set by the page)."""
        start, rendered = km.start_kernel, getattr(km, "get_rendered_notebook", None)

        async def start_kernel(*args, **kwargs):
            kernel_id = await start(*args, **kwargs)
            page = CLIENT.get()
            if page is not None:
                page.got(kernel_id)
            return kernel_id

        km.start_kernel = start_kernel
        if rendered is None:
            return

        async def get_rendered_notebook(*args, **kwargs):
            page = CLIENT.get()
            token = CLIENT.set(None)  # the pool refill started in this call is nobody's
            try:
                result = await rendered(*args, **kwargs)
            finally:
                CLIENT.reset(token)
            if page is not None:
                page.got(result[2])
            return result

        km.get_rendered_notebook = get_rendered_notebook

    def init_handlers(self):
        handlers = []
        root = self.server_url.rstrip("/") + "/"
        for spec in super().init_handlers():
            pattern, cls = spec[0], spec[1]
            if cls is TornadoVoilaHandler:
                spec = (pattern, ClassroomVoilaHandler, *spec[2:])
            elif cls is VoilaKernelWebsocketHandler:
                spec = (pattern, GuardedKernelWebsocketHandler, *spec[2:])
            elif cls is TornadoVoilaTreeHandler and pattern in (root, root.rstrip("/")):
                continue  # the gallery replaces the file tree at /
            elif cls is RequestInfoSocketHandler:
                # /voila/query/<id> hands a page's query string to a preheated kernel that asks for it; the
                # apps do not ask, and any client could take another kernel's place there (docs/security.md)
                continue
            handlers.append(spec)
        handlers = [
            (root, GalleryHandler),
            (root + "classroom/status", StatusHandler),
            (root + "classroom/teacher", TeacherHandler),
            (root + gates.JOIN_PATH, JoinHandler),
            (root + r"classroom/static/(gallery\.js)", tornado.web.StaticFileHandler, {"path": str(PAGES)}),
            (root + r"classroom/thumbnails/([\w\-]+\.png)", tornado.web.StaticFileHandler,
             {"path": str(THUMBNAILS)}),
            *handlers,
        ]
        return [(spec[0], gates.gated(spec[1]), *spec[2:]) for spec in handlers]
