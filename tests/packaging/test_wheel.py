"""A non-editable install ships everything the package reads at run time.

The wheel is built the way ``pip install .`` builds it (``pip wheel --no-deps``, build isolation)
from a copy of the project's packaging files, so nothing left over in the work tree (``build/``,
``*.egg-info``) can slip in. Then it is unpacked into a folder of its own and imported from
there in a fresh interpreter, with nothing of the source tree on ``sys.path``; every app is
built, which opens whatever files the apps read (data files, front-end modules).
``scripts/check_floors.sh`` does the same with ``pip install`` into a second venv on CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "nakmodel"
# what setuptools needs to build the wheel: the metadata files and the package
BUILD_INPUTS = ("pyproject.toml", "README.md")


def _package_files() -> set[str]:
    """Every file under nakmodel/ except bytecode, as wheel paths (``nakmodel/...``)."""
    return {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in BUILD_INPUTS:
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(PACKAGE, src / "nakmodel", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", ".", "-w", str(out)],
                          cwd=src, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, "pip wheel failed:\n" + proc.stdout[-2000:] + proc.stderr[-4000:]
    wheels = list(out.glob("nakmodel-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_every_file_of_the_package(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    expected = _package_files()
    assert "nakmodel/__init__.py" in expected and "nakmodel/widgets/__init__.py" in expected
    missing = sorted(expected - names)
    assert not missing, ("files under nakmodel/ missing from the wheel (add their pattern to "
                         "[tool.setuptools.package-data] in pyproject.toml): " + ", ".join(missing))


def test_wheel_declares_the_dependencies_of_its_imports(wheel):
    """The metadata names the packages the code imports (pillow was once missing from apps)."""
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        text = z.read(meta).decode()
    requires = [line.split(":", 1)[1].strip().lower() for line in text.splitlines()
                if line.startswith("Requires-Dist:")]
    for dist in ("numpy", "scipy", "matplotlib", "ipywidgets", "pillow"):
        assert any(r.startswith(dist) for r in requires), f"{dist} is not a declared dependency: {requires}"


INSTALLED_CHECK = r"""
import inspect, pathlib, sys

target = pathlib.Path(sys.argv[1]).resolve()
import nakmodel
import nakmodel.plots
import nakmodel.widgets as widgets

where = pathlib.Path(nakmodel.__file__).resolve()
assert target in where.parents, f"nakmodel was imported from {where}, not from the installed wheel"
from nakmodel.widgets.live._explorer import ESM_DIR, LiveExplorer

built = []
for name in widgets.__all__:
    obj = getattr(widgets, name)
    if inspect.isclass(obj) and issubclass(obj, LiveExplorer):
        app = obj()  # builds the controls and computes, opening whatever files the explorer reads
        assert target in ESM_DIR.resolve().parents, ESM_DIR
        assert (ESM_DIR / f"{app.name}.js").exists(), f"{name}: its ES module is not in the wheel"
        app.static_html()  # the static book's placeholder: the fallback figure is drawn from the wheel
        built.append(name)
print(len(built), " ".join(built))
"""


def test_installed_wheel_imports_and_builds_every_app(wheel, tmp_path):
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:  # a wheel is installed by unpacking it (no dependencies needed)
        z.extractall(target)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NAKMODEL_DISPLAY")}
    env.update(PYTHONPATH=str(target), MPLBACKEND="Agg")
    # -P: the current directory (the source tree) is not put on sys.path; run from elsewhere too
    proc = subprocess.run([sys.executable, "-P", "-c", INSTALLED_CHECK, str(target)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    count, *names = proc.stdout.split()
    assert int(count) >= 12, proc.stdout  # every chapter explorer (12 on 8 pages)
