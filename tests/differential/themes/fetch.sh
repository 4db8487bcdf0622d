#!/bin/sh
# Checks out every theme of sites.toml at its pinned commit into DIR/NAME (default
# /tmp/themes/head), for `themes.py --sites-dir DIR` (`make themes`). Needs network and git;
# run by hand, never by `make test`. Theme code stays outside the repository; the checkouts
# are throw-away (checked out with --force).
#
#   tests/differential/themes/fetch.sh [DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/themes/head}
mkdir -p "$dir"
# name repo commit, read from sites.toml (the [NAME] tables' repo and commit keys)
awk -F' = ' '
  /^\[[a-z]+\]$/ { name = substr($0, 2, length($0) - 2) }
  $1 == "repo"   { gsub(/"/, "", $2); repo = $2 }
  $1 == "commit" { gsub(/"/, "", $2); print name, repo, $2 }
' "$here/sites.toml" | while read -r name repo commit; do
  if [ ! -d "$dir/$name/.git" ]; then
    git clone --quiet --no-checkout "$repo" "$dir/$name"
  fi
  if ! git -C "$dir/$name" cat-file -e "$commit^{commit}" 2>/dev/null; then
    git -C "$dir/$name" fetch --quiet origin
  fi
  if git -C "$dir/$name" -c advice.detachedHead=false checkout --quiet --force "$commit"; then
    echo "$name: $(git -C "$dir/$name" log -1 --format='%h %cs %s' | cut -c1-80)"
  else
    echo "$name: could not check out $commit (left as it is)" >&2
  fi
done
