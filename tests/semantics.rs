//! The language's meaning, end to end: small specs whose state counts,
//! verdicts and traces are worked out by hand.

mod common;

use common::{
    action_error, counts, deadlocks, holds, property_error, rejects, unreachable, verdict, violates,
};
use ravel::explore::{NoInitialState, Verdict};

const COUNTER: &str = "
var x: 0..3 = 0
action Inc {
    require x < 3
    x = x + 1
}
";

#[test]
fn a_state_without_successors_is_a_deadlock() {
    deadlocks(COUNTER, 4);
    counts(COUNTER, 4, 4, 4);
}

#[test]
fn a_terminal_state_is_not_a_deadlock() {
    holds(&format!("{COUNTER}\nterminal Done: x == 3"));
}

#[test]
fn a_step_that_changes_nothing_is_a_successor() {
    let src = format!("{COUNTER}\naction Stay {{ x = x }}");
    holds(&src);
    // 1 initial state + 4 self-loops + 3 increments.
    counts(&src, 4, 8, 4);
}

#[test]
fn either_gives_one_successor_per_block() {
    let src = "var x: 0..2 = 0
        action Step { either { x = 1 } or { x = 2 } }";
    counts(src, 3, 7, 2);
}

#[test]
fn choose_gives_one_successor_per_element() {
    let src = "var s: set<0..2> = {}
        action Add { choose v in 0..2 { require v not in s
            s += {v} } }";
    // Every subset; from a set of k elements, 3 - k successors: 1 + 3 + 6 + 3.
    counts(src, 8, 13, 4);
}

#[test]
fn for_runs_its_body_once_per_element_in_one_step() {
    let src = "var m: 0..2 -> 0..1 = [k in 0..2: 0]
        action SetAll { for k in 0..2 { m[k] = 1 } }";
    counts(src, 2, 3, 2);
}

#[test]
fn init_can_choose_several_initial_states() {
    let src = "var x: 0..3
        init { choose v in {1, 3} { x = v } }
        action Dec { require x > 0
            x = x - 1 }
        terminal Zero: x == 0";
    holds(src);
    counts(src, 4, 5, 2);
}

#[test]
fn a_constraint_bounds_the_search_but_its_edge_is_still_checked() {
    let base = "var x: 0..10 = 0
        action Inc { require x < 10
            x = x + 1 }
        constraint Small: x <= 3\n";
    counts(&format!("{base}invariant Bound: x <= 4"), 4, 5, 4);
    holds(&format!("{base}invariant Bound: x <= 4"));
    violates(&format!("{base}invariant Bound: x <= 3"), "Bound", 5);
}

#[test]
fn an_unreached_reachable_is_reported() {
    unreachable(
        &format!("{COUNTER}\nterminal Done: x == 3\nreachable Five: x == 3 and x != 3"),
        "Five",
    );
}

#[test]
fn invariants_are_checked_on_initial_states() {
    violates(
        "var x: 0..3 = 0\naction Inc { require x < 3\n x = x + 1 }\ninvariant Positive: x > 0",
        "Positive",
        1,
    );
}

#[test]
fn the_shortest_trace_is_reported() {
    // Two ways to reach x == 3: one step of 3, or three steps of 1.
    let src = "var x: 0..3 = 0
        action One { require x < 3
            x = x + 1 }
        action Three { require x == 0
            x = 3 }
        terminal Top: x == 3
        invariant Below3: x < 3";
    violates(src, "Below3", 2);
}

#[test]
fn records_fields_can_be_assigned() {
    let src = "var p: { a: 0..2, b: bool } = { a: 0, b: false }
        action A { require p.a < 2
            p.a = p.a + 1
            p.b = not p.b }
        invariant Parity: p.b == (p.a == 1)";
    counts(src, 3, 3, 3);
}

#[test]
fn options_and_patterns() {
    let src = "var o: option<0..2> = none
        action Set(v: 0..2) { require o == none
            o = some(v) }
        action Clear(some(v) in {o}) { o = none }";
    counts(src, 4, 7, 2);
}

#[test]
fn bounded_sequences() {
    let src = "var q: seq<0..1, 2> = []
        action Push(v: 0..1) { require len(q) < 2
            q = append(q, v) }
        action Pop { require len(q) > 0
            q = tail(q) }
        invariant Head: len(q) == 0 or head(q) == q[0]";
    counts(src, 7, 13, 3);
}

