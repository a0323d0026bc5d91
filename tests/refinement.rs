//! `refines "abstract.rvl" { ... }` end to end: Paxos refines Voting, the
//! value-rule bug fails the refinement on the step TLC names, the trace is
//! told at both levels, values cross between the two specs' types by name,
//! and every way a declaration can be wrong is a clear error.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use ravel::check::ir::PropertyKind;
use ravel::explore::Verdict;
use ravel::source::Source;
use ravel::{CheckArgs, Checked};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fresh directory holding these files.
fn dir_with(files: &[(&str, &str)]) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ravel-refinement-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    dir
}

/// Check `path` as `ravel check` does: the result, or the rendered errors.
fn check(path: &Path) -> Result<Checked, String> {
    let text = std::fs::read_to_string(path).expect("spec");
    let mut args = CheckArgs::new(Source::new(path.display().to_string(), text));
    args.options.deadlock = false;
    ravel::stack::with_big_stack(|| ravel::run(&args, &mut ())).map_err(|f| f.render(false))
}

/// Check `concrete` next to `abstract_spec` (as `a.rvl`).
fn check_pair(concrete: &str, abstract_spec: &str) -> Result<Checked, String> {
    let dir = dir_with(&[("c.rvl", concrete), ("a.rvl", abstract_spec)]);
    check(&dir.join("c.rvl"))
}

/// The errors of `concrete` next to `abstract_spec`, which must not check.
fn errors(concrete: &str, abstract_spec: &str) -> String {
    match check_pair(concrete, abstract_spec) {
        Ok(c) => panic!("checked: {}", c.report),
        Err(e) => e,
    }
}

/// A counter that counts to 2 in steps of one.
const COUNTER: &str = "
spec Counter
var n: 0..2 = 0
action Inc { require n < 2  n = n + 1 }
";

#[test]
fn paxos_refines_voting() {
    let checked = check(&Path::new(ROOT).join("specs/paxos/paxos.rvl")).expect("checks");
    assert_eq!(checked.outcome.verdict, Verdict::Holds);
    assert_eq!(checked.outcome.stats.distinct, 3_921);
    assert_eq!(checked.outcome.stats.depth, 17);
    assert!(
        checked
            .report
            .starts_with("✓ all properties hold (Agreement, SomethingChosen, refines Voting)"),
        "{}",
        checked.report
    );
    // The mapping runs on the fast evaluator, and so do Voting's actions.
    let slow: Vec<_> = checked
        .model
        .fast_coverage()
        .into_iter()
        .filter(|c| c.fallback.is_some())
        .collect();
    assert!(slow.is_empty(), "{slow:?}");
    let items: Vec<String> = checked
        .model
        .fast_coverage()
        .into_iter()
        .map(|c| c.item)
        .collect();
    assert!(
        items.contains(&"Voting's action VoteFor".to_string()),
        "{items:?}"
    );
}

/// `no_value_rule.rvl` with the mapping of `paxos.rvl`, next to Voting.
fn no_value_rule() -> PathBuf {
    let paxos =
        std::fs::read_to_string(Path::new(ROOT).join("specs/paxos/paxos.rvl")).expect("paxos");
    let refines = &paxos[paxos.find("refines \"voting.rvl\"").expect("the refines")..];
    let broken = std::fs::read_to_string(Path::new(ROOT).join("specs/paxos/no_value_rule.rvl"))
        .expect("no_value_rule");
    let voting =
        std::fs::read_to_string(Path::new(ROOT).join("specs/paxos/voting.rvl")).expect("voting");
    let dir = dir_with(&[
        ("voting.rvl", &voting),
        ("no_value_rule.rvl", &format!("{broken}\n{refines}")),
    ]);
    dir.join("no_value_rule.rvl")
}

