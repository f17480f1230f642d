"""Every glued value is a plain Python number or string (prose text from nakmodel.book.formatting).

myst-nb formats ``{glue:text}`name:.1f``` by parsing the value's text/plain
repr; numpy scalars print as ``np.float64(...)`` and break the -W build.
A :class:`nakmodel.book.formatting.Number` is a ``str`` whose repr is a
quoted string, pasted as it is.
"""

from pathlib import Path

import pytest

from nakmodel.book.formatting import Number

from .glue import glued_values

CHAPTERS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_glued_values_are_plain(chapter):
    bad = {k: type(v).__name__ for k, v in glued_values(chapter, raw=True).items()
           if type(v) not in (int, float, str, Number)}
    assert not bad, f"{chapter}: wrap these in float()/int()/str(): {bad}"
