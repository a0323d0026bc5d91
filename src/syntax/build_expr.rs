//! pest pairs → AST expressions.
//!
//! The grammar encodes precedence as one rule per level (`implies`, `disj`,
//! `conj`, `neg`, `comparison`, `range`, `sum`, `product`, `unary`,
//! `postfix`); [`expr`] takes a pair of any level and builds its tree.
//! Each function quotes the rule it builds.

use super::Rule;
use super::ast::{self, BinOp, Expr, ExprKind};
use super::build::{Built, Pair, Pairs, first, ident, next, pattern, span};
use super::error::{SyntaxError, SyntaxErrorKind};

/// `expr = { implies }`, or a pair of any precedence level or primary.
pub(super) fn expr(pair: Pair) -> Built<Expr> {
    match pair.as_rule() {
        Rule::expr => expr(first(pair)),
        Rule::implies => implies(pair),
        Rule::disj | Rule::conj | Rule::sum | Rule::product => left_assoc(pair),
        Rule::neg => neg(pair),
        Rule::comparison | Rule::range => non_assoc(pair),
        Rule::unary => unary(pair),
        Rule::postfix => postfix(pair),
        _ => primary(pair),
    }
}

/// `implies = { disj ~ ("=>" ~ implies)? }`: right-associative.
fn implies(pair: Pair) -> Built<Expr> {
    let mut inner = pair.into_inner();
    let lhs = expr(next(&mut inner))?;
    match inner.next() {
        None => Ok(lhs),
        Some(rhs) => Ok(binary(BinOp::Implies, lhs, expr(rhs)?)),
    }
}

/// `disj = { conj ~ (or_op ~ conj)* }`, `conj = { neg ~ (and_op ~ neg)* }`,
/// `sum = { product ~ (sum_op ~ product)* }`,
/// `product = { unary ~ (product_op ~ unary)* }`: left-associative.
fn left_assoc(pair: Pair) -> Built<Expr> {
    let mut inner = pair.into_inner();
    let mut lhs = expr(next(&mut inner))?;
    while let Some(op) = inner.next() {
        let rhs = expr(next(&mut inner))?;
        lhs = binary(bin_op(&op), lhs, rhs);
    }
    Ok(lhs)
}

/// `comparison = { range ~ (cmp_op ~ range)? }` and
/// `range = { sum ~ (".." ~ sum)? }`: at most one operator.
fn non_assoc(pair: Pair) -> Built<Expr> {
    let is_range = pair.as_rule() == Rule::range;
    let mut inner = pair.into_inner();
    let lhs = expr(next(&mut inner))?;
    let Some(op) = inner.next() else {
        return Ok(lhs);
    };
    if is_range {
        return Ok(binary(BinOp::Range, lhs, expr(op)?));
    }
    let rhs = expr(next(&mut inner))?;
    Ok(binary(bin_op(&op), lhs, rhs))
}

/// The operator an `or_op`, `and_op`, `cmp_op`, `sum_op` or `product_op` is.
fn bin_op(op: &Pair) -> BinOp {
    if let Some(inner) = op.clone().into_inner().next() {
        // `cmp_op` holds `not_in` or `in_op` as a child.
        return match inner.as_rule() {
            Rule::not_in => BinOp::NotIn,
            Rule::in_op => BinOp::In,
            other => unreachable!("grammar: {other:?} is not a comparison"),
        };
    }
    match op.as_str() {
        "or" => BinOp::Or,
        "and" => BinOp::And,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "union" => BinOp::Union,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Mod,
        "intersect" => BinOp::Intersect,
        "++" => BinOp::Concat,
        other => unreachable!("grammar: `{other}` is not a binary operator"),
    }
}

/// `lhs op rhs`, spanning both.
fn binary(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span.join(rhs.span);
    Expr {
        kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
        span,
    }
}

/// `neg = { not_op ~ neg | comparison }`
fn neg(pair: Pair) -> Built<Expr> {
    prefix(pair, Rule::not_op, ExprKind::Not)
}

/// `unary = { minus ~ unary | postfix }`
fn unary(pair: Pair) -> Built<Expr> {
    prefix(pair, Rule::minus, ExprKind::Neg)
}

/// A prefix operator `op` applied by `make`, or the next level down.
fn prefix(pair: Pair, op: Rule, make: fn(Box<Expr>) -> ExprKind) -> Built<Expr> {
    let mut inner = pair.into_inner();
    let head = next(&mut inner);
    if head.as_rule() != op {
        return expr(head);
    }
    let operand = expr(next(&mut inner))?;
    Ok(Expr {
        span: span(&head).join(operand.span),
        kind: make(Box::new(operand)),
    })
}

