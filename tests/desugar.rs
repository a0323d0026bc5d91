//! Sugar equals core: every distributed-systems construct gives exactly the
//! states of the core-language model it stands for (docs/distributed.md).
//!
//! `tests/desugar/NAME.rvl` is written with the constructs;
//! `tests/desugar/NAME.core.rvl` is the same model written by hand in the
//! core language, following the documented desugaring statement by
//! statement. Both are checked with the options of the `// expect ...:`
//! line of `NAME.rvl` (the format of `tests/specs.rs`), and must give the
//! same verdict (the same property), the same distinct states, transitions
//! and depth, and a trace (or lasso) of the same length; the construct side
//! must also give what its `// expect` line says (`depth=` is the search's
//! depth here, also for a violation), so that a pair cannot agree on
//! something vacuous. The core side must use no construct at all.
//!
//! A library spec can have a core twin too: `tests/desugar/NAME.core.rvl`
//! whose first line is `// sugar: specs/TOPIC/FILE.rvl` is paired with that
//! spec, under the spec's single `// expect ...:` line.
//!
//! A pair whose sides are known to disagree carries a line
//! `// known mismatch: WHY` in `NAME.rvl`: it is still run, and the test
//! fails if it has started to agree (remove the line then). Every mismatch
//! in every pair is gathered and reported at once, with both sides' numbers.

mod common;

use std::fmt;
use std::path::{Path, PathBuf};

use common::{Expectation, run};
use ravel::explore::{Options, Verdict};

/// What checking one side of a pair gave.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    /// `holds`, `violated`, `deadlock`, `unreachable`, `error`.
    verdict: &'static str,
    /// The property violated or unreached.
    property: Option<String>,
    distinct: u64,
    transitions: u64,
    depth: u32,
    /// States in the trace or lasso (`None` when the spec holds).
    trace: Option<usize>,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.verdict)?;
        if let Some(p) = &self.property {
            write!(f, " {p}")?;
        }
        write!(
            f,
            ", {} distinct, {} transitions, depth {}",
            self.distinct, self.transitions, self.depth
        )?;
        if let Some(n) = self.trace {
            write!(f, ", trace of {n} states")?;
        }
        Ok(())
    }
}

/// Check one side; `core`: it must not use any construct.
fn outcome(path: &Path, e: &Expectation, core: bool) -> Result<Outcome, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("unreadable: {err}"))?;
    let options = Options {
        deadlock: !e.no_deadlock,
        ..Options::default()
    };
    let (model, result) = run(&path.display().to_string(), &text, &e.overrides, &options)?;
    let spec = &model.spec;
    if core && (!spec.processes.is_empty() || !spec.channels.is_empty() || spec.time.is_some()) {
        return Err("the core side uses processes, channels or time".into());
    }
    let name = |id: ravel::check::ir::PropertyId| Some(spec.properties[id.index()].name.clone());
    let (verdict, property, trace) = match &result.verdict {
        Verdict::Holds => ("holds", None, None),
        Verdict::InvariantViolated(p, t) => ("violated", name(*p), Some(t.steps.len())),
        Verdict::Deadlock(t) => ("deadlock", None, Some(t.steps.len())),
        Verdict::Unreachable(ps) => ("unreachable", ps.first().and_then(|p| name(*p)), None),
        Verdict::PropertyError(_, t) => ("error", None, Some(t.steps.len())),
        Verdict::ActionError(_, t) => ("error", None, Some(t.steps.len())),
        Verdict::Incomplete(why) => return Err(format!("incomplete: {why:?}")),
        Verdict::NoInitialState(why) => return Err(format!("no initial state: {why:?}")),
        Verdict::LivenessViolated(p, lasso) => (
            "violated",
            Some(spec.liveness[p.index()].name.clone()),
            Some(lasso.trace.steps.len()),
        ),
    };
    let stats = result.stats;
    Ok(Outcome {
        verdict,
        property,
        distinct: stats.distinct,
        transitions: stats.transitions,
        depth: stats.depth,
        trace,
    })
}

