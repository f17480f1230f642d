"""Who may talk to the classroom server at all: Host allowlist, class code, no cross-site page loads.

Every handler of the server (pages, websockets, API, static files) gets
:class:`GateMixin` in front (:func:`gated`). A request is refused with 403 when

* its ``Host`` header is not one of this machine's names or addresses (or one
  given with ``--allow-host``): a DNS-rebinding page reaches the server under
  its own domain name and is refused;
* the class code is on and the request carries no valid class cookie (only
  the join page is open, and this computer itself, ``127.0.0.1``/``::1`` under
  a loopback name, needs no code: the teacher's browser, the benchmarks);
* it asks for an app page from another site's subresource or fetch
  (``Sec-Fetch-*`` headers): another website cannot start kernels with
  ``<img src=…>`` or no-cors requests.

Every answer carries a Content-Security-Policy (:data:`CSP`) with
``script-src 'self'``: an injected ``<script>`` or ``onerror=`` does not run.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket
import time

from tornado import web
from tornado.log import app_log

#: No inline script anywhere (the book's template moves Voilà's helpers into files), nothing off-site;
#: ``blob:`` scripts only come from code already running (anywidget's module loader), never from markup.
CSP = "; ".join([  # noqa: FLY002 - one directive a line
    "default-src 'self'",
    "script-src 'self' blob:",            # anywidget imports each widget's ES module from a blob: URL
    "style-src 'self' 'unsafe-inline'",   # Voilà's and the widgets' inline styles (no script)
    "img-src 'self' data: blob:",          # figures arrive as data: PNGs
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
#: With a template that still has inline scripts (Voilà's stock one, when the book's is missing).
CSP_INLINE = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
COOKIE = "nak_class"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
JOIN_PATH = "classroom/join"
TEACHER_PATHS = ("classroom/status", "classroom/teacher")
MAX_FAILED_CODES = 10                 # per address and 10 minutes
THIS_COMPUTER = frozenset({"127.0.0.1", "::1"})  # the teacher's own browser (other 127.x: treated as devices)


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_on_by_default(ip: str) -> bool:
    """True unless the server listens on loopback only (``127.0.0.1``, ``::1``, ``localhost``)."""
    if ip == "":
        return True  # every interface
    if ip == "localhost":
        return False
    try:
        return not ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return True  # a host name: assume it is reachable from the network


def local_names(extra=()) -> set[str]:
    """Names and addresses this machine answers to (for the Host allowlist)."""
    names = {"localhost", "127.0.0.1", "::1"}
    for name in (socket.gethostname(), socket.getfqdn()):
        if name:
            names |= {name.lower(), f"{name.lower()}.local", name.split(".")[0].lower()}
    try:
        import psutil

        for addrs in psutil.net_if_addrs().values():
            for a in addrs:
                if a.family in (socket.AF_INET, socket.AF_INET6):
                    names.add(a.address.split("%")[0].lower())
    except Exception as err:  # noqa: BLE001 - psutil missing: the names above and --allow-host
        app_log.debug("interface addresses unknown: %s", err)
    names |= {n.lower() for n in extra}
    return names


def host_of(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        host = host.split(":")[0]
    return host


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class Gate:
    """The server's access rules; one instance in the Tornado settings (``classroom_gate``)."""

    def __init__(self, code: str | None, hosts: set[str] | None):
        self.code = normalise_code(code) if code else None
        self.hosts = hosts
        self.failures: dict[str, list[float]] = {}

    @property
    def cookie_value(self) -> str:
        return hmac.new(self.code.encode(), b"nakmodel classroom v1", hashlib.sha256).hexdigest()[:40]

    def code_matches(self, given: str) -> bool:
        return self.code is not None and hmac.compare_digest(normalise_code(given).encode(),
                                                             self.code.encode())

    def has_cookie(self, handler) -> bool:
        value = handler.get_cookie(COOKIE) or ""
        return self.code is None or hmac.compare_digest(value.encode(), self.cookie_value.encode())

    def too_many_failures(self, address: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self.failures.get(address, []) if now - t < 600]
        self.failures[address] = recent
        return len(recent) >= MAX_FAILED_CODES

    def failed(self, address: str) -> None:
        self.failures.setdefault(address, []).append(time.monotonic())

    def teacher(self, handler) -> bool:
        """A request from this machine, under a loopback name (the teacher's own browser)."""
        return (handler.request.remote_ip in THIS_COMPUTER
                and is_loopback_name(host_of(handler.request.host or "")))

    def refusal(self, handler) -> str | None:
        """Why this request is refused, or None."""
        if self.hosts is not None and host_of(handler.request.headers.get("Host", "")) not in self.hosts:
            return "unknown Host"
        base = handler.settings.get("base_url", "/")
        path = handler.request.path.removeprefix(base)
        if path.startswith(TEACHER_PATHS):
            return None if self.teacher(handler) else "teacher pages answer only on this computer"
        if path.startswith(JOIN_PATH) or self.teacher(handler):
            return None  # the join page; the teacher's own browser (and benchmarks) on this computer
        if not self.has_cookie(handler):
            return "class code needed"
        return None


def is_loopback_name(host: str) -> bool:
    return host == "localhost" or is_loopback(host)


def cross_site_subresource(handler) -> bool:
    """A page request made by another site's ``<img>``/``<script>``/fetch, not by a person opening it."""
    h = handler.request.headers
    site = h.get("Sec-Fetch-Site")
    if site is None or site in ("same-origin", "none"):
        return False
    return not (h.get("Sec-Fetch-Mode") == "navigate" and h.get("Sec-Fetch-Dest") == "document")


class GateMixin:
    """Put in front of any Tornado handler class (see :func:`gated`)."""

    def set_default_headers(self):
        super().set_default_headers()
        try:
            self.set_header("Content-Security-Policy", self.settings.get("classroom_csp", CSP))
            self.set_header("X-Content-Type-Options", "nosniff")
            self.set_header("Referrer-Policy", "same-origin")
        except Exception as err:  # noqa: BLE001 - a websocket upgrade has no headers of its own to set
            app_log.debug("no security headers on %s: %s", self.request.path, err)

    def _refuse_gate(self, reason: str):
        from .app import refusal_page  # pages live with the app

        self.clear()
        self.set_status(403)
        self.set_header("Cache-Control", "no-cache, no-store")
        app_log.info("403 %s %s (%s) from %s", self.request.method, self.request.path[:80], reason,
                      self.request.remote_ip)
        if reason == "class code needed" and self.request.method in ("GET", "HEAD") and \
                "websocket" not in self.request.headers.get("Upgrade", "").lower():
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(refusal_page("join", self.request.uri))
        else:
            self.set_header("Content-Type", "text/plain; charset=UTF-8")
            self.finish("Forbidden\n")
        raise web.Finish()

    async def prepare(self):
        gate: Gate | None = self.settings.get("classroom_gate")
        if gate is not None:
            reason = gate.refusal(self)
            if reason:
                self._refuse_gate(reason)
        result = super().prepare()
        if result is not None and hasattr(result, "__await__"):
            await result


_GATED: dict = {}


def gated(cls):
    """``cls`` with :class:`GateMixin` in front (one subclass per class)."""
    if cls not in _GATED:
        _GATED[cls] = type(f"Gated{cls.__name__}", (GateMixin, cls), {})
    return _GATED[cls]