#[test]
fn the_value_rule_bug_fails_the_refinement_on_step_11() {
    let checked = check(&no_value_rule()).expect("checks");
    let Verdict::InvariantViolated(id, trace) = &checked.outcome.verdict else {
        panic!("{}", checked.report);
    };
    // The same behaviour as TLC's for V!Spec (tests/tla/refinement).
    assert_eq!(trace.steps.len(), 11);
    let spec = &checked.model.spec;
    assert_eq!(spec.properties[id.index()].kind, PropertyKind::Transition);
    let report = &checked.report;
    assert!(
        report.starts_with("✗ refinement of Voting is violated\n"),
        "{report}"
    );
    assert!(
        report.contains("step 11 of the trace maps to a step that Voting cannot take"),
        "{report}"
    );
    assert!(
        report.contains("11. Phase2b(a = a1, P2a { bal: 1, val: v2 })"),
        "{report}"
    );
    let abstract_level = &report[report
        .find("Voting, under the mapping (the same steps):")
        .expect(report)..];
    for line in [
        "   1. initial state\n        votes: [a1: {}, a2: {}, a3: {}]\n",
        "   2. stutter: no variable of Voting changes\n   3.",
        "   4. IncreaseMaxBal(a = a1, b = 0)\n        max_bal[a1]: -1 → 0\n",
        "   8. VoteFor(a = a2, b = 0, v = v1)\n        votes[a2]: + {{ bal: 0, val: v1 }}\n",
        "  11. no step of Voting does this\n        votes[a1]: + {{ bal: 1, val: v2 }}\n",
    ] {
        assert!(
            abstract_level.contains(line),
            "{line:?} in\n{abstract_level}"
        );
    }
    // The reference interpreter agrees with the hot path on that step.
    let model = &checked.model;
    let words = |i: usize| {
        let layout = &model.layout;
        layout.encode_state(&trace.steps[i].state).expect("encodes")
    };
    let action = trace.steps[10].action.as_ref().expect("a step").0;
    let mut step = words(9);
    step.extend(words(10));
    step.push(u64::from(action.0));
    assert_eq!(model.holds(*id, &step), Ok(false));
    assert_eq!(model.check(&mut model.worker(), *id, &step), Ok(false));
    let mut earlier = words(8);
    earlier.extend(words(9));
    earlier.push(u64::from(
        trace.steps[9].action.as_ref().expect("a step").0.0,
    ));
    assert_eq!(model.holds(*id, &earlier), Ok(true));
    assert_eq!(model.check(&mut model.worker(), *id, &earlier), Ok(true));
}

#[test]
fn a_step_the_abstract_spec_cannot_take_is_found() {
    // Steps of two: 0 → 2 is no step of the counter.
    let concrete = "
var m: 0..4 = 0
action Jump { require m < 4  m = m + 2 }
refines \"a.rvl\" { n = m / 2 * 2 }
";
    let checked = check_pair(concrete, COUNTER).expect("checks");
    assert!(matches!(
        checked.outcome.verdict,
        Verdict::InvariantViolated(..)
    ));
    assert!(
        checked
            .report
            .contains("step 2 of the trace maps to a step that Counter cannot take"),
        "{}",
        checked.report
    );
    assert!(
        checked
            .report
            .contains("  2. no step of Counter does this\n       n: 0 → 2\n"),
        "{}",
        checked.report
    );
    // Halving it is a refinement: every other step is a stutter.
    let halved = concrete
        .replace("n = m / 2 * 2", "n = m / 2")
        .replace("m + 2", "m + 1");
    let checked = check_pair(&halved, COUNTER).expect("checks");
    assert_eq!(
        checked.outcome.verdict,
        Verdict::Holds,
        "{}",
        checked.report
    );
    assert_eq!(checked.outcome.stats.distinct, 5);
}

