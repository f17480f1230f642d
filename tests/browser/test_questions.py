"""Questions with feedback in a real browser: the static book pages from file:// (no kernel, every
non-file request aborted) and the same cells live in Voilà; one right and one wrong answer in each
mode for every chapter, a prediction judged by the explorer on the page, axe-core on a page with
questions.

The static tests build a small book in a temporary folder: one page per chapter with the chapter's
own questions cell, and for four chapters whose explorers are drawn in the browser (ion gradients,
energy bill, secondary transport, stoichiometry) the explorer cells too (the whole book takes
minutes; the renderer is the same)."""

from __future__ import annotations

import functools
import http.server
import json
import math
import os
import re
import shutil
import subprocess
import sys
import threading

import pytest
import yaml

from nakmodel.book import CHAPTERS
from nakmodel.book.questions import load
from tests.conftest import ROOT, VENV_BIN, free_port, running_server

pytestmark = pytest.mark.browser

CHAPTER = "ion_gradients"
#: pages that carry their chapter's live explorer as well as its questions
WITH_EXPLORER = ("ion_gradients", "energy_bill", "secondary_transport", "stoichiometry")


def _questions_cell(chapter):
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code" and "Questions(" in "".join(c["source"])]
    assert len(cells) == 1, f"{chapter}: expected one questions cell, found {len(cells)}"
    cell = cells[0]
    tags = cell["metadata"].get("tags", [])
    assert "remove-input" in tags and "book-only" not in tags and "remove-output" not in tags, tags
    return cell


def _page_notebook(chapter, folder, with_explorer=True):
    """A page ``<chapter>.ipynb`` with the chapter's questions cell and, if ``with_explorer``, its
    other visible code cells (the explorers), as students see them together; the glue and prose are
    left out."""
    qcell = _questions_cell(chapter)
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    cells = [dict(c, outputs=[], execution_count=None) for c in nb["cells"] if c["cell_type"] == "code"
             and "remove-output" not in c["metadata"].get("tags", [])] if with_explorer else [qcell]
    nb = {"cells": [{"cell_type": "markdown", "id": "t0", "metadata": {},
                     "source": [f"# Questions test: {chapter}\n"]}, *cells],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    path = folder / f"{chapter}.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _all_pages(folder):
    for chapter in CHAPTERS:
        _page_notebook(chapter, folder, with_explorer=chapter in WITH_EXPLORER)


def nernst_closed_form(z, c_out, c_in, t_c=37.0):
    """E = RT/(zF) ln(out/in), mV, CODATA R and F (independent of nakmodel)."""
    return 8.314462618 * (t_c + 273.15) / (z * 96485.33212) * math.log(c_out / c_in) * 1e3


# answers computed here, not by nakmodel: the numeric question "4 mM outside, 160 mM inside"
E_K_4_160 = nernst_closed_form(+1, 4.0, 160.0)


@pytest.fixture(scope="module")
def static_page(tmp_path_factory):
    book = tmp_path_factory.mktemp("qbook")
    _all_pages(book)
    shutil.copytree(ROOT / "_ext", book / "_ext")
    shutil.copytree(ROOT / "_static", book / "_static", symlinks=True)
    others = "".join(f"- file: {c}\n" for c in CHAPTERS if c != CHAPTER)
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: {CHAPTER}\nchapters:\n{others}", encoding="utf-8")
    # the book's own configuration (vendored MathJax and widget manager, the nakbook extension),
    # without the bibliography this one page does not cite
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config.pop("bibtex_bibfiles", None)
    config["title"] = "questions test"
    config["sphinx"]["config"] = {k: v for k, v in config["sphinx"]["config"].items()
                                  if not k.startswith("bibtex")}
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([str(VENV_BIN / "jupyter-book"), "build", str(book), "-W", "-n", "--keep-going"],
                          check=False, capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return book / "_build" / "html" / f"{CHAPTER}.html"


def _offline(page, allowed_prefix):
    outside, problems = [], []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))

    def route(r):
        if r.request.url.startswith(allowed_prefix):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside, problems


def _live_regions_before_answering(item):
    """Each question holds exactly one polite live region from the start, empty until the student acts;
    it is marked so that ``_same_live_region`` can tell it was kept (not replaced) when feedback came."""
    regions = item.locator("[aria-live]")
    regions.first.wait_for(state="attached", timeout=30000)  # Voilà: the widget's view may come later
    assert regions.count() == 1, f"{regions.count()} live regions in one question"
    region = regions.first
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    assert region.inner_text().strip() == ""
    region.evaluate("(el) => { el.dataset.nakProbe = 'kept'; }")
    return region


def _same_live_region(item, text):
    """The question's one live region is the node marked before answering, and now holds ``text``."""
    regions = item.locator("[aria-live]")
    assert regions.count() == 1
    assert regions.first.get_attribute("data-nak-probe") == "kept", "the live region was replaced"
    assert text in regions.first.inner_text()


def _visible_text(page):
    return page.evaluate("() => document.body.innerText")


@pytest.fixture(scope="module")
def static_http(static_page):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(static_page.parent))
    handler.log_message = lambda *a, **k: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_static_questions_offline(browser, static_page, static_http, scheme):
    """Answer right and wrong without a kernel. From file:// the explorer's widget manager cannot load
    (Chromium refuses its crossorigin script there), so the console is checked over http only; the
    questions must work either way."""
    html = static_page.read_text(encoding="utf-8")
    # no inline script carries the questions: their data is JSON, their code a file
    assert 'type="application/json" class="nak-q-data"' in html
    assert "nakquestions/questions.js" in html
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    base = "file://" if scheme == "file" else static_http
    outside, problems = _offline(page, base)
    url = static_page.as_uri() if scheme == "file" else f"{static_http}/{CHAPTER}.html"
    page.goto(url, wait_until="load")
    page.wait_for_selector(".nak-questions[data-rendered] fieldset.nak-question")

    # nothing of an answer is visible before the student acts
    text = _visible_text(page)
    assert f"{E_K_4_160:.1f}".replace("-", "−") not in text
    assert "Right" not in text and "Not quite" not in text and "Hint:" not in text

    q = page.locator('fieldset[data-qid="ig-cl-sign"]')
    feedback = q.locator(".nak-q-feedback")
    for i in range(page.locator("fieldset.nak-question").count()):
        _live_regions_before_answering(page.locator("fieldset.nak-question").nth(i))
    # wrong answer by keyboard: focus the pump option, select it with Space, Tab to Check, Enter
    q.get_by_label("Because Cl⁻ ions are pumped out by the Na⁺/K⁺ pump.").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent,"
                            " getComputedStyle(document.activeElement).outlineStyle,"
                            " parseFloat(getComputedStyle(document.activeElement).outlineWidth)]")
    assert focused[0] == "Check" and focused[1] != "none" and focused[2] >= 2, f"no visible focus: {focused}"
    page.keyboard.press("Enter")
    assert "✗" in feedback.inner_text() and "only Na⁺ and K⁺" in feedback.inner_text()
    _same_live_region(q, "only Na⁺ and K⁺")
    # right answer by mouse
    q.get_by_text("Because Cl⁻ carries a negative charge").click()
    q.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("✓")

    n = page.locator('fieldset[data-qid="ig-ek-numeric"]')
    box = n.get_by_label("Your answer")
    box.fill(f"{-E_K_4_160:.1f}")  # sign wrong
    n.get_by_role("button", name="Check").click()
    assert "Not yet" in n.locator(".nak-q-feedback").inner_text()
    box.fill(f"{E_K_4_160:.1f} mV".replace("-", "−"))
    box.press("Enter")
    assert "Right" in n.locator(".nak-q-feedback").inner_text()

    # a prediction, judged by the explorer on the page: first not set as asked, then set by keyboard
    p = page.locator('fieldset[data-qid="ig-predict-kout"]')
    p.get_by_text("It becomes more negative.").click()
    p.get_by_role("button", name="Commit my prediction").click()
    assert "10 mM" in p.locator(".nak-q-action").inner_text()
    reveal = p.get_by_role("button", name=re.compile("show the model"))
    reveal.click()
    out = p.locator(".nak-q-feedback").inner_text()
    assert "not set as asked" in out and "[K⁺] outside to 10 mM (now 5 mM)" in out, out
    assert p.get_attribute("data-judged-by") == "waiting"
    k_out = page.locator(".nak-explorer").get_by_label("[K⁺] outside (mM)")
    k_out.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert k_out.input_value() == "10"
    reveal.click()
    result = nernst_closed_form(+1, 10.0, 140.0)
    out = p.locator(".nak-q-feedback").inner_text()
    assert "disagrees" in out and f"{result:+.1f}".replace("-", "−") in out and "explorer on this page" in out
    _screenshot(p, f"static-predict-{scheme}")
    assert p.get_attribute("data-judged-by") == "explorer"
    assert float(p.get_attribute("data-live-value")) == pytest.approx(result, abs=1e-6)
    # one more step: the page judges what the explorer shows now, not the stored number
    k_out.focus()
    page.keyboard.press("ArrowRight")
    reveal.click()
    assert "now 11 mM" in p.locator(".nak-q-feedback").inner_text()

    assert not outside, f"requests left the page: {outside}"
    if scheme == "http":
        assert not [p for p in problems if "allowUnionTypes" not in p], problems
    page.close()


