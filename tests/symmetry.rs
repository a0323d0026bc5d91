//! Symmetry reduction end to end: the reduced search stores one state per
//! orbit of the unreduced reachable states, verdicts and trace lengths do
//! not change, traces are real executions, and a spec that tells the
//! values of a `symmetric` set apart is not reduced (with a warning).

mod common;

use std::collections::HashSet;

use common::{options, ravel_command, reachable, run_reduced};
use ravel::check::ConstOverride;
use ravel::compile::Model;
use ravel::explore::{Outcome, Trace, Verdict};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn spec(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).expect("spec")
}

fn consts(pairs: &[(&str, &str)]) -> Vec<ConstOverride> {
    pairs
        .iter()
        .map(|(n, v)| ConstOverride {
            name: (*n).into(),
            value: (*v).into(),
        })
        .collect()
}

fn both(text: &str, c: &[ConstOverride]) -> ((Model, Outcome), (Model, Outcome)) {
    let reduced = run_reduced("spec.rvl", text, c, &options(false), true).expect("runs");
    let full = run_reduced("spec.rvl", text, c, &options(false), false).expect("runs");
    (reduced, full)
}

/// The unreduced reachable states' representatives.
fn orbits(reduced: &Model, full: &Model) -> usize {
    let representatives: HashSet<Vec<u64>> = reachable(full)
        .iter()
        .map(|s| reduced.representative(s).into_owned())
        .collect();
    representatives.len()
}

#[test]
fn the_reduced_search_stores_one_state_per_orbit() {
    for (path, c) in [
        ("specs/two_phase_commit/two_phase_commit.rvl", vec![]),
        (
            "specs/two_phase_commit/two_phase_commit.rvl",
            vec![("RM", "4")],
        ),
        ("specs/paxos/voting.rvl", vec![]),
        ("specs/quorums/quorum.rvl", vec![("R", "1"), ("W", "3")]),
        ("specs/consistency_models/abd.rvl", vec![]),
    ] {
        let c = consts(&c);
        let ((reduced, r), (full, f)) = both(&spec(path), &c);
        assert!(reduced.symmetry().is_some(), "{path}: not reduced");
        assert!(full.symmetry().is_none());
        assert!(r.stats.distinct < f.stats.distinct, "{path}");
        assert_eq!(r.stats.distinct as usize, orbits(&reduced, &full), "{path}");
        assert_eq!(r.stats.depth, f.stats.depth, "{path}");
        // Each stored state stands for its orbit: together, every state.
        assert_eq!(
            r.coverage.stands_for,
            u128::from(f.stats.distinct),
            "{path}"
        );
    }
}

/// Every step of `trace` is a successor of the one before by its action,
/// and the first is an initial state.
fn is_an_execution(model: &Model, trace: &Trace) {
    let mut initial = Vec::new();
    model
        .initial_states(&mut |s| initial.push(model.decode(s)))
        .unwrap();
    assert!(initial.contains(&trace.steps[0].state));
    let mut words = model.layout.encode_state(&trace.steps[0].state).unwrap();
    for step in &trace.steps[1..] {
        let (action, args) = step.action.clone().expect("a step has an action");
        let mut next = None;
        model
            .successors(&words, &mut |succ| {
                if succ.action == action
                    && succ.args == args.as_slice()
                    && model.decode(succ.state) == step.state
                {
                    next = Some(succ.state.to_vec());
                }
            })
            .unwrap();
        words = next.expect("each step of the trace is a successor of the one before");
    }
}

fn trace_of(outcome: &Outcome) -> &Trace {
    match &outcome.verdict {
        Verdict::InvariantViolated(_, t) | Verdict::Deadlock(t) => t,
        v => panic!("expected a violation, got {v:?}"),
    }
}

#[test]
fn counterexamples_are_real_executions_and_still_shortest() {
    for (path, c) in [
        ("specs/two_phase_commit/majority_commit.rvl", vec![]),
        ("specs/paxos/no_value_rule.rvl", vec![]),
        ("specs/quorums/quorum.rvl", vec![("R", "1"), ("W", "1")]),
        ("specs/multi_paxos/skips_recovery.rvl", vec![]),
        ("specs/raft/vote_without_log_check.rvl", vec![]),
    ] {
        let c = consts(&c);
        let ((reduced, r), (_, f)) = both(&spec(path), &c);
        let (tr, tf) = (trace_of(&r), trace_of(&f));
        assert_eq!(tr.steps.len(), tf.steps.len(), "{path}: not shortest");
        is_an_execution(&reduced, tr);
    }
}

