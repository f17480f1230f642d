#!/usr/bin/env bash
# Runs every test with the project's venv. Exits non-zero on any failure,
# and also when no test was collected (pytest exit code 5).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
start=$(date +%s)
$PY -m pytest tests nakmodel --nbval-lax chapters -p no:cacheprovider --timeout=900 "$@"
rc=$?
echo "test run took $(( $(date +%s) - start )) s"
if [ "$rc" -eq 5 ]; then
  echo "ERROR: no tests were collected" >&2
  exit 1
fi
exit "$rc"
