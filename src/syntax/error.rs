//! Syntax errors as data; their wording is in [`SyntaxErrorKind::details`].
//!
//! [`from_pest`] turns pest's error (a position and the rules it tried
//! there) into a [`SyntaxError`] naming what was found and, in plain words,
//! what would have been accepted.

use pest::error::{ErrorVariant, InputLocation};

use super::Rule;
use crate::diagnostic::Details;
use crate::source::Span;

/// A syntax error at a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What went wrong.
    pub kind: SyntaxErrorKind,
    /// Where.
    pub span: Span,
}

/// The kinds of syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `action A { x = 1` (end of file where `}` was expected): the parser
    /// wanted one of `expected` and found something else.
    Unexpected {
        /// Human names of what would have been accepted, e.g. "an expression".
        expected: Vec<String>,
        /// What was found, e.g. "`}`" or "end of file".
        found: String,
    },
    /// `const N = 99999999999999999999`: an integer literal past `i64::MAX`.
    IntTooLarge,
    /// `var x: bool /* no end`: a block comment without `*/`.
    UnterminatedComment,
    /// `require x = 1`: a single `=` where a comparison `==` was meant.
    SingleEquals,
    /// `const N = ((((...))))` hundreds deep, or `x + x + ...` with more
    /// than 25,000 terms: deeper than the stages can safely recurse
    /// (`stack::MAX_NESTING`, and a limit on the parse tree's depth).
    TooDeep,
    /// `durable var log: seq<E, 3> = []` outside a process.
    DurableOutside,
    /// `a == not b`: `not` as the operand of a comparison, which must be
    /// in parentheses.
    NotAfterComparison,
    /// `property P: always x <= 1`: `always` alone, which is an invariant.
    AlwaysAlone,
    /// `require a && b`, `x++`, `x' = 1`, `/\`, `\in`, `:=`: a habit from
    /// another language, with what Ravel writes instead.
    Habit {
        /// What was written.
        written: &'static str,
        /// What to write instead.
        instead: &'static str,
        /// Why, when it is not just spelling.
        why: Option<&'static str>,
    },
    /// `var r: {none, tried} = tried`: a reserved word among an
    /// enumeration's atoms.
    ReservedAtom {
        /// The word.
        word: String,
    },
    /// `invariant I: p and always eventually q`, `eventually p or eventually
    /// q`: `word` joins a temporal formula where only a property's top
    /// level may, and only with `and`.
    TemporalJoin {
        /// `and` or `or`.
        word: &'static str,
    },
    /// `{x + 1 in S if p}` or `[f(k) in S: v]`: a filter or map literal
    /// whose head is not `pattern in S` (`wanted` says what belongs there).
    NotABinder {
        /// "a pattern", "a name", "`x in S`".
        wanted: String,
    },
}

/// Words the grammar reserves (its `keyword` rule).
const KEYWORDS: &[&str] = &[
    "require",
    "assert",
    "let",
    "if",
    "then",
    "else",
    "choose",
    "either",
    "or",
    "forall",
    "for",
    "exists",
    "intersect",
    "in",
    "and",
    "not",
    "true",
    "false",
    "none",
    "some",
    "union",
    "is",
    "as",
];

/// Multi-character symbols, reported whole when found.
const SYMBOLS: &[&str] = &[
    "==", "!=", "<=", ">=", "=>", "->", "..", "+=", "-=", "/*", "//",
];

/// Literal tokens worth naming in "expected": closers and separators.
/// Others (`(`, `.`, `|`, ...) only ever continue what came before.
const NAMED_TOKENS: &[&str] = &["}", ")", "]", ">", ":", "=", ",", ";", "->"];

