//! Partial-order reduction (`reduce interleavings`): what it saves, the
//! cycle proviso, when it is turned off, and what the CLI reports.

mod common;

use common::{Reductions, options, ravel_command, run_with};
use ravel::explore::{Outcome, Verdict};

fn run(text: &str, por: bool) -> (ravel::compile::Model, Outcome) {
    let reductions = Reductions {
        por,
        ..Reductions::ALL
    };
    run_with("por.rvl", text, &[], &options(true), reductions).expect("runs")
}

fn output(args: &[&str]) -> (String, String, i32) {
    let out = ravel_command(args).output().expect("ravel runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

/// `A` toggles `a` for ever, on its own and unseen by the invariant; `B`
/// breaks the invariant once. Expanding only `A` at every state would
/// never take `B` (the "ignoring" problem): the cycle proviso expands the
/// state that closes `A`'s cycle fully.
const IGNORING: &str = "
reduce interleavings
var a: bool = false
var x: 0..1 = 0
action A { a = not a }
action B { require x == 0
           x = 1 }
invariant NeverSet: x == 0
";

#[test]
fn the_cycle_proviso_keeps_a_step_that_a_cycle_would_postpone() {
    let (model, reduced) = run(IGNORING, true);
    assert!(model.por().is_some());
    assert!(
        matches!(reduced.verdict, Verdict::InvariantViolated(..)),
        "{:?}",
        reduced.verdict
    );
    let por = reduced.stats.por.expect("reduction stats");
    assert!(por.proviso >= 1, "{por:?}");
    let (_, full) = run(IGNORING, false);
    assert!(matches!(full.verdict, Verdict::InvariantViolated(..)));
}

#[test]
fn independent_workers_take_one_order() {
    let spec = "specs/bench/independent_workers.rvl";
    let (out, _, code) = output(&["check", spec, "--stats"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("10 distinct states, 10 transitions, depth 10"),
        "{out}"
    );
    assert!(
        out.contains(
            "stats: partial-order reduction: 9 of 18 successors left out (50.0%) at 6 of 10 \
             states expanded; the cycle proviso expanded 0 fully"
        ),
        "{out}"
    );
    let (out, _, code) = output(&["check", spec, "--no-por"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("64 distinct states, 145 transitions, depth 10"),
        "{out}"
    );
    assert!(!out.contains("partial-order reduction"), "{out}");
}

#[test]
fn two_threads_reduce_alike() {
    let spec = "specs/bench/independent_workers.rvl";
    let args = |t| {
        [
            "check",
            spec,
            "--const",
            "Node={n1,n2,n3,n4}",
            "--threads",
            t,
        ]
    };
    let (one, _, _) = output(&args("1"));
    let (two, _, _) = output(&args("2"));
    assert_eq!(one, two);
    assert!(one.contains("13 distinct states"), "{one}");
}

#[test]
fn liveness_turns_the_reduction_off_with_a_warning() {
    let text = "
reduce interleavings
var a: 0..2 = 0
var b: 0..2 = 0
fair action A { require a < 2
                a = a + 1 }
fair action B { require b < 2
                b = b + 1 }
terminal Done: a == 2 and b == 2
property Ends: eventually a == 2
";
    let (model, outcome) = run(text, true);
    assert!(model.por().is_none());
    assert_eq!(outcome.stats.distinct, 9);
    let dir = std::env::temp_dir().join(format!("ravel-por-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("live.rvl");
    std::fs::write(&file, text).expect("write");
    let (out, _, code) = output(&["check", file.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "warning: reduce interleavings is not applied: liveness properties are checked on \
             every interleaving"
        ),
        "{out}"
    );
    let (json, _, _) = output(&["check", file.to_str().expect("utf-8"), "--format", "json"]);
    assert!(json.contains("\"por\":true"), "{json}");
    assert!(
        json.contains("\"kind\":\"partial-order reduction not used\""),
        "{json}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_reports_what_the_reduction_did() {
    let spec = "specs/bench/independent_workers.rvl";
    let (json, _, code) = output(&["check", spec, "--format", "json"]);
    assert_eq!(code, 0, "{json}");
    assert!(json.contains("\"por\":true"), "{json}");
    assert!(
        json.contains(
            "\"por\":{\"states\":10,\"reduced\":6,\"proviso\":0,\"successors\":18,\"pruned\":9,\"seconds\":null}"
        ),
        "{json}"
    );
}

/// Both reductions of a spec: (reduced, full) verdicts must agree.
fn both(text: &str) -> (Outcome, Outcome) {
    let (model, reduced) = run(text, true);
    assert!(model.por().is_some(), "{text}");
    let (_, full) = run(text, false);
    (reduced, full)
}

/// The invariant is violated, with the reduction and without it.
fn both_violate(text: &str) {
    let violated = |o: &Outcome| matches!(o.verdict, Verdict::InvariantViolated(..));
    let (reduced, full) = both(text);
    assert!(violated(&full), "{:?}", full.verdict);
    assert!(violated(&reduced), "{:?}", reduced.verdict);
}

/// Two receives that match one message in a set: whichever takes it
/// disables the other, so neither can be expanded alone.
#[test]
fn two_takes_of_one_message_from_a_set_are_dependent() {
    let text = "
reduce interleavings
type Msg = M | N
channel net: Msg
var started: bool = false
var a_got: bool = false
var b_got: bool = false
action Start { require not started
               started = true
               send M }
action TakeA(M in net) { a_got = true }
action TakeB(M in net) { b_got = true }
invariant NoB: not b_got
";
    both_violate(text);
}

/// A receive from a bag, enabled, and a put of another message it can
/// receive: the put enables a step of the receive that does not commute
/// with the enabled one, so the put must be in the stubborn set.
#[test]
fn a_put_on_a_bag_joins_an_enabled_take_of_its_kind() {
    let text = "
reduce interleavings
type Msg = A { v: 0..1 }
channel net: Msg (bag, capacity 1)
var s0: bool = false
var s1: bool = false
var first: 0..2 = 2
var bad: bool = false
action Recv(A { v: k } in net) {
    if first == 2 { first = k }
}
action Start0 { require not s0
                s0 = true
                send A { v: 0 } }
action Start1 { require s0 and not s1
                s1 = true
                send A { v: 1 } }
action Check { require first == 1 and not bad
               bad = true }
invariant NeverOneFirst: not bad
";
    both_violate(text);
}

/// A take from an empty queue is enabled only by a put: when the take
/// must join a stubborn set (it touches what the seed writes), so must
/// the put that fills its queue.
#[test]
fn a_take_from_an_empty_queue_brings_the_put_that_fills_it() {
    let text = "
reduce interleavings
type Msg = M | N
channel q: Msg (ordered, capacity 1)
var z: 0..2 = 0
var sent: bool = false
var bad: bool = false
action X { require z == 0
           z = 1 }
action P { require not sent
           sent = true
           send M }
action U(M in q) { if z == 0 { z = 2 } }
action Check { require z == 2 and not bad
               bad = true }
invariant NeverTwo: not bad
";
    both_violate(text);
}

/// A ring of queues (Chang and Roberts' leader election): a take from a
/// queue needs no put on it, so a node's receive is expanded alone where
/// it is independent of the rest, and fewer states are stored.
#[test]
fn takes_from_queues_are_expanded_alone() {
    let text = "
reduce interleavings
const N = 4
type Id = 0..N - 1
fn uid(i: Id) -> Id = (i * 3 + 1) % N
type Msg = Token { uid: Id }
channel net: Msg from Node to Node (ordered, capacity 2)
process Node[n in Id] {
    var started: bool = false
    var elected: bool = false
    action Start { require not started
                   started = true
                   send Token { uid: uid(self) } to (self + 1) % N }
    action Forward(Token { uid: u } from p in net) {
        require u > uid(self)
        send Token { uid: u } to (self + 1) % N
    }
    action Discard(Token { uid: u } from p in net) { require u < uid(self) }
    action Win(Token { uid: u } from p in net) {
        require u == uid(self)
        elected = true
    }
}
invariant OneLeader: forall a, b in Id: a.elected and b.elected => a == b
reachable Elected: exists a in Id: a.elected
terminal Quiet: exists a in Id: a.elected
";
    let (reduced, full) = both(text);
    assert_eq!(full.verdict, Verdict::Holds);
    assert_eq!(reduced.verdict, Verdict::Holds);
    assert_eq!(full.stats.distinct, 465);
    assert_eq!(reduced.stats.distinct, 413);
}

/// Two independent steps that both change what the invariant reads: the
/// order of visible steps is kept (condition V), so the one order that
/// breaks it is explored.
#[test]
fn visible_steps_keep_both_orders() {
    let text = "
reduce interleavings
var a: bool = false
var b: bool = false
action A { require not a
           a = true }
action B { require not b
           b = true }
invariant NotBFirst: not (b and not a)
";
    both_violate(text);
}
