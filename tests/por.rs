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
