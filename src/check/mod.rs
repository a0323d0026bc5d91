//! Stage 2: AST → checked IR.
//!
//! Resolves every name (with "did you mean" suggestions), types every
//! expression, folds constants (applying `--const` overrides), and makes sure
//! every stored type is finite. Reports every error it finds, in source order.

#![deny(clippy::unwrap_used)]

pub mod domain;
mod error;
pub mod ir;

pub use error::{CheckError, CheckErrorKind};

use crate::syntax::ast;

/// A `--const NAME=VALUE` given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstOverride {
    /// The constant's name.
    pub name: String,
    /// The value as written (parsed with [`crate::syntax::parse_const_value`]).
    pub value: String,
}

/// Check a parsed spec with the given constant overrides.
pub fn check(_spec: &ast::Spec, _overrides: &[ConstOverride]) -> Result<ir::Spec, Vec<CheckError>> {
    todo!("check")
}
