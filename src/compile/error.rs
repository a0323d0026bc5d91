//! Runtime errors: found while running a spec, reported with a trace.

use crate::check::ir::ActionId;
use crate::diagnostic::Details;
use crate::source::Span;
use crate::value::Value;

/// An error found while evaluating, at the span that caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    /// What went wrong.
    pub kind: RuntimeErrorKind,
    /// Where.
    pub span: Span,
}

/// A runtime error inside an action instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError {
    /// The action.
    pub action: ActionId,
    /// Its parameters' values.
    pub args: Vec<Value>,
    /// The error.
    pub error: RuntimeError,
}

/// The kinds of runtime error. Values are already rendered as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeErrorKind {}

impl RuntimeErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        match *self {}
    }
}