#[test]
fn values_of_the_same_types_cross_as_they_are() {
    // `n = m` of the same range: the mapped words are the abstract state.
    let concrete = "
var m: 0..2 = 0
action Inc { require m < 2  m = m + 1 }
action Reset { require m == 2  m = 0 }
refines \"a.rvl\" { n = m }
";
    let checked = check_pair(concrete, COUNTER).expect("checks");
    let abs = checked.model.refinement().expect("a refinement");
    assert!(abs.carries_codes());
    // 2 → 0 is no step of the counter, found on that path too.
    assert!(matches!(
        checked.outcome.verdict,
        Verdict::InvariantViolated(..)
    ));
    assert!(
        checked
            .report
            .contains("  4. no step of Counter does this\n       n: 2 → 0\n"),
        "{}",
        checked.report
    );
    let held = concrete.replace("action Reset { require m == 2  m = 0 }\n", "");
    let checked = check_pair(&held, COUNTER).expect("checks");
    assert_eq!(
        checked.outcome.verdict,
        Verdict::Holds,
        "{}",
        checked.report
    );
    // Another range, atoms in another order, a computed value: converted.
    for (spec, mapping) in [
        ("var m: 0..3 = 0", "n = m"),
        ("var m: 0..2 = 0", "n = m / 1"),
    ] {
        let concrete = format!("{spec}\nrefines \"a.rvl\" {{ {mapping} }}\n");
        let checked = check_pair(&concrete, COUNTER).expect("checks");
        let abs = checked.model.refinement().expect("a refinement");
        assert!(!abs.carries_codes(), "{concrete}");
    }
    let checked = check(&Path::new(ROOT).join("specs/paxos/paxos.rvl")).expect("checks");
    assert!(checked.model.refinement().expect("refines").carries_codes());
}

#[test]
fn an_initial_state_outside_the_abstract_ones_is_found() {
    let concrete = "
var m: 0..2 = 1
action Inc { require m < 2  m = m + 1 }
refines \"a.rvl\" { n = m }
";
    let checked = check_pair(concrete, COUNTER).expect("checks");
    let Verdict::InvariantViolated(id, trace) = &checked.outcome.verdict else {
        panic!("{}", checked.report);
    };
    assert_eq!(trace.steps.len(), 1);
    assert_eq!(
        checked.model.spec.properties[id.index()].kind,
        PropertyKind::Initial
    );
    assert!(
        checked
            .report
            .starts_with("✗ refinement of Counter is violated"),
        "{}",
        checked.report
    );
    assert!(
        checked
            .report
            .contains("the initial state maps to a state that is not an initial state of Counter"),
        "{}",
        checked.report
    );
}

#[test]
fn values_cross_by_name() {
    // Atoms in another order, model values of the same names, map keys
    // and record fields by name, a variable mapped by its name alone (so
    // the values are converted, not carried as codes).
    let abstract_spec = "
spec Locks
const Node = {n1, n2}
type Phase = {idle, held}
var phase: Node -> Phase = [n in Node: idle]
var owner: option<{ who: Node, since: 0..3 }> = none
action Take(n: Node) {
    require owner == none
    phase[n] = held
    owner = some({ since: 0, who: n })
}
action Give(n: Node) {
    require phase[n] == held
    phase[n] = idle
    owner = none
}
";
    let concrete = "
const Node = {n1, n2}
var state: Node -> {held, idle, waiting} = [n in Node: idle]
var owner: option<{ since: 0..3, who: Node }> = none
action Wait(n: Node) { require state[n] == idle  state[n] = waiting }
action Take(n: Node) {
    require state[n] == waiting and owner == none
    state[n] = held
    owner = some({ who: n, since: 0 })
}
action Give(n: Node) { require state[n] == held  state[n] = idle  owner = none }
refines \"a.rvl\" { phase = [n in Node: if state[n] == held then held else idle] }
";
    let checked = check_pair(concrete, abstract_spec).expect("checks");
    assert_eq!(
        checked.outcome.verdict,
        Verdict::Holds,
        "{}",
        checked.report
    );
    assert!(!checked.model.refinement().expect("refines").carries_codes());
    // A value the abstract type has no name for is a runtime error.
    let leaky = concrete.replace("if state[n] == held then held else idle", "state[n]");
    let checked = check_pair(&leaky, abstract_spec).expect("checks");
    assert!(
        matches!(checked.outcome.verdict, Verdict::PropertyError(..)),
        "{}",
        checked.report
    );
    assert!(
        checked.report.contains("Locks's `phase`"),
        "{}",
        checked.report
    );
    assert!(
        checked.report.contains("has no name for"),
        "{}",
        checked.report
    );
}

#[test]
fn a_mapped_value_outside_the_abstract_range_is_a_runtime_error() {
    let concrete = "
var m: 0..3 = 0
action Inc { require m < 3  m = m + 1 }
refines \"a.rvl\" { n = m }
";
    let checked = check_pair(concrete, COUNTER).expect("checks");
    let Verdict::PropertyError(error, trace) = &checked.outcome.verdict else {
        panic!("{}", checked.report);
    };
    assert_eq!(trace.steps.len(), 4);
    let message = error.kind.details().message;
    assert!(message.contains("Counter's `n`"), "{message}");
    assert!(message.contains("3"), "{message}");
}

