"""The publishing workflow runs only what the Makefile defines, and publishes what `make site` makes.

So the recipe can be tried locally: whatever GitHub Actions runs, `make <target>` runs here.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
MAKEFILE = ROOT / "Makefile"
# a rule line: "target [target ...]: prerequisites", not a variable assignment (":=", "::=")
RULE = re.compile(r"^(?P<targets>[^\s:#=][^:=#]*?)\s*::?(?!=)")


def makefile_targets(text: str) -> set[str]:
    targets = set()
    for line in text.splitlines():
        if line.startswith("\t"):
            continue
        m = RULE.match(line)
        if m:
            targets.update(t for t in m["targets"].split() if not t.startswith((".", "$")))
    return targets


def workflow_steps(doc: dict) -> list[dict]:
    return [step for job in doc["jobs"].values() for step in job.get("steps", [])]


def run_commands(doc: dict) -> list[str]:
    """Every shell line of every ``run:`` step (comments and blank lines left out)."""
    lines = []
    for step in workflow_steps(doc):
        if "run" in step:
            lines += [ln.strip() for ln in step["run"].splitlines()
                      if ln.strip() and not ln.strip().startswith("#")]
    return lines


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_parser_reads_this_makefile():
    targets = makefile_targets(MAKEFILE.read_text(encoding="utf-8"))
    assert {"build", "test", "site"} <= targets, targets
    assert not {"VENV", "PY", "SUDO"} & targets  # assignments are not rules
    # the same parser on a small Makefile written here
    assert makefile_targets("A := 1\nB ?= 2\nx y: z\n\techo x: y\n.PHONY: x\n$(STAMP): a\n") == {"x", "y"}


def test_workflow_runs_only_make_targets(workflow):
    targets = makefile_targets(MAKEFILE.read_text(encoding="utf-8"))
    commands = run_commands(workflow)
    assert commands, "the workflow runs nothing"
    for command in commands:
        words = shlex.split(command)
        assert words[0] == "make", f"workflow runs {command!r}: put it in a Makefile target instead"
        goals = [w for w in words[1:] if "=" not in w and not w.startswith("-")]
        assert goals, f"{command!r} names no target"
        missing = [g for g in goals if g not in targets]
        assert not missing, f"{command!r}: no Makefile target {missing}"


def test_workflow_targets_exist_for_make_itself(workflow):
    """GNU make agrees: a dry run of each target finds a rule (exit 2 means no rule)."""
    for command in run_commands(workflow):
        for goal in [w for w in shlex.split(command)[1:] if "=" not in w and not w.startswith("-")]:
            proc = subprocess.run(["make", "-n", "-f", str(MAKEFILE), goal], cwd=ROOT,
                                  capture_output=True, text=True, timeout=60)
            assert "No rule to make target" not in proc.stderr, proc.stderr


def test_workflow_publishes_the_folder_make_site_writes(workflow):
    steps = workflow_steps(workflow)
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(uploads) == 1, uploads
    published = uploads[0]["with"]["path"].rstrip("/")
    site_recipe = re.search(r"^site:.*\n((?:\t.*\n)+)", MAKEFILE.read_text(encoding="utf-8"), re.M)
    assert site_recipe, "Makefile has no site recipe"
    assert published in site_recipe.group(1), (published, site_recipe.group(1))
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
    # only GitHub's own actions: nothing third-party gets the Pages token
    for s in steps:
        if "uses" in s:
            assert s["uses"].startswith("actions/"), s["uses"]


def _fake_build(tmp_path: Path) -> Path:
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "index.html").write_text('<a href="chapters/a.html">a</a>')
    (html / "chapters" / "a.html").write_text('<img src="../_static/x.png" alt="x">')
    (html / ".buildinfo").write_text("config hash")
    return html


def test_pack_site_copies_the_book_without_dot_files(tmp_path):
    html = _fake_build(tmp_path)
    dest = tmp_path / "site"
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "pack_site.sh"), str(html), str(dest)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    files = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert files == ["chapters/a.html", "index.html"]
    with tarfile.open(f"{dest}.tar.gz") as tar:
        archived = sorted(m.name.removeprefix("./") for m in tar.getmembers() if m.isfile())
    assert archived == files


def test_pack_site_refuses_links_to_the_server_root(tmp_path):
    html = _fake_build(tmp_path)
    (html / "chapters" / "a.html").write_text('<script src="/_static/x.js"></script>')
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "pack_site.sh"), str(html), str(tmp_path / "s")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "root-relative" in proc.stderr