#[test]
fn expressions_evaluate_as_documented() {
    let facts = [
        "{1} <= {1, 2}",
        "{1} < {1, 2}",
        "not ({1, 2} < {1, 2})",
        "{1, 2} - {2} == {1}",
        "({1, 2} intersect {2, 3}) == {2}",
        "|{1, 2} union {3}| == 3",
        "{1} + {2} == {1, 2}",
        "7 / 2 == 3",
        "-7 / 2 == -4",
        "-7 % 2 == 1",
        // Division and remainder round down for every sign of either side.
        "7 / 2 == 3 and 7 % 2 == 1",
        "-7 / 2 == -4 and -7 % 2 == 1",
        "7 / -2 == -4 and 7 % -2 == -1",
        "-7 / -2 == 3 and -7 % -2 == -1",
        "6 / -3 == -2 and 6 % -3 == 0 and -6 % 3 == 0",
        "forall a in -7..7, b in -3..3: b == 0 or (a / b) * b + a % b == a",
        "forall a in -7..7, b in 1..3: a % b >= 0 and a % b < b",
        "forall a in -7..7, b in -3..-1: a % b <= 0 and a % b > b",
        "min({3, 1, 2}) == 1 and max({3, 1, 2}) == 3",
        "max(2, 5) == 5 and min(2, 5) == 2",
        "subsets({1, 2}) == {{}, {1}, {2}, {1, 2}}",
        "{x * 2 for x in 1..3 if x != 2} == {2, 6}",
        "{x in 1..5 if x % 2 == 0} == {2, 4}",
        "[k in 0..2: k * k][2] == 4",
        "[5, 6, 7][1] == 6",
        "head([5, 6]) == 5 and tail([5, 6]) == [6]",
        "(if 1 < 2 then 10 else 20) == 10",
        "(let y = 4; y * y) == 16",
        "forall a, b in 0..2: a + b <= 4",
        "exists a in 0..2, b in 0..2: a + b == 4",
        "not (exists a in 1..0: a == a)",
        "(false => 1 / 0 == 0)",
        "(true or 1 / 0 == 0)",
        "|1..4| == 4",
        "3 in 1..4 and 5 not in 1..4",
        "forall b in Ballot: b >= 0 and b <= 2",
        "{ f: 1, g: true }.g",
        "Ping { n: 1 } is Ping and not (Ack is Ping)",
        "Ping { n: 2 }.n == 2",
        "some(1) != none",
    ];
    let mut src = String::from(
        "type Ballot = 0..2\ntype Msg = Ping { n: 0..2 } | Ack\nvar x: bool = true\naction Stay { x = x }\n",
    );
    for (i, fact) in facts.iter().enumerate() {
        src.push_str(&format!("invariant Fact{i}: {fact}\n"));
    }
    holds(&src);
}

/// Two variants declaring one field with different ranges: `m.b` reads
/// the field with the width and low bound of `m`'s own variant.
#[test]
fn a_union_field_with_a_range_per_variant_reads_its_variants_value() {
    let src = "type Msg = A { b: 0..1 } | B { b: 0..2 }
        var msgs: set<Msg> = {A { b: 1 }}
        action Noop { msgs += {} }
        invariant FieldIsOne: forall m in msgs: m.b == 1
        reachable Garbage: exists m in msgs: m.b < -9223372036854775807";
    // FieldIsOne holds in the one state, so the verdict is Garbage's.
    unreachable(src, "Garbage");
    let src = "type Msg = A { b: 0..1 } | B { b: 1..3 }
        var msgs: set<Msg> = {A { b: 0 }, A { b: 1 }, B { b: 1 }, B { b: 2 }, B { b: 3 }}
        var x: 0..3 = 0
        action Take(m in msgs) { x = m.b }
        invariant Ranges: forall m in msgs: (m is A => m.b <= 1) and (m is B => m.b >= 1)";
    // x takes each of 0..3; from each of the 4 states, one successor per message.
    counts(src, 4, 1 + 4 * 5, 2);
}

/// The same rounding when the operands are only known during the run.
#[test]
fn division_and_remainder_round_down_at_run_time() {
    let src = "var a: -7..7 = -7
        var b: -3..3 = -3
        action Next(x: -7..7, y: -3..3) { a = x
            b = y }
        invariant Identity: b == 0 or (a / b) * b + a % b == a
        invariant Sign: b == 0 or a % b == 0 or (a % b < 0) == (b < 0)
        invariant Cases: not (a == 7 and b == -2) or (a / b == -4 and a % b == -1)";
    // 15 * 7 states, each with 15 * 7 successors.
    counts(src, 105, 1 + 105 * 105, 2);
}

