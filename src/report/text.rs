//! The outcome as plain text: a verdict headline, the property's source
//! drawn by miette, the trace, and a summary line of counts.
//!
//! ```text
//! ✗ invariant Consistent is violated
//!
//!   × `Consistent` is false in state 7, the last state of the trace
//!   ...miette snippet of the property...
//!
//! Trace:
//!   1. initial state
//!        tm_state: init
//!   2. TMAbort
//!        tm_state: init → aborted
//!
//! 288 distinct states, 1,146 transitions, depth 11, 0.01 s
//! ```

use std::fmt::Write;

use crate::check::ir::{PropertyDef, PropertyId, PropertyKind, Spec};
use crate::compile::{ActionError, Model, RuntimeError};
use crate::diagnostic::{Details, Diagnostic, Failure};
use crate::explore::memory::show_bytes;
use crate::explore::{NoInitialState, Outcome, Stats, StopReason, Trace, Verdict, group_digits};
use crate::source::Source;

use super::Style;
use super::lasso;
use super::steps::{self, action_instance};

/// The whole report for an outcome.
pub fn render(outcome: &Outcome, model: &Model, source: &Source, style: &Style) -> String {
    let mut out = findings(outcome, model, source, style);
    out.push_str(&summary(&outcome.stats, style));
    out.push('\n');
    out.push_str(&notes(outcome, model));
    out.push_str(&super::coverage::warning_lines(outcome, model, source));
    out
}

/// The verdict's headline, its diagnostics and its trace (or lasso); with
/// `--continue`, each other finding after it.
pub fn findings(outcome: &Outcome, model: &Model, source: &Source, style: &Style) -> String {
    let mut out = String::new();
    finding(&mut out, &outcome.verdict, outcome, model, source, style);
    for (i, verdict) in outcome.also.iter().enumerate() {
        if i == 0 {
            out.push_str("also found (--continue), each the first violation of its property:\n\n");
        }
        finding(&mut out, verdict, outcome, model, source, style);
    }
    out
}

/// One finding: its headline, its diagnostics and its trace or lasso.
fn finding(
    out: &mut String,
    verdict: &Verdict,
    outcome: &Outcome,
    model: &Model,
    source: &Source,
    style: &Style,
) {
    let (headline, diagnostics, trace) = match verdict {
        Verdict::LivenessViolated(id, lasso) => {
            let (headline, diagnostic) = lasso::parts(model, source, *id, lasso);
            (headline, vec![diagnostic], None)
        }
        verdict => verdict_parts(verdict, &outcome.stats, model),
    };
    let _ = writeln!(out, "{headline}");
    if let (Verdict::Incomplete(_), Some(dir)) = (verdict, &outcome.checkpointed) {
        let dir = dir.display();
        let _ = writeln!(
            out,
            "  the search so far is saved in {dir}: continue it with --resume {dir}"
        );
    }
    if !diagnostics.is_empty() {
        out.push('\n');
        out.push_str(
            Failure::new(source, diagnostics)
                .render(style.colour)
                .trim_end(),
        );
        out.push_str("\n\n");
    }
    if let Some(trace) = trace {
        out.push_str("Trace:\n");
        out.push_str(&steps::render(model, trace));
        if let Verdict::ActionError(error, trace) = verdict {
            let n = trace.steps.len() + 1;
            let _ = writeln!(
                out,
                "  {n}. {} fails: {}",
                action_instance(model, error.action, &error.args),
                error.error.kind.details().message
            );
        }
        out.push('\n');
    }
    if let Verdict::InvariantViolated(id, trace) = verdict
        && let Some(text) = disagreement(model, *id, trace)
    {
        let _ = writeln!(out, "{text}\n");
    }
    if let Verdict::InvariantViolated(id, trace) = verdict
        && let Some(text) = super::refinement::render(model, *id, trace)
    {
        out.push_str(&text);
        out.push('\n');
    }
    if let Verdict::LivenessViolated(_, lasso) = verdict {
        out.push_str(&lasso::render(model, lasso));
        out.push('\n');
    }
}

