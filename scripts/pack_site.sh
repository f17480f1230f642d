#!/usr/bin/env bash
# Turn the built book into the folder that is published (make site; .github/workflows/book.yml).
#
#   bash scripts/pack_site.sh _build/html _build/site
#
# Copies the HTML build without the builder's dot files (Sphinx's .buildinfo and the like, which
# actions/upload-pages-artifact leaves out as well), checks that the result is a book (an
# index.html at the top, no absolute links to the server root, so it works from any folder or
# path), and writes the same folder as <dest>.tar.gz for hosts that take an archive.
set -euo pipefail
src=${1:?usage: pack_site.sh SRC_HTML DEST}
dest=${2:?usage: pack_site.sh SRC_HTML DEST}
[ -f "$src/index.html" ] || { echo "pack_site: $src/index.html missing: build the book first (make build)" >&2; exit 1; }

rm -rf "$dest" "$dest.tar.gz"
mkdir -p "$dest"
cp -R "$src"/. "$dest"/
find "$dest" -mindepth 1 -name '.*' -prune -exec rm -rf {} +

# Links to "/..." would break when the book is served from a sub-path (user.github.io/repo/).
if grep -rlE --include='*.html' '(href|src)="/[^/]' "$dest" >/dev/null; then
  echo "pack_site: root-relative links found (the book must work from any path):" >&2
  grep -rnoE --include='*.html' '(href|src)="/[^/][^"]*"' "$dest" | head -5 >&2
  exit 1
fi

tar -C "$dest" -czf "$dest.tar.gz" .
pages=$(find "$dest" -name '*.html' | wc -l)
echo "pack_site: $dest ($pages HTML pages, $(du -sh "$dest" | cut -f1)) and $dest.tar.gz"
echo "pack_site: try it with: python3 -m http.server --bind 127.0.0.1 --directory $dest"
