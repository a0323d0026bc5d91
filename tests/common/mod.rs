//! Test helpers that read like the domain: run a spec through every stage
//! and compare what comes out with what a header or a test expects.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ravel::check::{self, ConstOverride};
use ravel::compile;
use ravel::explore::{self, Options, Outcome, Verdict};
use ravel::source::Source;

/// `ravel ARGS...` from the repository root, without timings or colour.
pub fn ravel_command(args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ravel"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("RAVEL_NO_TIME", "1")
        .env("NO_COLOR", "1");
    command
}

/// Every bundled spec, sorted.
pub fn spec_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/specs")),
        &mut out,
    );
    out.sort();
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rvl") {
            out.push(path);
        }
    }
}

/// One `// expect ...: verdict key=value ...` line.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// The line as written, for messages.
    pub line: String,
    /// `--const` overrides.
    pub overrides: Vec<ConstOverride>,
    /// `--no-deadlock` given.
    pub no_deadlock: bool,
    /// `--no-symmetry` given.
    pub no_symmetry: bool,
    /// `--no-view`: states told apart by all their variables.
    pub no_view: bool,
    /// `--no-por`: every interleaving explored.
    pub no_por: bool,
    /// `holds`, `violated`, `deadlock`, `unreachable`, `error`.
    pub verdict: String,
    /// The property named after `violated` / `unreachable`.
    pub property: Option<String>,
    /// `distinct=`, `transitions=`, `depth=`.
    pub distinct: Option<u64>,
    pub transitions: Option<u64>,
    pub depth: Option<u64>,
}

impl Expectation {
    /// The expectations in a spec's text: the normal ones, or the slow ones.
    pub fn parse_all(text: &str, slow: bool) -> Vec<Expectation> {
        let tag = if slow { "// expect-slow" } else { "// expect" };
        text.lines()
            .map(str::trim)
            .filter(|l| l.starts_with(tag) && (slow || !l.starts_with("// expect-slow")))
            .filter_map(|l| Expectation::parse(l, tag))
            .collect()
    }

    fn parse(line: &str, tag: &str) -> Option<Expectation> {
        let rest = line.strip_prefix(tag)?;
        let (options, outcome) = rest.split_once(':')?;
        let mut e = Expectation {
            line: line.to_string(),
            overrides: Vec::new(),
            no_deadlock: false,
            no_symmetry: false,
            no_view: false,
            no_por: false,
            verdict: String::new(),
            property: None,
            distinct: None,
            transitions: None,
            depth: None,
        };
        let mut words = options.split_whitespace();
        while let Some(word) = words.next() {
            match word {
                "--no-deadlock" => e.no_deadlock = true,
                "--no-symmetry" => e.no_symmetry = true,
                "--no-view" => e.no_view = true,
                "--no-por" => e.no_por = true,
                "--const" => {
                    let (name, value) = words.next()?.split_once('=')?;
                    e.overrides.push(ConstOverride {
                        name: name.into(),
                        value: value.into(),
                    });
                }
                _ => return None,
            }
        }
        let mut words = outcome.split_whitespace();
        e.verdict = words.next()?.to_string();
        for word in words {
            match word.split_once('=') {
                Some(("distinct", n)) => e.distinct = n.parse().ok(),
                Some(("transitions", n)) => e.transitions = n.parse().ok(),
                Some(("depth", n)) => e.depth = n.parse().ok(),
                None => e.property = Some(word.to_string()),
                _ => return None,
            }
        }
        Some(e)
    }
}

/// Run a spec through every stage with these overrides and options,
/// reducing by its symmetry as `ravel check` does.
pub fn run(
    name: &str,
    text: &str,
    overrides: &[ConstOverride],
    options: &Options,
) -> Result<(compile::Model, Outcome), String> {
    run_reduced(name, text, overrides, options, true)
}

/// [`run`], with symmetry reduction on or off (`--no-symmetry`).
pub fn run_reduced(
    name: &str,
    text: &str,
    overrides: &[ConstOverride],
    options: &Options,
    symmetry: bool,
) -> Result<(compile::Model, Outcome), String> {
    let reductions = Reductions {
        symmetry,
        ..Reductions::ALL
    };
    run_with(name, text, overrides, options, reductions)
}

/// Which of a spec's reductions a run applies (each one `--no-...` turns
/// off).
#[derive(Clone, Copy, Debug)]
pub struct Reductions {
    /// Symmetry reduction (`--no-symmetry`).
    pub symmetry: bool,
    /// The spec's `view` (`--no-view`).
    pub view: bool,
    /// Partial-order reduction (`--no-por`).
    pub por: bool,
}