/// A warning when the reference interpreter finds a violated invariant
/// true in the last state of its trace: the search (on the compiled
/// evaluator) and the reference disagree, so the verdict is not to be
/// trusted. (The trace is rebuilt on the reference: where it cannot follow
/// a step the search took, it stops early, in a state where the invariant
/// may hold.)
pub fn disagreement(model: &Model, id: PropertyId, trace: &Trace) -> Option<String> {
    let def = model.spec.properties.get(id.index())?;
    let refines = matches!(def.body.kind, crate::check::ir::ExprKind::Refines(..));
    if def.kind != PropertyKind::Invariant || refines {
        return None;
    }
    let last = trace.steps.last()?;
    match model.holds_expr(&def.frame, &def.body, &last.state) {
        Ok(true) => Some(format!(
            "internal error: the reference interpreter finds `{}` true in the last state of this trace, where the search found it false. Ravel's compiled evaluator and its reference interpreter disagree, so this verdict cannot be trusted: please report it, with the spec.",
            def.name
        )),
        _ => None,
    }
}

/// The notes under the summary: the time bound, the fingerprints' risk.
pub fn notes(outcome: &Outcome, model: &Model) -> String {
    let mut out = String::new();
    if let Some(line) = symmetry_note(outcome, model) {
        let _ = writeln!(out, "{line}");
    }
    if model.por().is_some()
        && let Some(line) = por_note(outcome)
    {
        let _ = writeln!(out, "{line}");
    }
    if model.view().is_some() {
        let views = count(outcome.stats.distinct, "view", "views");
        let _ = writeln!(
            out,
            "view: states with the same view count as one ({views}; the first state reached \
             with each is the one explored)"
        );
    }
    if let Some(time) = &model.spec.time {
        let _ = writeln!(
            out,
            "time: behaviours end at now = {} (raise the bound of `time` to see further)",
            time.hi
        );
    }
    if let Some(p) = outcome.collision_probability {
        let _ = writeln!(
            out,
            "fingerprints: the probability that a collision hid a state is about {p:.1e} \
             (TLC's optimistic estimate)"
        );
    }
    out
}

/// `--stats`: each reduction's factor and cost, one line each.
pub fn reduction_stats(outcome: &Outcome) -> String {
    let stats = &outcome.stats;
    let mut out = String::new();
    let percent = |part: u64, whole: u64| 100.0 * part as f64 / whole.max(1) as f64;
    if let Some(time) = stats.canonical {
        let stands_for = outcome.coverage.stands_for;
        let factor = stands_for as f64 / stats.distinct.max(1) as f64;
        let _ = writeln!(
            out,
            "stats: symmetry: {} states stand for {} (factor {factor:.2}); canonicalising took {:.3} s \
             (summed over threads)",
            group_digits(stats.distinct),
            group_digits(u64::try_from(stands_for).unwrap_or(u64::MAX)),
            time.as_secs_f64()
        );
    }
    if let Some(por) = stats.por {
        let _ = writeln!(
            out,
            "stats: partial-order reduction: {} of {} successors left out ({:.1}%) at {} of {} \
             states expanded; the cycle proviso expanded {} fully; choosing took {:.3} s \
             (summed over threads)",
            group_digits(por.pruned),
            group_digits(por.enabled),
            percent(por.pruned, por.enabled),
            group_digits(por.reduced),
            group_digits(por.states),
            group_digits(por.proviso),
            por.nanos as f64 / 1e9
        );
    }
    out
}

/// `partial-order reduction: ...`, when the reduction is on.
fn por_note(outcome: &Outcome) -> Option<String> {
    let por = outcome.stats.por.unwrap_or_default();
    Some(format!(
        "partial-order reduction: {} of {} states took one order of independent steps \
         ({} of {} successors left out; --no-por explores every interleaving)",
        group_digits(por.reduced),
        group_digits(por.states),
        group_digits(por.pruned),
        group_digits(por.enabled)
    ))
}

