"""The teacher pack (``docs/teachers/``) and the glossary (issue 15, items 6-7).

Read from the sources (no build): every scenario a lesson plan links to exists in its chapter's apps,
the answer keys are reachable from the teacher pages only, the worksheets carry no answers, every
number with a unit on a teacher page is pasted from a chapter's glue (so ``nakmodel`` computes it)
unless this file recomputes it, and every ``{term}`` names a glossary entry. The ``-W`` book build
(``tests/book/test_book.py``) fails on a missing glue key or an unknown term as well.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = ROOT / "docs" / "teachers"
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
KINDS = ("plan", "worksheet", "answers")
PAGES = sorted(TEACHERS.glob("*/*.md"))

_SCENARIO_LINK = re.compile(r"/voila/render/(?:chapters/)?(\w+)\.ipynb\?scenario=([\w-]+)")
_BARE_SCENARIO = re.compile(r"`\?scenario=([\w-]+)`")
_GLUE = re.compile(r"\{glue:text\}`/chapters/(\w+)\.ipynb::(\w+):s`")
_TERM = re.compile(r"\{term\}`([^`<]+?)(?:\s*<([^>]+)>)?`")
#: a number followed by a unit: what must come from the model, not be typed
_QUANTITY = re.compile(r"(?<![\w.])[+\-−]?\d[\d,.]*\s?(?:mV|mM|µM|nM|°C|Hz|%|kJ|µm|µA|ms|min|s)(?![\w/])")
#: plan timings ("0–5 min" in the first column) and the lesson length are not model numbers
_TIMING = re.compile(r"^\| \d+–\d+ min \||\b50 minutes\b|\bfive minutes\b|\bfour minutes\b", re.M)

#: typed quantities recomputed here from nakmodel: (page, phrase) -> (computed value, decimals)
def _checked():
    from nakmodel.electrochem import nernst
    from nakmodel.widgets import NernstLive as NernstExplorer

    d = {c.name: c.default for c in NernstExplorer.controls}
    na_in = NernstExplorer.scenarios["sodium-loaded"]["na_in"]
    k_out = NernstExplorer.scenarios["hyperkalaemia"]["k_out"]
    return {
        ("ion_gradients/answers.md", "up by about 18.5 mV"):
            (nernst(1, k_out, d["k_in"]) - nernst(1, d["k_out"], d["k_in"]), 1),
        ("ion_gradients/answers.md", "by about\n  24 mV"):
            (nernst(1, d["na_out"], d["na_in"]) - nernst(1, d["na_out"], na_in), 0),
        ("ion_gradients/answers.md", "gives the same 18.5 mV"):
            (nernst(1, d["na_out"], d["na_in"]) - nernst(1, d["na_out"], 2 * d["na_in"]), 1),
    }


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _chapter_apps():
    """{chapter: [app classes]} from the chapters' ``from nakmodel.widgets import X`` cells."""
    from nakmodel import widgets

    out = {}
    for ch in CHAPTERS:
        cells = json.loads(_read(ROOT / "chapters" / f"{ch}.ipynb"))["cells"]
        src = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        names = [n.strip() for m in re.findall(r"from nakmodel\.widgets import ([\w, ]+)", src)
                 for n in m.split(",")]
        out[ch] = [getattr(widgets, n) for n in names]
    return out