impl SyntaxErrorKind {
    /// The wording of this error.
    pub fn details(&self) -> Details {
        let (message, label, help) = match self {
            SyntaxErrorKind::Unexpected { expected, found } => (
                format!("unexpected {found}"),
                expected_label(expected),
                reserved_help(expected, found),
            ),
            SyntaxErrorKind::IntTooLarge => (
                "integer literal too large".to_string(),
                format!("larger than {}", i64::MAX),
                None,
            ),
            SyntaxErrorKind::UnterminatedComment => (
                "unterminated comment".to_string(),
                "this comment is never closed".to_string(),
                Some("close it with `*/`".to_string()),
            ),
            SyntaxErrorKind::SingleEquals => (
                "unexpected `=`".to_string(),
                "`=` assigns, it does not compare".to_string(),
                Some("to compare, write `==`".to_string()),
            ),
            SyntaxErrorKind::ReservedAtom { word } => (
                format!("`{word}` is a reserved word and cannot be an atom"),
                "reserved".to_string(),
                Some(format!("give this value another name (`{word}_`, say)")),
            ),
            SyntaxErrorKind::TemporalJoin { word: "or" } => (
                "temporal formulas cannot be joined by `or`".to_string(),
                "`or` before a temporal formula".to_string(),
                Some(
                    "a property joins temporal formulas with `and` only, and holds when each \
                     part does; `eventually p or eventually q` is `eventually (p or q)`"
                        .to_string(),
                ),
            ),
            SyntaxErrorKind::TemporalJoin { word } => (
                format!("a temporal formula after `{word}` outside the top of a property"),
                "temporal formula here".to_string(),
                Some(
                    "only a `property` joins temporal formulas, with `and` at its top level \
                     (`property Live: always eventually p and always eventually q`); \
                     invariants, actions and nested expressions take state predicates"
                        .to_string(),
                ),
            ),
            SyntaxErrorKind::NotABinder { wanted } => (
                format!("expected {wanted} here"),
                format!("this should be {wanted}"),
                Some("a filter reads `{x in S if p}`, a map `[k in S: v]`".to_string()),
            ),
            SyntaxErrorKind::TooDeep => (
                "nested too deeply".to_string(),
                "too deep from here on".to_string(),
                Some(
                    "split the expression: name parts of it with `let` statements or `fn`s"
                        .to_string(),
                ),
            ),
            SyntaxErrorKind::NotAfterComparison => (
                "`not` after a comparison".to_string(),
                "put `not` and its operand in parentheses".to_string(),
                Some(
                    "`not` takes a whole comparison (`not a == b` is `not (a == b)`), so as an operand write `a == (not b)`"
                        .to_string(),
                ),
            ),
            SyntaxErrorKind::AlwaysAlone => (
                "`always` alone is an invariant".to_string(),
                "`always` here needs `eventually` after it".to_string(),
                Some(
                    "write `invariant Name: P` for `always P`; a property's `always` starts `always eventually P`"
                        .to_string(),
                ),
            ),
            SyntaxErrorKind::Habit {
                written,
                instead,
                why,
            } => (
                format!("`{written}` is not Ravel"),
                format!("write {instead}"),
                why.map(str::to_string),
            ),
            SyntaxErrorKind::DurableOutside => (
                "`durable` outside a process".to_string(),
                "only a process's variables survive a restart".to_string(),
                Some(
                    "move the variable into a `process ... (crash, restart)`, or drop `durable`"
                        .to_string(),
                ),
            ),
        };
        Details {
            message,
            label,
            help,
        }
    }
}

/// "expected X", "expected one of: X, Y", or a vaguer word when pest
/// recorded nothing useful.
fn expected_label(expected: &[String]) -> String {
    match expected {
        [] => "not expected here".to_string(),
        [one] => format!("expected {one}"),
        many => format!("expected one of: {}", many.join(", ")),
    }
}

/// "`in` is a reserved word" when a keyword stands where a name should.
fn reserved_help(expected: &[String], found: &str) -> Option<String> {
    let word = found.strip_prefix('`')?.strip_suffix('`')?;
    let wants_name = expected.iter().any(|e| e == "a name");
    (wants_name && KEYWORDS.contains(&word))
        .then(|| format!("`{word}` is a reserved word; choose another name"))
}