/// `postfix = { primary ~ (field_access | index_access | is_test)* }`, where
/// `field_access = { "." ~ ident }`, `index_access = { "[" ~ expr ~ "]" }`,
/// `is_test = { is_kw ~ ident }`
fn postfix(pair: Pair) -> Built<Expr> {
    let mut inner = pair.into_inner();
    let mut e = expr(next(&mut inner))?;
    for suffix in inner {
        let span = e.span.join(span(&suffix));
        let rule = suffix.as_rule();
        let mut parts = suffix.into_inner();
        let kind = match rule {
            Rule::field_access => ExprKind::Field(Box::new(e), ident(next(&mut parts))),
            Rule::index_access => ExprKind::Index(Box::new(e), Box::new(expr(next(&mut parts))?)),
            Rule::is_test => {
                let what = parts
                    .find(|p| matches!(p.as_rule(), Rule::ident | Rule::is_pattern))
                    .expect("grammar: `is` has a tag or a pattern");
                match what.as_rule() {
                    Rule::is_pattern => ExprKind::Matches(Box::new(e), Box::new(pattern(what)?)),
                    _ => ExprKind::Is(Box::new(e), ident(what)),
                }
            }
            other => unreachable!("grammar: {other:?} after an expression"),
        };
        e = Expr { kind, span };
    }
    Ok(e)
}

/// `primary = _{ paren | int_lit | true_lit | false_lit | none_lit | some_lit
///   | cardinality | if_expr | let_expr | quantifier | bracketed | record_lit
///   | braced | filter_set | variant_lit | pick | fold | sum_of | call | name }`
fn primary(pair: Pair) -> Built<Expr> {
    let span = span(&pair);
    let rule = pair.as_rule();
    let kind = match rule {
        Rule::paren => expr(first(pair))?.kind,
        Rule::int_lit => ExprKind::Int(int(&pair)?),
        Rule::true_lit => ExprKind::Bool(true),
        Rule::false_lit => ExprKind::Bool(false),
        Rule::none_lit => ExprKind::None,
        Rule::some_lit => ExprKind::Some(Box::new(expr(first(pair))?)),
        Rule::cardinality => ExprKind::Card(Box::new(expr(first(pair))?)),
        Rule::if_expr => if_expr(pair.into_inner())?,
        Rule::let_expr => let_expr(pair.into_inner())?,
        Rule::quantifier => quantifier(pair.into_inner())?,
        Rule::bracketed => bracketed(pair.into_inner())?,
        Rule::braced => braced(pair.into_inner())?,
        Rule::record_lit => ExprKind::RecordLit(field_inits(pair.into_inner())?),
        Rule::filter_set => filter_set(pair.into_inner())?,
        Rule::variant_lit => {
            let mut inner = pair.into_inner();
            let tag = ident(next(&mut inner));
            ExprKind::VariantLit(tag, field_inits(inner)?)
        }
        Rule::call => {
            let mut inner = pair.into_inner();
            let name = ident(next(&mut inner));
            ExprKind::Call(name, exprs(inner)?)
        }
        Rule::pick => pick(pair.into_inner())?,
        Rule::fold => fold(pair.into_inner())?,
        Rule::sum_of => sum_of(pair.into_inner())?,
        Rule::name => ExprKind::Name(ident(first(pair))),
        other => unreachable!("grammar: {other:?} is not an expression"),
    };
    Ok(Expr { kind, span })
}

/// `int_lit = @{ ASCII_DIGIT+ }`; a literal past `i64::MAX` is an error.
pub(super) fn int(pair: &Pair) -> Built<i64> {
    pair.as_str().parse().map_err(|_| SyntaxError {
        kind: SyntaxErrorKind::IntTooLarge,
        span: span(pair),
    })
}

/// `string = @{ "\"" ~ ("\\" ~ ("\"" | "\\" | "n") | !("\"" | "\\" | "\n") ~ ANY)* ~ "\"" }`:
/// the text between the quotes, escapes resolved.
pub(super) fn string(pair: &Pair) -> String {
    let text = pair.as_str();
    let body = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(escaped) => out.push(escaped),
            None => {}
        }
    }
    out
}

/// The expressions among `pairs` (arguments and elements).
fn exprs(pairs: Pairs) -> Built<Vec<Expr>> {
    pairs.map(expr).collect()
}

/// `field_init = { ident ~ ":" ~ expr }`, for each of `pairs`.
fn field_inits(pairs: Pairs) -> Built<Vec<(ast::Ident, Expr)>> {
    pairs
        .map(|field| {
            let mut inner = field.into_inner();
            let name = ident(next(&mut inner));
            Ok((name, expr(next(&mut inner))?))
        })
        .collect()
}

