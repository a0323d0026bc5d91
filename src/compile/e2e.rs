//! End-to-end tests of this stage: spec text through `syntax` and `check`,
//! then the model's initial states, successors and runtime errors.

use std::collections::{HashSet, VecDeque};

use super::*;
use crate::check;
use crate::source::Source;
use crate::syntax;

fn model(src: &str) -> Model {
    let source = Source::new("test.rvl", src);
    let ast = syntax::parse(&source)
        .unwrap_or_else(|e| panic!("syntax error: {}\n{src}", e.kind.details().message));
    let ir = check::check(&ast, &[]).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
        panic!("check errors: {}\n{src}", messages.join("; "))
    });
    compile(ir)
}

/// A bundled spec, read as `ravel check` reads it (with the specs it
/// refines).
fn spec_file(name: &str) -> Model {
    let path = format!("{}/specs/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("bundled spec");
    let ast = crate::parse_spec(&Source::new(path, text))
        .unwrap_or_else(|f| panic!("{}", f.render(false)));
    compile(check::check(&ast, &[]).expect("a bundled spec checks"))
}

fn initial(model: &Model) -> Vec<Vec<u64>> {
    let mut out = Vec::new();
    model
        .initial_states(&mut |s| out.push(s.to_vec()))
        .expect("initial states");
    out
}

/// Successors as (action name, described args, packed state).
fn successors(model: &Model, state: &[u64]) -> Result<Vec<(String, String)>, ActionError> {
    let mut out = Vec::new();
    model.successors(state, &mut |s| {
        let name = model.spec.actions[s.action.index()].name.clone();
        out.push((name, model.describe_args(s.action, s.args)));
    })?;
    Ok(out)
}

/// A plain BFS: (distinct states, transitions, depth), counted as TLC does.
fn explore(model: &Model) -> (usize, usize, usize) {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::new();
    let init = initial(model);
    let mut transitions = init.len();
    for s in init {
        if seen.insert(s.clone()) {
            queue.push_back((s, 1));
        }
    }
    let mut depth = 0;
    while let Some((s, level)) = queue.pop_front() {
        depth = depth.max(level);
        model
            .successors(&s, &mut |next| {
                transitions += 1;
                if seen.insert(next.state.to_vec()) {
                    queue.push_back((next.state.to_vec(), level + 1));
                }
            })
            .expect("no runtime error");
    }
    (seen.len(), transitions, depth)
}

#[test]
fn two_phase_commit_starts_in_one_state_with_seven_successors() {
    let model = spec_file("two_phase_commit/two_phase_commit.rvl");
    assert_eq!(model.state_words(), 1);
    let init = initial(&model);
    assert_eq!(init.len(), 1);
    let vars = model.decode(&init[0]);
    assert_eq!(vars[0], Value::Map(vec![Value::Atom(0); 3].into()));
    assert_eq!(vars[2], Value::empty_set());
    let expected = [
        ("TMAbort", ""),
        ("RMPrepare", "r = r1"),
        ("RMPrepare", "r = r2"),
        ("RMPrepare", "r = r3"),
        ("RMChooseToAbort", "r = r1"),
        ("RMChooseToAbort", "r = r2"),
        ("RMChooseToAbort", "r = r3"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(successors(&model, &init[0]).unwrap(), expected);
}

#[test]
fn two_phase_commit_has_tlc_counts() {
    assert_eq!(
        explore(&spec_file("two_phase_commit/two_phase_commit.rvl")),
        (288, 1146, 11)
    );
}

#[test]
fn paxos_has_tlc_counts() {
    let model = spec_file("paxos/paxos.rvl");
    let (distinct, _, depth) = explore(&model);
    assert_eq!((distinct, depth), (3921, 17));
}

#[test]
fn pattern_parameters_are_described_by_their_element() {
    let model = spec_file("paxos/paxos.rvl");
    let init = initial(&model);
    let mut after_1a = None;
    model
        .successors(&init[0], &mut |s| {
            if after_1a.is_none() {
                after_1a = Some(s.state.to_vec());
            }
        })
        .unwrap();
    let got = successors(&model, &after_1a.unwrap()).unwrap();
    assert!(
        got.contains(&("Phase1b".into(), "a = a1, P1a { bal: 0 }".into())),
        "{got:?}"
    );
}

/// The runtime error of the first action that fails from the initial state.
fn runtime_error(src: &str) -> RuntimeErrorKind {
    let model = model(src);
    let mut init = Vec::new();
    if let Err(e) = model.initial_states(&mut |s| init.push(s.to_vec())) {
        return e.kind;
    }
    match successors(&model, &init[0]) {
        Err(e) => e.error.kind,
        Ok(_) => panic!("no runtime error in\n{src}"),
    }
}

fn message(src: &str) -> String {
    runtime_error(src).details().message
}

#[test]
fn a_value_leaving_its_type_names_the_variable_and_the_range() {
    let src = "var x: 0..3 = 3\naction Inc { x = x + 1 }";
    assert_eq!(message(src), "`x` would become 4, outside 0..3");
    let src = "type K = {a, b}\nvar m: K -> 0..1 = [k in K: 0]\naction Inc { m[b] += 2 }";
    assert_eq!(message(src), "`m[b]` would become 2, outside 0..1");
    let src = "var s: set<0..2> = {}\naction Add { s += {3} }";
    assert!(message(src).starts_with("`s` would become {3}"));
}

#[test]
fn every_runtime_error_kind_from_a_tiny_spec() {
    use RuntimeErrorKind as K;
    let cases = [
        (
            "var x: 0..1 = 0\naction A { assert x == 1, \"x is one\" }",
            K::AssertFailed {
                message: "x is one".into(),
            },
        ),
        (
            "var m: 0..2 -> bool = [k in 0..2: false]\naction A { m[3] = true }",
            K::OutsideDomain {
                key: "3".into(),
                ty: "0..2".into(),
            },
        ),
        (
            "var s: seq<0..3, 2> = [1]\naction A { require s[1] == 1 }",
            K::IndexOutOfRange { index: 1, len: 1 },
        ),
        (
            "var s: seq<0..3, 2> = []\naction A { require head(s) == 1 }",
            K::EmptySeq { op: "head" },
        ),
        (
            "var d: 0..2 = 0\nvar q: 0..10 = 0\naction A { q = 10 / d }",
            K::DivisionByZero,
        ),
        (
            "var s: set<0..3> = {}\naction A { require min(s) == 0 }",
            K::EmptyMinMax { op: "min" },
        ),
        (
            "type M = A { f: 0..1 } | B\nvar m: M = B\naction X { require m.f == 0 }",
            K::MissingField {
                field: "f".into(),
                tag: "B".into(),
            },
        ),
        (
            "var s: seq<0..3, 1> = [1]\naction A { s = append(s, 2) }",
            K::AppendPastBound { bound: 1 },
        ),
        (
            "var x: 0..3\nvar b: bool = false\ninit { if b { x = 1 } }",
            K::NoInitialValue { var: "x".into() },
        ),
        (
            "var x: 0..3 = 3\naction A { require (x + 9223372036854775806) + 1 > 0 }",
            K::Overflow { op: "+" },
        ),
    ];
    for (src, kind) in cases {
        assert_eq!(runtime_error(src), kind, "spec:\n{src}");
    }
}
