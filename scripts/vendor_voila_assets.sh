#!/usr/bin/env bash
# Re-create the Voilà template's vendored assets from the npm registry (run by hand when
# upgrading; the result is committed, so the dashboards load nothing from a CDN and a fresh
# clone needs no npm).
#
# Voilà 0.5's lab template links Font Awesome from cdn.jsdelivr.net
# (@fortawesome/fontawesome-free@^5: css/all.min.css + css/v4-shims.min.css; its tree and
# error pages link font-awesome@4.5.0). Our template (share/jupyter/voila/templates/nak-offline)
# serves this copy instead: 5.15.4 is the newest 5.x, the version Voilà's own JS bundle carries.
# Only the woff2/woff fonts are kept (every browser since 2016 picks one of them first; the
# eot/ttf/svg fallbacks would add 2 MB that no supported browser requests).
set -euo pipefail
cd "$(dirname "$0")/.."
FA_VERSION=5.15.4
FA_INTEGRITY="sha512-eYm8vijH/hpzr/6/1CJ/V/Eb1xQFW2nnUKArb3z+yUWv7HTwj6M7SP957oMjfZjAHU6qpoNc2wQvIxBLWYa/Jg=="
dest=share/jupyter/voila/templates/nak-offline/static/fontawesome-free
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack -q "@fortawesome/fontawesome-free@$FA_VERSION" >/dev/null)
tgz="$tmp/fortawesome-fontawesome-free-$FA_VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
[ "$got" = "$FA_INTEGRITY" ] || { echo "integrity mismatch for fontawesome-free $FA_VERSION: $got" >&2; exit 1; }
tar xzf "$tgz" -C "$tmp"
pkg="$tmp/package"
rm -rf "$dest" && mkdir -p "$dest/css" "$dest/webfonts"
cp "$pkg/css/all.min.css" "$pkg/css/v4-shims.min.css" "$dest/css/"
cp "$pkg"/webfonts/*.woff2 "$pkg"/webfonts/*.woff "$dest/webfonts/"
cp "$pkg/LICENSE.txt" "$dest/LICENSE.txt"
printf 'Font Awesome Free %s (npm: @fortawesome/fontawesome-free@%s, %s)\nIcons: CC BY 4.0, fonts: SIL OFL 1.1, code: MIT -- see LICENSE.txt.\nVendored by scripts/vendor_voila_assets.sh; do not edit by hand.\n' \
  "$FA_VERSION" "$FA_VERSION" "$FA_INTEGRITY" > "$dest/VERSION"
echo "vendored into $dest:"; du -sh "$dest"/*
