//! Stage 5: outcome → what the user reads.
//!
//! Takes the [`Outcome`] of a search with the [`Model`] (for names, types
//! and spans) and the [`Source`] (for snippets), gives text. Besides the
//! final report, [`Progress`] shows a running count on a terminal.

pub mod coverage;
pub mod diagram;
pub mod dot;
pub mod html;
pub mod itf;
pub mod json;
pub mod lasso;
mod progress;
pub mod refinement;
pub mod simulation;
mod steps;
mod story;
mod text;

pub use progress::Progress;
pub use steps::{action_instance, state_var_changes, var_changes, var_label};
pub use text::{reduction_stats, summary};

use crate::compile::Model;
use crate::explore::Outcome;
use crate::source::Source;

/// How to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Show the elapsed time in the summary line. Off for golden tests: the
    /// rest of the report is deterministic.
    pub timing: bool,
    /// Colour the source snippets (for a terminal).
    pub colour: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            timing: true,
            colour: false,
        }
    }
}

/// The diagram of the outcome's counterexample (a trace or a lasso), if it
/// has one.
pub fn diagram_of(outcome: &Outcome, model: &Model, format: diagram::Format) -> Option<String> {
    use crate::explore::Verdict;
    let spec = &model.spec;
    let name = |id: crate::check::ir::PropertyId| {
        spec.properties
            .get(id.index())
            .map_or_else(String::new, |p| p.name.clone())
    };
    let (trace, end) = match &outcome.verdict {
        Verdict::InvariantViolated(id, trace) => {
            let kind = safety_kind(spec, *id);
            (trace, format!("{kind} {} is violated", name(*id)))
        }
        Verdict::LivenessViolated(id, lasso) => {
            let name = spec
                .liveness
                .get(id.index())
                .map_or_else(String::new, |l| lasso::instance_name(model, l));
            let how = match lasso.end {
                crate::explore::LassoEnd::BackTo(k) => {
                    format!("from here, back to step {k}, forever")
                }
                crate::explore::LassoEnd::Stutters => "stays here forever".into(),
            };
            (&lasso.trace, format!("property {name} is violated: {how}"))
        }
        Verdict::Deadlock(trace) => (trace, "deadlock: no step is possible".into()),
        _ => return None,
    };
    Some(diagram::render(model, trace, Some(end), format))
}

/// `transition` or `invariant`: the kind of a violated safety property,
/// as reports name it.
pub fn safety_kind(
    spec: &crate::check::ir::Spec,
    id: crate::check::ir::PropertyId,
) -> &'static str {
    if refinement::refined(spec, id).is_some() {
        return "refinement";
    }
    let transition = spec
        .properties
        .get(id.index())
        .is_some_and(|p| p.kind == crate::check::ir::PropertyKind::Transition);
    if transition {
        "transition"
    } else {
        "invariant"
    }
}

/// `fast path: all 7 actions and 2 properties` (after `init, ` when the
/// spec has an `init` block, with ` and the view` when it has a view), or
/// each part that runs on the reference interpreter, with the construct
/// that keeps it off the fast path.
pub fn fast_path(model: &Model) -> String {
    let coverage = model.fast_coverage();
    let slow: Vec<_> = coverage.iter().filter(|c| c.fallback.is_some()).collect();
    if slow.is_empty() {
        let actions = model.spec.actions.len();
        let properties = model.spec.properties.len() + model.spec.liveness.len();
        let actions = format!("{actions} action{}", if actions == 1 { "" } else { "s" });
        let properties = format!(
            "{properties} propert{}",
            if properties == 1 { "y" } else { "ies" }
        );
        let init = if model.spec.init.is_some() {
            "init, "
        } else {
            ""
        };
        return match model.view() {
            Some(_) => format!("fast path: {init}all {actions}, {properties} and the view\n"),
            None => format!("fast path: {init}all {actions} and {properties}\n"),
        };
    }
    let mut out = format!(
        "fast path: {} of {} parts of the spec fall back to the reference interpreter:\n",
        slow.len(),
        coverage.len()
    );
    for c in slow {
        out.push_str(&format!(
            "  {}: {}\n",
            c.item,
            c.fallback.unwrap_or("unknown")
        ));
    }
    out
}

/// The outcome as text: the verdict; for a violation the property, its
/// source span and the trace; then a summary line of counts.
pub fn text(outcome: &Outcome, model: &Model, source: &Source, style: &Style) -> String {
    text::render(outcome, model, source, style)
}