#[test]
fn constants_of_the_same_name_are_passed_down() {
    let abstract_spec = "
spec Bounded
const Max = 5
var n: 0..Max = 0
action Inc { require n < Max  n = n + 1 }
";
    let concrete = "
const Max = 2
var m: 0..Max = 0
action Inc { require m < Max  m = m + 1 }
refines \"a.rvl\" { n = m }
";
    let checked = check_pair(concrete, abstract_spec).expect("checks");
    assert_eq!(
        checked.outcome.verdict,
        Verdict::Holds,
        "{}",
        checked.report
    );
    let abs = checked.model.refinement().expect("refines");
    assert_eq!(abs.model.spec.consts[0].value, ravel::value::Value::Int(2));
    // A constant computed from others must agree too.
    let computed = "
const Max = 2
const Top = 0..Max
var m: 0..Max = 0
action Inc { require m < Max  m = m + 1 }
refines \"a.rvl\" { n = m }
";
    let with_top = format!("{abstract_spec}const Top = 0..Max + 5\n");
    let e = errors(computed, &with_top);
    assert!(
        e.contains("the constant `Top` has one value here and another in Bounded"),
        "{e}"
    );
}

#[test]
fn each_wrong_declaration_is_an_error() {
    let cases: [(&str, &str, &str); 8] = [
        (
            "var x: bool = false\naction A { x = true }\nrefines \"a.rvl\" {}",
            COUNTER,
            "Counter's variable `n` is not mapped, and this spec has no variable `n`",
        ),
        (
            "var n: 0..2 = 0\naction A { require n < 2  n = n + 1 }\nrefines \"a.rvl\" { k = n }",
            COUNTER,
            "Counter has no variable `k`",
        ),
        (
            "var m: 0..2 = 0\naction A { require m < 2  m = m + 1 }\nrefines \"a.rvl\" { n = m  n = m }",
            COUNTER,
            "`n` is mapped twice",
        ),
        (
            "var b: bool = false\naction A { b = true }\nrefines \"a.rvl\" { n = b }",
            COUNTER,
            "this value cannot be Counter's `n`: it is a `bool`, and `n` is a `0..2`",
        ),
        (
            "var n: 0..2 = 0\naction A { require n < 2  n = n + 1 }\nrefines \"missing.rvl\"",
            COUNTER,
            "cannot read `missing.rvl`, the spec this one refines",
        ),
        (
            "var n: 0..2 = 0\naction A { require n < 2  n = n + 1 }\nrefines \"a.rvl\"",
            "var n: 0..2 = \naction A {}",
            "`a.rvl`, the spec this one refines, has an error at 2:8: unexpected `A`",
        ),
        (
            "var n: 0..2 = 0\naction A { require n < 2  n = n + 1 }\nrefines \"c.rvl\"",
            COUNTER,
            "refinement cannot go round in a circle",
        ),
        (
            "var n: 0..2 = 0\naction A { require n < 2  n = n + 1 }\nrefines \"a.rvl\"\nrefines \"a.rvl\"",
            COUNTER,
            "a second `refines`",
        ),
    ];
    for (concrete, abstract_spec, message) in cases {
        let e = errors(concrete, abstract_spec);
        assert!(e.contains(message), "{message:?} in\n{e}");
    }
}

#[test]
fn a_spec_parsed_alone_says_its_abstract_spec_was_not_read() {
    let text = "var n: 0..2 = 0\naction A { require n < 2  n = n + 1 }\nrefines \"a.rvl\"";
    let ast = ravel::syntax::parse(&Source::new("c.rvl", text)).expect("parses");
    let errors = ravel::check::check(&ast, &[]).expect_err("not read");
    assert_eq!(
        errors[0].kind.details().message,
        "cannot read `a.rvl`, the spec this one refines: this spec was parsed alone \
         (`ravel::parse_spec` reads the specs a spec refines)"
    );
}
