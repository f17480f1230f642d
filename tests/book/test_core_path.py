"""Two layers per chapter (issue 15): a core path shown in the book *and* in Voilà, closed
*Going deeper* sections and an *In the exam* box in the book only, a misconception box,
"What to try" that asks for a prediction before it shows the outcome, stated reading times
that match the text, and cross-references that are links matching ``_toc.yml``.

Everything here reads the notebooks (no build, no kernel): the Voilà view is the notebook after
the ``TagRemovePreprocessor`` of ``voila.json``, rendered by nbconvert's HTML exporter, which is
what Voilà's own exporter does with markdown cells.
"""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
ORDER = [c["file"].split("/")[-1] for part in TOC["parts"] if part["caption"] == "Chapters"
         for c in part["chapters"]]
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))

#: reading speed assumed for the stated reading times (words per minute); AP/IB readers of a
#: technical text in their second or first language read 100-200 wpm, so 150 is a middle value.
WPM = 150
#: MyST-only syntax that Voilà (nbconvert's CommonMark renderer) would show as raw text.
MYST_ONLY = ("{glue", "{cite", "{doc}", "{ref}", "{term}", "{numref}", "```{", ":::", "$$")


def _cells(chapter):
    return json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]


def _text(cell):
    return "".join(cell["source"])


def _book_only(cell):
    return "book-only" in cell["metadata"].get("tags", [])


def _voila_markdown(chapter):
    """The markdown cells a Voilà page shows: what is left after voila.json's TagRemovePreprocessor."""
    from nbconvert.preprocessors import TagRemovePreprocessor
    conf = json.loads((ROOT / "voila.json").read_text())["TagRemovePreprocessor"]
    nb = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    pre = TagRemovePreprocessor(remove_cell_tags=set(conf["remove_cell_tags"]), enabled=conf["enabled"])
    nb, _ = pre.preprocess(nb, {})
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _words(text):
    text = re.sub(r"<[^>]+>", " ", text)                 # HTML tags are not read
    text = re.sub(r"\{[a-z:]+\}`([^`<]*)[^`]*`", r"\1", text)  # a role reads as its text
    return len(re.findall(r"[^\s|#*\-:>]+", text))


def _stated_minutes(chapter):
    head = _text(_cells(chapter)[0])
    m = re.search(r"Core path: about (\d+) minutes.*?Going deeper: about (\d+) minutes", head)
    assert m, f"{chapter}: the first cell does not state 'Core path: about N minutes … Going deeper: about M'"
    return int(m.group(1)), int(m.group(2))


def _close(stated, words):
    measured = words / WPM
    return abs(stated - measured) <= max(1.0, 0.15 * measured), measured


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_core_heading_and_boxes_exist(chapter):
    cells = [c for c in _cells(chapter) if c["cell_type"] == "markdown"]
    core = [c for c in cells if re.search(r"^## The core idea", _text(c), re.M)]
    assert core and not any(_book_only(c) for c in core), f"{chapter}: no core cell shown in Voilà"
    deeper = [c for c in cells if re.search(r"^## Going deeper", _text(c), re.M)]
    assert deeper and all(_book_only(c) for c in deeper), f"{chapter}: Going deeper missing or shown in Voilà"
    exam = [c for c in cells if re.search(r"^## In the exam", _text(c), re.M)]
    assert exam and all(_book_only(c) for c in exam), f"{chapter}: In the exam box missing"
    assert any("nak-misconception" in _text(c) and not _book_only(c) for c in cells), (
        f"{chapter}: no misconception box on the core path")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_going_deeper_sections_are_closed_dropdowns(chapter):
    for cell in _cells(chapter):
        text = _text(cell)
        if not re.search(r"^## Going deeper", text, re.M):
            continue
        openings = re.findall(r"^(:{3,})\{admonition\} Going deeper: (.+)\n((?::\w+:.*\n)*)", text, re.M)
        assert openings, f"{chapter}: a Going deeper cell without sections"
        for _, title, options in openings:
            assert ":class: dropdown" in options, f"{chapter}: '{title}' is not a closed dropdown"
            assert "<" not in title and "{" not in title, f"{chapter}: markup in the title '{title}'"
        assert not re.search(r"^#{2,4} (?!Going deeper)", text, re.M), (
            f"{chapter}: a heading inside Going deeper (use a dropdown per section)")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_voila_markdown_is_plain(chapter):
    """What Voilà shows has no MyST role or directive (it would appear as raw text)."""
    shown = _voila_markdown(chapter)
    assert any(re.search(r"^## The core idea", s, re.M) for s in shown), f"{chapter}: core not in Voilà"
    for s in shown:
        bad = [m for m in MYST_ONLY if m in s]
        assert not bad, f"{chapter}: Voilà would show raw {bad} in: {s[:120]!r}"
        assert not re.search(r"^## Going deeper|^## In the exam", s, re.M), f"{chapter}: Going deeper in Voilà"