/// `symmetry: the 80 states stand for 288 (one per renaming of RM's 3
/// values)`, under symmetry reduction.
pub fn symmetry_note(outcome: &Outcome, model: &Model) -> Option<String> {
    let reduced = &model.reduction().reduced;
    model.symmetry()?;
    let sets: Vec<String> = reduced
        .iter()
        .map(|g| format!("{}'s {} values", g.name, g.size))
        .collect();
    let stand_for = outcome.coverage.stands_for;
    let states = group_digits(outcome.stats.distinct);
    let total = match u64::try_from(stand_for) {
        Ok(n) => group_digits(n),
        Err(_) => stand_for.to_string(),
    };
    let since = if outcome.coverage.whole {
        ""
    } else {
        " (since the checkpoint resumed)"
    };
    if stand_for == 0 {
        // Too many renamings to count orbits in.
        return Some(format!(
            "symmetry: one state per renaming of {} (--no-symmetry explores them all)",
            sets.join(" and ")
        ));
    }
    Some(format!(
        "symmetry: the {states} states stand for {total}{since}, one per renaming of {} (--no-symmetry explores them all)",
        sets.join(" and ")
    ))
}

/// `288 distinct states, 1,146 transitions, depth 11, 0.01 s`.
pub fn summary(stats: &Stats, style: &Style) -> String {
    let mut line = format!(
        "{}, {}, depth {}",
        count(stats.distinct, "distinct state", "distinct states"),
        count(stats.transitions, "transition", "transitions"),
        stats.depth
    );
    if style.timing {
        let _ = write!(line, ", {:.2} s", stats.elapsed.as_secs_f64());
        if let Some(liveness) = stats.liveness {
            let _ = write!(line, " (liveness {:.2} s)", liveness.as_secs_f64());
        }
    }
    line
}

/// `1 transition`, `1,146 transitions`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", group_digits(n), if n == 1 { one } else { many })
}

/// The headline, the diagnostics under it and the trace, per verdict.
fn verdict_parts<'a>(
    verdict: &'a Verdict,
    stats: &Stats,
    model: &Model,
) -> (String, Vec<Diagnostic>, Option<&'a Trace>) {
    let spec = &model.spec;
    match verdict {
        Verdict::Holds => (holds_headline(spec), Vec::new(), None),
        Verdict::InvariantViolated(id, trace)
            if let Some((headline, message, label)) =
                super::refinement::describe(spec, *id, trace.steps.len()) =>
        {
            let details = Details {
                message,
                label,
                help: None,
            };
            let span = spec.refinement.as_ref().map(|r| r.path_span);
            (headline, vec![Diagnostic { details, span }], Some(trace))
        }
        Verdict::InvariantViolated(id, trace) => {
            let name = property_name(spec, *id);
            let n = trace.steps.len();
            let kind = spec
                .properties
                .get(id.index())
                .map_or(PropertyKind::Invariant, |p| p.kind);
            let (message, label) = match kind {
                PropertyKind::Transition => (
                    format!("`{name}` is false on step {n}, the last step of the trace"),
                    format!("false on the step to state {n}"),
                ),
                _ => (
                    format!("`{name}` is false in state {n}, the last state of the trace"),
                    format!("false in state {n}"),
                ),
            };
            let details = Details {
                message,
                label,
                help: None,
            };
            let diagnostic = property_diagnostic(spec, *id, details);
            (
                format!("✗ {} {name} is violated", kind_word(kind)),
                vec![diagnostic],
                Some(trace),
            )
        }
        Verdict::Deadlock(trace) => {
            let details = Details {
                message: format!(
                    "state {} has no successor, and no `terminal` property holds there",
                    trace.steps.len()
                ),
                label: String::new(),
                help: Some(
                    "if stopping there is legitimate, declare it with `terminal Name: <condition>`, \
                     or run with --no-deadlock"
                        .to_string(),
                ),
            };
            let diagnostic = Diagnostic {
                details,
                span: None,
            };
            (
                "✗ deadlock reached".to_string(),
                vec![diagnostic],
                Some(trace),
            )
        }
        Verdict::Unreachable(ids) => unreachable_parts(spec, ids),
        Verdict::PropertyError(error, trace) => {
            let (context, place) = if trace.steps.is_empty() {
                (
                    " in the initial states".to_string(),
                    "while computing the initial states".to_string(),
                )
            } else {
                let context = property_around(spec, error)
                    .map(|p| format!(" in {} {}", kind_word(p.kind), p.name))
                    .unwrap_or_default();
                (context, format!("in state {}", trace.steps.len()))
            };
            let message = error.kind.details().message;
            let headline = format!("✗ runtime error{context}: {message}");
            let trace = (!trace.steps.is_empty()).then_some(trace);
            (headline, vec![runtime_diagnostic(error, &place)], trace)
        }
        Verdict::ActionError(error, trace) => action_error_parts(model, error, trace),
        Verdict::LivenessViolated(..) => {
            ("✗ a liveness property is violated".into(), Vec::new(), None)
        }
        Verdict::NoInitialState(why) => no_initial_state_parts(spec, *why),
        Verdict::Incomplete(reason) => (
            format!(
                "? incomplete: {}\n  no property is violated in the states explored so far",
                stop_reason(reason, stats)
            ),
            Vec::new(),
            None,
        ),
    }
}

