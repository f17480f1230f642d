"""Read what the built pages show: glued values by name, readouts and figure descriptions."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")
_PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>', re.DOTALL)
_NUMBER = re.compile(r"[+\u2212-]?\d[\d,]*(?:\.\d+)?")


def page_text(built_book, chapter: str) -> str:
    """The built page of ``chapter`` with the widget state's escaped markup made plain."""
    raw = (built_book.html / "chapters" / f"{chapter}.html").read_text(errors="replace")
    raw = raw.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&").replace('\\"', '"')
    return html.unescape(raw)


def glued_on_page(built_book, chapter: str) -> dict:
    """``{glue name: [text shown, ...]}`` for every ``{glue:text}`` role of the chapter, read off the built page.

    myst-nb renders a role as ``<span class="pasted-text">…</span>`` in document
    order; the names come from the notebook's markdown in the same order.
    """
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())
    names = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            names += [b.split(":")[0] for b in _ROLE.findall(src)]
    page = (built_book.html / "chapters" / f"{chapter}.html").read_text(errors="replace")
    shown = [html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in _PASTED.findall(page)]
    assert len(shown) == len(names), (f"{chapter}: {len(names)} glue roles in the notebook but "
                                      f"{len(shown)} pasted values on the page")
    out = {}
    for name, text in zip(names, shown):
        out.setdefault(name, []).append(text)
    return out


def number(text: str) -> tuple[float, float]:
    """The first number in ``text`` and the half-width of its last digit (its rounding)."""
    m = _NUMBER.search(text)
    if m is None:
        raise ValueError(f"no number in {text!r}")
    s = m.group(0).replace("\u2212", "-").replace(",", "")
    decimals = len(s.split(".")[1]) if "." in s else 0
    return float(s), 0.5 * 10.0 ** -decimals
