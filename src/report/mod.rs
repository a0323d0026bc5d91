//! Stage 5: outcome → what the user reads.

use crate::compile::Model;
use crate::explore::Outcome;
use crate::source::Source;

/// The outcome as text: a summary line, and for a violation the property,
/// its source span and the trace.
pub fn text(_outcome: &Outcome, _model: &Model, _source: &Source) -> String {
    todo!("report")
}
