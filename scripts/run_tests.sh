#!/usr/bin/env bash
# Runs every check with the project's venv. Exits non-zero on any failure, and also when no
# test was collected (pytest exit code 5):
#   1. ruff on every .py file and the chapters' code cells (.ipynb), rules in pyproject.toml;
#   2. with CI set: the science and widget tests at the lowest declared versions, installed from
#      a wheel into a second venv (scripts/check_floors.sh; a few minutes, its venv is reused);
#   3. the whole pytest suite (science, widgets, packaging, notebooks, book, browser).
# A lint or floor failure does not stop the later steps, so one run reports everything.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
start=$(date +%s)

echo "== ruff check (code and notebooks)"
$PY -m ruff check --no-cache --output-format concise .
lint_rc=$?

floor_rc=0
if [ -n "${CI:-}" ]; then
  echo "== lowest declared versions (scripts/check_floors.sh)"
  bash scripts/check_floors.sh
  floor_rc=$?
fi

echo "== pytest"
$PY -m pytest tests nakmodel --nbval-lax chapters -p no:cacheprovider --timeout=900 "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "ERROR: no tests were collected" >&2
  rc=1
fi

echo "test run took $(( $(date +%s) - start )) s"
if [ "$lint_rc" -ne 0 ]; then
  echo "ERROR: ruff found problems (see above; many fix themselves with: $PY -m ruff check --fix .)" >&2
fi
if [ "$floor_rc" -ne 0 ]; then
  echo "ERROR: the tests fail at the lowest declared versions (bash scripts/check_floors.sh)" >&2
fi
[ "$rc" -ne 0 ] && exit "$rc"
[ "$lint_rc" -ne 0 ] && exit 1
[ "$floor_rc" -ne 0 ] && exit 1
exit 0
