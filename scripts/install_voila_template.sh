#!/usr/bin/env bash
# Make the repository's Voilà template (share/jupyter/voila/templates/nak-offline, named in
# voila.json and jupyter_config.json) findable by Voilà: Voilà looks templates up only in the
# Jupyter data directories, so link it into <python's sys.prefix>/share/jupyter (the venv),
# or into the user's Jupyter data directory when that prefix is not writable (JupyterHub image).
# Idempotent; run by `make` (venv) and by postBuild (Binder).
# Usage: bash scripts/install_voila_template.sh [python]      (default: python on PATH)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${1:-python}"
NAME=nak-offline
SRC="$ROOT/share/jupyter/voila/templates/$NAME"
prefix_dir="$("$PY" -c 'import sys, os; print(os.path.join(sys.prefix, "share", "jupyter"))')"
if mkdir -p "$prefix_dir/voila/templates" 2>/dev/null && [ -w "$prefix_dir/voila/templates" ]; then
  data_dir="$prefix_dir"
else
  data_dir="$("$PY" -c 'from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())')"
  mkdir -p "$data_dir/voila/templates"
fi
target="$data_dir/voila/templates/$NAME"
[ -L "$target" ] || [ ! -e "$target" ] || rm -rf "$target"   # an old copy
ln -sfn "$SRC" "$target"
echo "Voilà template $NAME -> $target"