@pytest.fixture(scope="module")
def voila_questions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qvoila")
    _all_pages(folder)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [str(VENV_BIN / "voila"), str(folder), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"]
    from classroom.template import template_options

    cmd += template_options(env)  # the book's offline template, as `make voila` and voila_server use
    with running_server(cmd, base, base + "/", folder / "voila.log", env=env) as url:
        yield url


def _press_until(page, button, region, text, tries=8):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(tries):
        button.click()
        try:
            page.wait_for_function("([el, t]) => el.innerText.includes(t)",
                                   arg=[region.element_handle(), text], timeout=5000)
        except PlaywrightTimeout:  # not answered yet (kernel connection still coming up): press again
            pass
        else:
            return
    raise AssertionError(f"no feedback containing {text!r}: {region.inner_text()!r}")


def test_voila_questions_live(browser, voila_questions):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside, problems = _offline(page, voila_questions)
    page.goto(f"{voila_questions}/voila/render/{CHAPTER}.ipynb", wait_until="domcontentloaded",
              timeout=150000)
    q = page.locator(".nak-question").first
    q.wait_for(state="visible", timeout=150000)
    assert "Right" not in _visible_text(page)
    items = page.locator(".nak-question")
    assert items.count() == len(load(CHAPTER, validate=False)["questions"])
    for i in range(items.count()):  # one persistent polite region per question, there before any answer
        _live_regions_before_answering(items.nth(i))
    q.get_by_text("Because Cl⁻ is less concentrated outside than Na⁺ is.").click()
    feedback = q.locator(".nak-q-feedback")
    # the first click can come before the page's kernel connection is up: press again until it answers
    _press_until(page, q.get_by_role("button", name="Check"), feedback, "✗")
    assert "ratio" in feedback.inner_text()
    _same_live_region(q, "ratio")
    q.get_by_text("Because Cl⁻ carries a negative charge").click()
    _press_until(page, q.get_by_role("button", name="Check"), feedback, "✓")

    n = page.locator(".nak-question").nth(3)
    assert "4 mM K⁺ outside" in n.inner_text()
    box = n.get_by_role("textbox")
    nf = n.locator(".nak-q-feedback")
    box.fill("12")
    _press_until(page, n.get_by_role("button", name="Check"), nf, "Not yet")
    box.fill(f"{E_K_4_160:.1f}")
    _press_until(page, n.get_by_role("button", name="Check"), nf, "Right")
    assert not outside, f"requests left the server: {outside}"
    # the shared environment's jupyter-server-proxy lab extension fails to load in Voilà (not ours)
    assert not [p for p in problems if "jupyter-server-proxy" not in p], problems
    page.close()


def _screenshot(locator, name):
    """Save a picture for review when NAK_SCREENSHOTS names a folder."""
    folder = os.environ.get("NAK_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        locator.screenshot(path=os.path.join(folder, f"{name}.png"))


def _first_choice(chapter):
    """The chapter's first multiple-choice question, a wrong option's and the right option's index."""
    q = next(q for q in load(chapter, validate=False)["questions"] if q["kind"] == "choice")
    right = next(i for i, o in enumerate(q["options"]) if o["correct"])
    wrong = next(i for i, o in enumerate(q["options"]) if not o["correct"])
    return q, wrong, right


def _plain(text):
    return re.sub(r"<[^>]+>", "", text).split(".")[0][:40]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_static_every_chapter_right_and_wrong(browser, static_page, chapter):
    """Every chapter's page from file:// with every other request aborted: a wrong option gives that
    option's own feedback (✗), the right one ✓ and the exam point where there is one."""
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside, problems = _offline(page, "file://")
    page.goto((static_page.parent / f"{chapter}.html").as_uri(), wait_until="load")
    page.wait_for_selector(".nak-questions[data-rendered] fieldset.nak-question")
    assert page.locator("fieldset.nak-question").count() == len(load(chapter, validate=False)["questions"])
    text = _visible_text(page)  # nothing of an answer shows before the student acts
    assert "Right" not in text and "Not quite" not in text and "Hint:" not in text
    q, wrong, right = _first_choice(chapter)
    box = page.locator(f'fieldset[data-qid="{q["id"]}"]')
    feedback = box.locator(".nak-q-feedback")
    box.locator("input[type=radio]").nth(wrong).check()
    box.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("✗")
    assert _plain(q["options"][wrong]["feedback"]) in feedback.inner_text()
    box.locator("input[type=radio]").nth(right).check()
    box.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("✓")
    if q.get("exam"):
        assert "In the exam:" in feedback.inner_text()
    _screenshot(box, f"static-{chapter}")
    assert not outside, f"requests left the page: {outside}"
    page.close()


def test_static_energy_prediction_through_the_explorer(browser, static_page):
    """The energy calculator on its page judges "ATP per spike when the rate doubles" live."""
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside, _ = _offline(page, "file://")
    page.goto((static_page.parent / "energy_bill.html").as_uri(), wait_until="load")
    page.wait_for_selector(".nak-questions[data-rendered] fieldset.nak-question")
    page.locator(".nak-live canvas").first.wait_for()
    p = page.locator('fieldset[data-qid="eb-predict-rate"]')
    p.get_by_text("It doubles.").click()
    p.get_by_role("button", name="Commit my prediction").click()
    rate = page.locator(".nak-explorer").get_by_label(re.compile("mean firing rate"))
    rate.focus()
    for _ in range(8):  # 4 Hz -> 8 Hz in 0.5 Hz steps
        page.keyboard.press("ArrowRight")
    assert float(rate.input_value()) == 8.0
    p.get_by_role("button", name=re.compile("show the model")).click()
    out = p.locator(".nak-q-feedback").inner_text()
    assert "disagrees" in out and p.get_attribute("data-judged-by") == "explorer", out
    live = float(p.get_attribute("data-live-value"))
    # the page's number equals the build-time key within the port's precision
    q = next(q for q in load("energy_bill", validate=False)["questions"] if q["id"] == "eb-predict-rate")
    assert live == pytest.approx(q["result"], rel=1e-9)
    assert not outside, f"requests left the page: {outside}"
    page.close()


def test_static_cotransport_prediction_through_the_explorer(browser, static_page):
    """The cotransport explorer judges "SGLT1's limit when the cell depolarises" live; the number
    on the page is SGLT1's equilibrium written out here: (145/12)² exp(−2FV/RT) at −30 mV, 37 °C."""
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside, _ = _offline(page, "file://")
    page.goto((static_page.parent / "secondary_transport.html").as_uri(), wait_until="load")
    page.wait_for_selector(".nak-questions[data-rendered] fieldset.nak-question")
    page.locator(".nak-live canvas").first.wait_for()
    p = page.locator('fieldset[data-qid="sec-predict-voltage"]')
    p.get_by_text("It falls.").click()
    p.get_by_role("button", name="Commit my prediction").click()
    v = page.locator(".nak-explorer").first.get_by_role("slider", name="membrane potential (mV)")
    v.focus()
    for _ in range(30):  # −60 mV -> −30 mV in 1 mV steps
        page.keyboard.press("ArrowRight")
    assert float(v.input_value()) == -30.0
    p.get_by_role("button", name=re.compile("show the model")).click()
    out = p.locator(".nak-q-feedback").inner_text()
    assert out.startswith("✓") and p.get_attribute("data-judged-by") == "explorer", out
    expected = (145.0 / 12.0) ** 2 * math.exp(2 * 96485.33212 * 0.030 / (8.314462618 * 310.15))
    assert float(p.get_attribute("data-live-value")) == pytest.approx(expected, rel=1e-9)
    assert not outside, f"requests left the page: {outside}"
    page.close()


#: the book's stated reference neuron (−70 mV; Na⁺ 145/12 mM, K⁺ 5/140 mM; 37 °C) and the work of one
#: 3:2 cycle there, 3[RT ln(145/12) + FV] + 2[RT ln(140/5) − FV], written out (CODATA R, F)
_RT, _FV = 8.314462618 * 310.15 / 1e3, 96485.33212 * 0.070 / 1e3
WORK_32_BOOK = 3 * (_RT * math.log(145 / 12) + _FV) + 2 * (_RT * math.log(140 / 5) - _FV)


def _set_dg_atp(page, explorer, presses=20):
    """ΔG of ATP from −55 to −45 kJ/mol in 0.5 kJ/mol steps, by keyboard."""
    dg = explorer.get_by_role("slider", name="ΔG of ATP (kJ/mol)")
    dg.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    assert float(dg.input_value()) == -45.0
    return dg


def _check_energy_left(out, live, shown_to=0.0):
    """The live number (``shown_to``: its rounding on the page) is the cycle's margin at −45 kJ/mol: 45
    minus the work at the book's neuron (the steady state is that neuron within 0.05 mM, 0.05 kJ/mol
    of work), it is the build-time key's, and the feedback shows it."""
    q = next(q for q in load("stoichiometry", validate=False)["questions"] if q["id"] == "sto-predict-dg")
    assert live == pytest.approx(q["result"], rel=1e-9, abs=shown_to)
    assert live == pytest.approx(45.0 - WORK_32_BOOK, abs=0.05 + shown_to)
    assert f"gives {live:.1f} kJ/mol left over" in out, out


def test_static_stoichiometry_prediction_through_the_explorer(browser, static_page):
    """The stoichiometry explorer judges "energy left per cycle when ΔG of ATP is −45" live in the
    static page; its readout shows the same number."""
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    outside, _ = _offline(page, "file://")
    page.goto((static_page.parent / "stoichiometry.html").as_uri(), wait_until="load")
    page.wait_for_selector(".nak-questions[data-rendered] fieldset.nak-question")
    page.locator(".nak-live canvas").first.wait_for()
    p = page.locator('fieldset[data-qid="sto-predict-dg"]')
    p.get_by_text("Less energy is left over").click()
    p.get_by_role("button", name="Commit my prediction").click()
    reveal = p.get_by_role("button", name=re.compile("show the model"))
    reveal.click()
    assert "ΔG of ATP to −45 kJ/mol (now −55 kJ/mol)" in p.locator(".nak-q-feedback").inner_text()
    explorer = page.locator(".nak-explorer").first
    _set_dg_atp(page, explorer)
    reveal.click()
    out = p.locator(".nak-q-feedback").inner_text()
    assert out.startswith("✓") and p.get_attribute("data-judged-by") == "explorer", out
    live = float(p.get_attribute("data-live-value"))
    _check_energy_left(out, live)
    assert f"energy left per cycle {live:.1f} kJ/mol" in explorer.inner_text()
    _screenshot(p, "static-stoichiometry-predict")
    assert not outside, f"requests left the page: {outside}"
    page.close()


def test_voila_stoichiometry_prediction_through_the_explorer(browser, voila_questions):
    """In Voilà the Questions widget reads the stoichiometry explorer of the same kernel."""
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    outside, _ = _offline(page, voila_questions)
    page.goto(f"{voila_questions}/voila/render/stoichiometry.ipynb", wait_until="domcontentloaded",
              timeout=150000)
    page.locator(".nak-live canvas").first.wait_for(timeout=150000)
    p = page.locator(".nak-question", has_text="energy left over")
    p.get_by_text("Less energy is left over").click()
    feedback = p.locator(".nak-q-feedback")
    _press_until(page, p.get_by_role("button", name="Commit my prediction"), p, "Now test it")
    reveal = p.get_by_role("button", name=re.compile("show the model"))
    _press_until(page, reveal, feedback, "not set as asked")
    host = page.locator(".nak-live").first.locator("..")
    n0 = int(host.get_attribute("data-updates"))
    _set_dg_atp(page, page.locator(".nak-live").first.locator(".."))
    page.wait_for_function("(n) => +document.querySelector('.nak-live').parentElement.dataset.updates > n",
                           arg=n0, timeout=30000)
    _press_until(page, reveal, feedback, "Read from the explorer")
    out = feedback.inner_text()
    assert out.startswith("✓"), out
    readout = re.search(r"energy left per cycle (\d+\.\d) kJ/mol", host.inner_text())
    assert readout, host.inner_text()[:400]
    _check_energy_left(out, float(readout.group(1)), shown_to=0.05)  # the readout and the feedback agree
    _screenshot(p, "voila-stoichiometry-predict")
    assert not outside, f"requests left the server: {outside}"
    page.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_static_questions_axe(browser, static_page, dark):
    """axe-core: no serious or critical violation in the questions, feedback showing, light and dark,
    at phone width."""
    from tests.browser.test_frontend import AXE, require_axe

    require_axe()
    page = browser.new_page(viewport={"width": 390, "height": 900})
    _offline(page, "file://")
    mode = "dark" if dark else "light"
    page.add_init_script(f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');")
    page.goto(static_page.as_uri(), wait_until="load")
    page.wait_for_selector(".nak-questions[data-rendered] fieldset.nak-question")
    q, wrong, _ = _first_choice(CHAPTER)
    box = page.locator(f'fieldset[data-qid="{q["id"]}"]')
    box.locator("input[type=radio]").nth(wrong).check()
    box.get_by_role("button", name="Check").click()
    n = page.locator('fieldset[data-qid="ig-ek-numeric"]')
    n.get_by_role("button", name="Show a worked hint").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document.querySelector('.nak-questions'))")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    assert page.evaluate("() => document.querySelector('.nak-questions').scrollWidth") <= 390
    page.close()


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c != CHAPTER])
def test_voila_every_chapter_right_and_wrong(browser, voila_questions, chapter):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside, _ = _offline(page, voila_questions)
    page.goto(f"{voila_questions}/voila/render/{chapter}.ipynb", wait_until="domcontentloaded",
              timeout=150000)
    q, wrong, right = _first_choice(chapter)
    number = load(chapter, validate=False)["questions"].index(q)
    item = page.locator(".nak-question").nth(number)
    item.wait_for(state="visible", timeout=150000)
    feedback = item.locator(".nak-q-feedback")
    item.locator("input[type=radio]").nth(wrong).check()
    _press_until(page, item.get_by_role("button", name="Check"), feedback, "✗")
    assert _plain(q["options"][wrong]["feedback"]) in feedback.inner_text()
    item.locator("input[type=radio]").nth(right).check()
    _press_until(page, item.get_by_role("button", name="Check"), feedback, "✓")
    # long options wrap inside their own label: each radio button can be clicked, none is covered
    for i in range(item.locator("input[type=radio]").count()):
        item.locator("input[type=radio]").nth(i).click(trial=True, timeout=5000)
    _screenshot(item, f"voila-{chapter}")
    assert not outside, f"requests left the server: {outside}"
    page.close()


