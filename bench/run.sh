#!/usr/bin/env bash
# The benchmark table of docs/performance.md: each bundled benchmark model
# with 1 and 2 threads, exact mode, invariants on. Per run: distinct states,
# transitions, wall time (median of REPEAT runs), states/s, peak resident
# memory, and bytes/state (peak RSS minus that of a tiny model, over the
# distinct states). Uses hyperfine for the timing when it is installed.
#
#   bench/run.sh                 # every model, 1 and 2 threads, 3 runs each
#   REPEAT=5 bench/run.sh two_phase_commit_8
#   THREADS="1 2 4" bench/run.sh
#
# The machine may be shared: the script prints the load average, and the
# median hides single slow runs, not a machine busy for the whole run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
THREADS=${THREADS:-"1 2"}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
RAVEL="$CARGO_TARGET_DIR/release/ravel"
export RAVEL_NO_TIME=1

# name | spec | extra arguments
# The models declare their sets symmetric; the engine is measured on every
# state (--no-symmetry), the reduction in rows of their own.
MODELS="two_phase_commit_8|specs/bench/two_phase_commit_8.rvl|--no-symmetry
paxos_2|specs/bench/paxos_2.rvl|--no-symmetry
two_phase_commit_9|specs/bench/two_phase_commit_9.rvl|--no-symmetry
fifo_clocks|specs/bench/fifo_clocks.rvl|--no-symmetry
kv_snapshot|specs/bench/kv_snapshot.rvl|
paxos_2 (symmetry)|specs/bench/paxos_2.rvl|
raft (symmetry)|specs/raft/raft.rvl|"
if [ $# -gt 0 ]; then
    MODELS=$(printf '%s\n' "$MODELS" | grep -E "^($(IFS='|'; echo "$*"))( \(symmetry\))?\|")
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One run: prints "seconds peak_kib distinct transitions".
run_once() {
    local spec=$1 threads=$2 args=${3:-} out
    # shellcheck disable=SC2086
    out=$( { /usr/bin/time -f "TIME %e %M" "$RAVEL" check "$spec" --threads "$threads" $args \
        2>&1 >&3 | grep '^TIME'; } 3>&1 ) || true
    local summary time
    summary=$(printf '%s\n' "$out" | grep -E 'distinct states?, ' | tail -1)
    time=$(printf '%s\n' "$out" | grep '^TIME')
    local distinct transitions
    distinct=$(printf '%s' "$summary" | sed -E 's/^([0-9,]+) distinct.*/\1/' | tr -d ,)
    transitions=$(printf '%s' "$summary" | sed -E 's/.* ([0-9,]+) transitions?.*/\1/' | tr -d ,)
    echo "$(echo "$time" | awk '{print $2, $3}') $distinct $transitions"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
tiny_kib=$(run_once specs/two_phase_commit/two_phase_commit.rvl 1 | awk '{print $2}')
echo "baseline (tiny model) peak RSS: ${tiny_kib} KiB"
printf '\n| model | threads | distinct | transitions | wall s (median of %s) | states/s | peak MiB | bytes/state |\n' "$REPEAT"
echo '|---|---|---|---|---|---|---|---|'
printf '%s\n' "$MODELS" | while IFS='|' read -r name spec args; do
    [ -z "$name" ] && continue
    for threads in $THREADS; do
        results=()
        runs=$REPEAT
        if command -v hyperfine >/dev/null; then runs=1; fi
        for _ in $(seq "$runs"); do results+=("$(run_once "$spec" "$threads" "$args")"); done
        wall=$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)
        if command -v hyperfine >/dev/null; then
            json=$(mktemp)
            hyperfine -N --warmup 1 --runs "$REPEAT" --export-json "$json" --style none \
                "$RAVEL check $spec --threads $threads $args" >/dev/null 2>&1 || true
            wall=$(awk -F: '/"median"/ {gsub(/[ ,]/, "", $2); print $2; exit}' "$json")
            rm -f "$json"
        fi
        peak=$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)
        read -r _ _ distinct transitions <<<"${results[0]}"
        awk -v n="$name" -v t="$threads" -v d="$distinct" -v m="$transitions" -v w="$wall" \
            -v p="$peak" -v b="$tiny_kib" 'BEGIN {
            printf "| %s | %s | %\047d | %\047d | %.2f | %\047d | %.0f | %.1f |\n",
                n, t, d, m, w, d / w, p / 1024, (p - b) * 1024 / d }'
    done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
