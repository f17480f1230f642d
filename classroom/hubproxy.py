"""``jupyter-standaloneproxy`` with Nagle's algorithm off on the websockets it relays (JupyterHub).

Behind JupyterHub a student's page reaches its kernel through three TCP hops:
browser -> configurable-http-proxy -> jupyter-standaloneproxy (hub OAuth) -> the classroom server.
configurable-http-proxy switches Nagle off on both ends of every websocket it relays (http-proxy-3's
``setupSocket``) and the classroom server does on its kernel websockets (``nakmodel.nodelay``), but
jupyter-server-proxy's handler leaves tornado's default (Nagle on) on the socket it accepts from the
hub's proxy. A kernel's reply to a slider move is several small frames; with Nagle on, every frame
after the first waits for the other side's delayed acknowledgement (~40 ms on Linux).

This is jupyter-server-proxy's standalone app (:class:`StandaloneProxyServer`, same options, same
command line) whose proxy handler calls tornado's ``set_nodelay(True)`` on both sockets of every
websocket it relays: the one it accepted (``WebSocketHandler.set_nodelay``) and the one it opened to
the classroom server (tornado's client leaves Nagle on too). Run it as
``python -m classroom.hubproxy [options] -- <command>`` in place of ``jupyter-standaloneproxy``
(``deploy/jupyterhub/config.yaml`` and its Dockerfile do).
"""

from __future__ import annotations

from jupyter_server_proxy.standalone.app import StandaloneProxyServer


class NoDelayStandaloneProxy(StandaloneProxyServer):
    """:class:`StandaloneProxyServer` whose relayed websockets have TCP_NODELAY on towards the hub."""

    def make_proxy_handler(self):
        handler, kwargs = super().make_proxy_handler()
        if handler is None:
            return handler, kwargs

        class NoDelayProxyHandler(handler):
            async def open(self, *args, **kwargs):
                self.set_nodelay(True)  # the socket from the hub's proxy (towards the browser)
                result = await super().open(*args, **kwargs)
                # and the one it opened to the classroom server (towards the kernel): tornado's
                # client connection exposes its protocol (WebSocketProtocol13.set_nodelay)
                upstream = getattr(getattr(self, "ws", None), "protocol", None)
                if upstream is not None:
                    upstream.set_nodelay(True)
                return result

        return NoDelayProxyHandler, kwargs


def main() -> None:
    NoDelayStandaloneProxy.launch_instance()


if __name__ == "__main__":
    main()
