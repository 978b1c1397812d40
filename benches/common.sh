# Sourced by the benchmark scripts from the project's root: the release build in $vanban, a
# temporary folder in $work (removed at the end), and big_document.
cargo build --release --quiet
vanban=$PWD/target/release/vanban
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes to $1 the example report's front matter once and its body $2 times without its
# footnotes (their numbers would repeat), each copy headed by its number.
big_document() {
    local out=$1 n=$2 src=examples/bao-cao-thang-4-2026.md body
    awk '/^---$/ { n++; print; if (n == 2) exit; next } { print }' "$src" >"$out"
    body=$(awk 'f >= 2 { print } /^---$/ { f++ }' "$src" | grep -v '^\[\^[0-9]*\]:' | sed 's/\[\^[0-9]*\]//g')
    for i in $(seq "$n"); do
        printf '\n# PHẦN %d\n\n%s\n' "$i" "$body" >>"$out"
    done
}
