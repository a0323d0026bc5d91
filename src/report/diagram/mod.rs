//! A counterexample as a message sequence diagram: one lifeline per
//! process instance, messages as arrows from the step that sent them to
//! the step that delivered them, losses, crashes, time and partitions as
//! marks and notes, the violated property at the end.
//!
//! [`sequence::of`] reads the trace (and the spec's processes and
//! channels); `text`, `mermaid` and `svg` draw the result.

mod mermaid;
pub mod sequence;
mod svg;
mod text;

use crate::compile::Model;
use crate::explore::Trace;

/// The kinds of diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Columns of text, for a terminal.
    Text,
    /// A Mermaid `sequenceDiagram`, for Markdown renderers.
    Mermaid,
    /// A standalone SVG picture, with arrows slanted from send to delivery.
    Svg,
}

/// The diagram of a trace; `end` is what fails in its last state.
pub fn render(model: &Model, trace: &Trace, end: Option<String>, format: Format) -> String {
    let seq = sequence::of(model, trace, end);
    match format {
        Format::Text => text::render(&seq),
        Format::Mermaid => mermaid::render(&seq),
        Format::Svg => svg::render(&seq),
    }
}