/// `if_expr = { &keyword ~ "if" ~ expr ~ "then" ~ expr ~ "else" ~ expr }`
fn if_expr(mut inner: Pairs) -> Built<ExprKind> {
    let cond = expr(next(&mut inner))?;
    let then = expr(next(&mut inner))?;
    let els = expr(next(&mut inner))?;
    Ok(ExprKind::If(Box::new(cond), Box::new(then), Box::new(els)))
}

/// `let_expr = { &keyword ~ "let" ~ ident ~ "=" ~ expr ~ ";" ~ expr }`
fn let_expr(mut inner: Pairs) -> Built<ExprKind> {
    let name = ident(next(&mut inner));
    let value = expr(next(&mut inner))?;
    let body = expr(next(&mut inner))?;
    Ok(ExprKind::Let(name, Box::new(value), Box::new(body)))
}

/// `quantifier = { quant_kind ~ binder ~ ("," ~ binder)* ~ ":" ~ expr }`, where
/// `quant_kind = @{ ("forall" | "exists") ~ !ident_char }`
fn quantifier(mut inner: Pairs) -> Built<ExprKind> {
    let quant = match next(&mut inner).as_str() {
        "forall" => ast::Quant::Forall,
        "exists" => ast::Quant::Exists,
        other => unreachable!("grammar: `{other}` is not a quantifier"),
    };
    let mut binders = Vec::new();
    while inner.peek().map(|p| p.as_rule()) == Some(Rule::binder) {
        binders.push(binder(next(&mut inner))?);
    }
    let body = expr(next(&mut inner))?;
    Ok(ExprKind::Quant(quant, binders, Box::new(body)))
}

/// `pick = { pick_kw ~ ident ~ "in" ~ range ~ (":" ~ expr)? }`
fn pick(inner: Pairs) -> Built<ExprKind> {
    let mut inner = inner.filter(|p| p.as_rule() != Rule::pick_kw);
    let name = ident(next(&mut inner));
    let domain = expr(next(&mut inner))?;
    let cond = inner.next().map(expr).transpose()?.map(Box::new);
    Ok(ExprKind::Pick(name, Box::new(domain), cond))
}

/// `fold = { fold_kw ~ "(" ~ ident ~ "=" ~ !"=" ~ expr ~ "," ~ pattern ~ "in"
/// ~ range ~ ":" ~ expr ~ ")" }`
fn fold(inner: Pairs) -> Built<ExprKind> {
    let mut inner = inner.filter(|p| p.as_rule() != Rule::fold_kw);
    let acc = ident(next(&mut inner));
    let init = expr(next(&mut inner))?;
    let pattern = pattern(next(&mut inner))?;
    let domain = expr(next(&mut inner))?;
    let body = expr(next(&mut inner))?;
    Ok(ExprKind::Fold(Box::new(ast::Fold {
        acc,
        init,
        pattern,
        domain,
        body,
    })))
}

/// `sum_of = { sum_kw ~ "(" ~ pattern ~ "in" ~ range ~ ":" ~ expr ~ ")" }`
fn sum_of(inner: Pairs) -> Built<ExprKind> {
    let mut inner = inner.filter(|p| p.as_rule() != Rule::sum_kw);
    let pattern = pattern(next(&mut inner))?;
    let domain = expr(next(&mut inner))?;
    let term = expr(next(&mut inner))?;
    Ok(ExprKind::SumOf(
        Box::new(pattern),
        Box::new(domain),
        Box::new(term),
    ))
}

/// `binder = { pattern ~ ("," ~ pattern)* ~ "in" ~ range }`
/// `domain = _{ every_map | range }`, where `every_map = { type_atom ~ "->"
/// ~ type_expr }`: what a binder ranges over.
pub(super) fn domain_expr(pair: Pair) -> Built<Expr> {
    if pair.as_rule() != Rule::every_map {
        return expr(pair);
    }
    let span = span(&pair);
    let ty = super::build::type_expr(pair)?;
    Ok(Expr {
        kind: ExprKind::EveryValue(ty),
        span,
    })
}

pub(super) fn binder(pair: Pair) -> Built<ast::Binder> {
    let mut patterns = Vec::new();
    let mut domain = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::pattern => patterns.push(pattern(p)?),
            _ => domain = Some(domain_expr(p)?),
        }
    }
    let domain = domain.expect("grammar: a binder has a domain");
    Ok(ast::Binder { patterns, domain })
}

