"""Raw HTTP and websocket clients for the security tests, from any loopback address.

Linux routes all of 127.0.0.0/8 to the loopback interface, so a client bound
to 127.0.0.2 reaches a server listening on 127.0.0.1 and the server sees
127.0.0.2: one test process can act as several devices of a class.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import struct
import time
import uuid
from dataclasses import dataclass, field

import websocket  # websocket-client

V1 = "v1.kernel.websocket.jupyter.org"


@dataclass
class Response:
    status: int
    headers: dict
    body: str
    cookies: dict = field(default_factory=dict)


def request(port: int, method: str, path: str, *, source: str = "127.0.0.1", headers: dict | None = None,
            body: bytes | None = None, timeout: float = 120) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    hdrs = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    conn.request(method, path, body=body, headers=hdrs)
    r = conn.getresponse()
    text = r.read().decode("utf-8", "replace")
    cookies = {}
    for name, value in r.getheaders():
        if name.lower() == "set-cookie":
            cookies[value.partition("=")[0]] = value
    conn.close()
    return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, text, cookies)


def kernel_id(html: str) -> str:
    m = re.search(r'"kernelId":\s*"([0-9a-f\-]{36})"', html)
    assert m, "no kernelId in the page"
    return m.group(1)


def connect(port: int, kid: str, *, source: str = "127.0.0.1", v1: bool = False, headers: list | None = None,
            path: str | None = None, timeout: float = 30, host: str | None = None,
            origin: str | None = None) -> websocket.WebSocket:
    """A websocket to the kernel's channels (or ``path``) from ``source`` (``host``/``origin``: those headers)."""  # noqa: E501 - docstring kept as it is
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0))
    url = f"ws://127.0.0.1:{port}" + (path or f"/api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}")
    extra = {k: v for k, v in (("host", host), ("origin", origin)) if v}
    return websocket.create_connection(url, socket=sock, timeout=timeout, header=headers or [],
                                       subprotocols=[V1] if v1 else None, **extra)


def message(msg_type: str, content: dict, channel: str = "shell") -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "username": "s", "session": uuid.uuid4().hex,
                       "msg_type": msg_type, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}


def v1_frame(msg: dict) -> bytes:
    """A well-formed v1 binary frame (the layout of jupyter_server's serialize_msg_to_ws_v1, written out)."""
    parts = [json.dumps(msg[k]).encode() for k in ("header", "parent_header", "metadata", "content")]
    channel = msg["channel"].encode()
    n = len(parts) + 2
    offsets = [8 * (n + 1)]
    offsets.append(offsets[-1] + len(channel))
    for p in parts:
        offsets.append(offsets[-1] + len(p))
    return struct.pack("<Q", n) + b"".join(struct.pack("<Q", o) for o in offsets) + channel + b"".join(parts)


def kernel_info(ws, v1: bool = False, timeout: float = 30) -> dict:
    """Send kernel_info_request, return the reply's content (raises on a closed socket / time-out)."""
    msg = message("kernel_info_request", {})
    ws.send_binary(v1_frame(msg)) if v1 else ws.send(json.dumps(msg))
    deadline = time.time() + timeout
    while time.time() < deadline:
        ws.settimeout(max(0.1, deadline - time.time()))
        raw = ws.recv()
        if isinstance(raw, bytes) and v1:
            n = struct.unpack("<Q", raw[:8])[0]
            off = [struct.unpack("<Q", raw[8 * (i + 1): 8 * (i + 2)])[0] for i in range(n)]
            header = json.loads(raw[off[1]:off[2]])
            parent = json.loads(raw[off[2]:off[3]])
            if header["msg_type"] == "kernel_info_reply" and parent.get("msg_id") == msg["header"]["msg_id"]:
                return json.loads(raw[off[4]:off[5]])
        elif isinstance(raw, str) and raw:
            m = json.loads(raw)
            if m["header"]["msg_type"] == "kernel_info_reply" and \
                    m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return m["content"]
    raise TimeoutError("no kernel_info_reply")


def drain(ws, seconds: float) -> list:
    """Every frame that arrives within ``seconds`` (stops early when the socket closes)."""
    out = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        ws.settimeout(max(0.05, deadline - time.time()))
        try:
            out.append(ws.recv())
        except websocket.WebSocketTimeoutException:
            break
        except (websocket.WebSocketConnectionClosedException, ConnectionError, OSError):
            out.append(None)
            break
        if out[-1] == "" or out[-1] == b"":
            out[-1] = None
            break
    return out


def is_closed(ws, within: float = 5.0) -> bool:
    """True if the server closes ``ws`` within ``within`` seconds."""
    return None in drain(ws, within)
