#!/usr/bin/env bash
# Rebuild the Binder environment from scratch and start it as Binder does:
# copy of the repo -> clean venv -> pip install -r requirements.txt -> postBuild
# (HOME = temp dir) -> `jupyter server` -> fetch /voila/render/chapters/ion_gradients.ipynb.
# Usage: bash scripts/check_binder_env.sh    (pip's wheel cache is used; ~3-6 min)
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/binderenv.XXXX)"
PORT="${PORT:-18890}"
PY="${PYTHON:-python3.11}"; command -v "$PY" >/dev/null || PY=python3
echo "work dir $WORK (python: $($PY --version))"
git -C "$SRC" ls-files -z | (cd "$SRC" && xargs -0 tar cf -) | (mkdir -p "$WORK/repo" && cd "$WORK/repo" && tar xf -)
cd "$WORK/repo"
grep -q "python-3" runtime.txt
$PY -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --upgrade pip
"$WORK/venv/bin/pip" install -q -r requirements.txt
export HOME="$WORK/home" PATH="$WORK/venv/bin:$PATH"
mkdir -p "$HOME"
bash postBuild
ROOTFLAG=""; [ "$(id -u)" -eq 0 ] && ROOTFLAG="--allow-root"   # Binder runs as a normal user
jupyter server --no-browser --port="$PORT" --IdentityProvider.token= --ServerApp.ip=127.0.0.1 $ROOTFLAG \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/api/status" >/dev/null && break; sleep 1; done
t0=$(date +%s)
curl -sf "http://127.0.0.1:$PORT/voila/render/chapters/ion_gradients.ipynb" -o "$WORK/page.html"
echo "voila render took $(( $(date +%s) - t0 )) s"
grep -q '"kernelId"' "$WORK/page.html"
grep -q 'application/vnd.jupyter.widget-view+json' "$WORK/page.html"
if grep -q "from nakmodel" "$WORK/page.html"; then echo "FAIL: sources in the page"; exit 1; fi
if grep -qi "Traceback" "$WORK/page.html"; then echo "FAIL: traceback in the page"; exit 1; fi
curl -sf "http://127.0.0.1:$PORT/lab" -o /dev/null
echo "OK: Binder-like environment serves JupyterLab and the Voilà app (sources stripped, config read from postBuild)"
