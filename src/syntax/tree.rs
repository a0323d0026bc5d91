//! The concrete syntax tree: every grammar rule that matched, with its span,
//! in source order.
//!
//! The AST drops what does not change the meaning (parentheses, comments,
//! the literal tokens between names). Tools that work on the text as written,
//! such as the formatter, walk this tree instead. Silent rules (`item`,
//! `primary`, ...) do not appear; atomic ones (`ident`, `cmp_op`, ...) are
//! leaves.

use pest::Parser;

use super::build::{self, Pair};
use super::error::SyntaxError;
use super::{RavelParser, Rule};
use crate::source::Span;

/// One matched rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The grammar rule.
    pub rule: Rule,
    /// Its text, without the whitespace and comments pest keeps after a
    /// rule that ends with an optional or repeated part.
    pub span: Span,
    /// The rules it is made of, in order.
    pub children: Vec<Node>,
}

/// The concrete tree of a whole spec. A spec that [`super::parse`] rejects
/// gives the same error here.
pub(super) fn spec(text: &str) -> Result<Node, SyntaxError> {
    build::spec(text)?;
    let mut pairs =
        RavelParser::parse(Rule::spec, text).expect("grammar: a spec that builds also parses");
    let pair = pairs.next().expect("grammar: a top rule yields one pair");
    Ok(node(pair))
}

fn node(pair: Pair) -> Node {
    Node {
        rule: pair.as_rule(),
        span: build::span(&pair),
        children: pair.into_inner().map(node).collect(),
    }
}
