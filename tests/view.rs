//! `view: e1, e2` end to end: the search counts one state per view, keeps
//! traces concrete (the hidden variables shown at every step), agrees with
//! `--no-view` on verdicts where the view hides only history, and warns
//! where the view leaves out what a property, a guard or a viewed value
//! reads.

mod common;

use std::collections::HashSet;

use common::{Reductions, options, ravel_command, reachable, run_with};
use ravel::compile::Model;
use ravel::explore::{Mode, Options, Verdict};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A counter with a history of its values: `hist` is read by nothing.
const COUNTER: &str = "
var x: 0..3 = 0
var hist: seq<0..3, 6> = []

action Inc {
    require x < 3
    x = x + 1
    if len(hist) < 6 { hist = append(hist, x) }
}

action Reset {
    require x == 3
    x = 0
    if len(hist) < 6 { hist = append(hist, 0) }
}

invariant Small: x <= 3
view: x
";

fn run(text: &str, view: bool, options: &Options) -> (Model, ravel::explore::Outcome) {
    run_with(
        "view.rvl",
        text,
        &[],
        options,
        Reductions {
            view,
            ..Reductions::ALL
        },
    )
    .expect("runs")
}

fn stdout(args: &[&str]) -> (String, i32) {
    let out = ravel_command(args).output().expect("ravel runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    (text, out.status.code().unwrap_or(-1))
}

/// Every view of the states reachable without the view.
fn views_of_reachable(viewed: &Model, full: &Model) -> usize {
    let mut worker = viewed.worker();
    let (mut view, mut reference) = (Vec::new(), Vec::new());
    let mut views = HashSet::new();
    for s in reachable(full) {
        viewed.view_of(&mut worker, &s, &mut view).unwrap();
        viewed.reference_view(&s, &mut reference).unwrap();
        assert_eq!(view, reference, "the copied bits are the encoded values");
        views.insert(view.clone());
    }
    views.len()
}

#[test]
fn a_history_variable_does_not_multiply_the_states() {
    let (_, viewed) = run(COUNTER, true, &options(true));
    let (_, full) = run(COUNTER, false, &options(true));
    assert_eq!(viewed.verdict, Verdict::Holds);
    assert_eq!(full.verdict, Verdict::Holds);
    assert_eq!(
        (
            viewed.stats.distinct,
            viewed.stats.transitions,
            viewed.stats.depth
        ),
        (4, 5, 4)
    );
    assert_eq!(
        (
            full.stats.distinct,
            full.stats.transitions,
            full.stats.depth
        ),
        (10, 11, 10)
    );
}

#[test]
fn a_bisimilar_view_counts_the_views_of_every_reachable_state() {
    let path = format!("{ROOT}/specs/two_phase_commit/two_phase_commit_audit.rvl");
    let text = std::fs::read_to_string(path).expect("spec");
    let (viewed, outcome) = run(&text, true, &options(true));
    let (full, unviewed) = run(&text, false, &options(true));
    assert_eq!(outcome.stats.distinct, 288);
    assert_eq!(unviewed.stats.distinct, 762);
    assert_eq!(views_of_reachable(&viewed, &full), 288);
}

#[test]
fn the_trace_shows_the_hidden_variables_at_every_step() {
    let text = COUNTER.replace("invariant Small: x <= 3", "invariant Small: x < 3");
    let (model, outcome) = run(&text, true, &options(true));
    let Verdict::InvariantViolated(_, trace) = &outcome.verdict else {
        panic!("expected a violation, got {:?}", outcome.verdict);
    };
    let hist: Vec<String> = trace
        .steps
        .iter()
        .map(|s| ravel::compile::show::value(&model.spec, model.spec.vars[1].ty, &s.state[1]))
        .collect();
    assert_eq!(hist, ["[]", "[1]", "[1, 2]", "[1, 2, 3]"]);
}

#[test]
fn every_thread_count_and_fingerprints_give_the_same_counts() {
    let path = format!("{ROOT}/specs/two_phase_commit/two_phase_commit_audit.rvl");
    let text = std::fs::read_to_string(path).expect("spec");
    let counts = |threads, mode| {
        let options = Options {
            threads,
            mode,
            ..options(true)
        };
        let (_, o) = run(&text, true, &options);
        (o.stats.distinct, o.stats.transitions, o.stats.depth)
    };
    let one = counts(1, Mode::Exact);
    assert_eq!(one, (288, 1146, 11));
    assert_eq!(counts(2, Mode::Exact), one);
    assert_eq!(counts(4, Mode::Exact), one);
    assert_eq!(counts(2, Mode::Fingerprint), one);
}

#[test]
fn a_view_of_expressions_runs_on_the_fast_path_and_agrees_with_the_reference() {
    let text = "
        type Msg = Req { n: 0..3 } | Ack { n: 0..3, ok: bool }
        var x: 0..7 = 0
        var msgs: set<Msg> = {}
        var log: seq<0..7, 3> = []
        fn half() -> 0..3 = x / 2
        action Send(n: 0..3) { require x < 7
            x = x + 1
            msgs += {Req { n: n }} }
        action Answer(m in msgs) { require m is Req
            msgs += {Ack { n: m.n, ok: x > 3 }} }
        action Log { require len(log) < 3
            log = append(log, x) }
        invariant Fine: x <= 7
        view: half(), { m.n for m in msgs if m is Ack }, len(log) > 1, log
    ";
    let (model, outcome) = run(text, true, &options(false));
    assert_eq!(outcome.verdict, Verdict::Holds);
    assert!(
        ravel::report::fast_path(&model)
            .starts_with("fast path: all 3 actions, 1 property and the view"),
        "{}",
        ravel::report::fast_path(&model)
    );
    let (full, _) = run(text, false, &options(false));
    // On every reachable state, the fast view equals the reference's.
    let (mut worker, mut fast, mut reference) = (model.worker(), Vec::new(), Vec::new());
    let mut checked = 0;
    for s in reachable(&full) {
        model.view_of(&mut worker, &s, &mut fast).unwrap();
        model.reference_view(&s, &mut reference).unwrap();
        assert_eq!(fast, reference, "on {:?}", model.decode(&s));
        checked += 1;
    }
    assert!(checked > 1000, "only {checked} states");
}

#[test]
fn warnings_name_what_reads_a_variable_the_view_leaves_out() {
    let dir = tempdir();
    let spec = dir.join("hazard.rvl");
    std::fs::write(
        &spec,
        "var x: 0..3 = 0
var hist: seq<0..3, 6> = []
fn full() -> bool = len(hist) == 6

action Inc {
    require x < 3 and not full()
    let h = len(hist)
    x = if h > 2 then 3 else x + 1
    hist = append(hist, x)
}

action Reset {
    require x == 3
    x = 0
}

invariant Small: x <= 3 or len(hist) > 7
view: x
",
    )
    .unwrap();
    let path = spec.display().to_string();
    let (out, code) = stdout(&["check", &path]);
    assert_eq!(code, 0, "{out}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        [
            format!(
                "warning: the view may merge states that behave differently: invariant `Small` reads `hist` ({path}:17:32), which the view leaves out"
            ),
            format!(
                "warning: the view may merge states that behave differently: a guard of action `Inc` reads `hist` ({path}:6:27), which the view leaves out"
            ),
            format!(
                "warning: the view may merge states that behave differently: the new value of `x` in action `Inc` reads `hist` ({path}:7:17), which the view leaves out"
            ),
        ]
    );
    // `--no-view` explores every state, with no view and no warning.
    let (out, _) = stdout(&["check", "--no-view", &path]);
    assert!(!out.contains("warning"), "{out}");
    assert!(!out.contains("view:"), "{out}");
}

