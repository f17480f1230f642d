"""Read the values a chapter glues, by running its glue cells in-process.

myst-nb moves glued outputs out of the executed notebook into the Sphinx
environment, so instead the test runs every code cell of the chapter that
calls ``glue(`` (by the book's convention these cells are self-contained:
they do their own imports) with a recording ``glue`` function.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def glued_values(chapter: str, *, raw: bool = False) -> dict:
    """Return ``{name: value}`` for every ``glue(name, value, ...)`` in ``chapters/<chapter>.ipynb``.

    Values glued as :class:`nakmodel.book.formatting.Number` (prose text) are
    returned as their float ``.value`` unless ``raw`` is true, so the tests
    check the numbers, not their rounding.
    """
    from nakmodel.book.formatting import Number

    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())
    recorded = {}

    def glue(name, value, display=True):  # same signature as myst_nb.glue
        recorded[name] = value

    import myst_nb

    original = myst_nb.glue
    myst_nb.glue = glue
    try:
        for cell in nb["cells"]:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and "glue(" in src:
                exec(compile(src, f"{chapter}.ipynb:glue", "exec"), {"__name__": "__glue__"})  # noqa: S102 (own notebooks)
    finally:
        myst_nb.glue = original
    assert recorded, f"{chapter}: no glue() calls found"
    if raw:
        return recorded
    return {k: (v.value if isinstance(v, Number) else v) for k, v in recorded.items()}
