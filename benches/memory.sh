#!/usr/bin/env bash
# Peak memory of the commands that hold pages as pixels, release build: `render --format png`
# of a long document (the example report's body repeated; pages are rasterised and written one
# at a time) and `diff` of two 100-page PDFs of 2000-pt pages (compared a pair at a time).
# Usage: benches/memory.sh [REPEATS]   (default 26: about 250 pages)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-26}
. benches/common.sh
big_document "$work/big.md" "$n"

peak() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r secs kib < <(tail -n 1 "$work/time")
    echo "$secs s, peak $((kib / 1024)) MiB"
}

mkdir "$work/png"
echo "render --format pdf,png --ppi 150: $(peak "$vanban" render "$work/big.md" -o "$work/png/big.pdf" --format pdf,png --ppi 150 --no-system-fonts), $(ls "$work/png" | grep -c png) pages"

python3 - "$work" <<'PY'
import sys
def pdf(n, side, name):
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % (3 + 2 * i) for i in range(n)), n)]
    for i in range(n):
        s = "0 0 1 rg 100 100 %d %d re f" % (side - 200, side - 200)
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R >>" % (side, side, 4 + 2 * i))
        objs.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(s), s))
    out, offs = b"%PDF-1.4\n", []
    for k, o in enumerate(objs):
        offs.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (k + 1, o)).encode()
    x = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
    out += b"".join(("%010d 00000 n \n" % o).encode() for o in offs)
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)).encode()
    open(name, "wb").write(out)
pdf(100, 2000, sys.argv[1] + "/a.pdf")
pdf(100, 2000, sys.argv[1] + "/b.pdf")
PY
echo "diff of two 100-page PDFs, 2000 pt a page: $(peak "$vanban" diff "$work/a.pdf" "$work/b.pdf")"
