"""The explorers shown in this kernel, by name, for the chapter's questions.

A question's predict-then-test (``nakmodel.widgets.questions``) judges the prediction with the
explorer the student has just moved. In the static book the page's script finds it through
``window.nakExplorers`` (``frontend/core/registry.js``); live (Jupyter, Voilà) the Questions widget
and the explorer are objects in the same kernel, and this module links them: every live explorer
registers under its ``name`` (``"ghk"``), the one created last winning. Weak references:
registering keeps nothing alive.
"""

from __future__ import annotations

import weakref

__all__ = ["find_explorer", "register_explorer"]

_LAST: dict[str, weakref.ref] = {}


def register_explorer(name: str, explorer) -> None:
    """Make ``explorer`` the one :func:`find_explorer` returns for ``name``."""
    _LAST[name] = weakref.ref(explorer)


def find_explorer(name: str | None):
    """The explorer registered last under ``name`` and still alive, else ``None``."""
    ref = _LAST.get(name) if name else None
    return ref() if ref is not None else None
