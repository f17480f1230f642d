"""The static book: -W build passes, nothing loads from outside, pages are titled."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXTERNAL_ASSET = re.compile(
    r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)\s*=\s*[\"'](https?:)?//", re.I
)


def html_pages(built_book):
    pages = [p for p in built_book.html.rglob("*.html")
             if "_static" not in p.parts and "_sources" not in p.parts
             and not any(part.startswith(".") for part in p.relative_to(built_book.html).parts)]
    assert pages, "no HTML pages were built"
    return pages


def test_build_passes_with_warnings_as_errors(built_book):
    assert built_book.returncode == 0, "jupyter-book build -W failed:\n" + built_book.log[-6000:]
    print(f"build time {built_book.seconds:.1f} s")


def test_no_outside_assets(built_book):
    offenders = []
    for page in html_pages(built_book):
        for m in EXTERNAL_ASSET.finditer(page.read_text(errors="replace")):
            tag = page.read_text(errors="replace")[m.start(): m.start() + 200]
            # a <link rel="canonical"> or similar would still be fetched by nothing; we forbid all anyway
            offenders.append(f"{page.relative_to(built_book.html)}: {tag!r}")
    assert not offenders, "\n".join(offenders[:20])


def test_every_page_names_a_local_favicon(built_book):
    """Browsers request /favicon.ico when a page names none: a 404 in the console."""
    for page in html_pages(built_book):
        text = page.read_text(errors="replace")
        if 'http-equiv="Refresh"' in text or 'http-equiv="refresh"' in text:
            continue
        icon = re.search(r'<link rel="(?:shortcut )?icon" href="([^"]+)"', text)
        assert icon, f"{page}: no favicon link"
        assert (page.parent / icon.group(1)).resolve().is_file(), f"{page}: favicon {icon.group(1)} missing"


def test_every_page_has_a_title_and_alt_texts(built_book):
    for page in html_pages(built_book):
        text = page.read_text(errors="replace")
        if 'http-equiv="Refresh"' in text or "http-equiv=\"refresh\"" in text:
            continue  # jupyter-book's index.html redirect
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and title.group(1).strip(), f"{page}: no <title>"
        if page.name not in ("genindex.html", "search.html"):
            assert re.search(r"<h1\b", text), f"{page}: no <h1> heading"
        markup = re.sub(r"<script\b.*?</script>", "", text, flags=re.S)  # widget state is JSON, not markup
        for img in re.findall(r"<img\b[^>]*>", markup):
            assert re.search(r'\balt="[^"]+"', img), f"{page}: image without alt text: {img[:120]}"


def test_every_toc_chapter_is_built_with_voila_link(built_book):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    for f in files:
        page = built_book.html / f"{f}.html"
        assert page.exists(), f"{f} was not built"
        if f.startswith("chapters/"):
            assert f"voila/render/{f}.ipynb" in page.read_text(), f"{f}: no Voilà launch link"


def test_widget_state_embedded_for_each_chapter(built_book):
    """Each chapter has an app: ipywidgets state with a figure, or a live explorer's placeholder
    (``nakmodel.widgets.live``: JSON state, PNG fallback, drawn by _static/nakfront/nakfront.js)."""
    for page in (built_book.html / "chapters").glob("*.html"):
        text = page.read_text()
        live = 'class="nak-explorer"' in text
        if live:
            assert 'class="nak-explorer-state"' in text and "nakfront/nakfront.js" in text, page.name
            for block in re.findall(r'<div class="nak-explorer".*?</figure></div>', text, flags=re.S):
                assert "controls do nothing" not in block, f"{page.name}: snapshot note on a live explorer"
        if not live or "application/vnd.jupyter.widget-state+json" in text:
            assert "application/vnd.jupyter.widget-state+json" in text, f"{page.name}: widgets not saved"
            assert "nak-figure" in text or live, f"{page.name}: no app figure in the static page"
