#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 120), starting from the seeds, and prints
# each target's executions and what it found. cargo-fuzz needs nightly's -Z flags; on the
# stable toolchain RUSTC_BOOTSTRAP=1 allows them. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-120}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
declare -A seeds=([parse]=documents [derive]=documents [check]=documents [import_text]=text [import_docx]=docx [legacy]=text [render]=render)
cargo fuzz build -s none
for target in parse derive check import_text import_docx legacy render; do
    mkdir -p "corpus/$target"
    log="$(mktemp)"
    status=0
    cargo fuzz run -s none "$target" "corpus/$target" "seeds/${seeds[$target]}" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1 || status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    found="$( [ "$status" = 0 ] && echo 'nothing' || grep -m1 -E 'panicked|ERROR|deadly signal|timeout|out-of-memory' "$log" || echo "exit $status")"
    echo "$target: $runs executions in ${seconds}s; found: $found"
    rm -f "$log"
done
