#!/usr/bin/env bash
# Import time: a PDF of about 200 pages (the example report's body repeated, rendered by
# vanban) and a text just under the 2 MiB limit (a corpus text repeated) imported with
# `vanban import`, release build; also each corpus PDF. Figures: pages, wall time and peak
# memory of each import.
# Usage: benches/import_pdf.sh [REPEATS]   (default 26: about 200 pages)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-26}
. benches/common.sh
big_document "$work/big.md" "$n"
"$vanban" render "$work/big.md" -o "$work/big.pdf" --no-system-fonts >/dev/null
pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$work/big.pdf")

time_import() {
    local pdf=$1
    /usr/bin/time -f '%e %M' -o "$work/time" "$vanban" import "$pdf" -o "$work/out.md" --force >/dev/null 2>&1 || true
    # The last line: `time` puts "Command exited with non-zero status" above it for a refusal.
    read -r secs kib < <(tail -n 1 "$work/time")
    printf '%-60s %8s s %7s MiB\n' "$(basename "$pdf")" "$secs" "$((kib / 1024))"
}
echo "pages in the large PDF: $pages"
time_import "$work/big.pdf"

# A text of just under 2 MiB: a pdftotext corpus document's body repeated under its header.
txt=tests/corpus/34-qd-1050-qd-sct-kiem-tra-vlncn.txt
cp "$txt" "$work/big.txt"
while [ "$(stat -c %s "$work/big.txt")" -lt $((2 * 1024 * 1024 - 40 * 1024)) ]; do
    sed -n '30,$p' "$txt" >>"$work/big.txt"
done
echo "bytes in the large text: $(stat -c %s "$work/big.txt")"
time_import "$work/big.txt"
for pdf in tests/corpus/*.pdf; do
    [ -e "$pdf" ] && time_import "$pdf"
done
