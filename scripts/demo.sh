#!/usr/bin/env bash
# `make demo`: renders the sample post with the CLI and the sample site (www/sample-site:
# its hugo.toml and shortcode templates) into target/demo/ and serves it on 127.0.0.1 (PORT,
# default 8080). The live editor replaces this page in a later release.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
shared="${SHARED:-../shared}"
sample="$shared/samples/facebook-down.md"
out=target/demo

cargo build --release --quiet
mkdir -p "$out"
cp www/preview.css "$out/preview.css"
{
  cat <<'HTML'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; script-src 'none'; style-src 'self'">
<title>hugo-preview: sample post</title>
<link rel="stylesheet" href="preview.css">
</head>
<body>
HTML
  # Exit status 1 only means the post has error diagnostics; they are printed on stderr.
  target/release/hugo-preview render "$sample" --format page \
    --config www/sample-site/hugo.toml --layouts www/sample-site/layouts || true
  printf '</body>\n</html>\n'
} > "$out/index.html"

echo "Rendered $sample"
echo "Serving the preview at http://127.0.0.1:$port/ (Ctrl-C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out"
