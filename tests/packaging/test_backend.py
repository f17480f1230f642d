"""Importing the book's plotting and widget code must not switch the user's matplotlib backend.

A reader who picked a backend (``%matplotlib widget``, a GUI backend in a script, ``svg`` for a
paper) keeps it after ``import nakmodel.plots``: the book's figures get their Agg canvas
explicitly. Runs in a fresh interpreter, because the test suite itself sets ``MPLBACKEND``.
"""

import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import matplotlib
matplotlib.use("{backend}")
before = matplotlib.get_backend()

import nakmodel.plots
import nakmodel.widgets
from nakmodel.plots import new_figure, render_png

fig, ax = new_figure(3, 2)
ax.plot([0, 1], [0, 1])
png = render_png(fig)
assert png.startswith(b"\x89PNG"), "render_png did not return a PNG"
print(before, matplotlib.get_backend(), type(fig.canvas).__name__)
"""


@pytest.mark.parametrize("backend", ["svg", "pdf"])
def test_import_keeps_the_chosen_backend(backend):
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(backend=backend)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    before, after, canvas = proc.stdout.split()
    assert before == backend
    assert after == backend, f"importing nakmodel.plots switched the backend from {before} to {after}"
    assert canvas == "FigureCanvasAgg"  # the book's figures draw with Agg all the same
