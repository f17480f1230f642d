"""Read a socket option on the *server's* end of a loopback TCP connection the test opened.

The server runs in another process; its end of the connection is found by its addresses
(local = the client's peer, peer = the client's local address) with ``psutil.net_connections``,
then duplicated into this process with ``pidfd_getfd`` (Linux >= 5.6; allowed for a process of
the same user that this test started, directly or through the servers it started) and read
with ``getsockopt``. The duplicate shares the server's socket and is closed at once without
shutting the connection down.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys

import psutil
import pytest

SYS_PIDFD_GETFD = {"x86_64": 438, "aarch64": 438}.get(os.uname().machine, 438)


def _dup_from(pid: int, fd: int) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        new = libc.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0)
        if new < 0:
            err = ctypes.get_errno()
            raise OSError(err, f"pidfd_getfd of fd {fd} in process {pid}: {os.strerror(err)}")
        return new
    finally:
        os.close(pidfd)


def skip_unless_supported() -> None:
    if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
        pytest.skip("needs Linux pidfd_open / pidfd_getfd")


def peer_end(local: tuple, peer: tuple) -> tuple[int, int]:
    """(pid, fd) of the socket whose local address is ``peer`` and whose peer is ``local``."""
    for c in psutil.net_connections(kind="tcp"):
        if c.raddr and (c.laddr.ip, c.laddr.port) == peer[:2] and (c.raddr.ip, c.raddr.port) == local[:2]:
            if c.pid is None or c.fd in (None, -1):
                raise RuntimeError("psutil cannot see the owner of the server's socket (not root?)")
            return c.pid, c.fd
    raise LookupError(f"no socket {peer} <- {local} on this machine")


def option_at(pid: int, fd: int, level: int = socket.IPPROTO_TCP, option: int = socket.TCP_NODELAY) -> int:
    """``getsockopt(level, option)`` of file descriptor ``fd`` of process ``pid``."""
    new = _dup_from(pid, fd)
    s = socket.socket(fileno=new)
    try:
        return s.getsockopt(level, option)
    finally:
        s.detach()
        os.close(new)


def server_nodelay(client: socket.socket) -> tuple[bool, int]:
    """(TCP_NODELAY on?, server pid) for the server's end of ``client``'s connection."""
    pid, fd = peer_end(client.getsockname(), client.getpeername())
    return bool(option_at(pid, fd)), pid


def outgoing_nodelay(pid: int, to_port: int) -> list[bool]:
    """TCP_NODELAY of every established connection process ``pid`` opened to 127.0.0.1:``to_port``."""
    out = []
    for c in psutil.Process(pid).net_connections(kind="tcp"):
        if c.raddr and c.raddr.port == to_port and c.status == psutil.CONN_ESTABLISHED:
            out.append(bool(option_at(pid, c.fd)))
    return out