def test_voila_prediction_through_the_explorer(browser, voila_questions):
    """In Voilà the Questions widget reads the Nernst explorer of the same kernel."""
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    outside, _ = _offline(page, voila_questions)
    page.goto(f"{voila_questions}/voila/render/{CHAPTER}.ipynb", wait_until="domcontentloaded",
              timeout=150000)
    page.locator(".nak-live canvas").first.wait_for(timeout=150000)
    p = page.locator(".nak-question", has_text="double it")
    p.get_by_text("It becomes more negative.").click()
    feedback = p.locator(".nak-q-feedback")
    _press_until(page, p.get_by_role("button", name="Commit my prediction"), p, "Now test it")
    reveal = p.get_by_role("button", name=re.compile("show the model"))
    _press_until(page, reveal, feedback, "not set as asked")
    host = page.locator(".nak-live").first.locator("..")
    k_out = page.get_by_label("[K⁺] outside (mM)")
    for _ in range(5):
        n0 = int(host.get_attribute("data-updates"))
        k_out.focus()
        page.keyboard.press("ArrowRight")
        updated = "(n) => +document.querySelector('.nak-live').parentElement.dataset.updates > n"
        page.wait_for_function(updated, arg=n0, timeout=30000)
    assert k_out.input_value() == "10"
    _press_until(page, reveal, feedback, "disagrees")
    result = nernst_closed_form(+1, 10.0, 140.0)
    out = feedback.inner_text()
    assert f"{result:+.1f}".replace("-", "−") in out and "Read from the explorer" in out
    _screenshot(p, "voila-predict")
    assert not outside, f"requests left the server: {outside}"
    page.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