#[test]
fn an_atom_shared_by_two_enums_takes_its_type_from_context() {
    let src = "var tm: {init, committed, aborted} = init
        var rm: {working, committed, aborted} = working
        action Commit { require tm == init
            tm = committed
            rm = committed }
        terminal Done: tm == committed and rm == committed";
    holds(src);
}

#[test]
fn type_errors_stop_the_run() {
    rejects("var x: 0..3 = 0\ninvariant I: x", "expected `bool`");
}

#[test]
fn a_spec_without_initial_states_is_an_error_not_a_proof() {
    let dropped = "var x: 0..3
        init { x = 0
            require false }
        action Inc { require x < 3
            x = x + 1 }
        invariant Small: x < 2";
    let empty_choice = "var x: 0..3
        init { choose v in 1..0 { x = v } }
        action Inc { require x < 3
            x = x + 1 }";
    let no_branch = Verdict::NoInitialState(NoInitialState::NoBranch);
    assert_eq!(verdict(dropped), no_branch);
    assert_eq!(verdict(empty_choice), no_branch);
    assert!(no_branch.is_failure());
    // Initial states that are all outside a constraint: the first one is
    // outside `Low` (its `x` is 2), the second one outside `Positive`.
    let outside = "var x: 0..3
        init { either { x = 2 } or { x = 0 } }
        action Dec { require x > 0
            x = x - 1 }
        constraint Positive: x > 0
        constraint Low: x < 2";
    match verdict(outside) {
        Verdict::NoInitialState(NoInitialState::OutsideConstraint(p)) => assert_eq!(p.0, 1),
        other => panic!("expected no initial state, got {other:?}"),
    }
}

#[test]
fn a_spec_without_variables_is_rejected() {
    rejects("", "the spec is empty");
    rejects("// only a comment\n", "the spec is empty");
    rejects(
        "const N = 3\ninvariant I: N > 2",
        "declares no state variable",
    );
}

/// A value is checked against its type on the successor a completed path
/// produces: a path that a later `require` drops may hold an out-of-range
/// value on the way (TLA+'s `x' = x + 1 /\\ x' <= 3`).
#[test]
fn an_out_of_range_value_on_a_dropped_path_is_no_error() {
    let inc = "var x: 0..3 = 0
        action Inc {
            x = x + 1
            require x <= 3
        }";
    // No successor at 3: a deadlock there, not a runtime error.
    deadlocks(inc, 4);
    counts(inc, 4, 4, 4);
    // Put back in range before the path completes: no error either.
    counts(
        "var x: 0..3 = 0
        action Wrap { x = x + 1
            if x > 3 { x = 0 } }",
        4,
        5,
        4,
    );
    // A map entry, a record field and a set element, each dropped.
    counts(
        "type K = {a, b}
        var m: K -> 0..1 = [k in K: 0]
        var r: { n: 0..1, f: bool } = { n: 0, f: false }
        var s: set<0..1> = {}
        action Up(k: K) { m[k] = m[k] + 1
            require m[k] <= 1 }
        action Field { r.n = r.n + 1
            require r.n <= 1
            r.f = true }
        action Grow(v: 0..1) { s = s + {v + 1}
            require v == 0 }",
        // m: 4 values, r: 2 (n 0 or 1), s: 2 ({} or {1}); from each state
        // Up(a), Up(b) and Field in half of them, Grow(0) in all.
        16,
        1 + 8 + 8 + 8 + 16,
        5,
    );
}

/// On a path that completes, the out-of-range value is still an error,
/// at the assignment that stored it; one branch dropping does not hide
/// another that completes.
#[test]
fn an_out_of_range_value_on_a_completed_path_is_an_error() {
    let src = "var x: 0..3 = 3
        action Inc {
            either { x = x + 1
                require x <= 3 }
            or { x = x + 2 }
        }";
    let (error, trace) = action_error(src);
    assert_eq!(trace.steps.len(), 1);
    assert_eq!(
        error.error.kind.details().message,
        "`x` would become 5, outside 0..3"
    );
    let span = error.error.span;
    assert_eq!(&src[span.start as usize..span.end as usize], "x = x + 2");
    // The last assignment of an unfit value to a place is the one reported.
    let twice = "var x: 0..9 = 9
        action Inc { x = x + 1
            x = x + 1 }";
    let (error, _) = action_error(twice);
    let span = error.error.span;
    assert_eq!(
        error.error.kind.details().message,
        "`x` would become 11, outside 0..9"
    );
    assert_eq!(span.start, twice.rfind("x = x + 1").unwrap() as u32);
}

