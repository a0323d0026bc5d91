//! The Ravel grammar for tree-sitter, as a language a tree-sitter parser
//! can load. `src/parser.c` is generated from `grammar.js` by
//! `tree-sitter generate` (CLI 0.27.1) and committed, so that using and
//! testing the grammar needs only a C compiler.

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_ravel() -> *const ();
}

/// The tree-sitter language of Ravel specs.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_ravel) };

/// The highlight queries.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../queries/highlights.scm");
