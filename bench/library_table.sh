#!/usr/bin/env bash
# The README's table of the spec library: one row per `// expect` line of
# every spec (the default run, and each `--const` variant): topic, spec and
# arguments, the verdict the line states (tests/specs.rs checks it), what
# the spec shows (the first sentence of its header, on its first row) and
# how long `ravel check` takes with those arguments (release build, all
# cores, one run). tests/library.rs checks that the README's table has a
# row, with this verdict, for every such line. After adding a spec:
#
#   bench/library_table.sh > /tmp/table.md   # then paste it into README.md
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
RAVEL=target/release/ravel
echo "| topic | spec | verdict | what it shows | time |"
echo "|---|---|---|---|---|"
for spec in specs/*/*.rvl; do
    topic=$(basename "$(dirname "$spec")")
    [ "$topic" = bench ] && continue
    name=$(basename "$spec" .rvl)
    shows=$(awk '/^\/\/ ?$/ || !/^\/\// { exit } { sub(/^\/\/ ?/, ""); printf "%s ", $0 }' "$spec" |
        sed -E 's/  +/ /g; s/ $//' | sed -E 's/^(([^.]|\.[^ ])*\.)( .*)?$/\1/' | sed -E 's/\|/\\|/g')
    grep -E '^// expect( --[^:]*)?: ' "$spec" | while IFS= read -r line; do
        args=$(echo "$line" | sed -E 's#^// expect( (--[^:]*))?: .*#\2#')
        verdict=$(echo "$line" | sed -E 's#^// expect[^:]*: ##; s# (distinct|transitions|depth)=.*##')
        start=$(date +%s.%N)
        # shellcheck disable=SC2086
        "$RAVEL" check "$spec" $args > /dev/null 2>&1 || true
        end=$(date +%s.%N)
        time=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f s", e - s }')
        label="[\`$name\`]($spec)"
        [ -n "$args" ] && label="$label \`$args\`"
        echo "| $topic | $label | $verdict | $shows | $time |"
        shows=""
    done
done
