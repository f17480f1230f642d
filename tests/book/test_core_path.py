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
        assert not re.search(r"^## Going deeper|^## In the exam", s, re.M), (
            f"{chapter}: Going deeper or In the exam in Voilà")


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
                assert "*Predict*" in first, (
                    f"{chapter}: a What to try item asks for no prediction: {item[:80]!r}")
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
def test_one_check_yourself_section_with_the_questions(chapter):
    """One "Check yourself" heading per chapter, shown in Voilà too, followed by the chapter's one
    Questions cell; no old markdown list of questions with dropdown answers is left."""
    cells = _cells(chapter)
    heads = [i for i, c in enumerate(cells)
             if c["cell_type"] == "markdown" and re.search(r"^## Check yourself", _text(c), re.M)]
    assert len(heads) == 1, f"{chapter}: {len(heads)} Check yourself sections"
    assert not _book_only(cells[heads[0]]), f"{chapter}: the Check yourself heading is book-only"
    following = cells[heads[0] + 1]
    assert following["cell_type"] == "code" and f'Questions("{chapter}")' in _text(following)
    assert sum("Questions(" in _text(c) for c in cells if c["cell_type"] == "code") == 1
    old = [i for i, c in enumerate(cells) if re.search(r"\{dropdown\} Answer", _text(c))]
    assert not old, f"{chapter}: an old list of questions with dropdown answers in cell {old}"


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


#: Numbers typed in the Voilà-visible text (it cannot use glue), each checked against the model's
#: value (``nakmodel.book.values``) or, for the stoichiometry ratio and the axon area, recomputed here.
def _typed_number_checks(chapter):
    from nakmodel.book import values
    v = values(chapter)
    if chapter == "ion_gradients":
        return [
            ("more than ten times more concentrated outside", v["na_out"] / v["na_in"] > 10),
            ("about thirty times more concentrated inside", 25 <= v["k_in"] / v["k_out"] <= 35),
            ("about −90 mV", math.isclose(v["e_k"], -90, abs_tol=2)),
            ("about +65 mV", math.isclose(v["e_na"], 65, abs_tol=3)),
            ("about −70 mV", v["v_rest"] == -70),
            ("by about 18 mV", math.isclose(v["rt_f"] * math.log(2), 18, abs_tol=0.6)),
            ("Double inside Na⁺, from 12 to 24 mM", v["na_in"] == 12),
            # E ∝ absolute temperature: 310.15 K / 279.45 K
            ("only about 10 %", math.isclose((37 + 273.15) / (6.3 + 273.15), 1.10, abs_tol=0.01)),
        ]
    if chapter == "pump_cycle":
        return [
            ("roughly four fifths", 75 <= v["cost_fraction_pct"] <= 85),
            ("about 60 cycles per second", 50 <= v["rate_rest"] <= 70),
            ("from 12 to 30 mM", v["na_in"] == 12 and v["rate_na30"] > 1.5 * v["rate_rest"]),
            ("below about 2 mM", 1 <= v["half_k_mM"] <= 3),
            ("set ΔG to −30 kJ/mol", v["v_rev_dg30"] > -70 and v["rate_dg30"] < 0),
        ]
    if chapter == "stoichiometry":
        return [
            ("about 5 mV of the −70 mV", round(v["direct_32"]) == -5 and round(v["v_rest"]) == -70),
            ("about −65 mV of it", round(v["v_ghk_32"]) == -65),
            ("rises by about 5 mV", round(v["block_jump"]) == 5),
            ("climb about fourfold", 3.5 <= v["na_11"] / v["na_32"] <= 4.5),
            ("4 Na⁺ out per cycle would need more energy than one ATP", v["dg_42"] > -v["dg_atp_model"]),
            ("from about 12 to below 8 mM", round(v["na_rest"]) == 12 and v["na_2000_pumps"] < 8),
        ]
    if chapter == "resting_potential":
        return [
            ("about −90 mV", math.isclose(v["ss_e_k"], -90, abs_tol=2)),
            ("about −70 mV", round(v["ss_v"]) == -70),
            ("some 20 mV above it", 15 <= v["ss_v"] - v["ss_e_k"] <= 25),
            ("within tens of minutes", v["block_10min"] > 10),  # >10 mV lost in the first 10 min
        ]
    if chapter == "action_potentials":
        return [
            ("about 20 parts per million", 15 <= v["giant_step_ppm"] <= 30),
            ("about −57 mV, some 7 mV above its resting potential of −64 mV",
             round(v["thr_v_mam"]) == -57 and round(v["thr_dv_mam"]) == 7
             and round(v["thr_rest_mam"]) == -64),
            ("tens of thousands of spikes", 1e4 <= v["giant_n"] < 1e5),
            ("only a few tens", 10 <= v["thin_n"] < 100),
            ("only a few tens of cycles per second", 20 <= values("pump_cycle")["rate_rest"] < 100),
        ]
    if chapter == "ouabain":
        return [
            ("a few nanomolar", 1 <= v["kd_h1_nM"] < 10),
            ("roughly ten thousand times more",
             round(math.log10(v["ic50_r1_uM"] * 1e3 / v["kd_h1_nM"])) == 4),
            ("tens of minutes to reach its full effect", 10 <= v["tau_10nM_h1_min"] < 60),
            ("takes hours", v["washout_half_h1_min"] > 60),
            ("rises by about 5 mV within a second", round(v["jump_mV"]) == 5),
            ("more than 40 mV after an hour", 40 < v["v60"] - v["v0"] < 50),
            ("after about 20 minutes", round(v["fail_20"]) in (20, 21)),
            ("almost a fifth of its volume", 15 <= v["vol60_pct"] < 20),
            ("within a minute or two", 60 <= v["anox_stall_s"] <= 120),
        ]
    if chapter == "secondary_transport":
        return [
            ("more than ten thousand times", v["st_v"] == -60 and v["r_sglt1"] > 1e4),
            ("from −60 to 0 mV", v["st_v"] == -60),
            ("from 12 to 50 mM", v["st_na_i"] == 12 and v["na_failing"] == 50),
            ("hundreds of times", 100 <= v["r_sglt1_na50"] < 1000),
            ("hold the voltage at −60 mV", round(v["v_ctrl"], 6) == -60),
        ]
    if chapter == "energy_bill":
        soma = 4 * math.pi * (v["soma_um"] / 2) ** 2
        length = v["axon_len_cm"] * 1e4

        def area(d):
            return soma + math.pi * d * length
        return [
            ("about 2 % of the body's mass", v["brain_mass_pct"] == 2),
            ("about 20 % of its oxygen", v["brain_o2_pct"] == 20),
            ("more than half of all the ATP the brain uses", v["h_pump_tot"] > 50),
            ("about 30 ATP per glucose", 29 <= v["atp_glc_ox"] <= 32),
            ("glycolysis alone only 2", v["atp_glc_gly"] == 2),
            ("about fifteen-fold", 14 <= v["ox_over_gly"] <= 16),
            ("about three-fold", math.isclose(area(v["axon_d_um"]), v["area_um2"], rel_tol=1e-3)
             and 2.5 <= area(1.0) / area(v["axon_d_um"]) <= 3.5),
        ]
    raise KeyError(chapter)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_typed_numbers_in_the_core_text(chapter):
    text = "\n".join(_voila_markdown(chapter))
    for phrase, holds in _typed_number_checks(chapter):
        assert phrase in text, f"{chapter}: the checked phrase {phrase!r} is no longer in the text"
        assert holds, f"{chapter}: {phrase!r} disagrees with the model"
