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
//! spacing, braces holding statements or declarations as blocks, so a new
//! construct in the grammar is formatted sensibly before it gets a rule
//! here. Comments stay where they were: a comment on its own line stays on
//! its own line (before the token that follows it), one after a token stays
//! after it.

use std::cell::RefCell;
use std::collections::HashSet;

use super::doc::{Doc, align, cat, group, nest, text};
use super::tokens::{Comment, Part, Rules, Token, first_token, last_token};
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

    fn parts(&self, id: usize) -> &[Part] {
        self.rules.nodes.get(id).map_or(&[], |n| n.parts.as_slice())
    }

    fn node_rule(&self, id: usize) -> Rule {
        self.rules.nodes.get(id).map_or(Rule::EOI, |n| n.rule)
    }

    fn token(&self, t: usize) -> Option<&Token> {
        self.tokens.get(t)
    }

    fn token_text(&self, t: usize) -> &str {
        self.token(t)
            .and_then(|tok| {
                self.text
                    .get(tok.span.start as usize..tok.span.end as usize)
            })
            .unwrap_or("")
    }

    fn own_token(&self, part: Part, want: &str) -> bool {
        matches!(part, Part::Tok(t) if self.token_text(t) == want)
    }

    /// One rule, the comments before its first token and after its last
    /// laid out outside it, so that they do not break its groups.
    fn node(&self, id: usize) -> Doc {
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

    fn node_inner(&self, id: usize) -> Doc {
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
            | Rule::liveness_decl
            | Rule::quantifier => self.with_body(parts, ":"),
            Rule::let_expr => self.let_expr(parts),
            Rule::if_expr => self.if_expr(parts),
            _ => self.seq(parts),
        }
    }

    fn part(&self, part: Part) -> Doc {
        match part {
            Part::Tok(t) => self.tok(t),
            Part::Node(id) => self.node(id),
        }
    }

    // ------------------------------------------------------------ tokens

    /// A token with the comments before it on their own lines, and those
    /// after it on its line.
    fn tok(&self, t: usize) -> Doc {
        cat(vec![self.leading(t), self.bare(t)])
    }

    /// The comments that come before token `t` on lines of their own (or
    /// after another such comment), each where it was.
    fn leading(&self, t: usize) -> Doc {
        let Some(token) = self.token(t) else {
            return cat(Vec::new());
        };
        if self.hoisted.borrow().0.contains(&t) {
            return cat(Vec::new());
        }
        let skip = if t == 0 {
            0
        } else {
            trailing_count(&token.before)
        };
        let own: Vec<&Comment> = token.before.iter().skip(skip).collect();
        if own.is_empty() {
            return cat(Vec::new());
        }
        let mut docs = self.own_line_comments(own.iter().copied(), 0);
        let last_is_line = own.last().is_some_and(|c| c.line);
        docs.push(match token.newlines {
            0 if !last_is_line => Doc::Space,
            0 | 1 => Doc::Hard(1),
            _ => Doc::Hard(2),
        });
        cat(docs)
    }

    /// Comments each on its own line (or after the one before on its line),
    /// blank lines before them kept.
    fn own_line_comments<'c>(
        &self,
        comments: impl Iterator<Item = &'c Comment>,
        first_min: u32,
    ) -> Vec<Doc> {
        let mut docs = Vec::new();
        let mut after_line = false;
        for (i, comment) in comments.enumerate() {
            let newlines = if i == 0 {
                comment.newlines.max(first_min)
            } else {
                comment.newlines
            };
            docs.push(match newlines {
                0 if i == 0 || !after_line => {
                    if i == 0 {
                        Doc::Hard(1)
                    } else {
                        Doc::Space
                    }
                }
                0 | 1 => Doc::Hard(1),
                _ => Doc::Hard(2),
            });
            docs.push(self.comment(comment));
            after_line = comment.line;
        }
        docs
    }

    fn comment(&self, comment: &Comment) -> Doc {
        let raw = self
            .text
            .get(comment.span.start as usize..comment.span.end as usize)
            .unwrap_or("");
        Doc::Raw(raw.trim_end().to_string())
    }

    /// The token's text and the comments after it on its line.
    fn bare(&self, t: usize) -> Doc {
        cat(vec![text(self.token_text(t)), self.trailing(t)])
    }

    /// The comments after token `t` on its line.
    fn trailing(&self, t: usize) -> Doc {
        if self.hoisted.borrow().1.contains(&t) {
            return cat(Vec::new());
        }
        let after: &[Comment] = match self.token(t + 1) {
            Some(next) => &next.before,
            None => self.trailing,
        };
        let count = trailing_count(after);
        let mut docs = Vec::new();
        for comment in after.iter().take(count) {
            docs.push(Doc::Space);
            docs.push(self.comment(comment));
            if comment.line {
                docs.push(Doc::Hard(1));
            }
        }
        cat(docs)
    }

    /// Whether the author left a blank line before this part.
    fn blank_before(&self, part: Part) -> bool {
        let Some(t) = first_token(part, self.rules) else {
            return false;
        };
        let Some(token) = self.token(t) else {
            return false;
        };
        let skip = if t == 0 {
            0
        } else {
            trailing_count(&token.before)
        };
        match token.before.get(skip) {
            Some(comment) => comment.newlines >= 2,
            None => token.newlines >= 2,
        }
    }

    // ------------------------------------------------------------ spacing

    /// Parts one after the other, spaced; bracketed lists may break.
    fn seq(&self, parts: &[Part]) -> Doc {
        let mut docs = Vec::new();
        let mut last: Option<usize> = None;
        let mut i = 0;
        while let Some(&part) = parts.get(i) {
            let (doc, end) = match part {
                Part::Tok(t) if is_open(self.token_text(t)) => match self.matching(parts, i) {
                    Some(close) => (self.bracket(parts, i, close), close),
                    None => (self.tok(t), i),
                },
                _ => (self.part(part), i),
            };
            let first = first_token(part, self.rules);
            if let (Some(a), Some(b)) = (last, first)
                && self.spaced(a, b)
            {
                docs.push(Doc::Space);
            }
            docs.push(doc);
            if let Some(end_tok) = parts.get(end).and_then(|&p| last_token(p, self.rules)) {
                last = Some(end_tok);
            }
            i = end + 1;
        }
        cat(docs)
    }

    /// The index of the bracket that closes the one at `open`, among the
    /// rule's own tokens.
    fn matching(&self, parts: &[Part], open: usize) -> Option<usize> {
        let Part::Tok(t) = *parts.get(open)? else {
            return None;
        };
        let opener = self.token_text(t);
        if opener == "<" && !is_type_rule(self.token(t)?.owner) {
            return None;
        }
        let closer = closing(opener);
        let mut depth = 0;
        for (i, &part) in parts.iter().enumerate().skip(open) {
            if let Part::Tok(t) = part {
                let s = self.token_text(t);
                if s == opener {
                    depth += 1;
                } else if s == closer {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    /// `( a, b )`, `[ ... ]`, `{ ... }`, `< ... >`: on one line if it fits,
    /// else one element per line; braces around statements are a block.
    fn bracket(&self, parts: &[Part], open: usize, close: usize) -> Doc {
        // The elements after the first may sit in a tail rule
        // (`{a, b}` is `{`, `a`, `set_tail`, `}`): its commas separate
        // elements of this list.
        let inner: Vec<Part> = parts
            .get(open + 1..close)
            .unwrap_or(&[])
            .iter()
            .flat_map(|&p| match p {
                Part::Node(id) if self.is_list_tail(id) => self.parts(id).to_vec(),
                _ => vec![p],
            })
            .collect();
        let inner = inner.as_slice();
        let (Some(&Part::Tok(o)), Some(&Part::Tok(c))) = (parts.get(open), parts.get(close)) else {
            return self.seq(inner);
        };
        if self.token_text(o) == "{" && inner.iter().any(|&p| self.holds_code(p)) {
            return self.block(parts.get(open..=close).unwrap_or(&[]));
        }
        let padded = self.token_text(o) == "{" && padded_braces(self.token(o).map(|t| t.owner));
        if inner.is_empty() {
            return cat(vec![self.tok(o), nest(4, self.leading(c)), self.bare(c)]);
        }
        let elements: Vec<&[Part]> = inner.split_inclusive(|&p| self.own_token(p, ",")).collect();
        let pad = || if padded { Doc::Line } else { Doc::SoftLine };
        if elements.len() == 1 {
            let pad = || if padded { Doc::Space } else { cat(Vec::new()) };
            return cat(vec![
                self.tok(o),
                pad(),
                self.seq(inner),
                nest(4, self.leading(c)),
                pad(),
                self.bare(c),
            ]);
        }
        let mut body = vec![pad()];
        for (i, element) in elements.iter().enumerate() {
            if i > 0 {
                body.push(Doc::Line);
            }
            body.push(self.seq(element));
        }
        body.push(self.leading(c));
        group(cat(vec![
            self.tok(o),
            nest(4, cat(body)),
            pad(),
            self.bare(c),
        ]))
    }

    /// Whether a part is a statement or a declaration (so the braces
    /// around it are a block).
    fn holds_code(&self, part: Part) -> bool {
        let Part::Node(id) = part else {
            return false;
        };
        let rule = self.node_rule(id);
        let name = format!("{rule:?}");
        matches!(rule, Rule::stmt | Rule::block) || self.is_decl(part) || name.ends_with("_stmt")
    }

    /// A rule that holds the `, b, c` after a list's first element.
    fn is_list_tail(&self, id: usize) -> bool {
        matches!(self.node_rule(id), Rule::set_tail | Rule::seq_tail)
    }

    /// Whether a part is a declaration (inside a process, say).
    fn is_decl(&self, part: Part) -> bool {
        let Part::Node(id) = part else {
            return false;
        };
        let rule = self.node_rule(id);
        let name = format!("{rule:?}");
        (name.ends_with("_decl") || rule == Rule::process_var) && rule != Rule::field_decl
    }

    /// Whether a declaration has a body of statements (or declarations).
    fn blocky(&self, id: usize) -> bool {
        let parts = self.parts(id);
        let braces = parts.iter().any(|&p| self.own_token(p, "{"));
        parts.iter().any(|&p| match p {
            Part::Tok(_) => false,
            Part::Node(child) => {
                self.node_rule(child) == Rule::block
                    || (braces && self.holds_code(p))
                    || self.blocky(child)
            }
        })
    }

    /// Whether a space goes between tokens `a` and `b`.
    fn spaced(&self, a: usize, b: usize) -> bool {
        let (Some(ta), Some(tb)) = (self.token(a), self.token(b)) else {
            return true;
        };
        let (sa, sb) = (self.token_text(a), self.token_text(b));
        // Within one atomic rule (`not in`, `-1` in a pattern) the tokens
        // keep whatever separation they had (a space at most).
        let leaf = |id: usize| {
            self.rules
                .nodes
                .get(id)
                .is_some_and(|n| n.parts.iter().all(|p| matches!(p, Part::Tok(_))))
        };
        if ta.owner_id == tb.owner_id && leaf(ta.owner_id) {
            return ta.span.end < tb.span.start;
        }
        let opens_card = |t: usize, tok: &Token| {
            tok.owner == Rule::cardinality
                && self.rules.nodes.get(tok.owner_id).and_then(|n| n.first) == Some(t)
        };
        let tight = matches!(sa, "(" | "[" | "." | "..")
            || matches!(sb, ")" | "]" | "," | ";" | ":" | "." | "..")
            || (sa == "{" && !padded_braces(Some(ta.owner)))
            || (sb == "}" && !padded_braces(Some(tb.owner)))
            || (sb == "("
                && matches!(
                    tb.owner,
                    Rule::call
                        | Rule::some_lit
                        | Rule::some_pattern
                        | Rule::fn_decl
                        | Rule::action_decl
                ))
            || (sb == "["
                && matches!(
                    tb.owner,
                    Rule::index_access | Rule::place_index | Rule::process_index
                ))
            || (matches!(sa, "<") && is_type_rule(ta.owner))
            || (matches!(sb, "<" | ">") && is_type_rule(tb.owner))
            || ta.owner == Rule::minus
            || (sa == "|" && opens_card(a, ta))
            || (sb == "|" && tb.owner == Rule::cardinality && !opens_card(b, tb));
        !tight
    }

    // ------------------------------------------------------------ rules

    /// `{ stmt* }`: one statement per line, indented.
    fn block(&self, parts: &[Part]) -> Doc {
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
    fn chain(&self, parts: &[Part]) -> Doc {
        if parts.len() == 1 {
            return self.seq(parts);
        }
        self.chain_of(parts, false)
    }

    /// A chain; one that is an operand of another (`a and b or c`) indents
    /// its own continuation lines, so that they do not read as operands of
    /// the outer chain.
    fn chain_of(&self, parts: &[Part], nested: bool) -> Doc {
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
    fn chain_below(&self, part: Part) -> Option<usize> {
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
    fn with_body(&self, parts: &[Part], sym: &str) -> Doc {
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
    fn type_decl(&self, parts: &[Part]) -> Doc {
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
    fn let_expr(&self, parts: &[Part]) -> Doc {
        let Some(k) = parts.iter().position(|&p| self.own_token(p, ";")) else {
            return self.seq(parts);
        };
        let (head, body) = parts.split_at(k + 1);
        align(group(cat(vec![self.seq(head), Doc::Line, self.seq(body)])))
    }

    /// `if c then a else b`: each `else` on a line of its own, aligned
    /// with the `if`, when it does not fit; `else if` continues the chain.
    fn if_expr(&self, parts: &[Part]) -> Doc {
        let mut docs = Vec::new();
        self.if_chain(parts, &mut docs);
        align(group(cat(docs)))
    }

    fn if_chain(&self, parts: &[Part], docs: &mut Vec<Doc>) {
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
    fn nested_if(&self, part: Part) -> Option<usize> {
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

    fn leading_of(&self, part: Part) -> Doc {
        let Some(first) = first_token(part, self.rules) else {
            return cat(Vec::new());
        };
        let doc = self.leading(first);
        self.hoisted.borrow_mut().0.insert(first);
        doc
    }

    fn trailing_of(&self, part: Part) -> Doc {
        let Some(last) = last_token(part, self.rules) else {
            return cat(Vec::new());
        };
        let doc = self.trailing(last);
        self.hoisted.borrow_mut().1.insert(last);
        doc
    }
}

/// How many of `comments` (those before a token) trail the token before
/// them: the ones on its line.
fn trailing_count(comments: &[Comment]) -> usize {
    let mut count = 0;
    for comment in comments {
        if comment.newlines > 0 {
            break;
        }
        count += 1;
        if comment.line {
            break;
        }
    }
    count
}

fn is_open(s: &str) -> bool {
    matches!(s, "(" | "[" | "{" | "<")
}

fn closing(open: &str) -> &'static str {
    match open {
        "(" => ")",
        "[" => "]",
        "{" => "}",
        _ => ">",
    }
}

/// Rules where `<` and `>` are brackets (`set<T>`), not comparisons.
fn is_type_rule(rule: Rule) -> bool {
    format!("{rule:?}").ends_with("_type")
}

/// Braces with a space inside: records and variants (`{ rm: r }`); sets,
/// enums and comprehensions have none (`{r1, r2}`).
fn padded_braces(owner: Option<Rule>) -> bool {
    matches!(
        owner,
        Some(Rule::record_fields | Rule::record_lit | Rule::variant_lit | Rule::variant_pattern)
    )
}
