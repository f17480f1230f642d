"""Standalone static pages with one explorer each, as the book embeds them (for browser tests
and benchmarks): the explorer's static-mode HTML plus the book's script, loaded from file://."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "_static" / "nakfront" / "nakfront.js"

PAGE = """<!doctype html>
<html lang="en"{theme}><head><meta charset="utf-8">\
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font-family: sans-serif; max-width: 52rem; margin: 1rem auto; padding: 0 0.8rem; }}
html[data-theme=dark] body {{ background: #121212; color: #ced6dd; }}</style>
</head><body><main><h1>{title}</h1>
{body}
</main><script src="nakfront.js"></script></body></html>
"""


def explorers() -> tuple:
    """Every explorer of the book (its class), in the order of the chapters' pages as benchmarked:
    the browser tests' axe-core check and ``benchmarks/bench_frontend.py`` go through all of them."""
    from nakmodel.widgets import live
    from nakmodel.widgets.action_potentials import RundownExplorer
    from nakmodel.widgets.pump_cycle import CycleExplorer

    return (live.NernstLive, live.GHKLive, live.EnergyLive, live.SpikeLive, live.CotransportLive,
            live.EpitheliumLive, live.PumpLeakLive, live.StoichiometryLive, CycleExplorer, RundownExplorer,
            live.OuabainDoseLive, live.PumpBlockLive)


def write_static_page(folder: Path, app, dark: bool = False) -> Path:
    """Write ``folder/<name>.html`` (and the bundle beside it) for the live explorer ``app``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUNDLE, folder / "nakfront.js")
    page = folder / f"{app.name}{'-dark' if dark else ''}.html"
    page.write_text(PAGE.format(title=app.title, body=app.static_html(),
                                theme=' data-theme="dark"' if dark else ""), encoding="utf-8")
    return page
