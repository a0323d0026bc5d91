//! pest pairs → AST. Each function quotes the rule it builds.

use super::ast;
use super::error::SyntaxError;

/// `spec = { SOI ~ spec_header? ~ item* ~ EOI }`
pub(super) fn spec(_text: &str) -> Result<ast::Spec, SyntaxError> {
    todo!("build the AST")
}

/// A `--const` value: `model_values | expr`.
pub(super) fn const_value(_text: &str) -> Result<ast::ConstValue, SyntaxError> {
    todo!("build a const value")
}