def test_every_chapter_has_plan_and_worksheet_in_the_toc_and_the_key_under_the_plan():
    # the answer key is a section of the teacher's plan (shown in the sidebar only under the plan),
    # not a sibling of the students' worksheet
    toc = yaml.safe_load(_read(ROOT / "_toc.yml"))
    part = next(p for p in toc["parts"] if p["caption"] == "For teachers")
    entries = part["chapters"][0]["sections"]
    files = {part["chapters"][0]["file"]} | {s["file"] for s in entries}
    assert "docs/teachers/alignment" in files
    for ch in CHAPTERS:
        for kind in KINDS:
            assert (TEACHERS / ch / f"{kind}.md").is_file(), f"{ch}/{kind}.md missing"
        assert f"docs/teachers/{ch}/worksheet" in files, f"{ch}/worksheet not in _toc.yml"
        plan = next((e for e in entries if e["file"] == f"docs/teachers/{ch}/plan"), None)
        assert plan is not None, f"{ch}/plan not in _toc.yml"
        assert [s["file"] for s in plan.get("sections", [])] == [f"docs/teachers/{ch}/answers"]
        assert f"docs/teachers/{ch}/answers" not in files, f"{ch}/answers is a sibling of the worksheet"
        assert "(answers.md)" in _read(TEACHERS / ch / "plan.md"), f"{ch}: the plan must link its key"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_lesson_plan_scenarios_exist_in_the_chapter_apps(chapter):
    plan = _read(TEACHERS / chapter / "plan.md")
    apps = _chapter_apps()[chapter]
    known = {s for app in apps for s in app.scenarios}
    linked = _SCENARIO_LINK.findall(plan)
    assert len(linked) >= 2, f"{chapter}: a lesson plan needs at least two scenario links"
    for page, name in linked:
        assert page == chapter, f"{chapter}/plan.md links to another chapter's app: {page}"
        assert name in known, f"{chapter}/plan.md: scenario {name!r} is not one of {sorted(known)}"
    for name in _BARE_SCENARIO.findall(plan):
        assert name in known, f"{chapter}/plan.md: scenario {name!r} is not one of {sorted(known)}"
    # the worksheet names the same scenarios the plan uses, and only those
    sheet = _read(TEACHERS / chapter / "worksheet.md")
    lines = [ln for ln in sheet.splitlines() if ln.startswith(("Scenario", "**Predict"))]
    named = [n for ln in lines for n in re.findall(r"\*([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)\*", ln)]
    for name in named:
        assert name in known, f"{chapter}/worksheet.md: scenario {name!r} is unknown"


def test_answer_keys_are_not_linked_from_student_pages():
    answers = re.compile(r"answers(?:\.md|\.html)?\b[^`]*\)|teachers/\w+/answers")
    for ch in CHAPTERS:
        nb = _read(ROOT / "chapters" / f"{ch}.ipynb")
        assert "teachers/" not in nb or not answers.search(nb), f"chapters/{ch}.ipynb links to an answer key"
        sheet = _read(TEACHERS / ch / "worksheet.md")
        assert "answers.md" not in sheet and "plan.md" not in sheet, f"{ch}: worksheet links to teacher pages"
    for q in (ROOT / "nakmodel" / "book" / "question_files").glob("*.yaml"):
        assert "teachers/" not in _read(q)


def test_worksheets_carry_no_answers():
    for ch in CHAPTERS:
        sheet = _read(TEACHERS / ch / "worksheet.md")
        for marker in ("Mark scheme", "mark scheme", "Answer key", "<details", "{dropdown}", "(1)"):
            assert marker not in sheet, f"{ch}/worksheet.md contains {marker!r}"
        # every Predict has a box to write in
        assert sheet.count("**Predict.**") <= sheet.count('class="nak-write'), ch


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_numbers_with_units_come_from_the_model(page):
    rel = f"{page.parent.name}/{page.name}"
    text = _TIMING.sub("", _GLUE.sub("GLUED", _read(page)))
    text = re.sub(r"`[^`]*`", "CODE", text)  # links and commands (scenario names such as ouabain-1mM)
    checked = {phrase: v for (p, phrase), v in _checked().items() if p == rel}
    for phrase, (value, decimals) in checked.items():
        assert phrase in text, f"{rel}: checked phrase {phrase!r} not found"
        typed = float(re.search(r"\d+(?:\.\d+)?", phrase).group(0))
        assert round(abs(value), decimals) == typed, f"{rel}: {phrase!r} but nakmodel gives {value:.2f}"
        text = text.replace(phrase, "")
    typed = _QUANTITY.findall(text)
    assert not typed, f"{rel}: numbers with units typed by hand (glue them from a chapter): {typed}"


def test_glued_keys_exist():
    from nakmodel.book import numbers

    wanted = {}
    for page in PAGES:
        for ch, key in _GLUE.findall(_read(page)):
            wanted.setdefault(ch, set()).add(key)
    assert wanted, "no glued numbers on the teacher pages"
    for ch, keys in wanted.items():
        missing = keys - set(numbers(ch))
        assert not missing, f"{ch}: teacher pages glue keys numbers() does not give: {sorted(missing)}"


def _glossary_terms():
    text = _read(ROOT / "docs" / "glossary.md")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {line.strip() for line in body.splitlines() if line and not line.startswith((" ", ":"))}


