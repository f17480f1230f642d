"""Find the chapters (``_toc.yml`` order, then any other ``chapters/*.ipynb``) and describe them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
THUMBNAILS = Path(__file__).resolve().parent / "thumbnails"


@dataclass(frozen=True)
class Chapter:
    stem: str          # "ion_gradients"
    path: Path         # chapters/ion_gradients.ipynb
    title: str
    description: str   # one line
    duration: str      # "About 25 minutes" or ""

    @property
    def url(self) -> str:
        """Path of the app under the Voilà server root (which serves ``chapters/``)."""
        return f"voila/render/{self.path.name}"

    @property
    def thumbnail(self) -> Path:
        return THUMBNAILS / f"{self.stem}.png"


def _toc_order(root: Path) -> list[str]:
    toc = root / "_toc.yml"
    if not toc.exists():
        return []
    stems = []
    for line in toc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*-?\s*file:\s*chapters/([\w\-]+)(?:\.ipynb)?\s*$", line)
        if m:
            stems.append(m.group(1))
    return stems


def _plain(md: str) -> str:
    md = re.sub(r"\{[\w:-]+\}`([^`]*)`", r"\1", md)          # MyST roles {cite}`x`
    md = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)       # links, images
    md = re.sub(r"<[^>]+>", "", md)                           # inline html (<sub>)
    md = re.sub(r"[*_`]", "", md)
    return re.sub(r"\s+", " ", md).strip()


def describe(nb: dict) -> tuple[str, str]:
    """One-line description and duration from the notebook metadata or its first paragraph."""
    meta = nb.get("metadata", {})
    cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]
    text = "".join(cells[0]["source"]) if cells else ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)
                  if p.strip() and not p.lstrip().startswith("#")]
    first = paragraphs[0] if paragraphs else ""
    duration = ""
    m = re.match(r"^\*([^*]*\bminutes?\b[^*]*)\*\s*", first)
    if m:
        duration = m.group(1).strip().rstrip(".")
        first = first[m.end():]
        if not first.strip() and len(paragraphs) > 1:  # the reading time is a paragraph of its own
            first = paragraphs[1]
    if meta.get("description"):
        return str(meta["description"]), duration
    plain = _plain(first)
    m = re.match(r"(.+?[.!?])(\s|$)", plain)
    line = m.group(1) if m else plain
    if len(line) > 180:
        line = line[:177].rsplit(" ", 1)[0] + "…"
    return line, duration


def load_chapter(path: Path) -> Chapter:
    nb = json.loads(path.read_text(encoding="utf-8"))
    title = nb.get("metadata", {}).get("title") or path.stem.replace("_", " ").capitalize()
    description, duration = describe(nb)
    return Chapter(path.stem, path, title, description, duration)


def discover(root: Path = ROOT) -> list[Chapter]:
    """Every chapter notebook, in the book's order; unreadable notebooks are skipped."""
    folder = root / "chapters"
    present = {p.stem: p for p in sorted(folder.glob("*.ipynb"))}
    order = [s for s in _toc_order(root) if s in present]
    order += [s for s in present if s not in order]
    out = []
    for stem in order:
        try:
            out.append(load_chapter(present[stem]))
        except (OSError, ValueError, KeyError, IndexError):
            continue  # a chapter being written right now: leave it out rather than fail
    return out
