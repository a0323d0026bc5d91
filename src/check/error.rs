//! Check errors as data; their wording is in [`CheckErrorKind::details`].

use crate::diagnostic::Details;
use crate::source::Span;

/// A semantic error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError {
    /// What went wrong.
    pub kind: CheckErrorKind,
    /// Where in the spec; `None` for a `--const` naming no constant.
    pub span: Option<Span>,
}

/// The kinds of semantic error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckErrorKind {}

impl CheckErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        match *self {}
    }
}