/// How the construct side differs from its `// expect` line.
fn unexpected(got: &Outcome, e: &Expectation) -> Vec<String> {
    let mut out = Vec::new();
    if got.verdict != e.verdict || (e.property.is_some() && got.property != e.property) {
        let want = format!(
            "{}{}",
            e.verdict,
            e.property
                .as_ref()
                .map(|p| format!(" {p}"))
                .unwrap_or_default()
        );
        out.push(format!("verdict `{want}` expected"));
    }
    if e.distinct.is_some_and(|n| n != got.distinct) {
        out.push(format!("{} distinct expected", e.distinct.unwrap_or(0)));
    }
    if e.transitions.is_some_and(|n| n != got.transitions) {
        out.push(format!(
            "{} transitions expected",
            e.transitions.unwrap_or(0)
        ));
    }
    if e.depth.is_some_and(|n| n != u64::from(got.depth)) {
        out.push(format!("depth {} expected", e.depth.unwrap_or(0)));
    }
    out
}

/// Every `NAME.rvl` of tests/desugar with its `NAME.core.rvl`, and every
/// `NAME.core.rvl` whose first line `// sugar: specs/...` names the library
/// spec it mirrors.
fn pairs(failures: &mut Vec<String>) -> Vec<(String, PathBuf, PathBuf)> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/desugar"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/desugar exists")
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| n.ends_with(".rvl"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in &names {
        if let Some(stem) = name.strip_suffix(".core.rvl") {
            if names.contains(&format!("{stem}.rvl")) {
                continue;
            }
            // A core twin of a library spec names it on its first line.
            let text = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            let sugar = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("// sugar:"))
                .map(|p| Path::new(env!("CARGO_MANIFEST_DIR")).join(p.trim()));
            match sugar {
                Some(sugar) if sugar.is_file() => {
                    out.push((stem.to_string(), sugar, dir.join(name)));
                }
                Some(sugar) => failures.push(format!("{name}: no {} to mirror", sugar.display())),
                None => failures.push(format!(
                    "{name}: no {stem}.rvl beside it, and no `// sugar: PATH` first line"
                )),
            }
            continue;
        }
        let stem = name.strip_suffix(".rvl").expect("an .rvl file");
        let core = format!("{stem}.core.rvl");
        if !names.contains(&core) {
            failures.push(format!("{name}: no {core} beside it"));
            continue;
        }
        out.push((stem.to_string(), dir.join(name), dir.join(core)));
    }
    out
}

#[test]
fn every_construct_gives_the_states_of_its_desugaring() {
    let mut failures = Vec::new();
    let pairs = pairs(&mut failures);
    assert!(pairs.len() >= 12, "only {} pairs", pairs.len());
    for (stem, sugar, core) in pairs {
        let text = std::fs::read_to_string(&sugar).expect("readable");
        let known = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("// known mismatch:"))
            .map(str::trim);
        let expectations = Expectation::parse_all(&text, false);
        let [e] = &expectations[..] else {
            failures.push(format!("{stem}: needs exactly one `// expect ...:` line"));
            continue;
        };
        let problems = match (outcome(&sugar, e, false), outcome(&core, e, true)) {
            (Ok(s), Ok(c)) => {
                let mut problems = Vec::new();
                if s != c {
                    problems.push(format!("construct: {s}\n    core:      {c}"));
                }
                let off = unexpected(&s, e);
                if !off.is_empty() {
                    problems.push(format!("construct gives {s}: {}", off.join(", ")));
                }
                problems
            }
            (s, c) => [("construct", s), ("core", c)]
                .into_iter()
                .filter_map(|(side, r)| r.err().map(|err| format!("{side}: {err}")))
                .collect(),
        };
        match (known, problems.is_empty()) {
            (None, true) | (Some(_), false) => {}
            (None, false) => failures.push(format!("{stem}:\n    {}", problems.join("\n    "))),
            (Some(why), true) => failures.push(format!(
                "{stem}: marked `known mismatch: {why}`, but both sides now agree: remove the mark"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
