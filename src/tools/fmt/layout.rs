//! The canonical layout: the concrete tree → a [`Doc`].
//!
//! The layout follows the bundled specs: 4-space indents; one declaration
//! per line, a blank line around every declaration with a body of
//! statements and wherever the author left one (two or more become one);
//! one statement per line; a space around binary operators and after
//! commas and colons, none inside parentheses, brackets and set braces,
//! one inside record braces (`{ rm: r }`). A declaration too long for
//! [`super::doc::WIDTH`] breaks after its `=` or `:` and goes on indented;
//! a chain of `and`s (or any binary operator) breaks after each operator,
//! the operands aligned; a list breaks one element per line; a union type
//! puts each variant on its own line, `|` first.
//!
//! Rules this file does not know are laid out token by token with the same
//! spacing (`spacing.rs`), braces holding statements or declarations as
//! blocks, so a new construct in the grammar is formatted sensibly before
//! it gets a rule here. Comments stay where they were (`comments.rs`): a
//! comment on its own line stays on its own line (before the token that
//! follows it), one after a token stays after it.

use std::cell::RefCell;
use std::collections::HashSet;

use super::doc::{Doc, align, cat, group, nest};
use super::tokens::{Comment, Part, Rules, Token};
use crate::syntax::Rule;

/// The layout of one spec.
pub(super) struct Layout<'a> {
    /// The spec text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// The comments after the last token.
    pub trailing: &'a [Comment],
    /// The concrete tree, flattened.
    pub rules: &'a Rules,
    /// Tokens whose comments before (`.0`) or after (`.1`) a rule around
    /// them has already laid out, outside its groups.
    pub hoisted: RefCell<(HashSet<usize>, HashSet<usize>)>,
}