#[test]
fn init_checks_values_on_the_initial_states_it_produces() {
    let src = "var x: 0..3
        init { choose v in 0..5 { x = v
            require x <= 3 } }
        action Dec { require x > 0
            x = x - 1 }
        terminal Zero: x == 0";
    holds(src);
    // Four of the six branches complete; Dec leads from 1, 2, 3.
    counts(src, 4, 4 + 3, 1);
}

/// A pending write and one read of each value: the history checks of
/// `docs/language.md` ("History checks").
const PENDING_WRITE: &str = "
type Op = Write { value: 0..1 } | Read
type Event = Call { client: 0..1, op: Op } | Return { client: 0..1, result: 0..1 }
fn register(state: 0..1, op: Op) -> { state: 0..1, result: 0..1 } =
    if op is Write then { state: op.value, result: 0 } else { state: state, result: state }
var h: seq<Event, 4> = [Call { client: 0, op: Write { value: 1 } }]
action ReadOnce(v: 0..1) {
    require len(h) < 3
    h = append(append(h, Call { client: 1, op: Read }), Return { client: 1, result: v })
}
terminal Done: len(h) >= 3
invariant Atomic: linearizable(h, 0, register)
invariant Sequential: sequentially_consistent(h, 0, register)
";

#[test]
fn a_pending_write_may_or_may_not_have_taken_effect() {
    // The write has not returned: a read of 0 puts it after the read, a
    // read of 1 before. One initial state, two reads.
    holds(PENDING_WRITE);
    counts(PENDING_WRITE, 3, 3, 2);
}

#[test]
fn a_returned_write_must_be_seen_by_a_later_read() {
    // Once the write has returned, real time puts the read after it: the
    // read of 0 is not linearizable, but it is sequentially consistent
    // (the reader is another client, free to come first).
    let returned = PENDING_WRITE.replace(
        "[Call { client: 0, op: Write { value: 1 } }]",
        "[Call { client: 0, op: Write { value: 1 } }, Return { client: 0, result: 0 }]",
    );
    violates(&returned, "Atomic", 2);
    let sequential = returned.replace("invariant Atomic: linearizable(h, 0, register)\n", "");
    holds(&sequential);
}

// ------------------------------------------------------------ sequence operations

/// `s ++ t` (TLA+'s `s \o t`) and `sub(s, i, j)` (TLA+'s `SubSeq(s, i+1, j)`:
/// items `i..j-1`, empty when `j <= i`).
#[test]
fn concatenation_and_subsequences_have_tla_meaning() {
    holds(
        "var s: seq<0..3, 3> = [1, 2]
        action Stay { s = s }
        invariant Joined: s ++ [3] == [1, 2, 3] and [] ++ s == s and s ++ [] == s
            and len(s ++ s) == 4 and (s ++ [0])[2] == 0 and (s ++ s)[3] == 2
        invariant Parts: sub(s, 0, 1) == [1] and sub(s, 1, 2) == [2] and sub(s, 0, 2) == s
            and sub(s, 2, 2) == [] and sub(s, 5, 1) == [] and sub(s, 1, 0) == []
            and sub(s ++ [3], 1, 3) == [2, 3] and 3 not in sub(s ++ [3], 0, 2)",
    );
    // The order of the items is kept: `++` does not commute.
    violates(
        "var s: seq<0..3, 3> = [2]
        action Push(v: 0..3) { require len(s) < 2
            s = s ++ [v] }
        invariant Commutes: s ++ [2] == [2] ++ s",
        "Commutes",
        2,
    );
}

#[test]
fn a_queue_of_concatenation_and_sub_counts_as_one_of_append_and_tail() {
    let queue = "var q: seq<0..1, 2> = []
        action Push(v: 0..1) { require len(q) < 2
            q = q ++ [v] }
        action Pop { require len(q) > 0
            q = sub(q, 1, len(q)) }";
    // Sequences of at most 2 bits: 1 + 2 + 4; one initial state, 2 pushes
    // from [], 2 pushes and a pop from each of the 2 of length 1, a pop
    // from each of the 4 of length 2.
    counts(queue, 7, 13, 3);
    let classic = queue
        .replace("q ++ [v]", "append(q, v)")
        .replace("sub(q, 1, len(q))", "tail(q)");
    counts(&classic, 7, 13, 3);
}

