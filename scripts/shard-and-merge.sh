#!/usr/bin/env bash
# Splits a corpus into shards, builds a partial result per shard in parallel, and merges them: the
# shard-and-merge flow that a batch scheduler, Spark or Ray runs across machines, on one machine.
#
# Usage, from the repository root:
#
#     scripts/shard-and-merge.sh CORPUS_DIR SHARDS OUT_DIR [--check] [-- BUILD_OPTIONS...]
#
# The corpus files (as `nergraph build` finds them in CORPUS_DIR: .txt, .md, .jsonl, .csv and their
# .gz forms, in name order) are cut into SHARDS runs of consecutive files. Each shard runs
# `nergraph build --partial`; `nergraph merge` then combines the parts in shard order into OUT_DIR.
# Because shards are consecutive and merged in order, OUT_DIR holds exactly the graph that one
# `nergraph build CORPUS_DIR` gives. --check also runs that single build and compares the files.
# BUILD_OPTIONS go to every shard's build (window, gazetteers...); they must be the same for all.
set -euo pipefail

[ $# -ge 3 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
corpus=$1 shards=$2 out=$3
shift 3
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
if [ "${1:-}" = -- ]; then shift; fi
build_options=("$@")

nergraph=${NERGRAPH:-target/release/nergraph}
[ -x "$nergraph" ] || cargo build --release --locked --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The files in the order nergraph reads a folder: sorted by path, byte order.
mapfile -t files < <(cd "$corpus" && find . -type f \( -name '*.txt' -o -name '*.md' -o -name '*.jsonl' \
    -o -name '*.ndjson' -o -name '*.csv' -o -name '*.gz' \) | sed 's|^\./||' | LC_ALL=C sort)
total=${#files[@]}
[ "$total" -gt 0 ] || { echo "no corpus files in $corpus" >&2; exit 1; }
per=$(( (total + shards - 1) / shards ))

# Every run starts in the corpus folder with the same relative paths, so that document names (and
# so evidence) are the same as in a single run over the folder.
abs_out=$(mkdir -p "$out" && cd "$out" && pwd)
abs_nergraph=$(cd "$(dirname "$nergraph")" && pwd)/$(basename "$nergraph")
parts=()
pids=()
for ((s = 0; s * per < total; s++)); do
    part=$work/part-$s
    parts+=("$part")
    (cd "$corpus" && "$abs_nergraph" build --quiet --partial -o "$part" "${build_options[@]}" \
        "${files[@]:s*per:per}") &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
echo "built ${#parts[@]} partial results from $total files"

"$abs_nergraph" merge "${parts[@]}" -o "$abs_out" --formats json,dot,csv

if $check; then
    (cd "$corpus" && "$abs_nergraph" build --quiet -o "$work/single" --formats json,dot,csv \
        "${build_options[@]}" "${files[@]}")
    for f in graph.json graph.dot nodes.csv edges.csv; do
        cmp "$abs_out/$f" "$work/single/$f"
    done
    echo "check: the merged files are identical to a single run's"
fi
