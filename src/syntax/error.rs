//! Syntax errors as data; their wording is in [`SyntaxErrorKind::details`].

use crate::diagnostic::Details;
use crate::source::Span;

/// A syntax error at a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What went wrong.
    pub kind: SyntaxErrorKind,
    /// Where.
    pub span: Span,
}

/// The kinds of syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The parser wanted one of `expected` and found something else.
    Unexpected {
        /// Human names of what would have been accepted, e.g. "an expression".
        expected: Vec<String>,
        /// What was found, e.g. "`}`" or "end of file".
        found: String,
    },
}

impl SyntaxErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        todo!("syntax error wording")
    }
}