fn ravel(args: &[&str]) -> (i32, String) {
    let output = ravel_command(args).output().expect("the ravel binary runs");
    let code = output.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

fn write(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ravel-symmetry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn no_symmetry_explores_every_state() {
    let path = "specs/two_phase_commit/two_phase_commit.rvl";
    let (code, out) = ravel(&["check", path]);
    assert_eq!(code, 0);
    assert!(
        out.contains("80 distinct states, 318 transitions, depth 11"),
        "{out}"
    );
    assert!(
        out.contains("symmetry: the 80 states stand for 288, one per renaming of RM's 3 values (--no-symmetry explores them all)"),
        "{out}"
    );
    let (code, out) = ravel(&["check", path, "--no-symmetry"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("288 distinct states, 1,146 transitions, depth 11"),
        "{out}"
    );
}

const LEADER: &str = r#"
spec Leader
const N = symmetric {n1, n2, n3}
var up: set<N> = {}
action Join(n: N) {
    require n not in up
    up += {n}
}
invariant FirstJoinsFirst: up != {} => n1 in up or true
"#;

#[test]
fn a_literal_that_names_a_value_turns_the_reduction_off() {
    let path = write("leader.rvl", LEADER);
    let (code, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert_eq!(code, 0);
    assert!(out.contains("8 distinct states"), "{out}");
    let line = LEADER.lines().position(|l| l.contains("n1 in up")).unwrap() + 1;
    let col = LEADER.lines().nth(line - 1).unwrap().find("n1").unwrap() + 1;
    let expected = format!(
        "warning: symmetric N is not reduced: `n1` ({path}:{line}:{col}) singles out some of its values"
    );
    assert!(out.contains(&expected), "{out}");
}

#[test]
fn a_constant_made_of_some_values_turns_it_off_and_one_of_all_does_not() {
    let some = "spec S\nconst N = symmetric {n1, n2, n3}\nconst Core = N - {n3}\nvar up: set<N> = {}\naction Join(n: N) {\n    require n not in up\n    up += {n}\n}\ninvariant CoreFirst: Core <= up or true\n";
    let path = write("core.rvl", some);
    let (_, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert!(out.contains("8 distinct states"), "{out}");
    assert!(out.contains("`Core` ("), "{out}");
    let all = some.replace("N - {n3}", "subsets(N)").replace(
        "invariant CoreFirst: Core <= up or true",
        "invariant Quorums: exists q in Core: q <= up or true",
    );
    let path = write("quorums.rvl", &all);
    let (code, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("4 distinct states"), "{out}");
    assert!(!out.contains("warning"), "{out}");
}

#[test]
fn a_for_whose_effect_depends_on_the_order_turns_it_off() {
    let text = "spec Order\nconst N = symmetric {n1, n2, n3}\nvar last: option<N> = none\nvar done: bool = false\naction Scan {\n    require not done\n    for n in N {\n        last = some(n)\n    }\n    done = true\n}\n";
    let path = write("order.rvl", text);
    let (_, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert!(
        out.contains("warning: symmetric N is not reduced: the assignment at ")
            && out.contains(" in a `for` over its values depends on the order they are visited in"),
        "{out}"
    );
    // Adding to a set in a loop is the same in any order: reduced.
    let text = text
        .replace("var last: option<N> = none", "var seen: set<N> = {}")
        .replace("last = some(n)", "seen += {n}");
    let path = write("unordered.rvl", &text);
    let (_, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert!(!out.contains("warning"), "{out}");
}

/// A loop body that reads what the loop itself writes sees which values
/// came first: `full` is set on the last value visited only, so after the
/// loop it tells whether `n3` was seen (the orbit of a state would
/// otherwise stand for states that are not reachable).
#[test]
fn a_for_that_reads_what_it_writes_turns_it_off() {
    let text = "spec Seen\nconst N = symmetric {n1, n2, n3}\nvar seen: set<N> = {}\nvar full: bool = false\nvar done: bool = false\naction Scan {\n    require not done\n    for n in N {\n        either {\n            seen += {n}\n            full = seen == N\n        } or {\n            full = false\n        }\n    }\n    done = true\n}\n";
    let path = write("seen.rvl", text);
    let (_, out) = ravel(&["check", &path, "--no-deadlock"]);
    let line = text
        .lines()
        .position(|l| l.contains("full = seen == N"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "warning: symmetric N is not reduced: the assignment at {path}:{line}:13 in a `for`"
        )),
        "{out}"
    );
    let (_, full) = ravel(&["check", &path, "--no-deadlock", "--no-symmetry"]);
    let count = |o: &str| {
        o.lines()
            .find(|l| l.contains("distinct states"))
            .map(str::to_owned)
    };
    assert_eq!(count(&out), count(&full), "{out}");
}

#[test]
fn liveness_properties_are_checked_on_every_state() {
    let path = "specs/two_phase_commit/live.rvl";
    let (_, out) = ravel(&["check", path]);
    assert!(out.contains("288 distinct states"), "{out}");
    assert!(
        out.contains(
            "warning: symmetric RM is not reduced: Ravel checks liveness properties on every state"
        ),
        "{out}"
    );
    let (_, out) = ravel(&["check", path, "--no-symmetry"]);
    assert!(!out.contains("symmetric RM"), "{out}");
}

#[test]
fn a_checkpoint_resumes_only_with_the_same_symmetry_setting() {
    let dir = std::env::temp_dir().join(format!("ravel-symmetry-ckpt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_arg = dir.to_str().expect("path");
    let spec = "specs/two_phase_commit/two_phase_commit.rvl";
    let common = ["check", spec, "--const", "RM=6"];
    let stopped = ravel_command(&common)
        .args(["--max-states", "50", "--checkpoint", dir_arg])
        .args(["--checkpoint-every", "0.000001"])
        .output()
        .expect("runs");
    assert_eq!(stopped.status.code(), Some(3));
    let resume = |extra: &[&str]| {
        ravel_command(&common)
            .args(["--resume", dir_arg])
            .args(extra)
            .output()
            .expect("runs")
    };
    let refused = resume(&["--no-symmetry"]);
    assert_eq!(refused.status.code(), Some(2));
    let text: String = String::from_utf8_lossy(&refused.stderr)
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("the checkpoint was made with symmetry reduction (without --no-symmetry)"),
        "{text}"
    );
    let resumed = resume(&[]);
    assert_eq!(resumed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&resumed.stdout).contains("553 distinct states"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_fold_in_value_order_turns_it_off_and_a_sum_does_not() {
    let base = "spec F\nconst N = symmetric {n1, n2, n3}\nvar up: set<N> = {}\nvar order: seq<N, 3> = []\naction Join(n: N) {\n    require n not in up\n    up += {n}\n}\n";
    let ordered =
        format!("{base}action Order {{ order = fold(acc = [], n in up: append(acc, n)) }}\n");
    let (_, out) = ravel(&["check", &write("fold.rvl", &ordered), "--no-deadlock"]);
    assert!(
        out.contains(
            "warning: symmetric N is not reduced: `fold(acc = [], n in up: append(acc, n))` ("
        ) && out.contains(") folds over its values in an order a renaming changes"),
        "{out}"
    );
    // A sum (or a fold by `+`, `union`, `and`, ...) is the same in any order.
    let summed =
        format!("{base}invariant Few: sum(n in up: 1) + fold(acc = 0, n in up: acc + 2) <= 9\n");
    let (code, out) = ravel(&["check", &write("sum.rvl", &summed), "--no-deadlock"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("not reduced"), "{out}");
    assert!(out.contains("4 distinct states"), "{out}");
}

#[test]
fn pick_and_transition_properties_turn_it_off() {
    let base = "spec P\nconst N = symmetric {n1, n2, n3}\nvar up: set<N> = {}\naction Join(n: N) {\n    require n not in up\n    up += {n}\n}\n";
    let picked = format!("{base}invariant Least: up == {{}} or (pick n in up) in up\n");
    let path = write("pick.rvl", &picked);
    let (_, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert!(out.contains("8 distinct states"), "{out}");
    assert!(
        out.contains("warning: symmetric N is not reduced: `(pick n in up)` (")
            && out.contains(") picks the least of its values"),
        "{out}"
    );
    let grows = format!("{base}transition Grows: up <= next(up)\n");
    let path = write("grows.rvl", &grows);
    let (code, out) = ravel(&["check", &path, "--no-deadlock"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("8 distinct states"), "{out}");
    assert!(
        out.contains(
            "warning: symmetric N is not reduced: Ravel checks transition properties on every state"
        ),
        "{out}"
    );
    let (_, out) = ravel(&["check", &write("plain.rvl", base), "--no-deadlock"]);
    assert!(out.contains("4 distinct states"), "{out}");
}

#[test]
fn a_group_too_large_to_count_still_reduces() {
    // 35! renamings do not fit 128 bits: no count of what the states stand
    // for, the reduction all the same.
    let text = "spec Big\nconst N = symmetric {n1, n2}\nvar x: option<N> = none\naction Take(n: N) {\n    require x == none\n    x = some(n)\n}\n";
    let path = write("big.rvl", text);
    let (code, out) = ravel(&["check", &path, "--const", "N=35", "--no-deadlock"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 distinct states, 36 transitions"), "{out}");
    assert!(
        out.contains(
            "symmetry: one state per renaming of N's 35 values (--no-symmetry explores them all)"
        ),
        "{out}"
    );
    let (_, out) = ravel(&[
        "check",
        &path,
        "--const",
        "N=35",
        "--no-deadlock",
        "--no-symmetry",
    ]);
    assert!(out.contains("36 distinct states"), "{out}");
}
