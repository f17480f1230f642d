#!/usr/bin/env bash
# Re-create _static/vendor/uplot/ (the chart library of the live explorers, see docs/frontend.md)
# from the npm registry, checking the tarball against the integrity hash pinned here, and write
# SHA256SUMS, which tests/frontend/test_vendor.py checks offline. Run by hand when upgrading;
# the result is committed (a fresh clone builds the book without npm).
set -euo pipefail
cd "$(dirname "$0")/.."
UPLOT=1.6.32
UPLOT_INTEGRITY="sha512-KIMVnG68zvu5XXUbC4LQEPnhwOxBuLyW1AHtpm6IKTXImkbLgkMy+jabjLgSLMasNuGGzQm/ep3tOkyTxpiQIw=="
dest=_static/vendor/uplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack -q "uplot@$UPLOT" >/dev/null)
tgz="$tmp/uplot-$UPLOT.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
[ "$got" = "$UPLOT_INTEGRITY" ] || { echo "uplot@$UPLOT tarball hash $got != pinned $UPLOT_INTEGRITY" >&2; exit 1; }
tar xzf "$tgz" -C "$tmp"
rm -rf "$dest" && mkdir -p "$dest"
# .mjs, not .js: Jupyter Book adds every *.js under _static to every page (as a classic script)
cp "$tmp/package/dist/uPlot.esm.js" "$dest/uPlot.esm.mjs"
cp "$tmp/package/dist/uPlot.min.css" "$tmp/package/LICENSE" "$dest/"
echo "uplot $UPLOT from the npm registry ($UPLOT_INTEGRITY)" > "$dest/VERSION"
(cd "$dest" && sha256sum uPlot.esm.mjs uPlot.min.css LICENSE VERSION > SHA256SUMS)
echo "vendored into $dest:"; ls -l "$dest"
