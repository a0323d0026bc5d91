//! A violated liveness property: its headline, the diagnostic at its
//! predicate, and the lasso drawn like a safety trace with a marker where
//! it loops (or stutters) forever.
//!
//! ```text
//! ✗ property Terminates is violated: a fair behaviour never reaches `done`
//!
//!   × `done` never holds on this behaviour
//!   ...miette snippet of the predicate...
//!
//! Lasso (steps 2 to 3 repeat forever):
//!   1. initial state
//!        x: 0
//!   2. Up
//!        x: 0 → 1
//!   3. Down
//!        x: 1 → 0
//!      ↻ back to step 1
//! ```

use std::fmt::Write;

use crate::check::ir::{LivenessDef, LivenessId, LivenessKind};
use crate::compile::Model;
use crate::diagnostic::{Details, Diagnostic};
use crate::explore::{Lasso, LassoEnd};
use crate::source::Source;

use super::steps;

/// The headline and the diagnostic of a violated liveness property.
pub fn parts(
    model: &Model,
    source: &Source,
    id: LivenessId,
    lasso: &Lasso,
) -> (String, Diagnostic) {
    let Some(def) = model.spec.liveness.get(id.index()) else {
        return ("✗ a liveness property is violated".to_string(), no_span());
    };
    let text = |e: &crate::check::ir::Expr| source.slice(e.span).trim().to_string();
    let (what, message, label, span) = match &def.kind {
        LivenessKind::Eventually(p) if def.step => (
            format!("a fair behaviour never takes a step with `{}`", text(p)),
            format!("`{}` holds on no step of this behaviour", text(p)),
            "never true",
            p.span,
        ),
        LivenessKind::AlwaysEventually(p) if def.step => (
            format!("a fair behaviour stops taking steps with `{}`", text(p)),
            format!("`{}` holds on no step of the loop", text(p)),
            "false forever",
            p.span,
        ),
        LivenessKind::Eventually(p) => (
            format!("a fair behaviour never reaches `{}`", text(p)),
            format!("`{}` holds in no state of this behaviour", text(p)),
            "never true",
            p.span,
        ),
        LivenessKind::AlwaysEventually(p) => (
            format!("a fair behaviour stops reaching `{}`", text(p)),
            format!("`{}` never holds again in the loop", text(p)),
            "false forever",
            p.span,
        ),
        LivenessKind::EventuallyAlways(p) => (
            format!("a fair behaviour never settles in `{}`", text(p)),
            format!("`{}` is false again and again in the loop", text(p)),
            "false infinitely often",
            p.span,
        ),
        LivenessKind::EventuallyFrom(p, q) => (
            format!(
                "a fair behaviour from an initial state with `{}` never reaches `{}`",
                text(p),
                text(q)
            ),
            format!("`{}` holds in no state of this behaviour", text(q)),
            "never true",
            q.span,
        ),
        LivenessKind::EventuallyAlwaysFrom(p, q) => (
            format!(
                "a fair behaviour from an initial state with `{}` never settles in `{}`",
                text(p),
                text(q)
            ),
            format!("`{}` is false again and again in the loop", text(q)),
            "false infinitely often",
            q.span,
        ),
        LivenessKind::LeadsTo(p, q) => (
            format!(
                "after `{}`, a fair behaviour never reaches `{}`",
                text(p),
                text(q)
            ),
            format!(
                "`{}` holds in some state, and `{}` in none from there on",
                text(p),
                text(q)
            ),
            "never true after that",
            q.span,
        ),
    };
    let help = help(def, lasso);
    let diagnostic = Diagnostic {
        details: Details {
            message,
            label: label.to_string(),
            help: Some(help),
        },
        span: Some(span),
    };
    (
        format!(
            "✗ property {} is violated: {what}",
            instance_name(model, def)
        ),
        diagnostic,
    )
}

/// A liveness property's name, its part for one of several joined by `and`,
/// and for one of a `forall` its values: `Elected`, `Elected for s = s2`,
/// `Live (part 2 of 3)`.
pub fn instance_name(model: &Model, def: &crate::check::ir::LivenessDef) -> String {
    let name = match def.part {
        Some((i, of)) => format!("{} (part {i} of {of})", def.name),
        None => def.name.clone(),
    };
    if def.instance.is_empty() {
        return name;
    }
    let values: Vec<String> = def
        .instance
        .iter()
        .map(|(name, ty, v)| {
            format!(
                "{name} = {}",
                crate::compile::show::value(&model.spec, *ty, v)
            )
        })
        .collect();
    format!("{name} for {}", values.join(", "))
}

fn no_span() -> Diagnostic {
    Diagnostic {
        details: Details {
            message: String::new(),
            label: String::new(),
            help: None,
        },
        span: None,
    }
}

/// What to do about it: fairness for a stutter, the loop's story otherwise.
fn help(def: &LivenessDef, lasso: &Lasso) -> String {
    let n = lasso.trace.steps.len();
    match lasso.end {
        LassoEnd::Stutters => format!(
            "a behaviour may stop in state {n}, as no fair action is enabled there: either \
             nothing can happen there (a deadlock), or an action that must go on is not \
             declared `fair action` (or `strong fair action`)"
        ),
        LassoEnd::BackTo(k) => format!(
            "steps {} to {n} may repeat forever: every fair action is taken in that loop \
             or disabled somewhere in it, so fairness does not rule it out (`{}` needs \
             stronger fairness, or the protocol a fix)",
            k + 1,
            def.name
        ),
    }
}

/// Whether the lasso's last state is at the last instant of `time`.
fn time_is_up(model: &Model, lasso: &Lasso) -> bool {
    let (Some(time), Some(last)) = (&model.spec.time, lasso.trace.steps.last()) else {
        return false;
    };
    last.state.get(time.now.index()).and_then(|v| v.as_int()) == Some(time.hi)
}

/// The lasso as numbered steps, then the marker of how it goes on.
pub fn render(model: &Model, lasso: &Lasso) -> String {
    let n = lasso.trace.steps.len();
    let mut out = match lasso.end {
        LassoEnd::BackTo(k) => format!("Lasso (steps {} to {n} repeat forever):\n", k + 1),
        LassoEnd::Stutters => format!("Lasso (stays in state {n} forever):\n"),
    };
    out.push_str(&steps::render(model, &lasso.trace));
    let width = n.to_string().len();
    let _ = match lasso.end {
        LassoEnd::BackTo(k) => writeln!(out, "  {:width$}  ↻ back to step {k}", ""),
        LassoEnd::Stutters if time_is_up(model, lasso) => writeln!(
            out,
            "  {:width$}  ⏸ time is up here: the behaviour ends at the bound of `time`",
            ""
        ),
        LassoEnd::Stutters => writeln!(
            out,
            "  {:width$}  ⏸ stutters forever here: no fair action is enabled",
            ""
        ),
    };
    out
}