def test_glossary_has_the_books_terms():
    terms = {t.lower() for t in _glossary_terms()}
    required = {
        "electrochemical gradient", "equilibrium potential", "nernst equation", "ghk equation",
        "resting potential", "depolarisation", "repolarisation", "hyperpolarisation", "threshold",
        "all-or-none", "refractory period", "electrogenic", "electroneutral", "primary active transport",
        "secondary active transport", "facilitated diffusion", "active transport", "symport", "antiport",
        "cotransporter", "exchanger", "dissociation constant", "ic50", "k_on", "k0.5", "f–i curve",
        "detailed balance", "δg", "atp hydrolysis", "water potential", "solute potential", "tonicity",
        "isotonic", "hypotonic", "osmoregulation", "donnan equilibrium", "steady state", "leak channels",
        "respiration", "isoform", "concentration gradient", "membrane potential", "action potential",
        "absolute refractory period", "relative refractory period",
    }
    assert required <= terms, f"glossary lacks: {sorted(required - terms)}"


def test_every_term_role_names_a_glossary_entry():
    terms = {t.lower() for t in _glossary_terms()}
    sources = [*ROOT.glob("docs/**/*.md"), ROOT / "intro.md", *(ROOT / "chapters").glob("*.ipynb")]
    for src in sources:
        for shown, target in _TERM.findall(_read(src).replace('\\"', '"')):
            name = " ".join((target or shown).split()).lower()
            assert name in terms, f"{src.relative_to(ROOT)}: {{term}} {name!r} is not in the glossary"


def test_index_directives_name_their_entries():
    """Sphinx's ``index`` directive needs its entries on the directive line (MyST passes the lines
    below it as content, which the directive rejects): a bare ```` ```{index} ```` fails the build."""
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        cells = json.loads(_read(nb))["cells"]
        for cell in cells:
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("```{index}"):
                    assert line[len("```{index}"):].strip(), f"{nb.name}: empty index directive"
                    assert "book-only" in cell["metadata"].get("tags", []), f"{nb.name}: index in a core cell"


def _article(page: Path) -> str:
    """The page's own content, without the navigation every page repeats."""
    text = page.read_text(errors="replace")
    m = re.search(r"<article\b.*?</article>", text, flags=re.S)
    assert m, f"{page}: no <article>"
    return m.group(0)


def test_built_chapters_do_not_link_answer_keys(built_book):
    for ch in CHAPTERS:
        body = _article(built_book.html / "chapters" / f"{ch}.html")
        assert "teachers/" not in body or "answers.html" not in body, f"{ch}.html links to an answer key"
        sheet = _article(built_book.html / "docs" / "teachers" / ch / "worksheet.html")
        assert "answers.html" not in sheet, f"{ch}: the built worksheet links to its answer key"


def test_built_teacher_pages_show_the_glued_numbers(built_book):
    """Each glue role became a pasted number (a missing key would leave nothing, or fail -W)."""
    for page in PAGES:
        roles = len(_GLUE.findall(_read(page)))
        html_page = built_book.html / "docs" / "teachers" / page.parent.name / f"{page.stem}.html"
        pasted = re.findall(r'<span class="pasted-text">([^<]*)</span>', _article(html_page))
        assert len(pasted) == roles, f"{page.parent.name}/{page.name}: {roles} roles, {len(pasted)} pasted"
        assert all(re.search(r"\d", p) for p in pasted), pasted


def test_built_glossary_anchors_and_index(built_book):
    gloss = (built_book.html / "docs" / "glossary.html").read_text(errors="replace")
    for term in ("electrochemical-gradient", "equilibrium-potential", "all-or-none", "water-potential"):
        assert f'id="term-{term}"' in gloss, term
    index = (built_book.html / "genindex.html").read_text(errors="replace")
    for ch in CHAPTERS:
        assert f"chapters/{ch}.html#index-" in index, f"genindex has no entry for {ch}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_lesson_plan_timings_fill_fifty_minutes(chapter):
    """The rows of a plan's timetable follow each other without gap or overlap, from 0 to 50 min."""
    plan = _read(TEACHERS / chapter / "plan.md")
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+)–(\d+) min \|", plan, flags=re.M)]
    assert len(spans) >= 5, f"{chapter}: too few timed steps"
    start, end = spans[0][0], spans[-1][1]
    assert start == 0 and end == 50, f"{chapter}: the plan runs {start}–{end} min"
    for (a0, b0), (a1, b1) in zip(spans, spans[1:], strict=False):
        assert a0 < b0 and b0 == a1, f"{chapter}: {a0}–{b0} then {a1}–{b1}"
