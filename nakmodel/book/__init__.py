"""The numbers each chapter's prose shows, computed by the science layer.

Each chapter has a module ``nakmodel.book.<chapter>`` with a function
``numbers() -> dict[str, Number | str]``; a chapter's glue cell is a loop
over ``numbers("<chapter>")``. Only science modules are imported here (no
plots, no widgets), so the book's numbers can be recomputed in a plain script.

Glue convention (see :mod:`nakmodel.book.formatting`): every value is text
already formatted for the sentence (significant figures, U+2212 minus), a
:class:`~nakmodel.book.formatting.Number` whose ``.value`` is the float; the
markdown pastes it with ``{glue:text}`name``` and no format spec.
:func:`values` gives the floats (what tests check).

Examples
--------
>>> sorted(CHAPTERS)[:2]
['action_potentials', 'energy_bill']
"""

from __future__ import annotations

import importlib

from .formatting import Number
from .formatting import values as _values

__all__ = ["CHAPTERS", "Number", "numbers", "values"]

#: The book's chapters, by notebook name (``chapters/<name>.ipynb``).
CHAPTERS = (
    "ion_gradients",
    "pump_cycle",
    "stoichiometry",
    "resting_potential",
    "action_potentials",
    "ouabain",
    "secondary_transport",
    "energy_bill",
)


def numbers(chapter: str) -> dict:
    """All values glued into chapter ``chapter``'s prose, keyed by glue name.

    Raises
    ------
    ValueError
        For an unknown chapter name (the message lists the known ones).
    """
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTERS)}; got {chapter!r}")
    module = importlib.import_module(f"{__name__}.{chapter}")
    return dict(module.numbers())


def values(chapter: str) -> dict:
    """The numbers of :func:`numbers` as floats (strings that are not numbers pass through)."""
    return _values(numbers(chapter))
