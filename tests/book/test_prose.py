"""No page addresses the authors or the texts the book grew from (built pages and sources)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_book import html_pages

ROOT = Path(__file__).resolve().parents[2]
#: Author-facing phrases; case-insensitive regular expressions.
AUTHOR_FACING = (
    r"\bseeds?\b(?!\s*(?:=|\d))(?! of a| so always the same)",  # "the seeds of this chapter", "the seed's claim"
    r"seed's",
    r"study guides?",
    r"exam answer says",
    r"honest stand-in",
    r"honest answer",
    r"this book started from",
    r"source texts?",
    r"authors of this book",
)
_PATTERN = re.compile("|".join(f"(?:{p})" for p in AUTHOR_FACING), re.IGNORECASE)


def _visible_text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"<[^>]+>", " ", markup)


def _hits(text):
    return [text[max(0, m.start() - 60): m.end() + 40].replace("\n", " ") for m in _PATTERN.finditer(text)]


def test_no_author_facing_phrase_on_built_pages(built_book):
    bad = []
    for page in html_pages(built_book):
        bad += [f"{page.relative_to(built_book.html)}: …{h}…" for h in _hits(_visible_text(page.read_text()))]
    assert not bad, "author-facing phrases on the built pages:\n" + "\n".join(bad)


@pytest.mark.parametrize("chapter", sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb")))
def test_no_author_facing_phrase_in_chapter_prose(chapter):
    """The same check on the notebook's markdown (fast, no build)."""
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    bad = _hits(text)
    assert not bad, f"{chapter}: author-facing phrases:\n" + "\n".join(bad)
