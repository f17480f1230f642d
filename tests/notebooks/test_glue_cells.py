"""Glue cells: the one loop over nakmodel.book.numbers, book-only, science layer only.

* Every chapter: no glue cell and nothing under ``tests/science/`` imports
  ``nakmodel.widgets`` or ``nakmodel.plots`` (the book's numbers can be
  recomputed in a plain script; the design's one-way flow).
* Chapters converted to ``nakmodel.book`` (``CONVERTED``): exactly one glue
  cell, which is the loop of ``docs/writing_numbers.md``, tagged
  ``remove-input``, ``remove-output`` and ``book-only`` (Voilà removes it), and
  every ``{glue:text}`` role names a glued value with no format spec (the
  rounding lives in ``numbers()``).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from nakmodel.book import CHAPTERS, numbers
from nakmodel.book.formatting import Number

ROOT = Path(__file__).resolve().parents[2]
#: Chapters whose numbers come from nakmodel.book (the others follow as their engineers convert them).
CONVERTED = ("ion_gradients", "pump_cycle", "stoichiometry", "resting_potential")
FORBIDDEN = ("nakmodel.widgets", "nakmodel.plots")
ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")


def _notebook(chapter):
    return json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _glue_cells(chapter):
    return [c for c in _notebook(chapter)["cells"] if c["cell_type"] == "code" and "glue(" in _source(c)]


def _imported_modules(source: str) -> set:
    mods = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            mods.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            mods.add(base)
            mods.update(f"{base}.{a.name}" for a in node.names)
    return mods


def _forbidden(mods):
    return sorted(m for m in mods if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_glue_cells_import_only_the_science_layer(chapter):
    for cell in _glue_cells(chapter):
        bad = _forbidden(_imported_modules(_source(cell)))
        assert not bad, f"{chapter}: a glue cell imports {bad}; glue only nakmodel science (nakmodel.book)"


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "science").glob("*.py")), ids=lambda p: p.name)
def test_science_tests_import_only_the_science_layer(path):
    bad = _forbidden(_imported_modules(path.read_text()))
    assert not bad, f"{path.name} imports {bad}: science tests check nakmodel's science layer only"


def test_nakmodel_book_imports_no_widgets_or_plots():
    for path in sorted((ROOT / "nakmodel" / "book").glob("*.py")):
        bad = _forbidden(_imported_modules(path.read_text()))
        relative = [m for m in _imported_modules(path.read_text()) if m.startswith(("..widgets", "..plots"))]
        assert not bad and not relative, f"{path.name} imports {bad or relative}"


LOOP = '''from myst_nb import glue
from nakmodel.book import numbers

for name, value in numbers("{chapter}").items():
    glue(name, value, display=False)'''


@pytest.mark.parametrize("chapter", CONVERTED)
def test_converted_chapter_has_the_one_glue_loop(chapter):
    cells = _glue_cells(chapter)
    assert len(cells) == 1, f"{chapter}: {len(cells)} glue cells, expected the one loop"
    assert _source(cells[0]).strip() == LOOP.format(chapter=chapter)
    tags = set(cells[0]["metadata"].get("tags", []))
    assert {"remove-input", "remove-output", "book-only"} <= tags, f"{chapter}: glue cell tags {sorted(tags)}"


@pytest.mark.parametrize("chapter", CONVERTED)
def test_converted_chapter_roles_name_prose_numbers_without_format_spec(chapter):
    glued = numbers(chapter)
    used = set()
    for cell in _notebook(chapter)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for body in ROLE.findall(_source(cell)):
            name, _, spec = body.partition(":")
            used.add(name)
            assert name in glued, f"{chapter}: {{glue}}`{name}` is not in numbers({chapter!r})"
            assert not spec, f"{chapter}: {{glue}}`{body}` carries a format spec; round in numbers() instead"
            assert isinstance(glued[name], (Number, str)), f"{chapter}: {name} is not prose text"
    assert used, f"{chapter}: no glue roles found"


@pytest.mark.parametrize("chapter", CONVERTED)
def test_prose_numbers_use_true_minus_signs(chapter):
    for name, text in numbers(chapter).items():
        if isinstance(text, Number):
            assert "-" not in text, f"{chapter}: {name} = {text!r} has a hyphen-minus"
            if text.value < 0 and text.strip("0.,") != "":
                assert text.startswith("\u2212"), f"{chapter}: {name} = {text!r} lacks U+2212"
