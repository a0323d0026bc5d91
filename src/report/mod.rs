//! Stage 5: outcome → what the user reads.
//!
//! Takes the [`Outcome`] of a search with the [`Model`] (for names, types
//! and spans) and the [`Source`] (for snippets), gives text. Besides the
//! final report, [`Progress`] shows a running count on a terminal.

pub mod itf;
mod lasso;
mod progress;
mod steps;
mod text;

pub use progress::Progress;
pub use steps::{action_instance, var_changes};
pub use text::summary;

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

/// The outcome as text: the verdict; for a violation the property, its
/// source span and the trace; then a summary line of counts.
pub fn text(outcome: &Outcome, model: &Model, source: &Source, style: &Style) -> String {
    text::render(outcome, model, source, style)
}