/// The [`SyntaxError`] for a pest error on `text`.
pub(super) fn from_pest(text: &str, error: &pest::error::Error<Rule>) -> SyntaxError {
    let mut pos = match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let mut positives = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.as_slice(),
        ErrorVariant::CustomError { .. } => {
            return SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                span: token_at(text, pos).1,
            };
        }
    };
    if let Some(comment) = unclosed_comment(text, pos) {
        return SyntaxError {
            kind: SyntaxErrorKind::UnterminatedComment,
            span: Span::new(comment, comment + 2),
        };
    }
    let attempts = error.parse_attempts();
    let tokens: Vec<String> = attempts.as_ref().map_or_else(Vec::new, |a| {
        a.expected_tokens()
            .iter()
            .map(ToString::to_string)
            .collect()
    });
    // The lookahead after a refused `and` or `or` tried farther on.
    if let Some(error) = temporal_join(text, pos) {
        return error;
    }
    // pest places its error at the farthest *rule* that failed; a literal
    // (`(` after `fn f`) may have been tried farther on, and is the real
    // spot, unless only a word-boundary check looked there.
    if let Some(farthest) = attempts.as_ref().map(|a| a.max_position)
        && farthest > pos
        && !expected(&[], &tokens).is_empty()
    {
        pos = farthest;
        positives = &[];
    }
    if let Some(error) = habit(text, pos) {
        return error;
    }
    if let Some(error) = reserved_atom(text, pos) {
        return error;
    }
    let (found, span) = token_at(text, pos);
    let kind = if found == "`=`" && positives.contains(&Rule::cmp_op) {
        SyntaxErrorKind::SingleEquals
    } else {
        SyntaxErrorKind::Unexpected {
            expected: expected(positives, &tokens),
            found,
        }
    };
    SyntaxError { kind, span }
}

/// An `and` or `or` before a temporal formula that the parse stopped at:
/// the expression grammar refuses to read one as a boolean operator (see
/// `temporal_start`), so the parse stops there wherever no property's
/// top-level `and` takes it.
fn temporal_join(text: &str, pos: usize) -> Option<SyntaxError> {
    use pest::Parser;
    let rest = text.get(pos..)?;
    let word = ["and", "or"].into_iter().find(|w| {
        rest.strip_prefix(w)
            .is_some_and(|r| r.starts_with(char::is_whitespace))
    })?;
    let after = rest[word.len()..].trim_start();
    super::RavelParser::parse(Rule::temporal_start, after).ok()?;
    Some(SyntaxError {
        kind: SyntaxErrorKind::TemporalJoin { word },
        span: Span::new(pos, pos + word.len()),
    })
}

/// A reserved word among the atoms of an enumeration that the parse
/// stopped right after (`type T = {a, none}`, `var r: {none, tried} = ...`):
/// the braces read as a set of values then, and the parse fails later.
fn reserved_atom(text: &str, pos: usize) -> Option<SyntaxError> {
    let before = text.get(..pos)?.trim_end();
    let close = before.strip_suffix('}')?;
    let open = close.rfind('{')?;
    let head = close[..open].trim_end();
    let line = head.rsplit('\n').next().unwrap_or(head).trim_start();
    if !(head.ends_with(':') || head.ends_with('=') && line.starts_with("type ")) {
        return None;
    }
    let mut offset = open + 1;
    let mut reserved = None;
    let mut plain = false;
    for item in close[open + 1..].split(',') {
        let word = item.trim();
        let start = offset + (item.len() - item.trim_start().len());
        offset += item.len() + 1;
        if word.is_empty() || !word.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        if KEYWORDS.contains(&word) {
            reserved.get_or_insert((word, start));
        } else {
            plain = true;
        }
    }
    let (word, start) = reserved.filter(|_| plain)?;
    Some(SyntaxError {
        kind: SyntaxErrorKind::ReservedAtom {
            word: word.to_string(),
        },
        span: Span::new(start, start + word.len()),
    })
}

/// Habits from other languages, where the parse stopped: what was
/// written, what Ravel writes, and why when it is more than spelling.
const HABITS: &[(&str, &str, Option<&str>)] = &[
    ("&&", "`and`", None),
    ("||", "`or`", None),
    (
        "/\\",
        "`and`",
        Some("Ravel spells TLA+'s operators as words"),
    ),
    (
        "\\/",
        "`or`",
        Some("Ravel spells TLA+'s operators as words"),
    ),
    (
        "\\in",
        "`in`",
        Some("Ravel spells TLA+'s operators as words"),
    ),
    (
        "\\A",
        "`forall x in S: ...`",
        Some("Ravel spells TLA+'s operators as words"),
    ),
    (
        "\\E",
        "`exists x in S: ...`",
        Some("Ravel spells TLA+'s operators as words"),
    ),
    (
        "++",
        "`x += 1`",
        Some("`++` joins two sequences (`s ++ t`); it does not add 1"),
    ),
    ("--", "`x -= 1`", None),
    (
        ":=",
        "`=`",
        Some("`=` assigns in a statement; `==` compares"),
    ),
    (
        "'",
        "`x = e` in an action, `next(x)` in a `transition`",
        Some(
            "an assignment already sets the next state; a `transition` property reads it as `next(x)`",
        ),
    ),
    ("!", "`not`", None),
    (
        "<=>",
        "`==`",
        Some("two bools are equivalent when they are equal"),
    ),
    ("~", "`not`", None),
];

