//! Ravel: a model checker for distributed protocols.
//!
//! A spec goes through five stages, each a folder:
//! `syntax::parse` → `check::check` → `compile::compile` →
//! `explore::explore` → `report::text`.

pub mod check;
pub mod compile;
pub mod diagnostic;
pub mod explore;
pub mod report;
pub mod source;
pub mod syntax;
pub mod value;
