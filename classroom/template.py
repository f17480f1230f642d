"""The dashboards' Voilà template (``nak-offline``), found in the repository with no install step.

``share/jupyter/voila/templates/nak-offline`` is Voilà's lab template with its icon font served from
this repository instead of a CDN. Voilà looks templates up only in the Jupyter data directories, so
the servers that know where the repository is (``python -m classroom``, ``make voila``) put its
``share/jupyter`` first on ``JUPYTER_PATH`` and name the template on the command line.

``voila.json`` deliberately names no template: a bare ``voila chapters/`` (as Voilà's documentation
runs it) then always serves pages with Voilà's stock ``lab`` template, whether or not the book's
template was linked into the environment, instead of answering HTTP 500 ``TemplateNotFound`` on
every page (the stock template fetches its icon font from a CDN; offline, only a few icons are
missing).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "nak-offline"
SHARE = ROOT / "share" / "jupyter"


def template_dir(share: Path = SHARE, name: str = NAME) -> Path:
    return share / "voila" / "templates" / name


def template_options(env: dict, share: Path = SHARE, name: str = NAME) -> list[str]:
    """Voilà options that select the book's template, after putting ``share`` first on ``env['JUPYTER_PATH']``.

    If the template is missing from ``share`` (a partial copy of the repository), a warning goes to
    stderr and no option is returned, so Voilà serves its stock template.
    """  # noqa: E501 - the docstring's summary line stays as it is
    if not (template_dir(share, name) / "conf.json").is_file():
        print(f"WARNING: Voilà template {name!r} not found in {share}; the apps use Voilà's stock 'lab' "
              "template (its icon font comes from a CDN).", file=sys.stderr, flush=True)
        return []
    entries = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(share)]
    env["JUPYTER_PATH"] = os.pathsep.join([str(share), *entries])
    return [f"--VoilaConfiguration.template={name}"]