/// Why the search stopped early, as the user reads it.
fn stop_reason(reason: &StopReason, stats: &Stats) -> String {
    let stored = count(stats.distinct, "distinct state", "distinct states");
    match reason {
        StopReason::MaxStates => format!("stopped after {stored} (--max-states)"),
        StopReason::StoreFull => format!("stopped after {stored}: the state store is full"),
        StopReason::Memory(budget) => format!(
            "stopped after {stored}: the memory budget ({}) is used up (--memory)",
            show_bytes(*budget)
        ),
        StopReason::Interrupted => format!("interrupted after {stored}"),
        StopReason::LivenessLimit(limit) => format!(
            "the liveness graph reached the limit of {} states",
            group_digits(*limit)
        ),
        StopReason::LivenessMemory(budget) => format!(
            "the liveness graph would exceed the memory budget of {} (--memory)",
            show_bytes(*budget)
        ),
        StopReason::LivenessInterrupted => "interrupted while building the liveness graph".into(),
        StopReason::CheckpointFailed(why) => {
            format!("stopped after {stored}: the checkpoint failed ({why})")
        }
    }
}

/// `✓ all properties hold (Consistent, SomeoneCommits)`.
fn holds_headline(spec: &Spec) -> String {
    let names: Vec<String> = spec
        .properties
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            matches!(
                p.kind,
                PropertyKind::Invariant | PropertyKind::Reachable | PropertyKind::Transition
            )
        })
        .map(
            |(i, p)| match super::refinement::refined(spec, PropertyId(i as u32)) {
                Some(name) => format!("refines {name}"),
                None => p.name.clone(),
            },
        )
        .chain(spec.liveness.iter().map(|l| l.name.clone()))
        .fold(Vec::new(), |mut names, n| {
            // One name for all the properties of a `forall`.
            if !names.contains(&n) {
                names.push(n);
            }
            names
        });
    if names.is_empty() {
        "✓ no error found (the spec declares no invariant, reachable or transition)".to_string()
    } else {
        format!("✓ all properties hold ({})", names.join(", "))
    }
}

fn unreachable_parts<'a>(
    spec: &Spec,
    ids: &[PropertyId],
) -> (String, Vec<Diagnostic>, Option<&'a Trace>) {
    let names: Vec<&str> = ids.iter().map(|id| property_name(spec, *id)).collect();
    let headline = match names.as_slice() {
        [one] => format!("✗ reachable {one} is never reached"),
        many => format!("✗ reachables {} are never reached", many.join(", ")),
    };
    let diagnostics = ids
        .iter()
        .map(|&id| {
            let details = Details {
                message: format!(
                    "`{}` is false in every reachable state",
                    property_name(spec, id)
                ),
                label: "never true".to_string(),
                help: Some(
                    "no run of the spec gets here: check the guards of the actions that \
                     should lead to such a state"
                        .to_string(),
                ),
            };
            property_diagnostic(spec, id, details)
        })
        .collect();
    (headline, diagnostics, None)
}