#[test]
fn the_report_says_the_counts_are_views_and_symmetry_steps_aside() {
    let text = std::fs::read_to_string(format!(
        "{ROOT}/specs/two_phase_commit/two_phase_commit_audit.rvl"
    ))
    .unwrap()
    .replace(
        "const RM = {r1, r2, r3}",
        "const RM = symmetric {r1, r2, r3}",
    );
    let dir = tempdir();
    let spec = dir.join("audit.rvl");
    std::fs::write(&spec, text).unwrap();
    let (out, code) = stdout(&["check", &spec.display().to_string()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("288 distinct states, 1,146 transitions, depth 11"),
        "{out}"
    );
    assert!(
        out.contains("view: states with the same view count as one (288 views; the first state reached with each is the one explored)"),
        "{out}"
    );
    assert!(
        out.contains("warning: symmetric RM is not reduced: the spec declares a view, which Ravel applies to every state"),
        "{out}"
    );
}

#[test]
fn a_run_with_a_view_resumes_from_its_checkpoint() {
    let dir = tempdir();
    let cp = dir.join("cp");
    let spec = format!("{ROOT}/specs/two_phase_commit/two_phase_commit_audit.rvl");
    let cp_arg = cp.display().to_string();
    let rm = "RM={r1,r2,r3,r4,r5,r6}";
    let (whole, code) = stdout(&["check", &spec, "--const", rm]);
    assert_eq!(code, 0, "{whole}");
    assert!(
        whole.contains("50,816 distinct states, 402,306 transitions, depth 20"),
        "{whole}"
    );
    let (first, code) = stdout(&[
        "check",
        &spec,
        "--const",
        rm,
        "--checkpoint",
        &cp_arg,
        "--checkpoint-every",
        "0.01",
        "--max-states",
        "40000",
    ]);
    assert_eq!(code, 3, "{first}");
    assert!(first.contains("continue it with --resume"), "{first}");
    let (resumed, code) = stdout(&["check", &spec, "--const", rm, "--resume", &cp_arg]);
    assert_eq!(code, 0, "{resumed}");
    assert!(
        resumed.contains("50,816 distinct states, 402,306 transitions, depth 20"),
        "{resumed}"
    );
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ravel-view-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
