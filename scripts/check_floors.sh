#!/usr/bin/env bash
# Test the package at the LOWEST versions it declares, installed the way a user installs it.
#
#   bash scripts/check_floors.sh            (make test runs it when CI is set)
#
# 1. scripts/floor_constraints.py turns every ">=" floor of pyproject.toml (dependencies and the
#    extras) into a pip constraint "name==floor";
# 2. a wheel of the project is built (pip wheel --no-deps, not editable) and installed with its
#    extras into a second venv (_build/venv-floor/) under those constraints;
# 3. the science and widget tests run there against the installed wheel, not the source tree:
#    python -P (no current directory on sys.path) and pytest --import-mode=append (the test
#    folders go to the end of sys.path), and the script checks which nakmodel was imported.
# The venv is rebuilt only when the constraints or the Python version change; the wheel is
# rebuilt and reinstalled every time. Packages that are not declared dependencies (pytest, and
# what the dependencies pull in) come at their newest compatible versions.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
MAIN_PY=.venv/bin/python                       # has `packaging` (via pytest) for the parser
FLOOR_VENV=${FLOOR_VENV:-$ROOT/_build/venv-floor}   # _build/: ignored by git, ruff and the book
FPY=$FLOOR_VENV/bin/python
start=$(date +%s)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$MAIN_PY scripts/floor_constraints.py pyproject.toml > "$work/floors.txt"
echo "check_floors: lowest declared versions:" $(cat "$work/floors.txt")

# Test tools for the floor venv (not pinned to floors: they are not dependencies of nakmodel).
# voila only for tests/widgets/test_scenarios.py, which fakes voila.utils.get_query_string.
cat > "$work/tools.txt" <<'EOF'
pytest>=8
pytest-timeout>=2.3
pytest-xdist>=3.5
voila>=0.5.8,<0.6
EOF

stamp_want="$("$PYTHON" --version 2>&1) $(cat "$work/floors.txt" "$work/tools.txt" | sha256sum)"
if [ ! -x "$FPY" ] || [ "$(cat "$FLOOR_VENV/.floors" 2>/dev/null)" != "$stamp_want" ]; then
  rm -rf "$FLOOR_VENV"
  "$PYTHON" -m venv "$FLOOR_VENV"
  "$FPY" -m pip install -q --upgrade pip
  # the floors and the test tools in one resolution, so a tool cannot lift a floor
  "$FPY" -m pip install -q -c "$work/floors.txt" -r "$work/floors.txt" -r "$work/tools.txt"
  echo "$stamp_want" > "$FLOOR_VENV/.floors"
fi

# Build the wheel from a copy of the packaging files and the package, as tests/packaging does:
# nothing left in the work tree (a stale build/, *.egg-info, __pycache__) can slip into it.
mkdir -p "$work/src"
cp pyproject.toml README.md "$work/src/"
tar -C "$ROOT" --exclude=__pycache__ --exclude='*.pyc' -cf - nakmodel | tar -C "$work/src" -xf -
(cd "$work/src" && "$FPY" -m pip wheel -q --no-deps . -w "$work/wheel")
wheel=$(ls "$work"/wheel/nakmodel-*.whl)
extras=$("$FPY" -c "import tomllib; print(','.join(tomllib.load(open('pyproject.toml','rb'))['project'].get('optional-dependencies', {})))")
"$FPY" -m pip install -q --force-reinstall --no-deps "$wheel"
# the extras' dependencies must already be satisfied at their floors (pip check says if not)
"$FPY" -m pip install -q -c "$work/floors.txt" "${wheel}[${extras}]"
"$FPY" -m pip check

echo "check_floors: installed in $FLOOR_VENV:"
"$FPY" -m pip list --format=freeze 2>/dev/null | grep -iE "^($(cut -d= -f1 "$work/floors.txt" | paste -sd'|'))==" \
  | sed 's/^/  /'

# The installed copy, not the source tree, must be the one imported.
(cd "$work" && "$FPY" -P - <<'EOF'
import pathlib

import nakmodel
import nakmodel.plots
import nakmodel.widgets

where = pathlib.Path(nakmodel.__file__).resolve()
assert "site-packages" in where.parts, f"nakmodel imported from {where}, not the installed wheel"
print(f"check_floors: nakmodel imported from {where.parent}")
EOF
)

rc=0
# -n 2: both cores (the floor run is alone when make test runs it)
MPLBACKEND=Agg "$FPY" -P -m pytest tests/science tests/widgets -q -p no:cacheprovider -n 2 --durations=5 \
  --import-mode=append --timeout=600 || rc=$?
echo "check_floors took $(( $(date +%s) - start )) s"
exit "$rc"