/// The error for a habit from another language at `pos`, if one is there.
fn habit(text: &str, pos: usize) -> Option<SyntaxError> {
    // `a /\ b` stops after `/`, which reads as a division; `a <=> b`
    // after `<=`.
    for (back, written) in [(1, "/\\"), (2, "<=>")] {
        if pos >= back
            && text
                .get(pos - back..)
                .is_some_and(|r| r.starts_with(written))
        {
            return habit_at(text, pos - back);
        }
    }
    if let Some(error) = not_after_comparison(text, pos) {
        return Some(error);
    }
    if let Some(error) = always_alone(text, pos) {
        return Some(error);
    }
    habit_at(text, pos)
}

/// `a == not b`: the parse stopped at a `not` right after a comparison.
fn not_after_comparison(text: &str, pos: usize) -> Option<SyntaxError> {
    let rest = text.get(pos..)?;
    let before = text.get(..pos)?.trim_end();
    let word = rest.starts_with("not")
        && !rest[3..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
    let comparison = ["==", "!=", "<", ">", "<=", ">="]
        .iter()
        .any(|op| before.ends_with(op));
    (word && comparison && !before.ends_with("->") && !before.ends_with("=>")).then(|| {
        SyntaxError {
            kind: SyntaxErrorKind::NotAfterComparison,
            span: Span::new(pos, pos + 3),
        }
    })
}

/// `property P: always x <= 1`: the parse stopped right after an
/// `always` that no `eventually` follows.
fn always_alone(text: &str, pos: usize) -> Option<SyntaxError> {
    let before = text.get(..pos)?.trim_end();
    let start = before.strip_suffix("always")?.len();
    let word_start = !before[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_');
    let rest = text.get(pos..)?;
    (word_start && !rest.starts_with("eventually")).then(|| SyntaxError {
        kind: SyntaxErrorKind::AlwaysAlone,
        span: Span::new(start, start + "always".len()),
    })
}

fn habit_at(text: &str, pos: usize) -> Option<SyntaxError> {
    let rest = text.get(pos..)?;
    let &(written, instead, why) = HABITS.iter().find(|(w, ..)| {
        // `!=` is Ravel's; `--` only after a name (`x--`), not a comment.
        rest.starts_with(w) && !(*w == "!" && rest.starts_with("!="))
    })?;
    Some(SyntaxError {
        kind: SyntaxErrorKind::Habit {
            written,
            instead,
            why,
        },
        span: Span::new(pos, pos + written.len()),
    })
}

/// Where a `/*` with no `*/` after it starts, if the parse stopped at one.
fn unclosed_comment(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    (rest.starts_with("/*") && !rest.contains("*/")).then_some(pos)
}

/// The token at `pos` as shown to the user, and its span: a whole word, a
/// symbol, or one character; "end of file" (an empty span) at the end.
fn token_at(text: &str, pos: usize) -> (String, Span) {
    let rest = text.get(pos..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return ("end of file".to_string(), Span::new(text.len(), text.len()));
    };
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let len = if is_word(c) {
        rest.find(|c| !is_word(c)).unwrap_or(rest.len())
    } else if let Some(symbol) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
        symbol.len()
    } else {
        c.len_utf8()
    };
    let token = rest.get(..len).unwrap_or("");
    (format!("`{token}`"), Span::new(pos, pos + len))
}

/// What pest would have accepted, in words, deduplicated. Operators only
/// show when nothing else would do: after a complete expression any
/// operator could follow, and listing them hides what is really missing.
fn expected(positives: &[Rule], tokens: &[String]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut operator = false;
    for rule in positives {
        match describe(*rule) {
            Want::Word(word) => push_new(&mut words, word.to_string()),
            Want::Operator => operator = true,
            Want::Nothing => {}
        }
    }
    let comparison = positives.contains(&Rule::cmp_op);
    // An attempted name tries every keyword first (`!keyword`): then the
    // keywords among the tokens are noise, not what was wanted.
    let keyword_noise = tokens.iter().any(|t| t == "require");
    for token in tokens.iter().map(String::as_str) {
        let wanted = match token {
            // After an expression, `>` and `in` are comparisons that could follow.
            ">" | "in" if comparison => false,
            "in" | "then" | "else" => !keyword_noise,
            _ => NAMED_TOKENS.contains(&token),
        };
        if wanted {
            push_new(&mut words, format!("`{token}`"));
        }
    }
    // "end of file" reads best last.
    if let Some(i) = words.iter().position(|w| w == "end of file") {
        let eof = words.remove(i);
        words.push(eof);
    }
    if words.is_empty() && operator {
        words.push("an operator".to_string());
    }
    if words.is_empty() {
        // Character ranges show as `a..z`, built-in rules in capitals.
        let visible = tokens.iter().map(String::as_str).filter(|t| {
            !t.trim().is_empty()
                && !t.starts_with('/')
                && *t != "_"
                && !t.contains("..")
                && *t != "BUILTIN_RULE"
                && !KEYWORDS.contains(t)
        });
        for token in visible {
            push_new(&mut words, format!("`{token}`"));
        }
    }
    words
}

/// Add `word` unless it is already there.
fn push_new(words: &mut Vec<String>, word: String) {
    if !words.contains(&word) {
        words.push(word);
    }
}

/// What a grammar rule stands for, to a user.
enum Want {
    /// Shown as is: "an expression", "`{`".
    Word(&'static str),
    /// Any operator: shown only when nothing else is expected.
    Operator,
    /// Never shown (lookahead helpers and the like).
    Nothing,
}

/// The user's word for what a rule accepts.
fn describe(rule: Rule) -> Want {
    use Rule as R;
    Want::Word(match rule {
        R::EOI => "end of file",
        R::spec
        | R::spec_header
        | R::const_decl
        | R::type_decl
        | R::var_decl
        | R::init_decl
        | R::fn_decl
        | R::action_decl
        | R::invariant_decl
        | R::reachable_decl
        | R::constraint_decl
        | R::terminal_decl
        | R::transition_decl
        | R::view_decl
        | R::view_kw
        | R::refines_decl
        | R::refines_kw
        | R::refine_entry
        | R::reduce_decl
        | R::reduce_kw
        | R::interleavings_kw
        | R::liveness_decl
        | R::temporal_forall
        | R::property_kw
        | R::fairness
        | R::fair_decl
        | R::strong_kw
        | R::fair_kw => "a declaration",
        R::always_eventually | R::eventually_always | R::eventually => "`eventually`",
        R::eventually_kw => "`eventually`",
        R::forall_kw => "`forall`",
        R::always_kw => "`always`",
        R::leads_to_kw => "`leads_to`",
        R::ident | R::named_type => "a name",
        R::int_lit => "a number",
        R::string => "a string",
        R::type_expr
        | R::union_type
        | R::variant
        | R::variant_rec
        | R::bool_type
        | R::set_type
        | R::option_type
        | R::seq_type
        | R::record_type
        | R::enum_type
        | R::range_type => "a type",
        R::record_fields | R::field_decl | R::field_init | R::field_pattern => "a field",
        R::fn_param | R::action_param | R::typed_param | R::bound_param => "a parameter",
        R::block => "`{`",
        R::stmt
        | R::require_stmt
        | R::assert_stmt
        | R::let_stmt
        | R::if_stmt
        | R::choose_stmt
        | R::either_stmt
        | R::for_stmt
        | R::assign_stmt
        | R::place => "a statement",
        R::assign_op => "`=`",
        R::pattern
        | R::variant_pattern
        | R::some_pattern
        | R::none_pattern
        | R::wildcard
        | R::is_pattern
        | R::is_variant
        | R::binder => "a pattern",
        R::const_value_input
        | R::model_values
        | R::expr
        | R::implies
        | R::disj
        | R::conj
        | R::neg
        | R::not_op
        | R::comparison
        | R::range
        | R::sum
        | R::product
        | R::unary
        | R::minus
        | R::postfix
        | R::paren
        | R::true_lit
        | R::false_lit
        | R::none_lit
        | R::some_lit
        | R::cardinality
        | R::pick
        | R::if_expr
        | R::let_expr
        | R::quantifier
        | R::quant_kind
        | R::bracketed
        | R::record_lit
        | R::braced
        | R::filter_set
        | R::variant_lit
        | R::call
        | R::name => "an expression",
        R::or_op
        | R::and_op
        | R::cmp_op
        | R::not_in
        | R::in_op
        | R::sum_op
        | R::product_op
        | R::field_access
        | R::index_access
        | R::is_test
        | R::is_kw
        | R::place_index
        | R::place_field => return Want::Operator,
        _ => return Want::Nothing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// The error for `text`, with its wording: (message, label, help, span text).
    fn fails(text: &str) -> (String, String, Option<String>, String) {
        let error = match crate::syntax::parse(&Source::new("t", text)) {
            Ok(spec) => panic!("{text} parsed: {spec:?}"),
            Err(e) => e,
        };
        let d = error.kind.details();
        let at = text
            .get(error.span.start as usize..error.span.end as usize)
            .unwrap_or("?");
        (d.message, d.label, d.help, at.to_string())
    }

    #[test]
    fn missing_closing_brace() {
        let (message, label, help, at) = fails("action A { x = 1 ");
        assert_eq!(message, "unexpected end of file");
        assert_eq!(label, "expected one of: a statement, `}`");
        assert_eq!((help, at.as_str()), (None, ""));
    }

    #[test]
    fn single_equals_in_require() {
        let (message, label, help, at) = fails("action A { require x = 1 }");
        assert_eq!(message, "unexpected `=`");
        assert_eq!(label, "`=` assigns, it does not compare");
        assert_eq!(help.as_deref(), Some("to compare, write `==`"));
        assert_eq!(at, "=");
    }

    #[test]
    fn unknown_character() {
        let (message, label, _, at) = fails("action A { x = @ }");
        assert_eq!(
            (message.as_str(), label.as_str()),
            ("unexpected `@`", "expected an expression")
        );
        assert_eq!(at, "@");
    }

    #[test]
    fn keyword_as_a_name() {
        let (message, label, help, at) = fails("var in: bool");
        assert_eq!(
            (message.as_str(), label.as_str()),
            ("unexpected `in`", "expected a name")
        );
        assert_eq!(
            help.as_deref(),
            Some("`in` is a reserved word; choose another name")
        );
        assert_eq!(at, "in");
    }

    #[test]
    fn unterminated_comment() {
        let (message, label, help, at) = fails("var x: bool /* hi");
        assert_eq!(message, "unterminated comment");
        assert_eq!(label, "this comment is never closed");
        assert_eq!(help.as_deref(), Some("close it with `*/`"));
        assert_eq!(at, "/*");
    }

    #[test]
    fn integer_too_large() {
        let (message, label, _, at) = fails("const N = 99999999999999999999");
        assert_eq!(message, "integer literal too large");
        assert_eq!(label, "larger than 9223372036854775807");
        assert_eq!(at, "99999999999999999999");
        assert!(
            fails("invariant I: x == 9223372036854775808")
                .0
                .contains("too large")
        );
    }

    #[test]
    fn missing_type() {
        let (message, label, _, at) = fails("var x: = 1");
        assert_eq!(
            (message.as_str(), label.as_str()),
            ("unexpected `=`", "expected a type")
        );
        assert_eq!(at, "=");
    }

    #[test]
    fn garbage_at_top_level() {
        let (message, label, _, at) = fails("var x: bool\nfoo bar");
        let want = "expected one of: a declaration, `->`, `=`, end of file";
        assert_eq!(
            (message.as_str(), label.as_str()),
            ("unexpected `foo`", want)
        );
        assert_eq!(at, "foo");
        let (message, label, _, at) = fails("foo bar");
        assert_eq!(
            (message.as_str(), label.as_str()),
            ("unexpected `foo`", "expected a declaration")
        );
        assert_eq!(at, "foo");
        let (_, label, _, at) = fails("action A { x = 1 } }");
        assert_eq!(
            (label.as_str(), at.as_str()),
            ("expected one of: a declaration, end of file", "}")
        );
    }

    #[test]
    fn missing_punctuation() {
        let cases = [
            ("var x: set<int = 1", "expected one of: `->`, `>`", "="),
            ("fn f x", "expected `(`", "x"),
            (
                "action A { x = {a b} }",
                "expected one of: `,`, `:`, `}`",
                "b",
            ),
            ("action A { x 1 }", "expected `=`", "1"),
            (
                "invariant I: forall x S: x",
                "expected one of: `,`, `in`",
                "S",
            ),
            ("invariant I: f(a b)", "expected one of: `)`, `,`", "b"),
            ("invariant I: x +", "expected an expression", ""),
            ("invariant I: if a b", "expected `then`", "b"),
        ];
        for (text, want, at) in cases {
            let (_, label, _, found) = fails(text);
            assert_eq!((label.as_str(), found.as_str()), (want, at), "{text}");
        }
    }

    #[test]
    fn habits_from_other_languages_are_named() {
        for (text, message, label) in [
            (
                "var x: bool = false action A { require x && x x = true }",
                "`&&` is not Ravel",
                "write `and`",
            ),
            (
                "var x: bool = false action A { require x || x x = true }",
                "`||` is not Ravel",
                "write `or`",
            ),
            (
                "var x: bool = false action A { require x /\\ x x = true }",
                "`/\\` is not Ravel",
                "write `and`",
            ),
            (
                "var x: 0..3 = 0 action A { x++ }",
                "`++` is not Ravel",
                "write `x += 1`",
            ),
            (
                "var x: 0..3 = 0 action A { x' = 1 }",
                "`'` is not Ravel",
                "write `x = e` in an action, `next(x)` in a `transition`",
            ),
            (
                "var x: 0..3 = 0 transition Up: x' >= x",
                "`'` is not Ravel",
                "write `x = e` in an action, `next(x)` in a `transition`",
            ),
            (
                "var x: 0..3 = 0 action A { x := 1 }",
                "`:=` is not Ravel",
                "write `=`",
            ),
            (
                "var x: bool = false action A { require !x x = true }",
                "`!` is not Ravel",
                "write `not`",
            ),
        ] {
            let (message_found, label_found, _, _) = fails(text);
            assert_eq!(
                (message_found.as_str(), label_found.as_str()),
                (message, label),
                "{text}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let nested = |depth: usize| {
            let text = format!("invariant I: {}x{}", "(".repeat(depth), ")".repeat(depth));
            crate::stack::with_big_stack(|| {
                crate::syntax::parse(&Source::new("t", text)).map(|_| ())
            })
        };
        assert_eq!(nested(30), Ok(()));
        assert_eq!(nested(300), Ok(()));
        for depth in [1000, 3000, 30_000, 300_000] {
            let error = nested(depth).expect_err("too deep");
            assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
            assert_eq!(error.kind.details().message, "nested too deeply");
        }
    }

    #[test]
    fn nested_brackets_in_a_type_do_not_backtrack() {
        // Found by fuzzing: each bracket of a type was tried as a range
        // bound, then as a bracketed type (quadratic: 3,000 took 20 s).
        // Now brackets are types first, and the parser's calls are bounded.
        for n in [50, 3_000, 20_000] {
            let text = format!(
                "var x: {}[{}0{}={}",
                "(".repeat(n),
                "(".repeat(10),
                ")".repeat(10),
                ")".repeat(n)
            );
            let error =
                crate::stack::with_big_stack(|| crate::syntax::parse(&Source::new("t", text)));
            assert!(error.is_err(), "{n} brackets: not a type");
        }
        let text = format!("var x: {}0..1{}", "(".repeat(50), ")".repeat(50));
        assert!(crate::syntax::parse(&Source::new("t", text)).is_ok());
        let text = "const N = 2\nvar x: (N - 1)..N = 1";
        assert!(crate::syntax::parse(&Source::new("t", text)).is_ok());
    }

    #[test]
    fn nested_braces_parse_in_linear_passes() {
        // Each of these took time doubling per level before the grammar
        // looked ahead (20 levels of sets: 14 s); 40 levels would take days.
        let level = |n: usize, open: &dyn Fn(usize) -> String, close: &str| {
            let mut text = String::from("1");
            for i in 0..n {
                text = format!("{}{text}{close}", open(i));
            }
            text
        };
        let sets = level(40, &|_| "{".to_string(), "}");
        let comprehensions = level(40, &|_| "{ ".to_string(), " for a in 0..1 }");
        let filters = level(40, &|i| format!("{{ a{i} in "), " if true }");
        let seqs = level(40, &|_| "[".to_string(), "]");
        let members = level(40, &|i| format!("{{ a{i} in "), " }");
        for e in [sets, comprehensions, filters, seqs, members] {
            let text = format!("invariant I: 1 in {e}");
            let spec =
                crate::stack::with_big_stack(|| crate::syntax::parse(&Source::new("t", text)));
            let spec = spec.unwrap_or_else(|error| panic!("{e}: {error:?}"));
            assert_eq!(spec.items.len(), 1);
        }
    }
}
