#!/usr/bin/env bash
# Batch throughput, side by side in one run on one set of documents (the examples replicated to
# N, each with a sentence of its own):
#   - vanban's batch: one process, `--jobs 2`;
#   - vanban once per document, sequentially;
#   - the official `typst compile` once per document on the same layout and data (the Typst
#     project `vanban render --typst-project` writes), sequentially and two at a time.
# Figures: documents per second, median and p95 per document, peak memory of the batch at 100
# and at N documents. typst-cli 0.15.1 is installed into target/typst-cli unless TYPST names one.
# Usage: benches/batch.sh [N]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --quiet
vanban=$PWD/target/release/vanban
typst=${TYPST:-$PWD/target/typst-cli/bin/typst}
if [ ! -x "$typst" ]; then
    cargo install typst-cli --version 0.15.1 --locked --root "$PWD/target/typst-cli"
fi
fonts=$PWD/fonts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs" "$work/proj" "$work/t"

# The documents, and each one's Typst project (not timed).
examples=(examples/*.md)
for i in $(seq "$n"); do
    src=${examples[$(((i - 1) % ${#examples[@]}))]}
    doc=$work/docs/$(printf '%05d' "$i").md
    { cat "$src"; printf '\nVăn bản thứ %d của bộ đo.\n' "$i"; } >"$doc"
    "$vanban" render "$doc" -o "$work/t/x.pdf" --no-system-fonts --typst-project "$work/proj/$i" 2>/dev/null
done
mkdir -p "$work/first100"
for f in $(ls "$work/docs" | head -100); do cp "$work/docs/$f" "$work/first100/"; done

# median and p95 of the numbers on stdin (seconds), in ms.
stats() { sort -g | awk '{ a[NR] = $1 } END { printf "median %.0f ms, p95 %.0f ms", a[int((NR + 1) / 2)] * 1000, a[int(NR * 0.95 + 0.5)] * 1000 }'; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f documents/s (%.1f s)", n / (b - a), b - a }'; }

echo "== $n documents, $(nproc) cores"

# vanban batch: per-document times from its progress lines, peak memory from GNU time.
a=$(now)
/usr/bin/time -f "%M" -o "$work/mem-all" "$vanban" render "$work/docs" -o "$work/out-batch" --jobs 2 --no-system-fonts 2>"$work/batch.log" || true
b=$(now)
batch_rate=$(rate "$n" "$a" "$b")
batch_stats=$(grep -o '(\([0-9]*\) ms)' "$work/batch.log" | tr -dc '0-9\n' | awk '{ print $1 / 1000 }' | stats)
/usr/bin/time -f "%M" -o "$work/mem-100" "$vanban" render "$work/first100" -o "$work/out-100" --jobs 2 --no-system-fonts 2>/dev/null || true
echo "vanban batch (--jobs 2):        $batch_rate; $batch_stats"
printf 'vanban batch peak memory:      %.1f MiB at 100 documents, %.1f MiB at %d\n' \
    "$(awk '{ print $1 / 1024 }' "$work/mem-100")" "$(awk '{ print $1 / 1024 }' "$work/mem-all")" "$n"

# One process per document, sequentially.
each() {
    local label=$1
    shift
    : >"$work/times"
    a=$(now)
    for i in $(seq "$n"); do
        /usr/bin/time -f "%e" -a -o "$work/times" bash -c "$1 $i" >/dev/null 2>&1 || true
    done
    b=$(now)
    echo "$label $(rate "$n" "$a" "$b"); $(stats <"$work/times")"
}
vanban_one() { "$vanban" render "$work/docs/$(printf '%05d' "$1").md" -o "$work/t/v$1.pdf" --no-system-fonts; }
typst_one() { "$typst" compile --root "$work/proj/$1" --font-path "$fonts" --ignore-system-fonts "$work/proj/$1/.vanban/layouts/main.typ" "$work/t/t$1.pdf"; }
export -f typst_one vanban_one
export typst vanban work fonts
each "vanban, a process each:      " vanban_one
each "typst compile, sequential:   " typst_one

# typst compile two at a time.
: >"$work/times"
a=$(now)
seq "$n" | xargs -P2 -I{} /usr/bin/time -f "%e" -a -o "$work/times" bash -c 'typst_one {}' >/dev/null 2>&1 || true
b=$(now)
echo "typst compile, xargs -P2:     $(rate "$n" "$a" "$b"); $(stats <"$work/times")"
