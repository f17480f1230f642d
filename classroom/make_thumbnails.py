"""Draw a small PNG per chapter for the gallery: ``python classroom/make_thumbnails.py [--force]``.

For each chapter notebook (see :mod:`classroom.chapters`) the first explorer of
``nakmodel.widgets`` that its code cells create (``SomeLive(...)``) is built at
its defaults and its static fallback figure (the matplotlib PNG of the static
book) saved 360 px wide (8-bit palette, ~10-30 kB).
A chapter without such an app gets a plain title card. Only missing or
out-of-date thumbnails are redrawn unless ``--force``.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["NAKMODEL_DISPLAY"] = "live"
os.environ.pop("QUERY_STRING", None)

from classroom.chapters import THUMBNAILS, discover

WIDTH_PX = 360


def app_class_for(nb_path: Path):
    from nakmodel import widgets

    names = [n for n in widgets.__all__ if n[0].isupper() and n != "Control"]
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for name in re.findall(r"\b([A-Z]\w+)\s*\(", "".join(cell["source"])):
            if name in names:
                return getattr(widgets, name)  # imports that app's module only
    return None


def _save_small(fig, out: Path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=WIDTH_PX / fig.get_figwidth(), facecolor="white")
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    img.save(out, format="PNG", optimize=True)


def title_card(title: str):
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(4.8, 3.0))
    fig.text(0.5, 0.5, title, ha="center", va="center", wrap=True, fontsize=15, color="#0b4f6c")
    return fig


def make(force: bool = False) -> list[Path]:
    import matplotlib.pyplot as plt

    THUMBNAILS.mkdir(exist_ok=True)
    made = []
    for ch in discover():
        out = ch.thumbnail
        if not force and out.exists() and out.stat().st_mtime >= ch.path.stat().st_mtime:
            continue
        fig = None
        try:
            cls = app_class_for(ch.path)
            if cls is not None:  # a live explorer: its matplotlib fallback figure at the defaults
                app = cls()
                fig = app.fallback_figure(app.values, app.result)[0]
        except Exception as err:  # noqa: BLE001 - a chapter in progress must not stop the class
            print(f"  {ch.stem}: app failed ({err!r}); using a title card", file=sys.stderr)
        if fig is None:
            fig = title_card(ch.title)
        _save_small(fig, out)
        plt.close("all")
        made.append(out)
        print(f"  thumbnail {out.relative_to(THUMBNAILS.parents[1])} ({out.stat().st_size // 1024} kB)")
    return made


if __name__ == "__main__":
    make(force="--force" in sys.argv)
