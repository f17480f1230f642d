"""Vendored chart library and built bundles: hashes, freshness, no physiology in the JavaScript."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess

import pytest

from .node import node_executable
from .pages import ROOT

VENDOR = ROOT / "_static" / "vendor" / "uplot"


def test_vendored_uplot_matches_its_hashes():
    lines = (VENDOR / "SHA256SUMS").read_text().split("\n")
    sums = dict(reversed(line.split()) for line in lines if line.strip())
    assert set(sums) == {"uPlot.esm.mjs", "uPlot.min.css", "LICENSE", "VERSION"}
    for name, digest in sums.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text()


def test_committed_bundles_are_fresh():
    """``node scripts/build_frontend.mjs --check`` rebuilds in memory and compares (needs esbuild from
    ``make frontend``)."""
    node = node_executable()
    if not (ROOT / "node_modules" / "esbuild").exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but node_modules/esbuild is missing: run make frontend")
        pytest.skip("esbuild not installed (make frontend)")
    proc = subprocess.run([node, "scripts/build_frontend.mjs", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr


# a number with three or more significant digits (8.314, 96485, 273.15, 145, -70.5 ...)
_CONSTANT = re.compile(r"(?<![\w.$])(\d{3,}(\.\d+)?|\d+\.\d{2,}|\d{2,}\.\d+)(?![\w.])")


@pytest.mark.parametrize("path", sorted((ROOT / "frontend").glob("ports/*.js")),
                         ids=lambda p: p.name)
def test_ports_hold_no_physiological_constant(path):
    """Every model parameter comes from Python: a port has no long numeric literal."""
    code = re.sub(r"//[^\n]*", "", path.read_text())
    code = re.sub(r"\d+(\.\d+)?px|1e-?\d+|1e3", "", code)  # sizes in pixels, unit factors
    assert not _CONSTANT.findall(code), f"{path.name}: numeric literals {_CONSTANT.findall(code)}"


def test_node_unit_tests_of_the_shared_code():
    """``frontend/tests/*.test.mjs`` (StaticModel, number formatting, axis helpers) under ``node --test``."""
    proc = subprocess.run([node_executable(), "--test", "frontend/tests/"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "# pass" in proc.stdout and "# fail 0" in proc.stdout
