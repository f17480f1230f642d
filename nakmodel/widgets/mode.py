"""Where an app runs: the static book build, Jupyter, or a Voilà dashboard.

Read from the environment only (no Voilà import): ``NAKMODEL_DISPLAY`` is set
to ``static`` by the book's Sphinx extension (``_ext/nakbook.py``) for the
kernels that execute the chapters; Voilà sets ``VOILA_SERVER_URL`` for the
kernel of a page, and ``VOILA_PREHEAT=True`` for a kernel it starts ahead of
any request (preheated pool).
"""

from __future__ import annotations

import os

__all__ = ["display_mode", "in_voila", "preheated"]


def display_mode() -> str:
    """``"static"`` during the book build, ``"live"`` in Jupyter/Voilà.

    The environment variable ``NAKMODEL_DISPLAY`` (``static``/``live``)
    decides; the book's Sphinx extension (``_ext/nakbook.py``) sets it to
    ``static`` for the kernels that execute the chapters.
    """
    mode = os.environ.get("NAKMODEL_DISPLAY", "live").strip().lower()
    return "static" if mode == "static" else "live"


def in_voila() -> bool:
    """True in a kernel Voilà started for a page (or preheated for one)."""
    return "VOILA_SERVER_URL" in os.environ or "VOILA_PREHEAT" in os.environ


def preheated() -> bool:
    """True in a kernel of Voilà's preheated pool: started before its page was requested,
    so the request (and its URL) is not in the environment."""
    return os.environ.get("VOILA_PREHEAT") == "True"