#[test]
fn sub_out_of_range_and_concatenation_past_the_bound_are_runtime_errors() {
    let src = "var s: seq<0..3, 3> = [1, 2]
        action Cut { s = sub(s, 1, 3) }";
    let (error, trace) = action_error(src);
    assert_eq!(trace.steps.len(), 1);
    assert_eq!(
        error.error.kind.details().message,
        "`sub` of items 1..3 of a sequence of length 2"
    );
    let span = error.error.span;
    assert_eq!(&src[span.start as usize..span.end as usize], "sub(s, 1, 3)");
    let past = "var s: seq<0..3, 3> = [1, 2]
        action Twice { s = s ++ s }";
    let (error, _) = action_error(past);
    assert_eq!(
        error.error.kind.details().message,
        "`s` would become [1, 2, 1, 2], outside seq<0..3, 3>"
    );
}

/// `[e for x in s if p]`: TLA+'s `SelectSeq(s, p)` and
/// `[i \in 1..Len(s) |-> e(s[i])]`, in order; items that do not match the
/// pattern are skipped.
#[test]
fn sequence_comprehensions_keep_the_order() {
    holds(
        "type Msg = Req { n: 0..3 } | Ack
        var s: seq<0..3, 4> = [3, 1, 2, 1]
        var m: seq<Msg, 3> = [Req { n: 2 }, Ack, Req { n: 0 }]
        action Stay { s = s }
        invariant Filter: [x for x in s if x < 3] == [1, 2, 1] and [x for x in s if x > 3] == []
        invariant Map: [x + 1 for x in s if x < 3] == [2, 3, 2] and [x * 0 for x in s] == [0, 0, 0, 0]
        invariant Len: len([x for x in s if x == 1]) == 2 and [x for x in s][0] == 3
        invariant Patterns: [n for Req { n } in m] == [2, 0] and [r for Req { n: 0 } as r in m] == [Req { n: 0 }]",
    );
    // Dropping the zeros of a queue: every sequence of at most 2 items of
    // 0..2 (1 + 3 + 9), one initial state, from each of length < 2 three
    // pushes and a drop, from each of length 2 a drop.
    counts(
        "var q: seq<0..2, 2> = []
        action Push(v: 0..2) { require len(q) < 2
            q = q ++ [v] }
        action Drop { q = [x for x in q if x != 0] }",
        13,
        26,
        3,
    );
}

/// `fold(acc = init, x in S: body)`: left to right over a sequence, in
/// value order over a set (TLC's `FoldSeq`, `FoldSet`); `sum`.
#[test]
fn folds_run_left_to_right_and_sums_add_up() {
    holds(
        "type RM = {r1, r2, r3}
        var s: seq<0..3, 3> = [3, 1, 2]
        var order: seq<RM, 3> = []
        action Order { order = fold(acc = [], r in RM: [r] ++ acc) }
        invariant Digits: fold(acc = 0, x in s: acc * 10 + x) == 312
            and fold(acc = 0, x in {3, 1, 2}: acc * 10 + x) == 123
        invariant Reverse: [2, 1, 3] == fold(acc = [], x in s: [x] ++ acc)
        invariant Empty: fold(acc = 7, x in sub(s, 0, 0): acc + x) == 7
        invariant Bools: fold(acc = false, x in s: acc or x == 2) and not fold(acc = true, x in s: acc and x > 1)
        invariant Ordered: order == [] or order == [r3, r2, r1]
        invariant Sums: sum(s) == 6 and sum({3, 1, 2}) == 6 and sum([2, 2]) == 4
            and sum(x in s: x * x) == 14 and sum(x in {1, 2}: 10) == 20 and sum(sub(s, 0, 0)) == 0",
    );
    // The sum of the votes decides the verdict: it passes 5 at the 6th vote.
    violates(
        "type Node = {n1, n2, n3}
        var votes: Node -> 0..2 = [n in Node: 0]
        action Vote(n: Node) { require votes[n] < 2
            votes[n] = votes[n] + 1 }
        invariant Total: sum(n in Node: votes[n]) <= 5",
        "Total",
        7,
    );
}

#[test]
fn sequence_operations_and_folds_can_be_constants() {
    holds(
        "const Order = fold(acc = 0, x in [3, 1, 2]: acc * 10 + x)
        const Total = sum({1, 2, 3}) + sum(x in [1, 1]: x)
        const Joined = [1] ++ [2, 3]
        const Part = sub([1, 2, 3], 1, 3)
        const Evens = [x for x in [1, 2, 3, 4] if x % 2 == 0]
        var x: 0..0 = 0
        action Stay { x = x }
        invariant Values: Order == 312 and Total == 8 and Joined == [1, 2, 3] and Part == [2, 3]
            and Evens == [2, 4]",
    );
}

