//! `ravel fmt`: one canonical layout for a spec, comments kept.
//!
//! Takes a [`Source`], gives the formatted text or the spec's syntax error.
//! The formatter only changes the whitespace between tokens (see
//! `layout.rs` for the layout), so it cannot change what a spec means; to
//! be sure, the result is parsed again and its syntax tree compared with the
//! original's before it is returned. Formatting is idempotent: formatting
//! the result again changes nothing.
//!
//! Stages: `tokens` (the text as tokens and comments, each tied to its
//! grammar rule) → `layout` (rules → a pretty-printing [`doc::Doc`], with
//! `spacing` between tokens and `comments` where the author put them) →
//! `doc` (the printer).

mod comments;
mod doc;
mod layout;
mod spacing;
mod tokens;

#[cfg(test)]
mod tests;

use crate::source::Source;
use crate::syntax::{self, SyntaxError};

/// Why a spec could not be formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmtError {
    /// The spec does not parse: the same error `ravel check` reports.
    Syntax(SyntaxError),
    /// The layout would have changed the syntax tree: a bug in the
    /// formatter, never written out.
    Changed,
}

/// Format a whole spec.
pub fn format(source: &Source) -> Result<String, FmtError> {
    let tree = syntax::concrete(source).map_err(FmtError::Syntax)?;
    let (tokens, trailing, rules) = tokens::split(&source.text, &tree);
    let layout = layout::Layout {
        text: &source.text,
        tokens: &tokens,
        trailing: &trailing,
        rules: &rules,
        hoisted: Default::default(),
    };
    let out = doc::print(&layout.spec());
    let out = if out.trim().is_empty() {
        String::new()
    } else {
        out
    };
    if !same_meaning(source, &out) {
        return Err(FmtError::Changed);
    }
    Ok(out)
}

/// Whether `formatted` parses to the syntax tree of `source`, spans aside.
fn same_meaning(source: &Source, formatted: &str) -> bool {
    let before = syntax::parse(source);
    let after = syntax::parse(&Source::new(source.name.clone(), formatted));
    match (before, after) {
        (Ok(a), Ok(b)) => without_spans(&format!("{a:?}")) == without_spans(&format!("{b:?}")),
        _ => false,
    }
}

/// Debug text with every span (`12..34`) removed, to compare syntax trees
/// (or verdicts) of a spec before and after formatting.
pub fn without_spans(debug: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(debug.len());
    let bytes = debug.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_digit()
            && (i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric))
        {
            let start = i;
            let digits = |mut j: usize| {
                while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
                j
            };
            let mid = digits(start);
            if bytes.get(mid..mid + 2) == Some(b"..")
                && bytes.get(mid + 2).is_some_and(u8::is_ascii_digit)
            {
                i = digits(mid + 2);
                continue;
            }
            out.extend_from_slice(bytes.get(start..mid).unwrap_or(&[]));
            i = mid;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
