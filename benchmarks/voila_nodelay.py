"""Experiment for bench_frontend.py: Voilà with TCP_NODELAY on its websockets.

Tornado leaves Nagle's algorithm on for websockets and jupyter_server does not call
``set_nodelay``; a kernel's reply to a slider move is several small frames (status, echo_update,
update), and the second waits for the browser's delayed ACK (~40 ms on Linux loopback). This
launcher switches Nagle off for every websocket (it wraps a private tornado method: for
measuring only, not for serving). Run:
``BENCH_VOILA_LAUNCHER=benchmarks/voila_nodelay.py python benchmarks/bench_frontend.py --only-voila``.
"""

import sys

import tornado.websocket as ws

_loop = ws.WebSocketProtocol13._receive_frame_loop


async def _receive_frame_loop_nodelay(self):
    self.stream.set_nodelay(True)
    return await _loop(self)


ws.WebSocketProtocol13._receive_frame_loop = _receive_frame_loop_nodelay

if __name__ == "__main__":
    from voila.app import main

    sys.exit(main())
