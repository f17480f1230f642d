#!/usr/bin/env bash
# Re-create _static/vendor/ from the npm registry (run by hand when upgrading;
# the result is committed so a fresh clone builds offline without npm).
# Pinned versions are known to work with jupyter-book 1.0.4 / myst-nb 1.x.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=_static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack -q @jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8 mathjax@3.2.2 >/dev/null)
rm -rf "$dest" && mkdir -p "$dest/html-manager" "$dest/requirejs" "$dest/mathjax/output/chtml/fonts"
for f in "$tmp"/*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
hm="$tmp/jupyter-widgets-html-manager-1.0.15/package"
cp "$hm"/dist/embed-amd.js "$dest/html-manager/"
cp "$hm"/dist/*.{woff2,woff,ttf,eot,svg} "$dest/html-manager/"
printf 'BSD-3-Clause, Copyright (c) Project Jupyter Contributors.\nSee https://github.com/jupyter-widgets/ipywidgets/blob/main/LICENSE\n' > "$dest/html-manager/LICENSE"
cp "$hm"/dist/embed.js.LICENSE.txt "$dest/html-manager/THIRD-PARTY-LICENSES.txt"
rq="$tmp/requirejs-2.3.8/package"
cp "$rq/require.js" "$dest/requirejs/"
printf 'MIT License, Copyright jQuery Foundation and other contributors.\n(see the header of require.js)\n' > "$dest/requirejs/LICENSE"
mj="$tmp/mathjax-3.2.2/package"
cp "$mj/es5/tex-chtml.js" "$dest/mathjax/"
cp -r "$mj/es5/output/chtml/fonts/woff-v2" "$dest/mathjax/output/chtml/fonts/"
cp "$mj/LICENSE" "$dest/mathjax/LICENSE"
echo "vendored into $dest:"; du -sh "$dest"/*
