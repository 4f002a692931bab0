#!/usr/bin/env bash
# Copies the descriptions listed in corpus/SOURCES.txt out of local git copies of their
# repositories: MIRRORS/owner+repo/repo (or MIRRORS/owner+repo, bare or not), at the pinned
# commit, into OUT/owner+repo/path. A path ending in / is a whole folder (a multi-file
# description). Usage: corpus/assemble.sh MIRRORS OUT [LIST (default: corpus/SOURCES.txt)]
set -euo pipefail
mirrors=${1:?usage: assemble.sh MIRRORS OUT}
out=${2:?usage: assemble.sh MIRRORS OUT}
list=${3:-"$(dirname "$0")/SOURCES.txt"}
missing=0
while read -r repo commit path; do
  [[ -z "$repo" || "$repo" == \#* ]] && continue
  dir="$mirrors/${repo/\//+}"
  [[ -d "$dir/repo" ]] && dir="$dir/repo"
  if ! git -C "$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "missing: $repo at $commit (no git copy at $dir)" >&2
    missing=$((missing + 1))
    continue
  fi
  dest="$out/${repo/\//+}"
  mkdir -p "$dest"
  if [[ "$path" == */ ]]; then
    git -C "$dir" archive "$commit" "$path" | tar -x -C "$dest"
  else
    mkdir -p "$dest/$(dirname "$path")"
    git -C "$dir" show "$commit:$path" > "$dest/$path"
  fi
done < "$list"
echo "corpus in $out ($(find "$out" -type f | wc -l) files; $missing repositories missing)"
