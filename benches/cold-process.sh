#!/usr/bin/env bash
# Whole-process timing of `vanban render` on the example (release build), each run a new
# process: wall time and peak memory from GNU time. Usage: benches/cold-process.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$out/t$i" target/release/vanban render examples/bao-cao-thang-4-2026.md -o "$out/x.pdf"
done
cat "$out"/t* | awk -v n="$runs" '
    { s += $1; if ($1 > max) max = $1; if (min == "" || $1 < min) min = $1; if ($2 > mem) mem = $2 }
    END { printf "%d cold runs: mean %.3f s, min %.3f s, max %.3f s; peak memory %.1f MiB\n", n, s / n, min, max, mem / 1024 }'
