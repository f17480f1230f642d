"""The classroom server's polite refusal pages (class full: 503, too many apps on one device: 429)
share one frame (classroom/pages/retry.html): head, style and the 30 s refresh live once."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from classroom import app as classroom_app
from classroom.app import PAGES, RETRY_FRAME, retry_page

PAGES_AND_FIELDS = {
    "full.html": ({"cap": "40", "base": "/class/"}, "server-full", "The class server is full right now",
                  "All 40 places"),
    "too_many.html": ({"limit": "3", "base": "/class/"}, "too-many", "Too many apps open on this device",
                      "already has 3 apps open"),
}


class Outline(HTMLParser):
    """Counts of the elements that matter, the title text, and <meta> attributes."""

    def __init__(self):
        super().__init__()
        self.count, self.meta, self.title, self._in_title = {}, [], "", False

    def handle_starttag(self, tag, attrs):
        self.count[tag] = self.count.get(tag, 0) + 1
        if tag == "meta":
            self.meta.append(dict(attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.mark.parametrize("name", PAGES_AND_FIELDS)
def test_refusal_page_is_a_whole_page_in_the_shared_frame(name):
    values, main_id, title, says = PAGES_AND_FIELDS[name]
    page = retry_page(name, **values)
    outline = Outline()
    outline.feed(page)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert outline.title == title and f"<h1>{title}</h1>" in page  # the title is the heading
    for tag in ("html", "head", "title", "body", "main", "h1"):
        assert outline.count.get(tag) == 1, (tag, outline.count)
    assert {"http-equiv": "refresh", "content": "30"} in outline.meta
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in outline.meta
    assert f'<main id="{main_id}">' in page and says in page and 'href="/class/"' in page
    assert "{{" not in page and "}}" not in page


def test_the_head_lives_once():
    frame = (PAGES / RETRY_FRAME).read_text(encoding="utf-8")
    assert "<head>" in frame and "{{body}}" in frame and "{{title}}" in frame
    for name in PAGES_AND_FIELDS:
        body = (PAGES / name).read_text(encoding="utf-8")
        assert "<head" not in body and "<style" not in body and "<html" not in body, name
    heads = {name: retry_page(name, **v[0]).split("<body>")[0].replace(v[2], "TITLE")
             for name, v in PAGES_AND_FIELDS.items()}
    assert len(set(heads.values())) == 1


def test_a_body_without_heading_is_refused(tmp_path, monkeypatch):
    (tmp_path / RETRY_FRAME).write_text((PAGES / RETRY_FRAME).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "untitled.html").write_text("<main><p>no heading</p></main>", encoding="utf-8")
    monkeypatch.setattr(classroom_app, "PAGES", tmp_path)
    with pytest.raises(ValueError, match="no <h1>"):
        retry_page("untitled.html")
