#!/usr/bin/env bash
# The cost tables of docs/distributed.md: two protocols (two-phase commit,
# bench/network_costs.rvl, and an in-order stream with nothing to repair
# faults, bench/network_costs_stream.rvl) under each network semantics, with
# and without crashes and a partition. Prints Markdown tables: the verdict
# (the first violation found), distinct states, transitions and the median
# wall time of 3 runs (release build, 2 threads, --no-deadlock).
#
#   bench/network_costs.sh            # build, then print the table
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
ravel=target/release/ravel
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nets=(
  "unordered"
  "unordered, lossy"
  "unordered, duplicating"
  "unordered, lossy, duplicating"
  "bag, capacity 2"
  "bag, capacity 2, lossy"
  "bag, capacity 2, duplicating"
  "ordered, capacity 2"
  "ordered, capacity 2, lossy"
  "ordered, capacity 2, duplicating"
)
faults=("" "(crash at most 1)")
partitions=("" "partition at most 1")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_table() {
  local template=$1
  echo
  echo "$template:"
  echo
  echo "| channels | crashes | partition | verdict | distinct states | transitions | time (s) |"
  echo "|---|---|---|---|---|---|---|"
  for net in "${nets[@]}"; do
    for fault in "${faults[@]}"; do
      for part in "${partitions[@]}"; do
        spec="$tmp/spec.rvl"
        sed -e "s/@NET@/$net/g" -e "s/@FAULTS@/$fault/g" -e "s/@PARTITION@/$part/" "$template" > "$spec"
        times=()
        out=""
        for _ in 1 2 3; do
          start=$(date +%s.%N)
          out=$("$ravel" check "$spec" --no-deadlock --threads 2 2>&1 || true)
          end=$(date +%s.%N)
          times+=("$(echo "$end - $start" | bc)")
        done
        line=$(echo "$out" | grep "distinct state" | head -1 || true)
        verdict=$(echo "$out" | head -1 | sed -E 's/^✓ all properties hold.*/holds/; s/^✗ invariant ([A-Za-z]+) is violated.*/\1 violated/')
        distinct=$(echo "$line" | sed -E 's/^([0-9,]+) distinct.*/\1/')
        transitions=$(echo "$line" | sed -E 's/.*states?, ([0-9,]+) transitions?.*/\1/')
        t=$(printf '%s\n' "${times[@]}" | median)
        crash=$([ -n "$fault" ] && echo "at most 1" || echo "no")
        cut=$([ -n "$part" ] && echo "at most 1" || echo "no")
        printf '| `%s` | %s | %s | %s | %s | %s | %.2f |\n' "$net" "$crash" "$cut" "$verdict" "$distinct" "$transitions" "$t"
      done
    done
  done
}

run_table bench/network_costs.rvl
run_table bench/network_costs_stream.rvl