class _Balance(HTMLParser):
    VOID = {"br", "img", "hr", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_what_to_try_predicts_before_it_reveals(chapter):
    items = 0
    for cell in _cells(chapter):
        text = _text(cell)
        for section in re.findall(r"^#{2,3} What to try\n(.*?)(?=^#{1,3} |\Z)", text, re.M | re.S):
            for item in re.split(r"^\d+\. ", section, flags=re.M)[1:]:
                items += 1
                first = item.split("<details>")[0]
                assert "*Predict*" in first, f"{chapter}: a What to try item asks for no prediction: {item[:80]!r}"
                assert re.search(r"<details><summary>[^<]+</summary>.+</details>", item), (
                    f"{chapter}: the outcome is not in a closed <details>: {item[:80]!r}")
                assert "<details open" not in item
                checker = _Balance()
                checker.feed(item)
                assert not checker.errors and not checker.stack, (chapter, checker.errors, checker.stack)
    assert items >= 3, f"{chapter}: only {items} What to try items"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_misconception_box_is_well_formed_html(chapter):
    for cell in _cells(chapter):
        text = _text(cell)
        if "nak-misconception" not in text:
            continue
        assert "\n\n" not in text.strip(), "a blank line would end the HTML block (Markdown takes over)"
        for part in ("Common mistake", "Why it is wrong", "What is true"):
            assert part in text, f"{chapter}: misconception box lacks '{part}'"
        checker = _Balance()
        checker.feed(text)
        assert not checker.errors and not checker.stack, (chapter, checker.errors, checker.stack)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_stated_reading_times_match_the_text(chapter):
    """Core path = every markdown cell Voilà shows; Going deeper = the Going deeper cells."""
    core_min, deep_min = _stated_minutes(chapter)
    core_words = sum(_words(s) for s in _voila_markdown(chapter))
    deep_words = sum(_words(_text(c)) for c in _cells(chapter)
                     if c["cell_type"] == "markdown" and re.search(r"^## Going deeper", _text(c), re.M))
    ok, measured = _close(core_min, core_words)
    assert ok, f"{chapter}: core path stated {core_min} min, {core_words} words = {measured:.1f} min"
    ok, measured = _close(deep_min, deep_words)
    assert ok, f"{chapter}: Going deeper stated {deep_min} min, {deep_words} words = {measured:.1f} min"


_LINK = re.compile(r"\[([^\]]+)\]\(([\w./-]+?)\.ipynb(?:#[\w-]+)?\)|\{doc\}`([^`<]+)<([\w./-]+)>`")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_cross_references_are_links_that_match_the_toc(chapter):
    pos = ORDER.index(chapter)
    for cell in _cells(chapter):
        if cell["cell_type"] != "markdown":
            continue
        text = _text(cell)
        for m in _LINK.finditer(text):
            label = (m.group(1) or m.group(3)).lower()
            target = (m.group(2) or m.group(4)).split("/")[-1]
            assert target in ORDER or (ROOT / "docs" / f"{target}.md").exists() or target.startswith("../"), (
                f"{chapter}: link to unknown page {target}")
            if target in ORDER:
                if "next chapter" in label:
                    assert ORDER.index(target) == pos + 1, f"{chapter}: '{label}' points at {target}"
                if "previous chapter" in label:
                    assert ORDER.index(target) == pos - 1, f"{chapter}: '{label}' points at {target}"
        unlinked = _LINK.sub("", text)
        for phrase in ("previous chapter", "next chapter", "chapter on ", "the chapter *"):
            assert phrase not in unlinked, f"{chapter}: '{phrase}' is not a link: " + unlinked[
                max(0, unlinked.find(phrase) - 60): unlinked.find(phrase) + 60]


def test_voila_html_shows_core_and_hides_going_deeper():
    """The HTML nbconvert makes of a chapter under voila.json (what Voilà's exporter does)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    conf = json.loads((ROOT / "voila.json").read_text())
    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = set(conf["TagRemovePreprocessor"]["remove_cell_tags"])
    c.TagRemovePreprocessor.enabled = True
    c.HTMLExporter.exclude_input = True
    exporter = HTMLExporter(config=c)
    html, _ = exporter.from_filename(str(ROOT / "chapters" / "resting_potential.ipynb"))
    assert re.search(r"<h2[^>]*>The core idea", html)
    assert "<aside" in html and "Common mistake" in html
    assert re.search(r"<details><summary>Outcome</summary>", html)
    assert not re.search(r"<h2[^>]*>(Going deeper|In the exam)", html)
    assert "Going deeper: From one ion" not in html and "Mark points" not in html
    assert "{glue" not in html and "{cite" not in html and ":::" not in html


#: Numbers typed in the Voilà-visible core text (it cannot use glue), each checked against the model.
def _typed_number_checks():
    from nakmodel.book import values
    ig = values("ion_gradients")
    return {
        "ion_gradients": [
            ("more than ten times more concentrated outside", ig["na_out"] / ig["na_in"] > 10),
            ("about thirty times more concentrated inside", 25 <= ig["k_in"] / ig["k_out"] <= 35),
            ("about −90 mV", math.isclose(ig["e_k"], -90, abs_tol=2)),
            ("about +65 mV", math.isclose(ig["e_na"], 65, abs_tol=3)),
            ("about −70 mV", ig["v_rest"] == -70),
            ("by about 18 mV", math.isclose(ig["rt_f"] * math.log(2), 18, abs_tol=0.6)),
        ],
    }


@pytest.mark.parametrize("chapter", ["ion_gradients"])
def test_typed_numbers_in_the_core_text(chapter):
    text = "\n".join(_voila_markdown(chapter))
    for phrase, holds in _typed_number_checks()[chapter]:
        assert phrase in text, f"{chapter}: the checked phrase {phrase!r} is no longer in the text"
        assert holds, f"{chapter}: {phrase!r} disagrees with the model"
