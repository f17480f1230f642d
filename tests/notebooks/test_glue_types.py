"""Every glued value is a plain Python number or string.

myst-nb formats ``{glue:text}`name:.1f``` by parsing the value's text/plain
repr; numpy scalars print as ``np.float64(...)`` and break the -W build.
"""

from pathlib import Path

import pytest

from .glue import glued_values

CHAPTERS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_glued_values_are_plain(chapter):
    bad = {k: type(v).__name__ for k, v in glued_values(chapter).items() if type(v) not in (int, float, str)}
    assert not bad, f"{chapter}: wrap these in float()/int()/str(): {bad}"
