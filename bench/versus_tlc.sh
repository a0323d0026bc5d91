#!/usr/bin/env bash
# Ravel against TLC on the same models, in the same run: for each pair (a
# Ravel spec and its TLA+ twin), REPEAT alternating runs of each, the
# median wall time of each and their ratio. Both must give the same number
# of distinct states, or the row says so.
#
#   TLC=/path/to/tlc bench/versus_tlc.sh            # every pair, 5 runs each
#   REPEAT=3 TLC=... bench/versus_tlc.sh redlock_5  # one pair
#
# Ravel runs with --threads 2, TLC with -workers 2. TLC's time includes
# the JVM's start (about 1 s here), as a user's run of it does.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-5}
TLC=${TLC:-../shared/tools/tlc}
TLC=$(realpath "$TLC")
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
RAVEL=$(realpath "$CARGO_TARGET_DIR/release/ravel")
export RAVEL_NO_TIME=1

# name | Ravel spec and arguments | TLA+ folder | config | module
PAIRS="fifo_clocks|specs/bench/fifo_clocks.rvl --no-symmetry|specs/bench/tla|FifoClocks.cfg|FifoClocks.tla
multi_paxos|specs/multi_paxos/multi_paxos.rvl --no-symmetry|specs/multi_paxos/tla|MultiPaxos.cfg|MultiPaxos.tla
redlock_5|specs/distributed_locks/redlock.rvl --const Servers=5|tests/tla|Redlock.cfg|Redlock.tla
kv_snapshot|specs/bench/kv_snapshot.rvl|specs/bench/tla|KvSnapshot.cfg|KvSnapshot.tla
three_phase_commit|specs/three_phase_commit/three_phase_commit.rvl|tests/tla|ThreePhaseCommit.cfg|ThreePhaseCommit.tla"
if [ $# -gt 0 ]; then
    PAIRS=$(printf '%s\n' "$PAIRS" | grep -E "^($(IFS='|'; echo "$*"))\|")
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n| model | distinct | TLC s (median of %s) | Ravel s | TLC / Ravel |\n' "$REPEAT"
echo '|---|---|---|---|---|'
printf '%s\n' "$PAIRS" | while IFS='|' read -r name ravel dir cfg module; do
    [ -z "$name" ] && continue
    ravel_times=() tlc_times=()
    for _ in $(seq "$REPEAT"); do
        t0=$(now)
        # shellcheck disable=SC2086
        ravel_out=$("$RAVEL" check $ravel --threads 2 2>&1 || true)
        t1=$(now)
        tlc_out=$(cd "$dir" && "$TLC" -workers 2 -config "$cfg" "$module" 2>&1 || true)
        t2=$(now)
        ravel_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
        tlc_times+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')")
    done
    ravel_distinct=$(printf '%s\n' "$ravel_out" | grep -E 'distinct states?, ' | tail -1 |
        sed -E 's/^([0-9,]+) distinct.*/\1/' | tr -d ,)
    tlc_distinct=$(printf '%s\n' "$tlc_out" | grep -E 'distinct states found' | tail -1 |
        sed -E 's/.* ([0-9]+) distinct states found.*/\1/')
    r=$(printf '%s\n' "${ravel_times[@]}" | median)
    t=$(printf '%s\n' "${tlc_times[@]}" | median)
    distinct=$ravel_distinct
    if [ "$ravel_distinct" != "$tlc_distinct" ]; then
        distinct="Ravel $ravel_distinct, TLC $tlc_distinct: DIFFER"
    fi
    awk -v n="$name" -v d="$distinct" -v t="$t" -v r="$r" 'BEGIN {
        printf "| %s | %s | %.2f | %.3f | %.1f× |\n", n, d, t, r, t / r }'
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
