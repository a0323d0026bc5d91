//! Stage 1: source text → untyped AST with spans.
//!
//! Takes a [`Source`], gives an [`ast::Spec`] or the first [`SyntaxError`]
//! (pest stops at the first error; one is enough at this stage).

#![deny(clippy::unwrap_used)]

pub mod ast;
mod build;
mod build_dist;
mod build_expr;
mod build_liveness;
mod depth;
mod error;
pub mod tree;

pub use error::{SyntaxError, SyntaxErrorKind};

use crate::source::Source;

/// The pest parser generated from `grammar/ravel.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/ravel.pest"]
pub(crate) struct RavelParser;

/// Parse a whole spec.
pub fn parse(source: &Source) -> Result<ast::Spec, SyntaxError> {
    build::spec(&source.text)
}

/// Parse a whole spec into its concrete tree (see [`tree`]), for tools that
/// need the text as written; errors are those of [`parse`].
pub fn concrete(source: &Source) -> Result<tree::Node, SyntaxError> {
    tree::spec(&source.text)
}

/// Parse the value of a `--const NAME=VALUE` override: a model-value set
/// (`{r1, r2}`) or an expression (`3`). Spans are relative to `text`.
pub fn parse_const_value(text: &str) -> Result<ast::ConstValue, SyntaxError> {
    build::const_value(text)
}

#[cfg(test)]
mod tests;
