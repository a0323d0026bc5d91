//! A look at the text before parsing: how deeply could it nest?
//!
//! The parser and every later stage recurse once per level of nesting,
//! and a chain of operators is a level per operator (`a + b + c` is
//! `(a + b) + c`). Rather than let a huge input overflow the stack, this
//! scan refuses text whose nesting could pass [`MAX_NESTING`], before pest
//! sees it. It counts without parsing, and over-counts rather than under:
//! each open bracket is a level, and within one statement or declaration
//! each operator or nesting keyword (`not`, `if`, `let`, `forall`, ...) is
//! one more. A statement keyword (`require`, `choose`, ...) or a new
//! declaration starts the count again, so a long action is fine; only one
//! long expression is limited. Strings and comments are skipped.

use super::error::{SyntaxError, SyntaxErrorKind};
use crate::source::Span;
pub use crate::stack::MAX_NESTING;

/// Words that start a declaration: at the top level, after a complete
/// expression, the count restarts. (They are not reserved, so elsewhere
/// they are names.)
const DECLARATIONS: &[&str] = &[
    "const",
    "type",
    "var",
    "init",
    "fn",
    "action",
    "fair",
    "strong",
    "invariant",
    "reachable",
    "constraint",
    "terminal",
    "property",
];

/// Reserved words that start a statement: the count restarts.
const STATEMENTS: &[&str] = &["require", "assert", "choose", "either", "for"];

/// Words that nest an expression inside another, or join two.
const NESTS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "let",
    "forall",
    "exists",
    "some",
    "or",
    "and",
    "union",
    "intersect",
    "in",
    "is",
    "as",
];

/// Refuse `text` if its nesting could pass [`MAX_NESTING`].
pub fn check(text: &str) -> Result<(), SyntaxError> {
    let bytes = text.as_bytes();
    // The count at each open bracket, restored when it closes.
    let mut saved: Vec<usize> = Vec::new();
    let mut level = 0usize;
    // Whether the last token ended an operand (a name, a number, a closing
    // bracket): only then can a declaration word start a declaration.
    let mut after_operand = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let at = i;
        i += 1;
        match b {
            b'/' if bytes.get(i) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i) == Some(&b'*') => {
                i = text[i..].find("*/").map_or(text.len(), |n| i + n + 2);
                continue;
            }
            b'"' => {
                while let Some(&c) = bytes.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                saved.push(level);
                level += 1;
                after_operand = false;
            }
            b')' | b']' | b'}' => {
                level = saved.pop().unwrap_or(0);
                after_operand = true;
                continue;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'|' | b'<' | b'>' | b'!' | b'=' | b'.' => {
                // A two-character operator (`==`, `=>`, `..`, ...) is one.
                if matches!(bytes.get(i), Some(b'=' | b'>' | b'.')) {
                    i += 1;
                }
                level += 1;
                after_operand = false;
            }
            b'0'..=b'9' => {
                after_operand = true;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                let word = &text[at..i];
                let declaration = saved.is_empty() && after_operand && DECLARATIONS.contains(&word);
                after_operand = !NESTS.contains(&word) && !STATEMENTS.contains(&word);
                if declaration || STATEMENTS.contains(&word) {
                    level = saved.last().map_or(0, |l| l + 1);
                } else if NESTS.contains(&word) {
                    level += 1;
                }
            }
            _ => continue,
        }
        if level > MAX_NESTING {
            return Err(SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                span: Span::new(at, at + 1),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_flat_input_passes_and_deep_input_does_not() {
        let chain = |n: usize, op: &str| format!("invariant I: {}", vec!["x"; n].join(op));
        assert_eq!(check(&chain(MAX_NESTING / 2, " + ")), Ok(()));
        assert_eq!(check(&chain(MAX_NESTING / 2, " or ")), Ok(()));
        let error = check(&chain(MAX_NESTING + 2, " + ")).expect_err("too long");
        assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
        let requires = format!(
            "action A {{ {} }}",
            "require x + 1 > 0\n".repeat(MAX_NESTING)
        );
        assert_eq!(check(&requires), Ok(()));
        let parens = format!(
            "invariant I: {}x{}",
            "(".repeat(MAX_NESTING + 1),
            ")".repeat(MAX_NESTING + 1)
        );
        let at = "invariant I: ".len() + MAX_NESTING;
        assert_eq!(
            check(&parens).map_err(|e| e.span),
            Err(Span::new(at, at + 1))
        );
        // Brackets that close give their levels back.
        let siblings = format!("invariant I: {}", "(x) + ".repeat(MAX_NESTING / 4));
        assert_eq!(check(&siblings), Ok(()));
        // A declaration word used as a name does not restart the count.
        let names = format!("invariant I: {}", vec!["var"; MAX_NESTING + 2].join(" + "));
        assert!(check(&names).is_err());
        let decls = "var x: 0..1 = 0\n".repeat(MAX_NESTING + 2);
        assert_eq!(check(&decls), Ok(()));
        // Strings and comments are not counted.
        let quiet = format!(
            "// {}\n/* {} */ const S = \"{}\"",
            "((".repeat(MAX_NESTING),
            "+".repeat(2 * MAX_NESTING),
            "(".repeat(2 * MAX_NESTING)
        );
        assert_eq!(check(&quiet), Ok(()));
    }
}
