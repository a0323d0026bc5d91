//! Spacing between tokens, by the role of each (the rule that wrote it),
//! and bracketed lists that break one element per line.

use super::doc::{Doc, cat, group, nest};
use super::layout::Layout;
use super::tokens::{Part, Token, first_token, last_token};
use crate::syntax::Rule;

impl Layout<'_> {
    /// Parts one after the other, spaced; bracketed lists may break.
    pub(super) fn seq(&self, parts: &[Part]) -> Doc {
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
    pub(super) fn matching(&self, parts: &[Part], open: usize) -> Option<usize> {
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
    pub(super) fn bracket(&self, parts: &[Part], open: usize, close: usize) -> Doc {
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
    pub(super) fn holds_code(&self, part: Part) -> bool {
        let Part::Node(id) = part else {
            return false;
        };
        let rule = self.node_rule(id);
        let name = format!("{rule:?}");
        matches!(rule, Rule::stmt | Rule::block) || self.is_decl(part) || name.ends_with("_stmt")
    }

    /// A rule that holds the `, b, c` after a list's first element.
    pub(super) fn is_list_tail(&self, id: usize) -> bool {
        matches!(self.node_rule(id), Rule::set_tail | Rule::seq_tail)
    }

    /// Whether a part is a declaration (inside a process, say).
    pub(super) fn is_decl(&self, part: Part) -> bool {
        let Part::Node(id) = part else {
            return false;
        };
        let rule = self.node_rule(id);
        let name = format!("{rule:?}");
        (name.ends_with("_decl") || rule == Rule::process_var) && rule != Rule::field_decl
    }

    /// Whether a declaration has a body of statements (or declarations).
    pub(super) fn blocky(&self, id: usize) -> bool {
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
    pub(super) fn spaced(&self, a: usize, b: usize) -> bool {
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
                        | Rule::fold
                        | Rule::sum_of
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
