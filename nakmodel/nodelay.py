"""Kernel websockets without Nagle's algorithm, for every server that serves the book's apps.

A kernel answers a slider move with several small websocket frames (``status: busy``, the
``echo_update`` of the new values, the ``update`` with the new result, ``status: idle``).
Tornado leaves Nagle's algorithm on for websockets and Jupyter Server does not switch it off,
so the frame after the first waits until the browser acknowledges the first one, and browsers
delay that acknowledgement (about 40 ms on Linux). Measured in Chromium on loopback with a
live explorer: 54 ms median round trip with Nagle on, 12.8 ms with it off (docs/frontend.md).

:class:`NoDelayKernelWebsocketConnection` is a Jupyter Server kernel websocket connection
that switches ``TCP_NODELAY`` on (tornado's public ``WebSocketHandler.set_nodelay``) as the
page connects. It is named, by its import path, in

* ``voila.json`` (``Voila.kernel_websocket_connection_class``): the classroom server,
  ``make voila`` and a bare ``voila chapters/``;
* ``jupyter_config.json`` (``ServerApp.kernel_websocket_connection_class``): Binder's Jupyter
  Server, whose kernel websockets also carry the Voilà server extension's pages.

It lives in ``nakmodel`` (imported only by those servers, never by the science or the apps)
because that is the package every one of those environments installs.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["NoDelayKernelWebsocketConnection"]


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """:class:`~jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection`
    with Nagle's algorithm off on the page's TCP connection: every frame leaves at once."""

    def connect(self):
        # called by KernelWebsocketHandler.open(), once the websocket handshake is done
        self.websocket_handler.set_nodelay(True)
        return super().connect()
