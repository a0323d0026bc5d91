//! The spec text as tokens and comments, each token tied to the grammar
//! rule that wrote it.
//!
//! The formatter changes only the whitespace between tokens, so it needs
//! the tokens exactly as pest saw them. A token never crosses the edge of a
//! rule in the concrete tree (`set<set<T>>=` is `>`, `>`, `=`, because the
//! inner `set_type` ends after the first `>`), so the text is cut at every
//! rule's start and end before it is split into words, strings and symbols.
//! Comments, which the grammar skips, are kept beside the tokens: each one
//! knows how many line breaks come before it.

use crate::source::Span;
use crate::syntax::Rule;
use crate::syntax::tree::Node;

/// One token of the spec.
#[derive(Clone, Debug)]
pub(super) struct Token {
    /// Where it is.
    pub span: Span,
    /// The rule whose own text it is (not a child rule's).
    pub owner: Rule,
    /// That rule's index in [`Rules::nodes`].
    pub owner_id: usize,
    /// Comments between the previous token and this one.
    pub before: Vec<Comment>,
    /// Line breaks between the last of `before` (or the previous token)
    /// and this token.
    pub newlines: u32,
}

/// A `// line` or `/* block */` comment.
#[derive(Clone, Debug)]
pub(super) struct Comment {
    /// Where it is.
    pub span: Span,
    /// Line breaks between what came before it and it.
    pub newlines: u32,
    /// `//`: the line must end after it.
    pub line: bool,
}

/// A rule of the concrete tree with its parts: its own tokens and its
/// child rules, in source order.
#[derive(Clone, Debug)]
pub(super) struct Rules {
    /// Every rule, the root first.
    pub nodes: Vec<FlatNode>,
}

/// One rule, flattened.
#[derive(Clone, Debug)]
pub(super) struct FlatNode {
    /// The grammar rule.
    pub rule: Rule,
    /// Its own tokens and child rules, in order.
    pub parts: Vec<Part>,
    /// Its first and last token, if it has any.
    pub first: Option<usize>,
    /// See `first`.
    pub last: Option<usize>,
}

/// A part of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    /// A token (an index into the token list).
    Tok(usize),
    /// A child rule (an index into [`Rules::nodes`]).
    Node(usize),
}

/// The tokens of `text`, the comments after the last one, and the flat tree.
pub(super) fn split(text: &str, root: &Node) -> (Vec<Token>, Vec<Comment>, Rules) {
    let mut cuts = Vec::new();
    collect_cuts(root, &mut cuts);
    cuts.sort_unstable();
    cuts.dedup();
    let (mut tokens, trailing) = lex(text, &cuts);
    let mut rules = Rules { nodes: Vec::new() };
    let mut next = 0;
    flatten(root, &mut tokens, &mut next, &mut rules);
    (tokens, trailing, rules)
}

fn collect_cuts(node: &Node, cuts: &mut Vec<u32>) {
    cuts.push(node.span.start);
    cuts.push(node.span.end);
    for child in &node.children {
        collect_cuts(child, cuts);
    }
}

/// Number the node and its children; give each token its owner.
fn flatten(node: &Node, tokens: &mut [Token], next: &mut usize, rules: &mut Rules) -> usize {
    let id = rules.nodes.len();
    rules.nodes.push(FlatNode {
        rule: node.rule,
        parts: Vec::new(),
        first: None,
        last: None,
    });
    let mut parts = Vec::new();
    let mut children = node.children.iter().peekable();
    loop {
        let token_start = tokens.get(*next).map(|t| t.span.start);
        let child_start = children.peek().map(|c| c.span.start);
        match (token_start, child_start) {
            (Some(t), c) if t < node.span.end && c.is_none_or(|c| t < c) => {
                if let Some(token) = tokens.get_mut(*next) {
                    token.owner = node.rule;
                    token.owner_id = id;
                }
                parts.push(Part::Tok(*next));
                *next += 1;
            }
            (_, Some(_)) => {
                let child = children.next().expect("peeked");
                parts.push(Part::Node(flatten(child, tokens, next, rules)));
            }
            _ => break,
        }
    }
    let first = parts.iter().find_map(|p| first_token(*p, rules));
    let last = parts.iter().rev().find_map(|p| last_token(*p, rules));
    let flat = rules.nodes.get_mut(id).expect("pushed above");
    flat.parts = parts;
    flat.first = first;
    flat.last = last;
    id
}

/// The first token of a part.
pub(super) fn first_token(part: Part, rules: &Rules) -> Option<usize> {
    match part {
        Part::Tok(t) => Some(t),
        Part::Node(n) => rules.nodes.get(n).and_then(|n| n.first),
    }
}

/// The last token of a part.
pub(super) fn last_token(part: Part, rules: &Rules) -> Option<usize> {
    match part {
        Part::Tok(t) => Some(t),
        Part::Node(n) => rules.nodes.get(n).and_then(|n| n.last),
    }
}

/// Two-character symbols, tried before one character.
const PAIRS: &[&str] = &["==", "!=", "<=", ">=", "=>", "->", "..", "+=", "-="];

/// Split `text` into tokens (never across a cut) and comments.
fn lex(text: &str, cuts: &[u32]) -> (Vec<Token>, Vec<Comment>) {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut comments = Vec::new();
    let mut newlines = 0;
    let mut at = 0;
    // The end of the token may not pass the next cut after its start.
    let limit = |start: usize| {
        let i = cuts.partition_point(|&c| c as usize <= start);
        cuts.get(i).map_or(text.len(), |&c| c as usize)
    };
    while let Some(&b) = bytes.get(at) {
        let rest = text.get(at..).unwrap_or("");
        if b == b'\n' {
            newlines += 1;
            at += 1;
        } else if b.is_ascii_whitespace() {
            at += 1;
        } else if rest.starts_with("//") || rest.starts_with("/*") {
            let line = rest.starts_with("//");
            let len = if line {
                rest.find('\n').unwrap_or(rest.len())
            } else {
                rest.find("*/").map_or(rest.len(), |i| i + 2)
            };
            comments.push(Comment {
                span: Span::new(at, at + len),
                newlines,
                line,
            });
            newlines = 0;
            at += len;
        } else {
            let end = limit(at).min(at + token_len(rest));
            let end = if end <= at { at + char_len(rest) } else { end };
            tokens.push(Token {
                span: Span::new(at, end),
                owner: Rule::EOI,
                owner_id: 0,
                before: std::mem::take(&mut comments),
                newlines,
            });
            newlines = 0;
            at = end;
        }
    }
    (tokens, comments)
}

/// The length of the token `rest` starts with (not yet cut).
fn token_len(rest: &str) -> usize {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let first = rest.chars().next().unwrap_or(' ');
    if word(first) {
        rest.find(|c| !word(c)).unwrap_or(rest.len())
    } else if first == '"' {
        string_len(rest)
    } else if PAIRS.iter().any(|p| rest.starts_with(p)) {
        2
    } else {
        first.len_utf8()
    }
}

fn char_len(rest: &str) -> usize {
    rest.chars().next().map_or(1, char::len_utf8)
}

/// The length of the string literal `text` starts with.
fn string_len(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
}