/// No initial state: the diagnostic points at the `init` block, or at the
/// constraint every initial state is outside of.
fn no_initial_state_parts<'a>(
    spec: &Spec,
    why: NoInitialState,
) -> (String, Vec<Diagnostic>, Option<&'a Trace>) {
    let (details, span) = match why {
        NoInitialState::NoBranch => (
            Details {
                message: "`init` gives no initial state: every branch of it is dropped".into(),
                label: "no state comes out of this".into(),
                help: Some(
                    "a `require` in `init` is false on every branch, or a `choose` ranges over \
                     an empty set; with no initial state there is nothing to check"
                        .into(),
                ),
            },
            spec.init.as_ref().map(|body| body.span),
        ),
        NoInitialState::OutsideConstraint(id) => (
            Details {
                message: format!(
                    "no initial state satisfies the constraints: the first is outside `{}`",
                    property_name(spec, id)
                ),
                label: "false in the initial state".into(),
                help: Some(
                    "states outside a constraint are not explored; with no initial state \
                     inside, there is nothing to check"
                        .into(),
                ),
            },
            spec.properties.get(id.index()).map(|p| p.body.span),
        ),
    };
    (
        "✗ no initial state".to_string(),
        vec![Diagnostic { details, span }],
        None,
    )
}

fn action_error_parts<'a>(
    model: &Model,
    error: &ActionError,
    trace: &'a Trace,
) -> (String, Vec<Diagnostic>, Option<&'a Trace>) {
    let instance = action_instance(model, error.action, &error.args);
    let headline = format!(
        "✗ runtime error in action {instance}: {}",
        error.error.kind.details().message
    );
    let place = format!("taking {instance} from state {}", trace.steps.len());
    (
        headline,
        vec![runtime_diagnostic(&error.error, &place)],
        Some(trace),
    )
}

/// A runtime error's own wording, its place in the trace added to the label.
fn runtime_diagnostic(error: &RuntimeError, place: &str) -> Diagnostic {
    let mut details = error.kind.details();
    details.label = if details.label.is_empty() {
        place.to_string()
    } else {
        format!("{} ({place})", details.label)
    };
    Diagnostic {
        details,
        span: Some(error.span),
    }
}

/// A diagnostic pointing at a property's predicate.
fn property_diagnostic(spec: &Spec, id: PropertyId, details: Details) -> Diagnostic {
    Diagnostic {
        details,
        span: spec.properties.get(id.index()).map(|p| p.body.span),
    }
}

/// The property whose declaration contains the error's span, if any (an
/// error inside a helper function called from a property has none).
fn property_around<'a>(spec: &'a Spec, error: &RuntimeError) -> Option<&'a PropertyDef> {
    spec.properties
        .iter()
        .find(|p| p.span.start <= error.span.start && error.span.end <= p.span.end)
}

/// The keyword declaring a property of this kind.
fn kind_word(kind: PropertyKind) -> &'static str {
    match kind {
        PropertyKind::Invariant => "invariant",
        PropertyKind::Reachable => "reachable",
        PropertyKind::Constraint => "constraint",
        PropertyKind::Terminal => "terminal",
        PropertyKind::Transition => "transition",
        PropertyKind::Initial => "refinement",
    }
}

fn property_name(spec: &Spec, id: PropertyId) -> &str {
    spec.properties
        .get(id.index())
        .map_or("?", |p| p.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::{self, Options};
    use crate::source::Source;

    fn model(src: &str) -> Model {
        let ast = crate::syntax::parse(&Source::new("t.rvl", src)).expect("parses");
        crate::compile::compile(crate::check::check(&ast, &[]).expect("checks"))
    }

    const SPEC: &str = "var x: 0..3 = 0
        action Inc { require x < 3
            x = x + 1 }
        invariant Small: x < 2";

    /// A violation the reference confirms gives no warning; a trace whose
    /// last state satisfies the invariant (as when the reference cannot
    /// follow the search's last step) gives the internal error.
    #[test]
    fn a_violation_the_reference_does_not_confirm_is_an_internal_error() {
        let model = model(SPEC);
        let outcome = explore::explore(&model, &Options::default(), &mut ());
        let Verdict::InvariantViolated(id, trace) = &outcome.verdict else {
            panic!("expected a violation, got {:?}", outcome.verdict);
        };
        assert_eq!(trace.steps.len(), 3);
        assert_eq!(disagreement(&model, *id, trace), None);
        let short = Trace {
            steps: trace.steps[..2].to_vec(),
        };
        let text = disagreement(&model, *id, &short).expect("a warning");
        assert!(
            text.starts_with(
                "internal error: the reference interpreter finds `Small` true in the last state of this trace"
            ),
            "{text}"
        );
    }
}
