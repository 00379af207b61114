#!/usr/bin/env bash
# End-to-end benchmark of nergraph over the shared news corpus, and over larger inputs made by
# repeating it.
#
# Usage, from the repository root:
#
#     scripts/bench-end-to-end.sh [REPEATS...]      # default: 1 10
#
# For each repeat count N, the corpus (../shared/corpus: the BBC CSV files and the Reuters JSON
# Lines file, 23 MB) is copied N times into a temporary folder, and three runs are timed with
# /usr/bin/time: `tag` alone (mentions to /dev/null), `build` on all cores, and `build --threads 1`.
# Each line reports the input size, the wall time, the throughput in MB/s (10^6 bytes of input
# files per second) and the peak resident memory. Set CORPUS to benchmark another folder of inputs.
set -euo pipefail

corpus=${CORPUS:-../shared/corpus}
repeats=("$@")
[ ${#repeats[@]} -gt 0 ] || repeats=(1 10)

[ -d "$corpus" ] || { echo "no corpus at $corpus (set CORPUS)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (Debian package: time)" >&2; exit 1; }

cargo build --release --locked --quiet
bin=$PWD/target/release/nergraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t inputs < <(find "$corpus" -type f \( -name '*.csv' -o -name '*.jsonl' -o -name '*.txt' \) | sort)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "nergraph: $("$bin" --version)"
printf '%-8s %-22s %10s %9s %9s %12s\n' repeats run "input MB" "seconds" "MB/s" "peak MB"

for n in "${repeats[@]}"; do
    dir=$work/x$n
    mkdir -p "$dir"
    for i in $(seq -w 1 "$n"); do
        for f in "${inputs[@]}"; do
            cp "$f" "$dir/$i-$(basename "$f")"
        done
    done
    bytes=$(cat "$dir"/* | wc -c)
    run() {
        local label=$1; shift
        /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>"$work/stderr" ||
            { cat "$work/stderr" >&2; exit 1; }
        local stats seconds kb
        stats=$(tail -1 "$work/time")
        seconds=${stats% *}
        kb=${stats#* }
        awk -v n="$n" -v l="$label" -v b="$bytes" -v s="$seconds" -v k="$kb" \
            'BEGIN { printf "%-8s %-22s %10.1f %9.2f %9.1f %12.1f\n", n, l, b/1e6, s, (s > 0 ? b/1e6/s : 0), k/1024 }'
    }
    run tag "$bin" tag --quiet --format jsonl "$dir"
    run build "$bin" build --quiet "$dir" -o "$work/out"
    run "build --threads 1" "$bin" build --quiet --threads 1 "$dir" -o "$work/out1"
    rm -rf "$dir"
done
