"""The kernel websocket, guarded: what a page may send to its kernel, and what comes back.

Jupyter Server parses every frame a client sends before any check
(``deserialize_msg_from_ws_v1`` and ``deserialize_binary_message`` in
``jupyter_server/services/kernels/connection/base.py``). Two 16–20 byte frames
are enough to hurt the whole server there: a v1 frame whose first 8 bytes
claim a huge offset count makes it build a list of that length on the event
loop (seconds for every client), and a legacy binary frame with a huge part
count makes ``struct`` compile and cache a format string of that length
(≈ 33 MB per million, kept). :class:`GuardedKernelWebsocketHandler` checks
each frame's layout *before* handing it on (see docs/security.md):

* frames over :data:`MAX_MESSAGE_BYTES` close the socket (Tornado's
  ``websocket_max_message_size``, set by :mod:`classroom.app`, refuses them
  before they are even buffered);
* binary frames: the part count must be small (:data:`MAX_PARTS`) and every
  offset must lie inside the frame, in order; otherwise the socket is closed;
* the message header must be a JSON object naming a known channel; only
  :data:`CLIENT_MSG_TYPES` pass. ``comm_open`` passes only for the widget
  manager's control channel (``jupyter.widget.control``, which fetches every
  widget's state in one reply), with no data and at most
  :data:`MAX_CONTROL_COMMS` per socket: a page never creates widgets in the
  kernel, so a client cannot create large ones either;
* nothing the client sends raises inside the handler; a fault closes only
  that socket, with no traceback sent;
* outgoing ``error`` messages and ``stderr`` streams (tracebacks of widget
  callbacks, e.g. after a malformed ``comm_msg``) are not forwarded.
"""

from __future__ import annotations

import json
import time

from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

MAX_MESSAGE_BYTES = 1 << 20   # 1 MiB: a slider update is ~300 bytes, the biggest widget state ~0.2 MB
MAX_PARTS = 16                # header, parent header, metadata, content and a few binary buffers
CHANNELS = {"shell", "control", "iopub", "stdin"}
#: What a widget page sends: widget messages to existing comms, the comm list and kernel info.
CLIENT_MSG_TYPES = frozenset({"comm_msg", "comm_close", "comm_info_request", "kernel_info_request"})
V1 = "v1.kernel.websocket.jupyter.org"
CONTROL_TARGET = "jupyter.widget.control"
MAX_CONTROL_COMMS = 2


class FrameRejected(ValueError):
    """A client frame whose layout or content the server does not accept."""


def _header(raw: bytes | str) -> dict:
    try:
        header = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as err:
        raise FrameRejected("header is not JSON") from err
    if not isinstance(header, dict) or not isinstance(header.get("msg_type"), str):
        raise FrameRejected("header has no msg_type")
    return header


def _offsets(data: bytes, count: int, width: int, order: str, first: int) -> list[int]:
    """``count`` offsets of ``width`` bytes from byte 4 or 8 on, checked to lie inside ``data`` in order."""
    if not 1 <= count <= MAX_PARTS + 1:
        raise FrameRejected(f"implausible part count {count}")
    table_end = width * (count + 1)
    if len(data) < table_end:
        raise FrameRejected("frame shorter than its offset table")
    offsets = [int.from_bytes(data[width * (i + first): width * (i + first + 1)], order)
               for i in range(count)]
    previous = table_end
    for off in offsets:
        if not previous <= off <= len(data):
            raise FrameRejected("offset outside the frame or out of order")
        previous = off
    return offsets


def parse_v1(data: bytes) -> tuple[str, dict]:
    """Channel and header of a v1-protocol binary frame (layout of ``serialize_msg_to_ws_v1``)."""
    if len(data) < 8:
        raise FrameRejected("frame shorter than its offset count")
    count = int.from_bytes(data[:8], "little")
    # offsets: channel start, header start, parent, metadata, content, buffers..., end
    if count < 6:
        raise FrameRejected(f"implausible offset count {count}")
    offsets = _offsets(data, count, 8, "little", 1) + [len(data)]
    channel = data[offsets[0]:offsets[1]].decode("utf-8", "replace")
    header = _header(data[offsets[1]:offsets[2]])
    if header["msg_type"] == "comm_open":
        header["_content"] = _content(data[offsets[4]:offsets[5]] if len(offsets) > 5 else b"")
    return channel, header


def _content(raw) -> dict:
    try:
        content = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as err:
        raise FrameRejected("content is not JSON") from err
    if not isinstance(content, dict):
        raise FrameRejected("content is not an object")
    return content