/// An `init` that gives a map with no `= value` every entry one by one
/// (issue 12): constant keys, or a loop over every key.
#[test]
fn init_gives_a_map_entry_by_entry() {
    let by_key = "
const N = {a, b}
var m: N -> 0..2
init {
    m[a] = 0
    m[b] = 1
}
action Inc(n: N) {
    require m[n] < 2
    m[n] = m[n] + 1
}
invariant BStartsHigher: m[b] >= 1
";
    counts(by_key, 6, 8, 4);
    let by_loop = "
const N = {a, b, c}
var x: 0..3 = 2
var m: N -> 0..3
init {
    for k in N {
        m[k] = x
    }
}
action Inc(n: N) {
    require m[n] < 3
    m[n] = m[n] + 1
}
invariant AtLeastTwo: forall k in N: m[k] >= 2
";
    counts(by_loop, 8, 13, 4);
    // A key left out is still an error.
    rejects(
        "const N = {a, b}\nvar m: N -> 0..2\ninit {\n    m[a] = 0\n}\naction Inc(n: N) {\n    require m[n] < 2\n    m[n] = m[n] + 1\n}\n",
        "has no initial value",
    );
}

/// Actions have names of their own (issue 12): a PlusCal label is often
/// both a step and a value of the program counter. `step is Busy` names
/// the action, `pc = Busy` the tag.
#[test]
fn an_action_may_share_its_name_with_a_value() {
    let spec = "
type Pc = Idle | Busy
var pc: Pc = Idle
var n: 0..2 = 0
action Busy {
    require pc == Idle
    pc = Busy
    n = (n + 1) % 3
}
action Idle {
    require pc == Busy
    pc = Idle
}
transition IdleLeavesOnlyByBusy: pc == Idle and next(pc) != Idle => step is Busy
";
    holds(spec);
    let wrong = spec.replace("=> step is Busy", "=> step is Idle");
    assert!(
        matches!(verdict(&wrong), Verdict::InvariantViolated(..)),
        "{:?}",
        verdict(&wrong)
    );
    rejects(
        "var x: 0..1 = 0\naction A { x = 1 }\naction A { x = 0 }\n",
        "`A` is declared twice",
    );
    rejects(
        "var x: 0..1 = 0\naction A { x = 1 }\ninvariant I: A == 1\n",
        "`A` is an action, not a value",
    );
}

/// A constant set of model values of an earlier set is a subset of it
/// (issue 12), and `--const` picks another subset.
#[test]
fn a_constant_may_be_a_subset_of_model_values() {
    let spec = "
const Node = {n1, n2, n3}
const Byz = {n3}
var x: option<Node> = none
action A(v in Byz) { x = some(v) }
invariant NotN1: x != some(n1)
";
    counts(spec, 2, 3, 2);
    let pick = [ravel::check::ConstOverride {
        name: "Byz".into(),
        value: "{n1, n2}".into(),
    }];
    let (_, outcome) =
        common::run("subset.rvl", spec, &pick, &common::options(false)).expect("runs");
    assert!(
        matches!(outcome.verdict, Verdict::InvariantViolated(..)),
        "{:?}",
        outcome.verdict
    );
}

/// `f in K -> V` ranges over every map from K to V (TLA+'s `[K -> V]`),
/// in `choose`, `for` and quantifiers (issue 12).
#[test]
fn a_binder_may_range_over_every_map() {
    let spec = "
const N = {a, b, c}
var m: N -> 0..1 = [n in N: 0]
action Set {
    choose f in N -> 0..1 {
        m = f
    }
}
invariant Some: exists f in N -> 0..1: f == m
reachable AllOne: forall n in N: m[n] == 1
";
    counts(spec, 8, 65, 2);
    let count = "
const N = {a, b}
var seen: 0..9 = 0
var done: bool = false
action Count {
    require not done
    for f in N -> 0..2 {
        seen = seen + 1
    }
    done = true
}
invariant Nine: done => seen == 9
";
    counts(count, 2, 2, 2);
}

// Enum widening: a value of a narrower enum stands where a wider one is
// expected. Both specs have TLA+ twins next to them whose TLC counts match.

#[test]
fn a_narrower_enum_is_stored_into_a_wider_one() {
    counts(include_str!("widening/store.rvl"), 119, 229, 6);
}

#[test]
fn whole_values_of_a_narrower_enum_are_copied_into_wider_ones() {
    counts(include_str!("widening/copy.rvl"), 92, 317, 7);
}

