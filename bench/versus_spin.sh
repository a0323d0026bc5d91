#!/usr/bin/env bash
# Ravel against SPIN on TwoPhase with 9 RMs, in the same run: REPEAT
# alternating runs of Ravel (specs/bench/two_phase_commit_9.rvl, 2 threads,
# no symmetry reduction) and of SPIN's compiled verifier for the Promela
# twin (specs/bench/spin/TwoPhase.pml), the median wall time of each and
# their ratio. Both must store the same number of states.
#
#   bench/versus_spin.sh             # needs `spin` and `gcc` (apt-get install spin)
#   REPEAT=3 bench/versus_spin.sh
#
# The verifier is built once, outside the timing, with gcc -O2 and
# -DSAFETY -DNOREDUCE (exhaustive safety search, no partial-order
# reduction: Ravel explores every interleaving too); -w26 sizes its hash
# table for 10M states. SPIN runs on one core (its multi-core mode is for
# liveness and bitstate search).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-5}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
RAVEL=$(realpath "$CARGO_TARGET_DIR/release/ravel")
export RAVEL_NO_TIME=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp specs/bench/spin/TwoPhase.pml "$work/"
(cd "$work" && spin -a TwoPhase.pml >/dev/null && gcc -O2 -DSAFETY -DNOREDUCE -o pan pan.c)

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
ravel_times=() spin_times=()
for _ in $(seq "$REPEAT"); do
    t0=$(now)
    ravel_out=$("$RAVEL" check specs/bench/two_phase_commit_9.rvl --threads 2 --no-symmetry 2>&1 || true)
    t1=$(now)
    spin_out=$(cd "$work" && ./pan -m100000 -w26 2>&1 || true)
    t2=$(now)
    ravel_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
    spin_times+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')")
done
ravel_states=$(printf '%s\n' "$ravel_out" | grep -E 'distinct states?, ' | tail -1 |
    sed -E 's/^([0-9,]+) distinct.*/\1/' | tr -d ,)
spin_states=$(printf '%s\n' "$spin_out" | grep -E 'states, stored' | sed -E 's/^ *([0-9]+) states.*/\1/')
r=$(printf '%s\n' "${ravel_times[@]}" | median)
s=$(printf '%s\n' "${spin_times[@]}" | median)
states=$ravel_states
if [ "$ravel_states" != "$spin_states" ]; then
    states="Ravel $ravel_states, SPIN $spin_states: DIFFER"
fi
printf '\n| model | states | SPIN s (median of %s) | Ravel s | Ravel / SPIN |\n' "$REPEAT"
echo '|---|---|---|---|---|'
awk -v d="$states" -v s="$s" -v r="$r" 'BEGIN {
    printf "| TwoPhase 9 RMs | %s | %.2f | %.2f | %.2f× |\n", d, s, r, r / s }'
echo
echo "SPIN runs: ${spin_times[*]}"
echo "Ravel runs: ${ravel_times[*]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