def parse_legacy_binary(data: bytes) -> tuple[str | None, dict]:
    """Header of a legacy binary frame (layout of ``serialize_binary_message``)."""
    if len(data) < 4:
        raise FrameRejected("frame shorter than its part count")
    count = int.from_bytes(data[:4], "big", signed=True)
    offsets = _offsets(data, count, 4, "big", 1) + [len(data)]
    try:
        msg = json.loads(data[offsets[0]:offsets[1]])
    except (ValueError, UnicodeDecodeError) as err:
        raise FrameRejected("message is not JSON") from err
    if not isinstance(msg, dict):
        raise FrameRejected("message is not a JSON object")
    header = _header(json.dumps(msg.get("header")))
    header["_content"] = msg.get("content") if isinstance(msg.get("content"), dict) else {}
    return msg.get("channel"), header


def parse_json(text: str) -> tuple[str | None, dict]:
    """Channel and header of a legacy JSON text frame."""
    try:
        msg = json.loads(text)
    except ValueError as err:
        raise FrameRejected("message is not JSON") from err
    if not isinstance(msg, dict):
        raise FrameRejected("message is not a JSON object")
    for key in ("parent_header", "metadata", "content"):
        if not isinstance(msg.get(key, {}), dict):
            raise FrameRejected(f"{key} is not an object")
    header = _header(json.dumps(msg.get("header")))
    header["_content"] = msg.get("content", {})
    return msg.get("channel"), header


def allowed(header: dict, control_comms: int) -> bool:
    """May a page send this message (``control_comms``: control comms this socket opened so far)?"""
    msg_type = header["msg_type"]
    if msg_type in CLIENT_MSG_TYPES:
        return True
    if msg_type == "comm_open":
        content = header.get("_content") or {}
        return (content.get("target_name") == CONTROL_TARGET and not content.get("data")
                and control_comms < MAX_CONTROL_COMMS)
    return False


def inspect_frame(message: bytes | str, subprotocol: str | None) -> tuple[str, dict]:
    """Validate a client frame; return (channel, header) or raise :class:`FrameRejected`."""
    if len(message) > MAX_MESSAGE_BYTES:
        raise FrameRejected("message too large")
    if isinstance(message, bytes):
        channel, header = parse_v1(message) if subprotocol == V1 else parse_legacy_binary(message)
    elif subprotocol == V1:
        raise FrameRejected("text frame on the binary protocol")
    else:
        channel, header = parse_json(message)
    channel = channel or "shell"
    if channel not in CHANNELS:
        raise FrameRejected(f"unknown channel {channel[:20]!r}")
    return channel, header


