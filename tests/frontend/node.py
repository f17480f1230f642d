"""Node.js for the front-end tests (Debian's ``nodejs``): missing Node fails when ``CI`` is set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from .pages import ROOT


def node_executable() -> str:
    path = shutil.which("node") or shutil.which("nodejs")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Node.js is missing: apt-get install nodejs (make test does this)")
        pytest.skip("no Node.js (set CI=true to make this a failure)")
    return path


def run_port(explorer: str, params: dict, cases: list, function: str = "compute") -> list:
    """Results of ``frontend/ports/<explorer>.js`` (its export ``function``, default ``compute``)
    for each values dict in ``cases``."""
    proc = subprocess.run([node_executable(), str(ROOT / "frontend" / "tests" / "parity_cli.mjs")],
                          input=json.dumps({"explorer": explorer, "params": params, "cases": cases,
                                            "function": function}),
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