/// `bracketed = { "[" ~ (expr ~ (map_tail | seq_for | seq_tail))? ~ "]" }`,
/// where `map_tail = { ":" ~ expr }`, `seq_for = { "for" ~ pattern ~ "in" ~
/// range ~ ("if" ~ expr)? }` and `seq_tail = { ("," ~ expr)* ~ ","? }`: a
/// sequence, a sequence built from one, or the map `[k in S: v]` (the head
/// read as `k in S`).
fn bracketed(mut inner: Pairs) -> Built<ExprKind> {
    let Some(head) = inner.next() else {
        return Ok(ExprKind::SeqLit(Vec::new()));
    };
    let head = expr(head)?;
    let tail = next(&mut inner);
    if tail.as_rule() == Rule::seq_tail {
        let mut elements = vec![head];
        elements.extend(exprs(tail.into_inner())?);
        return Ok(ExprKind::SeqLit(elements));
    }
    if tail.as_rule() == Rule::seq_for {
        let mut parts = tail.into_inner();
        let pattern = pattern(next(&mut parts))?;
        let domain = expr(next(&mut parts))?;
        let cond = parts.next().map(expr).transpose()?;
        return Ok(ExprKind::SeqMap(
            Box::new(head),
            Box::new(pattern),
            Box::new(domain),
            cond.map(Box::new),
        ));
    }
    let value = expr(first(tail))?;
    let (key, domain) = match head.kind {
        ExprKind::Binary(BinOp::In, key, domain) => match key.kind {
            ExprKind::Name(key) => (key, domain),
            _ => return Err(not_a_binder(key.span, "a name")),
        },
        _ => return Err(not_a_binder(head.span, "`k in S`")),
    };
    Ok(ExprKind::MapLit(key, domain, Box::new(value)))
}

/// `braced = { "{" ~ (expr ~ (comprehension | filter_tail | set_tail))? ~ "}" }`,
/// where `comprehension = { "for" ~ binder ~ ("if" ~ expr)? }`,
/// `filter_tail = { "if" ~ expr }` and `set_tail = { ("," ~ expr)* ~ ","? }`:
/// a set, a comprehension, or the filter `{x in S if p}` (the head read as
/// `x in S`).
fn braced(mut inner: Pairs) -> Built<ExprKind> {
    let Some(head) = inner.next() else {
        return Ok(ExprKind::SetLit(Vec::new()));
    };
    let head = expr(head)?;
    let tail = next(&mut inner);
    match tail.as_rule() {
        Rule::set_tail => {
            let mut elements = vec![head];
            elements.extend(exprs(tail.into_inner())?);
            Ok(ExprKind::SetLit(elements))
        }
        Rule::comprehension => {
            let mut parts = tail.into_inner();
            let binder = binder(next(&mut parts))?;
            let cond = parts.next().map(expr).transpose()?;
            Ok(ExprKind::SetMap(
                Box::new(head),
                Box::new(binder),
                cond.map(Box::new),
            ))
        }
        _ => {
            let cond = expr(first(tail))?;
            let ExprKind::Binary(BinOp::In, element, domain) = head.kind else {
                return Err(not_a_binder(head.span, "`x in S`"));
            };
            Ok(ExprKind::SetFilter(
                Box::new(as_pattern(*element)?),
                domain,
                Box::new(cond),
            ))
        }
    }
}

/// The pattern an expression spells: a name, `_`, `none`, `some(p)` or
/// `Tag { f: p }` (what `filter_set` would have read as a pattern).
fn as_pattern(e: Expr) -> Built<ast::Pattern> {
    let kind = match e.kind {
        ExprKind::Name(name) if name.name == "_" => ast::PatternKind::Wildcard,
        ExprKind::Name(name) => ast::PatternKind::Name(name),
        ExprKind::None => ast::PatternKind::None,
        ExprKind::Some(inner) => ast::PatternKind::Some(Box::new(as_pattern(*inner)?)),
        ExprKind::VariantLit(tag, fields) => ast::PatternKind::Variant {
            tag,
            fields: fields
                .into_iter()
                .map(|(name, value)| Ok((name, as_pattern(value)?)))
                .collect::<Built<_>>()?,
        },
        _ => return Err(not_a_binder(e.span, "a pattern")),
    };
    Ok(ast::Pattern {
        kind,
        alias: None,
        span: e.span,
    })
}

/// `{x in S if p}` or `[k in S: v]` whose head is not a binder.
fn not_a_binder(span: crate::source::Span, wanted: &str) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::NotABinder {
            wanted: wanted.to_string(),
        },
        span,
    }
}

/// `filter_set = { "{" ~ pattern ~ "in" ~ range ~ "if" ~ expr ~ "}" }`
fn filter_set(mut inner: Pairs) -> Built<ExprKind> {
    let pattern = pattern(next(&mut inner))?;
    let domain = expr(next(&mut inner))?;
    let cond = expr(next(&mut inner))?;
    Ok(ExprKind::SetFilter(
        Box::new(pattern),
        Box::new(domain),
        Box::new(cond),
    ))
}