impl Layout<'_> {
    /// The whole spec.
    pub(super) fn spec(&self) -> Doc {
        let mut docs = Vec::new();
        let mut previous: Option<usize> = None;
        for &part in self.parts(0) {
            let Part::Node(id) = part else {
                docs.push(self.part(part));
                continue;
            };
            if self.node_rule(id) == Rule::EOI {
                continue;
            }
            if let Some(prev) = previous {
                let blank = self.blocky(prev) || self.blocky(id) || self.blank_before(part);
                docs.push(Doc::Hard(if blank { 2 } else { 1 }));
            }
            docs.push(self.node(id));
            previous = Some(id);
        }
        // Comments on their own lines after the last token.
        let own = self.trailing.iter().skip_while(|c| c.newlines == 0);
        if self.tokens.is_empty() {
            docs.extend(self.own_line_comments(self.trailing.iter(), 0));
        } else {
            docs.extend(self.own_line_comments(own, 0));
        }
        cat(docs)
    }

    pub(super) fn parts(&self, id: usize) -> &[Part] {
        self.rules.nodes.get(id).map_or(&[], |n| n.parts.as_slice())
    }

    pub(super) fn node_rule(&self, id: usize) -> Rule {
        self.rules.nodes.get(id).map_or(Rule::EOI, |n| n.rule)
    }

    pub(super) fn token(&self, t: usize) -> Option<&Token> {
        self.tokens.get(t)
    }

    pub(super) fn token_text(&self, t: usize) -> &str {
        self.token(t)
            .and_then(|tok| {
                self.text
                    .get(tok.span.start as usize..tok.span.end as usize)
            })
            .unwrap_or("")
    }

    pub(super) fn own_token(&self, part: Part, want: &str) -> bool {
        matches!(part, Part::Tok(t) if self.token_text(t) == want)
    }

    /// One rule, the comments before its first token and after its last
    /// laid out outside it, so that they do not break its groups.
    pub(super) fn node(&self, id: usize) -> Doc {
        let Some(node) = self.rules.nodes.get(id) else {
            return cat(Vec::new());
        };
        let (Some(first), Some(last)) = (node.first, node.last) else {
            return self.node_inner(id);
        };
        let before = self.leading(first);
        let after = self.trailing(last);
        self.hoisted.borrow_mut().0.insert(first);
        self.hoisted.borrow_mut().1.insert(last);
        cat(vec![before, self.node_inner(id), after])
    }

    pub(super) fn node_inner(&self, id: usize) -> Doc {
        let parts = self.parts(id);
        match self.node_rule(id) {
            Rule::block => self.block(parts),
            Rule::implies
            | Rule::disj
            | Rule::conj
            | Rule::comparison
            | Rule::sum
            | Rule::product => self.chain(parts),
            Rule::const_decl | Rule::var_decl | Rule::fn_decl => self.with_body(parts, "="),
            Rule::type_decl => self.type_decl(parts),
            Rule::invariant_decl
            | Rule::reachable_decl
            | Rule::constraint_decl
            | Rule::terminal_decl
            | Rule::transition_decl
            | Rule::liveness_decl
            | Rule::quantifier => self.with_body(parts, ":"),
            Rule::let_expr => self.let_expr(parts),
            Rule::if_expr => self.if_expr(parts),
            _ => self.seq(parts),
        }
    }

    pub(super) fn part(&self, part: Part) -> Doc {
        match part {
            Part::Tok(t) => self.tok(t),
            Part::Node(id) => self.node(id),
        }
    }

    // ------------------------------------------------------------ rules

    /// `{ stmt* }`: one statement per line, indented.
    pub(super) fn block(&self, parts: &[Part]) -> Doc {
        let (Some(&Part::Tok(open)), Some(&Part::Tok(close))) = (parts.first(), parts.last())
        else {
            return self.seq(parts);
        };
        let inner = parts.get(1..parts.len() - 1).unwrap_or(&[]);
        let close_comments = self.leading(close);
        if inner.is_empty() && !close_comments.is_hard() {
            return cat(vec![self.tok(open), close_comments, self.bare(close)]);
        }
        let mut body = Vec::new();
        for (i, &part) in inner.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| inner.get(j).copied());
            let around = |p: Part| match p {
                Part::Node(id) => self.is_decl(p) && self.blocky(id),
                Part::Tok(_) => false,
            };
            let blank = prev.is_some_and(|prev| {
                self.blank_before(part)
                    || (self.is_decl(part) && self.is_decl(prev) && (around(part) || around(prev)))
            });
            body.push(Doc::Hard(if blank { 2 } else { 1 }));
            body.push(self.part(part));
        }
        body.push(close_comments);
        cat(vec![
            self.tok(open),
            nest(4, cat(body)),
            Doc::Hard(1),
            self.bare(close),
        ])
    }

    /// `a op b op c`: breaks after each operator, operands aligned.
    pub(super) fn chain(&self, parts: &[Part]) -> Doc {
        if parts.len() == 1 {
            return self.seq(parts);
        }
        self.chain_of(parts, false)
    }

    /// A chain; one that is an operand of another (`a and b or c`) indents
    /// its own continuation lines, so that they do not read as operands of
    /// the outer chain.
    pub(super) fn chain_of(&self, parts: &[Part], nested: bool) -> Doc {
        let mut first = Vec::new();
        let mut rest = Vec::new();
        for (i, &part) in parts.iter().enumerate() {
            let docs = if i == 0 { &mut first } else { &mut rest };
            if i % 2 == 1 {
                docs.push(Doc::Space);
                docs.push(self.part(part));
                docs.push(Doc::Line);
            } else if let Some(inner) = self.chain_below(part) {
                docs.push(self.leading_of(part));
                docs.push(self.chain_of(self.parts(inner), true));
                docs.push(self.trailing_of(part));
            } else {
                docs.push(self.part(part));
            }
        }
        let rest = if nested {
            nest(4, cat(rest))
        } else {
            cat(rest)
        };
        first.push(rest);
        align(group(cat(first)))
    }

    /// The chain of binary operators a part is, through rules with one part
    /// each.
    pub(super) fn chain_below(&self, part: Part) -> Option<usize> {
        let Part::Node(mut id) = part else {
            return None;
        };
        loop {
            let parts = self.parts(id);
            match (self.node_rule(id), parts) {
                (_, [Part::Node(child)]) => id = *child,
                (
                    Rule::implies
                    | Rule::disj
                    | Rule::conj
                    | Rule::comparison
                    | Rule::sum
                    | Rule::product,
                    [_, _, ..],
                ) => return Some(id),
                _ => return None,
            }
        }
    }

    /// `head =` or `head:` then the body, which goes on the next line,
    /// indented, when it does not fit.
    pub(super) fn with_body(&self, parts: &[Part], sym: &str) -> Doc {
        let Some(k) = parts.iter().position(|&p| self.own_token(p, sym)) else {
            return self.seq(parts);
        };
        let (head, body) = parts.split_at(k + 1);
        if body.is_empty() {
            return self.seq(head);
        }
        group(cat(vec![
            self.seq(head),
            nest(4, cat(vec![Doc::Line, self.seq(body)])),
        ]))
    }

    /// `type T = ...`: a union of several variants gets one per line when
    /// it does not fit on one.
    pub(super) fn type_decl(&self, parts: &[Part]) -> Doc {
        let union = parts.last().and_then(|&p| match p {
            Part::Node(id) if self.node_rule(id) == Rule::union_type => Some(id),
            _ => None,
        });
        let Some(union) = union.filter(|&u| self.parts(u).len() > 1) else {
            return self.with_body(parts, "=");
        };
        let head = parts.get(..parts.len() - 1).unwrap_or(&[]);
        let mut docs = vec![self.seq(head)];
        for (i, &part) in self.parts(union).iter().enumerate() {
            if i == 0 {
                docs.push(nest(4, cat(vec![Doc::Line, self.part(part)])));
            } else if i % 2 == 1 {
                docs.push(nest(2, cat(vec![Doc::Line, self.part(part)])));
            } else {
                docs.push(Doc::Space);
                docs.push(self.part(part));
            }
        }
        group(cat(docs))
    }

    /// `let x = e; body`: the body on the next line, aligned, when it does
    /// not fit.
    pub(super) fn let_expr(&self, parts: &[Part]) -> Doc {
        let Some(k) = parts.iter().position(|&p| self.own_token(p, ";")) else {
            return self.seq(parts);
        };
        let (head, body) = parts.split_at(k + 1);
        align(group(cat(vec![self.seq(head), Doc::Line, self.seq(body)])))
    }

    /// `if c then a else b`: each `else` on a line of its own, aligned
    /// with the `if`, when it does not fit; `else if` continues the chain.
    pub(super) fn if_expr(&self, parts: &[Part]) -> Doc {
        let mut docs = Vec::new();
        self.if_chain(parts, &mut docs);
        align(group(cat(docs)))
    }

    pub(super) fn if_chain(&self, parts: &[Part], docs: &mut Vec<Doc>) {
        for (i, &part) in parts.iter().enumerate() {
            if i > 0 {
                let word = self.own_token(part, "else");
                docs.push(if word { Doc::Line } else { Doc::Space });
            }
            let last = i + 1 == parts.len();
            match self.nested_if(part) {
                Some(inner) if last => {
                    docs.push(self.leading_of(part));
                    self.if_chain(self.parts(inner), docs);
                    docs.push(self.trailing_of(part));
                }
                _ => docs.push(self.part(part)),
            }
        }
    }

    /// The `if_expr` a part is, through rules with one part each.
    pub(super) fn nested_if(&self, part: Part) -> Option<usize> {
        let Part::Node(mut id) = part else {
            return None;
        };
        loop {
            if self.node_rule(id) == Rule::if_expr {
                return Some(id);
            }
            match self.parts(id) {
                [Part::Node(child)] => id = *child,
                _ => return None,
            }
        }
    }
}