def _outgoing_type(message) -> tuple[str | None, str]:
    """(msg_type, raw content) of a server-to-client message, cheaply; (None, "") if unknown."""
    if isinstance(message, bytes):
        try:
            count = int.from_bytes(message[:8], "little")
            if not 6 <= count <= 64:
                return None, ""
            off = [int.from_bytes(message[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
            header = json.loads(message[off[1]:off[2]])
            return header.get("msg_type"), message[off[4]:off[5]].decode("utf-8", "replace")
        except (ValueError, IndexError, AttributeError, UnicodeDecodeError):
            return None, ""
    if isinstance(message, str):
        if '"msg_type": "error"' in message:
            return "error", ""
        if '"msg_type": "stream"' in message:
            return "stream", message
    return None, ""


class GuardedKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voilà's kernel websocket with the checks of this module in front of Jupyter Server's parser."""

    @property
    def max_message_size(self):  # Tornado closes the socket (1009) on a larger frame, before buffering it
        return MAX_MESSAGE_BYTES

    @property
    def warden(self):
        return self.settings.get("classroom_warden")

    async def open(self, kernel_id):
        if self.warden:
            self.warden.socket_opened(kernel_id, self)
        await super().open(kernel_id)

    def on_message(self, message):
        try:
            _channel, header = inspect_frame(message, self.selected_subprotocol)
        except FrameRejected as err:
            self.log.warning("Kernel %s: closing a socket that sent a refused frame (%s)",
                             getattr(self, "kernel_id", "?"), err)
            self.close(1008, "message refused")
            return
        if self.warden:
            self.warden.client_spoke(self.kernel_id)
        opened = getattr(self, "_control_comms", 0)
        if not allowed(header, opened):
            self.log.warning('Kernel %s: ignoring a "%s" message from the page',
                             self.kernel_id, header["msg_type"][:40])
            return
        if header["msg_type"] == "comm_open":
            self._control_comms = opened + 1
        try:
            super().on_message(message)
        except Exception as err:  # noqa: BLE001 - a client's fault closes its own socket only
            self.log.warning("Kernel %s: closing a socket after a bad message (%s: %s)",
                             getattr(self, "kernel_id", "?"), type(err).__name__, str(err)[:200])
            self.close(1008, "message refused")

    def write_message(self, message, binary=False):
        msg_type, content = _outgoing_type(message)
        if msg_type == "error":
            return None  # tracebacks stay in the server log
        if msg_type == "stream" and '"stderr"' in content:
            return None
        return super().write_message(message, binary)

    def on_close(self):
        if self.warden:
            self.warden.socket_closed(getattr(self, "kernel_id", None), self)
        if getattr(self, "connection", None) is not None:
            super().on_close()


class Warden:
    """Who holds which kernel, and kernels nobody uses any more.

    * A client (its address; this machine itself is not limited) holds at
      most ``per_client`` kernels; beyond that its page is refused politely.
    * A kernel handed to a page with no websocket attached for
      ``orphan_seconds`` (a page fetched by a script, a tab whose socket
      never opened, a lost connection) is shut down.
    * A kernel whose websockets have sent nothing for ``silent_seconds``
      (a held, silent socket) is shut down and its sockets closed.
    """

    LOCAL = frozenset({"127.0.0.1", "::1"})  # this computer (the teacher, a benchmark): not limited

    def __init__(self, kernel_manager, per_client: int, orphan_seconds: float, silent_seconds: float, log):
        self.km = kernel_manager
        self.per_client = per_client
        self.orphan_seconds = orphan_seconds
        self.silent_seconds = silent_seconds
        self.log = log
        self.owner: dict[str, str] = {}
        self.pending: dict[str, int] = {}
        self.sockets: dict[str, set] = {}
        self.idle_since: dict[str, float] = {}     # no socket attached since
        self.last_spoke: dict[str, float] = {}
        self.page_done: set[str] = set()

    # ----- per-client limit ------------------------------------------------------------
    def limited(self, client: str) -> bool:
        return self.per_client > 0 and client not in self.LOCAL

    def held_by(self, client: str) -> int:
        live = set(self.km.list_kernel_ids())
        return (sum(1 for k, c in self.owner.items() if c == client and k in live)
                + self.pending.get(client, 0))

    def over_limit(self, client: str) -> bool:
        return self.limited(client) and self.held_by(client) >= self.per_client

    def reserve(self, client: str) -> None:
        self.pending[client] = self.pending.get(client, 0) + 1

    def release(self, client: str) -> None:
        self.pending[client] = self.pending.get(client, 1) - 1
        if self.pending[client] <= 0:
            del self.pending[client]

    def assign(self, kernel_id: str, client: str) -> None:
        self.owner[kernel_id] = client
        self.idle_since[kernel_id] = time.monotonic()

    def page_finished(self, kernel_id: str) -> None:
        """The page's HTML is delivered: the no-websocket clock starts now."""
        self.page_done.add(kernel_id)
        if not self.sockets.get(kernel_id):
            self.idle_since[kernel_id] = time.monotonic()

    # ----- sockets ---------------------------------------------------------------------
    def socket_opened(self, kernel_id: str, handler) -> None:
        self.sockets.setdefault(kernel_id, set()).add(handler)
        self.last_spoke[kernel_id] = time.monotonic()

    def socket_closed(self, kernel_id, handler) -> None:
        socks = self.sockets.get(kernel_id)
        if socks is not None:
            socks.discard(handler)
            if not socks:
                self.idle_since[kernel_id] = time.monotonic()

    def client_spoke(self, kernel_id: str) -> None:
        self.last_spoke[kernel_id] = time.monotonic()

    # ----- clean-up ----------------------------------------------------------------------
    def forget(self, kernel_id: str) -> None:
        for table in (self.owner, self.idle_since, self.last_spoke, self.sockets):
            table.pop(kernel_id, None)
        self.page_done.discard(kernel_id)

    def expired(self) -> list[tuple[str, str]]:
        """(kernel id, reason) of every handed-out kernel to free now."""
        now = time.monotonic()
        live = set(self.km.list_kernel_ids())
        out = []
        for kid in list(self.owner):
            if kid not in live:
                self.forget(kid)
                continue
            if kid not in self.page_done:
                continue  # its page is still being computed
            socks = self.sockets.get(kid)
            if not socks:
                if now - self.idle_since.get(kid, now) > self.orphan_seconds:
                    out.append((kid, f"no websocket for {self.orphan_seconds:.0f} s"))
            elif self.silent_seconds > 0 and now - self.last_spoke.get(kid, now) > self.silent_seconds:
                out.append((kid, f"its page sent nothing for {self.silent_seconds:.0f} s"))
        return out

    async def sweep(self) -> None:
        for kid, reason in self.expired():
            self.log.info("Freeing kernel %s: %s", kid, reason)
            for sock in list(self.sockets.get(kid, ())):
                try:
                    sock.close(1001, "idle")
                except Exception as err:  # noqa: BLE001 - already closing
                    self.log.debug("closing a socket of %s: %s", kid, err)
            try:
                await self.km.shutdown_kernel(kid)
            except Exception as err:  # noqa: BLE001 - already gone
                self.log.debug("kernel %s: %s", kid, err)
            self.forget(kid)