impl Reductions {
    /// Every reduction the spec declares.
    pub const ALL: Reductions = Reductions {
        symmetry: true,
        view: true,
        por: true,
    };
}

/// [`run_reduced`], with each of the spec's reductions used or not.
pub fn run_with(
    name: &str,
    text: &str,
    overrides: &[ConstOverride],
    options: &Options,
    reductions: Reductions,
) -> Result<(compile::Model, Outcome), String> {
    let Reductions {
        symmetry,
        view,
        por,
    } = reductions;
    let source = Source::new(name, text);
    let ast =
        ravel::parse_spec(&source).map_err(|f| format!("syntax error: {}", f.render(false)))?;
    let ir = check::check(&ast, overrides).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.kind.details().message).collect();
        format!("check errors: {}", messages.join("; "))
    })?;
    let mut model = compile::compile(ir);
    if !view {
        model.drop_view();
    }
    if symmetry {
        model.reduce_symmetry();
    }
    if por {
        model.reduce_interleavings();
    }
    let outcome = explore::explore(&model, options, &mut ());
    Ok((model, outcome))
}

/// Check one spec file against one expectation.
pub fn check_spec_file(path: &Path, text: &str, e: &Expectation) -> Result<(), String> {
    let options = Options {
        deadlock: !e.no_deadlock,
        ..Options::default()
    };
    let name = path.display().to_string();
    let (model, outcome) = run_with(
        &name,
        text,
        &e.overrides,
        &options,
        Reductions {
            symmetry: !e.no_symmetry,
            view: !e.no_view,
            por: !e.no_por,
        },
    )?;
    let name_of = |id: ravel::check::ir::PropertyId| model.spec.properties[id.index()].name.clone();
    let (verdict, property, trace_len) = match &outcome.verdict {
        Verdict::Holds => ("holds", None, None),
        Verdict::InvariantViolated(p, t) => {
            ("violated", Some(name_of(*p)), Some(t.steps.len() as u64))
        }
        Verdict::Deadlock(t) => ("deadlock", None, Some(t.steps.len() as u64)),
        Verdict::Unreachable(ps) => ("unreachable", ps.first().map(|p| name_of(*p)), None),
        Verdict::PropertyError(_, t) => ("error", None, Some(t.steps.len() as u64)),
        Verdict::ActionError(_, t) => ("error", None, Some(t.steps.len() as u64)),
        Verdict::NoInitialState(why) => return Err(format!("no initial state: {why:?}")),
        Verdict::Incomplete(why) => return Err(format!("incomplete: {why:?}")),
        Verdict::LivenessViolated(p, lasso) => (
            "violated",
            Some(model.spec.liveness[p.index()].name.clone()),
            Some(lasso.trace.steps.len() as u64),
        ),
    };
    let mut problems = Vec::new();
    if verdict != e.verdict {
        problems.push(format!("verdict {verdict}, expected {}", e.verdict));
    }
    if e.property.is_some() && property != e.property {
        problems.push(format!("property {property:?}, expected {:?}", e.property));
    }
    let stats = outcome.stats;
    if let Some(n) = e.distinct.filter(|n| *n != stats.distinct) {
        problems.push(format!("{} distinct states, expected {n}", stats.distinct));
    }
    if let Some(n) = e.transitions.filter(|n| *n != stats.transitions) {
        problems.push(format!("{} transitions, expected {n}", stats.transitions));
    }
    if let Some(n) = e.depth {
        let got = trace_len.unwrap_or(u64::from(stats.depth));
        if got != n {
            problems.push(format!("depth {got}, expected {n}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join(", "))
    }
}

/// Options with deadlock detection on or off.
pub fn options(deadlock: bool) -> Options {
    Options {
        deadlock,
        ..Options::default()
    }
}

pub fn outcome(src: &str, deadlock: bool) -> (compile::Model, Outcome) {
    run("test.rvl", src, &[], &options(deadlock)).unwrap_or_else(|e| panic!("{e}\n--- spec\n{src}"))
}

/// The spec holds with these counts (deadlock detection off).
pub fn counts(src: &str, distinct: u64, transitions: u64, depth: u32) {
    let (_, outcome) = outcome(src, false);
    assert_eq!(outcome.verdict, Verdict::Holds, "spec:\n{src}");
    let s = outcome.stats;
    assert_eq!(
        (s.distinct, s.transitions, s.depth),
        (distinct, transitions, depth),
        "(distinct, transitions, depth) for\n{src}"
    );
}

/// Every property holds (deadlock detection on).
pub fn holds(src: &str) {
    let (_, outcome) = outcome(src, true);
    assert_eq!(outcome.verdict, Verdict::Holds, "spec:\n{src}");
}

/// The invariant `name` is violated with a trace of `states` states.
pub fn violates(src: &str, name: &str, states: usize) {
    let (model, outcome) = outcome(src, true);
    match &outcome.verdict {
        Verdict::InvariantViolated(p, trace) => {
            assert_eq!(model.spec.properties[p.index()].name, name, "spec:\n{src}");
            assert_eq!(trace.steps.len(), states, "trace length for\n{src}");
        }
        other => panic!("expected {name} violated, got {other:?}\n{src}"),
    }
}

/// A deadlock is reached with a trace of `states` states.
pub fn deadlocks(src: &str, states: usize) {
    let (_, outcome) = outcome(src, true);
    match &outcome.verdict {
        Verdict::Deadlock(trace) => {
            assert_eq!(trace.steps.len(), states, "trace length for\n{src}")
        }
        other => panic!("expected a deadlock, got {other:?}\n{src}"),
    }
}

/// The `reachable` property `name` is never reached.
pub fn unreachable(src: &str, name: &str) {
    let (model, outcome) = outcome(src, true);
    match &outcome.verdict {
        Verdict::Unreachable(ps) => {
            let names: Vec<&str> = ps
                .iter()
                .map(|p| model.spec.properties[p.index()].name.as_str())
                .collect();
            assert_eq!(names, [name], "spec:\n{src}");
        }
        other => panic!("expected {name} unreachable, got {other:?}\n{src}"),
    }
}

/// The verdict of a spec (deadlock detection on).
pub fn verdict(src: &str) -> Verdict {
    outcome(src, true).1.verdict
}

/// The runtime error an action raises, and the trace to it.
pub fn action_error(src: &str) -> (compile::ActionError, explore::Trace) {
    match verdict(src) {
        Verdict::ActionError(error, trace) => (error, trace),
        other => panic!("expected an action's runtime error, got {other:?}\n{src}"),
    }
}

/// The runtime error a property raises, and the trace to it.
pub fn property_error(src: &str) -> (compile::RuntimeError, explore::Trace) {
    match verdict(src) {
        Verdict::PropertyError(error, trace) => (error, trace),
        other => panic!("expected a property's runtime error, got {other:?}\n{src}"),
    }
}

/// The spec is rejected before running, with a message containing `fragment`.
pub fn rejects(src: &str, fragment: &str) {
    match run("test.rvl", src, &[], &options(true)) {
        Err(message) => assert!(
            message.contains(fragment),
            "`{message}` lacks `{fragment}`\n{src}"
        ),
        Ok((_, outcome)) => panic!("expected rejection, got {:?}\n{src}", outcome.verdict),
    }
}

/// Every property holds, liveness included (deadlock detection off: a
/// state without successors is where a behaviour stutters forever).
pub fn liveness_holds(src: &str) {
    let (model, outcome) = outcome(src, false);
    assert_eq!(outcome.verdict, Verdict::Holds, "spec:\n{src}");
    assert!(model.spec.liveness.is_empty() || outcome.stats.liveness.is_some());
}

/// The liveness property `name` is violated (deadlock detection off);
/// gives the lasso.
pub fn violates_liveness(src: &str, name: &str) -> explore::Lasso {
    let (model, outcome) = outcome(src, false);
    match outcome.verdict {
        Verdict::LivenessViolated(p, lasso) => {
            assert_eq!(model.spec.liveness[p.index()].name, name, "spec:\n{src}");
            lasso
        }
        other => panic!("expected {name} violated, got {other:?}\n{src}"),
    }
}

/// Every state reachable in `model` (reduced by nothing: the reference
/// successors themselves), breadth-first.
pub fn reachable(model: &compile::Model) -> Vec<Vec<u64>> {
    let mut seen = std::collections::HashSet::new();
    let mut queue = std::collections::VecDeque::new();
    let mut out = Vec::new();
    model
        .initial_states(&mut |s| {
            if seen.insert(s.to_vec()) {
                queue.push_back(s.to_vec());
            }
        })
        .expect("initial states");
    while let Some(s) = queue.pop_front() {
        model
            .successors(&s, &mut |succ| {
                if seen.insert(succ.state.to_vec()) {
                    queue.push_back(succ.state.to_vec());
                }
            })
            .expect("successors");
        out.push(s);
    }
    out
}