#[test]
fn enums_without_a_common_atom_are_not_compared() {
    let decl = "var a: {on, off} = on
        var b: {up, down} = up
        var s: set<{up, down}> = {}
        var t: set<{on, off}> = {}";
    for (cond, op) in [
        ("a == b", "`==` is always false"),
        ("a != up", "`!=` is always true"),
        ("a in s", "`in` is always false"),
        ("b not in t", "`not in` is always true"),
    ] {
        rejects(
            &format!("{decl}\naction Go {{ require {cond}\n a = off }}"),
            &format!("have no value in common, so {op}"),
        );
    }
}

#[test]
fn overlapping_enums_compare_on_their_common_atoms() {
    // Neither enum holds the other: the comparison is over their join.
    let src = "var a: {on, off, broken} = on
        var b: {broken, fixed} = fixed
        action Break { require a != b
            a = broken
            b = broken }
        invariant Apart: a == b => a == broken";
    counts(src, 2, 2, 2);
}

#[test]
fn map_keys_do_not_widen() {
    // A total map over `Status` has no entry for `waiting` in a `Vote` map.
    rejects(
        "type Vote = {yes, no}
        type Status = {waiting, yes, no}
        var m: Vote -> 0..1 = [v in Vote: 0]
        var s: Status -> 0..1 = [v in Status: 0]
        action Copy { s = m }",
        "type mismatch: expected `Status -> 0..1`, found `Vote -> 0..1`",
    );
}

#[test]
fn a_wider_enum_does_not_narrow() {
    rejects(
        "type Vote = {yes, no}
        type Status = {waiting, yes, no}
        var s: Status = waiting
        var v: Vote = yes
        action Copy { v = s }",
        "type mismatch: expected `Vote`, found `Status`",
    );
}

/// The fast path tests a guard's conjunct as soon as the parameters it
/// reads are bound, but moves it only in front of conjuncts that cannot
/// fail. Here `xs[j]` fails for `j` past the sequence's end and comes
/// first, so `ok[i]` (false for every `i`) must not be tested before it:
/// that would hide the error.
#[test]
fn a_guard_tested_early_does_not_hide_a_failing_one() {
    let src = "var xs: seq<0..3, 3> = [1]
        var ok: 0..2 -> bool = [i in 0..2: false]
        action A(i: 0..2, j: 0..2) {
            require xs[j] == 1 and ok[i]
            ok[i] = true
        }";
    let (error, trace) = action_error(src);
    assert_eq!(trace.steps.len(), 1);
    assert_eq!(
        error.error.kind.details().message,
        "index 1 is out of range for a sequence of length 1"
    );
    // Written the other way round, `ok[i]` guards `xs[j]`: no error, and
    // no successor.
    let guarded = src.replace("xs[j] == 1 and ok[i]", "ok[i] and xs[j] == 1");
    deadlocks(&guarded, 1);
    // A conjunct that cannot fail (`i != j`, a map read by its key type)
    // lets a later one that needs fewer parameters go first: the same
    // states and transitions either way.
    let total = "var ok: 0..2 -> bool = [i in 0..2: false]
        var n: 0..9 = 0
        action A(i: 0..2, j: 0..2) {
            require i != j and not ok[j] and not ok[i]
            ok[i] = true
            n = n + 1
        }";
    counts(total, 7, 13, 3);
}

/// A range whose upper end is the largest integer is walked to that end
/// and no further (the walk once wrapped around to the smallest integer
/// and found `i > 0` false: a wrong verdict).
#[test]
fn a_range_ending_at_the_largest_integer_stops_there() {
    holds(
        "const Big = 9223372036854775806
        var x: 0..1 = 0
        action A { require forall i in Big - 2..Big + x: i > 0
            x = 1 }
        invariant I: forall i in Big - 1..Big + x: i > 0
        reachable Done: x == 1",
    );
}

/// A function's parameters and result have the types declared: a set
/// passed to a parameter of a wider element type keeps its elements, and
/// a value outside the declared type is a runtime error at the call.
#[test]
fn function_arguments_and_results_keep_their_declared_types() {
    holds(
        "var y: 1..2 = 1
        var s: set<1..2> = {}
        fn has_one(t: set<0..3>) -> bool = 1 in t
        action A { require not has_one(s)
            s = s + {y} }
        action B { y = 3 - y }
        invariant I: not (1 in s) or has_one(s)",
    );
    let cases = [
        (
            "var x: 0..3 = 0
            fn f(a: 0..1) -> 0..1 = a
            action A { x = (x + 1) % 4 }
            invariant I: f(x + 2) <= 1",
            "the argument `a` of `f` is 2, outside its type 0..1",
            "x + 2",
        ),
        (
            "var x: 0..3 = 0
            fn g(a: 0..3) -> 0..1 = a
            action A { x = (x + 1) % 4 }
            invariant I: g(x) <= 1",
            "the result of `g` is 2, outside its type 0..1",
            "g(x)",
        ),
        (
            "var x: 0..3 = 0
            fn g(s: set<0..1>) -> bool = 1 in s
            action A { x = (x + 1) % 4 }
            invariant I: g({x}) or x != 1",
            "the argument `s` of `g` is {2}, outside its type set<0..1>",
            "{x}",
        ),
    ];
    for (src, message, at) in cases {
        let (error, _) = property_error(src);
        assert_eq!(error.kind.details().message, message);
        let span = error.span;
        assert_eq!(&src[span.start as usize..span.end as usize], at);
    }
    // In an action, the same.
    let src = "var x: 0..3 = 0
        fn inc(a: 0..2) -> 0..3 = a + 1
        action A { x = inc(x) }";
    let (error, trace) = action_error(src);
    assert_eq!(trace.steps.len(), 4);
    assert_eq!(
        error.error.kind.details().message,
        "the argument `a` of `inc` is 3, outside its type 0..2"
    );
}