def test_classroom_questions_under_its_csp(browser):
    """The classroom server (Content-Security-Policy script-src 'self' blob:, the book's template): a
    chapter's questions show their live regions, a choice is judged, and the page reports no refused
    script or other console error."""
    from classroom.chapters import discover
    from tests.classroom.server import shared_server

    server = shared_server()
    chapter = next(ch for ch in discover() if ch.stem == "stoichiometry")
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    outside, problems = _offline(page, server.base)
    response = page.goto(f"{server.base}/{chapter.url}", wait_until="domcontentloaded", timeout=150000)
    assert "script-src 'self' blob:" in response.headers.get("content-security-policy", "")
    q, wrong, right = _first_choice("stoichiometry")
    item = page.locator(".nak-question").nth(load("stoichiometry", validate=False)["questions"].index(q))
    item.wait_for(state="visible", timeout=150000)
    _live_regions_before_answering(item)
    item.locator("input[type=radio]").nth(wrong).check()
    _press_until(page, item.get_by_role("button", name="Check"), item.locator(".nak-q-feedback"), "✗")
    _same_live_region(item, "✗")
    assert not outside, f"requests left the server: {outside}"
    assert not [p for p in problems if "jupyter-server-proxy" not in p], problems
    page.close()


def test_voila_questions_axe(browser, voila_questions):
    """axe-core in Voilà: no serious or critical violation in the live questions with feedback showing
    (a wrong answer, a numeric answer) at phone width."""
    from tests.browser.test_frontend import AXE, require_axe

    require_axe()
    page = browser.new_page(viewport={"width": 390, "height": 900})
    _offline(page, voila_questions)
    page.goto(f"{voila_questions}/voila/render/{CHAPTER}.ipynb", wait_until="domcontentloaded",
              timeout=150000)
    q, wrong, _ = _first_choice(CHAPTER)
    item = page.locator(".nak-question").nth(load(CHAPTER, validate=False)["questions"].index(q))
    item.wait_for(state="visible", timeout=150000)
    item.locator("input[type=radio]").nth(wrong).check()
    _press_until(page, item.get_by_role("button", name="Check"), item.locator(".nak-q-feedback"), "✗")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document.querySelector('.nak-questions-live'))")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    _screenshot(item, "voila-390-feedback")
    page.close()
