"""The `.ipynb` file is the one source of a chapter (CONTRIBUTING.md, "Chapter").

No script writes the notebooks and no paired text file competes with them, so an edit to the
notebook is never undone by regenerating it. Outputs are not committed: every build executes
the chapters again.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def test_there_are_chapters():
    assert len(CHAPTERS) >= 8, CHAPTERS


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    with_output = [i for i, c in enumerate(code) if c.get("outputs") or c.get("execution_count")]
    assert not with_output, (f"{path.name}: code cells {with_output} have outputs; clear them with "
                             f"jupyter nbconvert --clear-output --inplace {path.relative_to(ROOT)}")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_no_second_source(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert "jupytext" not in nb.get("metadata", {}), f"{path.name} is paired with a text file (jupytext)"
    twins = [p.name for p in path.parent.glob(path.stem + ".*") if p.suffix in (".py", ".md", ".myst")]
    assert not twins, f"{path.name} has a second source beside it: {twins}"


def test_no_script_writes_notebooks():
    """scripts/nbtools.py once wrote the chapters from Python and undid a fix made in a notebook."""
    writers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").glob("*.py")
               if any(w in p.read_text(encoding="utf-8") for w in ("nbformat.write", "nbf.write"))]
    assert not writers, f"scripts that generate chapter notebooks: {writers}"