/// `x in {a, b}` over integers tests the items one by one on the fast
/// path; an item that fails is still an error, whatever `x` is.
#[test]
fn membership_in_integers_reports_an_item_that_fails() {
    let src = "var x: 0..3 = 0
        var y: 0..1 = 1
        action A { y = 0 }
        invariant I: x in {0, 10 / y}";
    let (error, trace) = property_error(src);
    assert_eq!(trace.steps.len(), 2);
    assert_eq!(error.kind.details().message, "division by zero");
    holds(
        "var x: 0..3 = 0
        action A { require x in 0..2
            x = x + 1 }
        action B { require x in {3}
            x = 0 }
        invariant I: x in {0, 1, 2, 3} and x not in 4..9",
    );
}

/// A function's parameters and result may be of type `int`.
#[test]
fn a_function_may_take_and_give_unbounded_integers() {
    holds(
        "var x: 0..3 = 0
        fn inc(n: int) -> int = n + 1
        fn wrap(n: int) -> 0..3 = n % 4
        action A { x = wrap(inc(x)) }
        invariant I: inc(x) - x == 1 and inc(-5) == -4",
    );
}

/// `forall`, `exists`, comprehensions and `choose` over a sequence range
/// over the set of its items: each item once, whatever its repeats.
#[test]
fn binders_over_a_sequence_see_each_item_once() {
    holds(
        "var s: seq<0..2, 3> = [1, 1, 2]
        var x: 0..2 = 0
        action Pick { choose v in s {
            x = v } }
        invariant I: forall v in s: v >= 1
        invariant J: (exists v in s: v == 2) and |{ v for v in s }| == 2
        invariant K: x == 0 or x in s",
    );
    // From [1, 1, 2]: one successor per distinct item, and the initial state.
    counts(
        "var s: seq<0..2, 3> = [1, 1, 2]
        var x: 0..2 = 0
        action Pick { choose v in s {
            x = v } }",
        3,
        7,
        2,
    );
}

/// A set that is a field of a record held in a local (`q` of `forall q in
/// board`) is the field's bits alone, not those of the fields after it.
#[test]
fn a_set_field_of_a_record_in_a_set_is_that_field_alone() {
    let src = "type Off = { dx: 0..1, dy: 0..1 }
        type Piece = { cells: set<0..7>, offs: set<Off>, at: 0..3 }
        var board: set<Piece> = {{ cells: {5}, offs: {{ dx: 0, dy: 1 }}, at: 1 }}
        action Move {
            let pc = pick q in board: true
            require forall o in pc.offs: o.dx == 0
            board = { { cells: p.cells, offs: p.offs, at: (p.at + 1) % 4 } for p in board }
        }
        invariant Five: forall q in board: forall o in q.cells: o == 5
        invariant Left: forall q in board: forall o in q.offs: o.dx == 0";
    holds(src);
    counts(src, 4, 5, 4);
}

/// A union's field with a range per variant, compared with a parameter
/// (whose value the fast path knows when it compiles each binding).
#[test]
fn a_union_field_of_ranges_per_variant_equals_a_parameter_by_value() {
    let src = "type Message = P1b { bal: -1..1 } | P2a { bal: 0..1 }
        var msgs: set<Message> = {P2a { bal: 1 }}
        action Send(b: 1..1) {
            require not (exists m in msgs: m is P2a and m.bal == b)
            msgs += {P2a { bal: 0 }}
        }
        invariant NotSent: not (P2a { bal: 0 } in msgs)
        terminal Any: true";
    holds(src);
    counts(src, 1, 1, 1);
}
