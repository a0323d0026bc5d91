//! One spec's text → what the editor shows: its diagnostics (the same
//! errors, worded the same, as `ravel check`) and its symbol index.
//!
//! Positions are LSP's: a line from 0 and a column in UTF-16 code units.

use crate::check::symbols::Symbols;
use crate::check::{self};
use crate::diagnostic::Details;
use crate::source::{Source, Span};
use crate::syntax;

/// What the server knows of one open spec.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// The errors, in source order.
    pub errors: Vec<(Option<Span>, Details)>,
    /// The symbols, when the spec parses.
    pub symbols: Option<Symbols>,
}

/// Parse and check a spec as `ravel check` does, keeping the symbols; the
/// spec is the file `path` (where the specs it refines are read from).
pub fn analyse(text: &str, path: &str) -> Analysis {
    let source = Source::new(path, text);
    let ast = match syntax::parse(&source) {
        Ok(mut ast) => {
            crate::load_refined(&mut ast, path);
            ast
        }
        Err(error) => {
            return Analysis {
                errors: vec![(Some(error.span), error.kind.details())],
                symbols: None,
            };
        }
    };
    let (result, symbols) = check::check_with_symbols(&ast, &[]);
    let errors = match result {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|e| (e.span, e.kind.details()))
            .collect(),
    };
    Analysis {
        errors,
        symbols: Some(symbols),
    }
}

/// A diagnostic's text: the headline, the label at the span and the help
/// line, as miette shows them.
pub fn message(details: &Details) -> String {
    let mut text = details.message.clone();
    if !details.label.is_empty() {
        text.push_str(&format!("\n{}", details.label));
    }
    if let Some(help) = &details.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

/// An LSP position (line, UTF-16 column) for a byte offset.
pub fn position(text: &str, offset: u32) -> (u32, u32) {
    let offset = (offset as usize).min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = before
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .map(char::len_utf16)
        .sum();
    (line as u32, column as u32)
}

/// The byte offset of an LSP position (clamped to the line and the text).
pub fn offset(text: &str, line: u32, column: u32) -> u32 {
    let mut start = 0;
    for _ in 0..line {
        match text.get(start..).and_then(|rest| rest.find('\n')) {
            Some(i) => start += i + 1,
            None => return text.len() as u32,
        }
    }
    let rest = text.get(start..).unwrap_or("");
    let mut units = 0;
    for (i, c) in rest.char_indices() {
        if units >= column as usize || c == '\n' {
            return (start + i) as u32;
        }
        units += c.len_utf16();
    }
    text.len() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "// é𝄞\nvar x";
        let x = text.find('x').expect("x") as u32;
        assert_eq!(position(text, x), (1, 4));
        assert_eq!(offset(text, 1, 4), x);
        // `𝄞` is two UTF-16 units, four bytes.
        assert_eq!(position(text, text.len() as u32 - 6), (0, 6));
        assert_eq!(offset(text, 0, 99), 9);
        assert_eq!(offset(text, 9, 0), text.len() as u32);
    }

    #[test]
    fn errors_are_checks_own() {
        let a = analyse("var x: 0..3 = 0\ninvariant Small: yyy > 0\n", "spec.rvl");
        assert_eq!(a.errors.len(), 1);
        assert_eq!(message(&a.errors[0].1), "unknown name `yyy`\nnot declared");
        assert!(a.symbols.is_some());
        let a = analyse("var x: = 0", "spec.rvl");
        assert!(a.symbols.is_none());
        assert_eq!(a.errors.len(), 1);
    }
}
