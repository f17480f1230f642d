"""What Voilà runs and which template it uses, from the repository's configuration.

* A code cell tagged ``book-only`` (a chapter's glue computation) is removed before execution:
  it never runs in a dashboard kernel (``TagRemovePreprocessor`` in ``voila.json``, applied by
  Voilà's exporter to the notebook whose cells the template then executes).
* A bare ``voila <folder>`` started in the repository serves pages whether or not the book's
  template is installed anywhere (``voila.json`` names no template); ``make voila`` and the
  classroom server take the book's template from the repository (``classroom.template``).
"""

from __future__ import annotations

import json
import os
import time
import urllib.request

import nbformat
import pytest

from classroom.template import NAME, SHARE, template_options
from tests.conftest import ROOT, VENV_BIN, free_port, running_server

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def _probe_notebook(folder, marker_book, marker_app):
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Probe"),
        nbformat.v4.new_code_cell(
            f"import pathlib, time\npathlib.Path({str(marker_book)!r}).write_text('ran')\ntime.sleep(60)",
            metadata={"tags": ["remove-input", "remove-output", "book-only"]}),
        nbformat.v4.new_code_cell(
            f"import pathlib\npathlib.Path({str(marker_app)!r}).write_text('ran')\nprint('app cell ran')",
            metadata={"tags": ["remove-input"]}),
    ]
    nbformat.write(nb, folder / "probe.ipynb")


@pytest.mark.slow
def test_bare_voila_skips_book_only_cells_and_serves_without_the_template_link(tmp_path):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    marker_book, marker_app = tmp_path / "book_only_ran", tmp_path / "app_ran"
    _probe_notebook(nbdir, marker_book, marker_app)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    # started in the repository (voila.json is read from there), no template option, no JUPYTER_PATH:
    # the book's template is not findable through the repository here
    cmd = [str(VENV_BIN / "voila"), str(nbdir), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1",
           "--VoilaConfiguration.preheat_kernel=False"]
    with running_server(cmd, base, base + "/", tmp_path / "voila.log", env=env):
        t0 = time.perf_counter()
        with urllib.request.urlopen(base + "/voila/render/probe.ipynb", timeout=50) as r:
            status, page = r.status, r.read().decode()
        seconds = time.perf_counter() - t0
    assert status == 200
    assert "app cell ran" in page and marker_app.exists()
    assert not marker_book.exists(), "a book-only code cell ran in the Voilà kernel"
    assert seconds < 45, f"page took {seconds:.0f} s: the book-only cell's sleep(60) ran?"
    assert "TemplateNotFound" not in (tmp_path / "voila.log").read_text()


def test_voila_configs_remove_book_only_cells():
    """voila.json (Voilà app: classroom, make voila, bare voila) and jupyter_config.json (Binder's server)."""
    for name in ("voila.json", "jupyter_config.json"):
        conf = json.loads((ROOT / name).read_text())["TagRemovePreprocessor"]
        assert conf["enabled"] is True and "book-only" in conf["remove_cell_tags"], name
    # a bare `voila chapters/` must not depend on an installed template
    assert "template" not in json.loads((ROOT / "voila.json").read_text()).get("VoilaConfiguration", {})


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_glue_cells_are_book_only(path):
    """Every code cell that glues numbers for the prose is removed from the dashboard."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and "glue" in src and "myst_nb" in src:
            assert "book-only" in cell["metadata"].get("tags", []), (
                f"{path.name} cell {i} runs in every kernel"
            )


def test_template_options_put_the_repository_first(tmp_path):
    env = {"JUPYTER_PATH": os.pathsep.join(["/elsewhere", str(SHARE)])}
    assert template_options(env) == [f"--VoilaConfiguration.template={NAME}"]
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(SHARE), "/elsewhere"]
    assert (SHARE / "voila" / "templates" / NAME / "index.html.j2").is_file()


def test_template_options_fall_back_with_a_warning(tmp_path, capsys):
    env = {}
    assert template_options(env, share=tmp_path) == []
    assert "JUPYTER_PATH" not in env
    assert "WARNING" in capsys.readouterr().err
